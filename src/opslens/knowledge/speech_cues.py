"""The speech cues of `lexicons/speech_cues.tsv`: the words that introduce reported content
("said", "warned", "his claim that …"), what each takes as its content, its class, and the forms
in which it is an act of its own that reports nothing ("agreed to hold talks").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from opslens.knowledge import read_tsv, split_list

LEXICON = "speech_cues.tsv"


@dataclass(frozen=True)
class Cue:
    phrase: str
    takes: frozenset[str]
    kind: str
    acts: frozenset[str] = frozenset()  # forms in which the verb is an act and reports nothing ("agreed to hold talks")


SAYING = Cue("", frozenset({"clause"}), "speech")  # a verb the lexicon lacks that the punctuation shows reports words


@cache
def cue_lexicon(pos: str = "verb") -> dict[str, Cue]:
    """The cues of one part of speech ("verb" or "noun") by lemma, or by lemma and particle ("call for")."""
    return {
        row["cue"]: Cue(
            row["cue"], frozenset(split_list(row["takes"])), row["class"], frozenset(split_list(row["act"]))
        )
        for row in read_tsv(LEXICON)
        if row["pos"] == pos
    }


@cache
def cue_words() -> frozenset[str]:
    """The first word of every cue, verb or noun: the words the rules look at."""
    return frozenset(c.split()[0] for pos in ("verb", "noun") for c in cue_lexicon(pos))


@cache
def cue_classes() -> dict[str, str]:
    """The class of each cue's first word (its first row wins): a feature of the attribution taggers."""
    out: dict[str, str] = {}
    for row in read_tsv(LEXICON):
        out.setdefault(row["cue"].split()[0], row["class"])
    return out
