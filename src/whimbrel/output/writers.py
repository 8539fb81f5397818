"""Write event records as a terminal table, JSONL, CSV or Parquet.

JSONL, CSV and Parquet stream: events are written as they come, so a long run never
holds all its records in memory. The table needs every row before it can lay itself out.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
import types
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO, Union, get_args, get_origin, get_type_hints

from whimbrel.errors import WhimbrelError
from whimbrel.records.schema import ActorRef, Event, Evidence, Location, flat_columns

FORMATS = ("table", "jsonl", "csv", "parquet")
PARQUET_BATCH = 10_000  # rows per Parquet row group write
TABLE_WIDTH = 160  # columns used when the table goes to a file or pipe, not a terminal

Output = Union[str, Path, TextIO, None]


def write_events(events: Iterable[Event], fmt: str, out: Output = None) -> int:
    """Write ``events`` in format ``fmt`` to ``out`` (a path, an open text stream, or None for stdout).

    Returns the number of events written. Raises :class:`WhimbrelError` for an unknown
    format, a Parquet output that is not a file path, or a file that cannot be written.
    """
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise WhimbrelError("parquet output needs a file path (e.g. --out events.parquet), not a stream")
        return write_parquet(events, out)
    writer = {"table": write_table, "jsonl": write_jsonl, "csv": write_csv}.get(fmt)
    if writer is None:
        raise WhimbrelError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    with _open_text(out) as stream:
        return writer(events, stream)


def write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    """One JSON object (:meth:`Event.to_dict`) per line, UTF-8 as is."""
    count = 0
    for event in events:
        stream.write(json.dumps(event.to_dict(), ensure_ascii=False, default=str))
        stream.write("\n")
        count += 1
    return count


def write_csv(events: Iterable[Event], stream: TextIO) -> int:
    """Flattened records (:meth:`Event.to_flat_dict`) under a :func:`flat_columns` header."""
    columns = flat_columns()
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(event.to_flat_dict())
        count += 1
    return count


def write_parquet(events: Iterable[Event], path: str | Path) -> int:
    """Flattened records in a Parquet file with the explicit :func:`arrow_schema`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    try:
        with pq.ParquetWriter(str(path), schema) as writer:
            for batch in _batches((event.to_flat_dict() for event in events), PARQUET_BATCH):
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
    except OSError as error:
        raise WhimbrelError(f"cannot write {path}: {error}") from None
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise WhimbrelError(f"cannot write {path}: a value does not fit the record schema ({error})") from None
    return count


def write_table(events: Iterable[Event], stream: TextIO) -> int:
    """A rich table, one row per event; a short note when there are none."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    is_terminal = bool(getattr(stream, "isatty", lambda: False)())
    console = Console(file=stream, width=None if is_terminal else TABLE_WIDTH, highlight=False, soft_wrap=False)
    rows = [_table_row(event) for event in events]
    if not rows:
        console.print("No events found.")
        return 0
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), show_edge=False, caption=f"{len(rows)} events", caption_justify="left")
    for header, options in _TABLE_COLUMNS:
        table.add_column(header, **options)
    for row in rows:
        # Text, not markup: "[USA MIL]" in a cell must print as written.
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    return len(rows)


_TABLE_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("doc", {"overflow": "fold", "max_width": 20}),
    ("type/mode", {"no_wrap": True}),
    ("actors → recipients", {"overflow": "fold", "ratio": 3, "min_width": 24}),
    ("place", {"overflow": "fold", "ratio": 1, "min_width": 10}),
    ("date", {"no_wrap": True}),
    ("dead/inj/\narr/size", {"no_wrap": True, "justify": "right"}),
    ("flags", {"no_wrap": True}),
    ("cameo", {"no_wrap": True}),
    ("ACLED sub-type", {"overflow": "fold", "ratio": 1, "min_width": 10}),
)


def _table_row(event: Event) -> tuple[str, ...]:
    kind = event.event_type + (f"\n{event.mode}" if event.mode else "")
    who = "; ".join(_actor_label(a) for a in event.actors) or "–"
    whom = "; ".join(_actor_label(a) for a in event.recipients)
    participants = f"{who} → {whom}" if whom else who
    place = ""
    if event.location is not None:
        name = event.location.name or event.location.text
        place = ", ".join(part for part in (name, event.location.country) if part)
    date = event.date or ""
    if date and event.date_precision and event.date_precision != "day":
        date += f"\n({event.date_precision})"
    counts = "/".join("·" if n is None else str(n) for n in (event.dead, event.injured, event.arrested, event.size))
    flags = " ".join(name for name, on in (("neg", event.negated), ("hyp", event.hypothetical), ("hist", event.historical)) if on)
    return (event.doc_id, kind, participants, place, date, counts, flags, event.cameo or "", event.acled_sub_event_type or "")


def _actor_label(actor: ActorRef) -> str:
    codes = " ".join(code for code in (actor.country, actor.sector) if code)
    text = "(implied)" if actor.implied and not actor.text else actor.text
    return f"{text} [{codes}]" if codes else text


# -- the typed flat schema ---------------------------------------------------------------


def flat_types() -> dict[str, type]:
    """Python type of each flattened column (``int``, ``float``, ``bool`` or ``str``), in column order.

    Derived from the record dataclasses, so a field added there gets its column here.
    """
    types_: dict[str, type] = {}
    for name, hint in get_type_hints(Event).items():
        if name in ("actors", "recipients"):
            for sub in fields(ActorRef):
                types_[f"{name}_{sub.name}"] = str  # ";"-joined values
        elif name in ("location", "evidence"):
            nested = Location if name == "location" else Evidence
            for sub, sub_hint in get_type_hints(nested).items():
                types_[f"{name}_{sub}"] = _scalar(sub_hint)
        elif name == "contexts":
            types_[name] = str
        else:
            types_[name] = _scalar(hint)
    return {column: types_.get(column, str) for column in flat_columns()}


def arrow_schema():
    """The pyarrow schema of the flattened record: nullable int64, float64, bool and string columns."""
    import pyarrow as pa

    arrow = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), str: pa.string()}
    return pa.schema([pa.field(name, arrow[kind], nullable=True) for name, kind in flat_types().items()])


def _scalar(hint: Any) -> type:
    """``int | None`` → ``int``; anything not int/float/bool is stored as a string."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [arg for arg in get_args(hint) if arg is not type(None)]
        hint = args[0] if len(args) == 1 else str
    return hint if hint in (int, float, bool) else str


# -- plumbing ------------------------------------------------------------------------------


@contextlib.contextmanager
def _open_text(out: Output) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    if not isinstance(out, (str, Path)):
        yield out
        return
    try:
        stream = open(out, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise WhimbrelError(f"cannot write {out}: {error.strerror or error}") from None
    with stream:
        yield stream


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
