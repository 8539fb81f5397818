"""A DuckDB file holding coded documents and their events; re-coding a document replaces its events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import duckdb

from whimbrel.errors import WhimbrelError
from whimbrel.output.writers import arrow_schema, flat_types
from whimbrel.reading.document import Document
from whimbrel.records.schema import Event

_SQL_TYPES = {int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN", str: "VARCHAR"}

DOCUMENTS_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    date DATE,
    source VARCHAR,
    url VARCHAR,
    coded_at TIMESTAMP  -- UTC
)
"""


def events_ddl() -> str:
    """``CREATE TABLE`` for the events table: one column per flattened record field."""
    columns = ",\n    ".join(f'"{name}" {_SQL_TYPES[kind]}' for name, kind in flat_types().items())
    return f"CREATE TABLE IF NOT EXISTS events (\n    {columns}\n)"


class EventStore:
    """Documents and events in one DuckDB file: ``with EventStore("run.duckdb") as store: ...``.

    Replacements are buffered and written ``batch_size`` documents at a time, in one
    transaction per batch (a statement costs about a millisecond; a document about five
    statements). :meth:`flush`, :meth:`count_events` and :meth:`close` write what is pending.
    """

    def __init__(self, path: str | Path, batch_size: int = 256) -> None:
        self.path = Path(path)
        self.batch_size = max(1, batch_size)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as error:
            raise WhimbrelError(f"cannot open the DuckDB store {self.path}: {error}") from None
        self.con.execute(DOCUMENTS_DDL)
        self.con.execute(events_ddl())
        self._check_columns()
        self._schema = arrow_schema()
        self._pending: dict[str, tuple[Document, list[dict]]] = {}

    def replace_document(self, document: Document, events: Sequence[Event]) -> None:
        """Store ``document`` and its ``events``, replacing whatever was stored for the same id.

        The old events are deleted and the new ones inserted in the same transaction, so a
        re-coded document never has its events twice, nor none while being replaced.
        """
        rows = [event.to_flat_dict() for event in events]
        for row in rows:
            row["doc_id"] = document.id  # events are found and replaced by their document's id
        self._pending.pop(document.id, None)  # a later coding of the same document wins
        self._pending[document.id] = (document, rows)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the pending documents and events in one transaction."""
        if not self._pending:
            return
        import pyarrow as pa

        pending = list(self._pending.values())
        self._pending = {}
        coded_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        documents = pa.table(
            {
                "doc_id": [d.id for d, _ in pending],
                "title": [d.title for d, _ in pending],
                "date": pa.array([d.date for d, _ in pending], type=pa.date32()),
                "source": [d.source for d, _ in pending],
                "url": [d.url for d, _ in pending],
                "coded_at": pa.array([coded_at] * len(pending), type=pa.timestamp("us")),
            }
        )
        rows = [row for _, doc_rows in pending for row in doc_rows]
        events = pa.Table.from_pylist(rows, schema=self._schema) if rows else None
        self.con.begin()
        try:
            self.con.register("_whimbrel_documents", documents)
            known = self.con.execute(
                "SELECT count(*) FROM documents WHERE doc_id IN (SELECT doc_id FROM _whimbrel_documents)"
            ).fetchone()[0]
            if known:  # only re-coded documents pay for a scan of the events table
                self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM _whimbrel_documents)")
            self.con.execute("INSERT OR REPLACE INTO documents BY NAME SELECT * FROM _whimbrel_documents")
            if events is not None:
                self.con.register("_whimbrel_events", events)
                self.con.execute("INSERT INTO events BY NAME SELECT * FROM _whimbrel_events")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        finally:
            self.con.unregister("_whimbrel_documents")
            self.con.unregister("_whimbrel_events")

    def count_events(self, doc_id: str | None = None) -> int:
        """Number of stored events, of one document or of all."""
        self.flush()
        if doc_id is None:
            return self.con.execute("SELECT count(*) FROM events").fetchone()[0]
        return self.con.execute("SELECT count(*) FROM events WHERE doc_id = ?", [doc_id]).fetchone()[0]

    def close(self) -> None:
        """Write what is pending and close the file; the store cannot be used afterwards."""
        try:
            self.flush()
        finally:
            self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
            return
        try:  # keep what was coded before the failure, but never hide the failure itself
            self.close()
        except Exception:
            pass

    def _check_columns(self) -> None:
        found = [row[0] for row in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position"
        ).fetchall()]
        missing = [name for name in flat_types() if name not in found]
        if missing:
            self.con.close()
            raise WhimbrelError(
                f"{self.path} was written by another whimbrel version: its events table lacks "
                f"{', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}; use a new file"
            )
