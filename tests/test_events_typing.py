"""Typing details: restated triggers merged, appeals by "urge", the dense block, when a code is re-rooted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from whimbrel.events.detect import Decoding, EventDetector
from whimbrel.events.mention import EventMention
from whimbrel.events.model import DENSE_DIM, Prediction, dense_features


@pytest.fixture(scope="module")
def dictionary():
    return EventDetector(typer=None)


def _types(detector: EventDetector, doc) -> list[tuple[str, str]]:
    return [(doc.text[m.trigger_start : m.trigger_end], m.event_type) for m in detector.detect(doc)]


def test_restating_triggers_of_one_clause_chain_are_one_event(nlp, dictionary):
    doc = nlp("Militants killed three soldiers and injured four others when they attacked a checkpoint.")
    assert _types(dictionary, doc) == [("killed", "ASSAULT")]


def test_two_actors_doing_the_same_are_two_events(nlp, dictionary):
    doc = nlp("Rebels shelled Nyala while the army bombed rebel positions.")
    assert _types(dictionary, doc) == [("shelled", "ASSAULT"), ("bombed", "ASSAULT")]


def test_urged_to_is_a_request_that_absorbs_its_content(nlp, dictionary):
    doc = nlp("The United Nations urged both sides to return to talks.")
    assert _types(dictionary, doc) == [("urged", "REQUEST")]


def test_dense_features_are_two_unit_blocks(nlp, dictionary):
    doc = nlp("Police arrested twenty protesters in Delhi on Monday.")
    sent = next(doc.sents)
    vector = dense_features(sent, dictionary.dictionary_mentions(sent))
    assert vector.shape == (DENSE_DIM,)
    half = DENSE_DIM // 2
    assert np.linalg.norm(vector[:half]) == pytest.approx(1, abs=1e-4)
    assert np.linalg.norm(vector[half:]) == pytest.approx(1, abs=1e-4)
    trigger = doc.tensor[1] / np.linalg.norm(doc.tensor[1])  # "arrested", the dictionary's trigger
    assert np.allclose(vector[half:], trigger, atol=1e-5)


def test_dense_features_are_zero_without_a_tensor(nlp, dictionary):
    doc = nlp("Police arrested twenty protesters.")
    doc.tensor = np.zeros((0,), dtype=np.float32)
    assert not dense_features(next(doc.sents), []).any()


def _decoded(dictionary, **settings) -> EventDetector:
    """A dictionary-only detector decoding with ``settings`` (the rest as shipped)."""
    return EventDetector(lexicon=dictionary.lexicon, typer=None, decoding=Decoding(**settings))


def _untriggered(nlp, dictionary, text: str):
    """The first sentence of ``text``, which the dictionary finds no trigger in."""
    sent = next(nlp(text).sents)
    assert dictionary.dictionary_mentions(sent) == []
    return sent


def _arrest_read_as_verbal_conflict(nlp, dictionary, same_mode: bool) -> EventMention:
    doc = nlp("Police arrested twenty protesters in Delhi on Monday.")
    sent = next(doc.sents)
    mentions = dictionary.dictionary_mentions(sent)
    assert [(m.event_type, m.cameo) for m in mentions] == [("COERCE", "173")]
    detector = _decoded(dictionary, recode_same_mode=same_mode, recode_margin=0.0)
    prediction = Prediction("COERCE", "arrest", 3, 0.9, (0.0, 0.0, 0.0, 0.6, 0.4))
    return detector._typed(sent, mentions, prediction)[0]


def test_same_mode_recoding_keeps_an_arrest_an_arrest(nlp, dictionary):
    assert _arrest_read_as_verbal_conflict(nlp, dictionary, same_mode=True).cameo == "173"
    assert _arrest_read_as_verbal_conflict(nlp, dictionary, same_mode=False).cameo.startswith("1")
    assert _arrest_read_as_verbal_conflict(nlp, dictionary, same_mode=False).cameo != "173"


def test_penta_margin():
    prediction = Prediction("COERCE", None, 3, 0.9, (0.1, 0.0, 0.0, 0.6, 0.3))
    assert prediction.penta_margin(4) == pytest.approx(0.3)
    assert prediction.penta_margin(None) == 1.0
    assert Prediction("COERCE", None, 3, 0.9).penta_margin(4) == 1.0


def test_a_statement_with_an_appeal_keeps_its_other_events(nlp, dictionary):
    doc = nlp("The African Union urged the council to hand over power and threatened to suspend Sudan.")
    sent = next(doc.sents)
    mentions = dictionary.dictionary_mentions(sent)
    statement = Prediction(None, None, 0, 0.8, (0.8, 0.0, 0.0, 0.2, 0.0))
    kept = dictionary._typed(sent, mentions, statement)
    assert [m.event_type for m in kept] == ["REQUEST", "THREATEN"]
    assert kept[0].confidence > kept[1].confidence
    plain = nlp("The minister said the army attacked the town.")
    sent = next(plain.sents)
    assert dictionary._typed(sent, dictionary.dictionary_mentions(sent), statement) == []


def test_a_statement_keeps_a_full_pattern_reading(nlp, dictionary):
    doc = nlp("The president went to Beijing for talks.")
    sent = next(doc.sents)
    statement = Prediction(None, None, 0, 0.8, (0.8, 0.0, 0.0, 0.2, 0.0))
    kept = _decoded(dictionary, statement_keeps_patterns=True)._typed(sent, dictionary.dictionary_mentions(sent), statement)
    assert [(m.event_type, m.cameo) for m in kept] == [("CONSULT", "042")]
    assert _decoded(dictionary, statement_keeps_patterns=False)._typed(sent, dictionary.dictionary_mentions(sent), statement) == []


def test_no_event_is_invented_for_a_sentence_that_leans_statement(nlp, dictionary):
    sent = _untriggered(nlp, dictionary, "Analysts believe the economy will recover next year.")
    leaning = Prediction("AID", None, 2, 0.6, (0.35, 0.0, 0.65, 0.0, 0.0))
    assert _decoded(dictionary, invent_probability=0.0, invent_statement_probability=0.3)._typed(sent, [], leaning) == []
    inventing = _decoded(dictionary, invent_probability=0.0, invent_statement_probability=1.01)
    assert [m.event_type for m in inventing._typed(sent, [], leaning)] == ["AID"]


def test_prediction_type_margin():
    prediction = Prediction("ASSAULT", None, 4, 0.6, (), (("ASSAULT", 0.6), ("PROTEST", 0.25)))
    assert prediction.type_margin("PROTEST") == pytest.approx(0.35)
    assert prediction.type_margin("AID") == pytest.approx(0.6)
    assert Prediction("ASSAULT", None, 4, 0.6).type_margin("PROTEST") == 1.0


def test_a_retype_needs_the_type_head_to_prefer_the_new_type_by_the_margin(nlp, dictionary):
    doc = nlp("Police arrested twenty protesters in Delhi on Monday.")
    sent = next(doc.sents)
    close = Prediction("ASSAULT", None, 4, 0.9, (0.0, 0.0, 0.0, 0.1, 0.9), (("ASSAULT", 0.5), ("COERCE", 0.4)))
    held = _decoded(dictionary, retype_probability=0.5, retype_margin=0.2)
    assert [m.event_type for m in held._typed(sent, dictionary.dictionary_mentions(sent), close)] == ["COERCE"]
    retyping = _decoded(dictionary, retype_probability=0.5, retype_margin=0.0)
    assert [m.event_type for m in retyping._typed(sent, dictionary.dictionary_mentions(sent), close)] == ["ASSAULT"]


def test_no_event_is_invented_on_a_root_that_reports_a_view(nlp, dictionary):
    sent = _untriggered(nlp, dictionary, "Observers fear that violence could return to the region.")
    event = Prediction("RETREAT", None, 2, 0.5, (0.2, 0.0, 0.8, 0.0, 0.0))
    assert _decoded(dictionary, invent_probability=0.0, no_invent_over_clause=True)._typed(sent, [], event) == []
    inventing = _decoded(dictionary, invent_probability=0.0, no_invent_over_clause=False)
    assert [m.event_type for m in inventing._typed(sent, [], event)] == ["RETREAT"]


def test_decoding_defaults_are_the_shipped_settings_and_reach_the_detector(dictionary):
    shipped = Decoding()
    assert shipped.retype_probability == 0.5 and shipped.recode_same_mode and not shipped.statement_keeps_patterns
    assert shipped.keep_anaphors and shipped.type_head_veto == 0.5
    gentle = Decoding(retype_probability=0.3)
    assert EventDetector(lexicon=dictionary.lexicon, typer=None, decoding=gentle).decoding is gentle
    assert EventDetector(lexicon=dictionary.lexicon, typer=None).decoding == shipped


def _readings(detector: EventDetector, doc) -> list[tuple[str, str, str]]:
    return [(doc.text[m.trigger_start : m.trigger_end], m.event_type, m.pattern.split(":")[0]) for m in detector.detect(doc)]


def test_a_bare_definite_noun_takes_the_reading_of_the_earlier_mention(nlp, dictionary):
    military = nlp("The party condemns the air strike near the airport that killed two commanders. The strike violated the border.")
    assert _readings(dictionary, military)[-1] == ("strike", "ASSAULT", "anaphor")
    assert dictionary.detect(military)[-1].cameo == "195"  # the air strike's code
    labour = nlp("Workers went on strike in Lagos on Monday. The strike closed the port.")
    assert _readings(dictionary, labour) == [("strike", "PROTEST", "noun-modifier"), ("strike", "PROTEST", "anaphor")]
    by_verb = nlp("Warplanes bombed a market in Idlib. The bombing shocked the city.")
    assert ("bombing", "ASSAULT", "anaphor") in _readings(dictionary, by_verb)  # the noun of "bombed"


def test_a_noun_without_an_earlier_reading_or_with_its_own_is_no_anaphor(nlp, dictionary):
    alone = nlp("The strike violated the border.")
    assert _readings(dictionary, alone) == [("strike", "ASSAULT", "noun")]
    indefinite = nlp("Workers went on strike in Lagos on Monday. A strike closed the port.")
    assert _readings(dictionary, indefinite)[-1] == ("strike", "ASSAULT", "noun")
    own = nlp("Workers went on strike in Lagos on Monday. The air strike closed the port.")
    assert _readings(dictionary, own)[-1] == ("strike", "ASSAULT", "noun-modifier")


def _anaphor_under_a_protest_reading(nlp, dictionary, keep: bool) -> list[str]:
    doc = nlp("Drones struck a convoy near the airport. The strike violated the sovereignty of Iraq.")
    sent = list(doc.sents)[-1]
    mentions = dictionary.dictionary_mentions(sent)
    assert [(m.event_type, m.pattern.split(":")[0]) for m in mentions] == [("ASSAULT", "anaphor")]
    protest = Prediction("PROTEST", None, 4, 0.6, (0.0, 0.0, 0.0, 0.0, 1.0), (("PROTEST", 0.6), ("ASSAULT", 0.4)))
    detector = _decoded(dictionary, retype_probability=0.3, keep_anaphors=keep)
    return [m.event_type for m in detector._typed(sent, mentions, protest)]


def test_an_anaphor_is_not_retyped_by_the_sentence_model(nlp, dictionary):
    assert _anaphor_under_a_protest_reading(nlp, dictionary, keep=True) == ["ASSAULT"]
    assert _anaphor_under_a_protest_reading(nlp, dictionary, keep=False) == ["PROTEST"]


def _troops_sent_read_by_class(nlp, dictionary, veto: float) -> list[str]:
    doc = nlp("Washington announced that 3,000 more troops are being sent to the region.")
    sent = next(doc.sents)
    mentions = dictionary.dictionary_mentions(sent)
    assert [m.event_type for m in mentions] == ["MOBILIZE"]
    # The 5-way head's material cooperation outvotes the type head's MOBILIZE in the joint pick.
    by_class = Prediction("RETREAT", None, 2, 0.4, (0.0, 0.0, 0.9, 0.0, 0.1), (("MOBILIZE", 0.44), ("RETREAT", 0.12)))
    detector = _decoded(dictionary, retype_probability=0.3, type_head_veto=veto)
    return [m.event_type for m in detector._typed(sent, mentions, by_class)]


def test_the_type_head_vetoes_a_retype_it_finds_much_less_likely(nlp, dictionary):
    assert _troops_sent_read_by_class(nlp, dictionary, veto=0.5) == ["MOBILIZE"]
    assert _troops_sent_read_by_class(nlp, dictionary, veto=0.25) == ["RETREAT"]
    assert _troops_sent_read_by_class(nlp, dictionary, veto=0.0) == ["RETREAT"]


def test_the_guards_keep_the_press_statement_readings_at_the_lower_retype_bar(nlp):
    """At the CV-preferred retype bar (0.3) the packaged model alone would read "The strike violated …"
    as a labour strike and "troops are being sent" as a withdrawal; the anaphor and type-head guards keep them."""
    detector = EventDetector(decoding=Decoding(retype_probability=0.3))
    if detector.typer is None:
        pytest.skip("no packaged event model")
    text = (Path(__file__).resolve().parent.parent / "examples" / "press_statement.txt").read_text()
    doc = nlp(text)
    mentions = detector.detect(doc)

    def in_sentence(start: str) -> EventMention:
        return next(m for m in mentions if doc.text[m.sent_start : m.sent_end].startswith(start))

    strike = in_sentence("The strike violated")
    assert (strike.event_type, strike.pattern.split(":")[0]) == ("ASSAULT", "anaphor")
    assert in_sentence("Washington announced").event_type == "MOBILIZE"
