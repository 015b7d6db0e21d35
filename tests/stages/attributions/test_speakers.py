"""Who each source is and the chain a report came through (speakers.py), on made-up parsed
sentences with hand-made entities and reports, so that only the speaker resolution is tested."""

from __future__ import annotations

import re

import pytest

from opslens.contract import Entity, Role, Span
from opslens.nlp.mentions import Mentions
from opslens.nlp.quotes import find_quotes
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.found import Found, chars_of
from opslens.stages.attributions.speakers import Speakers


def entity(eid: str, name: str, type_: str, text: str, **fields) -> Entity:
    """An entity with a mention wherever the text writes its name."""
    spans = [Span(start=m.start(), end=m.end(), text=name) for m in re.finditer(re.escape(name), text)]
    return Entity(id=eid, name=name, type=type_, mentions=spans, **fields)


def words(doc, phrase: str, n: int = 0) -> Tokens:
    """The tokens of the n-th place the phrase stands in the document."""
    start = [m.start() for m in re.finditer(re.escape(phrase), doc.text)][n]
    span = doc.char_span(start, start + len(phrase))
    return Tokens(span.start, span.end)


def report(doc, cue: str, source: str | None, content: str, n: int = 0) -> Found:
    """A report as the rules would hand it on: cue and source tokens, content characters."""
    start = doc.text.index(content)
    f = Found(cue=words(doc, cue, n), content=Chars(start, start + len(content)))
    if source is not None:
        f.source = words(doc, source, n)
        f.source_chars = chars_of(doc, f.source)
    return f


@pytest.fixture(scope="module")
def resolved(analyzer):
    """Parse the text, make the reports, resolve their speakers and chains; `before` may first
    set what the rules would (an outer source, a shared speaker)."""

    def run(text: str, entities: list[Entity], *reports: tuple, before=None) -> list[Found]:
        doc = analyzer.nlp(text)
        found = [report(doc, *r) for r in reports]
        if before is not None:
            before(doc, found)
        Speakers(doc, Mentions(doc, entities), find_quotes(text)).resolve(found)
        return found

    return run


def chain(f: Found) -> list[tuple]:
    return [(k.name, k.entity, k.kind, k.country) for k in f.links]


def test_she_goes_on_with_the_woman_who_spoke_just_before(resolved):
    text = "Lina Park said the envoy, Marek Nowak, had left. She added that no date was set."
    park, nowak = entity("e1", "Lina Park", "PERSON", text), entity("e2", "Marek Nowak", "PERSON", text)
    first, second = resolved(
        text,
        [park, nowak],
        ("said", "Lina Park", "the envoy, Marek Nowak, had left"),
        ("added", "She", "that no date was set"),
    )
    assert (first.speaker, second.speaker) == ("e1", "e1")
    assert chain(second) == [("Lina Park", "e1", "other", None)]  # "she" is named in the chain
    assert not second.anonymous


def test_he_is_the_last_man_named_not_a_woman_who_was_the_subject(resolved):
    text = "Ms. Lina Park met Tom Berg in Oslo. He said the talks had failed."
    park, berg = entity("e1", "Lina Park", "PERSON", text), entity("e2", "Tom Berg", "PERSON", text)
    (f,) = resolved(text, [park, berg], ("said", "He", "the talks had failed"))
    assert f.speaker == "e2" and chain(f) == [("Tom Berg", "e2", "other", None)]


def test_an_outlet_quoting_a_source_comes_first_in_the_chain(resolved):
    text = "Reuters quoted a senior Turkish diplomat as saying that the ceasefire would hold."
    reuters = entity("e1", "Reuters", "ORG", text, kind="wire_agency", country="GBR")

    def outer(doc, found):
        found[0].outer = words(doc, "Reuters")  # "X quoted Y as saying": X, as the rules give it

    (f,) = resolved(
        text, [reuters], ("quoted", "a senior Turkish diplomat", "that the ceasefire would hold"), before=outer
    )
    assert f.speaker is None and f.anonymous
    assert chain(f) == [
        ("Reuters", "e1", "wire_agency", "GBR"),
        ("a senior Turkish diplomat", None, "anonymous_official", "TUR"),
    ]


