"""The measuring instruments: gold-set loaders (on the shared data), scorers (on hand-made predictions), the runner."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest

from whimbrel.errors import InputError
from whimbrel.evaluation import gold as g
from whimbrel.evaluation import scoring
from whimbrel.evaluation.metrics import haversine_km, macro_f1, median, prf
from whimbrel.evaluation.run import SETS, Scorecard, evaluate
from whimbrel.records.schema import ActorRef, Event, Evidence, Location

DATA = g.data_dir()
GOLD = DATA / "gold"
needs_data = pytest.mark.skipif(not GOLD.is_dir(), reason=f"shared gold data not found at {GOLD}")


def event(doc_id: str, event_type: str, confidence: float = 0.5, trigger: tuple[int, int] = (0, 0), **fields) -> Event:
    """A hand-made predicted event."""
    evidence = Evidence(sentence="", start=0, end=0, trigger="", trigger_start=trigger[0], trigger_end=trigger[1])
    return Event(event_id=f"{doc_id}:x", doc_id=doc_id, event_type=event_type, confidence=confidence, evidence=evidence, **fields)


# --- loaders: counts checked against the files themselves -------------------------------------


@needs_data
def test_plover_loader_skips_document_entries_and_remaps_old_labels():
    raw = json.loads((GOLD / "plover_gsr" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    expected = sum(1 for r in raw if r["event"] != "DOCUMENT")
    items = g.load_plover_gsr(split="all")
    assert len(items) == expected == 322
    assert {i.event_type for i in items} <= set(scoring.PENTA_BY_TYPE)  # only current PLOVER types
    assert sum(i.event_type == "ASSAULT" for i in items) == 15 + 17  # ASSAULT + old FIGHT
    assert sum(i.event_type == "ACCUSE" for i in items) == 16 + 9  # DISAPPROVE + INVESTIGATE
    assert not any(i.text.startswith("{") or "\\$" in i.text for i in items)
    test, train = g.load_plover_gsr(split="test"), g.load_plover_gsr(split="train")
    assert len(test) + len(train) == 322 and 0.2 < len(test) / 322 < 0.4
    assert {i.doc_id for i in test} == {i.doc_id for i in items if g.held_out(i.doc_id)}
    agree = next(i for i in items if i.doc_id == "PLOVER-GSR01-AGREE-0001")
    assert agree.source_countries == ("HUN", "ROU") and agree.source_sectors == ("GOV", "GOV")


@needs_data
def test_petr2_loader_reads_78_sentences_and_80_codings():
    items = g.load_petr2_gsr()
    assert len({i.doc_id for i in items}) == 78
    assert sum(1 for i in items if i.cameo) == 80
    coop = [i for i in items if i.doc_id == "AFP0808020675_1"]
    assert {(i.cameo, i.source_country, i.target_country) for i in coop} == {("031", "BRA", "USA"), ("031", "USA", "BRA")}
    unknown_source = next(i for i in items if i.doc_id == "SYRIA_0")
    assert unknown_source.source_countries == () and unknown_source.target_countries == ("SYR",)


@needs_data
def test_cameo_conflibert_loader_votes_on_200_sentences():
    texts = set()
    for path in (GOLD / "cameo_conflibert").glob("round*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            texts.update(row["sentences"] for row in csv.DictReader(handle))
    items = g.load_cameo_conflibert()
    assert len(items) == len(texts) == 200
    bomber = next(i for i in items if i.text.startswith("MINGORA, Pakistan"))
    assert bomber.label == "18"  # two annotators' Assault outvote one Fight
    assert any(s.text == "suicide bomber" and s.label == "source" for s in bomber.spans)
    assert all(i.text[s.start : s.end] == s.text for i in items for s in i.spans)


@needs_data
def test_conflibert_cameo_loader_reads_train_and_test_with_spans():
    train, test = g.load_conflibert_cameo(split="train"), g.load_conflibert_cameo(split="test")
    assert (len(train), len(test)) == (1349, 451)
    assert len(g.load_conflibert_cameo(split="all")) == 1800
    assert {i.label for i in test} == {0, 1, 2, 3, 4}
    assert sum(1 for i in test if i.spans) >= 450
    last = test[-1]
    assert last.text.startswith("Georgian demonstrators")
    assert {(s.text, s.label) for s in last.spans} == {("Georgian demonstrators", "target"), ("the Georgian government", "source")}


@needs_data
def test_lgl_loader_reads_4462_tagged_toponyms():
    articles = g.load_lgl(split="all")
    assert len(articles) == 588
    toponyms = [t for a in articles for t in a.toponyms]
    assert len(toponyms) == 4462
    assert all(a.text[t.start : t.end] == t.text for a in articles for t in a.toponyms)
    first = articles[0].toponyms[0]
    assert (first.text, first.geonameid, first.country) == ("Alexandria", 4314550, "USA")
    assert len(g.load_lgl(split="test")) + len(g.load_lgl(split="train")) == 588


@needs_data
def test_gwn_loader_reads_200_articles_and_the_toponyms_of_gwn_full():
    full = (GOLD / "geoparse" / "gwn_full.txt").read_text(encoding="utf-8").split("\n")
    expected = sum(1 for line in full for entry in line.split("||") if entry.strip())
    articles = g.load_gwn(split="all")
    assert len(articles) == 200
    assert sum(len(a.toponyms) for a in articles) == expected == 2401
    assert all(t.geonameid and t.lat is not None for a in articles for t in a.toponyms)


@needs_data
def test_geovirus_loader_realigns_its_offsets():
    articles = g.load_geovirus()
    assert len(articles) == 229
    raw = re.sub(r"<!--.*?-->", "", (GOLD / "geoparse" / "GeoVirus.xml").read_text(encoding="utf-8"), flags=re.S)
    assert sum(len(a.toponyms) for a in articles) == raw.count("<location>") == 2170
    assert all(a.text[t.start : t.end] == t.text for a in articles for t in a.toponyms)
    assert all(t.geonameid is None and t.lat is not None for a in articles for t in a.toponyms)


@needs_data
def test_event_location_loader_tests_on_the_adjudicated_records():
    with zipfile.ZipFile(GOLD / "event_location" / "labeled_text.jsonl.zip") as archive:
        records = json.loads(archive.read("labeled_text.jsonl"))
    assert len(records) == 10182
    adjudicated = [r for r in records if r.get("source") == "RELABEL"]
    assert len(adjudicated) == 496
    test = g.load_event_location(split="test")
    assert len(test) == sum(1 for r in adjudicated if any(s["label"] == "VERB" for s in r.get("spans", []))) == 494
    assert all(i.text[i.verb.start : i.verb.end] == i.verb.text and i.verb.text.strip() for i in test)
    assert all(loc.text.strip() and loc.text == i.text[loc.start : loc.end] for i in test for loc in i.locations)
    palmyra = next(i for i in test if i.text.startswith("Earlier, the pro-government forces liberated"))
    assert [loc.text for loc in palmyra.locations] == ["Palmyra", "Quaryatayn"]
    sassi = next(i for i in test if i.text.startswith("Sassi was captured"))
    assert [loc.text for loc in sassi.locations] == ["Afghanistan"]  # its character offsets are wrong, its tokens right
    train_texts = {i.text for i in g.load_event_location(split="train")}
    assert not train_texts & {i.text for i in test}


@needs_data
def test_india_police_loader_places_21391_sentences_in_their_documents():
    documents = g.load_india_police()
    assert len(documents) == 1257
    sentences = [s for d in documents for s in d.sentences]
    assert len(sentences) == 21391
    assert sum("KILL" in s.labels for s in sentences) == 96
    assert sum("ARREST" in s.labels for s in sentences) == 301
    assert all(d.text[s.start : s.end] == s.text.strip() for d in documents for s in d.sentences)
    assert all(d.date is not None for d in documents)


@needs_data
def test_glocon_loaders_read_sentences_and_documents():
    sentences, documents = g.load_glocon_sentences(), g.load_glocon_documents()
    assert (len(sentences), len(documents)) == (1952, 1050)
    assert sum(s.label == 1 for s in sentences) == 398
    assert sum(d.label == 1 for d in documents) == 107


def test_data_dir_follows_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WHIMBREL_DATA", str(tmp_path))
    assert g.data_dir() == tmp_path
    assert g.data_dir("/elsewhere") == Path("/elsewhere")
    monkeypatch.delenv("WHIMBREL_DATA")
    assert g.data_dir().parts[-2:] == ("shared", "data")


def test_missing_gold_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="gold data not found"):
        g.load_plover_gsr(tmp_path)


def test_seeded_split_is_stable():
    assert g.seeded_split("PLOVER-GSR01-AGREE-0001") == g.seeded_split("PLOVER-GSR01-AGREE-0001")
    shares = sum(g.held_out(f"doc-{i}") for i in range(2000)) / 2000
    assert 0.25 < shares < 0.35


# --- scorers: hand-made predictions -----------------------------------------------------------


def test_metric_helpers():
    assert prf(2, 4, 2) == (0.5, 1.0, pytest.approx(2 / 3))
    assert prf(0, 0, 3)[2] == 0.0
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert median([3.0, 1.0, 2.0, 10.0]) == 2.5
    assert haversine_km(52.52, 13.405, 48.8566, 2.3522) == pytest.approx(878, abs=5)  # Berlin–Paris


def _plover(doc_id: str, event_type: str, **fields) -> g.GoldEvent:
    return g.GoldEvent(doc_id=doc_id, text="", event_type=event_type, **fields)


def test_plover_scorer_judges_primary_type_and_matched_actors():
    gold = [
        _plover("a", "ASSAULT", source_countries=("USA",), target_countries=("IRQ",), target_sectors=("MIL",), location="Baghdad"),
        _plover("b", "ACCUSE", mode="disapprove", source_countries=("IRN",)),
        _plover("c", "PROTEST"),
    ]
    predicted = {
        "a": [
            event("a", "ASSAULT", 0.9, actors=[ActorRef("US", country="USA")],
                  recipients=[ActorRef("Iraqi soldiers", country="IRQ", sector="MIL")], location=Location("Baghdad airport")),
            event("a", "ACCUSE", 0.2),
        ],
        "b": [event("b", "REJECT", 0.8), event("b", "ACCUSE", 0.4, mode="disapprove", actors=[ActorRef("Tehran", country="IRN")])],
    }  # fmt: skip
    metrics = scoring.score_plover(gold, predicted)
    assert metrics["type_accuracy"] == pytest.approx(1 / 3)  # b's primary is REJECT, c has no event
    assert metrics["type_any_accuracy"] == pytest.approx(2 / 3)
    assert metrics["source_country_accuracy"] == 1.0  # b is judged on its ACCUSE event
    assert metrics["target_country_accuracy"] == 1.0 and metrics["target_sector_accuracy"] == 1.0
    assert metrics["mode_accuracy"] == 1.0 and metrics["location_accuracy"] == 1.0
    assert metrics["no_event_rate"] == pytest.approx(1 / 3)
    assert 0 < metrics["type_macro_f1"] < 1


def test_plover_scorer_separates_actor_misses_on_found_events():
    gold = [
        _plover("a", "ASSAULT", source_countries=("USA",)),
        _plover("b", "ACCUSE", source_countries=("IRN",)),
        _plover("c", "PROTEST", source_countries=("IRQ",)),
    ]
    predicted = {
        "a": [event("a", "ASSAULT", 0.9, actors=[ActorRef("US", country="USA")])],
        "b": [event("b", "ACCUSE", 0.9, actors=[ActorRef("Iraq", country="IRQ")])],
        "c": [event("c", "ASSAULT", 0.9, actors=[ActorRef("Iraqis", country="IRQ")])],  # right actor, wrong event
    }
    metrics = scoring.score_plover(gold, predicted)
    assert metrics["source_country_accuracy"] == pytest.approx(2 / 3)
    assert metrics["source_country_typed_accuracy"] == 0.5 and metrics["source_country_typed_n"] == 2
    assert metrics["target_country_typed_n"] == 0


def test_petr2_scorer_counts_codings_and_silence():
    gold = [
        g.GoldEvent("s1", "", cameo="190", source_countries=("ISR",), target_countries=("PSE",)),
        g.GoldEvent("s1", "", cameo="112", source_countries=("PSE",), target_countries=("ISR",)),
        g.GoldEvent("s2", ""),  # noevents
    ]
    predicted = {"s1": [event("s1", "ASSAULT", cameo="193", actors=[ActorRef("Israel", country="ISR")])], "s2": []}
    metrics = scoring.score_petr2(gold, predicted)
    assert metrics["cameo_root_accuracy"] == 0.5 and metrics["cameo_full_accuracy"] == 0.0
    assert metrics["source_country_accuracy"] == 0.5 and metrics["target_country_accuracy"] == 0.0
    assert metrics["no_event_accuracy"] == 1.0 and metrics["codings_n"] == 2
    assert metrics["source_code_accuracy"] == 0.5 and metrics["target_code_accuracy"] == 0.0


def test_petr2_loader_splits_actor_codes_into_country_and_role():
    assert g._petr_role("USAGOV") == "GOV" and g._petr_role("---LEG") == "LEG"
    assert g._petr_role("USA") is None and g._petr_role("IGOEUREEC") is None
    assert g._petr_role("NGAMUS") is None and g._petr_role("USAMED") == "JRN"


def test_actor_code_needs_the_country_and_the_named_role_in_one_actor():
    government = ActorRef("Obama", country="USA", sector="GOV")
    army = ActorRef("the army", country="USA", sector="MIL")
    assert scoring.code_matches(["USA"], ["GOV"], [army, government])
    assert not scoring.code_matches(["USA"], ["GOV"], [army, ActorRef("Putin", country="RUS", sector="GOV")])
    assert scoring.code_matches([], ["LEG"], [ActorRef("lawmakers", sector="LEG")])
    assert scoring.code_matches(["USA"], [], [army])


def test_igo_gold_actor_matches_an_organisation_code_not_a_country():
    assert scoring.country_matches(["IGO"], [ActorRef("UN", country="UNO")])
    assert not scoring.country_matches(["IGO"], [ActorRef("France", country="FRA")])


def test_penta_class_prefers_cameo_root_then_quad_class_and_no_event_is_statement():
    assert scoring.penta_class(None) == 0
    assert scoring.penta_class(event("x", "PROTEST", cameo="141", quad_class=3)) == 4  # ConfliBERT: 14 is material conflict
    assert scoring.penta_class(event("x", "ACCUSE", cameo="112")) == 3
    assert scoring.penta_class(event("x", "AID", quad_class=2)) == 2
    assert scoring.penta_class(event("x", "AGREE")) == 1


def test_conflibert_scorer_macro_f1_and_actor_spans():
    gold = [
        g.GoldSentence("1", "Rebels attacked the town.", label=4, spans=(g.GoldSpan(0, 6, "Rebels", "source"),)),
        g.GoldSentence("2", "The minister said it rained.", label=0),
        g.GoldSentence("3", "Ministers met in Geneva.", label=1),
    ]
    predicted = {
        "1": [event("1", "ASSAULT", cameo="190", actors=[ActorRef("Rebels", start=0, end=6)], recipients=[ActorRef("town", start=20, end=24)])],
        "3": [event("3", "ACCUSE", cameo="111")],
    }
    metrics = scoring.score_conflibert_cameo(gold, predicted)
    assert metrics["accuracy"] == pytest.approx(2 / 3)
    assert metrics["material_conflict_f1"] == 1.0 and metrics["verbal_cooperation_f1"] == 0.0
    assert metrics["macro_f1"] == pytest.approx((1 + 1 + 0 + 0) / 4)  # material coop never gold nor predicted
    assert metrics["actor_span_recall"] == 1.0 and metrics["actor_span_precision"] == 0.5
    # by role: the gold source is found among the actors; no gold target, so the recipient "town" is a false one
    assert metrics["source_span_f1"] == 1.0 and metrics["source_span_n"] == 1
    assert metrics["target_span_precision"] == 0.0 and metrics["target_span_n"] == 0


def test_cameo_conflibert_scorer_best_and_top_root():
    gold = [g.GoldSentence("1", "", label="18"), g.GoldSentence("2", "", label=None)]
    predicted = {"1": [event("1", "ACCUSE", 0.9, cameo="111"), event("1", "ASSAULT", 0.5, cameo="1823")], "2": [event("2", "CONSULT")]}
    metrics = scoring.score_cameo_conflibert(gold, predicted)
    assert metrics["cameo_root_accuracy"] == 1.0 and metrics["cameo_root_top_accuracy"] == 0.0
    assert metrics["no_event_accuracy"] == 0.0


def test_geoparse_scorer_recognition_and_resolution():
    from types import SimpleNamespace as T

    gold = [
        g.GoldArticle("a", "", [
            g.GoldToponym("a", 0, 7, "Baghdad", 98182, 33.34, 44.40, "IRQ"),
            g.GoldToponym("a", 20, 25, "Basra", 99532, 30.51, 47.78, "IRQ"),
            g.GoldToponym("a", 40, 46, "Mosul", 99072, 36.34, 43.13, "IRQ"),
        ]),
    ]  # fmt: skip
    predicted = {
        "a": [
            T(start=0, end=7, geonameid=98182, lat=33.0, lon=44.0, country="IRQ", kind="place"),  # right id: no error
            T(start=20, end=25, geonameid=1, lat=30.0, lon=-90.0, country="USA", kind="place"),  # wrong Basra
            T(start=60, end=66, geonameid=2, lat=0.0, lon=0.0, country="IRQ", kind="place"),  # not a gold toponym
            T(start=50, end=56, geonameid=3, lat=0.0, lon=0.0, country="IRQ", kind="demonym"),  # left out
        ]
    }
    metrics = scoring.score_geoparse(gold, predicted)
    assert metrics["recognition_precision"] == pytest.approx(2 / 3)
    assert metrics["recognition_recall"] == pytest.approx(2 / 3)
    assert metrics["exact_geonameid"] == 0.5 and metrics["country_accuracy"] == 0.5
    assert metrics["acc_161km"] == 0.5
    assert metrics["median_error_km"] > 5000  # (0 + ~12,000 km) / 2
    with_demonyms = scoring.score_geoparse(gold, predicted, demonyms=True)
    assert with_demonyms["recognition_precision"] == 0.5
    # resolution of the gold spans alone: every gold toponym is judged, an unresolved one as the worst error
    given = {"a": [predicted["a"][0], predicted["a"][1], T(start=40, end=46, geonameid=None, lat=None, lon=None, country=None, kind="place")]}
    alone = scoring.score_gold_span_resolution(gold, given)
    assert alone["gold_span_resolved_n"] == 3
    assert alone["gold_span_acc_161km"] == pytest.approx(1 / 3) and alone["gold_span_country_accuracy"] == pytest.approx(1 / 3)


def test_event_location_scorer_follows_the_gold_verb():
    text = "Gunmen killed two people in Kabul."
    gold = [
        g.GoldEventLocation("1", text, g.GoldSpan(7, 13, "killed", "VERB"), (g.GoldSpan(28, 33, "Kabul", "LOCATION"),)),
        g.GoldEventLocation("2", "They met.", g.GoldSpan(5, 8, "met", "VERB"), ()),
        g.GoldEventLocation("3", text, g.GoldSpan(7, 13, "killed", "VERB"), (g.GoldSpan(28, 33, "Kabul", "LOCATION"),)),
    ]
    predicted = {
        "1": [event("1", "ASSAULT", trigger=(7, 13), location=Location("Kabul", name="Kabul"))],
        "2": [event("2", "CONSULT", trigger=(5, 8), location=Location("Paris"))],
        "3": [event("3", "ASSAULT", trigger=(0, 6), location=Location("Kabul"))],  # not on the gold verb
    }
    metrics = scoring.score_event_location(gold, predicted)
    assert metrics["event_location_accuracy"] == pytest.approx(1 / 3)
    assert metrics["verb_found_rate"] == pytest.approx(2 / 3)
    assert metrics["event_location_accuracy_found"] == 0.5


def test_india_police_scorer_assigns_events_to_sentences():
    text = "police arrested two men. a mob burned a bus. police opened fire, killing one."
    sentences = [
        g.GoldSentence("d-0", "police arrested two men.", labels=frozenset({"ARREST", "ANY_ACTION"}), start=0, end=24),
        g.GoldSentence("d-1", "a mob burned a bus.", start=25, end=44),
        g.GoldSentence("d-2", "police opened fire, killing one.", labels=frozenset({"KILL", "FORCE", "ANY_ACTION"}), start=45, end=77),
    ]
    police = [ActorRef("police", sector="COP")]
    predicted = {
        "d": [
            event("d", "COERCE", trigger=(7, 15), actors=police, mode="arrest"),
            event("d", "ASSAULT", trigger=(31, 37), actors=[ActorRef("a mob")]),  # not police
            event("d", "ASSAULT", trigger=(52, 56), actors=[ActorRef("police")], dead=1),
            event("d", "COERCE", trigger=(7, 15), actors=police, mode="arrest", negated=True),
            event("d", "COERCE", trigger=(31, 37), actors=[ActorRef("a mob")], mode="arrest"),  # a mob's "arrest"
        ]
    }
    metrics = scoring.score_india_police([g.GoldDocument("d", text, sentences=sentences)], predicted)
    assert metrics["arrest_precision"] == 1.0 and metrics["arrest_recall"] == 1.0
    assert metrics["kill_f1"] == 1.0 and metrics["force_f1"] == 1.0
    assert metrics["any_action_recall"] == 1.0 and metrics["sentences_n"] == 3


def test_agentless_arrest_is_a_police_arrest_but_agentless_killing_is_not():
    assert scoring.police_labels(event("d", "COERCE", mode="arrest", arrested=5)) == {"ARREST", "ANY_ACTION"}
    assert scoring.police_labels(event("d", "ASSAULT", dead=3)) == set()
    assert scoring.police_labels(event("d", "ASSAULT", cameo="1823", actors=[ActorRef("cops")])) == {"ANY_ACTION", "FORCE", "KILL"}


def test_an_arrest_by_an_implied_state_is_still_agentless():
    """The document's state, implied, is named nowhere in the text: "35 persons were arrested" stays a police arrest."""
    implied = [ActorRef("", country="IND", sector="GOV", implied=True)]
    assert scoring.police_labels(event("d", "COERCE", mode="arrest", actors=implied)) == {"ARREST", "ANY_ACTION"}
    named = [ActorRef("the mob", sector="CVL")]
    assert scoring.police_labels(event("d", "COERCE", mode="arrest", actors=named)) == set()


