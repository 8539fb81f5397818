"""The dictionary's verb additions (hyphenated verbs, round up, tear gas, captured people) and the
arbitration between its specific readings and the sentence model (pattern margin, statement keep bar)."""

from __future__ import annotations

import pytest

from whimbrel.events.detect import Decoding, EventDetector, _hyphenated
from whimbrel.events.model import Prediction


def _codes(detector: EventDetector, doc) -> list[tuple[str, str, str]]:
    return [(doc.text[m.trigger_start : m.trigger_end], m.event_type, m.cameo) for m in detector.detect(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops captured three rebel commanders near the border.", ("captured", "COERCE", "171")),
        ("Police rounded up dozens of opposition activists on Sunday.", ("rounded", "COERCE", "173")),
        ("Soldiers rounded up villagers after the attack.", ("rounded", "COERCE", "173")),
        ("Security forces lobbed tear gas at the protesters.", ("lobbed", "ASSAULT", "175")),
        ("Riot police hurled tear gas canisters into the crowd.", ("hurled", "ASSAULT", "175")),
        ("Police baton-charged the protesters outside the parliament.", ("charged", "ASSAULT", "175")),
    ],
)
def test_force_and_arrest_verbs_the_dictionary_missed(nlp, detector, text, expected):
    assert _codes(detector, nlp(text))[0] == expected


def test_a_taken_place_is_still_an_occupation(nlp, detector):
    assert _codes(detector, nlp("Troops captured the town of Kidal."))[0] == ("captured", "COERCE", "192")


def test_charge_alone_and_lob_alone_keep_their_readings(nlp, detector):
    assert _codes(detector, nlp("Prosecutors charged the former minister with corruption."))[0][1:] == ("ACCUSE", "112")
    assert _codes(detector, nlp("The pitcher lobbed the ball to first base.")) == []


def test_a_hyphenated_verb_is_read_with_the_word_written_onto_it(nlp):
    doc = nlp("Police baton-charged the crowd and Hindu-owned shops closed; it was charged - twice.")
    words = [t.text for t in doc]
    assert _hyphenated(doc[words.index("charged")]) == "baton-charge"
    assert _hyphenated(doc[words.index("owned")]) == "hindu-own"
    spaced = len(words) - 1 - words[::-1].index("charged")  # "was charged - twice": a spaced dash, no compound
    assert doc[spaced + 1].text == "-"
    assert _hyphenated(doc[spaced]) is None
    assert _hyphenated(doc[0]) is None


def _decoded(detector: EventDetector, **settings) -> EventDetector:
    return EventDetector(lexicon=detector.lexicon, typer=None, decoding=Decoding(**settings))


def _statement(p_statement: float) -> Prediction:
    return Prediction(None, None, 0, p_statement, (p_statement, 1 - p_statement, 0.0, 0.0, 0.0))


def test_an_unsure_statement_keeps_a_verb_pattern_of_cooperation(nlp, detector):
    sent = next(nlp("The president went to Beijing for talks.").sents)
    mentions = detector.dictionary_mentions(sent)
    assert [m.pattern.split(":")[0] for m in mentions] == ["pattern"]
    keeping = _decoded(detector, statement_keep_below=0.7)
    assert [m.cameo for m in keeping._typed(sent, list(mentions), _statement(0.6))] == ["042"]
    assert keeping._typed(sent, list(mentions), _statement(0.75)) == []  # a sure statement keeps nothing
    assert _decoded(detector, statement_keep_below=0.0)._typed(sent, list(mentions), _statement(0.6)) == []  # off


def test_a_verb_default_code_outlasts_a_statement_only_in_the_verb_scope(nlp, detector):
    sent = next(nlp("Police arrested twenty protesters in Delhi on Monday.").sents)
    mentions = detector.dictionary_mentions(sent)
    assert [m.pattern.split(":")[0] for m in mentions] == ["default"]
    assert _decoded(detector, statement_keep_below=0.9)._typed(sent, list(mentions), _statement(0.6)) == []
    verbs = _decoded(detector, statement_keep_below=0.9, statement_keep_scope="verb")
    assert [m.cameo for m in verbs._typed(sent, list(mentions), _statement(0.6))] == ["173"]


