"""The Phoenix actor and agent dictionaries of PETRARCH-2 (`lexicons/petrarch2/`), indexed.

  Phoenix.*.actors.txt  names of people and bodies → CAMEO actor codes, bounded by dates:
                        "ELLEN_JOHNSON_SIRLEAF_" [LBRELI 560101-000101] [LBRGOV >060116]
  Phoenix.agents.txt    generic nouns → sector codes: "POLICE {} [~COP]", "INSURGENT [~REB]"

The files are parsed once into numpy arrays kept in the start-up cache (`opslens.cache`): a
process maps them and turns only the phrase keys into a dict. An actor record keeps the file and
line it came from, so every code it gives can name its origin ("Phoenix.Countries.actors.txt:27702").

Phrases are matched as whole words, case and punctuation aside ("U.N._SECRETARY_GENERAL" is
"u n secretary general", as is the text "U.N. Secretary-General"). The Phoenix files mark stopped
words inconsistently (1,227 synonyms without the final "_" are full names), so their phrases are
read whole; the extra dictionaries (below) follow the format's stems: a phrase without the final
"_" also matches longer words ("ARGENTIN" → "Argentine").

Extra dictionaries (`use_extra(DIR)`, option `extra_dictionaries`, env OPSLENS_EXTRA_DICTIONARIES):
the *actors*.txt and *agents*.txt files of a folder, read in memory and consulted before Phoenix's.
They exist for PETRARCH-2's unit-test sentences (fictional countries, eval/gates.py) and must not be
set for real news.

Dates are YYYYMMDD or YYMMDD (years below 30 are 20xx); bounds include their limits; a code
without dates holds when no dated one does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from opslens import cache as cache_module
from opslens.cache import Strings, arrays, pack_strings
from opslens.knowledge import resource

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
LEADERS_FILE = "leaders.actors.txt"  # OpsLens's own: office-holders Phoenix (CountryInfo of January 2014) lacks
# CAMEO's sector codes (codebook chapter "Actor codes"): an agent code's first three letters
# are one of these, or a finer religious or ethnic code that OpsLens does not use as a sector
SECTORS = frozenset(
    {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "REL", "EDU", "HLH", "CVL", "OPP", "REB"}
    | {"INS", "LAB", "AGR", "REF", "PTY", "IGO", "NGO", "CRM", "ELI", "ENV", "HRI", "MOD", "RAD", "UAF"}
)
ALWAYS, NEVER = 0, 99_999_999  # the bounds of a code that holds at any date
_WORD = re.compile(r"[^\W_]+")
_CODE = re.compile(r"\[([^\]}]*)[\]}]")
_AGENT = re.compile(r"^(?P<phrase>[^{\[#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]")
_PARENS = re.compile(r"\([^)]*\)")


def key(text: str) -> str:
    """A phrase or a text as the dictionaries are matched: lower-case words, space-separated,
    without a leading "the" ("THE_HERMIT_KINGDOM" and "the Hermit Kingdom" are "hermit kingdom")."""
    words = _WORD.findall(text.replace("_", " ").lower())
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul"}  # "al-Sharaa", "el-Sisi"
FOLDS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "e"), ("ey", "e"), ("q", "k"), ("ph", "f"), ("dj", "j"))


def spelling(phrase_key: str) -> str:
    """A person's name with the usual variation of its romanisation folded ("Farouk al-Sharaa",
    "FAROUK_AL_SHARA"; "Ahmed Qurei", "AHMED_QUREIA"; "Mohamed", "Muhammad"): no Arabic article,
    "ou" as "u", "q" as "k", doubled letters once, every run of vowels after a word's first letter
    one vowel. Empty for fewer than two words left."""
    words = [w for w in phrase_key.split(" ") if w not in ARTICLES]
    if len(words) < 2:
        return ""
    out = []
    for w in words:
        for a, b in FOLDS:
            w = w.replace(a, b)
        w = re.sub(r"(.)\1+", r"\1", w)
        out.append(w[0] + re.sub(r"[aeiou]+", "a", w[1:]))  # vowels after the first letter are one: "Khaled", "Khalid"
    return " ".join(out)


def date_number(value: str | None) -> int | None:
    """ "2010-05-01" (or "2010-05", "2010") → 20100501; None for no date."""
    if not value:
        return None
    digits = re.findall(r"\d+", value)
    if not digits or len(digits[0]) != 4:
        return None
    parts = [int(d) for d in digits[:3]] + [1, 1]
    return parts[0] * 10_000 + parts[1] * 100 + parts[2]


# -- records ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restriction:
    """One code of an actor and the dates it holds between (ALWAYS..NEVER: undated)."""

    code: str | None
    start: int = ALWAYS
    end: int = NEVER

    @property
    def dated(self) -> bool:
        return (self.start, self.end) != (ALWAYS, NEVER)


@dataclass(frozen=True)
class Actor:
    """A dictionary actor as matched by one of its phrases."""

    phrase: str
    file: str
    line: int  # of the phrase matched, 1-based
    restrictions: tuple[Restriction, ...]

    @property
    def origin(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def dated(self) -> bool:
        """Codes bounded by dates: an office-holder (or a body that changed hands)."""
        return any(r.dated for r in self.restrictions)

    def code_at(self, date: int | None) -> str | None:
        """The code at a date (YYYYMMDD): the first dated code holding then, else the undated
        one. With no date, the code all its codes agree on, else their country if they share
        one ("LBRELI", "LBRGOV" → "LBR"), else None."""
        if date is None:
            codes = list(dict.fromkeys(r.code for r in self.restrictions if r.code))
            if len(codes) == 1:
                return codes[0]
            return codes[0][:3] if codes and len({c[:3] for c in codes}) == 1 else None
        for r in self.restrictions:
            if r.dated and r.start <= date <= r.end:
                return r.code
        return next((r.code for r in self.restrictions if not r.dated), None)


# -- parsing --------------------------------------------------------------------------------
def _date(text: str) -> int | None:
    """YYYYMMDD or YYMMDD; the few longer typos of the files ("1920030320", "201005011") read as
    the eight digits that make a date."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        year = int(digits[:2])
        return (2000 + year if year < 30 else 1900 + year) * 10_000 + int(digits[2:])
    if len(digits) == 10:
        digits = digits[2:]
    return int(digits[:8]) if len(digits) >= 8 else None