def test_glocon_scorer_leaves_out_planned_protests_and_ignores_negated_ones():
    sentences = [
        g.GoldSentence("s1", "Workers marched.", label=1),
        g.GoldSentence("s2", "Nobody marched.", label=0),
        g.GoldSentence("s3", "They will march.", label=2),
    ]
    documents = [g.GoldDocument("d1", "Workers marched.", label=1), g.GoldDocument("d2", "Calm.", label=0)]
    predicted = {
        "s1": [event("s1", "PROTEST")],
        "s2": [event("s2", "PROTEST", negated=True)],
        "s3": [event("s3", "PROTEST", hypothetical=True)],
        "d1": [event("d1", "ASSAULT")],
        "d2": [event("d2", "PROTEST")],
    }
    metrics = scoring.score_glocon(sentences, documents, predicted)
    assert metrics["contentious_document_recall"] == 1.0 and metrics["contentious_document_precision"] == 0.5
    assert metrics["protest_sentence_precision"] == 1.0 and metrics["protest_sentence_recall"] == 1.0
    assert metrics["sentences_planned_excluded"] == 1
    assert metrics["protest_document_precision"] == 0.0 and metrics["protest_document_recall"] == 0.0


# --- the runner -------------------------------------------------------------------------------


class _EchoPipeline:
    """Stands in for the pipeline: codes every document as one event of a fixed type."""

    def __init__(self, event_type: str) -> None:
        self.event_type = event_type
        self.seen: list = []

    def code_documents(self, documents):
        for document in documents:
            self.seen.append(document)
            yield document, [event(document.id, self.event_type, 0.9)]


