"""The event-trigger lexicon: verb patterns, noun triggers and CAMEO→PLOVER, loaded once.

The data file ``whimbrel/data/verbs.json.gz`` is built by ``scripts/build_verbs.py`` from the
PETRARCH2 CAMEO verb dictionary (MIT) and the CAMEO→PLOVER table (CC BY-SA 4.0).
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

DATA_FILE = "verbs.json.gz"


@dataclass(frozen=True)
class Alternative:
    """One acceptable filler of a pattern slot: a head word and modifier sets (any word of each)."""

    head: str
    mods: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Element:
    """A pattern slot: an optional preposition and its acceptable fillers (none: the bare preposition)."""

    prep: str | None
    alts: tuple[Alternative, ...]
    heads: frozenset[str]
    bare: bool = False  # the slot is the preposition alone


@dataclass(frozen=True)
class Pattern:
    """A compiled verb pattern: slots before and after the verb, its code (None: not an event)."""

    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: str | None
    spec: int
    order: int  # position in the dictionary: later patterns win ties, as in PETRARCH


@dataclass(frozen=True)
class VerbEntry:
    """One dictionary verb: its block's patterns, its code, and words a multi-word verb needs."""

    block: int
    code: str | None
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class NounEntry:
    """A noun trigger: the verb it nominalises, its code, and modifier-specific codes."""

    verb: str
    code: str
    mods: dict[str, str]


@dataclass(frozen=True)
class PloverCode:
    """What a CAMEO code means in PLOVER."""

    event_type: str
    mode: str | None
    contexts: tuple[str, ...]


class Lexicon:
    """Verb entries, block patterns, noun triggers and the CAMEO→PLOVER table."""

    def __init__(self, data: dict[str, Any]) -> None:
        synsets = {name: [tuple(words) for words in phrases] for name, phrases in data["synsets"].items()}
        self._synsets = synsets
        self.blocks: list[tuple[Pattern, ...]] = []
        order = 0
        for block in data["blocks"]:
            compiled = []
            for raw in block["patterns"]:
                compiled.append(
                    Pattern(
                        pre=tuple(self._element(e) for e in raw["pre"]),
                        post=tuple(self._element(e) for e in raw["post"]),
                        code=raw["code"],
                        spec=raw["spec"],
                        order=order,
                    )
                )
                order += 1
            self.blocks.append(tuple(compiled))
        self.verbs: dict[str, tuple[VerbEntry, ...]] = {
            lemma: tuple(
                VerbEntry(block=e["block"], code=e["code"], before=tuple(e["before"]), after=tuple(e["after"]))
                for e in entries
            )
            for lemma, entries in data["verbs"].items()
        }
        self.nouns: dict[str, NounEntry] = {
            noun: NounEntry(verb=e["verb"], code=e["code"], mods=dict(e["mods"])) for noun, e in data["nouns"].items()
        }
        self._combine: dict[str, dict[str, str]] = data.get("combine", {})
        self._plover = {
            code: PloverCode(event_type=v[0], mode=v[1], contexts=tuple(v[2])) for code, v in data["plover"].items()
        }

    def plover(self, code: str | None) -> PloverCode | None:
        """PLOVER meaning of a CAMEO code (its nearest listed parent if needed); None for non-events."""
        while code:
            if code in self._plover:
                return self._plover[code]
            if len(code) > 3:
                code = code[:3]
            elif code[2:] != "0":
                code = code[:2] + "0"
            else:
                return None
        return None

    def combine(self, kind: str, code: str | None) -> str | None:
        """The ``kind`` ("intent" or "demand") version of a cooperative CAMEO code, if CAMEO has one:
        ``combine("intent", "073")`` → "0333" (express intent to provide humanitarian aid)."""
        if not code:
            return None
        table = self._combine.get(kind, {})
        return table.get(code[:3]) or table.get(code[:2])

    def _words(self, word: str) -> list[tuple[str, ...]]:
        if word.startswith("&"):
            return self._synsets.get(word[1:], [])
        return [(word,)]

    def _element(self, raw: dict[str, Any]) -> Element:
        alts: list[Alternative] = []
        for words in raw["alts"]:
            *mods, head = words
            mod_sets = tuple(
                frozenset(phrase[-1] for phrase in self._words(m)) for m in mods if m not in ("the", "a", "an")
            )
            for phrase in self._words(head):
                *extra, last = phrase
                alts.append(Alternative(head=last, mods=mod_sets + tuple(frozenset([w]) for w in extra)))
        bare = raw["prep"] is not None and not raw["alts"]
        return Element(prep=raw["prep"], alts=tuple(alts), heads=frozenset(a.head for a in alts), bare=bare)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process."""
    path = resources.files("whimbrel") / "data" / DATA_FILE
    with path.open("rb") as handle:
        data = json.loads(gzip.decompress(handle.read()))
    return Lexicon(data)