def parse_restriction(inside: str) -> Restriction | None:
    """ "LBRGOV 031014-060116", "LBRGOV >060116", "USAELI <090120", "LBRELI", "---"; None for
    dates that cannot be read."""
    code_text, _, when = inside.strip().partition(" ")
    code_text = code_text.split("/")[0]  # "[FRO/BIL/SAM]": the first of several
    code = code_text.upper() if code_text.strip("-") else None
    when = when.replace(" ", "")
    bounds: tuple[int | None, int | None] = (ALWAYS, NEVER)
    if when.startswith("<"):
        bounds = (ALWAYS, _date(when[1:]))
    elif when.startswith(">"):
        bounds = (_date(when[1:]), NEVER)
    elif "-" in when:
        lo, hi = when.split("-", 1)
        bounds = (_date(lo), _date(hi))
    elif when:
        return None
    if bounds[0] is None or bounds[1] is None:
        return None
    return Restriction(code, bounds[0], bounds[1])


@dataclass
class Parsed:
    """Dictionaries read into plain lists: actor groups (their restrictions) and phrase keys."""

    files: list[str] = field(default_factory=list)
    groups: list[list[Restriction]] = field(default_factory=list)
    group_file: list[int] = field(default_factory=list)
    keys: dict[str, tuple[int, int, bool]] = field(default_factory=dict)  # key → group, line, stem
    agents: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # key → code, file, line


def _actor_line(line: str) -> tuple[str, Restriction | None] | None:
    """A phrase line: its phrase and the code written on it."""
    text = re.split(r"[#;]", line, maxsplit=1)[0]
    found = _CODE.search(text)
    phrase = _PARENS.sub(" ", text[: found.start()] if found else text).strip()
    if not phrase:
        return None
    return phrase, (parse_restriction(found.group(1)) if found else None)


