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
from scipy.optimize import minimize
from spacy.tokens import DocBin

from whimbrel.config import Config
from whimbrel.evaluation import gold as g
from whimbrel.evaluation.metrics import spans_overlap
from whimbrel.evaluation.scoring import score_geoparse
from whimbrel.language.analysis import load_nlp
from whimbrel.places.geoparse import FEATURES, HAND_WEIGHTS, Geoparser, Ranker, hand_score

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "places_ranker.json"
FOLDS = 5
LAMBDAS = (1.0, 10.0, 100.0)  # pull toward the hand-set weights, chosen by cross-validation within train


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


def fit(data: list[tuple[str, np.ndarray, np.ndarray]], lam: float) -> Ranker:
    """A conditional logit over each group's candidates, pulled toward the hand-set weights.

    The loss is the negative log of the probability mass a softmax over the group's scores gives its
    right candidates (groups with no right candidate, or only one candidate, teach nothing), plus
    ``lam`` times the squared distance of the weights from ``HAND_WEIGHTS``: with little evidence the
    ranker stays the hand-set one.
    """
    useful = [(x, y.astype(bool)) for _, x, y in data if y.any() and not y.all()]
    X = np.vstack([x for x, _ in useful])
    Y = np.concatenate([y for _, y in useful])
    group = np.repeat(np.arange(len(useful)), [len(y) for _, y in useful])
    prior = np.array([HAND_WEIGHTS.get(name, 0.0) for name in FEATURES])
    n = len(useful)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = X @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, group, s)
        e = np.exp(s - top[group])
        z_all = np.bincount(group, weights=e, minlength=n)
        z_right = np.bincount(group, weights=e * Y, minlength=n)
        value = -(np.log(z_right) - np.log(z_all)).sum() + lam * ((w - prior) ** 2).sum()
        p_all, p_right = e / z_all[group], e * Y / z_right[group]
        grad = X.T @ (p_all - p_right) + 2 * lam * (w - prior)
        return float(value), grad

    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return Ranker(tuple(float(v) for v in result.x), 0.0)


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
    return {k: round(m[k], 4) for k in ("recognition_f1", "acc_161km", "country_accuracy", "exact_geonameid")}


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
    print("train toponyms found with a right candidate among theirs:",
          json.dumps({name: round(float(np.mean([y.any() for _, _, y in sets[name, "train"][2]])), 4) for name in ("lgl", "gwn")}))

    # cross-validation within train picks the pull toward the hand-set weights and decides whether to ship
    def cross_validate(lam: float | None) -> dict:
        out: dict = {"top1": 0.0}
        per_set: dict = {name: [] for name in ("lgl", "gwn")}
        for k in range(FOLDS):
            held = [d for d in train if fold_of(d[0]) == k]
            ranker = None if lam is None else fit([d for d in train if fold_of(d[0]) != k], lam)
            out["top1"] += top1(held, hand_score if ranker is None else ranker.score) * len(held) / len(train)
            for name in per_set:
                articles, docs, _ = sets[name, "train"]
                pick = [i for i, a in enumerate(articles) if fold_of(a.doc_id) == k]
                per_set[name].append((len(pick), end_to_end(ranker, [articles[i] for i in pick], [docs[i] for i in pick])))
        for name, rows in per_set.items():
            total = sum(n for n, _ in rows)
            for key in ("acc_161km", "country_accuracy"):
                out[f"{name}_{key}"] = round(sum(n * m[key] for n, m in rows) / total, 4)
        out["top1"] = round(out["top1"], 4)
        out["mean_acc_161km"] = round((out["lgl_acc_161km"] + out["gwn_acc_161km"]) / 2, 4)
        return out

    results = {"hand": cross_validate(None)}
    for lam in LAMBDAS:
        results[f"lambda={lam:g}"] = cross_validate(lam)
    for key, row in results.items():
        print(f"cross-validation within train, {key}:", json.dumps(row))
    best_key = max((k for k in results if k != "hand"), key=lambda k: results[k]["mean_acc_161km"])
    lam = float(best_key.split("=")[1])
    better = results[best_key]["mean_acc_161km"] > results["hand"]["mean_acc_161km"]

    ranker = fit(train, lam)
    weights = dict(zip(FEATURES, (round(w, 4) for w in ranker.weights)))
    print(f"weights (lambda={lam:g}):", json.dumps(weights))
    if better or args.force:
        OUT.write_text(json.dumps({
            "about": "Candidate ranker of whimbrel's geoparser: a conditional logit over FEATURES pulled toward the "
                     "hand-set weights, fitted by scripts/train_places_ranker.py on the train parts of LGL and "
                     "GeoWebNews (seeded split).",
            "lambda": lam,
            "cross_validation": {"hand": results["hand"], "learned": results[best_key]},
            "bias": 0.0,
            "weights": {k: round(v, 6) for k, v in zip(FEATURES, ranker.weights)},
        }, indent=1) + "\n", encoding="utf-8")
        print("wrote", OUT)
    else:
        print("the learned ranker does not beat the hand-set scores in cross-validation; nothing written")

    if args.report:
        only = {name: fit(sets[name, "train"][2], lam) for name in ("lgl", "gwn")}
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
