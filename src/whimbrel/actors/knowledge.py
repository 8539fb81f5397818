"""The packaged actor knowledge base: named actors with date-bounded roles, agent nouns, and a matcher.

The data file ``whimbrel/data/actors.json.gz`` is built by ``scripts/build_actors.py``
(sources and licences are listed in its ``attribution`` field and in data/README_actors.md).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from whimbrel.actors.text import NameFolding, pieces

DATA_FILE = "actors.json.gz"
# Sectors of public office: someone whose terms in them have all ended is an elite (ELI).
_OFFICES = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


@dataclass(frozen=True)
class Role:
    """What a named actor is during [start, end] (YYYYMMDD); ``end == 0`` marks the default role."""

    country: str | None
    sector: str | None
    start: int
    end: int

    @property
    def default(self) -> bool:
        """The role that holds on dates none of the actor's bounded roles covers."""
        return self.end == 0


def _day_number(date: dt.date | None) -> int:
    """``date`` (today when None) as the YYYYMMDD number roles' start and end are written in."""
    return int((date or dt.date.today()).strftime("%Y%m%d"))


@dataclass(frozen=True)
class Entry:
    """A named actor of the knowledge base."""

    name: str
    roles: tuple[Role, ...]
    place: bool = False  # a city: counts for the country, never names an actor by itself
    alternates: tuple[str, ...] = ()  # other countries with a sizeable city of this name (Tripoli: LBN)

    def role_at(self, date: dt.date | None) -> Role | None:
        """The role at ``date`` (today when None): the latest-starting bounded role covering it, else the default."""
        day = _day_number(date)
        covering = [r for r in self.roles if not r.default and r.start <= day <= r.end]
        if covering:
            return max(covering, key=lambda r: r.start)
        defaults = [r for r in self.roles if r.default]
        if defaults:
            return defaults[-1]
        past = [r for r in self.roles if r.end < day and r.sector in _OFFICES]
        if past:  # every office has ended: an ex-official is an elite
            return Role(max(past, key=lambda r: r.end).country, "ELI", 0, 0)
        return None

    def country_at(self, date: dt.date | None) -> str | None:
        """The actor's country at ``date``: its role's then, else that of the role that ended last before it
        (Eritrea after the dictionaries' 2014 horizon is still Eritrea), else any role's (``any_country``)."""
        role = self.role_at(date)
        if role is not None:
            return role.country
        day = _day_number(date)
        ended = [r for r in self.roles if r.country and not r.default and r.end < day]
        return max(ended, key=lambda r: r.end).country if ended else self.any_country()

    def any_country(self) -> str | None:
        """A country the actor has in any role, for dates none of its roles covers."""
        countries = [r.country for r in self.roles if r.country]
        return max(set(countries), key=countries.count) if countries else None


