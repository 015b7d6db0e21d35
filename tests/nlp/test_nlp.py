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
