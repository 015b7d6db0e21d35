"""Places in an event's actors, on made-up sentences run through the whole pipeline: a region the
gazetteer does not list but the NER placed in a country is still a place an act is aimed at, and a
group is placed by the place its clause names, not by a country named deeper in an idiom."""

from __future__ import annotations

import pytest

from tests.stages.events.support import code, only


@pytest.mark.parametrize(
    "text, region",
    [
        (
            "Ethiopia's government on Friday lifted a state of emergency in Eastern Hararghe Zone.",
            "Eastern Hararghe Zone",
        ),
        (
            "Ethiopia's government lifted a state of emergency in the Oromia Region that was imposed in March.",
            "Oromia Region",
        ),
    ],
)
def test_a_region_the_gazetteer_does_not_list_is_the_place_an_act_is_aimed_at(dated, text, region):
    a = dated(text)
    assert [p.name for p in a.places] == ["Ethiopia"]  # the region is an entity only
    e = only(a)
    names = {x.id: x.name for x in a.entities}
    assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == ("CONCEDE", "0814", "ETHGOV", "ETH")
    assert e.target_actor is not None and names[e.target_actor.entity or ""] == region


def test_a_crowd_is_placed_where_it_acts_not_by_whom_it_defies(dated):
    e = only(dated("Thousands of people blocked roads in Lome in defiance of Ghanaian authorities."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("PROTEST", "TGOCVL", "GHAGOV")


def test_a_crowd_in_a_town_named_by_an_of_phrase_is_still_placed(dated):
    e = only(dated("Thousands of farmers blocked roads in the town of Kisumu to protest against the government."))
    assert code(e.source_actor) is not None and code(e.source_actor).startswith("KEN")
