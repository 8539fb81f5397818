"""Geoparse errors on a train split, by class (development aid; never run it on a test split).

Parses the split's articles once (cached as a spaCy DocBin under --cache), runs the geoparser,
scores with ``whimbrel.evaluation.scoring.score_geoparse`` and lists missed, spurious and
misresolved toponyms (with distance and chosen place) as JSON lines for inspection.

Usage: python scripts/places_errors.py geoparse-lgl [--data ../shared/data] [--out errors.jsonl] [--gold-spans]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spacy.tokens import DocBin

from whimbrel.config import Config
from whimbrel.evaluation import gold as g
from whimbrel.evaluation import scoring
from whimbrel.language.analysis import load_nlp
from whimbrel.places.geoparse import Geoparser

LOADERS = {"geoparse-lgl": g.load_lgl, "geoparse-gwn": g.load_gwn}


def parsed(name: str, articles: list, nlp, cache: Path) -> list:
    """spaCy docs of the articles, from the cache when it holds them."""
    path = cache / f"{name}-train-{len(articles)}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    DocBin(docs=docs, store_user_data=True).to_disk(path)
    return docs


def errors(articles: list, predicted: dict) -> list[dict]:
    """One record per missed, spurious or misresolved toponym."""
    out = []
    for article in articles:
        toponyms = predicted[article.doc_id]
        pairs = scoring.match_toponyms(article.toponyms, toponyms)
        matched_gold = {id(a) for a, _ in pairs}
        matched_pred = {id(b) for _, b in pairs}
        ctx = lambda s, e: article.text[max(0, s - 50):e + 50].replace("\n", " ")  # noqa: E731
        for item in article.toponyms:
            if id(item) not in matched_gold:
                out.append({"doc": article.doc_id, "type": "missed", "text": item.text, "ctx": ctx(item.start, item.end)})
        for t in toponyms:
            if id(t) not in matched_pred and t.kind != "demonym" or (id(t) not in matched_pred and t.kind == "demonym"):
                out.append({"doc": article.doc_id, "type": "spurious", "text": t.text, "kind": t.kind,
                            "ctx": ctx(t.start, t.end)})
        for item, t in pairs:
            if item.lat is None:
                continue
            if item.geonameid is not None and item.geonameid == t.geonameid:
                continue
            km = (scoring.HALF_CIRCUMFERENCE_KM if t.lat is None
                  else scoring.haversine_km(item.lat, item.lon, t.lat, t.lon))
            if km > 161 or (item.country and (t.country or "") != item.country):
                out.append({"doc": article.doc_id, "type": "wrong", "text": item.text, "pred_text": t.text,
                            "km": round(km), "gold_country": item.country, "gold_id": item.geonameid,
                            "chosen": t.name, "chosen_country": t.country, "chosen_admin1": t.admin1,
                            "fcode": t.feature_code, "ctx": ctx(item.start, item.end)})
    return out


def gold_span_errors(articles: list, resolved: dict) -> list[dict]:
    """One record per gold span resolved more than 161 km away (or not at all), as gold-span resolution judges it."""
    out = []
    for article in articles:
        for item, t in zip(article.toponyms, resolved[article.doc_id]):
            if item.lat is None or item.geonameid is not None and item.geonameid == t.geonameid:
                continue
            km = (scoring.HALF_CIRCUMFERENCE_KM if t.lat is None
                  else scoring.haversine_km(item.lat, item.lon, t.lat, t.lon))
            if km > 161:
                out.append({"doc": article.doc_id, "type": "gold_span", "text": item.text, "km": round(km),
                            "gold_country": item.country, "gold_id": item.geonameid, "chosen": t.name,
                            "chosen_country": t.country, "fcode": t.feature_code,
                            "ctx": article.text[max(0, item.start - 50):item.end + 50].replace("\n", " ")})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("set", choices=sorted(LOADERS))
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--cache", default="/tmp")
    parser.add_argument("--out")
    parser.add_argument("--gold-spans", action="store_true", help="list errors in resolving the gold spans instead")
    args = parser.parse_args()
    articles = LOADERS[args.set](args.data, "train")
    nlp = load_nlp(Config().spacy_model)
    docs = parsed(args.set, articles, nlp, Path(args.cache))
    geoparser = Geoparser()
    if args.gold_spans:
        resolved = {a.doc_id: geoparser.resolve_spans(d, [(t.start, t.end) for t in a.toponyms])
                    for a, d in zip(articles, docs)}
        metrics = scoring.score_gold_span_resolution(articles, resolved)
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}), file=sys.stderr)
        records = gold_span_errors(articles, resolved)
    else:
        predicted = {a.doc_id: geoparser.toponyms(d) for a, d in zip(articles, docs)}
        metrics = scoring.score_geoparse(articles, predicted, demonyms=True)
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}), file=sys.stderr)
        records = errors(articles, predicted)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
