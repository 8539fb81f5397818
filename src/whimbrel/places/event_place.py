"""Where an event happened: the toponym attached to the event's clause, else the sentence's, else the country."""

from __future__ import annotations

import bisect

from collections import Counter
from dataclasses import fields

from spacy.tokens import Doc, Token

from whimbrel.events.mention import EventMention
from whimbrel.places.geoparse import LOCATIVE_PREPS, SITE_WORDS, Toponym
from whimbrel.records.schema import Location

# Dependency labels that start a clause of their own.
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"})
# Words "of" a place turns into a place around it ("the outskirts of Kabul", "west of Baghdad").
_AROUND_WORDS = frozenset("outskirts edge centre center north south east west northeast northwest southeast southwest "
                          "suburbs heart".split())
# Units of a distance that makes the place after it a reference point ("60 km south of Baghdad").
_MEASURE_WORDS = frozenset("km kilometer kilometre mile mi".split())
REFERENCE = "<reference>"
# Prepositions that name where something went or came from, not where it happened.
_DIRECTIONAL = frozenset({"from", "to", "into", "towards", "toward"})
# Nouns a place name may modify and still say where ("the al-Tijara neighbourhood", "Anbar province").
_PLACE_NOUNS = frozenset(
    "neighbourhood neighborhood district province governorate region area city town village county state "
    "suburb quarter countryside border coast island valley desert peninsula municipality capital outskirts "
    "zone front frontier sector".split()
) | SITE_WORDS


