"""The event-type confusions that remain: gold → predicted counts of each sentence's primary event.

    .venv/bin/python scripts/typing_confusion.py [--data ../shared/data] [--split test] [--no-event-model]

Codes plover-gsr (PLOVER type) and conflibert-cameo (ConfliBERT's 5-way class) the way
``whimbrel eval`` scores them, the highest-confidence event of each sentence, and prints every
wrong pair with its count, most frequent first. A diagnosis for the model card, not a score:
the scores are ``whimbrel eval``'s.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from whimbrel.config import Config
from whimbrel.evaluation import gold
from whimbrel.evaluation.run import code
from whimbrel.evaluation.scoring import NO_EVENT, PENTA_CLASSES, penta_class, primary_event
from whimbrel.pipeline import Pipeline
from whimbrel.reading.document import Document


def plover_confusion(pipeline: Pipeline, root: Path, split: str) -> tuple[Counter, int]:
    """(gold type, predicted type) counts of the wrong sentences, and the number of sentences."""
    items = gold.load_plover_gsr(root, split)
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text, date=i.date) for i in items))
    pairs = Counter()
    for item in items:
        top = primary_event(predicted.get(item.doc_id, []))
        pair = (item.event_type or NO_EVENT, top.event_type if top else NO_EVENT)
        if pair[0] != pair[1]:
            pairs[pair] += 1
    return pairs, len(items)


def conflibert_confusion(pipeline: Pipeline, root: Path, split: str) -> tuple[Counter, int]:
    """(gold class, predicted class) name counts of the wrong sentences, and the number of sentences."""
    items = gold.load_conflibert_cameo(root, split)
    predicted = code(pipeline, (Document(id=i.doc_id, text=i.text) for i in items))
    pairs = Counter()
    for item in items:
        pair = (int(item.label), penta_class(primary_event(predicted.get(item.doc_id, []))))
        if pair[0] != pair[1]:
            pairs[(PENTA_CLASSES[pair[0]], PENTA_CLASSES[pair[1]])] += 1
    return pairs, len(items)


def print_confusion(title: str, pairs: Counter, total: int) -> None:
    """One line per wrong (gold → predicted) pair, most frequent first."""
    print(f"{title}: {sum(pairs.values())} wrong of {total}")
    for (gold_label, predicted_label), count in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {gold_label} → {predicted_label}: {count}")


def main() -> None:
    """Print both sets' confusions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: as whimbrel eval)")
    parser.add_argument("--split", default="test", help="which part of the sets (test, train, all)")
    parser.add_argument("--no-event-model", action="store_true", help="the CAMEO dictionary alone")
    args = parser.parse_args()
    root = gold.data_dir(args.data)
    config = Config(event_model=not args.no_event_model)
    pipeline = Pipeline(config)
    print_confusion(f"plover-gsr ({args.split}), PLOVER type", *plover_confusion(pipeline, root, args.split))
    print_confusion(f"conflibert-cameo ({args.split}), 5-way class", *conflibert_confusion(pipeline, root, args.split))


if __name__ == "__main__":
    main()
