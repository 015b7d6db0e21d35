"""The CAMEO 2.0 verb dictionary of PETRARCH-2 (`lexicons/petrarch2/CAMEO.2.0.txt`), read into a
compact index kept in the start-up cache (`opslens.cache`), so that a process maps it instead of
parsing 9,000 lines.

The file (format: PETRARCH-2's dictionaries-format.rst) holds synonym sets (`&NAME` then `+WORD`
lines), then verb blocks: a `--- NAME [code] ---` line, the block's verbs (`VERB {irregular
forms} [own code]`, multi-word verbs with a `+` on the verb: `+CALL_OFF`), and patterns

    - [words before the verb] * [words after it] (PREP object) ...   [code]   # comment

Words after the verb are its particles, objects and complements; a braced phrase `{FINANCIAL AID}`
has its head last; `(FOR AID)` is a prepositional phrase; `&NAME` stands for any word of a synonym
set. A code `[a:b]` is TABARI's pair for the two directions of a complex event: the first
(source→target) is the one read here; `[:b]`, with no first, is an act the subject receives ("* LOAN"
of RECEIVE, "* (IN &DETENTION)" of DIE): done to the subject by the other side (`Pattern.received`).
`[---]` marks a pattern that is no event ("avoid an attack").

The index (`VerbIndex`): verb lemma → its blocks' patterns, its own code and its block's code. Every
word is stored lower-case with its regular singular (`forms`), so a parse's lemmas match it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from opslens import cache as cache_module
from opslens.knowledge import resource

FILE = ("petrarch2", "CAMEO.2.0.txt")
NAME = "cameo-verbs"

Slot = str  # one word of a phrase ("aid", "tear gas" in a set), or a synonym set's name ("&WEAPON")
Phrase = tuple[Slot, ...]  # the words of a noun phrase, head last


@dataclass(frozen=True)
class Prep:
    """A prepositional phrase of a pattern: "(FOR {FINANCIAL AID})"; `obj` empty for "(TO)"."""

    prep: Slot
    obj: Phrase


@dataclass(frozen=True)
class Pattern:
    """One pattern line: the phrases that must stand before (the subject) and after the verb (its
    particles, objects, complements), its prepositional phrases, and the code (None: no event)."""

    before: tuple[Phrase, ...]
    after: tuple[Phrase, ...]
    preps: tuple[Prep, ...]
    code: str | None
    line: int
    received: bool = False  # `[:b]`: the subject is the target, the other side the source
    written_for: str = field(default="", compare=False)  # the verb its comment names ("# RECOGNISE")

    def heads(self) -> tuple[frozenset[str], ...]:
        """For each phrase, its head's forms, and each preposition: one of each must be among a
        sentence's words for the pattern to hold (a quick test before the parse is read)."""
        sets = synsets()
        out = [
            sets.get(p[-1], frozenset()) if p[-1].startswith("&") else forms(p[-1]) for p in (*self.before, *self.after)
        ]
        out += [sets.get(p.prep, frozenset()) if p.prep.startswith("&") else frozenset({p.prep}) for p in self.preps]
        return tuple(out)

    @property
    def weight(self) -> int:
        """How much of a sentence the pattern pins down: its words, a preposition counting one."""
        size = sum(len(p) for p in (*self.before, *self.after)) + sum(1 + len(p.obj) for p in self.preps)
        return size


@dataclass(frozen=True)
class Verb:
    """A verb of the dictionary: its own code (else its block's; None: no event alone) and the
    patterns of its blocks, with its multi-word forms ("call off") as patterns of their own."""

    lemma: str
    code: str | None
    line: int
    patterns: tuple[Pattern, ...]
    heads: tuple[tuple[frozenset[str], ...], ...] = ()  # `Pattern.heads` of each pattern
    keyed: dict[str, list[int]] = field(default_factory=dict, compare=False)  # see `candidates`
    free: tuple[int, ...] = ()  # the patterns with no head (only a verb form): always candidates

    def candidates(self, words: set[str]) -> list[int]:
        """The patterns, in order, each of whose heads has a form among `words` (the quick test
        of `Pattern.heads`). A common verb has a hundred patterns or more: each is looked up by
        the forms of its narrowest head (`keyed`), and only those found are tested whole."""
        found = {i for word in words for i in self.keyed.get(word, ())}
        found.update(self.free)
        return [i for i in sorted(found) if all(h & words for h in self.heads[i])]