def read_actors(parsed: Parsed, name: str, text: str, stems: bool = False) -> None:
    """One actor file into `parsed`: a phrase line opens a group, "+" lines add synonyms,
    indented "[CODE dates]" lines add codes to the group. A phrase line right after a phrase
    line with no code yet is a synonym too: the files write some people so ("BORIS_YELTSIN_",
    "YELTSIN", "PRESIDENT_YELTSIN", then the dates), and the codes after serve them all."""
    parsed.files.append(name)
    file_no = len(parsed.files) - 1
    group: list[Restriction] | None = None
    after_phrase = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith(("#", "<!--", "-->")):
            continue
        if line[0] in " \t":
            after_phrase = False
            if group is not None:
                found_codes = (parse_restriction(m) for m in _CODE.findall(line.split("#", 1)[0]))
                group.extend(r for r in found_codes if r is not None)
            continue
        found = _actor_line(line[1:] if line.startswith("+") else line)
        if found is None:
            continue
        phrase, written = found
        synonym = line.startswith("+") or (after_phrase and group is not None and not group)
        after_phrase = True
        if not synonym or group is None:
            group = []
            parsed.groups.append(group)
            parsed.group_file.append(file_no)
        if written is not None:
            group.append(written)
        k = key(phrase)
        if k and k not in parsed.keys:
            parsed.keys[k] = (len(parsed.groups) - 1, number, stems and not phrase.endswith("_"))


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")


def _substituted(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """ "CONGRESS!PERSON!" → CONGRESSMAN, CONGRESSMEN, …"""
    for marker, items in markers.items():
        if marker in phrase:
            return [p for item in items for p in _substituted(phrase.replace(marker, item), markers)]
    return [phrase]


def read_agents(parsed: Parsed, name: str, text: str) -> None:
    """One agents file into `parsed`: each phrase and its plurals → the code ("~COP" → "COP")."""
    parsed.files.append(name)
    file_no = len(parsed.files) - 1
    markers: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"\s*!\w+!\s*=", line):
            marker, items = line.split("=", 1)
            markers[marker.strip()] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        m = _AGENT.match(line)
        if m is None or line.startswith("#"):
            continue
        code = m.group("code").strip().replace("~", "").upper()
        if not code:
            continue
        for phrase in _substituted(m.group("phrase").strip(), markers):
            forms = [phrase]
            if m.group("plural") is not None:
                forms += [p for p in m.group("plural").split() if p]
            elif "!" not in m.group("phrase"):
                words = phrase.rstrip("_").split("_")
                forms.append("_".join([*words[:-1], _plural(words[-1].lower())]))
            for form in forms:
                parsed.agents.setdefault(key(form), (code, file_no, number))


def parse(texts: Sequence[tuple[str, str]], stems: bool = False) -> Parsed:
    """(file name, text) pairs: actors files and agents files, told apart by their names."""
    parsed = Parsed()
    for name, text in texts:
        if "agents" in name.lower():
            read_agents(parsed, name, text)
        else:
            read_actors(parsed, name, text, stems)
    return parsed


