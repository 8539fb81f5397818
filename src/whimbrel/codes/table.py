"""PLOVER type and mode → CAMEO code, quad class and ACLED type through one mapping table.

``data/codes_mapping.csv`` (built by ``scripts/build_codes.py`` from CAMEO2PLOVER and a hand-curated
ACLED source) holds one row per CAMEO code with its PLOVER type, mode and contexts and its ACLED event
type and sub-event type. ``data/codes_cues.json`` then refines the ACLED code from cue words in the
event's sentence (see :mod:`whimbrel.codes.cues`).

Quad class follows the CAMEO root: 01–05 verbal cooperation (1), 06–09 material cooperation (2),
10–14 verbal conflict (3), 15–20 material conflict (4).
"""

from __future__ import annotations

import csv
import json
import functools
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span

from whimbrel.codes.cues import CueBook
from whimbrel.events.mention import EventMention

COLUMNS: tuple[str, ...] = (
    "plover_type", "mode", "context", "cameo", "quad_class", "acled_event_type", "acled_sub_event_type",
    "default", "source", "cameo_label", "note",
)

_QUAD_BOUNDS = ((5, 1), (9, 2), (14, 3), (20, 4))  # highest CAMEO root of each quad class


@dataclass(frozen=True)
class Codes:
    """The codes of one event: quad class, CAMEO code and the ACLED equivalent (None if ACLED has none)."""

    quad_class: int
    cameo: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


@dataclass(frozen=True)
class MappingRow:
    """One row of ``codes_mapping.csv``."""

    plover_type: str
    mode: str
    contexts: tuple[str, ...]
    cameo: str
    quad_class: int
    acled_event_type: str | None
    acled_sub_event_type: str | None
    default: str  # "type", "mode", "context" or ""
    source: str  # cameo2plover | appeal | plover_manual
    cameo_label: str
    note: str


def quad_class_for_cameo(code: str | None) -> int | None:
    """Quad class (1–4) of a CAMEO code from its two-digit root; None for a code that is not CAMEO."""
    code = _clean_code(code)
    if code is None:
        return None
    root = int(code[:2])
    for highest, quad in _QUAD_BOUNDS:
        if 1 <= root <= highest:
            return quad
    return None


def plover_for_cameo(code: str | None) -> tuple[str, str | None, list[str]] | None:
    """PLOVER (type, mode, contexts) of a CAMEO code; None for 01x statements and unknown codes.

    A code missing from the table falls back to its parent (``1834`` → ``183``, ``095`` → ``090``);
    a bare root means its general code (``19`` → ``190``). 02x appeals have the values of the matching 10x demand.
    """
    row = _default_table().row_for_cameo(code)
    if row is None:
        return None
    return row.plover_type, row.mode or None, list(row.contexts)


def acled_type_for_subtype(sub_event_type: str | None) -> str | None:
    """ACLED event type of a sub-event type (case-insensitive); None if it is not one of the 25."""
    if not sub_event_type:
        return None
    return _default_table().acled_by_lower.get(sub_event_type.strip().lower())


def acled_subtypes() -> dict[str, str]:
    """All ACLED sub-event types → event type, as in the ACLED Codebook 2023."""
    return dict(_default_table().acled_types)


def read_acled_types(path: Path | None = None) -> dict[str, str]:
    """ACLED sub-event type → event type from ``codes_acled_types.csv``."""
    text = Path(path).read_text(encoding="utf-8") if path else _data_text("codes_acled_types.csv")
    return {r["acled_sub_event_type"]: r["acled_event_type"] for r in csv.DictReader(io.StringIO(text))}


