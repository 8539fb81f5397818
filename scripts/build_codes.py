"""Build src/whimbrel/data/codes_mapping.csv: PLOVER type/mode/context ↔ CAMEO ↔ quad class ↔ ACLED.

Sources:

* ``--shared``/``ontology/CAMEO2PLOVER-2021.txt`` (PLOVER, CC BY-SA 4.0, Open Event Data Alliance):
  every CAMEO code → PLOVER type, mode and contexts. One row per code. Two repairs are made and noted:
  a mode that is really a context name (CAMEO 175 ``pro_autocracy``) is moved to the contexts, and
  duplicated lines are read once.
* ``--shared``/``ontology/CAMEO_codefile.txt`` (CAMEO 0.7b5, MIT): the label of each code. PLOVER drops the
  02x appeals; whimbrel gives each 02x code the PLOVER values of the matching 10x demand (REQUEST), as
  the event detector does, so appeal codes it emits stay consistent. 01x statements stay unmapped.
* ``scripts/codes_acled_source.csv`` (hand-curated, this project): ACLED event type and sub-event type
  per PLOVER type/mode/context/CAMEO pattern (following the ACLED Codebook 2023), extra modes of the
  PLOVER manual that CAMEO2PLOVER does not use, and default codes.
* ``src/whimbrel/data/codes_acled_types.csv`` and ``src/whimbrel/data/codes_cues.json`` (hand-written,
  this project) are only checked here: every ACLED name must be one of the 25 sub-types.

The quad class of each row is derived from the CAMEO root (see ``whimbrel.codes.table.quad_class_for_cameo``).

Usage: ``python scripts/build_codes.py [--shared ../shared/data] [--out src/whimbrel/data/codes_mapping.csv]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DATA = REPO / "src" / "whimbrel" / "data"
DEFAULT_OUT = DATA / "codes_mapping.csv"
SOURCE = Path(__file__).resolve().parent / "codes_acled_source.csv"

sys.path.insert(0, str(REPO / "src"))
from whimbrel.codes.cues import CueBook  # noqa: E402
from whimbrel.codes.table import COLUMNS, quad_class_for_cameo, read_acled_types  # noqa: E402
from whimbrel.records.schema import PLOVER_TYPES  # noqa: E402

_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*)(?:#\s*(.*))?$")
_LABEL = re.compile(r"^LABEL(i?):\s*(\d{2,4})=\s*(.*)$")


@dataclass
class Row:
    """One row of the mapping table before the ACLED columns are filled in."""

    plover_type: str
    mode: str
    contexts: list[str]
    cameo: str
    source: str  # cameo2plover | appeal | plover_manual
    label: str = ""
    notes: list[str] = field(default_factory=list)
    default: str = ""
    acled: tuple[str, str] = ("", "")

    @property
    def context(self) -> str:
        return ";".join(self.contexts)


def read_cameo2plover(path: Path) -> list[Row]:
    """Parse the CAMEO→PLOVER table into one row per CAMEO code (root lines skipped)."""
    raw: list[tuple[str, str, str, list[str], str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line.strip())
        if not match or len(match.group(1)) == 2:
            continue
        code, body, label = match.group(1), match.group(2), (match.group(3) or "").strip()
        parts = [p.strip() for p in body.split(",")] + ["", ""]
        contexts = [c.strip().lower() for c in parts[2].split(";") if c.strip()]
        raw.append((code, parts[0].upper(), parts[1].lower(), contexts, label))
    known_contexts = {c for *_, contexts, _ in raw for c in contexts}
    rows: dict[str, Row] = {}
    for code, ptype, mode, contexts, label in raw:
        if code in rows:
            continue
        row = Row(ptype, mode, list(contexts), code, "cameo2plover", label)
        if mode in known_contexts:
            row.mode, row.contexts = "", [mode] + [c for c in contexts if c != mode]
            row.notes.append(f"CAMEO2PLOVER gives context '{mode}' as mode: moved to contexts")
        rows[code] = row
    for row in rows.values():
        if row.plover_type not in PLOVER_TYPES:
            raise SystemExit(f"CAMEO {row.cameo}: unknown PLOVER type {row.plover_type!r}")
    return list(rows.values())


def read_labels(path: Path) -> dict[str, str]:
    """CAMEO code → label from the CAMEO code file (plain LABEL lines win over ICEWS LABELi ones)."""
    labels: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _LABEL.match(line.strip())
        if match and not (match.group(1) and match.group(2) in labels):
            labels[match.group(2)] = match.group(3).strip()  # a later plain LABEL corrects an earlier typo
    return labels


def appeal_rows(rows: list[Row], labels: dict[str, str]) -> list[Row]:
    """02x appeal codes with the PLOVER values of their 10x demand counterparts."""
    by_code = {r.cameo: r for r in rows}
    out = []
    for code in sorted(labels):
        if not code.startswith("02") or len(code) < 3:
            continue
        demand = by_code.get("10" + code[2:])
        if demand is None:
            continue
        out.append(Row(demand.plover_type, demand.mode, list(demand.contexts), code, "appeal",
                       notes=[f"CAMEO appeal: PLOVER drops 02x; values of demand {demand.cameo}"]))
    return out


def read_source(path: Path) -> list[dict[str, str]]:
    """The hand-curated source rows (lines starting with '#' are comments)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def manual_rows(source: list[dict[str, str]], rows: list[Row]) -> list[Row]:
    """Rows for PLOVER-manual modes that CAMEO2PLOVER lacks."""
    used = {(r.plover_type, r.mode) for r in rows}
    out = []
    for s in source:
        if s["kind"] != "mode":
            continue
        key = (s["plover_type"], s["mode"])
        if key in used:
            raise SystemExit(f"mode row {key} already comes from CAMEO2PLOVER")
        out.append(Row(s["plover_type"], s["mode"], [], s["cameo"], "plover_manual", notes=[s["note"]] if s["note"] else []))
    return out


