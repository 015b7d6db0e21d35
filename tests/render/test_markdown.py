"""The Markdown brief of the seed article: places with coordinates, dates with their values."""

from __future__ import annotations

from opslens.render.markdown import render


def section(text: str, title: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(f"## {title}") + 2
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("- ")), len(lines))
    return lines[start:end]


def test_places_list_their_feature_country_coordinates_and_geonames_entry(seed):
    places = section(render(seed), "Places")
    assert "- Moscow (city, RUS) — 55.75, 37.62; GeoNames 524901; 8 mentions" in places
    assert "- Salisbury (city, GBR) — 51.07, -1.80; GeoNames 2638664; 1 mention" in places
    assert places[0].startswith("- Russia (country, RUS)")  # most mentioned first


def test_dates_list_each_expression_with_its_timex_value_in_text_order(seed):
    dates = section(render(seed), "Dates")
    assert dates[:3] == [
        "- “January 22” → 2022-01-22 (date)",
        "- “February” → 2022-02 (date)",
        "- “December 2017” → 2017-12 (date)",
    ]
