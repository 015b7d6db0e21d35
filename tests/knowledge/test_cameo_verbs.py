"""The CAMEO 2.0 verb dictionary and the discard list of PETRARCH-2, read from their real lines."""

from __future__ import annotations

import numpy as np

from opslens import cache
from opslens.knowledge import cameo_verbs as cv
from opslens.knowledge import discards as dl
from opslens.knowledge.cameo_verbs import Pattern, Prep


def synsets() -> dict[str, tuple[str, ...]]:
    lines = cv.resource(*cv.FILE).read_text(encoding="utf-8").splitlines()
    return cv.read_synsets(lines)


# -- patterns, as the file writes them ------------------------------------------------------------
def test_an_object_and_a_prepositional_phrase():
    line = "- * POLICE (TO BORDER)                                [153]         # RUSH"
    assert cv.parse_pattern(line, 7, synsets()) == Pattern((), (("police",),), (Prep("to", ("border",)),), "153", 7)


def test_a_braced_phrase_in_a_prepositional_phrase_keeps_its_head_last():
    line = "- * (FOR {FINANCIAL AID})                          [0231]        # ASK"
    pattern = cv.parse_pattern(line, 1, synsets())
    assert pattern is not None and pattern.preps == (Prep("for", ("financial", "aid")),) and pattern.code == "0231"


def test_a_synonym_set_before_the_verb_and_a_complex_code():
    line = "- &AIRCRAFT * {MOCK ATTACKS}                          [062:062]     # STAGE"
    pattern = cv.parse_pattern(line, 1, synsets())
    assert pattern == Pattern((("&AIRCRAFT",),), (("mock", "attacks"),), (), "062", 1)


def test_codes_of_one_direction_and_of_no_event():
    assert cv.parse_code("042:043") == "042"
    assert cv.parse_code(":173") == "173"
    assert cv.parse_code("---") is None
    line = "- * INCIDENTS                                         [---]         # AVOID"
    assert cv.parse_pattern(line, 1, synsets()).code is None


def test_a_code_with_no_first_direction_is_an_act_the_subject_receives():
    received = cv.parse_pattern(
        "- * (IN &DETENTION)                                   [:184]        # DIE", 1, synsets()
    )
    assert received is not None and (received.code, received.received) == ("184", True)
    paired = cv.parse_pattern("- * OFF (FOR)                                         [042:043]     # SET", 1, synsets())
    assert paired is not None and (paired.code, paired.received) == ("042", False)
    # and the index keeps it
    assert any(p.received and p.code == "184" for p in cv.verb("die").patterns)


def test_a_pattern_with_an_undefined_synonym_set_is_dropped_as_upstream():
    assert cv.parse_pattern("- * &NO_SUCH_SET   [190]", 1, synsets()) is None


def test_verb_lines():
    assert cv._verb_entry("+CALL_OFF [160]") == ("call", (), ("off",), "160")
    assert cv._verb_entry("HOLD {HOLDS HOLDING HELD } [---] # HUX 10/10/97") == ("hold", (), (), "")
    assert cv._verb_entry("WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED  WIRE_+TAPPING }") == ("tap", ("wire",), (), None)
    assert cv._verb_entry("ASK     [020]") == ("ask", (), (), "020")


def test_synonym_sets():
    sets = synsets()
    assert {"ceasefire", "truce", "cease-fire"} <= set(sets["&CEASEFIRE"])
    assert sets["&AUXVERB2_"] == ("will", "is to", "would")


def test_singulars():
    assert [cv.singular(w) for w in ("attacks", "rallies", "crosses", "marches", "talks", "status")] == [
        "attack",
        "rally",
        "cross",
        "march",
        "talk",
        "status",
    ]


# -- the index -------------------------------------------------------------------------------------
def test_a_verb_takes_its_own_code_else_its_block_code():
    assert cv.verb("ask").code == "020"  # "ASK [020]" in a [---] block
    assert cv.verb("torch").code == "190"  # a verb of the ATTACK block without its own code
    assert cv.verb("hold").code is None  # "HOLD [---]" in a [170] block: alone, no event
    assert cv.verb("enquire").code is None  # no code of its own in a [---] block
    assert cv.verb("seal") is None and "seal" not in cv.verbs()


def test_a_block_s_patterns_serve_every_verb_of_the_block():
    stage = {(p.after, p.code) for p in cv.verb("stage").patterns}
    put = {(p.after, p.code) for p in cv.verb("put").patterns}
    assert ((("rally",),), "141") in stage and ((("rally",),), "141") in put


def test_a_multi_word_verb_is_a_pattern_of_its_verb():
    assert any(p.after == (("off",),) and p.code == "160" for p in cv.verb("call").patterns)


def test_patterns_come_heaviest_first():
    weights = [p.weight for p in cv.verb("hold").patterns]
    assert weights == sorted(weights, reverse=True)


def test_of_two_codes_for_the_same_words_the_pattern_written_for_the_verb_comes_first():
    # the block of RECOGNISE, CELEBRATE … has "- * INDEPENDENCE [017] # CELEBRATE" and, later,
    # "- * INDEPENDENCE [054] # RECOGNISE"
    def first(lemma: str) -> str | None:
        return next(p.code for p in cv.verb(lemma).patterns if p.after == (("independence",),))

    assert (first("recognize"), first("recognise"), first("celebrate")) == ("054", "054", "017")


def test_the_candidates_of_a_verb_are_the_patterns_whose_heads_the_words_hold():
    entry = cv.verb("exchange")
    found = [entry.patterns[i] for i in entry.candidates({"fire", "troops"})]
    assert [p.code for p in found if p.after == (("fire",),)] == ["193"]
    assert all(all(h & {"fire", "troops"} for h in p.heads()) for p in found)
    assert not any(p.after == (("prisoners",),) for p in found)


def test_the_index_is_built_once_then_loaded(tmp_path):
    cache.use(tmp_path)
    try:
        built, loaded = cache.built[cv.NAME], cache.loaded[cv.NAME]
        first = cv.cached()
        second = cv.cached()
        assert (cache.built[cv.NAME], cache.loaded[cv.NAME]) == (built + 1, loaded + 1)
        assert all(np.array_equal(first[k], second[k]) for k in first) and sorted(first) == sorted(second)
    finally:
        cache.use(None)


# -- the discard list -------------------------------------------------------------------------------
def test_discard_lines():
    assert dl.phrase_of("+WORLD CUP   ") == ("world", "cup")
    assert dl.phrase_of("CANNES FILM FESTIVAL   # LM 23 Dec 2005 ;LM 23 DEC 2005") == ("cannes", "film", "festival")
    assert dl.phrase_of("GROUP A_") == ("group", "a")
    assert dl.phrase_of("# Story-level discards are indicated with a '+'.") is None


def test_time_phrases_and_past_wars_are_not_read():
    assert [dl.phrase_of(x) for x in ("1914", "YEARS AGO", "WEEKS LATER", "WORLD WAR II", "NAPOLEONIC WARS")] == [
        None
    ] * 5


def test_a_discard_phrase_in_a_sentence():
    words = ["brazil", "beat", "argentina", "in", "the", "world", "cup", "final"]
    assert dl.discard_at(words, 5) == ("world", "cup") and dl.discard_at(words, 4) is None
