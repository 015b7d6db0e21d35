"""The pipeline: stage order, batches in input order, one article's failure stays its own, and a
failing stage costs only its own facts."""

from __future__ import annotations

import hashlib

from opslens.contract import Analysis, Article, Brief, ErrorRecord, Skipped, StageFailure
from opslens.pipeline import analyzer as pipeline
from tests.support import article

LEAD = (
    "Ukraine's foreign minister said on Tuesday that talks with Turkey on grain exports would "
    "resume next week. The talks were suspended in July."
)


def test_stages_are_written_once_in_order():
    assert [s.name for s in pipeline.STAGES] == [
        "entities",
        "dating",
        "times",
        "places",
        "attributions",
        "events",
        "brief",
    ]


def test_batch_keeps_input_order_with_error_records_in_place(analyzer):
    bad = ErrorRecord(id="x", error="empty input", code="empty")
    items = [article("Sergei Lavrov met Antony Blinken in Geneva."), bad, article(LEAD)]
    out = list(analyzer.analyze_many(items))
    assert [type(r).__name__ for r in out] == ["Analysis", "ErrorRecord", "Analysis"]
    assert out[1] is bad
    assert out[0].article.text.startswith("Sergei Lavrov")


def test_too_long_article_becomes_an_error_record(analyzer):
    huge = article("word " * (analyzer.nlp.max_length // 5 + 10)).model_copy(update={"origin": "dump/huge.txt"})
    out = list(analyzer.analyze_many([huge, article(LEAD)]))
    assert isinstance(out[0], ErrorRecord) and out[0].code == "too_large"
    assert out[0].origin == "dump/huge.txt"  # named once, in its own field
    assert out[0].error == (
        f"article text has {len(huge.text):,} characters; the analyser takes at most "
        f"{analyzer.nlp.max_length:,} (split the document)"
    )
    assert isinstance(out[1], Analysis)


def test_a_failing_stage_costs_only_its_article(analyzer, monkeypatch):
    entities = analyzer.stages[0].run

    def explode(doc, analysis):
        if "Lavrov" in doc.text:
            raise RuntimeError("boom")
        return entities(doc, analysis)

    stages = (pipeline.Stage("entities", explode), *analyzer.stages[1:])
    monkeypatch.setattr(analyzer, "stages", stages)
    out = list(analyzer.analyze_many([article("Sergei Lavrov met Antony Blinken in Geneva on Monday."), article(LEAD)]))
    lavrov, lead = out
    assert lavrov.pipeline.failed == [StageFailure(stage="entities", error="RuntimeError: boom")]
    assert lavrov.pipeline.stages == ["dating", "times", "places", "attributions", "events", "brief"]
    assert [t.text for t in lavrov.times] == ["Monday"] and [p.name for p in lavrov.places] == ["Geneva"]
    assert lavrov.entities == []
    assert lead.pipeline.failed == [] and lead.pipeline.stages[0] == "entities" and lead.entities


def test_an_incomplete_analysis_is_stored_and_reported(analyzer, monkeypatch, tmp_path):
    from opslens.pipeline import batch
    from opslens.settings import Options
    from opslens.store import open_store

    def explode(doc, analysis):
        raise ValueError("max() arg is an empty sequence")

    monkeypatch.setattr(
        pipeline,
        "STAGES",
        tuple(pipeline.Stage("times", explode, s.needs) if s.name == "times" else s for s in pipeline.STAGES),
    )
    path = tmp_path / "lead.txt"
    path.write_text(LEAD, encoding="utf-8")
    results = []
    opts = Options(db=f"sqlite:///{tmp_path / 'store.db'}")
    report = batch.run([str(path)], opts, results.append)
    assert (report.analyzed, report.incomplete, report.stored, report.ok) == (1, 1, 1, False)
    with open_store(opts.store_url) as store:
        stored = store.get("1")
    assert stored.pipeline.failed == [StageFailure(stage="times", error="ValueError: max() arg is an empty sequence")]
    assert stored.times == [] and stored.entities == results[0].entities != []


def test_brief_summary_is_the_lead_sentence_with_its_span(analyze):
    a = analyze(LEAD)
    assert (
        a.brief.summary
        == "Ukraine's foreign minister said on Tuesday that talks with Turkey on grain exports would resume next week."
    )
    assert a.article.text[a.brief.lead.start : a.brief.lead.end] == a.brief.summary
    assert a.pipeline.version.startswith("opslens 0.1.0+lex.")
    assert a.pipeline.stages == ["entities", "dating", "times", "places", "attributions", "events", "brief"]


def test_fast_mode_draws_attributions_by_the_rules_alone_and_says_so(analyzer):
    from opslens.pipeline.analyzer import Analyzer
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


RUSSIAN = "Министр иностранных дел России встретился во вторник в Анкаре со своим турецким коллегой."


def russian_article() -> Article:
    return Article(id="ru-1", sha256=hashlib.sha256(RUSSIAN.encode()).hexdigest(), text=RUSSIAN, language="ru")


def test_a_non_english_article_is_kept_unparsed_and_says_why(analyzer, monkeypatch):
    parsed: list[str] = []
    pipe = analyzer.nlp.pipe
    monkeypatch.setattr(analyzer.nlp, "pipe", lambda texts, **kw: pipe([parsed.append(t) or t for t in texts], **kw))
    ru, en = analyzer.analyze_many([russian_article(), article(LEAD)])
    assert parsed == [LEAD]  # the English parser never sees the Russian text
    assert ru.skipped == Skipped(
        reason="language", language="ru", note="Russian (ru): OpsLens analyses English only; the text is stored"
    )
    assert ru.article.text == RUSSIAN
    assert (ru.entities, ru.times, ru.places, ru.attributions, ru.events) == ([], [], [], [], [])
    assert ru.brief == Brief()
    assert ru.pipeline.stages == []
    assert en.skipped is None and en.pipeline.stages == [s.name for s in pipeline.STAGES]


def test_analyze_one_non_english_article(analyzer):
    analysis = analyzer.analyze(russian_article())
    assert (analysis.skipped.language, analysis.pipeline.stages, analysis.entities) == ("ru", [], [])
    assert analysis.to_dict()["skipped"] == {
        "reason": "language",
        "language": "ru",
        "note": "Russian (ru): OpsLens analyses English only; the text is stored",
    }


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
    texts = [
        article("a" * 10),
        article("b" * 10),
        ErrorRecord(id="x", error="empty input", code="empty"),
        article("c" * 25),
        article("d" * 5),
    ]
    sizes = [[len(getattr(i, "text", "")) for i in b] for b in pipeline._batches(iter(texts), most=3, most_chars=20)]
    assert sizes == [[10, 10, 0], [25], [5]]
    assert [len(b) for b in pipeline._batches(iter(texts), most=2, most_chars=1000)] == [2, 2, 1]


def test_a_batch_leaves_nothing_in_spacys_vocabulary(analyzer):
    """Each batch runs in a memory zone: the strings its articles brought are gone after it."""
    texts = [
        "Zyxworth Quellbrand met Ambassador Trevanian Oskarsdottir in Vrellington on Tuesday.",
        "The Plimsquot Federation accused Grobnakia of shelling Umberfold, its spokesman said.",
    ]
    analyzer.analyze(article("The minister said on Monday that talks would resume."))  # lazy loads done
    strings = len(analyzer.nlp.vocab.strings)
    out = list(analyzer.analyze_many([article(t) for t in texts]))
    assert len(analyzer.nlp.vocab.strings) == strings
    assert "Zyxworth" not in analyzer.nlp.vocab.strings
    assert "Trevanian Oskarsdottir" in [e.name for e in out[0].entities if e.type == "PERSON"]
    assert [analyzer.analyze(article(t)).to_dict()["entities"] for t in texts] == [a.to_dict()["entities"] for a in out]
