"""Output: table, JSONL, CSV and Parquet writers, and the DuckDB store, on hand-built events."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from whimbrel.errors import WhimbrelError
from whimbrel.output.store import EventStore
from whimbrel.output.writers import arrow_schema, write_events
from whimbrel.reading.document import Document
from whimbrel.records.schema import ActorRef, Event, Evidence, Location, flat_columns


def strike() -> Event:
    sentence = "The American strike near Baghdad airport on Friday killed two commanders."
    return Event(
        event_id="statement.txt:0",
        doc_id="statement.txt",
        event_type="ASSAULT",
        mode="aerial",
        contexts=["military", "terrorism"],
        quad_class=4,
        cameo="195",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        date="2020-01-03",
        date_precision="day",
        date_text="on Friday",
        actors=[ActorRef(text="American", name="United States", country="USA", sector="MIL", start=4, end=12)],
        recipients=[
            ActorRef(text="Iranian commander", country="IRN", sector="MIL", start=60, end=77),
            ActorRef(text="Iraqi militia leader", country="IRQ", sector="REB", start=82, end=102),
        ],
        location=Location(text="Baghdad", name="Baghdad", geonameid=98182, lat=33.34, lon=44.40, country="IRQ",
                          admin1="Baghdad", feature_code="PPLC", precision="city"),
        dead=2,
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence), trigger="strike", trigger_start=13, trigger_end=19),
        confidence=0.85,
    )


def protest_history() -> Event:
    return Event(
        event_id="statement.txt:1",
        doc_id="statement.txt",
        event_type="ASSAULT",
        actors=[ActorRef(text="militias")],
        recipients=[ActorRef(text="Iraqi demonstrators [sic]", country="IRQ", sector="PRO")],
        dead=450,
        historical=True,
        hypothetical=False,
        negated=False,
        confidence=0.5,
    )


def bare() -> Event:
    return Event(event_id="wire.txt:0", doc_id="wire.txt", event_type="REQUEST")


EVENTS = [strike(), protest_history(), bare()]


# -- JSONL ----------------------------------------------------------------------------------


def test_jsonl_round_trip(tmp_path):
    path = tmp_path / "events.jsonl"
    assert write_events(iter(EVENTS), "jsonl", path) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in EVENTS]


def test_jsonl_keeps_unicode_as_is():
    event = bare()
    event.actors = [ActorRef(text="Abu Mahdi al-Muhandis — كتائب حزب الله")]
    stream = io.StringIO()
    write_events([event], "jsonl", stream)
    assert "كتائب حزب الله" in stream.getvalue() and "\\u" not in stream.getvalue()


def test_jsonl_streams_without_materialising():
    """The writer consumes a generator one event at a time (it would see a later failure only late)."""
    written = io.StringIO()

    def events():
        yield strike()
        assert written.getvalue().count("\n") == 1  # the first event is already out
        yield bare()

    assert write_events(events(), "jsonl", written) == 2


def test_empty_jsonl_writes_nothing(tmp_path):
    path = tmp_path / "none.jsonl"
    assert write_events([], "jsonl", str(path)) == 0
    assert path.read_text() == ""


# -- CSV ----------------------------------------------------------------------------------


def test_csv_header_and_flattened_rows(tmp_path):
    path = tmp_path / "events.csv"
    write_events(EVENTS, "csv", path)
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == flat_columns()
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert len(records) == 3
    first = records[0]
    assert first["recipients_country"] == "IRN;IRQ"
    assert first["recipients_text"] == "Iranian commander;Iraqi militia leader"
    assert first["location_geonameid"] == "98182" and first["location_name"] == "Baghdad"
    assert first["contexts"] == "military;terrorism"
    assert first["dead"] == "2" and first["injured"] == ""
    assert first["evidence_trigger"] == "strike"
    assert records[2]["location_name"] == "" and records[2]["actors_text"] == ""


def test_csv_empty_has_header_only():
    stream = io.StringIO()
    write_events([], "csv", stream)
    assert stream.getvalue() == ",".join(flat_columns()) + "\n"


# -- Parquet ------------------------------------------------------------------------------


def test_parquet_read_back_with_types(tmp_path):
    path = tmp_path / "events.parquet"
    assert write_events(EVENTS, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.column_names == flat_columns()
    assert table.schema.field("dead").type == pa.int64()
    assert table.schema.field("location_lat").type == pa.float64()
    assert table.schema.field("historical").type == pa.bool_()
    assert table.schema.field("confidence").type == pa.float64()
    assert table.schema.field("actors_country").type == pa.string()
    rows = table.to_pylist()
    assert rows[0]["dead"] == 2 and rows[0]["location_geonameid"] == 98182
    assert rows[1]["dead"] == 450 and rows[1]["historical"] is True
    assert rows[2]["dead"] is None and rows[2]["location_lat"] is None
    assert rows == [e.to_flat_dict() for e in EVENTS]


def test_parquet_empty_file_is_valid(tmp_path):
    path = tmp_path / "none.parquet"
    write_events([], "parquet", path)
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(arrow_schema())


def test_parquet_needs_a_path():
    with pytest.raises(WhimbrelError, match="parquet output needs a file path"):
        write_events(EVENTS, "parquet", None)
    with pytest.raises(WhimbrelError, match="parquet output needs a file path"):
        write_events(EVENTS, "parquet", io.StringIO())


def test_parquet_many_events_in_batches(tmp_path, monkeypatch):
    from whimbrel.output import writers

    monkeypatch.setattr(writers, "PARQUET_BATCH", 4)
    events = []
    for i in range(10):
        event = bare()
        event.event_id, event.size = f"wire.txt:{i}", i
        events.append(event)
    path = tmp_path / "many.parquet"
    assert write_events((e for e in events), "parquet", path) == 10
    assert pq.read_table(path).column("size").to_pylist() == list(range(10))


# -- table ---------------------------------------------------------------------------------


def test_table_shows_one_row_per_event():
    stream = io.StringIO()
    assert write_events(EVENTS, "table", stream) == 3
    text = stream.getvalue()
    assert "ASSAULT" in text and "aerial" in text
    assert "American [USA MIL]" in text  # brackets printed, not taken for markup
    assert "Baghdad, IRQ" in text
    assert "2020-01-03" in text
    assert "2/·/·/·" in text and "450/·/·/·" in text
    assert "hist" in text and "195" in text
    assert "3 events" in text
    assert max(len(line) for line in text.splitlines()) <= 160


def test_table_marks_an_implied_party():
    event = dataclasses.replace(EVENTS[0], actors=[ActorRef(text="", country="IRQ", sector="GOV", implied=True)])
    stream = io.StringIO()
    write_events([event], "table", stream)
    assert "(implied) [IRQ GOV]" in stream.getvalue()


def test_table_on_empty_list_does_not_crash():
    stream = io.StringIO()
    assert write_events([], "table", stream) == 0
    assert "No events found." in stream.getvalue()


def test_table_to_a_file(tmp_path):
    path = tmp_path / "events.txt"
    write_events([strike()], "table", path)
    assert "Air/drone strike" in path.read_text(encoding="utf-8")


def test_unknown_format_and_unwritable_path(tmp_path):
    with pytest.raises(WhimbrelError, match="unknown output format 'xml'"):
        write_events(EVENTS, "xml", None)
    with pytest.raises(WhimbrelError, match="cannot write"):
        write_events(EVENTS, "jsonl", tmp_path / "missing-folder" / "out.jsonl")


# -- DuckDB store ----------------------------------------------------------------------------


def statement_doc() -> Document:
    return Document(id="statement.txt", text="…", title="Statement", date=dt.date(2020, 1, 4), source="party")


def test_store_replaces_and_never_duplicates(tmp_path):
    path = tmp_path / "run.duckdb"
    with EventStore(path) as store:
        store.replace_document(statement_doc(), [strike(), protest_history()])
        store.replace_document(Document(id="wire.txt", text="…"), [bare()])
        store.replace_document(statement_doc(), [strike(), protest_history()])  # re-coded
        assert store.count_events("statement.txt") == 2
        assert store.count_events() == 3
        store.replace_document(statement_doc(), [strike()])  # re-coded, now fewer events
        assert store.count_events("statement.txt") == 1
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    with EventStore(path) as store:  # reopened: the same content
        assert store.count_events() == 2
        row = store.con.execute(
            "SELECT doc_id, title, date, source, coded_at IS NOT NULL FROM documents WHERE doc_id = 'statement.txt'"
        ).fetchone()
        assert row == ("statement.txt", "Statement", dt.date(2020, 1, 4), "party", True)


@pytest.mark.parametrize("batch_size", [1, 2, 256])
def test_store_batches_give_the_same_result(tmp_path, batch_size):
    path = tmp_path / "b.duckdb"
    with EventStore(path, batch_size=batch_size) as store:
        for round_ in range(3):  # every document coded three times, some within one batch
            for n in range(5):
                events = [bare() for _ in range(n + round_)]
                for i, event in enumerate(events):
                    event.event_id = f"d{n}:{i}"
                store.replace_document(Document(id=f"d{n}", text="…"), events)
    with EventStore(path) as store:
        counts = store.con.execute("SELECT doc_id, count(*) FROM events GROUP BY doc_id ORDER BY doc_id").fetchall()
        assert counts == [("d0", 2), ("d1", 3), ("d2", 4), ("d3", 5), ("d4", 6)]
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_store_columns_and_values(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        store.replace_document(statement_doc(), [strike(), protest_history()])
        store.flush()
        columns = [r[0] for r in store.con.execute("DESCRIBE events").fetchall()]
        assert columns == flat_columns()
        types = dict(store.con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                       "WHERE table_name = 'events'").fetchall())
        assert types["dead"] == "BIGINT" and types["historical"] == "BOOLEAN" and types["location_lat"] == "DOUBLE"
        rows = store.con.execute(
            "SELECT event_id, dead, recipients_country, location_geonameid, historical FROM events ORDER BY event_id"
        ).fetchall()
        assert rows == [("statement.txt:0", 2, "IRN;IRQ", 98182, False), ("statement.txt:1", 450, "IRQ", None, True)]


def test_store_document_without_events_clears_old_ones(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        store.replace_document(statement_doc(), [strike()])
        store.replace_document(statement_doc(), [])
        assert store.count_events() == 0
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_store_failed_insert_rolls_back(tmp_path):
    class FailingInsert:
        """Delegates to the DuckDB connection but fails on the events insert, after the delete."""

        def __init__(self, con):
            self._con = con

        def __getattr__(self, name):
            return getattr(self._con, name)

        def execute(self, sql, *args):
            if sql.startswith("INSERT INTO events"):
                raise RuntimeError("disk full")
            return self._con.execute(sql, *args)

    with EventStore(tmp_path / "s.duckdb") as store:
        store.replace_document(statement_doc(), [strike(), protest_history()])
        store.flush()
        real = store.con
        store.con = FailingInsert(real)
        store.replace_document(statement_doc(), [bare()])
        with pytest.raises(RuntimeError, match="disk full"):
            store.flush()
        store.con = real
        assert store.count_events("statement.txt") == 2  # the delete was rolled back


def test_store_rejects_a_file_with_other_columns(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (event_id VARCHAR, doc_id VARCHAR)")
    con.close()
    with pytest.raises(WhimbrelError, match="another whimbrel version"):
        EventStore(path)
