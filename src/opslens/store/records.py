"""What store queries return besides full analyses: small rows for listings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


def iso(moment: datetime) -> str:
    """UTC, ISO 8601, to the second: '2022-01-23T10:15:00+00:00'."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int  # row id: what `opslens show` takes
    article_id: str  # the input's id, or "sha256:<hex>"
    sha256: str
    title: str | None
    outlet: str | None
    url: str | None
    published_value: str | None
    published_precision: str | None
    language: str
    analyzer_version: str
    analysed_at: str  # UTC ISO 8601
    n_entities: int
    n_events: int


@dataclass(frozen=True, slots=True)
class StoredError:
    id: int
    input_id: str
    origin: str | None
    code: str
    message: str
    analyzer_version: str
    at: str  # UTC ISO 8601
