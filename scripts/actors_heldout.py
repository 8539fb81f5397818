"""Actor scores on plover-gsr TRAIN with an event typer that has not seen the item (5 folds).

The shipped event model was trained on the train split, so it picks the right event there far more often
than on unseen text (test); actor errors on train then look rarer than they are. This script fits five
typers, each without one fifth of the plover-gsr train sentences (NGEC and ConfliBERT always in), and
codes every train item with the typer that did not see it: the event choice is as on unseen text, and the
actor stage's misses are listed as ``scripts/actors_errors.py`` classes them. Never run on the test split.

Usage: ``python scripts/actors_heldout.py --cache FEATURES.pkl [--models DIR] [--show CLASS,…|all]``
(``--cache``: the featurised training sentences ``scripts/train_events.py --cache`` writes or reads.)
"""

from __future__ import annotations

import argparse
import pickle
import sys
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import actors_errors  # noqa: E402
import train_events  # noqa: E402
from whimbrel.codes.table import CodeTable  # noqa: E402
from whimbrel.evaluation import gold as g  # noqa: E402
from whimbrel.evaluation.run import code  # noqa: E402
from whimbrel.evaluation.scoring import country_matches, matched_event, sector_matches  # noqa: E402
from whimbrel.events.model import EventTyper  # noqa: E402
from whimbrel.pipeline import Pipeline  # noqa: E402
from whimbrel.reading.document import Document  # noqa: E402

FOLDS = 5


def fold_of(text: str) -> int:
    """The fold a sentence is held out in."""
    return zlib.crc32(text.encode("utf-8")) % FOLDS


def fold_models(cache: Path, out: Path, shared: Path) -> list[Path]:
    """The fold typers under ``out`` (fitted when missing, as ``train_events.py`` fits the shipped one)."""
    paths = [out / f"fold{k}.npz" for k in range(FOLDS)]
    if all(p.exists() for p in paths):
        return paths
    table = CodeTable.load()
    if cache.exists():
        # a cache written by ``train_events.py`` run as a script names its class ``__main__.Example``
        sys.modules["__main__"].Example = train_events.Example  # type: ignore[attr-defined]
        examples = pickle.loads(cache.read_bytes())
    else:
        examples = train_events.load_examples(shared, table)
        train_events.featurise(examples, train_events.DEFAULT_SPACY_MODEL)
        cache.write_bytes(pickle.dumps(examples))
    train_events.CLASS_WEIGHT["type"] = "balanced"
    out.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(paths):
        kept = [e for e in examples if e.source != "plover" or fold_of(e.text) != k]
        train_events.train(kept, table.allowed_classes(), 8.0, 32.0).save(path)
    return paths


def main() -> None:
    """Print per-side scores, miss classes and the misses asked for."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--models", type=Path, default=Path("/tmp/whimbrel_actor_folds"))
    parser.add_argument("--show", default="", help="miss classes to print, 'sector' or 'all'")
    args = parser.parse_args()
    items = g.load_plover_gsr(str(args.data), "train")
    markup = actors_errors._gold_markup(str(args.data))
    pipeline = Pipeline()
    predicted: dict[str, list] = {}
    for k, path in enumerate(fold_models(args.cache, args.models, args.data)):
        pipeline.detector.typer = EventTyper.load(path)
        held = [i for i in items if fold_of(i.text) == k]
        predicted.update(code(pipeline, (Document(id=i.doc_id, text=i.text, date=i.date) for i in held)))
    show = set(filter(None, args.show.split(",")))
    counts: Counter[str] = Counter()
    for item in items:
        event = matched_event(predicted.get(item.doc_id, []), event_type=item.event_type)
        for side, gold_c, gold_s in (("source", item.source_countries, item.source_sectors),
                                     ("target", item.target_countries, item.target_sectors)):
            refs = actors_errors.side_refs(event, side)
            if gold_s:
                counts[f"{side}_sector:n"] += 1
                sector_ok = sector_matches(gold_s, refs)
                counts[f"{side}_sector:ok"] += sector_ok
                if not sector_ok and "sector" in show:
                    pred = "; ".join(f"{r.text!r}={r.country}/{r.sector}" for r in refs) or "-"
                    print(f"[{side}:sector] {item.doc_id} {item.text}\n  gold={','.join(gold_c)}/{','.join(gold_s)} pred={pred}")
            if not gold_c:
                continue
            counts[f"{side}:n"] += 1
            if country_matches(gold_c, refs):
                counts[f"{side}:ok"] += 1
                continue
            cls = actors_errors.classify(item, markup[item.doc_id], event, side)
            counts[f"{side}:{cls}"] += 1
            if cls in show or "all" in show:
                actors_errors.print_miss(item, markup[item.doc_id], event, side, cls, gold_c)
    for side in ("source", "target", "source_sector", "target_sector"):
        print(f"{side}: {counts[side + ':ok']}/{counts[side + ':n']} = {counts[side + ':ok'] / max(counts[side + ':n'], 1):.3f}")
    for key in sorted(k for k in counts if not k.endswith((":ok", ":n"))):
        print(f"  {key:20s} {counts[key]}")


if __name__ == "__main__":
    main()
