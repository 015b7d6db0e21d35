"""Publication dates: ISO with precision; the input's own date first, then --published."""

from __future__ import annotations

import pytest

from opslens.contract import Published
from opslens.errors import ConfigError
from opslens.ingest.dates import check_default, normalise_date, published


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2022-01-23", "2022-01-23", "day"),
        ("2022-01", "2022-01", "month"),
        ("2022", "2022", "year"),
        (2022, "2022", "year"),
        ("19980227", "1998-02-27", "day"),
        ("19980227T080000", "1998-02-27T08:00", "minute"),
        ("2022-01-23T23:30:00-05:00", "2022-01-23T23:30", "minute"),  # not moved to the 24th in UTC
        ("2022-01-23 10:15", "2022-01-23T10:15", "minute"),
        ("Sat, 22 Jan 2022 10:15:00 +0000", "2022-01-22T10:15", "minute"),
        ("23 Jan 2022", "2022-01-23", "day"),
        ("January 23, 2022", "2022-01-23", "day"),
    ],
)
def test_normalise(raw, value, precision):
    assert normalise_date(raw) == (value, precision)


@pytest.mark.parametrize("raw", ["garbage", "2022-13-01", "2022-02-30", "", None, ["2022"]])
def test_unreadable_dates(raw):
    assert normalise_date(raw) is None


def test_own_date_wins_then_default_then_unknown():
    assert published("2023-05-01", "metadata", "2022-01-23") == Published(
        value="2023-05-01", precision="day", source="metadata", confidence=0.8
    )
    assert published(None, "given", "2022-01-23") == Published(
        value="2022-01-23", precision="day", source="given", confidence=1.0
    )
    assert published("last Tuesday", "given", None) == Published()


def test_bad_default_is_a_config_error():
    check_default(None)
    check_default("2022-01-23")
    with pytest.raises(ConfigError, match="'next week'"):
        check_default("next week")
