"""An article's text marked up at its facts' spans: escaped, well-formed however the spans overlap."""

from __future__ import annotations

from html.parser import HTMLParser

from opslens.web.pages.markup import Mark, marked_up


class Reader(HTMLParser):
    """The text back, and whether every tag closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.broken = [], [], []
        self.covering: list[set[str]] = []  # the facts open at each character

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs).get("data-fact")))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.broken.append(tag)
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        self.covering += [{f for _, f in self.stack}] * len(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader


def test_marks_nest_inside_each_other():
    html = marked_up("Lavrov met Truss", [Mark(0, 16, "event:v1", "event"), Mark(0, 6, "entity:e1", "entity")])
    assert html == (
        '<span class="fact fact-event" data-fact="event:v1" tabindex="0">'
        '<span class="fact fact-entity" data-fact="entity:e1" tabindex="0">Lavrov</span> met Truss</span>'
    )


def test_crossing_marks_are_split_into_pieces_that_nest():
    text = "abcdefgh"
    html = marked_up(text, [Mark(0, 5, "a", "quote"), Mark(3, 8, "b", "event")])
    assert html == (
        '<span class="fact fact-quote" data-fact="a" tabindex="0">abc'
        '<span class="fact fact-event" data-fact="b" tabindex="0">de</span></span>'
        '<span class="fact fact-event" data-fact="b" tabindex="0">fgh</span>'
    )
    reader = read(html)
    assert reader.broken == [] and reader.stack == []
    assert "".join(reader.text) == text
    assert reader.covering == [{"a"}] * 3 + [{"a", "b"}] * 2 + [{"b"}] * 3


def test_every_piece_of_text_is_escaped():
    text = 'He wrote <script>alert("x")</script> & left'
    html = marked_up(text, [Mark(3, 9, "e", "event"), Mark(10, 16, "t", "time")])
    assert "<script>" not in html
    assert html.endswith("&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; left")
    assert '&lt;<span class="fact fact-time" data-fact="t" tabindex="0">script</span>' in html
    assert "".join(read(html).text) == text


def test_many_overlapping_spans_stay_well_formed_and_cover_what_they_should():
    text = "".join(chr(ord("a") + i % 26) for i in range(60))
    marks = [Mark(s, e, f"f{s}-{e}", "entity") for s, e in [(0, 30), (5, 12), (10, 40), (11, 11), (20, 60), (25, 26)]]
    reader = read(marked_up(text, marks))
    assert reader.broken == [] and reader.stack == []
    assert "".join(reader.text) == text
    for i, facts in enumerate(reader.covering):
        assert facts == {m.fact for m in marks if m.start <= i < m.end}


def test_spans_outside_the_text_are_left_out():
    assert marked_up("abc", [Mark(2, 9, "x", "time"), Mark(-1, 2, "y", "time")]) == "abc"
