"""Actor errors on the plover-gsr TRAIN split: gold vs predicted actors, by error class.

Usage: ``python scripts/actors_diagnose.py --data ../shared/data [--limit N] [--show CLASS]``

Each gold item with a source/target country is put in one class per side:
``ok``; ``no_event`` (nothing predicted for the item); ``wrong_event:CLASS`` (no predicted event of the
gold type, so the scorer used another event);
``missing`` (right event, no actor with a country on that side); ``wrong`` (right event, actors with
other countries). Sectors are counted per side as ok / bad / wrong_event (``--show sector`` lists the bad).
Never run this on the test split.
"""

from __future__ import annotations

import argparse
from collections import Counter

from whimbrel.evaluation import gold as g
from whimbrel.evaluation.run import code
from whimbrel.evaluation.scoring import country_matches, matched_event, sector_matches
from whimbrel.reading.document import Document


def _side_class(gold_countries: tuple[str, ...], event, refs) -> str:
    """The error class of one side of one item."""
    if country_matches(gold_countries, refs):
        return "ok"
    if event is None:
        return "no_event"
    if not any(r.country for r in refs):
        return "missing"
    return "wrong"


def _fmt(refs) -> str:
    return "; ".join(f"{r.text!r}={r.country}/{r.sector}" for r in refs) or "-"


def main() -> None:
    """Print per-class counts and, for the chosen class, the items."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", default="", help="comma-separated classes to print, e.g. wrong,missing")
    args = parser.parse_args()
    items = g.load_plover_gsr(args.data, "train")[: args.limit]
    predicted = code(None, (Document(id=i.doc_id, text=i.text, date=i.date) for i in items))
    counts: Counter[str] = Counter()
    show = set(filter(None, args.show.split(",")))
    for item in items:
        events = predicted.get(item.doc_id, [])
        event = matched_event(events, event_type=item.event_type)
        typed = any(e.event_type == item.event_type for e in events)
        lines = []
        for side, gold_c, gold_s, refs in (
            ("source", item.source_countries, item.source_sectors, event.actors if event else []),
            ("target", item.target_countries, item.target_sectors, event.recipients if event else []),
        ):
            if gold_s:
                sector_ok = sector_matches(gold_s, refs)
                counts[f"{side}_sector:{'ok' if sector_ok else 'wrong_event' if not typed else 'bad'}"] += 1
                if not sector_ok and typed and "sector" in show:
                    lines.append(f"  {side} [sector] gold={','.join(gold_c)}/{','.join(gold_s)} pred={_fmt(refs)}")
            if not gold_c:
                continue
            cls = _side_class(gold_c, event, refs)
            if cls != "ok" and not typed:
                cls = "wrong_event:" + cls
            counts[f"{side}:{cls}"] += 1
            if cls in show or cls.split(":")[0] in show:
                lines.append(f"  {side} [{cls}] gold={','.join(gold_c)}/{','.join(gold_s)} pred={_fmt(refs)}")
        if lines:
            trig = f"{event.event_type}@{event.evidence.trigger if event.evidence else None!r}" if event else "-"
            print(f"{item.doc_id} {item.date} gold={item.event_type} pred={trig}\n  {item.text}")
            print("\n".join(lines))
    for key in sorted(counts):
        print(f"{key:35s} {counts[key]}")


if __name__ == "__main__":
    main()
