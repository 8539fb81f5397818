"""Finding toponyms in a parsed document and resolving them to GeoNames places."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from importlib import resources

from spacy.tokens import Doc, Span

from whimbrel.language.analysis import doc_text
from whimbrel.places.gazetteer import Gazetteer, Place, _read_tsv, default_gazetteer, fold

# Nouns that make a name a site inside a town ("Baghdad airport", "Camp Taji", "Tahrir Square").
SITE_WORDS = frozenset(
    "airport airbase base camp square bridge hospital university college prison jail checkpoint port harbor "
    "harbour mosque church cathedral temple synagogue embassy consulate stadium palace ministry street road "
    "avenue highway market bazaar station compound barracks refinery plant dam crossing border mall hotel "
    "school academy park garden field airfield terminal".split()
)
# Words inside site names that are never the town's name.
_SITE_FILLER = frozenset("international national military air naval central main old new great grand el al the of".split())
# Prepositions that put an event at a place.
LOCATIVE_PREPS = frozenset(
    "in near at outside inside around across throughout within on off along beside by outskirts into "
    "towards toward over through from".split()
)
# Sites that stand for an institution of a state ("the Russian Embassy said"): a place only after a locative word.
_INSTITUTIONS = frozenset({"embassy", "consulate", "ministry"})
_STRONG_PREPS = frozenset("in near at outside inside around across throughout within".split())
_ENTITY_PLACES = frozenset({"GPE", "LOC", "FAC"})
_MAYBE_PLACES = frozenset({"ORG", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART"})

_KIND_PRIOR = {"country": 3.0, "continent": 2.5, "region": 2.5, "admin1": -0.5, "admin2": -1.0, "city": 0.0}
_DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "north-east north-west south-east south-west upper lower greater".split()
)
_LOCAL_KINDS = frozenset({"city", "admin2"})
_COUNTY_WORDS = frozenset({"county", "parish", "borough"})
_NEAR_BONUS = 2.5
_NAMED_PROVINCE = 3.0
_LISTED_KIND = 2.0
_LIST_JOINS = frozenset({",", "and", "or", ", and", ", or", "&"})
_AMBIGUOUS_VOTE = 0.5
_TOWN_NAMED_DIVISION = -2.5
_CUED_COUNTRY = 3.0
_SIBLING_DIVISION = 2.0
_TOWN_CUE = 3.0
_SITE_REACH = 400
_STRAY_KM = 400.0
_STRAY_TOWN = 100_000  # a smaller town in a country no other name of the text lies in is no toponym
_STRAY_POPULATION = 1_000_000  # 'the New York Auto Show' is in New York, however far the text's other towns
_PERSON_TOWN = 10_000
_NORP_TOWN = 100_000  # a name the parser took for a nationality that is no demonym but a city's ('Sochi mayoral race')
_ALTERNATE_PIECE = 100_000  # a one-word site piece names a smaller town only by its own name
_MIN_CUES = 2  # distinct cues of one country a text needs before they count
_WEAK_CUE = 0.5  # a single cue, where the text's other names all lie in its country
_ALTERNATE_OUTRANKED = -2.0
_ROUNDS = 3  # context rounds at most: a third only where the second changed a choice
_COUNTRY_AMID_TOWNS = -3.0  # a country's name among names that all lie in one other country with a town so named
_CLUSTERED = 0.5  # a local candidate with a namesake of another of the text's names nearby
_CLUSTER_KM = 50.0
_NAMED_FOR_TOWN = 1.0  # a team or firm named after a town: its best-known town, over the text's weak pulls
# A story's opening town in capitals: 'COLUMBUS, Ohio (AP) —', 'TORRINGTON —', 'BEIRUT (Reuters) -'.
_DATELINE = re.compile(r"(?:^|\n|\. )([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?=,| ?\(| --| —| –| -)")
# 'Becker, Clay, Douglas and Grant counties'
_COUNTY_LIST = re.compile(
    r"((?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?, )*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?,? (?:and|or) [A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?)"
    r" (counties|parishes)\b"
)
_AND_NAME = re.compile(r" (?:and|&) ([A-Z][\w-]*)(?: [A-Z][\w-]*)?")
# 'St. Peter's Basilica', 'St. John's Health System', 'St Patrick's Day': a saint's name in the possessive before
# another capitalised word names a church, hospital, school, firm or feast after the saint
_SAINT_POSSESSIVE = re.compile(r"(?:St|Ste|Saint|Sainte)\.? [A-Z][\w-]*(?:'s|’s) ([A-Z][\w-]*)")
_STREET_WORDS = r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|Lane|Ln\.|Parkway|Pike|Highway|Hwy\.)"
_STREET = re.compile(rf"(?<=\S) {_STREET_WORDS}(?: (?:North|South|East|West|[NSEW]\.?))?$")
_NUMBERED_ROAD = re.compile(r"(?:[A-Z][\w.]* )*(?:Highway|Hwy\.?|Route|Interstate|Road|Exit|I-|U\.?S\.? ?|SR|FM|CR) ?\d+\w*"
                            r"(?: (?:North|South|East|West|[NSEW]\.?|[A-Z]))?$")
# a street word after a name; 'Dr.' or 'St.' before a capitalised word is a title or a saint's ('In Memphis Dr. King
# was shot', 'Minneapolis St. Paul International Airport')
_STREET_WORD = re.compile(rf" {_STREET_WORDS}(?![\w-])(?!(?<=St\.|Dr\.) [A-Z])")
_DIVISION_ROADS = frozenset({"Highway", "Hwy.", "Route", "Interstate"})  # 'Florida Highway Patrol': the state's road
_ACRONYM = re.compile(r"(?=(?:.*[A-Z]){2})[A-Z][A-Za-z.]{1,5}")  # 'AI', 'MoD', 'P.A.': two capitals or more
_WORDY = _DIRECTIONS | {"centre", "center", "coast"}  # common words that also name provinces
# words that open a place's name or modify one, never a person's given name ('Historic Dublin', 'Downtown Tulsa')
_PLACE_MODIFIERS = _DIRECTIONS | {"historic", "downtown", "uptown", "midtown", "old", "new", "lake", "mount", "mt",
                                   "fort", "ft", "port"}
_REGION_POPULATION = 10_000_000
_COUNTY_POPULATION = 100_000  # a county the data gives no population: 'Kent', 'Fife' are no hamlets
_COUNTY_KM = 45.0
_DIVISION_WORDS = frozenset({"state", "province", "region", "governorate", "oblast", "prefecture"})  # regions and seas carry no population; rank them like a large province


# Features of one (mention, candidate) pair, in the order of the ranker's weights.
FEATURES = (
    "log_population", "is_country", "is_continent", "is_region", "is_admin1", "is_admin2", "is_capital",
    "is_admin_seat", "alternate_name", "exact_name", "hint_country", "country_share", "same_province",
    "near_step", "near_log_km", "parent_inside", "parent_outside", "city_named_province", "largest_candidate",
    "site_town", "province_share", "county_town", "named_province", "town_named_division", "listed_kind",
    "cued_country", "sibling_division", "town_cue", "alternate_outranked", "named_for_town", "country_amid_towns",
    "clustered",
)
# The hand-set score as weights over FEATURES (the ranker used when no learned one is shipped).
HAND_WEIGHTS = {
    "log_population": 1.0, "is_country": _KIND_PRIOR["country"], "is_continent": _KIND_PRIOR["continent"],
    "is_region": _KIND_PRIOR["region"], "is_admin1": _KIND_PRIOR["admin1"], "is_admin2": _KIND_PRIOR["admin2"],
    "is_capital": 1.0, "alternate_name": -1.5, "exact_name": 0.3, "hint_country": 2.0, "country_share": 3.0,
    "same_province": 1.5, "near_step": _NEAR_BONUS, "parent_inside": 5.0, "parent_outside": -3.0,
    "city_named_province": -2.5, "province_share": 3.0, "county_town": 1.5,
    "named_province": _NAMED_PROVINCE, "town_named_division": _TOWN_NAMED_DIVISION,
    "listed_kind": _LISTED_KIND, "cued_country": _CUED_COUNTRY,
    "sibling_division": _SIBLING_DIVISION, "town_cue": _TOWN_CUE, "alternate_outranked": _ALTERNATE_OUTRANKED,
    "named_for_town": _NAMED_FOR_TOWN, "country_amid_towns": _COUNTRY_AMID_TOWNS, "clustered": _CLUSTERED,
}
_HAND_VECTOR = [HAND_WEIGHTS.get(name, 0.0) for name in FEATURES]


def candidate_features(
    place: Place,
    lookup: str,
    site: bool,
    candidates: tuple[Place, ...],
    hint: str | None,
    countries: Counter[str],
    provinces: Counter[str],
    parent: Place | None,
    points: list[tuple[float, float]] | None,
    paired: frozenset[int] = frozenset(),
    named: frozenset[str] = frozenset(),
    listed: frozenset[str] = frozenset(),
    cued: str | None = None,
    town_cue: bool = False,
    cue_weight: float = 1.0,
    named_for: bool = False,
    clustered: frozenset[int] = frozenset(),
) -> list[float]:
    """The FEATURES of ``place`` as the referent of the name ``lookup``, given the document's other places."""
    total_votes = sum(v for v in countries.values() if v > 0)
    total = total_votes or 1
    population = place.population or _default_population(place, lookup, candidates)
    near_step = near_log = 0.0
    if points and place.kind in _LOCAL_KINDS and place.lat is not None:
        near = min(_km(place.lat, place.lon, lat, lon) for lat, lon in points)
        near_step = 1.0 if near <= 50 else 0.6 if near <= 150 else 0.25 if near <= 400 else 0.0
        near_log = 4.0 - math.log10(near + 1.0)  # 4 at the same point, 0 at 10,000 km
    inside = outside = 0.0
    if parent is not None:
        within = place.country == parent.country and (_country_wide(parent) or place.admin1 == parent.admin1)
        inside, outside = (1.0, 0.0) if within and place.id != parent.id else (0.0, 1.0)
    city_province = place.kind == "admin1" and any(
        c.kind == "city" and c.country == place.country and c.admin1 == place.admin1
        and c.population * 20 > place.population
        for c in candidates
    )
    largest = place.population > 0 and place.population >= max(c.population for c in candidates)
    # 'California, Pa.', 'Montana City': a town named after a state or country is no reason to read the name so
    major = any(c.match == 0 and c.kind in ("country", "admin1") for c in candidates)
    # 'Under California law': a small town named like a state elsewhere is rarely what the name means
    town_division = place.kind == "city" and any(
        c.match == 0 and c.kind in ("country", "admin1") and (c.country, c.admin1) != (place.country, place.admin1)
        and place.population * 20 < c.population
        for c in candidates
    )
    return [
        math.log10(population + 10),
        float(place.kind == "country"),
        float(place.kind == "continent"),
        float(place.kind == "region"),
        float(place.kind == "admin1"),
        float(place.kind == "admin2"),
        float(place.feature_code == "PPLC"),
        float(place.feature_code in ("PPLA", "PPLA2")),
        float(place.match > 0 and not _spelled_out(lookup, place.name)),
        float(place.name == lookup or _spelled_out(lookup, place.name)),
        float(bool(hint) and place.country == hint),
        countries.get(place.country, 0) / total if place.country and countries.get(place.country, 0) > 0 else 0.0,
        float(bool(place.admin1) and provinces.get(f"{place.country}/{place.admin1}", 0) > 0 and place.kind != "country"),
        near_step,
        near_log,
        inside,
        outside,
        float(city_province),
        float(largest),
        float(site and place.kind == "city"),
        # counties carry no population: the document's province is what tells Madison Counties apart
        _share(provinces, f"{place.country}/{place.admin1}") if place.kind == "admin2" else 0.0,
        float(place.id in paired),
        float(_in_named_province(place, named, major)),
        float(town_division),
        # 'California or Washington', 'Missouri, New York and Virginia': names listed together are of one kind
        float(place.kind in listed),
        # 'Sheriff', 'High School', '$', 'D-Kanawha': the text's own style tells the country of its local news
        cue_weight if cued and place.country == cued else 0.0,
        float(_sibling_division(place, candidates, named)),
        _town_cue_lean(place) if town_cue else 0.0,
        float(_alternate_outranked(place, lookup, candidates)),
        # in a country the text's other names lie in: 'Portland' pulled to Texas by Houston is Oregon's
        float(named_for and _largest_town(place, candidates)
              and (countries.get(place.country, 0) > 0 or not total_votes)),
        float(_country_amid_towns(place, candidates, countries, total_votes)),
        # 'Hopkinton … Concord': a namesake of another name of the text within _CLUSTER_KM
        # (only in a country that holds most of the text's votes: Kent and Fife, Wash., are no English counties)
        float(place.id in clustered and (not total_votes or countries.get(place.country, 0) * 2 >= total_votes)),
    ]


