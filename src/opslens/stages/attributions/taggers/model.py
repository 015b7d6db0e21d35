"""Learned attribution spans: where annotators put the edges of cues, sources and contents.

Two linear-chain CRFs read the spaCy parse. The cue tagger labels each sentence's tokens as cue
or not; the role tagger labels, for one cue, the tokens of the sentences around it as its
source, its content or neither. What they read is `attribution_features`; their scores are
summed by `attribution_scores` and decoded by `linear_chain`.

The models are data: `lexicons/models/attribution-{cue,role}.crfsuite`, trained by
`tools/train_attribution.py` on the PolNeAR train compartment (see the models' README), and read
through the start-up cache (`taggers/arrays.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from opslens import knowledge
from opslens.errors import ModelError
from opslens.stages.attributions.taggers import arrays as tagger_arrays
from opslens.stages.attributions.taggers import scores as attribution_scores
from opslens.stages.attributions.taggers.features import CLUSTERS, MODELS, DocInfo
from opslens.stages.attributions.taggers.linear_chain import LinearChain

CUE_MODEL = tagger_arrays.MODEL_FILES["cue"]
ROLE_MODEL = tagger_arrays.MODEL_FILES["role"]
BEFORE, AFTER = 0, 1  # sentences around a cue's own that its source and content may reach (see role_window)
MAX_QUOTE_TOKENS = 400  # a longer "quotation" is an unpaired mark, not words to take in whole
LIKELY_CUE = 0.3  # chosen on the dev compartment: .2 → all spans .791, .3 → .798, .4 → .798 (cue .614 → .621 → .615)


@dataclass(frozen=True)
class Roles:
    """A cue and the tokens the role tagger gave it (token indices, end exclusive)."""

    cue: tuple[int, int]
    source: list[tuple[int, int]]
    content: list[tuple[int, int]]


def window(info: DocInfo, cue: tuple[int, int], after: int = AFTER) -> tuple[int, int]:
    """The sentences around the cue's, stretched to take in whole the quotations that open or
    close in them (a quotation of many sentences before "she said")."""
    k = info.sent[cue[0]]
    start = info.sents[max(0, k - BEFORE)].start
    end = info.sents[min(len(info.sents) - 1, info.sent[cue[1] - 1] + after)].end
    for q in {info.quote[i] for i in (start, end - 1)} - {-1}:
        tokens = info.quote_tokens[q]
        if tokens.stop - tokens.start <= MAX_QUOTE_TOKENS:
            start, end = (
                min(start, info.sents[info.sent[tokens.start]].start),
                max(end, info.sents[info.sent[tokens.stop - 1]].end),
            )
    return start, end


# -- tagging ----------------------------------------------------------------------------------
@cache
def _chains() -> dict[str, LinearChain]:
    return tagger_arrays.load()  # from the start-up cache, or built from the model files once


def _chain(name: str) -> LinearChain:
    return _chains()[name]


def available() -> bool:
    root = knowledge.resource(MODELS)
    return root.joinpath(CUE_MODEL).is_file() and root.joinpath(ROLE_MODEL).is_file()


def require() -> None:
    """Raise ModelError unless every file the taggers read is installed: the two models and the
    word-class centroids their features were trained with. Call it when a pipeline that uses the
    taggers is built, so that a missing file stops the run at once instead of quietly giving
    rules-only attributions; rules-only runs (`--fast`, attribution_taggers=false) never call it."""
    root = knowledge.resource(MODELS)
    missing = [name for name in (CUE_MODEL, ROLE_MODEL, CLUSTERS) if not root.joinpath(name).is_file()]
    if missing:
        raise ModelError(
            f"the attribution taggers' {'files are' if len(missing) > 1 else 'file is'} missing: "
            f"{', '.join(missing)} in {root} (reinstall OpsLens, or retrain with tools/train_attribution.py); "
            "--fast (OPSLENS_ATTRIBUTION_TAGGERS=false) finds attributions by the rules alone"
        )


def find_cues(info: DocInfo) -> list[tuple[int, int]]:
    chain = _chain(CUE_MODEL)
    # a sentence wholly in quotation marks is the speaker's own words: hardly ever sourcing (one cue in 650 in PolNeAR)
    sents = [s for s in info.sents if not _wholly_quoted(info, s.start, s.end)]
    every = attribution_scores.cue_scores(info, chain)
    scores = [every[s.start : s.end] for s in sents]
    cue_labels = [chain.labels.index("B"), chain.labels.index("C")]
    cues = []
    for s, labels, marginals in zip(sents, chain.best(scores), chain.marginals(scores)):
        found = _runs(labels, s.start, "C", begin="B")
        cues += found + _likely_cues(marginals[:, cue_labels].sum(axis=1).tolist(), labels, s.start, found)
    return sorted(cues)


def _likely_cues(
    cue_probability: list[float], labels: list[str], offset: int, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Runs of words the best labelling leaves out but that are a cue with probability
    LIKELY_CUE or more (the tagger's marginals): PolNeAR's long tail of cues ("ignoring", "to
    attack") is where its recall is lost; one inside another report's content is embedded in it."""
    likely = [lab if lab != "O" or p < LIKELY_CUE else "C" for lab, p in zip(labels, cue_probability)]
    taken = {i for run in found for i in range(*run)}
    return [run for run in _runs(likely, offset, "C", begin="B") if not taken.intersection(range(*run))]


