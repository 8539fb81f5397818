"""Event dates: finding the expression that governs an event and resolving it."""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.dates.expressions import resolve_expression
from whimbrel.dates.resolve import EventDate, governing_expressions, is_historical, resolve_event_date
from whimbrel.events.mention import EventMention

PUB = dt.date(2020, 1, 4)  # a Saturday


def mention_at(doc, word: str, nth: int = 0, event_type: str = "ASSAULT") -> EventMention:
    return EventMention.on([t for t in doc if t.text == word][nth], event_type)


def date_of(nlp, text: str, word: str, pub: dt.date | None = PUB, nth: int = 0) -> EventDate:
    doc = nlp(text)
    return resolve_event_date(doc, mention_at(doc, word, nth), pub)


def historical(nlp, text: str, word: str, pub: dt.date | None = PUB, days: int = 30) -> bool:
    doc = nlp(text)
    mention = mention_at(doc, word)
    return is_historical(resolve_event_date(doc, mention, pub), pub, days, doc, mention)


# --- expressions on their own -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Friday", "2020-01-03", "day"),
        ("Saturday", "2020-01-04", "day"),  # the publication day itself
        ("Sunday", "2019-12-29", "day"),
        ("last Saturday", "2019-12-28", "day"),
        ("Tuesday night", "2019-12-31", "day"),
        ("yesterday", "2020-01-03", "day"),
        ("Jan. 2", "2020-01-02", "day"),
        ("Dec. 30", "2019-12-30", "day"),
        ("9 May 2020", "2020-05-09", "day"),
        ("2019-12-20", "2019-12-20", "day"),
        ("1979", "1979-01-01", "year"),
        ("the 1990s", "1990-01-01", "year"),
        ("March", "2019-03-01", "month"),  # the most recent March not after publication
        ("January", "2020-01-01", "month"),
        ("last month", "2019-12-01", "month"),
        ("earlier this month", "2020-01-01", "month"),
        ("mid-December", "2019-12-01", "month"),
        ("last year", "2019-01-01", "year"),
        ("two years ago", "2018-01-01", "year"),
        ("three days ago", "2020-01-01", "day"),
        ("a week ago", "2019-12-28", "day"),
        ("last week", "2019-12-26", "day"),  # middle (Thursday) of the previous Monday-Sunday week
    ],
)
def test_expression_resolves_against_publication_date(text, date, precision):
    resolved = resolve_expression(text, PUB)
    assert resolved is not None
    assert (resolved.date.isoformat(), resolved.precision) == (date, precision)


@pytest.mark.parametrize("text", ["three days", "years ago", "summer", "23-year-old", "the second", "", "???"])
def test_durations_and_vague_expressions_do_not_resolve(text):
    assert resolve_expression(text, PUB) is None


def test_future_clause_looks_forward():
    assert resolve_expression("Monday", PUB, future=True).date == dt.date(2020, 1, 6)
    assert resolve_expression("March", PUB, future=True).date == dt.date(2020, 3, 1)
    assert resolve_expression("next Monday", PUB).date == dt.date(2020, 1, 6)


def test_anchor_for_the_day_before():
    assert resolve_expression("the day before", PUB, anchor=dt.date(2019, 12, 25)).date == dt.date(2019, 12, 24)
    assert resolve_expression("the following day", PUB, anchor=dt.date(2019, 12, 25)).date == dt.date(2019, 12, 26)


def test_without_publication_date_only_dates_with_a_year_resolve():
    assert resolve_expression("9 May 2020", None).date == dt.date(2020, 5, 9)
    assert resolve_expression("Friday", None) is None
    assert resolve_expression("Jan. 2", None) is None


# --- the expression that governs an event --------------------------------------------------


def test_date_on_the_noun_of_a_relative_clause(nlp):
    text = (
        "The party condemns in the strongest terms the American strike near Baghdad airport on Friday "
        "that killed Iranian commander Qassem Soleimani."
    )
    assert date_of(nlp, text, "killed") == EventDate("2020-01-03", "day", "on Friday")
    assert date_of(nlp, text, "strike").date == "2020-01-03"


def test_date_of_a_nested_event_does_not_date_the_statement(nlp):
    text = (
        "The party condemns in the strongest terms the American strike near Baghdad airport on Friday "
        "that killed Iranian commander Qassem Soleimani."
    )
    assert date_of(nlp, text, "condemns") == EventDate("2020-01-04", None, None)


def test_acled_note_sentence_start(nlp):
    text = "On 9 May 2020, rebels shelled a military base near Bentiu, killing 3 soldiers."
    assert date_of(nlp, text, "killing") == EventDate("2020-05-09", "day", "On 9 May 2020")
    assert date_of(nlp, text, "shelled", pub=None).date == "2020-05-09"


def test_acled_note_date_carries_to_the_next_sentence(nlp):
    text = "On 9 May 2020, rebels shelled a military base near Bentiu. The attack killed 3 soldiers."
    assert date_of(nlp, text, "killed", pub=dt.date(2020, 5, 15)).date == "2020-05-09"


def test_date_does_not_cross_a_paragraph_break(nlp):
    text = "On 9 May 2020, rebels shelled a military base near Bentiu.\n\nThe army arrested 3 men."
    assert date_of(nlp, text, "arrested", pub=dt.date(2020, 5, 15)) == EventDate("2020-05-15", None, None)


def test_reported_clause_takes_the_date_of_the_report(nlp):
    text = "Washington announced on Saturday that 3,000 more troops are being sent to the region."
    assert date_of(nlp, text, "sent") == EventDate("2020-01-04", "day", "on Saturday")