# -- the arrays ------------------------------------------------------------------------------
def to_arrays(parsed: Parsed) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    keys = list(parsed.keys)
    rows = [parsed.keys[k] for k in keys]
    out["key_group"] = np.asarray([r[0] for r in rows], dtype=np.int32)
    out["key_line"] = np.asarray([r[1] for r in rows], dtype=np.int32)
    out["key_stem"] = np.asarray([r[2] for r in rows], dtype=np.int8)
    flat = [r for g in parsed.groups for r in g]
    out["group_bounds"] = np.cumsum([0] + [len(g) for g in parsed.groups]).astype(np.int64)
    out["group_file"] = np.asarray(parsed.group_file, dtype=np.int16)
    out["start"] = np.asarray([r.start for r in flat], dtype=np.int32)
    out["end"] = np.asarray([r.end for r in flat], dtype=np.int32)
    surnames = _surnames(parsed, keys)
    out["surname_items"] = np.asarray([i for k in sorted(surnames) for i in surnames[k]], dtype=np.int32)
    out["surname_bounds"] = np.cumsum([0] + [len(surnames[k]) for k in sorted(surnames)]).astype(np.int64)
    spellings = _spellings(parsed, keys)
    out["spelling_key"] = np.asarray([spellings[k] for k in sorted(spellings)], dtype=np.int32)
    agents = list(parsed.agents)
    out["agent_file"] = np.asarray([parsed.agents[a][1] for a in agents], dtype=np.int16)
    out["agent_line"] = np.asarray([parsed.agents[a][2] for a in agents], dtype=np.int32)
    texts = {
        "keys": keys,
        "codes": [r.code or "" for r in flat],
        "files": parsed.files,
        "agents": agents,
        "agent_codes": [parsed.agents[a][0] for a in agents],
        "surnames": sorted(surnames),
        "spellings": sorted(spellings),
    }
    for name, values in texts.items():
        out[name], out[f"{name}_offsets"] = pack_strings(values)
    return out


def _spellings(parsed: Parsed, keys: list[str]) -> dict[str, int]:
    """Folded spelling → the key of the one person (actor with dated codes) it folds; a spelling
    two people share is left out."""
    dated = [any(r.dated for r in g) for g in parsed.groups]
    found: dict[str, set[int]] = {}
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        group = parsed.keys[k][0]
        if dated[group] and (folded := spelling(k)):
            found.setdefault(folded, set()).add(group)
            first.setdefault(folded, i)
    return {f: first[f] for f, groups in found.items() if len(groups) == 1}


def _surnames(parsed: Parsed, keys: list[str]) -> dict[str, list[int]]:
    """Last word → the keys of office-holders (actors with dated codes) it ends."""
    dated = [any(r.dated for r in g) for g in parsed.groups]
    out: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        words = k.split(" ")
        if len(words) >= 2 and len(words[-1]) >= 3 and dated[parsed.keys[k][0]]:
            out.setdefault(words[-1], []).append(i)
    return out


def _build() -> dict[str, np.ndarray]:
    folder = resource("petrarch2")
    texts = [(n, folder.joinpath(n).read_text(encoding="utf-8")) for n in ACTOR_FILES]
    texts.append((LEADERS_FILE, resource(LEADERS_FILE).read_text(encoding="utf-8")))  # after Phoenix: it only adds
    texts.append((AGENT_FILE, folder.joinpath(AGENT_FILE).read_text(encoding="utf-8")))
    return to_arrays(parse(texts))


