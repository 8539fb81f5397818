"""The event record: defined once here, used by every stage and every writer.

The field names are the JSONL keys. CSV and Parquet use the same names with nested
fields flattened by ``_`` (``location_geonameid``, ``evidence_start``); lists of actors are
flattened into ``actors_text``, ``actors_country``… holding ``;``-joined values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

LOCATION_PRECISIONS: tuple[str, ...] = ("site", "city", "district", "province", "country", "region")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")


@dataclass
class ActorRef:
    """One actor or recipient of an event, as written and as resolved."""

    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3 or an IGO code
    sector: str | None = None  # PLOVER/CAMEO sector code, e.g. GOV, MIL, COP, PRO
    start: int = 0  # character offsets of ``text`` in the document
    end: int = 0
    implied: bool = False  # named nowhere in the text: inferred from the sentence's or document's country (text "")


@dataclass
class Location:
    """The place where an event happened, resolved against the gazetteer."""

    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    feature_code: str | None = None
    precision: str | None = None  # one of LOCATION_PRECISIONS


@dataclass
class Evidence:
    """Where in the document the event is said: the sentence and its trigger word."""

    sentence: str
    start: int  # sentence span in the document text
    end: int
    trigger: str
    trigger_start: int = 0  # trigger span in the document text
    trigger_end: int = 0


@dataclass
class Event:
    """One coded political event. ``to_dict`` gives the JSONL record."""

    event_id: str
    doc_id: str
    event_type: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    quad_class: int | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    location: Location | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    evidence: Evidence | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The nested JSON-ready record."""
        return asdict(self)

    def to_flat_dict(self) -> dict[str, Any]:
        """The record with nested fields flattened by ``_`` for CSV and Parquet."""
        return flatten_record(self.to_dict())


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten one nested record into scalar columns (see module docstring)."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("actors", "recipients"):
            for sub in (f.name for f in fields(ActorRef)):
                parts = [item.get(sub) for item in value or []]
                flat[f"{key}_{sub}"] = ";".join("" if p is None else str(p) for p in parts) if parts else None
        elif key in ("location", "evidence"):
            cls = Location if key == "location" else Evidence
            for sub in (f.name for f in fields(cls)):
                flat[f"{key}_{sub}"] = None if value is None else value.get(sub)
        elif key == "contexts":
            flat[key] = ";".join(value) if value else None
        else:
            flat[key] = value
    return flat


def flat_columns() -> list[str]:
    """Column names of the flattened record, in order."""
    empty = Event(event_id="", doc_id="", event_type="")
    return list(flatten_record(empty.to_dict()).keys())
