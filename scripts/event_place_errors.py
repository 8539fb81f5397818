"""Event-place errors on the event-location TRAIN split, by class (development aid; never run it on test).

The train records are the unadjudicated ones (the adjudicated 496 are the test split). They are shuffled
with a fixed seed; ``--part dev`` is the first 1,500 (read while writing rules), ``--part check`` the next
3,000 (only counted, to see whether a rule written on ``dev`` holds elsewhere). Classes:

- ``gold:right`` / ``none:right``: the event's place matches the gold span / neither names one;
- ``gold:none_pred``: the gold names a place, whimbrel none; ``gold:other_<precision>``: another place;
- ``none:pred_<precision>``: the gold names no place, whimbrel one (``country`` is mostly the fallback);
- ``no_event``: no event on the gold verb.

Usage: ``python scripts/event_place_errors.py [--part dev|check] [--data ../shared/data] [--show CLASS] [--examples N]``
"""

from __future__ import annotations

import argparse
import collections
import random

from whimbrel.evaluation import gold as g
from whimbrel.evaluation import scoring
from whimbrel.evaluation.run import code
from whimbrel.reading.document import Document

PARTS = {"dev": (0, 1500), "check": (1500, 4500)}
SEED = 7


def error_class(item: g.GoldEventLocation, events: list) -> str:
    """The class of one gold record given the events coded from its sentence."""
    event = scoring._event_at(events, item.verb)
    if event is None:
        return "no_event"
    names = scoring._location_names(event)
    precision = event.location.precision if event.location else None
    if item.locations:
        if any(scoring._same_place(span.text, name) for span in item.locations for name in names):
            return "gold:right"
        return "gold:none_pred" if not names else f"gold:other_{precision}"
    return "none:right" if not names else f"none:pred_{precision}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=sorted(PARTS), default="dev")
    parser.add_argument("--data", default=None)
    parser.add_argument("--show", default=None, help="print examples of this class")
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args()
    items = g.load_event_location(args.data, "train")
    random.Random(SEED).shuffle(items)
    start, stop = PARTS[args.part]
    items = items[start:stop]
    predicted = code(None, (Document(id=i.doc_id, text=i.text) for i in items))
    classes: collections.Counter[str] = collections.Counter()
    shown = 0
    for item in items:
        events = predicted.get(item.doc_id, [])
        name = error_class(item, events)
        classes[name] += 1
        if name == args.show and shown < args.examples:
            event = scoring._event_at(events, item.verb)
            said = event.location.text if event and event.location else None
            print(f"- {item.text[:200]!r}\n  verb {item.verb.text!r}, gold {[s.text for s in item.locations]}, whimbrel {said!r}")
            shown += 1
    right = classes["gold:right"] + classes["none:right"]
    found = len(items) - classes["no_event"]
    print(f"{args.part}: {right}/{len(items)} right ({right / len(items):.3f}); of found verbs {right}/{found} ({right / max(found, 1):.3f})")
    for name, count in classes.most_common():
        print(f"  {name:22s} {count}")


if __name__ == "__main__":
    main()
