"""The Analyzer: articles parsed and taken through the stages (`stages.STAGES`, in their order).

One spaCy pass per article (batched with `nlp.pipe`, a few articles at a time inside a memory
zone), then each stage adds one kind of fact. The parser and every stage are English-only: an
article in another language is not parsed, and its analysis says so (`Analysis.skipped`, see
`skip_reason`). Errors of one article become its `ErrorRecord`; the batch goes on. A stage that
fails on an article (a defect) costs only its own facts: the analysis keeps the others and names
the failure (`PipelineInfo.failed`). Nothing of an article is kept once its analysis is handed on.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.tokens import Doc

from opslens import __version__, cache
from opslens import nlp as nlp_loader
from opslens.contract import Analysis, Article, ErrorRecord, PipelineInfo, Skipped, StageFailure
from opslens.errors import InputError, InputTooLargeError, OpsLensError
from opslens.ingest.language import language_name
from opslens.knowledge import lexicon_digest, phoenix
from opslens.pipeline.stages import STAGES, Stage, configured, fill
from opslens.settings import Options
from opslens.stages.attributions.taggers import model as attribution_model

log = logging.getLogger(__name__)
YOUNG_OBJECTS = 10_000  # allocations between two collections of the youngest generation (Python's default: 700)


# The spaCy pipeline and the lexicons are English: a parse of another language would give
# confident nonsense (entities, events), worse than no facts at all.
ANALYZED_LANGUAGES = frozenset({"en"})


def skip_reason(article: Article) -> Skipped | None:
    """Why the stages must not run on `article`, or None when they run."""
    if article.language in ANALYZED_LANGUAGES:
        return None
    code = article.language
    note = f"{language_name(code)} ({code}): OpsLens analyses English only; the text is stored"
    return Skipped(reason="language", language=code, note=note)


Item = Article | ErrorRecord | Analysis  # an analysis taken from the store passes through
Result = Analysis | ErrorRecord
Passing = TypeVar("Passing")  # what analyze_many hands on as it is: anything but an article


def analyzer_version() -> str:
    return f"opslens {__version__}+lex.{lexicon_digest()}"


class Analyzer:
    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        cache.use(self.options.cache_dir)
        phoenix.use_extra(self.options.extra_dictionaries)
        self.nlp = nlp_loader.load(self.options.model)
        self.version = (
            analyzer_version()
            + ("" if self.options.attribution_taggers else "+rules")
            + ("+extra-dictionaries" if self.options.extra_dictionaries else "")
        )
        self.model = nlp_loader.describe(self.nlp)
        if self.options.attribution_taggers:
            attribution_model.require()  # a missing model is an error, never a quiet fall-back to the rules
        self.stages = configured(STAGES, self.options)
        _settle_collector()

    def analyze(self, article: Article) -> Analysis:
        """One article; raises on failure (use `analyze_many` for batches)."""
        skipped = skip_reason(article)
        if skipped:
            return self._unanalyzed(article, skipped)
        self._check_length(article)
        start = time.perf_counter()
        with self.nlp.memory_zone():
            return self._stages(article, self.nlp(article.text), start)

    def analyze_many(self, items: Iterable[Article | Passing]) -> Iterator[Result | Passing]:
        """Analyses in input order, each handed on as soon as it is made; anything but an article
        (an error record, an analysis taken from the store) passes through in its place. Articles
        are parsed a few at a time (`_batches`), each batch inside a spaCy memory zone: the words
        and lexemes its documents added to the shared vocabulary are dropped once its analyses are
        handed on, so a long batch does not grow the process (spaCy otherwise keeps every string
        it has seen)."""
        for batch in _batches(iter(items), self.options.batch_size, self.options.batch_chars):
            with self.nlp.memory_zone():
                yield from self._batch(batch)

    def _batch(self, batch: list[Article | Passing]) -> Iterator[Result | Passing]:
        settled = [self._settled(item) for item in batch]  # an Article: to parse and analyse
        ready = [item for item in settled if isinstance(item, Article)]
        start = time.perf_counter()
        docs = list(self.nlp.pipe(a.text for a in ready))
        parse_share = (time.perf_counter() - start) / max(len(ready), 1)
        docs.reverse()  # taken from the end, so that each is let go once analysed
        for item in settled:
            if isinstance(item, Article):
                yield self._guarded(item, docs.pop(), time.perf_counter() - parse_share)
            else:
                yield item

    def _guarded(self, article: Article, doc: Doc, started: float) -> Result:
        try:
            return self._stages(article, doc, started)
        except Exception as exc:  # one article's failure must not stop the batch
            log.exception("analysis of %s failed", article.origin or article.id)
            return _error(article, exc)

    def _settled(self, item: Article | Passing) -> Result | Passing | Article:
        """The result of an item that needs no parse (an error record, an article the stages skip
        or cannot take), or the article itself when it is to be parsed and analysed. Anything but
        an article passes through as it is."""
        if not isinstance(item, Article):
            return item
        skipped = skip_reason(item)
        if skipped:
            return self._unanalyzed(item, skipped)
        try:
            self._check_length(item)
        except OpsLensError as exc:
            return _error(item, exc)
        return item

    def _stages(self, article: Article, doc: Doc, started: float) -> Analysis:
        analysis = Analysis(
            article=article,
            pipeline=PipelineInfo(version=self.version, model=self.model, input=article.fingerprint()),
        )
        for stage in self.stages:
            self._run(stage, doc, analysis)
        analysis.pipeline.elapsed_ms = int((time.perf_counter() - started) * 1000)
        return analysis

    def _run(self, stage: Stage, doc: Doc, analysis: Analysis) -> None:
        """One stage; a defect in it must not cost the article its other facts."""
        try:
            fill(analysis, stage, stage.run(doc, analysis))
        except Exception as exc:
            log.exception("stage %s failed on %s", stage.name, analysis.article.origin or analysis.article.id)
            analysis.pipeline.failed.append(StageFailure(stage=stage.name, error=f"{type(exc).__name__}: {exc}"))
            return
        analysis.pipeline.stages.append(stage.name)

    def _unanalyzed(self, article: Article, skipped: Skipped) -> Analysis:
        """The article kept as it is: no parse, no stage, every fact list empty."""
        return Analysis(
            article=article,
            skipped=skipped,
            pipeline=PipelineInfo(version=self.version, model=self.model, stages=[], input=article.fingerprint()),
        )

    def _check_length(self, article: Article) -> None:
        if len(article.text) > self.nlp.max_length:
            raise InputTooLargeError(
                f"article text has {len(article.text):,} characters; the analyser takes at most "
                f"{self.nlp.max_length:,} (split the document)",
                origin=article.origin,
            )


def _settle_collector() -> None:
    """The model, the taggers and the lexicons are loaded to stay: frozen, the cycle collector
    no longer walks them at every full pass. An article makes hundreds of thousands of small
    objects that die young (tokens, spans, records), and the collector, run every 700 of them,
    cost ~3% of the main job; every 10,000 it costs under 1%. Nothing of the output changes."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(max(_young, YOUNG_OBJECTS), middle, old)


def _batches(items: Iterator[Article | Passing], most: int, most_chars: int) -> Iterator[list[Article | Passing]]:
    """Consecutive items, at most `most` of them and at most `most_chars` characters of article
    text (a longer article alone): the parse of a batch takes memory in proportion to its text
    (about 10 kB a token), which 32 long articles at once made the largest cost of a run."""
    batch: list[Article | Passing] = []
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
    if isinstance(exc, InputError):
        message = exc.detail  # the record names its origin apart
    elif isinstance(exc, OpsLensError):
        message = str(exc)
    else:
        message = f"internal error while analysing: {exc!r}"
    return ErrorRecord(id=article.id, error=message, code=code, origin=article.origin)
