"""The order of the analysis stages, written once.

One spaCy pass per article (batched with `nlp.pipe`), then each stage adds one kind of fact.
Errors of one article become its `ErrorRecord`; the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice

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
        return self._stages(article, self.nlp(article.text), start)

    def analyze_many(self, items: Iterable[Item]) -> Iterator[Result]:
        """Analyses in input order; error records pass through in their place."""
        it = iter(items)
        while batch := list(islice(it, self.options.batch_size)):
            yield from self._batch(batch)

    def _batch(self, batch: list[Item]) -> Iterator[Result]:
        ready: list[Article] = []
        results: list[Result | None] = []
        for item in batch:
            if isinstance(item, Article):
                try:
                    self._check_length(item)
                    ready.append(item)
                    results.append(None)
                    continue
                except OpsLensError as exc:
                    item = _error(item, exc)
            results.append(item)
        start = time.perf_counter()
        docs = list(self.nlp.pipe(a.text for a in ready))
        parse_share = (time.perf_counter() - start) / max(len(ready), 1)
        pairs = iter(zip(ready, docs))
        for i, slot in enumerate(results):
            if slot is None:
                article, doc = next(pairs)
                try:
                    results[i] = self._stages(article, doc, time.perf_counter() - parse_share)
                except Exception as exc:  # one article's failure must not stop the batch
                    log.exception("analysis of %s failed", article.origin or article.id)
                    results[i] = _error(article, exc)
        yield from results  # type: ignore[misc]

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


def _error(article: Article, exc: Exception) -> ErrorRecord:
    code = exc.code if isinstance(exc, OpsLensError) else "internal"
    message = str(exc) if isinstance(exc, OpsLensError) else f"internal error while analysing: {exc!r}"
    return ErrorRecord(id=article.id, error=message, code=code, origin=article.origin)
