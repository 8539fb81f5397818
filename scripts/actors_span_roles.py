"""Source and target actor span P/R/F1 on conflibert-cameo (cameo_ner), separately per role.

``whimbrel eval conflibert-cameo`` scores all gold actor spans against all predicted actors and
recipients together; this scores gold ``source`` spans against predicted actors and gold ``target``
spans against predicted recipients (overlap counts, as in the evaluation module; implied parties
without text are left out). Develop on ``--split train``; measure ``test`` once.

Usage: ``python scripts/actors_span_roles.py --data ../shared/data --split train [--limit N]``
"""

from __future__ import annotations

import argparse
import json

from whimbrel.evaluation import gold as g
from whimbrel.evaluation.metrics import f1, ratio, spans_overlap
from whimbrel.evaluation.run import code
from whimbrel.reading.document import Document


def role_prf(items, predicted, role: str, side: str) -> dict[str, float | int | None]:
    """P/R/F1 of gold spans labelled ``role`` (or "both") against the predicted refs on ``side``."""
    gold_found = gold_total = pred_found = pred_total = 0
    for item in items:
        spans = [s for s in item.spans if s.label in (role, "both")]
        pred = {(r.start, r.end) for e in predicted.get(item.doc_id, []) for r in getattr(e, side) if r.end > r.start}
        gold_total += len(spans)
        gold_found += sum(1 for s in spans if any(spans_overlap(s.start, s.end, b, e) for b, e in pred))
        pred_total += len(pred)
        pred_found += sum(1 for b, e in pred if any(spans_overlap(s.start, s.end, b, e) for s in spans))
    precision, recall = ratio(pred_found, pred_total), ratio(gold_found, gold_total)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall), "n": gold_total}


def main() -> None:
    """Print source and target span scores as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    items = [i for i in g.load_conflibert_cameo(args.data, args.split) if i.spans][: args.limit]
    predicted = code(None, (Document(id=i.doc_id, text=i.text) for i in items))
    result = {
        "split": args.split,
        "sentences": len(items),
        "source": role_prf(items, predicted, "source", "actors"),
        "target": role_prf(items, predicted, "target", "recipients"),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
