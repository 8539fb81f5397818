"""Adding a full GeoNames dump to the gazetteer: ``whimbrel gazetteer import FILE``.

Reads the tab-separated GeoNames formats, plain or zipped: the ``geoname`` table
(``allCountries.zip``, ``cities500.zip``, ``XX.zip``; 19 columns) and ``alternateNamesV2.zip``
(10 columns). Rows go into a second SQLite file beside the built index (``user_index_path()``), so a
rebuilt index keeps them; :class:`whimbrel.places.gazetteer.Gazetteer` looks names up in both.
GeoNames data is CC BY 4.0 (https://www.geonames.org).
"""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whimbrel.errors import InputError

# alternate-name "languages" that are codes, links or postcodes, not names
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "wkdt", "fr_1793"})
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT,"
    " feature_code TEXT, country TEXT, admin1 TEXT, admin1_code TEXT, lat REAL, lon REAL, population INTEGER);"
    "CREATE TABLE IF NOT EXISTS names (key TEXT, place INTEGER, quality INTEGER);"
    "CREATE INDEX IF NOT EXISTS names_key ON names (key);"
)


@dataclass
class ImportStats:
    """What an import added."""

    places: int = 0
    names: int = 0
    skipped: int = 0


def user_index_path() -> Path:
    """Where imported GeoNames rows live: ``$WHIMBREL_CACHE/gazetteer-user.sqlite``."""
    cache = Path(os.environ.get("WHIMBREL_CACHE") or Path.home() / ".cache" / "whimbrel")
    return cache / "gazetteer-user.sqlite"


def kind_of(feature_class: str, feature_code: str) -> str:
    """The gazetteer kind of a GeoNames feature (city, admin1, admin2, country, site, region)."""
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return "country"
        if feature_code == "ADM1":
            return "admin1"
        return "admin2"
    if feature_class == "S":
        return "site"
    return "region"


def _lines(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(member name, columns) for every data line of a dump file, zipped or not."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if not member.endswith(".txt") or member.lower().startswith("readme"):
                    continue
                with archive.open(member) as raw:
                    for line in io.TextIOWrapper(raw, encoding="utf-8"):
                        if line.strip() and not line.startswith("#"):
                            yield member, line.rstrip("\n").split("\t")
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield path.name, line.rstrip("\n").split("\t")


def import_dump(path: str | os.PathLike[str], base: sqlite3.Connection, target: Path | None = None) -> ImportStats:
    """Add the places (19 columns) or alternate names (10 columns) of a GeoNames dump file.

    ``base`` is the built index, used for ISO-3 codes and province names and to accept alternate
    names of places it already holds.
    """
    from whimbrel.places.gazetteer import _is_latin, fold

    source = Path(path)
    if not source.exists():
        raise InputError(f"{source}: no such file")
    target = target or user_index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(target)
    con.executescript(_SCHEMA)
    iso3 = _iso3_codes()
    provinces = {
        (country, code): name
        for country, code, name in base.execute("SELECT country, admin1_code, name FROM places WHERE kind = 'admin1'")
    }
    stats = ImportStats()
    places: list[tuple] = []
    names: list[tuple[str, int, int]] = []
    known: set[int] | None = None
    for _member, cols in _lines(source):
        if len(cols) >= 19:
            gid, name, ascii_name, alternates = int(cols[0]), cols[1], cols[2], cols[3]
            fclass, fcode, cc, code1 = cols[6], cols[7], cols[8], cols[10]
            country = iso3.get(cc)
            kind = kind_of(fclass, fcode)
            places.append((gid, gid, name, kind, fcode, country, provinces.get((country, code1)), code1 or None,
                           float(cols[4]), float(cols[5]), int(cols[14] or 0)))
            seen: set[str] = set()
            for quality, form in [(0, name), (0, ascii_name)] + [(1, a) for a in alternates.split(",") if a]:
                key = fold(form)
                if len(key) >= 2 and key not in seen and _is_latin(form):
                    seen.add(key)
                    names.append((key, gid, quality))
        elif len(cols) >= 4 and cols[1].isdigit():
            if known is None:
                stats.places += len(places)
                _flush(con, places, [])
                places = []
                known = {row[0] for row in base.execute("SELECT id FROM places")}
                known.update(row[0] for row in con.execute("SELECT id FROM places"))
            gid, lang, form = int(cols[1]), cols[2], cols[3]
            key = fold(form)
            if gid not in known or lang in _NOT_NAMES or len(key) < 2 or not _is_latin(form):
                stats.skipped += 1
                continue
            names.append((key, gid, 1))
        else:
            stats.skipped += 1
            continue
        if len(places) + len(names) >= 100_000:
            stats.places += len(places)
            stats.names += len(names)
            _flush(con, places, names)
            places, names = [], []
    stats.places += len(places)
    stats.names += len(names)
    _flush(con, places, names)
    con.close()
    return stats


def _flush(con: sqlite3.Connection, places: list[tuple], names: list[tuple[str, int, int]]) -> None:
    con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?,?)", names)
    con.commit()


def _iso3_codes() -> dict[str, str]:
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes["XK"] = "XKX"
    return codes
