"""Typed records that cross module boundaries.

The JSON contract `opslens.analysis/1` (shared/analysis-contract.md) is these records
serialised with `Analysis.to_json()`; `opslens schema` prints their JSON Schema.
Offsets are Python `str` indices into `Article.text`, end exclusive.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "opslens.analysis/1"

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
OrgKind = Literal[
    "state_media",
    "wire_agency",
    "news_outlet",
    "government_body",
    "military",
    "igo",
    "ngo",
    "company",
    "party",
    "other",
]
Precision = Literal["year", "month", "day", "minute"]
DateSource = Literal["given", "metadata", "inferred", "unknown"]
PlaceFeature = Literal["city", "country", "admin", "region", "other"]
TextSource = Literal["input", "link", "feed_entry"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(Record):
    """A stretch of `Article.text`: the evidence behind a fact."""

    start: int
    end: int
    text: str


class Passage(Span):
    """A span that may skip words: `fragments` lists its pieces as [start, end] pairs when it
    is discontinuous (a quotation interrupted by "she said")."""

    fragments: list[list[int]] | None = None


class Published(Record):
    value: str | None = None
    precision: Precision | None = None
    source: DateSource = "unknown"
    confidence: float = 0.0


class Article(Record):
    id: str
    sha256: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    language: str = Field(
        default="en",
        description="Language detected from the text (ISO 639-1, or langdetect's "
        "code such as 'zh-cn'). Only English articles are analysed.",
    )
    published: Published = Field(default_factory=Published)
    credits: list[str] = Field(default_factory=list)
    dateline: str | None = Field(default=None, description="Place of a dateline such as 'MOSCOW (Reuters) -'.")
    origin: str | None = Field(default=None, description="Where the input came from: path, path:line or URL.")
    text_source: TextSource = Field(
        default="input",
        description="Where `text` comes from. input: the file, page, JSONL line or URL given; link: the page a feed "
        "entry links to; feed_entry: the feed entry's own content or summary (links not followed, or "
        "the link could not be used: see text_note).",
    )
    text_note: str | None = Field(
        default=None,
        description="Why the text is not from where it would normally come, in words: 'The link https://… could "
        "not be used: HTTP 404 Not Found from https://…. Analysed the feed entry's summary instead.' "
        "Null when there is nothing to say.",
    )
    text: str

    def fingerprint(self) -> str:
        """sha256 of the record as it enters the analysis, where it came from aside: the same text
        with another id, date or title is another input, and may be analysed differently."""
        return hashlib.sha256(self.model_dump_json(exclude={"origin"}).encode("utf-8")).hexdigest()


class Role(Record):
    title: str
    country: str | None = None
    sector: str | None = None
    former: bool = False
    organization: str | None = Field(default=None, description="The organisation the office belongs to, when written.")
    evidence: Span | None = None
    rule: str | None = Field(default=None, description="Which mechanism found the role, for audit.")


class Entity(Record):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    country: str | None = None
    actor_code: str | None = None
    kind: OrgKind | None = None
    mentions: list[Span] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="Rules and lexicon entries behind this entity.")


class Place(Record):
    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: PlaceFeature | None = None
    mentions: list[Span] = Field(default_factory=list)


class Time(Record):
    id: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = None
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, …")
    rule: str | None = Field(default=None, description="Which recognition rule found it, for audit.")


class ChainLink(Record):
    name: str
    entity: str | None = None
    kind: str | None = None
    country: str | None = None


class Attribution(Record):
    id: str
    cue: Span | None = None
    source: Span | None = None
    content: Passage
    direct: bool = False
    speaker: str | None = None
    anonymous: bool = False
    chain: list[ChainLink] = Field(default_factory=list)
    reports: bool = Field(
        default=True,
        description="False when the cue is an act of its own that reports nothing ('agreed to hold talks', 'met to "
        "discuss the crisis'): PolNeAR marks such cues, but no one is sourced by them and the events in "
        "their content are not reported by them.",
    )
    embedded: list[Attribution] = Field(
        default_factory=list,
        description="Reports inside this one's content ('X said that Y accused Z'): relayed by this source, "
        "each with its own chain, outermost first. The list above holds the article's own reports.",
    )


class ActorRef(Record):
    entity: str | None = None
    code: str | None = None
    members: list[ActorRef] | None = Field(
        default=None,
        description="A compound actor's parts ('Hungary and Romania'); entity and code are the first coded part's.",
    )


class EventDate(Record):
    time: str | None = None
    value: str | None = None


class Event(Record):
    id: str
    plover: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source_actor: ActorRef | None = None
    target_actor: ActorRef | None = None
    reciprocal: bool = Field(
        default=False,
        description="Both sides act ('X and Y signed', 'X telephoned Y'): the source lists them, no target.",
    )
    date: EventDate | None = None
    place: str | None = None
    modality: Literal["asserted", "reported", "planned", "hypothetical", "negated", "denied", "demanded"] = "asserted"
    background: bool = False
    attribution: str | None = None
    statement: str | None = Field(
        default=None,
        description="The attribution this event is the speech act of ('warned X to \"…\"'): its cue is the event word.",
    )
    cue: Span | None = Field(default=None, description="The event word itself ('visit', 'sanctions').")
    evidence: Span
    rule: str | None = Field(default=None, description="The lexicon entry or rule that made the event, for audit.")
    confidence: float = 0.5


class QuotedSource(Record):
    """One source the article quotes or reports, with how often and through whom."""

    name: str
    entity: str | None = None
    kind: str | None = None
    country: str | None = None
    anonymous: bool = False
    attributions: list[str] = Field(default_factory=list)
    direct: int = Field(default=0, description="How many of those are direct quotations.")
    via: list[str] = Field(default_factory=list, description="Outer links of the chains: who relayed it.")


class Sourcing(Record):
    quoted: list[QuotedSource] = Field(default_factory=list)
    anonymous: int = Field(default=0, description="Attributions to sources the text does not name.")
    anonymous_sources: int = Field(default=0, description="Distinct unnamed sources those attributions rest on.")
    state_media: list[str] = Field(default_factory=list, description="State media in any chain, by name.")
    unsourced: int = Field(default=0, description="Reports with no source written ('it was reported').")


class Dyad(Record):
    """The tone between two actors (countries, or actor codes without one) across the article's
    events: Goldstein sum and how many acts were cooperative (quad class 1-2) or conflictual (3-4)."""

    actors: list[str] = Field(description="The two sides, sorted: country codes ('GBR', 'RUS') or actor codes.")
    names: list[list[str]] = Field(default_factory=list, description="Entity names seen on each side.")
    events: list[str] = Field(
        default_factory=list, description="Ids of the events between them (key developments first)."
    )
    goldstein: float = Field(default=0.0, description="Sum of the events' Goldstein values.")
    cooperative: int = 0
    conflictual: int = 0
    tone: Literal["cooperative", "conflictual", "mixed", "neutral"] = "neutral"


class Brief(Record):
    key_developments: list[str] = Field(default_factory=list)
    background: list[str] = Field(default_factory=list)
    summary: str = ""
    lead: Span | None = Field(default=None, description="The sentence the summary is taken from.")
    sourcing: Sourcing = Field(default_factory=Sourcing)
    dyads: list[Dyad] | None = Field(default=None, description="Tone of each actor pair, most events first.")


class StageFailure(Record):
    """A stage that raised on this article: its facts are missing, the others are there."""

    stage: str
    error: str


class PipelineInfo(Record):
    version: str
    model: str
    elapsed_ms: int = 0
    stages: list[str] = Field(default_factory=list, description="The stages that ran, in order.")
    failed: list[StageFailure] = Field(
        default_factory=list,
        description="Stages that failed on this article (a defect of OpsLens, reported with "
        "the error): their facts are missing, the rest of the analysis stands.",
    )
    input: str | None = Field(
        default=None,
        description="Fingerprint of the article as it was given "
        "(Article.fingerprint, before the analysis dated it): the store re-uses an "
        "analysis only for the same input and version.",
    )


class Skipped(Record):
    """Why the analysis stages did not run on an article that is kept all the same (text and
    metadata stored, every fact list empty)."""

    reason: Literal["language"] = Field(
        description="language: the article is not in English, and every stage is English-only."
    )
    language: str = Field(description="The article's language code, as in article.language ('ru').")
    note: str = Field(
        description="The reason in words, as the brief shows it: "
        "'Russian (ru): OpsLens analyses English only; the text is stored'."
    )


class Analysis(Record):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    brief: Brief = Field(default_factory=Brief)
    skipped: Skipped | None = Field(
        default=None,
        description="Set when the analysis stages did not run (pipeline.stages is then empty); "
        "null for an analysed article.",
    )
    pipeline: PipelineInfo

    def every_attribution(self) -> list[Attribution]:
        """The article's own reports and those embedded in them."""
        return [x for a in self.attributions for x in (a, *a.embedded)]

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)


class ErrorRecord(Record):
    """What an input that could not be analysed leaves in its place (contract: `{"id", "error"}`)."""

    id: str
    error: str
    code: str = Field(description="Machine-readable error kind, e.g. no_text or fetch_failed.")
    origin: str | None = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")


def analysis_json_schema() -> dict:
    schema = Analysis.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    schema["title"] = "OpsLens analysis"
    return schema
