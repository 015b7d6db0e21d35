"""Helpers of the events tests: the one event of an analysis, and an actor's code."""

from __future__ import annotations

from opslens.contract import ActorRef, Analysis, Event

PUBLISHED = "2023-05-10"  # the day the made-up articles of the events tests appear


def only(analysis: Analysis) -> Event:
    assert len(analysis.events) == 1, [(e.plover, e.cue.text if e.cue else None) for e in analysis.events]
    return analysis.events[0]


def code(ref: ActorRef | None) -> str | None:
    return ref.code if ref is not None else None
