"""Known event-detection errors (issue #5): who an act is aimed at, and which event holds which count.

An arrest verb arrests whoever its object is, whatever its subject; a protest that is dispersed or
suppressed is the target of a repression, not a protest by the police; two acts of one doer are two
events with their own counts; and an event the sentence model retypes keeps the dictionary's finer
reading of its trigger when the dictionary has one of the new type.
"""

from __future__ import annotations

import pytest

from whimbrel.codes.table import CodeTable
from whimbrel.events.mention import EventMention
from whimbrel.events.model import Prediction
from whimbrel.numbers.counts import extract_counts


@pytest.fixture(scope="module")
def detect(nlp, detector):
    def run(text: str) -> list[EventMention]:
        return detector.detect(nlp(text))

    return run


def trigger_of(text: str, mention: EventMention) -> str:
    return text[mention.trigger_start : mention.trigger_end]


def typed_as(nlp, detector, text: str, prediction: Prediction) -> list[EventMention]:
    """The first sentence's dictionary mentions as the detector decodes them with the model's ``prediction``."""
    sent = next(nlp(text).sents)
    return detector._typed(sent, detector.dictionary_mentions(sent), prediction)


# --- an arrest verb with someone as its object is an arrest, whatever the subject ----------------


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers arrested two journalists in the north.",  # the seizure block's military-subject pattern (192)
        "Army units apprehended the opposition leader on Sunday.",
        "Two journalists were arrested by soldiers.",
        "Police arrested 20 students during the demonstration.",  # "police ... during demonstration" (175)
        "Police detained 30 demonstrators in the square.",  # "police * demonstrator" (175)
    ],
)
def test_an_arrest_of_someone_is_an_arrest_whatever_the_subject(detect, text):
    (mention,) = [m for m in detect(text) if trigger_of(text, m).startswith(("arrest", "apprehend", "detain"))]
    assert (mention.event_type, mention.mode, mention.cameo) == ("COERCE", "arrest", "173")


def test_a_seizure_of_a_place_still_reads_the_pattern(detect):
    (mention,) = detect("Soldiers seized the airport at dawn.")
    assert (mention.event_type, mention.cameo) == ("COERCE", "192")


# --- a dispersed or suppressed protest is the target of a repression -----------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        ("Police dispersed the demonstration.", "dispersed", "ASSAULT"),
        ("Riot police broke up the rally outside parliament.", "broke", "ASSAULT"),
        ("The march was dispersed by police on Friday.", "dispersed", "ASSAULT"),
        ("Police dispersed the protesters with tear gas.", "dispersed", "ASSAULT"),
        ("Security forces suppressed the protest in the capital.", "suppressed", "COERCE"),
    ],
)
def test_a_dispersed_protest_is_no_protest_of_the_police(detect, text, trigger, event_type):
    mentions = detect(text)
    assert [(trigger_of(text, m), m.event_type) for m in mentions] == [(trigger, event_type)]


def test_dispersal_is_crowd_control(detect, nlp):
    text = "Police dispersed the demonstration."
    (mention,) = detect(text)
    assert mention.cameo == "175"
    codes = CodeTable.load().codes_for(mention, nlp(text))
    assert (codes.acled_event_type, codes.acled_sub_event_type) == ("Protests", "Protest with intervention")


def test_dispersing_aid_is_still_no_repression(detect):
    assert all(m.event_type != "ASSAULT" for m in detect("The agency dispersed food to the villages."))


def test_the_model_puts_no_protest_on_the_repression(nlp, detector):
    """Where the sentence model reads a protest, it does not retype the police's dispersal into one."""
    protest = Prediction(event_type="PROTEST", mode="riot", penta=4, probability=0.9)
    typed = typed_as(nlp, detector, "Police dispersed the protesters with tear gas.", protest)
    assert [(m.event_type, m.cameo) for m in typed] == [("ASSAULT", "175")]


# --- two acts of one doer are two events, each with its own counts -------------------------------


