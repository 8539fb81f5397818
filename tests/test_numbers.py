"""Counts of dead, injured, arrested and crowd size, and how vague amounts are read."""

from __future__ import annotations

import pytest

from whimbrel.events.mention import EventMention
from whimbrel.numbers.amounts import parse_amount
from whimbrel.numbers.counts import Counts, bare_amount, extract_counts, names_someone


def counts(nlp, text: str, word: str, event_type: str = "ASSAULT") -> Counts:
    doc = nlp(text)
    mention = EventMention.on(next(t for t in doc if t.text == word), event_type)
    return extract_counts(doc, mention)


# --- amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("5,000", 5000),
        ("three", 3),
        ("twenty-five", 25),
        ("three hundred and fifty", 350),
        ("1.5 million", 1_500_000),
        ("more than 450", 450),  # lower bound stands, as ACLED codes it
        ("At least 12", 12),
        ("Up to 30", 30),
        ("as many as 30", 30),
        ("about 5,000", 5000),
        ("an estimated 10,000", 10_000),
        ("between 20 and 30", 20),
        ("20-30", 20),
        ("20 to 30 thousand", 20_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("dozens", 12),
        ("tens", 10),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("Tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
        ("several", 3),
        ("several hundred", 300),
        ("no one", 0),
    ],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["some", "many", "a number of", "fewer than 10", "", "people", "a"])
def test_amounts_without_magnitude(text):
    assert parse_amount(text) is None


# --- counts in sentences -------------------------------------------------------------------------


def test_typical_statement(nlp):
    text = (
        "The party condemns in the strongest terms the American strike near Baghdad airport on Friday that "
        "killed Iranian commander Qassem Soleimani and Iraqi militia leader Abu Mahdi al-Muhandis."
    )
    assert counts(nlp, text, "killed") == Counts(dead=2)
    assert counts(nlp, text, "strike") == Counts(dead=2)
    assert counts(nlp, text, "condemns", "ACCUSE") == Counts()  # the dead belong to the strike


def test_vague_lower_bound_and_passive(nlp):
    text = "We recall that more than 450 Iraqi demonstrators were killed by militias since October."
    assert counts(nlp, text, "killed") == Counts(dead=450)  # victims are not crowd size


def test_troops_are_not_counted(nlp):
    text = "Washington announced on Saturday that 3,000 more troops are being sent to the region."
    assert counts(nlp, text, "sent", "MOBILIZE") == Counts()


def test_participle_clause(nlp):
    text = "On 9 May 2020, rebels shelled a military base near Bentiu, killing 3 soldiers."
    assert counts(nlp, text, "shelled").dead == 3
    assert counts(nlp, text, "killing").dead == 3


def test_arrests(nlp):
    assert counts(nlp, "Police arrested dozens of protesters in Harare on Monday.", "arrested", "COERCE") == Counts(arrested=12)
    assert counts(nlp, "Up to 30 people were arrested earlier this month.", "arrested", "COERCE").arrested == 30
    assert counts(nlp, "Police rounded up 25 students.", "rounded", "COERCE").arrested == 25
    assert counts(nlp, "Police detained more than 100 protesters, a 23-year-old among them.", "detained", "COERCE").arrested == 100


def test_dead_and_wounded_together(nlp):
    text = "At least 12 people were killed and 20 wounded in a bombing on Jan. 2."
    assert counts(nlp, text, "killed") == Counts(dead=12, injured=20)
    assert counts(nlp, text, "bombing") == Counts(dead=12, injured=20)
    assert counts(nlp, "The blast left 5 dead and 20 wounded.", "blast") == Counts(dead=5, injured=20)
    assert counts(nlp, "Two soldiers died and three were injured.", "died") == Counts(dead=2, injured=3)
    assert counts(nlp, "The attack killed three, injuring dozens.", "attack") == Counts(dead=3, injured=12)


