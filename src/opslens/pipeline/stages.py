"""The analysis stages in their order, written once, and the contract each keeps.

A stage is `Stage(name, run, needs)`: `run(doc, analysis)` reads the parse and the facts of the
stages it `needs` (which come before it) and returns its own facts, without touching the
analysis; the pipeline puts them where `name` says: the `Analysis` field of that name, or, for
"dating", the article's date. `check` holds a list of stages to this when a pipeline is built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from spacy.tokens import Doc

from opslens.contract import Analysis, Published
from opslens.errors import ConfigError
from opslens.settings import Options
from opslens.stages.attributions import find_attributions
from opslens.stages.brief import make_brief
from opslens.stages.dating import date_article
from opslens.stages.entities import find_entities
from opslens.stages.events import find_events
from opslens.stages.places import find_places
from opslens.stages.times import find_times

DATING = "dating"  # the stage whose facts are the article's date (article.published)


@dataclass(frozen=True)
class Stage:
    name: str  # the Analysis field it fills, or DATING
    run: Callable[[Doc, Analysis], Any]
    needs: tuple[str, ...] = ()  # the stages whose facts it reads


STAGES: tuple[Stage, ...] = (
    Stage("entities", find_entities),
    Stage(DATING, date_article),
    Stage("times", find_times, needs=(DATING,)),
    Stage("places", find_places, needs=("entities",)),
    Stage("attributions", find_attributions, needs=("entities",)),
    Stage("events", find_events, needs=("entities", DATING, "times", "places", "attributions")),
    Stage("brief", make_brief, needs=("entities", "attributions", "events")),
)


def check(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """The stages, once each fills a field of its own and every stage it needs comes before it."""
    seen: set[str] = set()
    for stage in stages:
        if stage.name != DATING and stage.name not in Analysis.model_fields:
            raise ConfigError(f"stage {stage.name!r} fills no field of the analysis")
        if stage.name in seen:
            raise ConfigError(f"stage {stage.name!r} comes twice")
        missing = [n for n in stage.needs if n not in seen]
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {', '.join(missing)}, which must come before it")
        seen.add(stage.name)
    return tuple(stages)


def configured(stages: Sequence[Stage], options: Options) -> tuple[Stage, ...]:
    """The stages with the settings that concern them, checked."""
    if not options.attribution_taggers:
        rules_only = partial(find_attributions, taggers=False)
        stages = [Stage(s.name, rules_only, s.needs) if s.name == "attributions" else s for s in stages]
    return check(stages)


def fill(analysis: Analysis, stage: Stage, facts: Any) -> None:
    """Put a stage's facts where its name says."""
    if stage.name == DATING:
        assert isinstance(facts, Published)
        analysis.article = analysis.article.model_copy(update={"published": facts})
    else:
        setattr(analysis, stage.name, facts)
