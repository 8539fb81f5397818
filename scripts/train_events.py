"""Train whimbrel's event typer (``src/whimbrel/data/events_model.npz``).

Training data (never a test split):
- ``train/ngec_synthetic``: 4,500 synthetic PLOVER stories (MIT, NGEC-2025); the lead sentence of
  each story with its PLOVER type and mode.
- ``gold/plover_gsr``: the ``train`` part of whimbrel's seeded split (CC BY-SA 4.0): type and mode.
- ``gold/conflibert_cameo/cameo_class/train.tsv`` (GPL-3.0 repository): the 5-way class.
- Weak labels from the CAMEO verb dictionary: every sentence's dictionary proposals are features.

Each sentence is parsed with the pipeline's spaCy model and run through the dictionary detector;
``whimbrel.events.model.sentence_features`` gives its features. Three logistic-regression heads
(type, 5-way class, type:mode) are fitted with scikit-learn (training only; whimbrel reads the
weights with numpy). Deterministic: fixed seeds, sorted inputs.

    python scripts/train_events.py [--shared ../shared/data] [--out src/whimbrel/data/events_model.npz] [--cv]

``--cv`` instead reports 5-fold cross-validation on the gold *train* parts (NGEC always in training).
"""

from __future__ import annotations

import argparse
import csv
import pickle
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from whimbrel.codes.table import CodeTable  # noqa: E402
from whimbrel.config import DEFAULT_SPACY_MODEL  # noqa: E402
from whimbrel.evaluation.gold import load_conflibert_cameo, load_plover_gsr  # noqa: E402
from whimbrel.events.detect import EventDetector  # noqa: E402
from whimbrel.events.model import EventTyper, Head, sentence_features  # noqa: E402

SEED = 13
NGEC_FILE = "gpt_synthetic_events_2023-10-19_19.csv"
# Old or misspelt mode names in the training data → the mapping table's modes.
MODE_ALIASES = {"primative": "primitive", "sieze": "seize", "strike-hun": "hunger", "detain": "arrest"}


@dataclass
class Example:
    """One training sentence and whichever labels its source gives."""

    text: str
    source: str  # ngec | plover | conflibert
    event_type: str | None = None
    mode: str | None = None
    penta: int | None = None
    features: list[str] | None = None


def _mode(event_type: str, mode: str | None, known: set[str]) -> str:
    mode = (mode or "").strip().lower()
    mode = MODE_ALIASES.get(mode, mode)
    if mode not in known:
        mode = mode.split("-")[0]
    return f"{event_type}:{mode if mode in known else ''}"


def load_examples(shared: Path, table: CodeTable) -> list[Example]:
    """Every training sentence, in a fixed order."""
    allowed = table.allowed_classes()
    modes = {r.mode for r in table.rows if r.mode}

    def penta(kind: str) -> int | None:
        classes = allowed.get(kind, frozenset())
        return next(iter(classes)) if len(classes) == 1 else None

    examples = []
    with (shared / "train" / "ngec_synthetic" / NGEC_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lead = row["text"].strip().split("\n")[0][:600]
            kind = row["label"].strip()
            examples.append(Example(lead, "ngec", kind, _mode(kind, row["mode"], modes), penta(kind)))
    for item in load_plover_gsr(shared, split="train"):
        if item.event_type:
            kind = item.event_type
            examples.append(Example(item.text, "plover", kind, _mode(kind, item.mode, modes), penta(kind)))
    for item in load_conflibert_cameo(shared, split="train"):
        examples.append(Example(item.text, "conflibert", penta=int(item.label)))
    return examples


def featurise(examples: list[Example], model: str) -> None:
    """Parse each example and give it its features (its first sentence for NGEC leads, else all of it)."""
    nlp = spacy.load(model)
    detector = EventDetector(typer=None)
    texts = (e.text for e in examples)
    for example, doc in zip(examples, nlp.pipe(texts, batch_size=64)):
        sents = list(doc.sents)
        if example.source == "ngec":
            sents = sents[:1]
        features: set[str] = set()
        for sent in sents:
            features.update(sentence_features(sent, detector.dictionary_mentions(sent)))
        example.features = sorted(features)


def matrix(examples: list[Example], index: dict[str, int]) -> sparse.csr_matrix:
    """Binary features, each row L2-normalised (as :class:`whimbrel.events.model.Head` reads them)."""
    rows, cols, vals = [], [], []
    for r, example in enumerate(examples):
        found = sorted({index[f] for f in example.features or () if f in index})
        for c in found:
            rows.append(r)
            cols.append(c)
            vals.append(1.0 / np.sqrt(len(found)))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(examples), len(index)), dtype=np.float64)


