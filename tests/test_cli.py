"""End to end: the `whimbrel code` command and the Python API on the team's example documents."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import whimbrel
from whimbrel.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def events_of(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def press_events() -> list[dict]:
    result = run("code", str(EXAMPLES / "press_statement.txt"), "--date", "2020-01-04", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    return events_of(result)


def test_press_statement_strike_is_an_assault_in_baghdad_the_day_before(press_events):
    strikes = [e for e in press_events if e["event_type"] == "ASSAULT" and not e["historical"]]
    assert strikes, [e["event_type"] for e in press_events]
    strike = strikes[0]
    assert strike["location"]["name"] == "Baghdad"
    assert strike["location"]["country"] == "IRQ"
    assert strike["date"] == "2020-01-03"
    assert strike["dead"] == 2 or any(e["dead"] == 2 for e in strikes)
    assert strike["quad_class"] == 4
    assert strike["cameo"].startswith(("18", "19", "20"))


def test_press_statement_condemnation_and_demand(press_events):
    types = {e["event_type"] for e in press_events}
    assert "ACCUSE" in types
    assert "REQUEST" in types


def test_press_statement_background_killings_are_historical_with_a_conservative_count(press_events):
    background = [e for e in press_events if e["dead"] == 450]
    assert background
    assert background[0]["historical"] is True
    assert background[0]["event_type"] == "ASSAULT"


def test_press_statement_future_rallies_are_hypothetical(press_events):
    rallies = [e for e in press_events if e["event_type"] == "PROTEST"]
    assert rallies and all(e["hypothetical"] for e in rallies)
    assert rallies[0]["date"] > "2020-01-04"


def test_press_statement_troops_sent_is_mobilize_by_the_united_states(press_events):
    mobilize = [e for e in press_events if e["event_type"] == "MOBILIZE"]
    assert mobilize
    assert any(a["country"] == "USA" for e in mobilize for a in e["actors"])


def test_evidence_offsets_point_into_the_document(press_events):
    text = (EXAMPLES / "press_statement.txt").read_text()
    title, body = text.split("\n", 1)
    document_text = f"{title}\n\n{body.lstrip(chr(10))}"
    for event in press_events:
        evidence = event["evidence"]
        assert document_text[evidence["start"] : evidence["end"]] == evidence["sentence"]
        assert document_text[evidence["trigger_start"] : evidence["trigger_end"]] == evidence["trigger"]
        for actor in event["actors"] + event["recipients"]:
            assert document_text[actor["start"] : actor["end"]] == actor["text"]


def test_wire_report_protest_arrests_and_shelling():
    result = run("code", str(EXAMPLES / "wire_report.txt"), "--date", "2019-05-10", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    events = events_of(result)
    arrests = [e for e in events if e["event_type"] == "COERCE" and e["arrested"]]
    assert arrests and arrests[0]["arrested"] == 12
    # ACLED codes arrests of demonstrators during a protest as an intervention in that protest
    assert arrests[0]["acled_sub_event_type"] == "Protest with intervention"
    shelling = [e for e in events if e["acled_sub_event_type"] == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0]["dead"] == 3
    assert shelling[0]["date"] == "2019-05-08"
    threats = [e for e in events if e["event_type"] == "THREATEN"]
    assert threats and [a["country"] for a in threats[0]["actors"]] == ["AU"]


def test_wire_report_one_record_per_happening_with_its_own_counts():
    result = run("code", str(EXAMPLES / "wire_report.txt"), "--date", "2019-05-10", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    events = events_of(result)
    shooting = [e for e in events if "opened fire" in e["evidence"]["sentence"]]
    # "Two protesters were killed and at least 14 were injured when troops opened fire on the march": one event
    assert [(e["event_type"], e["dead"], e["injured"]) for e in shooting] == [("ASSAULT", 2, 14)]
    assert [a["text"] for a in shooting[0]["actors"]] == ["troops"]
    tear_gas = [e for e in events if e["event_type"] != "COERCE" and "tear gas" in e["evidence"]["sentence"]]
    assert tear_gas and all(e["arrested"] is None for e in tear_gas)  # the arrests are the police's event
    for event in events:
        assert not any(r["text"].isdigit() for r in event["recipients"])


def test_python_api_codes_a_sentence():
    events = whimbrel.code_text("Police arrested 40 protesters in Harare on Monday.", date="2024-03-06")
    assert [e.event_type for e in events] == ["COERCE"]
    event = events[0]
    assert event.arrested == 40
    assert event.date == "2024-03-04"
    assert event.location is not None and event.location.country == "ZWE"
    assert any(a.sector == "COP" for a in event.actors)


def test_stdin_and_csv_output():
    result = run("code", "-", "--date", "2024-03-06", "--format", "csv", stdin="Rebels attacked a police station in Goma on Sunday.\n")
    assert result.exit_code == 0, result.stderr
    header, *rows = result.stdout.strip().splitlines()
    assert header.startswith("event_id,doc_id,event_type")
    assert rows and ",ASSAULT," in rows[0]


def test_missing_path_is_one_clear_line_and_a_failure():
    result = run("code", "no/such/file.txt", "--format", "jsonl")
    assert result.exit_code == 1
    assert "no/such/file.txt" in result.stderr
    assert result.stdout == ""


def test_good_documents_survive_bad_ones(tmp_path):
    (tmp_path / "good.txt").write_text("Soldiers shot two protesters in Bamako on Tuesday.")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "rows.jsonl").write_text('{"id": "a", "text": "Police detained 5 journalists in Minsk."}\n{broken\n')
    result = run("code", str(tmp_path), "--date", "2024-03-06", "--format", "jsonl")
    assert result.exit_code == 0
    assert "binary.txt" in result.stderr and "rows.jsonl:2" in result.stderr
    doc_ids = {e["doc_id"] for e in events_of(result)}
    assert len(doc_ids) == 2


def test_db_recoding_a_document_replaces_its_events(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("On 9 May 2020, rebels shelled a military base near Bentiu, killing 3 soldiers.")
    db = tmp_path / "events.duckdb"
    for _ in range(2):
        result = run("code", str(source), "--db", str(db), "--format", "jsonl")
        assert result.exit_code == 0, result.stderr
    with duckdb.connect(str(db), read_only=True) as connection:
        (events,) = connection.execute("select count(*) from events").fetchone()
        (documents,) = connection.execute("select count(*) from documents").fetchone()
    assert documents == 1
    assert events == len(events_of(result)) > 0


def test_unknown_model_is_a_clear_error(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Police arrested 3 people.")
    result = run("code", str(source), "--model", "no_such_pipeline", "--format", "jsonl")
    assert result.exit_code == 1
    assert "no_such_pipeline" in result.stderr
