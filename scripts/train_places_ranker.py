"""Train the geoparser's candidate ranker on the train parts of LGL and GeoWebNews (evaluation data stays held out).

Each toponym the geoparser finds in a train article and that overlaps a gold toponym gives one
group of candidates with their features (``whimbrel.places.geoparse.FEATURES``, computed in the
document context chosen with the hand-set scores); a candidate is right when it is the gold GeoNames
id or lies within 161 km of the gold point. A logistic regression (scikit-learn, training only;
whimbrel reads the weights as plain numbers) is fitted over the candidates. The learned ranker
is written to ``src/whimbrel/data/places_ranker.json`` only when it beats the hand-set scores in
5-fold cross-validation by document within the train parts (``--force`` writes it anyway;
``--remove`` deletes the shipped file). The test parts are used for reporting only (``--report``):
held-out and cross-corpus (train on one set, test on the other) accuracy, end to end.

Deterministic: fixed folds (by CRC of the document id), sorted inputs, a deterministic solver.
Parsed documents are cached under the system temp folder.

Usage: python scripts/train_places_ranker.py [--shared ../shared/data] [--report] [--force | --remove]
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import zlib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from whimbrel.config import Config
from whimbrel.evaluation import gold as g
from whimbrel.evaluation.metrics import spans_overlap
from whimbrel.evaluation.scoring import score_geoparse
from whimbrel.language.analysis import load_nlp
from whimbrel.places.geoparse import FEATURES, Geoparser, Ranker, hand_score

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "places_ranker.json"
FOLDS = 5
C = 1.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def parsed(nlp, articles: list[g.GoldArticle], name: str) -> list:
    """spaCy docs of ``articles``, cached by set name and article ids."""
    key = zlib.crc32("|".join(a.doc_id for a in articles).encode()) ^ zlib.crc32(nlp.meta["name"].encode())
    path = Path(tempfile.gettempdir()) / f"whimbrel-places-{name}-{key:08x}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def groups(geoparser: Geoparser, articles: list[g.GoldArticle], docs: list) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(doc id, candidate features, right-or-not) per found toponym that overlaps a gold one with a point."""
    out = []
    for article, doc in zip(articles, docs):
        _, table = geoparser.candidate_table(doc)
        free = list(table)
        for item in sorted(article.toponyms, key=lambda t: (t.start, t.end)):
            hits = [row for row in free if spans_overlap(item.start, item.end, row[0], row[1])]
            if not hits or item.lat is None:
                continue
            row = next((r for r in hits if (r[0], r[1]) == (item.start, item.end)), hits[0])
            free.remove(row)
            x = np.array([f for _, f in row[2]], dtype=float)
            y = np.array([
                (item.geonameid is not None and p.geonameid == item.geonameid)
                or (p.lat is not None and km(item.lat, item.lon, p.lat, p.lon) <= 161)
                for p, _ in row[2]
            ])
            out.append((article.doc_id, x, y))
    return out


def fit(data: list[tuple[str, np.ndarray, np.ndarray]]) -> Ranker:
    """A logistic regression over the candidates of ``data`` (groups without a right candidate teach nothing)."""
    useful = [(x, y) for _, x, y in data if y.any() and len(y) > 1]
    X = np.vstack([x for x, _ in useful])
    Y = np.concatenate([y for _, y in useful]).astype(int)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    model.fit((X - mean) / scale, Y)
    w = model.coef_[0] / scale
    return Ranker(tuple(float(v) for v in w), float(model.intercept_[0] - (w * mean).sum()))


def top1(data: list[tuple[str, np.ndarray, np.ndarray]], score) -> float:
    """Share of groups whose best-scored candidate is right (fixed hand-set context)."""
    right = 0
    for _, x, y in data:
        scores = [score(list(row)) for row in x]
        right += bool(y[int(np.argmax(scores))])
    return right / max(1, len(data))


def end_to_end(ranker: Ranker | None, articles: list[g.GoldArticle], docs: list) -> dict:
    """The eval scorer's numbers for a geoparser using ``ranker`` (None: hand-set scores)."""
    geoparser = Geoparser(ranker=ranker)
    predicted = {a.doc_id: geoparser.toponyms(doc) for a, doc in zip(articles, docs)}
    m = score_geoparse(articles, predicted, demonyms=True)
    return {k: round(m[k], 4) for k in ("acc_161km", "country_accuracy", "exact_geonameid")}