def event_location(doc: Doc, mention: EventMention, toponyms: list[Toponym]) -> Location | None:
    """The place where the event triggered by ``doc[mention.trigger_i]`` happened, or None.

    Order of preference: a place attached to the trigger's clause by a locative preposition
    ("in", "near", "outside"…), or to a clause that governs it; another place in the trigger's
    clause; a place elsewhere in the sentence when the sentence has one clause; a place in a clause
    the trigger governs ("shot while traveling near Kabul"); the country most of the document's places
    lie in (precision 'country'). Demonyms, metonyms ("Washington announced") and countries naming a
    party ("U.S. troops") are never the place.
    """
    trigger = doc[mention.trigger_i]
    sent = trigger.sent
    places = _DocumentPlaces.of(doc, toponyms)
    in_sentence = places.within(sent.start_char, sent.end_char)
    trigger_clause = _clause_head(trigger)
    ranked: list[tuple[int, int, Toponym]] = []
    clauses = {_clause_head(tok) for tok in sent if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT"}
    for topo in in_sentence:
        span = doc.char_span(topo.start, topo.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if topo.precision == "country" and _names_a_party(root):
            continue  # "U.S. forces", "a US air strike": whose, not where (a town there still says where: "a Baghdad cafe")
        prep = _governing_prep(root)
        clause = _clause_head(root)
        distance = abs(root.i - trigger.i)
        if clause == trigger_clause or _dominates(clause, trigger_clause):
            own = clause == trigger_clause
            if prep is not None and prep in LOCATIVE_PREPS - _DIRECTIONAL:
                rank = 0 if own else 1
            elif prep in _DIRECTIONAL or prep == REFERENCE:
                rank = 3
            else:
                rank = 2 if own else 3
        elif len(clauses) <= 1:
            rank = 3
        elif _dominates(trigger_clause, clause):
            rank = 4 if prep in LOCATIVE_PREPS - _DIRECTIONAL else 5
        else:
            continue  # a place said about another clause of the sentence
        ranked.append((rank, distance, topo))
    if ranked:
        # equally attached places: the finest wins, as ACLED codes the most specific location named
        ranked.sort(key=lambda r: (r[0], _FINENESS.get(r[2].precision or "", len(_FINENESS)), r[1]))
        return _location(ranked[0][2])
    return places.country_fallback(doc)


class _DocumentPlaces:
    """The resolved places of one document, indexed once for all of its events."""

    def __init__(self, toponyms: list[Toponym]) -> None:
        self.toponyms = toponyms
        self.places = sorted((t for t in toponyms if t.kind == "place" and t.resolved), key=lambda t: t.start)
        self.starts = [t.start for t in self.places]
        self._fallback: tuple[Location | None] | None = None

    @classmethod
    def of(cls, doc: Doc, toponyms: list[Toponym]) -> _DocumentPlaces:
        """The index for ``toponyms``, kept on the doc while the same list is passed."""
        index = doc.user_data.get("whimbrel_places")
        if index is None or index.toponyms is not toponyms:
            index = doc.user_data["whimbrel_places"] = cls(toponyms)
        return index

    def within(self, start: int, end: int) -> list[Toponym]:
        """Places lying inside the character range."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [t for t in self.places[first:last] if t.end <= end]

    def country_fallback(self, doc: Doc) -> Location | None:
        """The country most of the document's places lie in (computed once); a country named as a party
        ("U.S. helicopters") says whose, not where, and has no vote."""
        if self._fallback is None:
            self._fallback = (_country_fallback([t for t in self.places if not _party_country(doc, t)]),)
        return self._fallback[0]


_FINENESS = {precision: order for order, precision in enumerate(("site", "city", "district", "province", "country", "region"))}


def _party_country(doc: Doc, topo: Toponym) -> bool:
    """Whether a country toponym only modifies a party noun."""
    if topo.precision != "country":
        return False
    span = doc.char_span(topo.start, topo.end, alignment_mode="expand")
    return span is not None and _names_a_party(span.root)


def _names_a_party(token: Token) -> bool:
    """Whether a name only modifies a noun that is no place ("U.S. troops", "Indian and US warships")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    return (
        token.dep_ in ("compound", "amod", "nmod")
        and head.i != token.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.lemma_.lower() not in _PLACE_NOUNS
        and head.lower_ not in _PLACE_NOUNS
    )


def _clause_head(token: Token) -> Token:
    """The nearest ancestor-or-self that heads a clause (a verb, or the sentence root)."""
    current = token
    while current.dep_ not in _CLAUSE_DEPS or (current.pos_ not in ("VERB", "AUX") and current.dep_ != "ROOT"):
        if current.head.i == current.i:
            break
        current = current.head
    return current


def _dominates(upper: Token, lower: Token) -> bool:
    """Whether clause ``upper`` governs clause ``lower`` ("In Baghdad, police said they arrested…")."""
    return upper is not lower and upper in lower.ancestors


def _governing_prep(token: Token) -> str | None:
    """The preposition whose object the toponym is (through compounds, conjuncts and "the town of");
    ``REFERENCE`` for a point a distance is measured from ("60 km south of Baghdad")."""
    current = token
    for _ in range(6):
        if current.dep_ == "pobj" and current.head.pos_ == "ADP":
            prep = current.head
            if prep.lower_ == "of" and prep.head.lower_ in _AROUND_WORDS:
                # "on the outskirts of X": the locative word is the outer preposition
                if any(child.lemma_.lower() in _MEASURE_WORDS for child in prep.head.subtree):
                    return REFERENCE
                return "outside"
            if prep.lower_ == "of" and prep.head.i != prep.i and prep.head.lemma_.lower() in _PLACE_NOUNS:
                current = prep.head  # "in the town of X": the town's preposition
                continue
            return prep.lower_
        if current.dep_ in ("compound", "conj", "appos", "amod", "nmod") and current.head.i != current.i:
            current = current.head
            continue
        break
    return None


def _location(topo: Toponym) -> Location:
    """The record's location from a resolved toponym (a toponym carries every Location field)."""
    return Location(**{f.name: getattr(topo, f.name) for f in fields(Location)})


def _country_fallback(places: list[Toponym]) -> Location | None:
    """The country most of the document's places lie in, when a majority do."""
    countries = Counter(t.country for t in places if t.country)
    if not countries:
        return None
    (code, votes), total = countries.most_common(1)[0], sum(countries.values())
    if votes * 2 <= total:
        return None
    from whimbrel.places.gazetteer import default_gazetteer

    country = default_gazetteer().country(code)
    if country is None:
        return None
    said = next((t.text for t in places if t.country == code and t.precision == "country"), country.name)
    return Location(
        text=said, name=country.name, geonameid=country.geonameid, lat=country.lat, lon=country.lon,
        country=code, admin1=None, feature_code=country.feature_code, precision="country",
    )
