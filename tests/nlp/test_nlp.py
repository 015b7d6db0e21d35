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


def test_the_text_heads_and_flags_read_from_arrays_are_spacys(analyzer):
    doc = analyzer.nlp("“We will not sign,” the minister said  on Monday.\n\nTalks (in Oslo) resumed.")
    assert nlp.doc_text(doc) == doc.text  # the double space and the blank line kept
    heads = nlp.token_heads(doc)
    assert heads == [t.head.i for t in doc]
    assert doc[heads[8]].text == "said"  # "minister" hangs on "said"
    assert nlp.token_flags(doc, "IS_SPACE") == [t.is_space for t in doc]
    assert [doc[i].text for i, p in enumerate(nlp.token_flags(doc, "IS_PUNCT")) if p] == [
        "“",
        ",",
        "”",
        ".",
        "(",
        ")",
        ".",
    ]


def test_a_spans_text_and_offsets_from_the_arrays_are_spacys(analyzer):
    doc = analyzer.nlp("Defense Secretary Ben Wallace said  on Monday:\nTalks resume.")
    for start, end in [(0, 4), (2, 4), (4, 7), (5, 9), (8, 10), (3, 3)]:
        span = doc[start:end]
        assert nlp.span_text(doc, start, end) == span.text
        if end > start:
            assert nlp.span_chars(doc, start, end) == (span.start_char, span.end_char)
    assert nlp.span_text(doc, 2, 4) == "Ben Wallace"
    assert nlp.span_text(doc, 4, 7) == "said  on"  # the double space: "said", a space token, "on"
