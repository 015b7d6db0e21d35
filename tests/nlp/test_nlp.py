"""The spaCy helpers: token strings read from arrays, and their process-wide cache kept bounded."""

from __future__ import annotations

from opslens import nlp


def test_the_strings_cache_is_forgotten_at_its_bound_and_stays_right(analyzer, monkeypatch):
    monkeypatch.setattr(nlp, "MAX_REMEMBERED", 3)
    first = analyzer.nlp("Ministers met in Oslo on Monday to discuss fishing quotas.")
    assert nlp.token_strings(first, "ORTH") == [t.text for t in first]
    names = nlp._STRINGS[(id(first.vocab.strings), False)]
    assert len(names) > 3  # filled by the document above
    second = analyzer.nlp("Talks resumed in Bergen.")
    assert nlp.token_strings(second, "ORTH") == [t.text for t in second]
    assert set(names.values()) == {""} | {t.text for t in second}  # forgotten when the second began


def test_a_blank_line_ends_a_sentence_the_parser_would_run_on(analyzer):
    doc = analyzer.nlp("The minister said the plan was\n\nfine and would pass in June.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:2] == ["The", "fine"]  # the stock parser reads one sentence across the blank line