def test_own_date_beats_the_date_of_the_report(nlp):
    text = "Rebels attacked the town on Tuesday, police said on Friday."
    assert date_of(nlp, text, "attacked").date == "2019-12-31"
    assert date_of(nlp, text, "said").date == "2020-01-03"


def test_weekday_and_month_day(nlp):
    assert date_of(nlp, "Police arrested dozens of protesters in Harare on Monday.", "arrested").date == "2019-12-30"
    text = "At least 12 people were killed and 20 wounded in a bombing on Jan. 2."
    assert date_of(nlp, text, "killed").date == "2020-01-02"
    assert date_of(nlp, text, "bombing").date == "2020-01-02"


def test_year_and_month_precision(nlp):
    assert date_of(nlp, "Gunmen killed a dozen villagers in 1979.", "killed") == EventDate("1979-01-01", "year", "in 1979")
    assert date_of(nlp, "Thousands of people marched in the capital last month.", "marched") == EventDate(
        "2019-12-01", "month", "last month"
    )
    assert date_of(nlp, "Students protested in March.", "protested").date == "2019-03-01"


def test_day_before_counts_from_the_last_date_mentioned(nlp):
    text = "Troops clashed with rebels on Thursday. The day before, gunmen had attacked a convoy."
    assert date_of(nlp, text, "attacked") == EventDate("2020-01-01", "day", "The day before")


def test_future_event(nlp):
    assert date_of(nlp, "The minister will visit Tehran on Monday.", "visit").date == "2020-01-06"


def test_subject_noun_carries_the_date(nlp):
    assert date_of(nlp, "The Friday strike killed two people.", "killed").date == "2020-01-03"


def test_no_expression_means_publication_date_with_null_precision(nlp):
    assert date_of(nlp, "Police detained 40 people for three days.", "detained") == EventDate("2020-01-04", None, None)
    assert date_of(nlp, "Police detained 40 people.", "detained", pub=None) == EventDate(None, None, None)


def test_relative_expression_without_publication_date_keeps_its_text(nlp):
    assert date_of(nlp, "Police arrested 40 people on Monday.", "arrested", pub=None) == EventDate(None, None, "on Monday")


def test_ages_are_not_dates(nlp):
    doc = nlp("Police arrested a 23-year-old man.")
    assert governing_expressions(doc, mention_at(doc, "arrested")) == []


def test_odd_input_never_raises(nlp):
    doc = nlp("On ???, 9999 May 99 killed.")
    bad = EventMention(trigger_i=999, trigger_start=0, trigger_end=0, sent_start=0, sent_end=0, event_type="ASSAULT")
    assert resolve_event_date(doc, bad, PUB) == EventDate("2020-01-04", None, None)
    assert is_historical(EventDate(), PUB, 30, doc, bad) is False
    assert resolve_event_date(doc, mention_at(doc, "killed"), PUB).date is not None


# --- background events ------------------------------------------------------------------------


def test_old_dates_are_historical(nlp):
    assert historical(nlp, "Gunmen killed a dozen villagers in 1979.", "killed")
    assert historical(nlp, "We recall that more than 450 Iraqi demonstrators were killed by militias since October.", "killed")
    assert not historical(nlp, "Police arrested dozens of protesters in Harare on Monday.", "arrested")


def test_last_month_counts_from_the_end_of_the_month(nlp):
    text = "Thousands of people marched in the capital last month."
    assert not historical(nlp, text, "marched", days=30)
    assert historical(nlp, text, "marched", days=2)


def test_cues_without_a_date(nlp):
    assert historical(nlp, "The victim had been killed years ago.", "killed")
    assert historical(nlp, "Protesters marked the anniversary of the massacre in the city.", "massacre")
    assert historical(nlp, "We recall that soldiers killed the leader.", "killed")
    assert not historical(nlp, "The man had been detained, police said.", "detained")
    assert not historical(nlp, "Soldiers killed the leader.", "killed")


def test_explicit_recent_date_beats_pluperfect(nlp):
    assert not historical(nlp, "Troops clashed with rebels on Thursday. The day before, gunmen had attacked a convoy.", "attacked")


# --- dates from another event's clause ----------------------------------------------------

_NOTES_THEN_BLAMES = (
    "The union notes that some 200 workers were arrested by police since March, "
    "and it blames the ministry for attacking a lawful strike."
)
_SAY_THEN_ACCUSE = (
    "Villagers say that 30 farmers were killed by soldiers in November, "
    "and they accuse the army of burning their fields."
)


@pytest.mark.parametrize(("text", "word"), [(_NOTES_THEN_BLAMES, "blames"), (_SAY_THEN_ACCUSE, "accuse")])
def test_date_inside_another_verbs_clause_is_not_used(nlp, text, word):
    when = date_of(nlp, text, word)
    assert when == EventDate("2020-01-04", None, None)
    assert not historical(nlp, text, word)


def test_the_other_clause_keeps_its_own_date(nlp):
    when = date_of(nlp, _SAY_THEN_ACCUSE, "killed")
    assert (when.date, when.precision, when.text) == ("2019-11-01", "month", "in November")


def test_a_conjunct_is_not_governed_by_the_verb_it_is_coordinated_with(nlp):
    assert not historical(nlp, "We remember the victims of the war, and we denounce the arrests of students.", "denounce")
    assert historical(nlp, "We recall that soldiers killed the leader and burned his house.", "burned")
