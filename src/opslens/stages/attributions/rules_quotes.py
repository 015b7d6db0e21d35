"""The rules' quotations: a quotation no content covers takes the cue of its sentence ("…," she
said), one set off after "X continued:" is X's; a content takes in the marks of the quotation its
words start or end in, is split in two around a cue that interrupts it, and goes on into a
quotation that follows its sentence with nothing in between.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.knowledge.speech_cues import SAYING
from opslens.nlp import doc_text, sentence_at, sentences, token_flags, token_heads, token_offsets, token_strings
from opslens.nlp.quotes import Quote
from opslens.nlp.spans import Chars, overlaps
from opslens.stages.attributions.cues import breaks_paragraph, cue_of, cue_span, set_off
from opslens.stages.attributions.found import Found, chars_of
from opslens.stages.attributions.subjects import add_source, subject_np, subject_of

MIN_QUOTE_WORDS = 4  # shorter quotations are mostly scare quotes or names


def with_quotes(doc: Doc, found: list[Found], quotes: list[Quote]) -> list[Found]:
    """A quotation no content covers takes the bare cue of its sentence ("…," she said)."""
    for q in quotes:
        if not _reported_speech(doc, q) or any(overlaps(Chars(q.start, q.end), f.content) for f in found):
            continue
        cue = _bare_cue(doc, q)
        if cue is None:
            continue
        entry, particle = cue_of(cue)
        f = Found(cue=cue_span(cue, particle), content=Chars(q.start, q.end))
        add_source(doc, cue, entry or SAYING, f)
        found.append(f)
    return found


def _reported_speech(doc: Doc, q: Quote) -> bool:
    """Long enough and with a verb of its own: not a scare-quoted name ("a “senior source”")."""
    words = q.words(doc_text(doc))
    if words >= 2 and _utterance_end(doc_text(doc), q):  # “You winning?” / “Not yet,”
        return True
    if words < MIN_QUOTE_WORDS:
        return False
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _utterance_end(text: str, q: Quote) -> bool:
    """Closing with the punctuation of something said: ',”' '.”' '?”' '!”'."""
    inner = text[q.start : q.end].rstrip("\u201d\"'")
    return inner[-1:] in (",", ".", "?", "!")


def _bare_cue(doc: Doc, q: Quote) -> Token | None:
    """A speech cue outside the quotation in the sentence where it ends (or starts), or in the
    sentence before when that ends with a colon. (Token indices, from the token arrays: a Token
    is made only of a verb asked about.)"""
    window = doc.char_span(q.start, q.end, alignment_mode="expand")
    if window is None:
        return None
    first, last = window.start, window.end - 1
    sents = [sentence_at(doc, first), sentence_at(doc, last)]
    if last + 1 < len(doc) and token_flags(doc, "SENT_START")[last + 1] and not breaks_paragraph(doc[last]):
        sents.append(sentence_at(doc, last + 1))  # “… ?” he asks: the parser starts a sentence after the question
    offsets, text = token_offsets(doc), token_strings(doc, "ORTH")
    candidates = [i for a, b in sents for i in range(a, b) if not (q.start <= offsets[i] < q.end)]
    prev = sents[0][0] - 1
    while prev > 0 and token_flags(doc, "IS_SPACE")[prev]:  # "He said:" then a blank line
        prev -= 1
    colon = doc[first - 1] if first > 0 and text[first - 1] == ":" else None  # "He put it: “…”"
    if prev >= 0 and text[prev] == ":":
        candidates.append(token_heads(doc)[prev])  # the verb the colon closes ("He said:"), not any cue before it
    elif colon is not None:  # (prev -1: the last sentence, as doc[-1].sent)
        candidates += [i for i in range(*sentence_at(doc, prev % len(doc))) if offsets[i] < q.start]
    pos = token_strings(doc, "POS")
    for i in sorted(candidates, key=lambda i: abs(offsets[i] - q.start)):
        entry, _ = cue_of(doc[i]) if pos[i] in ("VERB", "AUX") else (None, None)
        if entry and entry.kind in ("speech", "writing", "report"):
            return doc[i]
    if colon is not None and colon.head.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in colon.head.children):
        return colon.head  # "He put it this way: “…”": the colon and the marks say it was said
    return None


def quotations_set_off(doc: Doc, found: list[Found], quotes: list[Quote]) -> list[Found]:
    """ "Ms. Lindqvist continued:" closing its paragraph, a quotation opening the next: whatever the
    verb, its subject said the quotation (the colon and the marks say so, not the lexicon)."""
    opening = {q.start for q in quotes}
    taken = [f.content for f in found]
    out = []
    text, space = token_strings(doc, "ORTH"), token_flags(doc, "IS_SPACE")
    for sent in sentences(doc):
        last = sent.end - 1
        while last > sent.start and space[last]:
            last -= 1
        if text[last] != ":":
            continue  # `set_off`'s first test (the sentence ends with a colon), before the parse is read
        verb = sent.root
        if verb.pos_ != "VERB" or (subject := subject_of(verb)) is None or subject.dep_ != "nsubj":
            continue
        block = set_off(doc, verb)
        if block is None or doc[block[0]].idx not in opening or any(overlaps(chars_of(doc, block), t) for t in taken):
            continue
        out.append(Found(cue=cue_span(verb, None), content=chars_of(doc, block), source=subject_np(subject, verb)))
    return out


def split_around_cue(doc: Doc, f: Found, quotes: list[Quote]) -> None:
    """ "“A,” the president said, “B.”": a content the cue interrupts is the two quotations."""
    cue_start = doc[f.cue[0]].idx
    if not f.content[0] < cue_start < f.content[1]:
        return
    before = next((q for q in quotes if q.start <= f.content[0] < q.end <= cue_start), None)
    after = next((q for q in quotes if cue_start < q.start < f.content[1]), None)
    if before is not None and after is not None:
        end = max(after.end, f.content[1])
        f.content = Chars(f.content[0], before.end)
        f.more = [Chars(after.start, end)]


def continued_quotes(doc: Doc, found: list[Found], quotes: list[Quote]) -> None:
    """ "“A,” she said. “B.”": a quotation that follows its speaker's sentence with nothing in
    between carries on the same content (as a second fragment)."""
    taken = [piece for f in found for piece in [f.content, *f.more]]
    free = [q for q in quotes if not any(overlaps(Chars(q.start, q.end), t) for t in taken)]
    for f in found:
        if not f.direct:
            continue
        end = max([doc[f.cue[0]].sent.end_char, f.content[1]] + [m[1] for m in f.more])
        for q in free:
            if q.start >= end and not doc_text(doc)[end : q.start].strip():
                f.more.append(Chars(q.start, q.end))
                end = q.end
        free = [q for q in free if (q.start, q.end) not in f.more]


def around_quotes(text: str, content: Chars, quotes: list[Quote]) -> Chars:
    """Take in the quotation marks (and the punctuation inside them) that a content's words end
    or start just inside of."""
    start, end = content
    for q in quotes:
        if q.start <= start < q.end and _only_marks(text[q.start : start]):
            start = q.start
        if q.start < end <= q.end and _only_marks(text[end : q.end]):
            end = q.end
        elif q.start == start and end < q.end and _ends_line(text, end):
            end = q.end  # a quotation running on through paragraphs is said whole
    for q in quotes:  # “A. B,” she said: the parser gave the cue only B's sentence
        if q.start < start < q.end == end and text[q.start : start].rstrip()[-1:] in ".?!":
            start = q.start
    return Chars(start, end)


def _ends_line(text: str, at: int) -> bool:
    """Only punctuation and marks lie between `at` and the end of its line."""
    line_end = text.find("\n", at)
    return line_end >= 0 and _only_marks(text[at:line_end])


def _only_marks(s: str) -> bool:
    """No letter or digit in `s`."""
    return all(not c.isalnum() for c in s)