def test_death_nouns(nlp):
    assert counts(nlp, "The clashes caused the deaths of 7 civilians.", "clashes").dead == 7
    assert counts(nlp, "The death toll rose to 15.", "rose").dead == 15
    assert counts(nlp, "The attack claimed 5 lives.", "attack").dead == 5


def test_adjective_dead(nlp):
    assert counts(nlp, "Soldiers shot dead two protesters.", "shot").dead == 2
    assert counts(nlp, "The raid left 4 people dead.", "raid").dead == 4


def test_crowd_size_for_protests(nlp):
    assert counts(nlp, "Thousands of people marched in the capital.", "marched", "PROTEST").size == 1000
    assert counts(nlp, "Tens of thousands of demonstrators rallied in Khartoum.", "rallied", "PROTEST").size == 10_000
    assert counts(nlp, "A crowd of about 5,000 gathered in the square.", "gathered", "PROTEST").size == 5000
    text = "Some 2,000 students protested against fees, and police detained 12 of them."
    # the detentions are the police's event (its own record), not the protest's
    assert counts(nlp, text, "protested", "PROTEST") == Counts(size=2000)
    assert counts(nlp, text, "detained", "COERCE") == Counts(arrested=12)


def test_crowd_size_only_for_protest_events(nlp):
    assert counts(nlp, "Thousands of people marched in the capital.", "marched", "MOBILIZE").size is None


def test_single_people(nlp):
    assert counts(nlp, "Gunmen killed a dozen villagers and a policeman.", "killed").dead == 13
    assert counts(nlp, "A 35-year-old man was killed in 2019.", "killed").dead == 1  # not 35, not 2019


def test_measures_are_not_people(nlp):
    assert counts(nlp, "The rebels seized 3 towns.", "seized") == Counts()
    assert counts(nlp, "Gunmen killed villagers 20 kilometres from the town.", "killed").dead is None
    assert counts(nlp, "Police arrested protesters at 10 a.m.", "arrested", "COERCE").arrested is None


def test_no_one_hurt_is_zero(nlp):
    assert counts(nlp, "No one was hurt in the explosion.", "explosion").injured == 0


def test_unknown_amount_stays_null(nlp):
    assert counts(nlp, "Soldiers killed many civilians.", "killed").dead is None


def test_odd_mention_never_raises(nlp):
    doc = nlp("Killed.")
    bad = EventMention(trigger_i=50, trigger_start=0, trigger_end=0, sent_start=0, sent_end=0, event_type="ASSAULT")
    assert extract_counts(doc, bad) == Counts()


# --- appositions and other events' clauses --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "field", "value"),
    [
        # the parser hangs the second person on the first one's appositive name
        ("Soldiers shot dead the rebel spokesman Ali Hassan and the local mayor Omar Farouk on Monday.", "shot", "dead", 2),
        ("A drone strike killed militia commander Yusuf Bakr and his deputy Salim Idris.", "killed", "dead", 2),
        ("Police detained the activist Omar Nasser and the lawyer Leila Haddad in Cairo.", "detained", "arrested", 2),
        ("Gunmen killed the village chief, Ahmed Musa, and his brother.", "killed", "dead", 2),
    ],
)
def test_conjunct_of_an_appositive_is_counted_once(nlp, text, word, field, value):
    assert getattr(counts(nlp, text, word), field) == value


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The union notes that some 200 workers were arrested by police since March, "
         "and it blames the ministry for attacking a lawful strike.", "attacking"),
        ("Villagers say that 30 farmers were killed by soldiers in November, "
         "and they accuse the army of burning their fields.", "burning"),
    ],
)
def test_no_count_from_another_verbs_clause(nlp, text, word):
    assert counts(nlp, text, word) == Counts()