def _country_amid_towns(place: Place, candidates: tuple[Place, ...], countries: Counter[str], total_votes: float) -> bool:
    """'volunteers from Crockett, Palestine and Houston': a country's name is a town's when every other name of
    the text lies in one other country that has a town of that very name."""
    return place.kind == "country" and total_votes > 0 and any(
        c.kind == "city" and c.match == 0 and countries.get(c.country or "", 0) >= total_votes for c in candidates)


def _largest_town(place: Place, candidates: tuple[Place, ...]) -> bool:
    """Whether ``place`` is the most populous town of its country among the candidates."""
    return place.kind == "city" and place.population > 0 and place.population >= max(
        c.population for c in candidates if c.kind == "city" and c.country == place.country)


def _alternate_outranked(place: Place, lookup: str, candidates: tuple[Place, ...]) -> bool:
    """'Maryville' is Maryville, Tenn., not Beeville, Texas, one of whose alternate names it is: a town the
    name reaches only through a differently spelled alternate loses to a town of at least its size whose own
    name it is. A short form of its own name ('Avondale' for Avondale Estates, 'Kingston' for Kingston upon
    Thames) is no other spelling."""
    if place.kind != "city" or place.match == 0 or _spelled_out(lookup, place.name):
        return False
    if set(fold(lookup).split()) <= set(fold(place.name).split()):
        return False
    return any(c.kind == "city" and c.match == 0 and c.population >= place.population for c in candidates)


def _default_population(place: Place, lookup: str, candidates: tuple[Place, ...]) -> int:
    """A size for places the data gives none: a region's like a large province's, a county called by its own
    name ('Kent', 'Fife', not 'Kent County') like a middling town's, unless it is named for a town of its
    province that the name means as well (Liverpool, York, Jenin: the town)."""
    if place.kind == "region":
        return _REGION_POPULATION
    if place.kind != "admin2" or place.match != 0 or fold(place.name) != fold(lookup):
        return 0
    town = any(c.kind == "city" and (c.country, c.admin1) == (place.country, place.admin1) for c in candidates)
    return 0 if town else _COUNTY_POPULATION


def _in_named_province(place: Place, named: frozenset[str], major: bool) -> bool:
    """Whether ``place`` is, or lies in, a province the text names by name: 'London … the Ontario Municipal
    Board' settles its towns (unless the name is a state's or country's too), and 'CAMP MURRAY, Wash. … at
    home in Washington' makes a province named by another name what its own name means."""
    return f"{place.country}/{place.admin1}" in named and (
        place.kind == "admin1" or place.kind in _LOCAL_KINDS and not major
    )


def _sibling_division(place: Place, candidates: tuple[Place, ...], named: frozenset[str]) -> bool:
    """'Alaska, Hawaii, Florida … the Georgia National Guard': a division named like a country, among its
    country's other named divisions, is the division."""
    return (
        place.kind == "admin1"
        and any(c.kind == "country" and c.match == 0 for c in candidates)
        and any(k.startswith(f"{place.country}/") and k != f"{place.country}/{place.admin1}" for k in named)
    )


def _town_cue_lean(place: Place) -> float:
    """'a Lebanon woman', 'Galen Miller of Palestine': words that speak of a town's people lean to a town
    (+1) and away from a country or region (-1), whose people go by its adjective ('a Lebanese woman')."""
    if place.kind == "city":
        return 1.0
    return -1.0 if place.kind in ("country", "region", "continent") else 0.0