# -- reading the file ---------------------------------------------------------------------------
TOKEN = re.compile(r"\{[^}]*\}|\(|\)|[^\s(){}]+")
CODE = re.compile(r"\[([^\]]*)\]")


def singular(word: str) -> str:
    """The regular singular of an English noun (a verb or an irregular word comes back as it is)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def forms(word: str) -> frozenset[str]:
    return frozenset({word, singular(word)})


def parse_code(text: str) -> str | None:
    """ "[190]" → "190", "[042:043]" → "042", "[:173]" → "173", "[---]" → None."""
    parts = [p.strip() for p in text.split(":")]
    first = next((p for p in parts if p), "")
    return first if first and first != "---" and first.isdigit() else None


def _words(raw: str) -> str:
    return raw.replace("_", " ").strip().lower()


def read_synsets(lines: list[str]) -> dict[str, tuple[str, ...]]:
    """`&NAME` → its words (with their regular plurals unless the name or word ends with `_`)."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current is not None:
            sets[current].append(_words(line[1:].split()[0] if line[1:].split() else ""))
        elif line.startswith("---"):
            break
    return {name: tuple(w for w in words if w) for name, words in sets.items()}


def _slot(word: str, synsets: dict[str, tuple[str, ...]]) -> Slot | None:
    if word.startswith("&"):
        return word if word in synsets else None  # an undefined set makes the pattern unusable, as upstream
    if word in ("$", "%", "^", "+"):
        return ""  # source/target/skip markers: position only, no word to match
    return _words(word)


def _phrase(token: str, synsets: dict[str, tuple[str, ...]]) -> Phrase | None:
    """A bare word, a synonym set or a braced phrase as a tuple of slots (None: unusable)."""
    words = token[1:-1].split() if token.startswith("{") else [token]
    slots = [_slot(w, synsets) for w in words]
    if any(s is None for s in slots):
        return None
    return tuple(s for s in slots if s)


def parse_pattern(text: str, line: int, synsets: dict[str, tuple[str, ...]]) -> Pattern | None:
    """One `- … * … [code]` line (None when it uses an undefined synonym set or has no code)."""
    body, _, comment = text[1:].partition("#")
    found = CODE.search(body)
    if found is None:
        return None
    before: list[Phrase] = []
    after: list[Phrase] = []
    preps: list[Prep] = []
    side = before
    tokens = TOKEN.findall(body[: found.start()])
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "*":
            side = after
        elif tok == "(":
            close = tokens.index(")", i) if ")" in tokens[i:] else len(tokens)
            inner = tokens[i + 1 : close]
            prep = _slot(inner[0], synsets) if inner else None
            rest = [_phrase(t, synsets) for t in inner[1:]]
            if not prep or any(r is None for r in rest):
                return None
            obj = tuple(s for r in rest for s in r)  # type: ignore[union-attr]
            preps.append(Prep(prep, obj))
            i = close
        elif tok != ")":
            phrase = _phrase(tok, synsets)
            if phrase is None:
                return None
            if phrase:
                side.append(phrase)
        i += 1
    code = found.group(1)
    written_for = comment.split()[0].lower() if comment.split() else ""
    received = code.strip().startswith(":")
    return Pattern(tuple(before), tuple(after), tuple(preps), parse_code(code), line, received, written_for)


def _verb_entry(line: str) -> tuple[str, tuple[str, ...], tuple[str, ...], str | None] | None:
    """A verb line: (verb lemma, words before it, words after it, own code: None when it has
    none, "" for `[---]`, no event). `+CALL_OFF` → ("call", (), ("off",)); `WIRE_+TAP` → ("tap",
    ("wire",), ())."""
    text = re.sub(r"\{[^}]*\}", " ", line.split("#", 1)[0])
    found = CODE.search(text)
    own = (parse_code(found.group(1)) or "") if found else None
    head = text[: found.start()] if found else text
    if not head.split():
        return None
    words = head.split()[0].split("_")
    at = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").lower() for w in words]
    if not words[at].isalpha():
        return None
    return words[at], tuple(words[:at]), tuple(words[at + 1 :]), own