def mark_defaults(rows: list[Row], source: list[dict[str, str]]) -> None:
    """Choose the default row per type, per type+mode and per type+mode+context.

    Without an override the most general code wins: empty mode and context first, then the shortest,
    then the lowest code. Appeal rows are never defaults.
    """
    overrides = {(s["plover_type"], s["mode"] if s["default"] == "mode" else None): s["cameo"]
                 for s in source if s["kind"] == "default"}
    candidates = [r for r in rows if r.source != "appeal"]

    def pick(group: list[Row], key: tuple[str, str | None]) -> Row:
        wanted = overrides.get(key)
        if wanted:
            chosen = [r for r in group if r.cameo == wanted]
            if not chosen:
                raise SystemExit(f"default {wanted} for {key} is not among its rows")
            return chosen[0]
        return min(group, key=lambda r: (r.mode != "", bool(r.contexts), len(r.cameo), r.cameo))

    chosen: dict[int, str] = {}
    for ptype in PLOVER_TYPES:
        group = [r for r in candidates if r.plover_type == ptype and r.source == "cameo2plover"]
        type_default = pick(group, (ptype, None))
        chosen[id(type_default)] = "type"
        for mode in sorted({r.mode for r in candidates if r.plover_type == ptype}):
            mode_group = [r for r in candidates if r.plover_type == ptype and r.mode == mode]
            mode_default = type_default if type_default in mode_group and (ptype, mode) not in overrides else pick(mode_group, (ptype, mode))
            chosen.setdefault(id(mode_default), "mode")
            for ctx in sorted({r.context for r in mode_group}):
                ctx_group = [r for r in mode_group if r.context == ctx]
                best = mode_default if mode_default in ctx_group else min(ctx_group, key=lambda r: (len(r.cameo), r.cameo))
                chosen.setdefault(id(best), "context")
    for row in rows:
        row.default = chosen.get(id(row), "")


