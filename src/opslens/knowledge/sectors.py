"""Groups of CAMEO actor sectors (the three letters after a country code: GOV, REB, CVL, …) that
the events stage reads an actor's country by.

  HOME_SECTORS   groups that act in their own country: an opposition or rebel group, or unidentified
                 gunmen, with no country written take the country their clause acts in, else the one
                 country its sentence names
  STATE_SECTORS  offices of a state, held where the news is: an office-holder with no country
                 written takes the one country its sentence names (or its title's convention)
  LOCAL_SECTORS  groups that belong where they act ("students protested in Tehran"): not refugees,
                 and not state forces or officials, who often act abroad
  ARMED_SECTORS  armed forces and groups, state or not: when they "strike" they use force

The sector codes are those of the CAMEO 1.1b3 codebook, chapter "Actor codes".
"""

from __future__ import annotations

HOME_SECTORS = {"OPP", "REB", "INS", "LAB", "AGR", "UAF"}
STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP"}
LOCAL_SECTORS = {"CVL", "LAB", "EDU", "AGR", "OPP", "BUS", "MED", "REL", "HLH"}
ARMED_SECTORS = {"MIL", "REB", "UAF", "INS", "SEP", "COP", "SPY"}
