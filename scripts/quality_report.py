"""Render docs/quality.md from the scorecards `whimbrel eval all --json docs/quality.json` wrote.

    .venv/bin/python scripts/quality_report.py [docs/quality.json] [docs/quality.md]

One row per gold set; the main columns are the measures the gold sets are usually reported with,
every other metric of a set goes in its last column. Reference figures published by others are
listed below the table with their sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COLUMNS = [
    ("type_accuracy", "type acc"),
    ("type_macro_f1", "type macro-F1"),
    ("mode_accuracy", "mode acc"),
    ("source_country_accuracy", "source country"),
    ("target_country_accuracy", "target country"),
    ("cameo_root_accuracy", "CAMEO root"),
    ("macro_f1", "5-way macro-F1"),
    ("recognition_f1", "toponym F1"),
    ("acc_161km", "acc@161km"),
    ("gold_span_acc_161km", "acc@161km, gold spans"),
    ("country_accuracy", "country acc"),
    ("exact_geonameid", "exact id"),
    ("median_error_km", "median km"),
]

REFERENCES = """\
## Published reference figures

| set | system | figure | source |
|---|---|---|---|
| geoparse-lgl | mordecai3 | 82.7 % within 161 km | Halterman, "Mordecai 3: A Neural Geoparser and Event Geocoder" (2023), geoparsing results table |
| geoparse-gwn | mordecai3 | 94.1 % within 161 km | same paper |
| conflibert-cameo | ConfliBERT | 0.895 macro-F1, 5-way CAMEO class, test split | Hu et al., "ConfliBERT: A Pre-trained Language Model for Political Conflict and Violence", NAACL 2022 |
| (ACLED sub-event types) | best CASE 2021 system | 0.839 weighted F1 | CASE 2021 workshop, shared task 2 (fine-grained event classification into ACLED sub-event types), overview paper |

whimbrel does not yet have an ACLED sub-event gold set to compare with the CASE 2021 figure.
"""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def render(cards: list[dict]) -> str:
    """The markdown page for a list of scorecards."""
    main_keys = {key for key, _ in COLUMNS}
    head = ["set", "split", "n", *[label for _, label in COLUMNS], "other metrics", "reproduce"]
    lines = [
        "# Quality",
        "",
        f"Measured {dt.date.today()} at commit `{cards[0].get('commit') or 'unknown'}` on this project's machine (2 cores, CPU only).",
        "Every number comes from a split whimbrel never trained on; sets with a fixed seeded split say so in",
        "`src/whimbrel/evaluation/gold.py`. Rebuild the whole table with `make eval && .venv/bin/python scripts/quality_report.py`.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for card in cards:
        metrics = card["metrics"]
        other = ", ".join(f"{k} {_cell(v)}" for k, v in metrics.items() if k not in main_keys and isinstance(v, (int, float)))
        row = [card["set"], card["split"], str(card["n"]), *[_cell(metrics.get(key)) for key, _ in COLUMNS], other,
               f"`whimbrel eval {card['set']} --split {card['split']}`"]
        lines.append("| " + " | ".join(row) + " |")
    notes = [f"- {card['set']}: {note}" for card in cards for note in card.get("notes", [])]
    if notes:
        lines += ["", "## Notes", "", *notes]
    return "\n".join(lines) + "\n\n" + REFERENCES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=REPO / "docs" / "quality.json", help="scorecards (JSON)")
    parser.add_argument("target", nargs="?", type=Path, default=REPO / "docs" / "quality.md", help="page to write")
    args = parser.parse_args()
    source, target = args.source, args.target
    if not source.is_file():
        parser.error(f"no scorecards at {source}: run `make eval` first")
    cards = json.loads(source.read_text())
    cards = cards if isinstance(cards, list) else [cards]
    page = render(cards)
    history = source.parent / "quality_history.md"
    if history.exists():
        page += "\n" + history.read_text()
    target.write_text(page)
    print(f"wrote {target} ({len(cards)} sets)")


if __name__ == "__main__":
    main()
