"""Events stage: who did what to whom, when, where, and according to whom.

An event is a verb pattern of PETRARCH-2's CAMEO 2.0 dictionary (`lexicons/petrarch2/CAMEO.2.0.txt`,
indexed by `knowledge/cameo_verbs.py`: "torched a police station", "staged a raid") or an expression
of the hand lexicon `lexicons/event_verbs.tsv` for what the dictionary lacks or gets wrong (frames,
nouns such as "talks" or "sanctions", speech verbs), coded in CAMEO; its PLOVER category, mode, quad
class and Goldstein value come from `lexicons/cameo_codes.csv` (`knowledge/event_codes.py`). The
stage's modules:

  cues.py         which words are event words, and which of them tell an event of their own
  verb_patterns.py  the dictionary's patterns matched on the parse (verb, particle, object, "(PREP obj)")
  demands.py      "said X must withdraw": a demand of X, carried by the report of those words
  actors.py       who acts on whom (`ActorReader`), with targets.py (whom an act is aimed at),
                  actor_codes.py (what one actor phrase names and its code), groups.py
                  (partitives, group nouns and their sectors), clauses.py (subjects, governing
                  verbs) and pronouns.py (whom a pronoun stands for)
  intent.py       PLOVER intents: "will provide aid" is AGREE, "would blockade" is THREATEN
  modality.py     modality, date, place and background from the clause, and the carrying report
  senses.py       event verbs in a sense other than their code's ("beat her rival in the caucuses")
  record.py       one `Event` record from an event word, its cue and its actors
  answered.py     the accusation a rejection names with its owner ("rejected criticism from X")

Following PLOVER, an intended or conditional act is coded as the intent, and "agreed to cooperate"
is one AGREE event. Phrases of `lexicons/non_events.tsv` are no events ("declined to comment" is no
rejection), and a sentence with a phrase of PETRARCH-2's discard list ("World Cup", "gold medal",
`knowledge/discards.py`) tells none.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from opslens.contract import Analysis, Event
from opslens.knowledge.discards import discard_at, discards
from opslens.nlp import sentences, token_strings
from opslens.stages.events.answered import answered_claim
from opslens.stages.events.cues import cue_of, is_event, may_cue
from opslens.stages.events.demands import demand, demand_clauses, in_demand
from opslens.stages.events.record import Context, event_of


def find_events(doc: Doc, analysis: Analysis) -> list[Event]:
    """The events of a parsed document, in the order of their words: a speech verb that makes a
    demand ("said X must withdraw") is a demand; any other event word that tells an event of its
    own, outside the demanded clauses, is an event when it has the actors an event needs."""
    ctx = Context(doc, analysis)
    events: list[Event] = []
    demanded = demand_clauses(doc)
    lemma, lower, pos = token_strings(doc, "LEMMA"), token_strings(doc, "LOWER"), token_strings(doc, "POS")
    for i in _kept_tokens(doc):
        if i not in demanded and not may_cue(lemma[i], lower[i], pos[i]):
            continue  # no event word (`cue_of` would say None): most words, left without a Token
        tok = doc[i]
        if tok.i in demanded:
            event = demand(ctx, tok, demanded[tok.i], f"v{len(events) + 1}")
            if event is not None:
                events.append(event)
            continue
        cue = cue_of(tok)
        if cue is None or not is_event(tok, cue) or in_demand(tok, demanded):
            continue
        event = event_of(ctx, tok, cue, f"v{len(events) + 1}")
        if event is not None:
            events.append(event)
            if (claim := answered_claim(ctx, tok, event, f"v{len(events) + 1}")) is not None:
                events.append(claim)
    return _told_once(doc, events)


def _told_once(doc: Doc, events: list[Event]) -> list[Event]:
    """ "A Russian air strike hit a hospital in Aleppo": an act told by a noun and again by the
    verb it is the subject of, in one category, is one event, the verb's (it has the target; the
    noun's country is its subject's). Of a passive verb, the noun's: "talks between X and Y were
    held in Z" are X's and Y's talks, and the verb names no one who held them."""
    at = {e.id: span.root for e in events if e.cue and (span := doc.char_span(e.cue.start, e.cue.end, "expand"))}
    verbs = {(at[e.id].i, e.plover) for e in events if e.id in at and at[e.id].pos_ in ("VERB", "AUX")}
    passive = {(at[e.id].head.i, e.plover) for e in events if e.id in at and at[e.id].dep_ == "nsubjpass"} & verbs

    def retold(e: Event) -> bool:  # the second telling of an act told twice
        root = at.get(e.id)
        if root is None:
            return False
        return (root.head.i, e.plover) in verbs if root.dep_ == "nsubj" else (root.i, e.plover) in passive

    told = [e for e in events if not retold(e)]
    if len(told) == len(events):
        return events
    return [e.model_copy(update={"id": f"v{k}"}) for k, e in enumerate(told, 1)]


def _kept_tokens(doc: Doc) -> Iterator[int]:
    """The indices of the tokens of the sentences no discard phrase voids, in order (sentence by
    sentence: `Token.sent` walks the parse anew for every token)."""
    lower = token_strings(doc, "LOWER")
    for sent in sentences(doc):
        if not _discarded(lower[sent.start : sent.end]):
            yield from range(sent.start, sent.end)


def _discarded(words: list[str]) -> bool:
    """Does a sentence, by its lower-case words, hold a phrase of the discard list ("the World Cup final")?"""
    index = discards()
    return any(w in index and discard_at(words, i) is not None for i, w in enumerate(words))
