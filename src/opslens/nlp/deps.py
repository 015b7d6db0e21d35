"""The words of the dependency parse every stage reads: which labels mark a subject, which
clauses share their head's subject, which prepositions say where. Each set is defined once;
where stages need a different set, it is a named variant built from the same parts.

Labels are spaCy's English ones (ClearNLP style: nsubj, nsubjpass, agent, xcomp, advcl …).
"""

from __future__ import annotations

# -- subjects ----------------------------------------------------------------------------------
SUBJECTS = frozenset({"nsubj", "nsubjpass"})  # a clause's own subject
# who acts, also where the parse gives it as a passive's by-phrase or a possessive ("Moscow's
# denial"): the attribution taggers' notion of a subject
SUBJECT_LIKE = SUBJECTS | {"agent", "poss"}
# clauses that take their subject from the clause they hang on ("said it would, adding …",
# "agreed to meet", "met and talked")
SHARES_SUBJECT = frozenset({"advcl", "conj", "xcomp"})
# … and, for who does an act, the complements of an adjective or a preposition too ("ready to
# talk", "after meeting Y")
SHARES_SUBJECT_WITH_COMPLEMENTS = SHARES_SUBJECT | {"acomp", "pcomp"}

# a subordinate clause that states a condition ("if", "unless"): its act may not happen
CONDITION_MARKS = frozenset({"if", "unless"})

# -- where: prepositions ------------------------------------------------------------------------
# where something is or happens ("in X", "near X")
AT_PLACE = frozenset({"in", "at", "near", "outside", "inside"})
# … or the place an act goes to or comes from ("to X", "across X"): an event's place
TOWARD_PLACE = AT_PLACE | {"to", "into", "across", "throughout", "within", "around", "from", "on"}
# the place an act is done in or aimed at, as its target ("fired into X", "deployed across X")
PLACE_TARGET = frozenset({"in", "into", "at", "on", "to", "inside", "across", "throughout", "within", "around", "near"})
# where a name stands as a place ("based in X", "counties in X, Y and Z"); not "at", "to",
# "from": "jabs at Smith", "a letter to Smith"
PLACE_OF_A_NAME = frozenset(
    {"in", "near", "outside", "inside", "within", "across", "throughout", "around", "into", "toward", "towards"}
)
# a word just before a place name the NER missed ("in X", "from X", "between X and Y")
BEFORE_A_PLACE = frozenset(
    {
        "in",
        "near",
        "from",
        "at",
        "outside",
        "across",
        "around",
        "to",
        "toward",
        "towards",
        "into",
        "of",
        "between",
        "throughout",
        "within",
        "via",
        "downtown",
    }
)
# a group and where it is from or in ("rebels in the Ivory Coast", "Albanians of Serbia")
GROUP_LOCATIVES = frozenset({"in", "from", "of", "inside", "across"})