def _wholly_quoted(info: DocInfo, start: int, end: int) -> bool:
    return all(info.quote[i] >= 0 or info.is_space[i] for i in range(start, end))


def role_window(info: DocInfo, cue: tuple[int, int]) -> tuple[int, int]:
    """The tokens the role tagger labels for one cue: the cue's sentence, and the next one when
    it opens a quotation (tagging costs by the token, and a content reaches into the next
    sentence hardly ever otherwise)."""
    span = window(info, cue, after=0)
    return window(info, cue) if _quote_follows(info, span[1]) else span


def find_roles(info: DocInfo, cues: Sequence[tuple[int, int]]) -> list[Roles]:
    """Each cue's source and content, the cues of one document decoded in one batch."""
    chain = _chain(ROLE_MODEL)
    spans = [role_window(info, cue) for cue in cues]
    labelled = chain.best(attribution_scores.role_scores(info, chain, cues, spans))
    return [
        Roles(
            cue, _runs(labels, span[0], "S"), [_whole_quotation(info, cue, run) for run in _runs(labels, span[0], "C")]
        )
        for cue, span, labels in zip(cues, spans, labelled)
    ]


def _whole_quotation(info: DocInfo, cue: tuple[int, int], run: tuple[int, int]) -> tuple[int, int]:
    """A content that takes in the opening of a quotation after its cue and stops inside it, or
    ends at the close of one before its cue and starts inside it, takes that whole quotation: the
    tagger reads sentence by sentence and tends to stop at a full stop of a quotation of many
    ("He said: “A. B. C.”")."""
    start, end = run
    q = _quotation(info, end - 1)
    if q is not None and start <= q.start + 1 and end < q.stop and q.start >= cue[1]:
        end = q.stop
    q = _quotation(info, end - 1)
    if q is not None and q.stop - end <= 1 and start > q.start and q.stop <= cue[0]:
        start = q.start
    return start, end


def _quotation(info: DocInfo, i: int) -> range | None:
    """The tokens (marks included) of the quotation token i is in, if it is not an unpaired mark's run."""
    q = info.quote[i]
    return info.quote_tokens[q] if q >= 0 and len(info.quote_tokens[q]) <= MAX_QUOTE_TOKENS else None


def _quote_follows(info: DocInfo, i: int) -> bool:
    """Whether the next sentence opens a quotation ("“A,” she said. “B.”": B is hers too)."""
    n = info.n
    while i < n and info.is_space[i]:
        i += 1
    return i < n and info.quote[i] >= 0


def _runs(labels: list[str], offset: int, kind: str, begin: str | None = None) -> list[tuple[int, int]]:
    """Token ranges of consecutive labels of one kind; with `begin`, a begin label opens a new run."""
    if kind not in labels and (begin is None or begin not in labels):
        return []  # most sentences: no cue
    runs: list[tuple[int, int]] = []
    start = None
    for n, lab in enumerate([*labels, "O"]):
        opens = begin is not None and lab == begin
        inside = lab == kind or opens
        if start is not None and (not inside or opens):
            runs.append((offset + start, offset + n))
            start = None
        if inside and start is None:
            start = n
    return runs
