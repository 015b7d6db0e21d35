"""The order of the analysis stages, written once.

One spaCy pass per article (batched with `nlp.pipe`, a few articles at a time inside a memory
zone), then each stage adds one kind of fact. Errors of one article become its `ErrorRecord`;
the batch goes on. Nothing of an article is kept once its analysis is handed on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc

from opslens import __version__, cache
from opslens.analyze import nlp as nlp_loader
from opslens.analyze.attributions import find_attributions
from opslens.analyze.brief import make_brief
from opslens.analyze.entities import find_entities
from opslens.analyze.events import find_events
from opslens.analyze.places import find_places
from opslens.analyze.times import find_times
from opslens.errors import InputTooLargeError, OpsLensError
from opslens.lexicons import lexicon_digest
from opslens.model import Analysis, Article, ErrorRecord, PipelineInfo
from opslens.settings import Options

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stage:
    field: str  # the Analysis field the stage fills
    run: Callable[[Doc, Analysis], object]


STAGES: tuple[Stage, ...] = (
    Stage("entities", find_entities),
    Stage("times", find_times),
    Stage("places", find_places),
    Stage("attributions", find_attributions),
    Stage("events", find_events),
    Stage("brief", make_brief),
)

def configured(stages: tuple[Stage, ...], options: Options) -> tuple[Stage, ...]:
    """The stages with the settings that concern them."""
    if options.attribution_taggers:
        return stages
    rules_only = partial(find_attributions, taggers=False)
    return tuple(Stage(s.field, rules_only) if s.field == "attributions" else s for s in stages)


Item = Article | ErrorRecord
Result = Analysis | ErrorRecord


def analyzer_version() -> str:
    return f"opslens {__version__}+lex.{lexicon_digest()}"


class Analyzer:
    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        cache.use(self.options.cache_dir)
        self.nlp = nlp_loader.load(self.options.model)
        self.version = analyzer_version() + ("" if self.options.attribution_taggers else "+rules")
        self.model = nlp_loader.describe(self.nlp)
        self.stages = configured(STAGES, self.options)

    def analyze(self, article: Article) -> Analysis:
        """One article; raises on failure (use `analyze_many` for batches)."""
        self._check_length(article)
        start = time.perf_counter()
        with self.nlp.memory_zone():
            return self._stages(article, self.nlp(article.text), start)

    def analyze_many(self, items: Iterable[Item]) -> Iterator[Result]:
        """Analyses in input order, each handed on as soon as it is made; error records pass
        through in their place. Articles are parsed a few at a time (`_batches`), each batch
        inside a spaCy memory zone: the words and lexemes its documents added to the shared
        vocabulary are dropped once its analyses are handed on, so a long batch does not
        grow the process (spaCy otherwise keeps every string it has seen)."""
        for batch in _batches(iter(items), self.options.batch_size, self.options.batch_chars):
            with self.nlp.memory_zone():
                yield from self._batch(batch)

    def _batch(self, batch: list[Item]) -> Iterator[Result]:
        checked = [self._checked(item) for item in batch]
        ready = [item for item in checked if isinstance(item, Article)]
        start = time.perf_counter()
        docs = list(self.nlp.pipe(a.text for a in ready))
        parse_share = (time.perf_counter() - start) / max(len(ready), 1)
        docs.reverse()  # taken from the end, so that each is let go once analysed
        for item in checked:
            if isinstance(item, Article):
                yield self._guarded(item, docs.pop(), time.perf_counter() - parse_share)
            else:
                yield item

    def _checked(self, item: Item) -> Item:
        if isinstance(item, Article):
            try:
                self._check_length(item)
            except OpsLensError as exc:
                return _error(item, exc)
        return item

    def _guarded(self, article: Article, doc: Doc, started: float) -> Result:
        try:
            return self._stages(article, doc, started)
        except Exception as exc:  # one article's failure must not stop the batch
            log.exception("analysis of %s failed", article.origin or article.id)
            return _error(article, exc)

    def _stages(self, article: Article, doc: Doc, started: float) -> Analysis:
        analysis = Analysis(
            article=article,
            pipeline=PipelineInfo(version=self.version, model=self.model, stages=[s.field for s in STAGES]),
        )
        for stage in self.stages:
            setattr(analysis, stage.field, stage.run(doc, analysis))
        analysis.pipeline.elapsed_ms = int((time.perf_counter() - started) * 1000)
        return analysis

    def _check_length(self, article: Article) -> None:
        if len(article.text) > self.nlp.max_length:
            raise InputTooLargeError(
                f"article text has {len(article.text):,} characters; the analyser takes at most "
                f"{self.nlp.max_length:,} (split the document)",
                origin=article.origin,
            )


def _batches(items: Iterator[Item], most: int, most_chars: int) -> Iterator[list[Item]]:
    """Consecutive items, at most `most` of them and at most `most_chars` characters of article
    text (a longer article alone): the parse of a batch takes memory in proportion to its text
    (about 10 kB a token), which 32 long articles at once made the largest cost of a run."""
    batch: list[Item] = []
    chars = 0
    for item in items:
        size = len(item.text) if isinstance(item, Article) else 0
        if batch and (len(batch) >= most or chars + size > most_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


def _error(article: Article, exc: Exception) -> ErrorRecord:
    code = exc.code if isinstance(exc, OpsLensError) else "internal"
    message = str(exc) if isinstance(exc, OpsLensError) else f"internal error while analysing: {exc!r}"
    return ErrorRecord(id=article.id, error=message, code=code, origin=article.origin)