@needs_data
def test_dictionary_only_baseline_is_a_config_switch_and_is_noted_on_the_scorecard():
    from whimbrel.config import Config
    from whimbrel.pipeline import Pipeline

    baseline = Pipeline(Config(event_model=False))
    assert baseline.detector.typer is None and Pipeline().detector.typer is not None
    card = evaluate("petr2-gsr", split="all", pipeline=baseline, limit=3, config=Config(event_model=False))
    assert any("dictionary alone" in note for note in card.notes)
    assert not any("dictionary alone" in note for note in evaluate("petr2-gsr", split="all", pipeline=_EchoPipeline("ACCUSE"), limit=3).notes)


@needs_data
def test_evaluate_runs_a_set_through_the_pipeline_and_writes_a_scorecard():
    fake = _EchoPipeline("AGREE")
    card = evaluate("plover-gsr", split="all", pipeline=fake, limit=40)
    assert isinstance(card, Scorecard)
    assert (card.set, card.split, card.n) == ("plover-gsr", "all", 40)
    assert len(fake.seen) == 40 and fake.seen[0].date is not None  # the gold date is the publication date
    agree_share = sum(1 for i in g.load_plover_gsr(split="all")[:40] if i.event_type == "AGREE") / 40
    assert card.metrics["type_accuracy"] == pytest.approx(agree_share, abs=1e-4)
    payload = json.loads(card.to_json())
    assert set(payload) >= {"set", "split", "n", "commit", "metrics"}
    assert all(re.fullmatch(r"[a-z0-9_]+", k) for k in payload["metrics"])
    assert any("not a result" in note for note in payload["notes"])


@needs_data
def test_evaluation_only_sets_report_all_and_refuse_train():
    card = evaluate("petr2-gsr", pipeline=_EchoPipeline("ASSAULT"), limit=5)
    assert card.split == "all" and card.n == 5
    with pytest.raises(InputError, match="no train part"):
        evaluate("petr2-gsr", split="train", pipeline=_EchoPipeline("ASSAULT"))


def test_unknown_set_and_split_are_errors():
    with pytest.raises(InputError, match="unknown gold set"):
        evaluate("no-such-set")
    with pytest.raises(InputError, match="unknown split"):
        evaluate("plover-gsr", split="dev")
    assert set(SETS) == {
        "plover-gsr", "petr2-gsr", "cameo-conflibert", "conflibert-cameo", "geoparse-lgl", "geoparse-gwn",
        "geoparse-geovirus", "event-location", "india-police", "glocon",
    }  # fmt: skip