class Dictionary:
    """One set of dictionaries as arrays, with its phrase keys as a dict."""

    def __init__(self, a: dict[str, np.ndarray]):
        self.a = a
        names = ("keys", "codes", "files", "agents", "agent_codes", "surnames", "spellings")
        texts = {n: Strings(a[n], a[f"{n}_offsets"]) for n in names}
        self.key_list = texts["keys"]
        self.codes, self.files, self.agent_codes = texts["codes"], texts["files"].tolist(), texts["agent_codes"]
        self.keys = {k: i for i, k in enumerate(texts["keys"].tolist())}
        self.agents = {k: i for i, k in enumerate(texts["agents"].tolist())}
        self.surnames = {k: i for i, k in enumerate(texts["surnames"].tolist())}
        self.spellings = dict(zip(texts["spellings"].tolist(), a["spelling_key"].tolist()))
        stems = set(np.flatnonzero(a["key_stem"]).tolist())
        self.stems = {k: i for k, i in self.keys.items() if i in stems} if stems else {}

    def actor(self, phrase_key: str) -> Actor | None:
        i = self.keys.get(phrase_key)
        if i is None and self.stems:
            i = self._stem(phrase_key)
        if i is None and (folded := spelling(phrase_key)):
            i = self.spellings.get(folded)  # "Farouk al-Sharaa" for FAROUK_AL-SHARA
        return None if i is None else self._actor(phrase_key, i)

    def _stem(self, phrase_key: str) -> int | None:
        *before, last = phrase_key.split(" ")
        for n in range(len(last) - 1, 2, -1):
            i = self.stems.get(" ".join([*before, last[:n]]))
            if i is not None:
                return i
        return None

    def _actor(self, phrase_key: str, i: int) -> Actor:
        a = self.a
        g = int(a["key_group"][i])
        lo, hi = int(a["group_bounds"][g]), int(a["group_bounds"][g + 1])
        found = [Restriction(self.codes[j] or None, int(a["start"][j]), int(a["end"][j])) for j in range(lo, hi)]
        ordered = tuple(r for r in found if r.dated) + tuple(r for r in found if not r.dated)
        return Actor(phrase_key, self.files[int(a["group_file"][g])], int(a["key_line"][i]), ordered)

    def holders(self, surname: str) -> list[Actor]:
        """The office-holders whose name ends with this word ("mugabe")."""
        s = self.surnames.get(surname)
        if s is None:
            return []
        lo, hi = int(self.a["surname_bounds"][s]), int(self.a["surname_bounds"][s + 1])
        found = [int(i) for i in self.a["surname_items"][lo:hi]]
        return [self._actor(self.key_list[i], i) for i in found]

    def agent(self, phrase_key: str) -> tuple[str, str] | None:
        """(code, origin) of an agent phrase."""
        i = self.agents.get(phrase_key)
        if i is None:
            return None
        origin = f"{self.files[int(self.a['agent_file'][i])]}:{int(self.a['agent_line'][i])}"
        return self.agent_codes[i], origin


# -- the dictionaries in use -------------------------------------------------------------------
_extra_folder: Path | None = None


def use_extra(folder: str | Path | None) -> None:
    """Consult the dictionaries of `folder` before Phoenix's (None: none). Evaluation only."""
    global _extra_folder
    _extra_folder = Path(folder) if folder else None
    dictionaries.cache_clear()


def extra_folder() -> Path | None:
    return _extra_folder


@cache
def phoenix() -> Dictionary:
    made = arrays("phoenix", _build, sources=[__file__, cache_module.__file__, str(resource(LEADERS_FILE))])
    return Dictionary(made)


@cache
def dictionaries() -> tuple[tuple[Dictionary, bool], ...]:
    """The dictionaries consulted, in order, each with whether it is an extra (fictional) one."""
    found: list[tuple[Dictionary, bool]] = []
    if _extra_folder is not None:
        files = sorted(p for p in _extra_folder.iterdir() if p.suffix == ".txt")
        parsed = parse([(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files], stems=True)
        found.append((Dictionary(to_arrays(parsed)), True))
    found.append((phoenix(), False))
    return tuple(found)


def actor(phrase: str) -> tuple[Actor, bool] | None:
    """The actor a phrase names (matched whole), and whether it comes from an extra dictionary."""
    k = key(phrase)
    if not k:
        return None
    for d, extra in dictionaries():
        found = d.actor(k)
        if found is not None:
            return found, extra
    return None


def holders(surname: str) -> list[tuple[Actor, bool]]:
    """Office-holders of the dictionaries whose name ends with this word."""
    k = key(surname)
    return [(a, extra) for d, extra in dictionaries() for a in d.holders(k)] if k else []


def agent(words: Sequence[str]) -> tuple[str, str] | None:
    """(code, origin) of an agent phrase given as words ("dock", "workers")."""
    k = key(" ".join(words))
    for d, _ in dictionaries():
        found = d.agent(k)
        if found is not None:
            return found
    return None


def actors_in(words: Sequence[str], longest: int = 6) -> Iterator[tuple[int, int, Actor, bool]]:
    """The dictionary actors among a run of words: (start, end, actor, extra), longest first at
    each start."""
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + longest), i, -1):
            found = actor(" ".join(words[i:j]))
            if found is not None:
                yield i, j, found[0], found[1]
                i = j - 1
                break
        i += 1