def test_participle_after_the_trigger_still_gives_its_counts(nlp):
    text = "On 12 March 2021, gunmen ambushed a police convoy near Maiduguri, killing 4 officers and wounding 6 others."
    found = counts(nlp, text, "ambushed")
    assert (found.dead, found.injured) == (4, 6)
    assert counts(nlp, "On 9 May 2020, rebels shelled a military base near Bentiu, killing 3 soldiers.", "shelled").dead == 3


# --- a count belongs to the event whose clause holds it ---------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "event_type", "arrested"),
    [
        ("Security forces fired tear gas at protesters, and police arrested dozens of demonstrators.", "fired", "ASSAULT", None),
        ("Security forces fired tear gas at protesters, and police arrested dozens of demonstrators.", "arrested", "COERCE", 12),
        ("Soldiers beat the marchers while police detained 30 students.", "beat", "ASSAULT", None),
        ("Police fired tear gas, and they arrested 20 people.", "fired", "ASSAULT", 20),  # the same doer, no arrest event
    ],
)
def test_counts_of_another_doers_clause_are_not_this_events(nlp, text, word, event_type, arrested):
    assert counts(nlp, text, word, event_type).arrested == arrested


@pytest.mark.parametrize(
    ("text", "word", "other", "arrested"),
    [
        ("Police fired tear gas, and they arrested 20 people.", "fired", "arrested", None),
        ("Police fired tear gas and arrested 20.", "fired", "arrested", None),
        ("Police fired tear gas and arrested 20.", "arrested", "fired", 20),
        ("Police raided the camp, arresting 12.", "raided", "arresting", None),
    ],
)
def test_counts_of_an_event_beside_are_not_this_events(nlp, text, word, other, arrested):
    """Where the detector reports the arrest as an event of its own, its count is not the other event's."""
    doc = nlp(text)
    mention = EventMention.on(next(t for t in doc if t.text == word), "ASSAULT" if word != "arrested" else "COERCE")
    mention.beside = [next(t for t in doc if t.text == other).i]
    assert extract_counts(doc, mention).arrested == arrested


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Police opened fire on the crowd and two students died.", 2),
        ("An attack on the base killed three soldiers.", 3),
    ],
)
def test_sufferers_and_the_event_itself_are_no_other_doers(nlp, text, dead):
    word = "opened" if "opened" in text else "attack"
    assert counts(nlp, text, word).dead == dead


@pytest.mark.parametrize(
    "text",
    [
        "The minister said that 37 people were killed in police firing since Friday.",
        "Officials said 73 people have died in police firing while 2,500 have been arrested.",
    ],
)
def test_a_clause_that_reports_the_event_is_no_other_doers(nlp, text):
    assert counts(nlp, text, "firing").dead in (37, 73)


def test_restated_clauses_give_their_counts(nlp):
    doc = nlp("Rebels ambushed a convoy on the road north of the town; three soldiers were killed, officials said.")
    trigger = next(t for t in doc if t.text == "ambushed")
    killed = next(t for t in doc if t.text == "killed")
    mention = EventMention.on(trigger, "ASSAULT", restated=[EventMention.on(killed, "ASSAULT")])
    assert extract_counts(doc, mention).dead == 3


@pytest.mark.parametrize(
    ("text", "word", "bare"),
    [("At least 14 were injured.", "14", True), ("Three others were hurt.", "others", True),
     ("Two protesters were hurt.", "protesters", False), ("Dozens of students were hurt.", "Dozens", False)],
)
def test_bare_amounts(nlp, text, word, bare):
    assert bare_amount(next(t for t in nlp(text) if t.text == word)) is bare


@pytest.mark.parametrize(
    ("text", "word", "named"),
    [("Troops opened fire.", "Troops", True), ("At least 14 were injured.", "14", False),
     ("He was arrested.", "He", False), ("Two protesters were hurt.", "protesters", True)],
)
def test_a_subject_names_someone_unless_a_pronoun_or_a_bare_amount(nlp, text, word, named):
    assert names_someone(next(t for t in nlp(text) if t.text == word)) is named
