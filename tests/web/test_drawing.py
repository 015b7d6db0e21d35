"""What the pages draw server-side: the world layer, the tension chart, the actor graph's layout."""

from __future__ import annotations

import re
from itertools import pairwise

import networkx as nx

from opslens.link.tension import Scored, series
from opslens.web.pages import world
from opslens.web.pages.chart import HEIGHT, PAD_Y, tension_chart
from opslens.web.pages.graph import drawn

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def test_the_world_layer_has_every_country_as_a_path():
    countries = world.countries()
    assert len(countries) == 177
    names = {c.name for c in countries}
    assert {"Russia", "United Kingdom", "Fiji", "Antarctica", "Brazil"} <= names


def test_no_ring_jumps_across_the_map_at_the_antimeridian():
    for country in world.countries():
        for ring in country.d.split("M")[1:]:
            xs = [float(x) for x in NUMBER.findall(ring)[::2]]
            assert max(abs(a - b) for a, b in pairwise(xs)) < world.WIDTH / 2, country.name


def test_places_project_equirectangularly():
    assert world.project(37.61781, 55.75204) == (217.62, 34.25)  # Moscow
    assert world.project(-180, 90) == (0, 0)
    assert world.project(180, -90) == (360, 180)


def test_the_tension_chart_places_each_period():
    periods = series(
        [
            Scored("2024-03-01", -10.0, 4, "ASSAULT"),
            Scored("2024-03-03", 4.0, 1, "CONSULT"),
        ]
    )
    chart = tension_chart(periods)
    assert [p.period for p in chart.points] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    assert [p.tension for p in chart.points] == [10.0, 0.0, -4.0]
    assert chart.points[0].y == PAD_Y  # the highest tension at the top
    assert chart.points[2].y == HEIGHT - PAD_Y  # the lowest at the bottom
    assert chart.line.count(",") == 3
    assert tension_chart([]).points == []


def actors() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for code, events in (("GBR", 3), ("RUS", 4), ("UKR", 1)):
        g.add_node(code, name=code.title(), country=code, events=events)
    g.add_edge("GBR", "RUS", weight=2, goldstein=-5.0, plover="SANCTION:2")
    g.add_edge("RUS", "GBR", weight=1, goldstein=1.0, plover="CONSULT:1")
    g.add_edge("RUS", "UKR", weight=1, goldstein=-10.0, plover="ASSAULT:1")
    return g


def test_the_actor_graph_is_laid_out_the_same_every_time():
    nodes, edges = drawn(actors())
    again, _ = drawn(actors())
    assert nodes == again
    assert [n.code for n in nodes] == ["RUS", "GBR", "UKR"]
    assert all(0 <= n.x <= 600 and 0 <= n.y <= 600 for n in nodes)
    widths = {(e.source.code, e.target.code): (e.weight, e.width, e.href) for e in edges}
    assert widths == {
        ("GBR", "RUS"): (2, 6.0, "/dyads/GBR/RUS"),
        ("RUS", "GBR"): (1, 3.5, "/dyads/RUS/GBR"),
        ("RUS", "UKR"): (1, 3.5, "/dyads/RUS/UKR"),
    }


def test_an_arrow_stops_at_its_target_circle():
    _, edges = drawn(actors())
    for e in edges:
        x, y = e.end
        distance = ((x - e.target.x) ** 2 + (y - e.target.y) ** 2) ** 0.5
        assert abs(distance - (e.target.r + 2)) < 0.2