def fold_of(doc_id: str) -> int:
    """The cross-validation fold of a document (fixed)."""
    return zlib.crc32(f"fold:{doc_id}".encode()) % FOLDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=None, help="shared data folder (default: ../shared/data)")
    parser.add_argument("--report", action="store_true", help="also report held-out and cross-corpus test numbers")
    parser.add_argument("--force", action="store_true", help="write the ranker even if it does not beat the hand-set scores")
    parser.add_argument("--remove", action="store_true", help="delete the shipped ranker and stop")
    args = parser.parse_args()
    if args.remove:
        OUT.unlink(missing_ok=True)
        return
    nlp = load_nlp(Config().spacy_model)
    hand = Geoparser(ranker=None)
    sets = {}
    for name, loader in (("lgl", g.load_lgl), ("gwn", g.load_gwn)):
        for split in ("train", "test") if args.report else ("train",):
            articles = sorted(loader(args.shared, split=split), key=lambda a: a.doc_id)
            docs = parsed(nlp, articles, f"{name}-{split}")
            sets[name, split] = (articles, docs, groups(hand, articles, docs))
    train = sets["lgl", "train"][2] + sets["gwn", "train"][2]

    # cross-validation within train decides whether the learned ranker ships
    cv = {"hand_top1": 0.0, "learned_top1": 0.0, "hand_e2e": [], "learned_e2e": []}
    for k in range(FOLDS):
        held = [d for d in train if fold_of(d[0]) == k]
        ranker = fit([d for d in train if fold_of(d[0]) != k])
        cv["hand_top1"] += top1(held, hand_score) * len(held) / len(train)
        cv["learned_top1"] += top1(held, ranker.score) * len(held) / len(train)
        for name in ("lgl", "gwn"):
            articles, docs, _ = sets[name, "train"]
            pick = [i for i, a in enumerate(articles) if fold_of(a.doc_id) == k]
            arts, ds = [articles[i] for i in pick], [docs[i] for i in pick]
            cv["hand_e2e"].append((name, len(arts), end_to_end(None, arts, ds)))
            cv["learned_e2e"].append((name, len(arts), end_to_end(ranker, arts, ds)))
    summary = {"hand_top1": round(cv["hand_top1"], 4), "learned_top1": round(cv["learned_top1"], 4)}
    for which in ("hand", "learned"):
        for name in ("lgl", "gwn"):
            rows = [(n, m) for s, n, m in cv[f"{which}_e2e"] if s == name]
            summary[f"{which}_{name}_acc161"] = round(sum(n * m["acc_161km"] for n, m in rows) / sum(n for n, _ in rows), 4)
            summary[f"{which}_{name}_country"] = round(
                sum(n * m["country_accuracy"] for n, m in rows) / sum(n for n, _ in rows), 4)
    print("cross-validation within train:", json.dumps(summary))
    better = sum(summary[f"learned_{s}_acc161"] - summary[f"hand_{s}_acc161"] for s in ("lgl", "gwn")) > 0

    ranker = fit(train)
    weights = dict(zip(FEATURES, (round(w, 4) for w in ranker.weights)))
    print("weights:", json.dumps(weights), "bias", round(ranker.bias, 4))
    if better or args.force:
        OUT.write_text(json.dumps({
            "about": "Candidate ranker of whimbrel's geoparser: logistic regression over FEATURES, fitted by "
                     "scripts/train_places_ranker.py on the train parts of LGL and GeoWebNews (seeded split).",
            "cross_validation": summary,
            "bias": round(ranker.bias, 6),
            "weights": {k: round(v, 6) for k, v in zip(FEATURES, ranker.weights)},
        }, indent=1) + "\n", encoding="utf-8")
        print("wrote", OUT)
    else:
        print("the learned ranker does not beat the hand-set scores in cross-validation; nothing written")

    if args.report:
        only = {name: fit(sets[name, "train"][2]) for name in ("lgl", "gwn")}
        for name in ("lgl", "gwn"):
            articles, docs, _ = sets[name, "test"]
            other = "gwn" if name == "lgl" else "lgl"
            print(f"{name} test:", json.dumps({
                "hand": end_to_end(None, articles, docs),
                "learned_both": end_to_end(ranker, articles, docs),
                f"learned_{name}_only": end_to_end(only[name], articles, docs),
                f"learned_{other}_only (cross-corpus)": end_to_end(only[other], articles, docs),
            }))


if __name__ == "__main__":
    main()
