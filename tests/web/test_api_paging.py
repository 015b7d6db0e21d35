"""The cursor of the paged shape, and which library error becomes which HTTP status."""

from __future__ import annotations

import base64

import pytest

from opslens.errors import (
    BlockedAddressError,
    ConfigError,
    EmptyInputError,
    FetchError,
    InputTooLargeError,
    MissingStoreError,
    NoTextError,
    NotFoundError,
    StoreError,
)
from opslens.web import paging
from opslens.web.errors import status_of


def test_a_cursor_round_trips_and_is_url_safe():
    cursor = paging.encode("events", {"d": "2022-01-21", "i": "Mabc/+?"})
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert paging.decode("events", cursor) == {"d": "2022-01-21", "i": "Mabc/+?"}


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%",
        "e30",  # {} without a listing
        base64.urlsafe_b64encode(b'{"l":"stories","o":5}').decode(),  # another listing's
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_cursor_that_is_not_this_listings_is_a_config_error(cursor):
    with pytest.raises(ConfigError, match=r"after: not a cursor of this listing \(events\)"):
        paging.decode("events", cursor)


@pytest.mark.parametrize("offset", [-1, "3", True, None, 1.5])
def test_an_offset_cursor_holds_a_count(offset):
    cursor = paging.encode("articles", {"o": offset})
    with pytest.raises(ConfigError):
        paging.offset_of("articles", cursor)


def test_an_offset_page_tells_whether_there_is_more():
    assert paging.offset_page("alerts", [1, 2, 3], 10, 2) == {
        "items": [1, 2],
        "next": paging.encode("alerts", {"o": 12}),
    }
    assert paging.offset_page("alerts", [1, 2], 10, 2) == {"items": [1, 2], "next": None}
    assert paging.offset_of("alerts", paging.encode("alerts", {"o": 12})) == 12
    assert paging.offset_of("alerts", None) == 0


def test_library_errors_map_to_statuses():
    assert status_of(ConfigError("x")) == 400
    assert status_of(BlockedAddressError("x")) == 400
    assert status_of(NotFoundError("x")) == 404
    assert status_of(InputTooLargeError("x")) == 413
    assert status_of(EmptyInputError("x")) == 422
    assert status_of(NoTextError("x")) == 422
    assert status_of(FetchError("x")) == 502
    assert status_of(StoreError("x")) == 500
    assert status_of(MissingStoreError("x")) == 500
