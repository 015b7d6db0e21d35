"""The tension chart of a dyad as SVG geometry, computed server-side: one point per period (its
tension), the trailing baseline as a second line, and a zero line. The template draws it."""

from __future__ import annotations

from dataclasses import dataclass, field

from opslens.link.tension import Period

WIDTH, HEIGHT = 720.0, 240.0
PAD_X, PAD_Y = 56.0, 20.0


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    period: str
    tension: float
    events: int
    z: float | None


@dataclass
class Chart:
    width: float = WIDTH
    height: float = HEIGHT
    points: list[Point] = field(default_factory=list)
    line: str = ""  # polyline points of the tension
    baseline: str = ""  # polyline points of the trailing mean, where there is one
    zero: float | None = None  # y of tension 0
    low: float = 0.0
    high: float = 0.0
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, period) under the axis


def tension_chart(periods: list[Period], ticks: int = 6) -> Chart:
    if not periods:
        return Chart()
    values = [p.tension for p in periods] + [p.baseline for p in periods if p.baseline is not None]
    low, high = min([*values, 0.0]), max([*values, 0.0])
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD_X) / max(len(periods) - 1, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD_Y - (value - low) / span * (HEIGHT - 2 * PAD_Y), 1)

    points = [
        Point(round(PAD_X + i * step, 1), y(p.tension), p.period, p.tension, p.events, p.z)
        for i, p in enumerate(periods)
    ]
    base = [f"{pt.x},{y(p.baseline)}" for pt, p in zip(points, periods) if p.baseline is not None]
    every = max(1, len(points) // ticks)
    return Chart(
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        baseline=" ".join(base),
        zero=y(0.0),
        low=low,
        high=high,
        ticks=[(p.x, p.period) for p in points[::every]],
    )