@pytest.mark.parametrize(
    ("text", "arrest"),
    [
        ("Police fired tear gas and arrested 20.", "arrested"),
        ("Soldiers shelled the village and detained 15 men.", "detained"),
    ],
)
def test_conjoined_acts_keep_their_own_counts(nlp, detector, text, arrest):
    doc = nlp(text)
    mentions = detector.detect(doc)
    by_type = {m.event_type: m for m in mentions}
    assert set(by_type) == {"ASSAULT", "COERCE"}
    assert trigger_of(text, by_type["COERCE"]) == arrest
    assert extract_counts(doc, by_type["COERCE"]).arrested in (15, 20)
    assert extract_counts(doc, by_type["ASSAULT"]).arrested is None
    assert by_type["ASSAULT"].beside == [by_type["COERCE"].trigger_i]


def test_a_clause_continuing_one_act_stays_with_it(nlp, detector):
    text = "Police fired tear gas, injuring 12, and arrested 20 protesters."
    doc = nlp(text)
    by_type = {m.event_type: m for m in detector.detect(doc)}
    assault, arrest = extract_counts(doc, by_type["ASSAULT"]), extract_counts(doc, by_type["COERCE"])
    assert (assault.injured, assault.arrested) == (12, None)
    assert (arrest.injured, arrest.arrested) == (None, 20)


def test_one_happening_told_twice_shares_its_counts(nlp, detector):
    doc = nlp("Two persons died in police firing on Monday.")
    mentions = detector.detect(doc)
    assert all(m.beside == [] for m in mentions)
    assert [extract_counts(doc, m).dead for m in mentions if doc[m.trigger_i].text == "firing"] == [2]


def test_restated_clauses_are_no_events_beside(nlp, detector):
    doc = nlp("Two protesters were killed and at least 14 were injured when troops opened fire on the march.")
    (mention,) = [m for m in detector.detect(doc) if m.event_type == "ASSAULT"]
    assert mention.beside == []
    counts = extract_counts(doc, mention)
    assert (counts.dead, counts.injured) == (2, 14)


# --- a retyped event keeps the dictionary's reading of its new type ------------------------------


@pytest.mark.parametrize(
    ("text", "new_type", "penta", "cameo"),
    [
        # the arrest verb's own pattern for "during the demonstration" is violent repression (175), a
        # finer code of ASSAULT than the table's generic one
        ("Police arrested 20 students during the demonstration.", "ASSAULT", 4, "175"),
    ],
)
def test_a_retyped_event_keeps_a_dictionary_reading_of_its_type(nlp, detector, text, new_type, penta, cameo):
    prediction = Prediction(event_type=new_type, mode=None, penta=penta, probability=0.9)
    (typed,) = [m for m in typed_as(nlp, detector, text, prediction) if m.event_type == new_type]
    assert typed.cameo == cameo


def test_a_retype_without_a_dictionary_reading_takes_the_table_code(nlp, detector):
    prediction = Prediction(event_type="PROTEST", mode="demo", penta=4, probability=0.9)
    (typed,) = typed_as(nlp, detector, "Police arrested 20 students on Monday.", prediction)
    assert typed.event_type == "PROTEST"
    assert typed.cameo == CodeTable.load().code_in_class("PROTEST", "demo", 4).cameo


@pytest.mark.parametrize(
    ("text", "penta", "cameo"),
    [
        ("China urged Washington to lift the sanctions.", 0, "0254"),  # demand 1054 → its appeal twin
        ("The opposition demanded the release of the prisoners.", 3, "1053"),  # appeal 0253 → its demand twin
    ],
)
def test_a_re_rooted_demand_or_appeal_keeps_its_sub_code(nlp, detector, text, penta, cameo):
    """The model's 5-way class moves a demand (10x) to a statement or an appeal (02x) to verbal conflict:
    CAMEO's parallel code keeps what was asked for, not the table's first code of the mode."""
    prediction = Prediction(event_type="REQUEST", mode="yield", penta=penta, probability=0.9)
    (typed,) = typed_as(nlp, detector, text, prediction)
    assert typed.cameo == cameo
