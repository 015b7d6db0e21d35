"""Watchlists: the alert rules of a TOML file (`--rules FILE`, env OPSLENS_RULES).

    [[rule]]
    name = "UK-Russia force"             # required, unique: alerts are filed under it
    dyads = [["GBR", "RUS"]]             # either direction; a code matches actor codes starting with it
    plover = ["THREATEN", "COERCE", "ASSAULT"]
    min_origins = 2                      # at least two independent origins report it

    [[rule]]
    name = "Lavrov"
    entities = ["Sergei Lavrov"]         # the event's source or target, by name or alias (any case)

    [[rule]]
    name = "UK-Russia tension spike"
    spike = { dyad = ["GBR", "RUS"], k = 2.0, window = 28, min_events = 1, min_history = 5 }

An event rule fires for a merged event that meets every condition it gives (a list: any of its
values); `countries` are the first three letters of the source's or target's actor code;
`modality` matches when any report of the event has one of those modalities. A spike rule fires
for a day when the dyad's tension index is `k` standard deviations above its own mean over the
`window` days before (opslens.link.tension: a quarter of the window, at least 2 days, of the dyad's
history is needed), with at least `min_events` events and one conflictual, and at least
`min_history` events in the window before: a dyad seldom in the news has no baseline to rise above,
and one harsh event there would otherwise "spike" (its tension against a flat zero). It takes no event
conditions.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from opslens.errors import ConfigError
from opslens.settings import Options

WEBHOOK = re.compile(r"https?://[^\s/]+", re.IGNORECASE)
CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")
MODALITIES = frozenset({"asserted", "reported", "planned", "hypothetical", "negated", "denied", "demanded"})
EVENT_KEYS = frozenset({"entities", "countries", "plover", "dyads", "min_origins", "modality"})
SPIKE_KEYS = frozenset({"dyad", "k", "window", "min_events", "min_history"})


@dataclass(frozen=True)
class Spike:
    dyad: tuple[str, str]
    k: float = 2.0
    window: int = 28  # days of trailing baseline
    min_events: int = 1  # a day with fewer events never fires
    min_history: int = 5  # events the trailing window must hold for its baseline to mean anything


@dataclass(frozen=True)
class Rule:
    name: str
    entities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    dyads: tuple[tuple[str, str], ...] = ()
    min_origins: int | None = None
    modality: tuple[str, ...] = ()
    spike: Spike | None = None


@dataclass(frozen=True)
class Watchlist:
    """What a linking run checks and where it sends what fired. Either part may be empty: a
    webhook alone still delivers the alerts earlier runs could not deliver."""

    rules: tuple[Rule, ...] = ()
    webhook: str | None = None
    attempts: int = 3  # POSTs per alert and run before it waits for the next run
    backoff: float = 1.0  # seconds before the second attempt, doubled before each further one
    timeout: float = 10.0


def watchlist(options: Options) -> Watchlist | None:
    """The watchlist the settings name (rules file, webhook), or None when they name neither."""
    if not options.rules and not options.webhook:
        return None
    rules = load_rules(options.rules) if options.rules else ()
    if options.webhook and not WEBHOOK.match(options.webhook):
        raise ConfigError(f"the webhook must be an http(s) URL, not {options.webhook!r}")
    return Watchlist(rules=rules, webhook=options.webhook or None)


def load_rules(path: str) -> tuple[Rule, ...]:
    """The rules of a TOML file; a mistake is a ConfigError naming the file and the rule."""
    file = Path(path)
    try:
        stamp = file.stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"cannot read the rules file {path}: {exc.strerror or exc}") from None
    return _load(str(file), stamp)


@cache
def _load(path: str, _stamp: int) -> tuple[Rule, ...]:
    """Read once per version of the file (`opslens watch` loads it every poll: an edit takes effect)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the rules file {path}: {exc}") from None
    extra = set(data) - {"rule"}
    if extra:
        raise ConfigError(f"rules file {path}: unknown table(s) {sorted(extra)}; rules are [[rule]] tables")
    tables = data.get("rule") or []
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"rules file {path} holds no [[rule]] table")
    rules = tuple(_rule(t, f"rules file {path}, rule {n}") for n, t in enumerate(tables, 1))
    names = [r.name for r in rules]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(f"rules file {path}: rule names must be unique, {twice} is given twice")
    return rules


