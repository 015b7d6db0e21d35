"""The pipeline's attribute rules (part of speech, morphology and a few lemmas from each fine tag),
applied with the same result as spaCy's `attribute_ruler` in a tenth of its time.

The stock component runs a Matcher of ~180 patterns over every token and builds a Span for every
match, which costs about a tenth of the whole parse. Nearly all its patterns look at one token
only, and only at its tag, dependency, whitespace flag and lowercase form; so which of them match
a token is a function of those four values, remembered once seen. The word itself matters only
to the few patterns that name words: any other word is remembered as "another word". The few
patterns of several tokens ("gon na", "there is") keep a small Matcher, run only from the tokens
that can begin one (also remembered by key). Every token then takes its matched rules'
attributes in the stock order (rule by rule), so the output is the same. A pipeline whose
rules look at anything else keeps the stock component (`accelerate`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from spacy import attrs
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

STOCK = "attribute_ruler"
CACHED = "opslens_attributes"
READ = ("TAG", "DEP", "IS_SPACE", "LOWER")  # what one-token rules may test
MAX_REMEMBERED = 100_000  # keys remembered, a bound on memory over a long batch

Key = tuple[int, int, int, int]


class CachedAttributes:
    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.single = Matcher(ruler.vocab, validate=False)
        self.multi = Matcher(ruler.vocab, validate=False)
        self.starts = Matcher(ruler.vocab, validate=False)  # the first token of each longer pattern
        self.longest = 1
        self.words: set[int] = set()  # the lowercase forms that some one-token rule names
        self.word_tests: list[Callable[[str], object]] = []  # the rules' patterns over forms
        for attr_id, pattern in _patterns(ruler):
            key = str(attr_id)
            self._note_words(pattern[0].get("LOWER"))
            if len(pattern) == 1:
                self.single.add(key, [pattern])
            else:
                self.multi.add(key, [pattern])
                self.starts.add("start", [pattern[:1]])
                self.longest = max(self.longest, len(pattern))
        self.remembered: dict[Key, tuple[tuple[int, ...], bool]] = {}
        self.relevant: dict[int, bool] = {}

    @staticmethod
    def takes(ruler: AttributeRuler) -> bool:
        """Whether every one-token rule, and every longer one's first token, tests only what a key
        holds (words by name, list or pattern), and every longer rule has a fixed length."""
        for _attr_id, pattern in _patterns(ruler):
            if len(pattern) > 1 and any("OP" in token for token in pattern):
                return False  # a pattern of fixed length is matched from its first token
            if any(attr not in READ for attr in pattern[0]):
                return False
            lower = pattern[0].get("LOWER")
            if isinstance(lower, dict) and not set(lower) <= {"IN", "REGEX"}:
                return False
        return True

    def _note_words(self, lower: object) -> None:
        strings = self.ruler.vocab.strings
        if isinstance(lower, str):
            self.words.add(strings.add(lower))
        elif isinstance(lower, dict):
            self.words.update(strings.add(word) for word in lower.get("IN", ()))
            if "REGEX" in lower:
                self.word_tests.append(re.compile(lower["REGEX"]).search)

    def __call__(self, doc: Doc) -> Doc:
        if len(self.remembered) > MAX_REMEMBERED or len(self.relevant) > MAX_REMEMBERED:
            self.remembered.clear()
            self.relevant.clear()
        keys = [self._key(tag, dep, space, lower) for tag, dep, space, lower in self._rows(doc)]
        if any(key not in self.remembered for key in keys):
            self._remember(doc, keys)
        found = [self.remembered[key] for key in keys]
        rules = [ids for ids, _start in found]
        for i, (_ids, start) in enumerate(found):
            if start:
                for attr_id, at in self._longer(doc, i):
                    rules[at] = tuple(sorted((*rules[at], attr_id)))  # later rules win, as in the stock component
        for i, ids in enumerate(rules):
            if ids:
                token = doc[i]
                for attr_id in ids:
                    set_token_attrs(token, self.ruler.attrs[attr_id])
        return doc

    def _longer(self, doc: Doc, i: int) -> list[tuple[int, int]]:
        """The longer rules matched from token i: each rule's id and the token it sets."""
        matched = []
        for match_id, start, end in self.multi(doc[i : i + self.longest], allow_missing=True):
            if start == 0:
                attr_id = int(self.ruler.vocab.strings[match_id])
                matched.append((attr_id, i + self._index(attr_id, start, end)))
        return matched

    def _rows(self, doc: Doc) -> list[list[int]]:
        return doc.to_array([attrs.TAG, attrs.DEP, attrs.IS_SPACE, attrs.LOWER]).tolist()

    def _key(self, tag: int, dep: int, space: int, lower: int) -> Key:
        found = self.relevant.get(lower)
        if found is None:
            found = self.relevant[lower] = lower in self.words or self._tested(lower)
        return tag, dep, space, lower if found else 0

    def _tested(self, lower: int) -> bool:
        if not self.word_tests:
            return False
        word = self.ruler.vocab.strings[lower]
        return any(test(word) for test in self.word_tests)

    def _index(self, attr_id: int, start: int, end: int) -> int:
        index = self.ruler.indices[attr_id]
        return index if index >= 0 else end - start + index

    def _remember(self, doc: Doc, keys: list[Key]) -> None:
        """The one-token rules each token of the document matches, run as the stock Matcher runs them."""
        matched: list[list[int]] = [[] for _ in keys]
        for match_id, start, _end in self.single(doc, allow_missing=True):
            matched[start].append(int(self.ruler.vocab.strings[match_id]))
        begins = {start for _id, start, _end in self.starts(doc, allow_missing=True)}
        for i, (key, ids) in enumerate(zip(keys, matched, strict=True)):
            self.remembered[key] = (tuple(sorted(ids)), i in begins)


def _patterns(ruler: AttributeRuler) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Every pattern of the ruler with its rule's number, its place in the stock order."""
    for attr_id, rule in enumerate(ruler.patterns):
        for pattern in cast(list[list[dict[str, Any]]], rule["patterns"]):
            yield attr_id, pattern


@Language.factory(CACHED)
def make_cached_attributes(nlp: Language, name: str) -> CachedAttributes:
    return CachedAttributes(cast(AttributeRuler, nlp.get_pipe(STOCK)))


def accelerate(nlp: Language) -> None:
    """Put the cached rules in the stock component's place, where its rules allow."""
    ruler = nlp.get_pipe(STOCK) if STOCK in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler) or not CachedAttributes.takes(ruler):
        return
    nlp.add_pipe(CACHED, after=STOCK)
    nlp.disable_pipe(STOCK)