@dataclass(frozen=True)
class WordClasses:
    """Word lists the resolver's rules read, from supplement.tsv's ``words`` rows (see its comments)."""

    instrument: frozenset[str]  # weapons and blasts: their user is an unidentified attacker
    attack_noun: frozenset[str]  # attacks that may name their doer ("an Israeli air strike")
    out_of_office: frozenset[str]  # "former", "ousted": the title's holder is an elite
    stative_passive: frozenset[str]  # "X is opposed to Y": the subject is the actor
    reaction_noun: frozenset[str]  # "in protest of X", "in defiance of X": the phrase names the target
    demanding: frozenset[str]  # verbs whose that-clause subject is the one asked
    summoning: frozenset[str]  # "summoned a diplomat to complain": the subject, not the object, complains
    saying: frozenset[str]  # verbs whose subject speaks
    announcing: frozenset[str]  # verbs whose subject decides what it announces
    partitive: frozenset[str]  # "dozens of X" is about X
    foreign: frozenset[str]  # modifiers that make an unnamed agent foreign
    adjective_only: frozenset[str]  # agent words that as adjectives mean something else
    transnational: frozenset[str]  # name words that make an unknown organisation span countries
    multinational: frozenset[str]  # modifiers that make an unnamed agent several states' joint body (IGO)
    region_prefix: frozenset[str]  # "South" in "South American": the one-word name after it is a region's
    ally_noun: frozenset[str]  # "Israel's militia ally in southern Lebanon": the patron is not its country
    polity_noun: frozenset[str]  # "the country of Suriname": the place its "of" phrase names
    kin_movement: frozenset[str]  # "nationalist", "separatist": a movement's nationality is its kin, not its state
    visitor: frozenset[str]  # "hostage", "aid worker", "diplomat": people often abroad, of no armed group's country

    @classmethod
    def from_data(cls, words: dict[str, list[str]]) -> WordClasses:
        """The classes of the data file's ``words`` table; a class missing there is an error."""
        return cls(**{name: frozenset(words[name]) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Match:
    """A knowledge-base phrase found in a doc: tokens [start, end)."""

    start: int
    end: int
    entry: Entry | None = None  # a named actor
    sector: str | None = None  # an agent noun


class KnowledgeBase:
    """Named actors, agent nouns, person titles, the sectors that default to the document's country, the
    resolver's word classes and the sectors of implied parties."""

    def __init__(self, data: dict) -> None:
        self._rows: list[list] = data["entries"]
        self._alternates: dict[str, list[str]] = data.get("alternates", {})
        self._entries: dict[int, Entry] = {}
        self.names: dict[str, int] = data["names"]
        self.agents: dict[str, str] = data["agents"]
        self.titles: frozenset[str] = frozenset(data["titles"])
        self.domestic: frozenset[str] = frozenset(data["domestic"])
        self.countries: dict[str, str] = data["countries"]
        self.words = WordClasses.from_data(data["words"])
        self._implied: dict[str, dict[str, str]] = data["implied"]
        self._name_len = _first_piece_lengths(self.names)
        self._agent_len = _first_piece_lengths(self.agents)
        self.folding = NameFolding.from_data(data.get("folding", {}))
        self.folded: dict[str, int] = data.get("folded", {})

    def entry(self, index: int) -> Entry:
        """The named actor at ``index``, built on first use (most are never needed)."""
        found = self._entries.get(index)
        if found is None:
            row = self._rows[index]
            alternates = tuple(self._alternates.get(str(index), ()))
            found = Entry(row[0], tuple(Role(*r) for r in row[1]), place=len(row) > 2 and bool(row[2]), alternates=alternates)
            self._entries[index] = found
        return found

    def lookup(self, name: str) -> Entry | None:
        """The named actor a surface form ("U.S.", "Barack Obama") stands for."""
        index = self.names.get(" ".join(pieces(name)))
        return None if index is None else self.entry(index)

    def lookup_person(self, name: str) -> Entry | None:
        """The listed person a PERSON name stands for: by its exact form, else by its spelling-folded key
        ("Serzh Sarkisian" is SERZH_SARKISYAN_; the build keeps only keys of one person or one country's). Only a
        full name is folded (:meth:`NameFolding.full_name`)."""
        index = self.names.get(" ".join(pieces(name)))
        if index is None:
            index = self._folded_index(name)
        return None if index is None else self.entry(index)

    def _folded_index(self, name: str) -> int | None:
        """The entry a full name's spelling-folded key stands for (a lone surname or initials: none)."""
        return self.folded.get(self.folding.key(pieces(name))) if self.folding.full_name(name) else None

    @classmethod
    def load(cls) -> KnowledgeBase:
        """Read the packaged data file."""
        path = resources.files("whimbrel") / "data" / DATA_FILE
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    def name_matches(self, doc: Doc) -> list[Match]:
        """Named actors in ``doc``, longest first, left to right, written with a capital."""
        def accept(start: int, end: int, key: str) -> bool:
            if not _looks_like_name(doc, start, end) or _is_currency(doc, end):
                return False
            before = doc[start - 1] if start > 0 else None
            if end - start == 1 and before is not None and before.text[:1].isupper() and before.lower_ in self.words.region_prefix:
                return False  # "South American", "Latin American": a region, not the United States
            if self._part_of_longer_place(doc, start, end, self.entry(self.names[key])):
                return False
            return not self.entry(self.names[key]).place or _standalone_place(doc, start, end)

        hits = _scan(doc, self._name_len, self.names, accept=accept)
        found = [Match(s, e, entry=self.entry(self.names[k])) for s, e, k in hits]
        return sorted(found + self._folded_person_matches(doc, found), key=lambda m: m.start)

    def _part_of_longer_place(self, doc: Doc, start: int, end: int, entry: Entry) -> bool:
        """Whether a country's or a town's own name is only part of a longer place name the tagger reads.

        A country's: capitalised words of the name on either side ("the Niger Delta", "Lake Chad", "Lebanon
        County", "New Mexico"), not a compass word before it nor what follows a possessive ("South Venezuela",
        "Saudi Arabia's Asir"); a polity word keeps it ("the Yemen Arab Republic"). A town's: capitalised words
        before it, after any preposition ("Niger Delta" is no Delta, B.C.; "the City of Canton" is Canton)."""
        entity = next((e for e in doc.ents if e.start <= start < e.end and e.label_ in ("GPE", "LOC", "FAC")), None)
        if entity is None or (entity.start >= start and entity.end <= end):
            return False

        def names_more(tokens) -> bool:
            return any(t.text[:1].isupper() and t.lower_ not in _COMPASS for t in tokens)

        before = list(doc[entity.start : start])
        cut = next((k + 1 for k in range(len(before) - 1, -1, -1) if before[k].pos_ == "ADP" or before[k].tag_ == "POS"), 0)
        before = before[cut:]  # "the City of Canton", "Saudi Arabia's Asir": the name begins after "of", "'s"
        after = list(doc[end : entity.end])
        after = after[: next((k for k, t in enumerate(after) if t.tag_ == "POS"), len(after))]  # "Saudi Arabia's Asir"
        if entry.place:
            return names_more(before)  # "the Yemen Arab Republic" is no Republic, Mo.
        if any(t.lower_ in self.words.polity_noun for t in entity):
            return False  # "the Yemen Arab Republic": a state's long name
        country = entry.country_at(None)
        if country is None or pieces(doc[start:end].text) != pieces(self.countries.get(country, "")):
            return False  # "Kandahar Province" is Afghanistan's
        return names_more(before) or names_more(after)

    def _folded_person_matches(self, doc: Doc, exact: list[Match]) -> list[Match]:
        """PERSON entities no exact name touches, found by their spelling-folded key ("Viktor Yanukovich"), and
        runs of capitalised proper nouns the tagger gave another label or none that spell a listed person's full
        name ("Serzh Sarkissian" tagged GPE + nothing)."""
        taken = {i for m in exact for i in range(m.start, m.end)}
        found = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(t.i in taken for t in ent):
                continue
            index = self._folded_index(ent.text)
            if index is not None:
                found.append(Match(ent.start, ent.end, entry=self.entry(index)))
        taken.update(i for m in found for i in range(m.start, m.end))
        for start, end in _proper_runs(doc):
            if not any(i in taken for i in range(start, end)):
                match = self._run_person(doc, start, end)
                if match is not None:
                    found.append(match)
        return found

    def _run_person(self, doc: Doc, start: int, end: int) -> Match | None:
        """The listed person a run of proper nouns names in full after any titles ("President Heydar Aliev"), by its
        spelling-folded key; none where the name is also a place's (a gazetteer or country name stays a place)."""
        while start < end - 1:
            name = doc[start:end].text
            index = self._folded_index(name)
            if index is not None:
                return None if _names_a_place(name) else Match(start, end, entry=self.entry(index))
            if doc[start].lower_ not in self.titles:
                return None
            start += 1
        return None

    def agent_matches(self, doc: Doc) -> list[Match]:
        """Agent nouns ("riot police", "protesters") in ``doc``, longest first, left to right."""
        return [Match(s, e, sector=self.agents[k]) for s, e, k in _scan(doc, self._agent_len, self.agents)]

    def implied_sector(self, side: str, event_type: str) -> str:
        """The sector of a party implied for ``side`` ("source" or "target") of an event type that names none."""
        table = self._implied[side]
        return table.get(event_type, table["DEFAULT"])

    def agent_sector(self, word: str) -> str | None:
        """The sector of a single agent noun or lemma."""
        return self.agents.get(" ".join(pieces(word)))


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return KnowledgeBase.load()


def _first_piece_lengths(table: dict[str, object]) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for key in table:
        words = key.split(" ")
        if lengths.get(words[0], 0) < len(words):
            lengths[words[0]] = len(words)
    return lengths


def _scan(
    doc: Doc,
    lengths: dict[str, int],
    table: dict[str, object],
    accept: Callable[[int, int, str], bool] = lambda start, end, key: True,
) -> list[tuple[int, int, str]]:
    """Greedy longest matches of ``table`` keys over the doc's word pieces, on token boundaries."""
    words: list[str] = []
    owner: list[int] = []
    for token in doc:
        for piece in pieces(token.text):
            words.append(piece)
            owner.append(token.i)
    found = []
    p = 0
    while p < len(words):
        longest = lengths.get(words[p], 0)
        hit = None
        if longest and (p == 0 or owner[p - 1] != owner[p]):
            for n in range(min(longest, len(words) - p), 0, -1):
                last = p + n - 1
                if last + 1 < len(words) and owner[last + 1] == owner[last]:
                    continue  # would end inside a token
                key = " ".join(words[p : p + n])
                if key in table and accept(owner[p], owner[last] + 1, key):
                    hit = (owner[p], owner[last] + 1, key, n)
                    break
        if hit:
            found.append(hit[:3])
            p += hit[3]
        else:
            p += 1
    return found


def _proper_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns outside PERSON entities, a hyphen or a name particle written
    between two of them kept inside ("Levon Ter-Petrossian", "Nuri al-Maliki")."""
    def proper(token) -> bool:
        return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ != "PERSON"

    i = 0
    while i < len(doc):
        if not proper(doc[i]):
            i += 1
            continue
        end = i + 1
        while end < len(doc):
            if proper(doc[end]):
                end += 1
                continue
            inner = doc[end].text == "-" or doc[end].lower_ in _PARTICLES
            gap = end + 1 < len(doc) and doc[end + 1].text == "-" and doc[end].lower_ in _PARTICLES
            after = end + (2 if gap else 1)
            if inner and after < len(doc) and proper(doc[after]):
                end = after + 1
                continue
            break
        yield i, end
        i = end


def _names_a_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place other than a site (an airport or a park named after the
    person names no place of its own)."""
    from whimbrel.places.gazetteer import default_gazetteer  # the index is opened only when a run needs it

    return any(place.kind != "site" for place in default_gazetteer().lookup(name))


def _standalone_place(doc: Doc, start: int, end: int) -> bool:
    """A city name that is not part of a person's or a longer organisation's name ("Manchester United"), and
    that the tagger takes for a name or that follows a locative word ("Federal Minister" is no town)."""
    if doc[start].ent_iob_ == "O" and not (start and doc[start - 1].lower_ in _PLACE_PREPS):
        return False
    for token in doc[start:end]:
        if token.ent_type_ == "PERSON":
            return False
        if token.ent_iob_ != "O" and token.ent_type_ not in ("GPE", "LOC", "FAC"):
            entity = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if entity is not None and (entity.start < start or entity.end > end):
                return False
    return True


# words before a country's name that make a part of it, not another place ("South Venezuela", "the Central Sahel")
_COMPASS = {"the", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
            "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"}
_PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "of", "around", "across"}
def _is_currency(doc: Doc, end: int) -> bool:
    """"US $50 million", "Hong Kong $3": a country name qualifying a currency sign names no actor."""
    return end < len(doc) and doc[end].text[:1] in "$€£¥"


_PARTICLES = {"al", "el", "ad", "as", "ash", "an", "bin", "ibn", "de", "da", "van", "von", "abu"}


def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
    """Names start with a capital: "US" the country, not "us" the pronoun; "Houthi rebels" and
    "al-Shabaab" are fine."""
    first = doc[start].text[:1]
    if first.isupper() or first.isdigit():
        return True
    if doc[start].lower_ in _PARTICLES:
        rest = [t for t in doc[start + 1 : end] if t.is_alpha]
        return bool(rest) and rest[0].text[:1].isupper()
    return False