def test_a_noun_reading_outlasts_a_statement_only_in_the_widest_scope(nlp, detector):
    sent = next(nlp("The minister spoke about the attack on the convoy.").sents)
    mentions = detector.dictionary_mentions(sent)
    assert [(m.pattern.split(":")[0], m.event_type) for m in mentions] == [("noun", "ASSAULT")]
    assert _decoded(detector, statement_keep_below=0.9, statement_keep_scope="verb")._typed(sent, list(mentions), _statement(0.6)) == []
    widest = _decoded(detector, statement_keep_below=0.9, statement_keep_scope="any")
    assert [m.event_type for m in widest._typed(sent, list(mentions), _statement(0.6))] == ["ASSAULT"]


def _retyped(nlp, detector, margin: float, unread_only: bool = True) -> list[tuple[str, str]]:
    sent = next(nlp("The president went to Beijing for talks.").sents)
    mentions = detector.dictionary_mentions(sent)
    agree = Prediction("AGREE", None, 1, 0.8, (0.0, 0.9, 0.1, 0.0, 0.0), (("AGREE", 0.45), ("CONSULT", 0.35)))
    decoding = _decoded(detector, pattern_retype_margin=margin, pattern_margin_unread_only=unread_only)
    return [(m.event_type, m.cameo) for m in decoding._typed(sent, list(mentions), agree)]


def test_a_full_pattern_reading_stands_unless_the_type_head_prefers_the_new_type_by_the_margin(nlp, detector):
    sent = next(nlp("The president went to Beijing for talks.").sents)
    assert "AGREE" not in detector._reading_types(sent[2])  # no reading of "went" is an agreement
    assert _retyped(nlp, detector, margin=0.2) == [("CONSULT", "042")]  # 0.45 - 0.35 < 0.2
    assert [t for t, _ in _retyped(nlp, detector, margin=0.05)] == ["AGREE"]
    assert [t for t, _ in _retyped(nlp, detector, margin=0.0)] == ["AGREE"]


def test_the_margin_does_not_guard_a_type_the_dictionary_reads_on_the_trigger(nlp, detector):
    sent = next(nlp("The rebels took part in the conference.").sents)
    mentions = detector.dictionary_mentions(sent)
    assert [(m.pattern.split(":")[0], m.event_type) for m in mentions] == [("pattern", "CONSULT")]
    assert "AGREE" in detector._reading_types(sent[2])  # "take part" alone is 030, intent to cooperate
    agree = Prediction("AGREE", None, 1, 0.8, (0.0, 0.9, 0.1, 0.0, 0.0), (("AGREE", 0.45), ("CONSULT", 0.4)))
    for unread_only, expected in ((True, "AGREE"), (False, "CONSULT")):
        decoding = _decoded(detector, pattern_retype_margin=0.2, pattern_margin_unread_only=unread_only)
        assert [m.event_type for m in decoding._typed(sent, list(mentions), agree)] == [expected]


def test_a_combination_is_a_specific_reading_the_margin_guards(nlp, detector):
    sent = next(nlp("Ministers agreed to meet next week.").sents)
    mentions = detector.dictionary_mentions(sent)
    assert [(m.pattern.split(":")[0], m.event_type, m.cameo) for m in mentions] == [("default+combined", "AGREE", "036")]
    consult = Prediction("CONSULT", None, 1, 0.8, (0.0, 0.9, 0.1, 0.0, 0.0), (("CONSULT", 0.5), ("AGREE", 0.4)))
    guarded = _decoded(detector, pattern_retype_margin=0.2)._typed(sent, list(mentions), consult)
    assert [(m.event_type, m.cameo) for m in guarded] == [("AGREE", "036")]
    assert [m.event_type for m in _decoded(detector)._typed(sent, list(mentions), consult)] == ["CONSULT"]


def test_the_shipped_detector_keeps_a_specific_reading_of_an_unsure_statement_only(nlp, detector):
    """The defaults as a user gets them (no settings passed): the cross-validated keep bar, 0.7, specific scope."""
    shipped = EventDetector(lexicon=detector.lexicon, typer=None)
    talks = next(nlp("The president went to Beijing for talks.").sents)  # a full verb pattern, 042
    talks_mentions = list(detector.dictionary_mentions(talks))
    assert [m.cameo for m in shipped._typed(talks, talks_mentions, _statement(0.65))] == ["042"]
    assert shipped._typed(talks, talks_mentions, _statement(0.72)) == []
    arrest = next(nlp("Police arrested twenty protesters in Delhi on Monday.").sents)  # the verb's default code only
    assert shipped._typed(arrest, list(detector.dictionary_mentions(arrest)), _statement(0.65)) == []
    assert shipped.decoding.pattern_retype_margin == 0.0  # the margin ships off (CV found no gain)