def _rule(table: Any, where: str) -> Rule:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: not a table")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: needs a name")
    where = f"{where} ({name!r})"
    unknown = set(table) - EVENT_KEYS - {"name", "spike"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; known: {sorted(EVENT_KEYS | {'spike'})}")
    given = EVENT_KEYS & set(table)
    if "spike" in table:
        if given:
            raise ConfigError(f"{where}: a spike rule takes no event conditions ({sorted(given)})")
        return Rule(name=name.strip(), spike=_spike(table["spike"], where))
    if not given:
        raise ConfigError(f"{where}: gives no condition (it would fire on every event)")
    return Rule(
        name=name.strip(),
        entities=tuple(s.strip() for s in _strings(table, "entities", where)),
        countries=tuple(_code(c, where) for c in _strings(table, "countries", where)),
        plover=tuple(_plover(p, where) for p in _strings(table, "plover", where)),
        dyads=tuple(_dyad(d, where) for d in _list(table, "dyads", where)),
        min_origins=_number(table, "min_origins", where, int) if "min_origins" in table else None,
        modality=tuple(_modality(m, where) for m in _strings(table, "modality", where)),
    )


def _spike(value: Any, where: str) -> Spike:
    if not isinstance(value, dict) or "dyad" not in value:
        raise ConfigError(f"{where}: spike must be a table with a dyad, e.g. {{ dyad = ['GBR', 'RUS'], k = 2.0 }}")
    unknown = set(value) - SPIKE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown spike key(s) {sorted(unknown)}; known: {sorted(SPIKE_KEYS)}")
    spike = Spike(
        dyad=_dyad(value["dyad"], where),
        k=float(_number(value, "k", where, float)) if "k" in value else 2.0,
        window=_number(value, "window", where, int) if "window" in value else 28,
        min_events=_number(value, "min_events", where, int) if "min_events" in value else 1,
        min_history=_number(value, "min_history", where, int) if "min_history" in value else 5,
    )
    if spike.window < 2:
        raise ConfigError(f"{where}: the spike's window must be 2 days or more")
    return spike


def _list(table: dict, key: str, where: str) -> list:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {key} must be a list")
    return value


def _strings(table: dict, key: str, where: str) -> list[str]:
    values = _list(table, key, where)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(f"{where}: {key} must be a list of non-empty strings")
    return values


def _number(table: dict, key: str, where: str, kind: type) -> Any:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int) or value < 0:
        raise ConfigError(f"{where}: {key} must be a non-negative {'number' if kind is float else 'integer'}")
    return value


def _code(value: str, where: str) -> str:
    code = value.strip().upper()
    if not CODE.fullmatch(code):
        raise ConfigError(f"{where}: {value!r} is not a country or actor code (GBR, RUSGOV, IGOWSTNAT)")
    return code


def _dyad(value: Any, where: str) -> tuple[str, str]:
    if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: a dyad is a pair of codes, e.g. ['GBR', 'RUS'], not {value!r}")
    return _code(value[0], where), _code(value[1], where)


def _plover(value: str, where: str) -> str:
    from opslens.knowledge.event_codes import cameo_table

    known = {r["plover_2021_event"] for r in cameo_table().values()} - {"", "dropped"}
    category = value.strip().upper()
    if category not in known:
        raise ConfigError(f"{where}: {value!r} is not a PLOVER category ({', '.join(sorted(known))})")
    return category


def _modality(value: str, where: str) -> str:
    if value not in MODALITIES:
        raise ConfigError(f"{where}: {value!r} is not a modality ({', '.join(sorted(MODALITIES))})")
    return value
