"""Body cleaning: boilerplate lines out; title, byline, credits and dateline read off the text.

Credit lines stay in the body (the analysis finds entities in "With reporting by AFP, Reuters");
they are only *read*. Agencies are recognised by shape — a parenthesised capitalised name before
a dash, a name after a closing dash — never from a fixed list (see lexicons/credits.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from opslens import knowledge

MAX_TITLE = 200
TERMINAL = tuple('.!?:”"…')
LEAD_PARAGRAPHS = 2  # a dateline opens the first paragraph, or the second after a byline

NAME = r"[A-Za-z][\w.&'’/\-]*(?: [A-Z][\w.&'’/\-]*){0,3}"  # "Reuters", "AFP", "dpa", "RFE/RL", "Associated Press"
DASH = r"(?:[-–—]{1,2})"
DATELINE = re.compile(
    rf"(?P<place>[^\W\d_][^\W\d_.'’\- ]*(?:[ .'’\-]+[^\W\d_]+){{0,4}}\.?)"  # MOSCOW, ST. PETERSBURG
    rf"(?:,[^()\n]{{1,40}}?)?"  # ", Ukraine", ", Jan 5"
    rf"\s*\((?P<agency>{NAME})\)\s*{DASH}\s"
)
AGENCY_LEAD = re.compile(rf"\((?P<agency>{NAME})\)\s*{DASH}\s")
AGENCY_END = re.compile(  # "... he said. — AFP", "... (Reuters)" at the very end
    rf"(?:^|(?<=[.!?\"”’)])\s+){DASH}\s*(?P<dash>{NAME})\.?$|(?:^|(?<=[.!?\"”’])\s+)\((?P<paren>{NAME})\)\.?$"
)
WITH_REPORTING = re.compile(
    r"(?:with (?:additional )?reporting|based on (?:reporting|reports)|compiled from (?:wire )?reports)"
    r" (?:by|from) (?P<names>.+)",
    re.I,
)
SOURCE = re.compile(r"sources?:\s*(?P<names>.+)", re.I)
PEOPLE = re.compile(r"(?:additional )?(?:reporting|writing|reported|written) by (?P<names>.+)", re.I)
BYLINE = re.compile(r"(?:By|BY|by)\s+(?P<names>[A-Z][^\n]{1,80})")
SPLIT_NAMES = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s*;\s*")
IN_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z].*$")
# fmt: off
SMALL_WORDS = frozenset([
    "de", "da", "das", "do", "dos", "del", "la", "le", "les", "al", "el", "au", "aux", "sur",
    "of", "on", "upon", "am", "an", "der", "den", "di", "du", "des", "y", "e",
])
# fmt: on


@dataclass
class Credits:
    credits: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # reporters named in "Reporting by …"
    dateline: str | None = None

    def add(self, names: list[str]) -> None:
        self.credits.extend(n for n in names if n not in self.credits)


# ---------------------------------------------------------------- boilerplate


@cache
def boilerplate_pattern() -> re.Pattern:
    """lexicons/boilerplate.txt as one alternation (one regex pass per line)."""
    text = knowledge.resource("boilerplate.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return re.compile("|".join(f"(?:{line})" for line in lines if line and not line.startswith("#")), re.I)


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and boilerplate_pattern().fullmatch(stripped) is not None


def remove_boilerplate(text: str) -> str:
    """Drop furniture lines, trailing spaces and the blank runs they leave behind."""
    lines = [line.rstrip() for line in text.split("\n") if not is_boilerplate(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ---------------------------------------------------------------- title and byline


def split_title(text: str) -> tuple[str | None, str]:
    """A first paragraph that is one short line without closing punctuation is the headline."""
    first, sep, rest = text.partition("\n\n")
    head = first.strip()
    if not sep or not rest.strip() or "\n" in head or len(head) > MAX_TITLE:
        return None, text
    if head.endswith(TERMINAL) or byline_names(head) or not re.search(r"[^\W\d_]", head):
        return None, text
    return re.sub(r"^#+\s*", "", head), rest.strip()


def byline_names(line: str) -> str | None:
    """ "By Jane Doe and John Roe" -> "Jane Doe and John Roe" (not "By Monday, troops had left.")."""
    match = BYLINE.fullmatch(line.strip())
    if not match or match["names"].rstrip().endswith(TERMINAL) or len(match["names"].split()) > 8:
        return None
    names = match["names"].strip()
    return names if is_name_list(names) else None


def is_name_list(byline: str) -> bool:
    """Whether `byline` names people or agencies: every item (split at commas, "and", "&", ";")
    is capitalised words, name particles and newsroom words ("Ludwig van der Berg", "Reuters
    staff", "dpa"). "The Russian and Syrian defense ministries" is a phrase about someone: a
    page's author block may hold it (the claim a fact check examines), but it is no byline."""
    items = [item.strip() for item in SPLIT_NAMES.split(byline.strip()) if item.strip()]
    return bool(items) and all(_name_shaped(item) for item in items)


def _name_shaped(item: str) -> bool:
    words = item.split()
    if len(words) == 1 and _agency_shaped(words[0]):
        return True
    allowed = byline_words()
    return all(not w[0].isalpha() or w[0].isupper() or w.lower() in allowed for w in words)


@cache
def byline_words() -> frozenset[str]:
    """lexicons/byline_words.txt: the lowercase words a byline may hold."""
    text = knowledge.resource("byline_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.strip()) and not w.startswith("#"))


def find_byline(text: str) -> str | None:
    """A "By Jane Doe" paragraph among the first ones."""
    for para in paragraphs(text)[:3]:
        names = byline_names(para) if "\n" not in para else None
        if names:
            return names
    return None


# ---------------------------------------------------------------- credits and datelines


def parse_credits(text: str) -> Credits:
    found = Credits()
    _dateline(text, found)
    for line in text.split("\n"):
        _credit_line(line.strip(), found)
    _closing_agency(text, found)
    return found


def _dateline(text: str, found: Credits) -> None:
    for para in paragraphs(text)[:LEAD_PARAGRAPHS]:
        match = DATELINE.match(para)
        if match and match["place"].isupper():
            found.dateline = title_case_place(match["place"])
            found.add([match["agency"]])
            return
        match = AGENCY_LEAD.match(para)
        if match:
            found.add([match["agency"]])
            return


def _credit_line(line: str, found: Credits) -> None:
    line = re.sub(rf"^{DASH}\s*", "", line).strip()
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    if not line or len(line) > 300:
        return
    match = WITH_REPORTING.fullmatch(line) or (SOURCE.fullmatch(line) if len(line) <= 80 else None)
    if match:
        found.add(split_names(match["names"]))
        return
    if PEOPLE.match(line):
        _people(line, found)


def _people(line: str, found: Credits) -> None:
    """Reuters-style staff credits: "Reporting by A and B; Editing by C" (editors are not bylines)."""
    segments = re.split(r";\s*|,\s*(?=(?:additional\s+)?\w+ by\b)", line, flags=re.I)
    for segment in segments:
        match = PEOPLE.fullmatch(segment.strip())
        if match:  # "Editing by …" does not match: editors are not the byline
            found.people.extend(n for n in split_names(match["names"]) if n not in found.people)


def _closing_agency(text: str, found: Credits) -> None:
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    match = AGENCY_END.search(last)
    if match and (match["dash"] or match["paren"]):
        name = match["dash"] or match["paren"]
        if _agency_shaped(name):
            found.add([name])


def _agency_shaped(name: str) -> bool:
    """A capitalised name of at most four words, or a short lowercase acronym such as "dpa"."""
    return name[0].isupper() or (len(name) <= 4 and name.isalpha())


def split_names(names: str) -> list[str]:
    """ "AFP, Reuters, and TASS." -> ["AFP", "Reuters", "TASS"]; "Jane Doe in Kyiv" -> ["Jane Doe"]."""
    out: list[str] = []
    for item in SPLIT_NAMES.split(names.strip().rstrip(".")):
        item = IN_PLACE.sub("", item.strip().rstrip(".").strip())
        item = re.sub(r"^the\s+", "", item)  # lowercase "the" only: "The Guardian" is a name
        if item and item[0].isupper() and len(item.split()) <= 6 and item not in out:
            out.append(item)
    return out


def title_case_place(place: str) -> str:
    """ "MOSCOW" -> "Moscow", "RIO DE JANEIRO" -> "Rio de Janeiro", "PORT-AU-PRINCE" -> "Port-au-Prince"."""
    parts = re.split(r"([ \-])", place.lower())
    out = []
    for i, part in enumerate(parts):
        keep_small = i > 0 and part in SMALL_WORDS
        out.append(part if keep_small else re.sub(r"['’]S\b", lambda m: m[0].lower(), part.title()))
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