def _overlaps_any(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether the character span [start, end) shares a character with any span in ``taken``."""
    return any(a < end and start < b for a, b in taken)


def _share(counts: Counter[str], key: str) -> float:
    """The part of the document's other places that lie in ``key`` (a country or province)."""
    total = sum(v for v in counts.values() if v > 0)
    return counts.get(key, 0) / total if total and counts.get(key, 0) > 0 else 0.0


def hand_score(x: list[float]) -> float:
    """The hand-set score of a feature vector."""
    return sum(w * v for w, v in zip(_HAND_VECTOR, x))


@dataclass(frozen=True)
class Ranker:
    """A learned linear candidate ranker (logistic regression over FEATURES)."""

    weights: tuple[float, ...]
    bias: float = 0.0

    def score(self, x: list[float]) -> float:
        """The log-odds that a candidate is the right place."""
        return self.bias + sum(w * v for w, v in zip(self.weights, x))

    @classmethod
    def from_json(cls, data: dict) -> Ranker:
        """A ranker from the JSON written by scripts/train_places_ranker.py (weights by feature name)."""
        weights = data["weights"]
        return cls(tuple(float(weights.get(name, 0.0)) for name in FEATURES), float(data.get("bias", 0.0)))


def default_ranker() -> Ranker | None:
    """The ranker shipped in whimbrel/data/places_ranker.json, or None (hand-set scores) when there is none."""
    path = resources.files("whimbrel") / "data" / "places_ranker.json"
    if not path.is_file():
        return None
    return Ranker.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass
class Toponym:
    """A place name in the text and the GeoNames place it was resolved to (None fields: no good candidate)."""

    text: str
    start: int  # character offsets in doc.text
    end: int
    kind: str  # 'place' | 'demonym' | 'metonym'
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    feature_code: str | None = None
    score: float = 0.0
    precision: str | None = None

    @property
    def resolved(self) -> bool:
        """Whether a gazetteer place was chosen."""
        return self.name is not None


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    kind: str
    lookup: str  # the name looked up in the gazetteer (the town of a site)
    site: bool = False
    landmark: Place | None = None  # the town of a landmark ("White House" → Washington)
    parent: int | None = None  # index of the "Y" in "X, Y" / "X in Y"
    peers: tuple[int, ...] = ()  # indices of the names listed with this one ("California or Washington")
    candidates: tuple[Place, ...] = ()
    town_cue: bool = False  # in a town-cueing position ('a Lebanon woman', 'Galen Miller of Palestine')
    named_for: bool = False  # opens a team's or firm's name ('Portland Trail Blazers', 'Cambridge Analytica')
    given: bool = False  # a span the caller says is a place (gold-span resolution)
    in_name: bool = False  # a piece of an organisation's name ('University of St. Thomas')


class Geoparser:
    """Finds toponyms in spaCy docs and resolves them against the gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, ranker: Ranker | None | str = "default") -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.ranker: Ranker | None = default_ranker() if ranker == "default" else ranker  # None: hand-set scores
        self.landmarks = _landmarks(self.gazetteer)
        self.common_words = frozenset(row[0] for row in _read_tsv("places_common_words.tsv"))
        self.local_nouns = frozenset(row[0] for row in _read_tsv("places_local_nouns.tsv"))
        local_bodies = frozenset(row[0] for row in _read_tsv("places_local_bodies.tsv"))
        self.local_words = self.local_nouns | local_bodies | SITE_WORDS | _INSTITUTIONS | _COUNTY_WORDS
        self.country_cues = [(row[0], re.compile(row[1])) for row in _read_tsv("places_country_cues.tsv")]

    # ---- public -----------------------------------------------------------------------
    def toponyms(self, doc: Doc, country_hint: str | None = None, streets: bool = False) -> list[Toponym]:
        """Every toponym mention in ``doc`` (places, demonyms, metonyms), resolved in document context; names
        the gazetteer does not know and small towns out of the text's context (``_out_of_context``) are left out,
        and so are streets and numbered roads ('Main Street', 'County Road 15': no toponyms, as gazetteers and
        the toponym corpora have it) unless ``streets`` asks for them (an event's place may be one)."""
        mentions = self._recognise(doc)
        toponyms = self._resolve(doc, mentions, country_hint)
        # a name the gazetteer does not know under any spelling is no toponym we can speak for
        found = [(t, m) for t, m in zip(toponyms, mentions) if m.candidates or m.site]
        kept = [t for t, m in found if not _out_of_context(t, m, [u for u, _ in found], country_hint)]
        if streets:
            return kept
        text = doc_text(doc)
        out = []
        for t in kept:
            # 'of 2517 Memphis St., Alexandria': a name the parser cut off its street word is that street's too
            after = _STREET_WORD.match(text, t.end)
            full = replace(t, text=text[t.start:after.end()]) if after else t
            if not _is_street(full.text):
                out.append(t)
            elif (place := _street_place(full)) is not None:
                out.append(place)
        return out

    def candidate_table(
        self, doc: Doc, country_hint: str | None = None
    ) -> tuple[list[Toponym], list[tuple[int, int, list[tuple[Place, list[float]]]]]]:
        """The toponyms of ``doc`` and, per resolved mention, its candidates with their FEATURES (for training)."""
        mentions = self._recognise(doc)
        trace: list = []
        toponyms = self._resolve(doc, mentions, country_hint, trace=trace)
        table = [(m.start, m.end, rows) for m, rows in trace]
        return [t for t, m in zip(toponyms, mentions) if m.candidates or m.site], table

    def resolve_spans(
        self, doc: Doc, spans: list[tuple[int, int]], country_hint: str | None = None
    ) -> list[Toponym]:
        """Resolve given character spans as place names, using the document's other toponyms as context.

        Returns one toponym per span, in order (for evaluation against gold spans).
        """
        found = self._recognise(doc)
        by_span = {(m.start, m.end): m for m in found}
        given = [self._mention_for(doc, start, end, by_span.get((start, end))) for start, end in spans]
        taken = [(m.start, m.end) for m in given]
        context = [replace(m, parent=None, peers=()) for m in found if not _overlaps_any(m.start, m.end, taken)]
        # the given spans and the rest of the text's names, in text order, linked as recognition links them
        # ('Brands Hatch, Kent': Kent is the parent; 'California or Washington': peers)
        _share_sense(found, given, "town_cue")
        _share_sense(found, given + context, "named_for")
        mentions = sorted(given + context, key=lambda m: (m.start, m.end))
        self._link_parents(doc, mentions)
        resolved = dict(zip(map(id, mentions), self._resolve(doc, mentions, country_hint)))
        return [resolved[id(m)] for m in given]

    def cued_country(self, text: str, least: int = _MIN_CUES) -> str | None:
        """The country whose local-news style ``text`` shows by at least ``least`` distinct cues, if one does."""
        hits = Counter(country for country, pattern in self.country_cues if pattern.search(text))
        if not hits:
            return None
        country, n = hits.most_common(1)[0]
        return country if n >= least else None

    # ---- recognition ------------------------------------------------------------------
    def _recognise(self, doc: Doc) -> list[_Mention]:
        mentions: list[_Mention] = []
        covered: set[int] = set()
        reach = 0  # the end of a name run on past its entity ('Boa' + 'Vista', 'U.S.' + 'Virgin Islands')
        for ent in doc.ents:
            if ent.start_char < reach:
                covered.update(range(ent.start, ent.end))
                continue
            mention = self._from_entity(doc, ent)
            if mention is not None:
                mention = self._split_hierarchy(doc, mention)
                if len(mention) > 1:
                    mentions.extend(mention)
                    mention = None
                else:
                    mention = mention[0]
            if ent.label_ not in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                                  "NORP", "LANGUAGE", "LAW") or mention is not None:
                refined = self._refine(doc, ent, mention)
                mentions.extend(refined)
                if mention is None and ent.label_ in ("ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"):
                    taken = [(m.start, m.end) for m in refined]
                    mentions.extend(m for m in self._demonym_pieces(ent) if not _overlaps_any(m.start, m.end, taken))
            elif ent.label_ == "NORP" and mention is None:
                mentions.extend(self._demonym_pieces(ent))
            covered.update(range(ent.start, ent.end))  # names of people, dates… are no places either
            if mention is not None and mention.end > ent.end_char:
                run = doc.char_span(ent.start_char, mention.end, alignment_mode="expand")
                covered.update(range(run.start, run.end))
                reach = mention.end
        mentions.extend(self._from_gazetteer(doc, covered))
        mentions = self._datelines(doc, mentions)
        cue_spans = _cue_spans(doc, self.local_nouns)
        mentions.extend(self._cued(doc, mentions, cue_spans))
        self._county_lists(doc, mentions)
        surnames = _surnames(doc)
        mentions.extend(self._person_towns(doc, mentions, surnames))
        # a province's name is kept however common a word it is ('Rivers', 'Plateau'), but a direction's or the
        # centre's is not ('the North', 'the Centre had failed': Cameroon's regions, a country's government)
        mentions = [m for m in mentions if not ((_is_surname(doc, m, surnames) or self._is_common_word(doc, m))
                                                and not (self._is_major(m.lookup) and fold(m.lookup) not in _WORDY))]
        mentions = [m for m in mentions if not _named_for_saint(doc_text(doc), m) and not self._stray_acronym(m)]
        mentions.extend(self._repeats(doc, mentions, surnames))
        mentions.sort(key=lambda m: m.start)
        mentions = self._join_pairs(doc, mentions)
        self._link_parents(doc, mentions)
        cued = {(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end, _ in cue_spans}
        # 'MALTA –', 'LEBANON (AP) —': a story's dateline names a town
        cued.update(match.span(1) for match in _DATELINE.finditer(doc_text(doc)))
        for mention in mentions:
            mention.town_cue = (mention.start, mention.end) in cued
        _share_sense(mentions, mentions, "town_cue")
        _share_sense(mentions, mentions, "named_for")
        return mentions

    def _join_pairs(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """'Trinidad and Tobago', 'Bosnia and Herzegovina': a name and the next that name one place together."""
        text = doc_text(doc)
        out: list[_Mention] = []
        end = -1
        for mention in mentions:
            if mention.start < end:
                continue  # the second half of a joined name
            match = _AND_NAME.match(text, mention.end)
            if match and mention.kind == "place" and not mention.site:
                for stop in dict.fromkeys((match.end(), match.end(1))):  # 'Trinidad and Tobago Ambassador'
                    whole = text[mention.start:stop]
                    if any(p.match == 0 and p.kind != "city" for p in self.gazetteer.lookup(whole)):
                        mention = _Mention(mention.start, stop, whole, "place", whole)
                        break
            out.append(mention)
            end = mention.end
        return out

    def _from_entity(self, doc: Doc, ent: Span) -> _Mention | None:
        label = ent.label_
        span = _strip(ent)
        if span is None:
            return None
        text = span.text
        if label in ("NORP", "GPE") and self._is_demonym(text):
            return _Mention(span.start_char, span.end_char, text, "demonym", text)
        words = [t.lower_ for t in span]
        town = self.landmarks.get(fold(text))
        if town is not None and label in _ENTITY_PLACES | {"ORG"}:
            if label == "ORG" and span.root.dep_ in ("nsubj", "nsubjpass") and not _after_locative(span):
                return None  # "the Kremlin denied": an actor (the actors stage names it), no place
            return _Mention(span.start_char, span.end_char, text, "place", text, site=True, landmark=town)
        has_site_word = any(w in SITE_WORDS for w in words[1:]) or words[0] in ("camp", "fort")
        if any(w in _INSTITUTIONS for w in words) and not _after_locative(span):
            return None  # "the Interior Ministry said", "a spokesman for the Russian Embassy"
        if label in _ENTITY_PLACES:
            name = self._run_on(doc, span)
            span = _extend_site(doc, name)
            site = label == "FAC" or has_site_word or span.end > max(ent.end, name.end)
            lookup = name.text if name.end > ent.end else text
            return _Mention(span.start_char, span.end_char, span.text, "place", lookup, site=site)
        if label in _MAYBE_PLACES and label != "NORP":
            if has_site_word or (_after_locative(span) and self._known(text)) or self._is_polity(text):
                return _Mention(span.start_char, span.end_char, span.text, "place", text, site=has_site_word)
        if label == "NORP" and fold(text) not in _DIRECTIONS | self.common_words and self._known(text, _NORP_TOWN):
            return _Mention(span.start_char, span.end_char, span.text, "place", text)  # 'the crowded Sochi election'
        return None

    def _run_on(self, doc: Doc, span: Span) -> Span:
        """'Boa Vista' tagged 'Boa' (place) + 'Vista' (organisation), 'the U.S. Virgin Islands' tagged 'U.S.': a
        known place entity followed by capitalised proper nouns that complete a gazetteer place's own name is that
        name."""
        end = span.end
        if not self.gazetteer.lookup(span.text):
            return span  # 'the City of' + 'Richmond' is the town Richmond
        while end < len(doc) and end - span.end < 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and doc[end - 1].whitespace_:
            end += 1
        for stop in range(end, span.end, -1):
            if any(p.match == 0 for p in self.gazetteer.lookup(doc[span.start:stop].text)):
                return doc[span.start:stop]
        return span

    def _refine(self, doc: Doc, ent: Span, mention: _Mention | None) -> list[_Mention]:
        """Places named inside an entity that is not one as a whole.

        "Fargo-Moorhead", "North Texas", "Alexandria Police", "U.S. House", "Nadia Moayyad of
        Southlake": when the whole name is no gazetteer entry, the longest known pieces are the
        toponyms. Organisations only yield a piece at their start or after "of", and only a well-known
        place (a country, a province or a town of 10,000 people), so "Ford Motor" stays a company.
        """
        if mention is not None and (mention.site or mention.kind == "demonym" or self.gazetteer.lookup(mention.lookup)):
            return [mention]
        span = _strip(ent)
        if span is not None and (fold(span.text) in self.landmarks
                                 or any(t.lower_ in _INSTITUTIONS for t in span) and not _after_locative(span)):
            return [mention] if mention is not None else []  # no town pieces in "White House", "Interior Ministry"
        if span is None or len(span) < 2:
            return [mention] if mention is not None else []
        is_place = ent.label_ in _ENTITY_PLACES
        found: list[_Mention] = []
        i = span.start
        while i < span.end:
            # "Islamic Republic", "Soviet Union": a place's later words are no places of their own
            # 'Western Pennsylvania Kennel Association': an organisation may open with a direction and a place
            anchor = i == span.start or doc[i - 1].lower_ in ("of", "-", "/") or (
                (is_place or i - 1 == span.start) and doc[i - 1].lower_ in _DIRECTIONS)
            hit = None
            # "University of Rochester": a site word starts no place name
            if anchor and doc[i].text[:1].isupper() and doc[i].lower_ not in SITE_WORDS:
                for j in range(min(span.end, i + 4), i, -1):
                    piece = doc[i:j]
                    if j - i == 1 and doc[i].lower_ in _DIRECTIONS:
                        continue  # a direction alone is no place; with a name it may be one ('East Hampton')
                    if j - i == len(span) and mention is not None:
                        continue
                    if piece[-1].is_punct:
                        continue
                    if not is_place and j - i == 1 and fold(piece.text) in self.common_words:
                        continue  # 'Bank of England', 'Summit of the Americas': a word, not the town Bank
                    if is_place and self._known(piece.text):
                        hit = piece
                    elif not is_place and (self._known(piece.text, min_population=10_000)
                                           or _is_county(piece.text) and self._known(piece.text)):
                        hit = piece  # "Douglas County Sheriff's Office": the county, not the town Douglas
                    if hit is not None:
                        break
            if hit is None and not is_place and not anchor and doc[i].text[:1].isupper():
                # 'Air Zimbabwe', 'HSBC Bank Malta plc', 'Tour de France', 'Movement for United Georgia': a country's
                # name that is the last name-word of an organisation's name is that country; before another, it is as
                # often a person's or a word ('the Michael Jordan Foundation', 'the National Wild Turkey Federation')
                hit = next((doc[i:j] for j in range(min(span.end, i + 3), i, -1)
                            if not any(t.text[:1].isupper() for t in doc[j:span.end])
                            and self._is_major(doc[i:j].text, kinds=("country",))), None)
            if hit is not None:
                kind = "demonym" if self._is_demonym(hit.text) else "place"  # 'Canadian Lottery': no Canadian, Tex.
                found.append(_Mention(hit.start_char, hit.end_char, hit.text, kind, hit.text,
                                      named_for=not is_place and self._names_for(hit, span), in_name=not is_place))
                i = hit.end
            else:
                i += 1
        if found:
            return found
        return [mention] if mention is not None else []

    def _demonym_pieces(self, ent: Span) -> list[_Mention]:
        """Nationality words inside a name that is no place: 'the Georgian Interior Ministry', 'Canadian Blood
        Services', 'a Russian-American crew', 'Austro-Hungarian rule', 'a Bosnian Serb'. In an organisation's name
        only at its start or after 'of' or a hyphen ('the State Russian Museum' is left alone)."""
        doc = ent.doc
        span = _strip(ent)
        if span is None:
            return []
        out = []
        i = span.start
        while i < span.end:
            anchor = ent.label_ == "NORP" or i == span.start or doc[i - 1].lower_ in ("of", "-", "anti")
            hit = next((doc[i:j] for j in (i + 2, i + 1) if j <= span.end and doc[j - 1].text[:1].isupper()
                        and self._is_demonym(doc[i:j].text)), None) if anchor and doc[i].text[:1].isupper() else None
            if hit is not None:
                out.append(_Mention(hit.start_char, hit.end_char, hit.text, "demonym", hit.text))
                i = hit.end
            else:
                i += 1
        return out

    def _stray_acronym(self, mention: _Mention) -> bool:
        """'AI', 'MoD', 'P.A.': an acronym that is no place's own name but only some GeoNames alternate of one
        (‘Ayy, Jordan; Modesto; Chongqing) is no toponym ('D.C.', 'U.S.', 'Pa.' are names of their own), unless
        it spells the initials of the place's name ('NYC', 'HK', 'KL': New York City, Hong Kong, Kuala Lumpur)."""
        if mention.kind != "place" or mention.site or not _ACRONYM.fullmatch(mention.text):
            return False
        capitals = "".join(c for c in mention.text if c.isupper())
        return not any(p.match == 0 or _initials(p.name) == capitals for p in self.gazetteer.lookup(mention.lookup))

    def _names_for(self, piece: Span, span: Span) -> bool:
        """Whether a town ``piece`` opens an organisation's name ``span`` whose other words are all capitalised
        and none a local word ('Portland Trail Blazers', 'Cambridge Analytica'; not 'Alexandria Police',
        'Douglas County Sheriff', 'Lancaster High School'): the team or firm bears a town's name, not its news."""
        rest = [t for t in span if t.i >= piece.end]
        return piece.start == span.start and bool(rest) and all(
            t.text[:1].isupper() and t.lower_ not in self.local_words for t in rest)

    def _from_gazetteer(self, doc: Doc, covered: set[int]) -> list[_Mention]:
        """Proper-noun runs the NER missed: after a locative preposition, or well-known names."""
        out = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < 4 and doc[j].pos_ == "PROPN" and j not in covered:
                j += 1
            span = doc[i:j]
            if _after_locative(span) and self._known(span.text, min_population=0):
                out.append(_Mention(span.start_char, span.end_char, span.text, "place", span.text))
            elif self._known(span.text, min_population=200_000) and not tok.is_sent_start:
                out.append(_Mention(span.start_char, span.end_char, span.text, "place", span.text))
            i = j
        return out

    def _cued(self, doc: Doc, mentions: list[_Mention], cue_spans: list[tuple[int, int, int]]) -> list[_Mention]:
        """Town names that spaCy missed or called a person, cued by the words around them.

        'a Gainesville woman', 'Roselle police' (a name modifying a local noun of data/places_local_nouns.tsv),
        'Theresa Pilkington of Jeannette' (a person 'of' a place), 'Brent Boggs, D-Braxton' (a legislator's seat).
        """
        taken = [(m.start, m.end) for m in mentions]
        out = []
        for start, end, min_population in cue_spans:  # _cue_spans of the document
            span = doc[start:end]
            if _overlaps_any(span.start_char, span.end_char, taken) or not _free_for_place(span):
                continue
            if fold(span.text) in self.common_words or not self._known(span.text, min_population=min_population):
                continue
            out.append(_Mention(span.start_char, span.end_char, span.text, "place", span.text))
            taken.append((span.start_char, span.end_char))
        return out

    def _person_towns(self, doc: Doc, mentions: list[_Mention], surnames: frozenset[str]) -> list[_Mention]:
        """'travelling to Cirencester from Gloucester and Cheltenham': a one-word name spaCy calls a person is a
        town after a locative word or joined to a place, when it names a town of _PERSON_TOWN people and no
        person of the text bears it as a surname."""
        taken = [(m.start, m.end) for m in mentions]
        places = {m.end for m in mentions if m.kind == "place"}
        out = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and self._is_major(ent.text) \
                    and not _overlaps_any(ent.start_char, ent.end_char, taken):
                # 'Tamil Nadu said': a name of two words or more that is a country's or province's own name
                out.append(_Mention(ent.start_char, ent.end_char, ent.text, "place", ent.text))
                continue
            if ent.label_ != "PERSON" or len(ent) != 1 or ent.start == 0 or fold(ent.text) in surnames:
                continue
            if ent.end < len(doc) and doc[ent.end].tag_ == "POS":
                continue  # "at Obama's town hall meeting"
            prev = doc[ent.start - 1]
            joined = prev.lower_ in ("and", "or") and ent.start > 1 and doc[ent.start - 2].idx + len(doc[ent.start - 2]) in places
            if not (prev.lower_ in LOCATIVE_PREPS | {"to"} or joined):
                continue
            if _overlaps_any(ent.start_char, ent.end_char, taken) or fold(ent.text) in self.common_words:
                continue
            if self._known(ent.text, min_population=_PERSON_TOWN):
                out.append(_Mention(ent.start_char, ent.end_char, ent.text, "place", ent.text))
                places.add(ent.end_char)
        return out

    def _county_lists(self, doc: Doc, mentions: list[_Mention]) -> None:
        """'Becker, Clay and Douglas counties': each name is a county (found or added as such)."""
        text = doc_text(doc)
        by_span = {(m.start, m.end): m for m in mentions}
        taken = [(m.start, m.end) for m in mentions]
        for match in _COUNTY_LIST.finditer(text):
            word = " County" if match.group(2).lower() == "counties" else " Parish"
            for name in re.finditer(r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?", match.group(1)):
                start, end = match.start(1) + name.start(), match.start(1) + name.end()
                lookup = name.group() + word
                if not any(p.kind == "admin2" for p in self.gazetteer.lookup(lookup)):
                    continue
                if (start, end) in by_span:
                    by_span[(start, end)].lookup = lookup
                elif not _overlaps_any(start, end, taken):
                    mentions.append(_Mention(start, end, name.group(), "place", lookup))

    def _datelines(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """'COLUMBUS, Ohio (AP) --', 'TORRINGTON —': the capitalised town that opens a news story.

        The mentions with the dateline towns added; a known town replaces the pieces of it found alone
        ('ST. LOUIS –' was 'ST' and 'LOUIS')."""
        text = doc_text(doc)
        out = list(mentions)
        for match in _DATELINE.finditer(text):
            start, end = match.span(1)
            if not self._known(match.group(1)):
                continue
            inside = [m for m in out if start <= m.start and m.end <= end]
            if _overlaps_any(start, end, [(m.start, m.end) for m in out if m not in inside]):
                continue
            if inside and (len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end)):
                continue
            out = [m for m in out if m not in inside]
            out.append(_Mention(start, end, match.group(1), "place", match.group(1)))
        return out

    def _repeats(self, doc: Doc, mentions: list[_Mention], surnames: frozenset[str]) -> list[_Mention]:
        """Later uses of a name the document already uses as a place ('a Gainesville woman', 'Lancaster's').

        One sense per discourse: spaCy often labels a town PERSON or ORG, or nothing, when it
        modifies a noun; once the same name is a place elsewhere in the text, these are too.
        """
        names = {m.text for m in mentions if m.kind == "place" and not m.site and m.landmark is None
                 and fold(m.text) not in surnames and self.gazetteer.lookup(m.lookup)}
        names = {n for n in names if n[:1].isupper() and len(n) > 2 and self._known(n)}
        if not names:
            return []
        text = doc_text(doc)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b",
                             re.IGNORECASE)
        taken = [(m.start, m.end) for m in mentions]
        out = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if not text[start].isupper() or _overlaps_any(start, end, taken):
                continue
            span = doc.char_span(start, end)
            if span is None or not _free_for_place(span):
                continue
            out.append(_Mention(start, end, match.group(), "place", match.group()))
        return out

    def _is_demonym(self, text: str) -> bool:
        """A nationality word, unless it is also the exact name of a country or province."""
        if self.gazetteer.demonym(text) is None:
            return False
        # "Palestine", "Georgia": a name of a country or province itself is a place, whatever else it names
        # ('German' is also a parish of the Isle of Man that GeoNames places nowhere: no place to speak of)
        return not any(p.kind in ("country", "admin1", "region", "continent") and p.match == 0 and p.lat is not None
                       for p in self.gazetteer.lookup(text))

    def _is_common_word(self, doc: Doc, mention: _Mention) -> bool:
        """'Commerce', 'Police', 'Bank': a one-word name that is mostly a word, with no locative word before it."""
        if mention.kind != "place" or mention.site or mention.lookup != mention.text or fold(mention.text) not in self.common_words:
            return False
        span = doc.char_span(mention.start, mention.end)
        if span is None or _after_locative(span):
            return False
        after = doc_text(doc)[mention.end : mention.end + 2]
        return not after.startswith(",")  # 'Mobile, Ala.'

    def _is_polity(self, text: str) -> bool:
        """'the EU said', 'Russia's': a name whose main sense is a country or a region of countries, even as an actor."""
        return self._is_major(text, kinds=("country", "region", "continent"))

    def _is_major(self, text: str, kinds: tuple[str, ...] = ("country", "admin1", "region", "continent")) -> bool:
        """Whether ``text`` is the main name of a place of ``kinds``: a country, a first-order division or a region."""
        return any(p.match == 0 and p.kind in kinds for p in self.gazetteer.lookup(text))

    def _known(self, text: str, min_population: int = 0) -> bool:
        for place in self.gazetteer.lookup(text):
            if place.match == 0 and (place.kind in ("country", "admin1", "region", "continent")
                                     or place.population >= min_population):
                return True
        return False

    def _split_hierarchy(self, doc: Doc, mention: _Mention) -> list[_Mention]:
        """'Paris, Texas' as one entity → two mentions, the second the parent of the first."""
        if "," not in mention.text or mention.site:
            return [mention]
        head, _, tail = mention.text.partition(",")
        tail_text = tail.strip()
        if not head.strip() or not tail_text or not self.gazetteer.lookup(tail_text):
            return [mention]
        tail_start = mention.start + mention.text.index(tail_text, len(head))
        first = _Mention(mention.start, mention.start + len(head.rstrip()), head.rstrip(), "place", head.rstrip())
        second = _Mention(tail_start, tail_start + len(tail_text), tail_text, "place", tail_text)
        return [first, second]

    def _link_parents(self, doc: Doc, mentions: list[_Mention]) -> None:
        for i, mention in enumerate(mentions[:-1]):
            nxt = mentions[i + 1]
            between = doc_text(doc)[mention.end : nxt.start].strip().lower()
            if between in (",", "in", ", in") and nxt.kind == "place":
                mention.parent = i + 1
            if between in _LIST_JOINS and nxt.kind == mention.kind == "place":
                mention.peers += (i + 1,)
                nxt.peers += (i,)

    def _mention_for(self, doc: Doc, start: int, end: int, found: _Mention | None = None) -> _Mention:
        """The mention of a given span; one that recognition read as a county of a list ('Barrow and Jackson
        counties') keeps that reading."""
        text = doc_text(doc)[start:end]
        if found is not None and found.kind == "place" and _is_county(found.lookup) and not _is_county(text):
            return _Mention(start, end, text, "place", found.lookup, given=True)
        if self._is_demonym(text):
            return _Mention(start, end, text, "demonym", text)
        town = self.landmarks.get(fold(text))
        if town is not None:
            return _Mention(start, end, text, "place", text, site=True, landmark=town)
        words = [fold(w) for w in text.split()]
        site = len(words) > 1 and (any(w in SITE_WORDS for w in words[1:]) or words[0] in ("camp", "fort"))
        mention = _Mention(start, end, text, "place", text, site=site, given=True)
        if not self._candidates(mention):
            # 'Bank of Japan', 'Dubai World Cup': a given name we do not know is read by its place, and a one-word
            # one ('Khayelitsha', 'Harwinton') by the town or division named nearest it
            mention.site = True
        return mention

    # ---- resolution -------------------------------------------------------------------
    def _candidates(self, mention: _Mention) -> tuple[Place, ...]:
        if mention.kind == "demonym":
            place = self.gazetteer.demonym(mention.lookup)
            return (place,) if place else ()
        if mention.landmark is not None:
            return (mention.landmark,)
        found = (_prune(mention.lookup, self.gazetteer.lookup(mention.lookup)) or self._division(mention.lookup)
                 or self._county_of(mention.lookup))
        # a division the data gives no point (GeoNames' Berkshire and Windsor Castle parishes of Jamaica) is no reading
        found = tuple(p for p in found if p.lat is not None)
        if not any(p.match == 0 for p in found):  # 'Boulder City' itself, not Boulder
            ids = {p.id for p in found}
            found += tuple(p for p in self._city_of(mention.lookup) if p.id not in ids)
        if not mention.site:
            return found
        town = self._site_town(mention.lookup)
        if not town and not found:
            town = self._site_nation(mention.lookup)
        return found + town if town else found

    def _county_of(self, text: str) -> tuple[Place, ...]:
        """'Gwinnett', 'Oconee and Clarke', 'D-Monongalia': a name known only as a county's is that county."""
        if not text[:1].isupper() or _is_county(text):
            return ()
        return tuple(p for p in self.gazetteer.lookup(f"{text} County") if p.kind == "admin2" and p.match == 0)

    def _site_nation(self, text: str) -> tuple[Place, ...]:
        """'the Armenian Genocide', 'the Armenian Embassy': a site with no town in its name lies in the country
        its nationality word names."""
        for word in text.split():
            if word[:1].isupper() and self._is_demonym(word):
                place = self.gazetteer.demonym(word)
                return (place,) if place is not None else ()
        return ()

    def _city_of(self, text: str) -> tuple[Place, ...]:
        """'San Fernando City Councilwoman': towns named without the word 'City' (kept beside 'Quebec City' itself)."""
        if not text.endswith(" City"):
            return ()
        return tuple(p for p in self.gazetteer.lookup(text[: -len(" City")]) if p.kind == "city" and p.match == 0)

    def _division(self, text: str) -> tuple[Place, ...]:
        """'Oaxaca State', 'Sokoto State', 'Helmand Province': the first-order division so named."""
        head, _, word = text.rpartition(" ")
        if not head or fold(word) not in _DIVISION_WORDS:
            return ()
        return tuple(p for p in self.gazetteer.lookup(head) if p.kind == "admin1")

    def _site_town(self, text: str) -> tuple[Place, ...]:
        """Candidates for the town named inside a site name (longest name first)."""
        # "Harare’s Third Street": the town without its possessive
        words = [w[:-2] if len(w) > 3 and w[-2:] in ("’s", "'s") else w for w in text.split()]
        # 'St. Paul's United Brethren Church': the saint's name is no town's (Saint Paul, Minn.)
        raw = text.split()
        saints = {k for k in range(len(raw) - 1) if _SAINT_POSSESSIVE.match(" ".join(raw[k:]))}
        best: tuple[Place, ...] = ()
        best_len = 0
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                piece = words[i:j]
                if all(fold(w) in SITE_WORDS or fold(w) in _SITE_FILLER for w in piece):
                    continue
                # 'New York Auto Show': a town's own name may open with a filler word ('New', 'Great', 'El')
                opens = fold(piece[0]) in SITE_WORDS or fold(piece[0]) in _SITE_FILLER and len(piece) == 1
                if opens or fold(piece[-1]) in SITE_WORDS | _SITE_FILLER:
                    continue
                # 'Northern Illinois University', 'St. Paul's United Brethren Church': no town 'Northern', 'United'
                if all(fold(w) in _DIRECTIONS for w in piece) or len(piece) == 1 and fold(piece[0]) in self.common_words:
                    continue
                if j - i <= best_len or not all(w[:1].isupper() and any(c.isalpha() for c in w) for w in piece):
                    continue
                if any(i <= k + 1 and k < j for k in saints):
                    continue
                county = fold(piece[-1]) in ("county", "parish")
                # 'Lake Manassas', 'City Hall': a one-word piece names a small town by its own name, not by one
                # of GeoNames' alternates ('Lake' is one of Uniontown, Ohio's; 'L.A.' and 'New York' stay)
                name = " ".join(piece)
                found = tuple(p for p in self.gazetteer.lookup(name) if (county or p.kind != "admin2")
                              and (p.match == 0 or len(piece) > 1 or p.population >= _ALTERNATE_PIECE
                                   or _spelled_out(name, p.name)))
                if found:
                    best, best_len = found, j - i
        return best

    def _resolve(
        self, doc: Doc, mentions: list[_Mention], hint: str | None, trace: list | None = None
    ) -> list[Toponym]:
        for mention in mentions:
            mention.candidates = self._candidates(mention)
        paired = _county_towns(mentions)
        clustered = _clustered(mentions)
        text = doc_text(doc)
        cued = self.cued_country(text) if hint is None else None
        weak = self.cued_country(text, least=1) if hint is None and cued is None else None
        # first pass: each mention on its own, for the document's country/province context;
        # each distinct name votes once, so a repeated ambiguous name cannot confirm itself
        first = [self._best(m, hint, Counter(), Counter(), None, paired=paired, cued=cued)[0] for m in mentions]
        votes: dict[str, Place] = {}
        for mention, place in zip(mentions, first):
            if place is not None:
                votes.setdefault(fold(mention.lookup), place)
        # a name whose candidates all lie in one country is an anchor; a name with namesakes abroad
        # votes for its country with less weight, so two ambiguous names cannot carry each other abroad
        anchors = {fold(m.lookup) for m in mentions if len({p.country for p in m.candidates}) == 1}
        chosen: list[tuple[Place | None, float]] = []
        parents = first  # 'Mansfield, Richland County': the parent as resolved in the round before
        strays: set[int] = set()  # sites whose town piece is a namesake far from the text's other places
        rounds: list[tuple[_Mention, list[tuple[Place, list[float]]]]] = []  # last round's rows (for training)
        # rounds until the choices settle (at most _ROUNDS): each votes with the context-aware choices of the one before
        for _round in range(_ROUNDS):
            chosen = []
            strays = set()
            echoes = set()  # sites read as their parent: no evidence of their own
            rounds = []
            for i, mention in enumerate(mentions):
                own = fold(mention.lookup)
                others = [p for name, p in votes.items() if not _same_name(name, own)]
                # picks made without context cast no country votes ('Dublin' read alone is Ireland's):
                # the first context round hears provinces, nearby towns and parents only, later rounds
                # count the countries of the choices made in context
                countries = Counter() if _round == 0 else _country_votes(votes, own, anchors)
                provinces = Counter(f"{p.country}/{p.admin1}" for p in others if p.admin1 and p.kind != "country")
                # 'Washington said': a national capital stands for its state, no neighbourhood of towns
                points = [(p.lat, p.lon) for p in others
                          if p.kind in _LOCAL_KINDS and p.lat is not None and p.feature_code != "PPLC"]
                named = frozenset(f"{p.country}/{p.admin1}" for p in others if p.kind == "admin1")
                parent = parents[mention.parent] if mention.parent is not None else None
                listed = frozenset(k for j in mention.peers if parents[j] is not None
                                   for k in (parents[j].kind,) if k in ("admin1", "country"))
                place, score = self._best(mention, hint, countries, provinces, parent, points,
                                          rounds, paired, named, listed,
                                          cued or _alone_cued(weak, mentions, first, own), 1.0 if cued else _WEAK_CUE,
                                          clustered)
                if _site_in_parent(mention, place, parent) or _town_outside_parent(mentions, i, parent):
                    if place is not None:
                        echoes.add(i)  # its own reading was a namesake town far away: no vote for the parent
                    place = parent
                elif _stray_site(mention, place, countries, points):
                    strays.add(i)
                chosen.append((place, score))
            settled = _round > 0 and all(a is b for a, (b, _score) in zip(parents, chosen))
            parents = [place for place, _score in chosen]
            votes = {}
            for i, (mention, (place, _score)) in enumerate(zip(mentions, chosen)):
                if place is not None and i not in echoes:
                    votes.setdefault(fold(mention.lookup), place)
            if settled:
                break
        if trace is not None:
            trace.extend(rounds)
        chosen = _counties_by_short_name(mentions, _sites_by_neighbours(mentions, chosen, strays))
        return [self._toponym(doc, m, place, score) for m, (place, score) in zip(mentions, chosen)]

    def _best(
        self,
        mention: _Mention,
        hint: str | None,
        countries: Counter[str],
        provinces: Counter[str],
        parent: Place | None,
        points: list[tuple[float, float]] | None = None,
        trace: list | None = None,
        paired: frozenset[int] = frozenset(),
        named: frozenset[str] = frozenset(),
        listed: frozenset[str] = frozenset(),
        cued: str | None = None,
        cue_weight: float = 1.0,
        clustered: frozenset[int] = frozenset(),
    ) -> tuple[Place | None, float]:
        if not mention.candidates:
            return None, 0.0
        scored = []
        rows = []
        for place in mention.candidates:
            x = candidate_features(place, mention.lookup, mention.site, mention.candidates, hint, countries,
                                   provinces, parent, points, paired, named, listed, cued, mention.town_cue,
                                   cue_weight, mention.named_for, clustered)
            score = self.ranker.score(x) if self.ranker is not None else hand_score(x)
            rows.append((place, x))
            scored.append((score, -place.id, place))
        if trace is not None:
            trace.append((mention, rows))
        scored.sort(key=lambda item: item[:2], reverse=True)
        score, _, place = scored[0]
        if not self._good(place, hint, countries, parent):
            return None, score
        return place, score

    @staticmethod
    def _good(place: Place, hint: str | None, countries: Counter[str], parent: Place | None) -> bool:
        """An explicit 'no good candidate' for weak matches of small, out-of-context places."""
        if place.match == 0 or place.kind != "city":
            return True
        in_context = place.country == hint or countries.get(place.country or "", 0) > 0 or parent is not None
        return in_context or place.population >= 50_000

    def _toponym(self, doc: Doc, mention: _Mention, place: Place | None, score: float) -> Toponym:
        kind = mention.kind
        if kind == "place" and place is not None and _is_metonym(doc, mention, place):
            kind = "metonym"
        topo = Toponym(text=mention.text, start=mention.start, end=mention.end, kind=kind, score=round(score, 3))
        if place is None:
            return topo
        precision = "site" if mention.site and place.kind == "city" else place.precision
        if mention.kind == "demonym":
            precision = "country"
        return replace(
            topo,
            name=place.name,
            geonameid=place.geonameid,
            lat=place.lat,
            lon=place.lon,
            country=place.country,
            admin1=place.admin1,
            feature_code=place.feature_code,
            precision=precision,
        )


def _out_of_context(toponym: Toponym, mention: _Mention, found: list[Toponym], hint: str | None) -> bool:
    """Whether a name read as a town or county of under _STRAY_TOWN people lies in a country that none of the
    text's other names lies in ('the OAS in Washington' is no Oas, Philippines; a 'Delft police station' in a
    Cape Town story no Delft, Netherlands; 'HUME –' heading an Illinois story no Hume, Victoria): no toponym we
    can speak for, rather than a far-away guess."""
    if toponym.kind != "place" or toponym.country is None or toponym.country == hint:
        return False
    place = next((p for p in mention.candidates if p.geonameid == toponym.geonameid), None)
    if place is None or place.kind not in _LOCAL_KINDS or place.population >= _STRAY_TOWN:
        return False  # a site read as its parent or a neighbour is in context by construction
    own = fold(toponym.text)
    others = {t.country for t in found if t.country and fold(t.text) != own}
    return bool(others) and toponym.country not in others


def _site_in_parent(mention: _Mention, place: Place | None, parent: Place | None) -> bool:
    """Whether a site is read as its named parent: "Tahrir Square in Cairo", "Oulton Park, Cheshire" when it
    has no reading of its own, 'Loyola University in Los Angeles' when its reading is a town outside the
    parent (no Loyola, Calif.)."""
    if not mention.site or parent is None:
        return False
    return place is None or place.kind == "city" and not _within(place, parent)


def _country_wide(parent: Place) -> bool:
    """Whether a parent's towns are told by country alone: a country, or a region inside one country that no
    province code pins ('Rockingham, Northamptonshire', 'Croft, Yorkshire': English counties are regions here)."""
    return parent.kind == "country" or parent.kind == "region" and bool(parent.country) and not parent.admin1


def _town_outside_parent(mentions: list[_Mention], i: int, parent: Place | None) -> bool:
    """'Rockingham, Northamptonshire': a town (no state's or country's name) named with a province, county or
    region none of whose namesakes lies in it is a place the gazetteer lacks there, read as that parent rather
    than a namesake abroad; so is a place piece of an organisation's name placed in a town ('the University of
    St. Thomas in Houston'). The parent must close the pair, not run on a list ('Moscow, Germany and France')."""
    mention = mentions[i]
    if mention.site or mention.kind != "place" or parent is None or mention.parent is None:
        return False
    if parent.kind not in ("admin1", "admin2", "region") and not (mention.in_name and parent.kind == "city"):
        return False  # 'the University of St. Thomas in Houston' is in Houston
    if not mention.candidates:
        return False
    if not mention.in_name and any(p.kind not in _LOCAL_KINDS for p in mention.candidates):
        return False  # 'the Indiana, Ill., border', 'Louisiana, Nevada': a list of states
    # a town parent's own parent is no list ('in Houston, Texas')
    above = mentions[mention.parent].parent if parent.kind == "city" else None
    if any(j not in (i, above) for j in mentions[mention.parent].peers):
        return False
    return not any(_within(p, parent) for p in mention.candidates)


def _counties_by_short_name(
    mentions: list[_Mention], chosen: list[tuple[Place | None, float]]
) -> list[tuple[Place | None, float]]:
    """One sense per text: a name the text also gives in full as a county's ('Hall County … retiring from Hall',
    'Oxford County … Oxford's municipal leaders') is that county, unless read as a town of the county's own
    state (Madison, Ga., beside Madison County is near enough either way)."""
    counties = {}
    for mention, (place, _score) in zip(mentions, chosen):
        if place is not None and place.kind == "admin2" and _is_county(mention.lookup) and not mention.site:
            counties.setdefault(fold(mention.lookup).rsplit(" ", 1)[0], place)
    out = list(chosen)
    for i, (mention, (place, score)) in enumerate(zip(mentions, chosen)):
        county = counties.get(fold(mention.lookup)) if mention.kind == "place" and not mention.site else None
        if county is not None and (place is None or (place.country, place.admin1) != (county.country, county.admin1)):
            out[i] = (county, score)
    return out


def _initials(name: str) -> str:
    """The capitalised initials of a name's words ('New York City' → NYC, 'Kuala Lumpur' → KL)."""
    return "".join(w[0].upper() for w in re.split(r"[\s-]+", name) if w)


def _is_street(text: str) -> bool:
    """'Main Street', 'North Lumpkin Street', 'MacCorkle Avenue', 'Highway 19', 'County Road 15', 'Interstate 64 East':
    a street or numbered road (not 'Road Town', whose street word opens the name)."""
    return bool(_STREET.search(text) or _NUMBERED_ROAD.match(text))


def _street_place(toponym: Toponym) -> Toponym | None:
    """The place whose road a street's name says it is ('Florida Highway Patrol', 'Otter Tail County Road 3',
    "Harare's Third Street"), as a toponym of its own; None for any other street ('Dublin Road', 'Nordland
    Avenue', 'Malta Road' are named after a place, not in it)."""
    if toponym.name is None:
        return None
    words = toponym.text.split()
    for k in range(1, len(words)):
        piece = " ".join(words[:k])
        own = piece[:-2] if piece[-2:] in ("'s", "’s") else piece
        if fold(own) != fold(toponym.name):
            continue
        division = toponym.precision in ("province", "district", "country") and words[k] in _DIVISION_ROADS
        if own != piece or division or _is_county(own) and words[k] == "Road":
            precision = "city" if toponym.precision == "site" else toponym.precision  # the town itself
            return replace(toponym, text=own, end=toponym.start + len(own), precision=precision)
    return None


def _gap(a: _Mention, b: _Mention) -> int:
    """Characters between two mentions' spans (the smaller of the two one-sided distances)."""
    return min(abs(a.start - b.end), abs(b.start - a.end))


def _share_sense(found: list[_Mention], mentions: list[_Mention], flag: str) -> None:
    """One sense per text: every place ``mentions`` of a name that one use in ``found`` marks with the boolean
    field ``flag`` is marked too (``town_cue``: 'a Jordan coach … Jordan league play … the Jordan middle
    school'; ``named_for``: 'the Portland Trail Blazers … against Portland' is one town throughout)."""
    marked = {fold(m.lookup) for m in found if getattr(m, flag) and m.kind == "place"}
    for mention in mentions:
        if mention.kind == "place" and fold(mention.lookup) in marked:
            setattr(mention, flag, True)


def _alone_cued(country: str | None, mentions: list[_Mention], first: list[Place | None], own: str) -> str | None:
    """A single local-news cue counts when the text's other names, each read on its own, all lie in its
    country ('MANSFIELD — The City Council … $10.3 million … Richland County': Mansfield, Ohio; a '$' beside
    'Iraq', 'Irish' or 'Toronto' says nothing)."""
    if country is None:
        return None
    others = [p for m, p in zip(mentions, first) if p is not None and not _same_name(fold(m.lookup), own)]
    return country if all(p.country == country for p in others) else None


def _stray_site(mention: _Mention, place: Place | None, countries: Counter[str],
                points: list[tuple[float, float]] | None) -> bool:
    """Whether a site was read by a town piece of its name that lies out of the text's context: in a country
    no other name of the text lies in, or (a town under _STRAY_POPULATION) _STRAY_KM from every other named
    town ('Pearl Harbor' as Pearl, Miss. beside Honolulu; 'Meydan Racecourse' as Meydan, Turkey, in a Dubai
    story)."""
    if not mention.site or mention.landmark is not None or place is None or place.kind != "city":
        return False
    if fold(place.name) == fold(mention.lookup):
        return False
    if sum(countries.values()) > 0 and countries.get(place.country or "", 0) <= 0:
        return True
    return bool(points) and place.lat is not None and place.population < _STRAY_POPULATION and min(
        _km(place.lat, place.lon, lat, lon) for lat, lon in points) > _STRAY_KM


def _sites_by_neighbours(
    mentions: list[_Mention], chosen: list[tuple[Place | None, float]], strays: set[int] = frozenset()
) -> list[tuple[Place | None, float]]:
    """A site the gazetteer does not know ('Northwestern Memorial Hospital', "Caesar's Palace"), or one read by
    a stray namesake town of a piece of its name, lies in the nearest town or province named within
    _SITE_REACH characters of it, if any; a span the caller gives as a place, in the nearest named anywhere."""
    out = list(chosen)
    for i, (mention, (place, score)) in enumerate(zip(mentions, chosen)):
        if i not in strays and (place is not None or not mention.site or mention.candidates):
            continue
        near = [(_gap(m, mention), p) for j, (m, (p, _s)) in enumerate(zip(mentions, chosen))
                if p is not None and p.kind in ("city", "admin2", "admin1") and m.kind == "place" and m is not mention
                and j not in strays and not (i in strays and m.site)]
        # a name the caller says is a place takes the nearest named place however far: better than none or a stray
        near = [(d, p) for d, p in near if d <= _SITE_REACH or mention.given]
        if near:
            out[i] = (min(near, key=lambda pair: pair[0])[1], score)
    return out


_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def _spelled_out(a: str, b: str) -> bool:
    """Whether two names differ only by abbreviated words ('St. Petersburg', 'Saint Petersburg')."""
    def key(text: str) -> list[str]:
        return [_SHORT_WORDS.get(w, w) for w in fold(text).split()]
    return fold(a) != fold(b) and key(a) == key(b)


def _within(place: Place, parent: Place) -> bool:
    """Whether ``place`` lies in ``parent``: its country, its province, or within _COUNTY_KM of its town."""
    if place.id == parent.id or parent.kind in ("country", "region", "continent"):
        return place.country == parent.country or not _country_wide(parent)
    if (place.country, place.admin1) != (parent.country, parent.admin1):
        return False
    if parent.kind == "admin1" or place.lat is None or parent.lat is None:
        return True
    return _km(place.lat, place.lon, parent.lat, parent.lon) <= _COUNTY_KM


def _prune(text: str, found: tuple[Place, ...]) -> tuple[Place, ...]:
    """An abbreviation that is a state's or country's own short name means it: 'N.Y.' is the state, not one of
    New York City's alternate names."""
    if "." in text and " " not in text.strip() and any(p.match == 0 and p.kind in ("admin1", "country") for p in found):
        found = tuple(p for p in found if p.match == 0)
    return found


def _country_votes(votes: dict[str, Place], own: str, anchors: set[str]) -> Counter[str]:
    """The countries of the other names' places, an anchor (a name with no namesake abroad) counting in full."""
    countries: Counter[str] = Counter()
    for name, place in votes.items():
        if place.country and not _same_name(name, own):
            countries[place.country] += 1.0 if name in anchors else _AMBIGUOUS_VOTE
    return countries


def _same_name(a: str, b: str) -> bool:
    """Whether one folded name holds the other as whole words ('paris', 'paris community hospital').

    Such names are no independent evidence for each other: the site's town is the same ambiguous
    word, and letting it vote makes a famous namesake confirm itself.
    """
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _county_towns(mentions: list[_Mention]) -> frozenset[int]:
    """Candidates that pair a county with a town in it named elsewhere in the text ('Paris and Henry County').

    GeoNames as packaged links no town to its county: a town within _COUNTY_KM of a same-state
    county's centre is taken to lie in it.
    """
    counties: dict[str, list[Place]] = {}
    towns: dict[str, list[Place]] = {}
    for mention in mentions:
        for place in mention.candidates:
            if place.lat is None or not place.admin1:
                continue
            if place.kind == "admin2":
                counties.setdefault(fold(mention.lookup), []).append(place)
            elif place.kind == "city":
                towns.setdefault(fold(mention.lookup), []).append(place)
    out: set[int] = set()
    for county_name, county_places in counties.items():
        for town_name, town_places in towns.items():
            if _same_name(town_name, county_name):
                continue
            for county in county_places:
                for town in town_places:
                    if (town.country, town.admin1) == (county.country, county.admin1) and \
                            _km(town.lat, town.lon, county.lat, county.lon) <= _COUNTY_KM:
                        out.update((county.id, town.id))
    return frozenset(out)


def _clustered(mentions: list[_Mention]) -> frozenset[int]:
    """Local candidates that have a namesake of another of the text's names within _CLUSTER_KM ('Hopkinton' and
    'Concord' both in New Hampshire, 'Boone County' beside 'Montgomery County' in Indiana): the towns of a local
    story lie together, whichever of their namesakes are best known. Only places called by their own name count."""
    names: dict[str, list[Place]] = {}
    for mention in mentions:
        if mention.kind != "place" or mention.landmark is not None:
            continue
        local = [p for p in mention.candidates if p.kind in _LOCAL_KINDS and p.lat is not None and p.match == 0]
        if local:
            names.setdefault(fold(mention.lookup), local)
    if len(names) < 2:
        return frozenset()
    # cells of _CLUSTER_KM in latitude; a longitude degree is shorter, so two cells aside reach it up to 55 degrees
    cell = _CLUSTER_KM / 111.0
    grid: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    for name, places in names.items():
        for p in places:
            grid.setdefault((int(p.lat // cell), int(p.lon // cell)), []).append((name, p))
    out = set()
    for (a, b), here in grid.items():
        around = [pair for da in (-1, 0, 1) for db in (-2, -1, 0, 1, 2) for pair in grid.get((a + da, b + db), ())]
        if len({name for name, _p in around}) < 2:
            continue  # one name's namesakes only
        for name, p in here:
            if any(not _same_name(other, name) and _km(p.lat, p.lon, q.lat, q.lon) <= _CLUSTER_KM
                   for other, q in around):
                out.add(p.id)
    return frozenset(out)


def _cue_spans(doc: Doc, local_nouns: frozenset[str]) -> list[tuple[int, int, int]]:
    """(start, end, least population) of proper-noun runs in a place-cueing position."""
    out = []
    for tok in doc:
        if tok.lower_ in local_nouns and tok.pos_ == "NOUN":
            start = tok.i
            while start > 0 and tok.i - start < 3 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            if start < tok.i and (start == 0 or doc[start - 1].pos_ != "PROPN"):
                out.append((start, tok.i, 1000))
        elif tok.pos_ == "PROPN" and tok.i > 1 and tok.text[:1].isupper():
            prev, before = doc[tok.i - 1], doc[tok.i - 2]
            person_of = prev.lower_ == "of" and (before.ent_type_ == "PERSON" or before.text == ",")
            seat = prev.text == "-" and before.text in ("D", "R", "I")
            if person_of or seat:
                end = tok.i + 1
                while end < len(doc) and end - tok.i < 3 and doc[end].pos_ == "PROPN":
                    end += 1
                out.append((tok.i, end, 0))
    return out


def _named_for_saint(text: str, mention: _Mention) -> bool:
    """Whether a mention is a saint's name opening a longer name ('St. Peter' of 'St. Peter's Basilica', read as
    Saint Peter, Minn.) or a saint's feast ('St. Patrick's Day'): no town. A site so named ('St. John's Hospital')
    stays, to be placed by the towns named near it."""
    match = _SAINT_POSSESSIVE.match(text, mention.start)
    if match is None:
        return False
    return match.group(1) == "Day" or not mention.site and mention.end <= match.start(1)


def _surnames(doc: Doc) -> frozenset[str]:
    """Folded last words of the document's multi-word person names ('coach Mike Ripley' → ripley), but of none
    that the parser mistook for a person: a place's modifier or a street before the last word ('Historic
    Dublin', 'Wichita Drive', 'W. Bridge St.')."""
    return frozenset(fold(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                     and fold(ent[0].text) not in _PLACE_MODIFIERS and not _STREET.search(ent.text))


def _is_surname(doc: Doc, mention: _Mention, surnames: frozenset[str]) -> bool:
    """A one-word place mention that is the surname of a person named in the document ('said Fairfield')."""
    if mention.kind != "place" or mention.site or " " in mention.text or fold(mention.text) not in surnames:
        return False
    span = doc.char_span(mention.start, mention.end)
    return span is None or not _after_locative(span)


def _free_for_place(span: Span) -> bool:
    """Whether no entity claims the span for something else (a longer person name, a date...)."""
    first = span[0]
    if not first.ent_type_:
        return True
    if first.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW"):
        return False
    doc = span.doc
    start = first.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = first.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if first.ent_type_ == "PERSON":
        return start == span.start and end == span.end  # 'Alexandria' alone, not 'Alexandria Smith'
    return start == span.start or (start == span.start - 1 and doc[start].lower_ == "the")


def _is_county(text: str) -> bool:
    """'Walker County', 'Red River Parish': a name that says it is a second-order division."""
    return fold(text).rsplit(" ", 1)[-1] in _COUNTY_WORDS


def _landmarks(gazetteer: Gazetteer) -> dict[str, Place]:
    """Folded landmark names → the town they stand in (data/places_landmarks.tsv)."""
    out: dict[str, Place] = {}
    for names, town, country in _read_tsv("places_landmarks.tsv"):
        found = [p for p in gazetteer.lookup(town) if p.country == country and p.kind == "city" and p.match == 0]
        if found:
            place = max(found, key=lambda p: p.population)
            out.update({fold(name): place for name in names.split("|")})
    return out


def _strip(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive, but a saint's ('St. John's' is a town's own name)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].tag_ == "POS" and not (
            end - start == 3 and fold(doc[start].text) in ("st", "saint", "ste", "sainte")):
        end -= 1
    return doc[start:end] if end > start else None


def _extend_site(doc: Doc, span: Span) -> Span:
    """'Baghdad' followed by 'airport' / 'International Airport' → the site span."""
    end = span.end
    while end < len(doc) and end - span.end < 3 and doc[end].lower_ in _SITE_FILLER - {"the", "of"}:
        end += 1
    if end < len(doc) and doc[end].lower_ in SITE_WORDS and doc[end].pos_ in ("NOUN", "PROPN"):
        return doc[span.start : end + 1]
    return span


def _after_locative(span: Span) -> bool:
    """Whether the span is the object of a locative preposition ('near Bentiu')."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in ("the",) and span.start > 1:
        prev = span.doc[span.start - 2]
    return prev is not None and prev.lower_ in _STRONG_PREPS


def _is_metonym(doc: Doc, mention: _Mention, place: Place) -> bool:
    """'Washington announced', 'Iraq rejected': a country or capital as the subject of a verb."""
    if (mention.site and mention.landmark is None) or not (
        place.kind in ("country", "admin1") or place.feature_code == "PPLC" or mention.landmark is not None
    ):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    return root.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_ != "be"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))
