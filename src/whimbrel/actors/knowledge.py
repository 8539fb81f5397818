"""The packaged actor knowledge base: named actors with date-bounded roles, agent nouns, and a matcher.

The data file ``whimbrel/data/actors.json.gz`` is built by ``scripts/build_actors.py``
(sources and licences are listed in its ``attribution`` field and in data/README_actors.md).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from whimbrel.actors.text import pieces

DATA_FILE = "actors.json.gz"


@dataclass(frozen=True)
class Role:
    """What a named actor is during [start, end] (YYYYMMDD); ``end == 0`` marks the default role."""

    country: str | None
    sector: str | None
    start: int
    end: int

    @property
    def default(self) -> bool:
        return self.end == 0


@dataclass(frozen=True)
class Entry:
    """A named actor of the knowledge base."""

    name: str
    roles: tuple[Role, ...]

    def role_at(self, date: dt.date | None) -> Role | None:
        """The role at ``date`` (today when None): the latest-starting bounded role covering it, else the default."""
        day = int((date or dt.date.today()).strftime("%Y%m%d"))
        covering = [r for r in self.roles if not r.default and r.start <= day <= r.end]
        if covering:
            return max(covering, key=lambda r: r.start)
        defaults = [r for r in self.roles if r.default]
        return defaults[-1] if defaults else None

    def any_country(self) -> str | None:
        """A country the actor has in any role, for dates none of its roles covers."""
        countries = [r.country for r in self.roles if r.country]
        return max(set(countries), key=countries.count) if countries else None


@dataclass(frozen=True)
class Match:
    """A knowledge-base phrase found in a doc: tokens [start, end)."""

    start: int
    end: int
    entry: Entry | None = None  # a named actor
    sector: str | None = None  # an agent noun


class KnowledgeBase:
    """Named actors, agent nouns, person titles and the sectors that default to the document's country."""

    def __init__(self, data: dict) -> None:
        self.entries = [Entry(name, tuple(Role(*row) for row in roles)) for name, roles in data["entries"]]
        self.names: dict[str, int] = data["names"]
        self.agents: dict[str, str] = data["agents"]
        self.titles: frozenset[str] = frozenset(data["titles"])
        self.domestic: frozenset[str] = frozenset(data["domestic"])
        self.countries: dict[str, str] = data["countries"]
        self._name_len = _first_piece_lengths(self.names)
        self._agent_len = _first_piece_lengths(self.agents)

    @classmethod
    def load(cls) -> KnowledgeBase:
        """Read the packaged data file."""
        path = resources.files("whimbrel") / "data" / DATA_FILE
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    def name_matches(self, doc: Doc) -> list[Match]:
        """Named actors in ``doc``, longest first, left to right, written with a capital."""
        found = []
        for start, end, key in _scan(doc, self._name_len, self.names):
            if _looks_like_name(doc, start, end):
                found.append(Match(start, end, entry=self.entries[self.names[key]]))
        return found

    def agent_matches(self, doc: Doc) -> list[Match]:
        """Agent nouns ("riot police", "protesters") in ``doc``, longest first, left to right."""
        return [Match(s, e, sector=self.agents[k]) for s, e, k in _scan(doc, self._agent_len, self.agents)]

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


def _scan(doc: Doc, lengths: dict[str, int], table: dict[str, object]) -> list[tuple[int, int, str]]:
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
                if key in table:
                    hit = (owner[p], owner[last] + 1, key, n)
                    break
        if hit:
            found.append(hit[:3])
            p += hit[3]
        else:
            p += 1
    return found


_LOWER_OK = {"of", "the", "and", "for", "al", "el", "de", "bin", "ibn", "-", "'s", "du", "da", "von", "der", "van"}


def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
    """Names are capitalised: "US" the country, not "us" the pronoun."""
    first = doc[start]
    if not (first.text[:1].isupper() or first.text[:1].isdigit()):
        return False
    return all(t.text[:1].isupper() or t.lower_ in _LOWER_OK or not t.is_alpha for t in doc[start:end])
