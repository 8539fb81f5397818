"""Source/target country misses on the plover-gsr TRAIN split, put in error classes by the gold markup.

The gold records give each actor's text (``actorText``) and the event's words (``eventText``); a miss is put
in the first class that fits:

- ``event``: the matched event's trigger is not among the gold event words (another clause was coded);
- ``swapped``: a predicted ref on the *other* side overlaps the gold actor text;
- ``resolved``: a predicted ref on this side overlaps the gold actor text, with no or another country;
- ``implied``: the side has only an implied (text-less) party, of another country;
- ``missing``: nothing on this side overlaps the gold actor text (another phrase was taken, or none).

``--no-event-model`` types events by the verb dictionary alone: the shipped event model was trained on this
split, so its event choice here is better than on unseen text; the dictionary shows how actors fare when the
event is chosen less well. Never run this on the test split.

Usage: ``python scripts/actors_errors.py --data ../shared/data [--no-event-model] [--show CLASS,…]``
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from whimbrel.config import Config
from whimbrel.evaluation import gold as g
from whimbrel.evaluation.run import code
from whimbrel.evaluation.scoring import country_matches, matched_event
from whimbrel.pipeline import Pipeline
from whimbrel.reading.document import Document


def _gold_markup(data: str) -> dict[str, dict]:
    """Gold records by the doc ids the loader gives them (a reused id gets ``~2``)."""
    records = json.loads((Path(data) / "gold" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    seen: Counter[str] = Counter()
    out = {}
    for record in records:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        seen[record["id"]] += 1
        out[record["id"] if seen[record["id"]] == 1 else f"{record['id']}~{seen[record['id']]}"] = record
    return out


def _spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    found = []
    for phrase in phrases:
        at = text.find(phrase) if phrase else -1
        if at >= 0:
            found.append((at, at + len(phrase)))
    return found


def _overlaps(refs, spans) -> list:
    return [r for r in refs if r.end > r.start and any(r.start < e and s < r.end for s, e in spans)]


def side_refs(event, side: str) -> list:
    """The refs a predicted event (or None) gives one side: its actors for "source", recipients for "target"."""
    if not event:
        return []
    return event.actors if side == "source" else event.recipients


def _gold_actors(record: dict, side: str) -> list[dict]:
    """The gold actor records of one side (the markup gives one record or a list)."""
    actors = record.get(side) or []
    return [actors] if isinstance(actors, dict) else [a for a in actors if isinstance(a, dict)]


def classify(item, record, event, side: str) -> str:
    """The error class of one missed side (see the module docstring)."""
    refs = side_refs(event, side)
    other = side_refs(event, "target" if side == "source" else "source")
    gold_spans = _spans(item.text, [a.get("actorText") or "" for a in _gold_actors(record, side)])
    trigger = event.evidence.trigger if event and event.evidence else None
    event_words = (record.get("eventText") or "").lower()
    if event is None or (trigger and trigger.lower() not in event_words and event_words):
        return "event"
    if gold_spans and _overlaps(other, gold_spans) and not _overlaps(refs, gold_spans):
        return "swapped"
    if _overlaps(refs, gold_spans):
        return "resolved"
    if refs and all(r.implied for r in refs):
        return "implied"
    return "missing"


def print_miss(item, record, event, side: str, cls: str, gold_c) -> None:
    """Print one missed side: the item, the gold and predicted event, the gold and predicted actors."""
    trig = f"{event.event_type}@{event.evidence.trigger!r}" if event and event.evidence else "-"
    refs = side_refs(event, side)
    pred = "; ".join(f"{r.text!r}={r.country}/{r.sector}{'(i)' if r.implied else ''}" for r in refs) or "-"
    gold_text = [a.get("actorText") for a in _gold_actors(record, side)]
    print(f"[{side}:{cls}] {item.doc_id} gold={item.event_type}/{record.get('eventText')!r} pred={trig}")
    print(f"  {item.text}")
    print(f"  gold={','.join(gold_c)} {gold_text}  pred={pred}")


def main() -> None:
    """Print per-class counts and the items of the classes asked for."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--no-event-model", action="store_true")
    parser.add_argument("--show", default="", help="comma-separated classes to print, or 'all'")
    args = parser.parse_args()
    items = g.load_plover_gsr(args.data, "train")
    markup = _gold_markup(args.data)
    pipeline = Pipeline(Config(event_model=False)) if args.no_event_model else None
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text, date=i.date) for i in items))
    counts: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    show = set(filter(None, args.show.split(",")))
    for item in items:
        events = predicted.get(item.doc_id, [])
        event = matched_event(events, event_type=item.event_type)
        record = markup[item.doc_id]
        for side, gold_c in (("source", item.source_countries), ("target", item.target_countries)):
            if not gold_c:
                continue
            totals[side] += 1
            if country_matches(gold_c, side_refs(event, side)):
                continue
            cls = classify(item, record, event, side)
            counts[f"{side}:{cls}"] += 1
            if cls in show or "all" in show:
                print_miss(item, record, event, side, cls, gold_c)
    for side in ("source", "target"):
        missed = sum(v for k, v in counts.items() if k.startswith(side))
        print(f"{side}: {totals[side] - missed}/{totals[side]} = {(totals[side] - missed) / max(totals[side], 1):.3f}")
    for key in sorted(counts):
        print(f"  {key:20s} {counts[key]}")


if __name__ == "__main__":
    main()