def inflections(verb: str) -> set[str]:
    """The regular forms of a verb, as PETRARCH-2 generates them: -s/-es/-ies, -ed/-d/-ied, -ing,
    with a doubled final consonant ("stage" → "staged", "staging"; "ship" → "shipped")."""
    out = {verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        out.add(verb + "es")
    if verb.endswith("e"):
        out |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        out |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        out |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
        if len(re.findall(r"[aeiouy]+", verb)) == 1:  # one syllable: "ragged", never "raged"
            out -= {verb + "ed", verb + "ing"}
    return out


def irregular_forms(line: str) -> set[str]:
    """The forms a verb line lists in braces: "BRING {BRINGS BRINGING BROUGHT }" (one-word verbs)."""
    found = re.search(r"\{([^}]*)\}", line.split("#", 1)[0])
    words = found.group(1).split() if found else []
    return {w.lower() for w in words if w.isalpha()}


def read_forms(lines: list[str]) -> dict[str, str]:
    """Inflected form → verb lemma, for every one-word verb of the blocks (a form that is itself a
    verb of the dictionary stays that verb)."""
    forms_of: dict[str, str] = {}
    in_verbs = False
    for raw in lines:
        if raw.startswith("---"):
            in_verbs = True
        elif (
            in_verbs and raw[:1].isalpha() and (entry := _verb_entry(raw)) is not None and not entry[1] and not entry[2]
        ):
            for form in inflections(entry[0]) | irregular_forms(raw):
                forms_of.setdefault(form, entry[0])
    return forms_of


def read_blocks(lines: list[str], synsets: dict[str, tuple[str, ...]]) -> dict[str, list]:
    """verb lemma → [code, line, [Pattern …]] over every block it is in."""
    verbs: dict[str, list] = {}
    block_code: str | None = None
    members: list[tuple[str, tuple[str, ...], tuple[str, ...], str | None, int]] = []
    patterns: list[Pattern] = []

    def close() -> None:
        for lemma, pre, post, own, line in members:
            entry = verbs.setdefault(lemma, [None, line, []])
            mine = (own or None) if own is not None else block_code  # "HOLD [---]" in a [170] block: no event
            if pre or post:  # a multi-word verb is a pattern of its own verb
                phrases = tuple((w,) for w in (*pre, *post))
                entry[2].append(Pattern((), phrases, (), mine, line))
                continue
            if entry[0] is None and mine is not None:
                entry[0], entry[1] = mine, line
            entry[2].extend(patterns)

    in_verbs = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if line.startswith("---"):
            close()
            found = CODE.search(line)
            block_code, members, patterns, in_verbs = (parse_code(found.group(1)) if found else None), [], [], True
        elif not in_verbs or not line.strip() or line.startswith("#") or line.startswith("~"):
            continue
        elif line.startswith("-"):
            pattern = parse_pattern(line, number, synsets)
            if pattern is not None:
                patterns.append(pattern)
        elif (entry := _verb_entry(line)) is not None:
            members.append((*entry, number))
    close()
    return verbs


# -- the index ----------------------------------------------------------------------------------
def _pattern_json(p: Pattern) -> list:
    preps = [[x.prep, list(x.obj)] for x in p.preps]
    return [[list(x) for x in p.before], [list(x) for x in p.after], preps, p.code, p.line, p.received]


def _ordered(lemma: str, patterns: list[Pattern]) -> list[Pattern]:
    """A verb's patterns once each (a block may list one twice: the first kept), heaviest first.
    Where a block gives the same words two codes, the pattern written for this verb (its comment
    names it: "- * INDEPENDENCE [054] # RECOGNISE" against "[017] # CELEBRATE") goes first."""
    unique: dict[tuple, Pattern] = {}
    for p in patterns:
        unique.setdefault((p.before, p.after, p.preps, p.code), p)
    return sorted(unique.values(), key=lambda p: (-p.weight, p.written_for not in _spellings(lemma), p.line))


def _spellings(lemma: str) -> set[str]:
    """A verb and its other spelling ("recognize", "recognise")."""
    return {lemma, lemma.replace("ize", "ise"), lemma.replace("ise", "ize")}


def build() -> dict[str, np.ndarray]:
    """The verbs (sorted), each verb's entry as a JSON string, and the synonym sets as one JSON
    string: packed strings (the cache keeps arrays, no pickles), decoded one verb at a time."""
    lines = resource(*FILE).read_text(encoding="utf-8").splitlines()
    synsets = read_synsets(lines)
    verbs = read_blocks(lines, synsets)
    lemmas = sorted(verbs)
    entries = [
        json.dumps([verbs[v][0], verbs[v][1], [_pattern_json(p) for p in _ordered(v, verbs[v][2])]]) for v in lemmas
    ]
    forms_of = {f: v for f, v in read_forms(lines).items() if f not in verbs}
    form_keys = sorted(forms_of)
    form_blob, form_offsets = cache_module.pack_strings([f"{f} {forms_of[f]}" for f in form_keys])
    lemma_blob, lemma_offsets = cache_module.pack_strings(lemmas)
    entry_blob, entry_offsets = cache_module.pack_strings(entries)
    sets_blob, sets_offsets = cache_module.pack_strings([json.dumps(synsets)])
    return {
        "lemmas": lemma_blob,
        "lemma_offsets": lemma_offsets,
        "entries": entry_blob,
        "entry_offsets": entry_offsets,
        "synsets": sets_blob,
        "synset_offsets": sets_offsets,
        "forms": form_blob,
        "form_offsets": form_offsets,
    }


def cached() -> dict[str, np.ndarray]:
    """The index from the start-up cache (built and saved on first use)."""
    return cache_module.arrays(NAME, build, sources=[__file__, cache_module.__file__])


@cache
def _table() -> dict[str, np.ndarray]:
    return cached()


@cache
def _positions() -> dict[str, int]:
    """verb lemma → its position in the table."""
    table = _table()
    return {v: i for i, v in enumerate(cache_module.Strings(table["lemmas"], table["lemma_offsets"]).tolist())}


@cache
def synsets() -> dict[str, frozenset[str]]:
    """`&NAME` → the word forms of its members (a multi-word member by its last word)."""
    table = _table()
    raw = json.loads(cache_module.Strings(table["synsets"], table["synset_offsets"])[0])
    return {name: frozenset(f for w in words for f in forms(w.split()[-1])) for name, words in raw.items()}


def _pattern_of(row: list) -> Pattern:
    before, after, preps, code, line, received = row
    return Pattern(
        tuple(tuple(p) for p in before),
        tuple(tuple(p) for p in after),
        tuple(Prep(p, tuple(o)) for p, o in preps),
        code,
        line,
        received,
    )


@cache
def verb(lemma: str) -> Verb | None:
    """The dictionary's entry for a verb lemma, its patterns heaviest first (decoded on first use:
    under a millisecond)."""
    at = _positions().get(lemma)
    if at is None:
        return None
    table = _table()
    code, line, patterns = json.loads(cache_module.Strings(table["entries"], table["entry_offsets"])[at])
    decoded = [_pattern_of(p) for p in patterns]  # unique and in order since `build`
    heads = tuple(p.heads() for p in decoded)
    keyed: dict[str, list[int]] = {}
    for i, sets in enumerate(heads):
        for word in min(sets, key=len) if sets else ():
            keyed.setdefault(word, []).append(i)
    free = tuple(i for i, sets in enumerate(heads) if not sets)
    return Verb(lemma, code, line, tuple(decoded), heads, keyed, free)


@cache
def _forms() -> dict[str, str]:
    table = _table()
    pairs = cache_module.Strings(table["forms"], table["form_offsets"]).tolist()
    return dict(p.split(" ", 1) for p in pairs)


def lemma_of(form: str) -> str | None:
    """The dictionary verb an inflected form belongs to ("staged" → "stage"), for a word the
    tagger lemmatised wrongly ("staged" → "stag")."""
    return _forms().get(form)


@cache
def verbs() -> frozenset[str]:
    """Every verb lemma of the dictionary."""
    return frozenset(_positions())