def test_the_outlet_a_source_told_comes_before_it(resolved):
    text = "A ministry source told TASS that the visit was planned."
    tass = entity("e1", "TASS", "ORG", text, kind="state_media", country="RUS")
    (f,) = resolved(text, [tass], ("told", "A ministry source", "that the visit was planned"))
    assert chain(f) == [("TASS", "e1", "state_media", "RUS"), ("A ministry source", None, "anonymous_official", "RUS")]
    assert f.anonymous and f.speaker is None


def test_it_is_the_thing_that_spoke_just_before(resolved):
    text = "The ministry said the talks would resume. It added that no date was set."
    first, second = resolved(
        text, [], ("said", "The ministry", "the talks would resume"), ("added", "It", "that no date was set")
    )
    assert second.antecedent is first and second.links == first.links
    assert chain(second) == [("The ministry", None, "named_official", None)]


def test_the_source_refers_back_to_the_source_named_before(resolved):
    text = "A ministry source told reporters the visit was planned. The source said it would be short."
    first, second = resolved(
        text, [], ("told", "A ministry source", "the visit was planned"), ("said", "The source", "it would be short")
    )
    assert second.antecedent is first and second.anonymous
    assert chain(second) == [("A ministry source", None, "anonymous_official", None)]


def test_he_whom_the_entities_do_not_know_is_the_one_who_spoke_before(resolved):
    text = "“The talks failed,” Varga said. He added that no date was set."
    first, second = resolved(
        text, [], ("said", "Varga", "“The talks failed,”"), ("added", "He", "that no date was set")
    )
    assert second.antecedent is first and chain(second) == [("Varga", None, "other", None)]


def test_the_minister_is_the_one_minister_named_before(resolved):
    text = "Foreign Minister Mateusz Wrona arrived in Oslo. The minister told reporters the talks would go on."
    wrona = entity("e1", "Mateusz Wrona", "PERSON", text, roles=[Role(title="foreign minister", sector="GOV")])
    (f,) = resolved(text, [wrona], ("told", "The minister", "the talks would go on"))
    assert f.speaker == "e1" and chain(f) == [("Mateusz Wrona", "e1", "named_official", None)]


def test_her_office_is_named_for_her(resolved):
    text = "Ana Costa spoke on Monday. Her office said the visit was cancelled."
    costa = entity("e1", "Ana Costa", "PERSON", text)
    (f,) = resolved(text, [costa], ("said", "Her office", "the visit was cancelled"))
    assert f.speaker is None and chain(f) == [("Ana Costa's office", None, "other", None)]


def test_two_named_side_by_side_are_both_the_source(resolved):
    text = "Senator Ortiz and Senator Blum say the bill will pass."
    ortiz, blum = entity("e1", "Ortiz", "PERSON", text), entity("e2", "Blum", "PERSON", text)
    (f,) = resolved(text, [ortiz, blum], ("say", "Senator Ortiz and Senator Blum", "the bill will pass"))
    assert f.speaker is None and chain(f)[0][:2] == ("Senator Ortiz and Senator Blum", None)


def test_a_report_shares_the_speaker_of_the_one_it_hangs_on(resolved):
    text = "Tanaka said the deal was done, adding that talks would go on."
    tanaka = entity("e1", "Tanaka", "PERSON", text)

    def shares(doc, found):
        found[1].shares = found[0]  # as borders.sharing finds it

    first, second = resolved(
        text,
        [tanaka],
        ("said", "Tanaka", "the deal was done"),
        ("adding", None, "that talks would go on"),
        before=shares,
    )
    assert (first.speaker, second.speaker) == ("e1", "e1") and second.links == first.links
    assert chain(second) == [("Tanaka", "e1", "other", None)]