# Sample weights per source and head: the synthetic stories are many and unlike news wire; for the
# 5-way head they carry no statements at all, so they would teach it that every sentence is an event.
WEIGHTS = {
    "type": {"ngec": 0.3, "plover": 3.0, "conflibert": 1.0},
    "penta": {"ngec": 0.0, "plover": 1.0, "conflibert": 1.0},
    "mode": {"ngec": 1.0, "plover": 3.0, "conflibert": 1.0},
}


def fit_head(examples: list[Example], label_of, index: dict[str, int], c: float, head: str) -> Head:
    """One multinomial logistic regression on the examples that have its label."""
    chosen = [e for e in examples if label_of(e) is not None and WEIGHTS[head][e.source] > 0]
    x = matrix(chosen, index)
    y = [str(label_of(e)) for e in chosen]
    weights = [WEIGHTS[head][e.source] for e in chosen]
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    clf.fit(x, y, sample_weight=weights)
    return Head(tuple(str(label) for label in clf.classes_), clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32))


def vocabulary(examples: list[Example], min_count: int = 2) -> list[str]:
    """Features seen in at least ``min_count`` training sentences, sorted."""
    counts = Counter(f for e in examples for f in e.features or ())
    return sorted(f for f, n in counts.items() if n >= min_count)


def train(
    examples: list[Example], allowed: dict[str, frozenset[int]], c_type: float, c_penta: float, modes: bool = True
) -> EventTyper:
    """Fit the three heads on ``examples`` (``modes=False``: a one-label placeholder mode head)."""
    vocab = vocabulary(examples)
    index = {f: i for i, f in enumerate(vocab)}
    heads = {
        "type": fit_head(examples, lambda e: e.event_type, index, c_type, "type"),
        "penta": fit_head(examples, lambda e: e.penta, index, c_penta, "penta"),
    }
    if modes:
        heads["mode"] = fit_head(examples, lambda e: e.mode, index, c_type, "mode")
    else:
        heads["mode"] = Head(("",), np.zeros((len(vocab), 1), np.float32), np.zeros(1, np.float32))
    return EventTyper(vocab, heads, allowed)


def cross_validate(examples: list[Example], allowed, c_type: float, c_penta: float, folds: int = 5) -> dict[str, float]:
    """Gold-train sentences in ``folds`` seeded folds; NGEC stays in every training part."""
    rng = np.random.default_rng(SEED)
    gold = [e for e in examples if e.source != "ngec"]
    fold_of = {id(e): int(f) for e, f in zip(gold, rng.integers(0, folds, len(gold)))}
    truth_t, pred_t, truth_p, pred_p = [], [], [], []
    for k in range(folds):
        held = [e for e in gold if fold_of[id(e)] == k]
        model = train([e for e in examples if fold_of.get(id(e), -1) != k], allowed, c_type, c_penta, modes=False)
        for e in held:
            prediction = model.predict(e.features or [])
            if e.source == "plover":
                truth_t.append(e.event_type)
                pred_t.append(prediction.event_type or "NONE")
            else:
                truth_p.append(e.penta)
                pred_p.append(prediction.penta)
    return {
        "plover_type_accuracy": accuracy_score(truth_t, pred_t),
        "plover_type_macro_f1": f1_score(truth_t, pred_t, average="macro", labels=sorted(set(truth_t))),
        "conflibert_macro_f1": f1_score(truth_p, pred_p, average="macro"),
        "conflibert_accuracy": accuracy_score(truth_p, pred_p),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "whimbrel" / "data" / "events_model.npz")
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL, help="spaCy pipeline to parse with")
    parser.add_argument("--c-type", type=float, default=8.0)
    parser.add_argument("--c-penta", type=float, default=8.0)
    parser.add_argument("--cache", type=Path, help="pickle of featurised sentences to reuse (experiments)")
    parser.add_argument("--cv", action="store_true", help="report cross-validation on gold train parts; write nothing")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    table = CodeTable.load()
    allowed = table.allowed_classes()
    examples = load_examples(args.shared, table)
    print(f"{len(examples)} training sentences: {dict(Counter(e.source for e in examples))}", file=sys.stderr)
    if args.cache and args.cache.exists():
        examples = pickle.loads(args.cache.read_bytes())
    else:
        featurise(examples, args.model)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(examples))
    print(f"featurised in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.cv:
        for c_type in (args.c_type,):
            for c_penta in (args.c_penta,):
                scores = cross_validate(examples, allowed, c_type, c_penta)
                print(f"C_type={c_type} C_penta={c_penta} " + " ".join(f"{k}={v:.3f}" for k, v in scores.items()))
        return 0
    model = train(examples, allowed, args.c_type, args.c_penta)
    model.save(args.out)
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(model.vocabulary)} features) "
        f"in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