def _matches(s: dict[str, str], row: Row) -> bool:
    if s["plover_type"] != row.plover_type:
        return False
    if s["mode"] != "*" and s["mode"] != row.mode:
        return False
    if s["context"] != "*" and not (s["context"] == "" and not row.contexts) and s["context"] not in row.contexts:
        return False
    return s["cameo"] == "*" or s["cameo"] == row.cameo


def assign_acled(rows: list[Row], source: list[dict[str, str]], acled_types: dict[str, str]) -> None:
    """Fill the ACLED columns from the most specific matching source rule."""
    rules = [s for s in source if s["kind"] == "acled"]
    used: set[int] = set()
    for row in rows:
        matching = [(4 * (s["cameo"] != "*") + 2 * (s["context"] != "*") + (s["mode"] != "*"), i, s)
                    for i, s in enumerate(rules) if _matches(s, row)]
        if not matching:
            raise SystemExit(f"no ACLED rule for {row.plover_type}/{row.mode}/{row.context}/{row.cameo}")
        best = max(score for score, _, _ in matching)
        top = [(i, s) for score, i, s in matching if score == best]
        if len({(s["acled_event_type"], s["acled_sub_event_type"]) for _, s in top}) > 1:
            raise SystemExit(f"ambiguous ACLED rules for CAMEO {row.cameo}: {[s for _, s in top]}")
        i, s = top[0]
        used.add(i)
        event_type, sub_type = s["acled_event_type"], s["acled_sub_event_type"]
        if sub_type and acled_types.get(sub_type) != event_type:
            raise SystemExit(f"unknown ACLED pair {event_type!r} / {sub_type!r}")
        row.acled = (event_type, sub_type)
        if s["note"]:
            row.notes.append(s["note"])
    unused = [rules[i] for i in range(len(rules)) if i not in used]
    if unused:
        raise SystemExit(f"ACLED rules that match no row: {unused}")


def write(rows: list[Row], out: Path) -> None:
    """Write the mapping CSV sorted by CAMEO code."""
    order = {"cameo2plover": 0, "appeal": 1, "plover_manual": 2}
    rows = sorted(rows, key=lambda r: (r.cameo, order[r.source], r.mode))
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in rows:
            quad = quad_class_for_cameo(r.cameo)
            if quad is None:
                raise SystemExit(f"CAMEO {r.cameo}: no quad class")
            writer.writerow([r.plover_type, r.mode, r.context, r.cameo, quad, r.acled[0], r.acled[1],
                             r.default, r.source, r.label, "; ".join(r.notes)])


def check_complete(rows: list[Row], acled_types: dict[str, str]) -> None:
    """Every PLOVER type has a default; every ACLED sub-type has a table row or a cue rule."""
    for ptype in PLOVER_TYPES:
        if not any(r.plover_type == ptype and r.default == "type" for r in rows):
            raise SystemExit(f"no default row for {ptype}")
    cues = CueBook.from_path(DATA / "codes_cues.json")
    problems = cues.validate(acled_types, {r.cameo: r.plover_type for r in rows if r.source != "plover_manual"})
    if problems:
        raise SystemExit("codes_cues.json: " + "; ".join(problems))
    reachable = {r.acled[1] for r in rows} | {rule.acled[1] for rule in cues.rules}
    missing = sorted(set(acled_types) - reachable)
    if missing:
        raise SystemExit(f"ACLED sub-types no row or cue reaches: {missing}")


def main(argv: list[str] | None = None) -> None:
    """Build the mapping table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    ontology = args.shared / "ontology"
    labels = read_labels(ontology / "CAMEO_codefile.txt")
    source = read_source(SOURCE)
    acled_types = read_acled_types(DATA / "codes_acled_types.csv")
    rows = read_cameo2plover(ontology / "CAMEO2PLOVER-2021.txt")
    rows += appeal_rows(rows, labels)
    rows += manual_rows(source, rows)
    for row in rows:
        row.label = labels.get(row.cameo) or row.label
    mark_defaults(rows, source)
    assign_acled(rows, source, acled_types)
    check_complete(rows, acled_types)
    write(rows, args.out)
    print(f"{args.out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