class CodeTable:
    """The mapping table with its lookups; load it once with :meth:`load`."""

    def __init__(self, rows: list[MappingRow], cues: CueBook, acled_types: dict[str, str]) -> None:
        self.rows = rows
        self.cues = cues
        self.acled_types = acled_types
        self.acled_by_lower = {sub.lower(): typ for sub, typ in acled_types.items()}
        self.by_cameo = {r.cameo: r for r in rows if r.source != "plover_manual"}
        self.by_type = {r.plover_type: r for r in rows if r.default == "type"}
        self.by_mode = {(r.plover_type, r.mode): r for r in rows if r.default in ("type", "mode")}
        self.by_context = {(r.plover_type, r.mode, r.contexts): r for r in rows if r.default}

    @classmethod
    def load(cls) -> CodeTable:
        """The packaged table (read once per process)."""
        return _default_table()

    @classmethod
    def from_files(cls, mapping: Path, cues: Path, acled_types: Path) -> CodeTable:
        """A table from explicit files, for building and testing."""
        return cls(_read_rows(Path(mapping).read_text(encoding="utf-8")), CueBook.from_path(cues), read_acled_types(acled_types))

    def row_for_cameo(self, code: str | None) -> MappingRow | None:
        """The table row of a CAMEO code or of its nearest parent code (the root's general code last)."""
        code = _clean_code(code)
        if code is None:
            return None
        candidates = [code[:n] for n in range(len(code), 2, -1)] + [code[:2] + "0"]
        return next((self.by_cameo[c] for c in candidates if c in self.by_cameo), None)

    def default_row(self, event_type: str, mode: str | None = None, contexts: list[str] | tuple[str, ...] = ()) -> MappingRow:
        """The row for a PLOVER type, mode and contexts when no CAMEO code is known.

        An unknown mode counts as no mode; among the rows of the type and mode, the one whose
        contexts are all in ``contexts`` (most of them first) wins, else the mode's default.
        """
        if event_type not in self.by_type:
            raise KeyError(f"unknown PLOVER event type {event_type!r}")
        mode = mode or ""
        if (event_type, mode) not in self.by_mode:
            mode = ""
        if (event_type, mode) not in self.by_mode:
            return self.by_type[event_type]
        wanted = set(contexts)
        fitting = [
            r for (t, m, ctx), r in self.by_context.items()
            if t == event_type and m == mode and ctx and set(ctx) <= wanted
        ]
        if fitting:
            return min(fitting, key=lambda r: (-len(r.contexts), len(r.cameo), r.cameo))
        return self.by_mode[(event_type, mode)]

    def code_in_class(self, event_type: str, mode: str | None, penta: int) -> MappingRow:
        """The row for a PLOVER type and mode whose CAMEO root falls in ConfliBERT 5-way class ``penta``.

        The type-and-mode default wins when its root fits; else the fitting row of the same mode,
        then of the type's default mode, then any row of the type (general codes first). When no
        code of the type is in that class, the default row.
        """
        from whimbrel.events.model import penta_of_code

        default = self.default_row(event_type, mode)
        if penta_of_code(default.cameo) == penta:
            return default
        rows = [r for r in self.by_cameo.values() if r.plover_type == event_type and penta_of_code(r.cameo) == penta]
        if not rows:
            return default
        wanted = (mode or "").lower()
        return min(rows, key=lambda r: (r.mode != wanted, r.mode != "", not r.default, len(r.cameo), r.cameo))

    def allowed_classes(self) -> dict[str, frozenset[int]]:
        """PLOVER type → the ConfliBERT 5-way classes its CAMEO codes fall in."""
        from whimbrel.events.model import penta_of_code

        allowed: dict[str, set[int]] = {}
        for row in self.by_cameo.values():
            penta = penta_of_code(row.cameo)
            if penta is not None:
                allowed.setdefault(row.plover_type, set()).add(penta)
        return {k: frozenset(v) for k, v in allowed.items()}

    def codes_for(self, mention: EventMention, doc: Doc) -> Codes:
        """Quad class, CAMEO and ACLED codes of one event mention.

        The detector's CAMEO code is kept when it belongs to the mention's PLOVER type; otherwise the
        table's default for type, mode and contexts is used. Cue words in the sentence may then refine
        the ACLED code, and the CAMEO code too when the detector gave none or only a root-level one.
        """
        row = self.row_for_cameo(mention.cameo)
        detector_code = _clean_code(mention.cameo) if row is not None and row.plover_type == mention.event_type else None
        if detector_code is None:
            row = self.default_row(mention.event_type, mention.mode, mention.contexts)
            cameo = row.cameo
        else:
            cameo = detector_code
        acled = (row.acled_event_type, row.acled_sub_event_type)
        rule = self.cues.first_match(mention.event_type, mention.mode, doc, _sentence(doc, mention), mention.trigger_i)
        if rule is not None:
            acled = rule.acled
            cue_code = rule.cameo.get(mention.event_type)
            if cue_code and (detector_code is None or _is_general(detector_code)):
                cue_row = self.by_cameo.get(cue_code)
                if cue_row is not None and cue_row.plover_type == mention.event_type:
                    cameo = cue_code
        quad = quad_class_for_cameo(cameo)
        assert quad is not None, cameo  # every table code has a CAMEO root
        return Codes(quad_class=quad, cameo=cameo, acled_event_type=acled[0], acled_sub_event_type=acled[1])


def _sentence(doc: Doc, mention: EventMention) -> Span:
    if mention.sent_end > mention.sent_start:
        span = doc.char_span(mention.sent_start, mention.sent_end, alignment_mode="expand")
        if span is not None:
            return span
    if 0 <= mention.trigger_i < len(doc):
        return doc[mention.trigger_i].sent if doc.has_annotation("SENT_START") else doc[:]
    return doc[:]


def _is_general(code: str) -> bool:
    """Root-level codes (``19``, ``190``, ``180``) say only that force was used, not how."""
    return len(code) == 2 or (len(code) == 3 and code.endswith("0"))


def _clean_code(code: str | None) -> str | None:
    if code is None:
        return None
    code = str(code).strip()
    if not code.isdigit() or not 2 <= len(code) <= 4 or not 1 <= int(code[:2]) <= 20:
        return None
    return code


def _data_text(name: str) -> str:
    return resources.files("whimbrel").joinpath("data", name).read_text(encoding="utf-8")


def _read_rows(text: str) -> list[MappingRow]:
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        rows.append(MappingRow(
            plover_type=r["plover_type"],
            mode=r["mode"],
            contexts=tuple(c for c in r["context"].split(";") if c),
            cameo=r["cameo"],
            quad_class=int(r["quad_class"]),
            acled_event_type=r["acled_event_type"] or None,
            acled_sub_event_type=r["acled_sub_event_type"] or None,
            default=r["default"],
            source=r["source"],
            cameo_label=r["cameo_label"],
            note=r["note"],
        ))
    return rows


@functools.lru_cache(maxsize=1)
def _default_table() -> CodeTable:
    cues = CueBook.from_dict(json.loads(_data_text("codes_cues.json")))
    return CodeTable(_read_rows(_data_text("codes_mapping.csv")), cues, read_acled_types())
