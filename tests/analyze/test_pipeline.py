"""The pipeline: stage order, batches in input order, one article's failure stays its own."""

from __future__ import annotations

from opslens.analyze import pipeline
from opslens.model import Analysis, ErrorRecord
from tests.support import article

LEAD = (
    "Ukraine's foreign minister said on Tuesday that talks with Turkey on grain exports would "
    "resume next week. The talks were suspended in July."
)


def test_stages_are_written_once_in_order():
    assert [s.field for s in pipeline.STAGES] == ["entities", "times", "places", "attributions", "events", "brief"]


def test_batch_keeps_input_order_with_error_records_in_place(analyzer):
    bad = ErrorRecord(id="x", error="empty input", code="empty")
    items = [article("Sergei Lavrov met Antony Blinken in Geneva."), bad, article(LEAD)]
    out = list(analyzer.analyze_many(items))
    assert [type(r).__name__ for r in out] == ["Analysis", "ErrorRecord", "Analysis"]
    assert out[1] is bad
    assert out[0].article.text.startswith("Sergei Lavrov")


def test_too_long_article_becomes_an_error_record(analyzer):
    huge = article("word " * (analyzer.nlp.max_length // 5 + 10))
    out = list(analyzer.analyze_many([huge, article(LEAD)]))
    assert isinstance(out[0], ErrorRecord) and out[0].code == "too_large"
    assert "characters" in out[0].error
    assert isinstance(out[1], Analysis)


def test_a_failing_stage_costs_only_its_article(analyzer, monkeypatch):
    def explode(doc, analysis):
        if "Lavrov" in doc.text:
            raise RuntimeError("boom")
        return []

    stages = (pipeline.Stage("entities", explode),) + analyzer.stages[1:]
    monkeypatch.setattr(analyzer, "stages", stages)
    out = list(analyzer.analyze_many([article("Sergei Lavrov met Antony Blinken in Geneva."), article(LEAD)]))
    assert isinstance(out[0], ErrorRecord) and out[0].code == "internal" and "boom" in out[0].error
    assert isinstance(out[1], Analysis)


def test_brief_summary_is_the_lead_sentence_with_its_span(analyse):
    a = analyse(LEAD)
    assert a.brief.summary == "Ukraine's foreign minister said on Tuesday that talks with Turkey on grain exports would resume next week."
    assert a.article.text[a.brief.lead.start:a.brief.lead.end] == a.brief.summary
    assert a.pipeline.version.startswith("opslens 0.1.0+lex.")
    assert a.pipeline.stages == ["entities", "times", "places", "attributions", "events", "brief"]


def test_fast_mode_draws_attributions_by_the_rules_alone_and_says_so(analyzer):
    from opslens.analyze.pipeline import Analyzer
    from opslens.settings import Options
    from tests.support import article

    text = "HARRIS: We will hold the line on taxes.\n"
    fast = Analyzer(Options(attribution_taggers=False))
    rules, learned = fast.analyze(article(text)).attributions, analyzer.analyze(article(text)).attributions
    assert [a.content.text for a in rules] == ["We will hold the line on taxes."]  # the rules keep the stop
    assert [a.content.text for a in learned] == ["We will hold the line on taxes"]  # PolNeAR's edges
    assert fast.version.endswith("+rules") and not analyzer.version.endswith("+rules")


def test_a_blank_line_ends_a_sentence_the_parser_would_run_on(analyzer):
    doc = analyzer.nlp('She never missed a council vote."\n\nThe harbour was busy then, Ms. Aalto said.')
    said = next(t for t in doc if t.text == "said")
    assert said.sent.text == "The harbour was busy then, Ms. Aalto said."


def test_articles_are_parsed_a_few_at_a_time_and_handed_on_at_once(analyzer, monkeypatch):
    """A batch of at most `batch_chars` characters (a longer article alone), each analysis handed
    on before the next batch is read."""
    monkeypatch.setattr(analyzer.options, "batch_chars", 2 * len(LEAD) + 10)
    read = []

    def items():
        for n, text in enumerate([LEAD, LEAD, LEAD, "Talks resumed. " * 20, LEAD]):
            read.append(n)
            yield article(text)

    out = analyzer.analyze_many(items())
    next(out), next(out)
    assert read == [0, 1, 2]  # the first batch (two articles) and the article that closed it
    assert len(list(out)) == 3


def test_batches_close_at_the_article_or_character_limit():
    texts = [article("a" * 10), article("b" * 10), ErrorRecord(id="x", error="empty input", code="empty"),
             article("c" * 25), article("d" * 5)]
    sizes = [[len(getattr(i, "text", "")) for i in b] for b in pipeline._batches(iter(texts), most=3, most_chars=20)]
    assert sizes == [[10, 10, 0], [25], [5]]
    assert [len(b) for b in pipeline._batches(iter(texts), most=2, most_chars=1000)] == [2, 2, 1]


def test_a_batch_leaves_nothing_in_spacys_vocabulary(analyzer):
    """Each batch runs in a memory zone: the strings its articles brought are gone after it."""
    texts = ["Zyxworth Quellbrand met Ambassador Trevanian Oskarsdottir in Vrellington on Tuesday.",
             "The Plimsquot Federation accused Grobnakia of shelling Umberfold, its spokesman said."]
    analyzer.analyze(article("The minister said on Monday that talks would resume."))  # lazy loads done
    strings = len(analyzer.nlp.vocab.strings)
    out = list(analyzer.analyze_many([article(t) for t in texts]))
    assert len(analyzer.nlp.vocab.strings) == strings
    assert "Zyxworth" not in analyzer.nlp.vocab.strings
    assert "Trevanian Oskarsdottir" in [e.name for e in out[0].entities if e.type == "PERSON"]
    assert [analyzer.analyze(article(t)).to_dict()["entities"] for t in texts] == [a.to_dict()["entities"] for a in out]
