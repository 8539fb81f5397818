"""Scorers: gold items + whimbrel's predictions → snake_case metrics, one function per gold set.

Predictions for event sets are ``{doc_id: [Event, ...]}`` where ``doc_id`` is the gold item's
document id; for geoparse sets ``{doc_id: [Toponym, ...]}`` (anything with ``start``, ``end``,
``geonameid``, ``lat``, ``lon``, ``country``).

How predicted events meet gold items (the same rules for every set):

- The **primary** event of a text is its highest-confidence event (ties: the first in the text).
  It alone answers "what type of event is this sentence?" (``type_accuracy``, ``type_macro_f1``,
  the 5-way class). A text with no event is "no event" for PLOVER (wrong unless the gold has no
  type) and *statement* for the 5-way ConfliBERT classes.
- Attribute metrics (mode, actors, place, CAMEO code) judge the **matched** event: the
  highest-confidence event with the gold type (or CAMEO code, then root) if there is one, else the
  primary event. So a correct actor is not lost to a second, differently-typed event.
- Countries are equal as ISO alpha-3 codes; a gold ``IGO`` matches any predicted code that is not
  a country (whimbrel names organisations by their own codes). Sectors compare on their first
  three letters. A gold actor list is matched when any predicted actor shares a country (sector).
- Spans (actors, toponyms) match when they overlap by at least one character.
- Detection sets (india-police, glocon) ignore negated and hypothetical events.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from whimbrel.evaluation.gold import (
    PENTA_CLASSES,
    GoldArticle,
    GoldDocument,
    GoldEvent,
    GoldEventLocation,
    GoldSentence,
    GoldSpan,
)
from whimbrel.evaluation.metrics import (
    HALF_CIRCUMFERENCE_KM,
    accuracy,
    binary_prf,
    f1,
    haversine_km,
    macro_f1,
    median,
    prf,
    ratio,
    spans_overlap,
)
from whimbrel.records.schema import ActorRef, Event

Metrics = dict[str, Any]

# ConfliBERT's five classes by CAMEO root, as its annotators' labels give them ("4-18 Assault", "3-16 Reduce
# Relations"…): they differ from the Phoenix quad classes for roots 09, 14, 15 and 16.
PENTA_BY_ROOT = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3, 13: 3, 16: 3,
                 14: 4, 15: 4, 17: 4, 18: 4, 19: 4, 20: 4}  # fmt: skip
# Fallbacks when an event has no CAMEO code: whimbrel's quad class, then its PLOVER type.
PENTA_BY_QUAD = {1: 1, 2: 2, 3: 3, 4: 4}
PENTA_BY_TYPE = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 0, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3, "PROTEST": 4, "MOBILIZE": 4,
    "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

NO_EVENT = "NONE"
POLICE_WORDS = ("police", "cop", "constable", "constabulary", "cops")
ARREST_MODES = {"arrest", "detain"}
KILL_CAMEO_PREFIXES = ("1823", "186", "20")


class ToponymLike(Protocol):
    start: int
    end: int
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None


# --- event choice and comparison --------------------------------------------------------------


def primary_event(events: Sequence[Event]) -> Event | None:
    """The highest-confidence event (ties: the earliest), or ``None``."""
    best = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def matched_event(events: Sequence[Event], event_type: str | None = None, cameo: str | None = None) -> Event | None:
    """The highest-confidence event agreeing with the gold type or CAMEO code (then root), else the primary one."""
    candidates: list[Sequence[Event]] = []
    if event_type:
        candidates.append([e for e in events if e.event_type == event_type])
    if cameo:
        candidates.append([e for e in events if e.cameo == cameo])
        candidates.append([e for e in events if cameo_root(e.cameo) == cameo_root(cameo)])
    for group in candidates:
        if group:
            return primary_event(group)
    return primary_event(events)


def cameo_root(code: str | None) -> str | None:
    """The two-digit CAMEO root of a code (``"0841"`` → ``"08"``)."""
    return code[:2] if code and len(code) >= 2 and code[:2].isdigit() else None


def penta_class(event: Event | None) -> int:
    """ConfliBERT's 5-way class of an event: from its CAMEO root, else quad class, else PLOVER type; none → 0."""
    if event is None:
        return 0
    root = cameo_root(event.cameo)
    if root and int(root) in PENTA_BY_ROOT:
        return PENTA_BY_ROOT[int(root)]
    if event.quad_class in PENTA_BY_QUAD:
        return PENTA_BY_QUAD[event.quad_class]
    return PENTA_BY_TYPE.get(event.event_type, 0)


@functools.lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def country_matches(gold: Iterable[str], actors: Iterable[ActorRef]) -> bool:
    """Whether any predicted actor has one of the gold countries (gold ``IGO``: any non-country code)."""
    gold = {g.upper() for g in gold}
    for actor in actors:
        code = (actor.country or "").upper()
        if not code:
            continue
        if code in gold or ("IGO" in gold and code not in _iso3_codes()):
            return True
    return False


def sector_matches(gold: Iterable[str], actors: Iterable[ActorRef]) -> bool:
    """Whether any predicted actor's sector (first three letters) is one of the gold sectors."""
    gold = {g.upper()[:3] for g in gold}
    return any((a.sector or "").upper()[:3] in gold for a in actors if a.sector)


def code_matches(countries: Sequence[str], roles: Sequence[str], actors: Iterable[ActorRef]) -> bool:
    """Whether one predicted actor agrees with a CAMEO actor code: its country (when the code names one)
    and its sector (when the code names a role: ``USAGOV`` needs USA and GOV, ``---LEG`` any LEG, ``USA`` any USA)."""
    for actor in actors:
        if countries and not country_matches(countries, [actor]):
            continue
        if roles and not sector_matches(roles, [actor]):
            continue
        return True
    return False


def _same_place(gold: str, predicted: str | None) -> bool:
    if not predicted:
        return False
    g, p = gold.casefold().strip(), predicted.casefold().strip()
    return bool(g and p) and (g in p or p in g)


def _location_names(event: Event | None) -> list[str]:
    if event is None or event.location is None:
        return []
    return [n for n in (event.location.text, event.location.name) if n]


def _prf_metrics(prefix: str, values: tuple[float | None, float | None, float | None]) -> Metrics:
    precision, recall, f = values
    return {f"{prefix}precision": precision, f"{prefix}recall": recall, f"{prefix}f1": f}


# --- PLOVER and CAMEO sets --------------------------------------------------------------------


def score_plover(gold: Sequence[GoldEvent], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """Event type (accuracy, macro-F1), mode, source/target country and sector, and place, on PLOVER gold.

    ``source_country_typed`` / ``target_country_typed`` repeat the country judgement on the items where
    some predicted event has the gold type, so the actor stage's share of the misses shows apart from the
    event stage's (an item whose event was not found is judged on another clause's actors).
    """
    gold_types, primary_types, any_hits = [], [], []
    names = ("mode", "source_country", "target_country", "source_sector", "target_sector", "location",
             "source_country_typed", "target_country_typed")
    fields: dict[str, list[bool]] = {k: [] for k in names}
    for item in gold:
        events = predicted.get(item.doc_id, [])
        top = primary_event(events)
        gold_types.append(item.event_type or NO_EVENT)
        primary_types.append(top.event_type if top else NO_EVENT)
        any_hits.append(any(e.event_type == item.event_type for e in events))
        event = matched_event(events, event_type=item.event_type)
        actors = event.actors if event else []
        recipients = event.recipients if event else []
        if item.mode:
            fields["mode"].append(bool(event and (event.mode or "").lower() == item.mode))
        typed = bool(event and event.event_type == item.event_type)
        if item.source_countries:
            fields["source_country"].append(country_matches(item.source_countries, actors))
            if typed:
                fields["source_country_typed"].append(fields["source_country"][-1])
        if item.target_countries:
            fields["target_country"].append(country_matches(item.target_countries, recipients))
            if typed:
                fields["target_country_typed"].append(fields["target_country"][-1])
        if item.source_sectors:
            fields["source_sector"].append(sector_matches(item.source_sectors, actors))
        if item.target_sectors:
            fields["target_sector"].append(sector_matches(item.target_sectors, recipients))
        if item.location:
            fields["location"].append(any(_same_place(item.location, n) for n in _location_names(event)))
    metrics: Metrics = {
        "type_accuracy": accuracy(zip(gold_types, primary_types)),
        "type_macro_f1": macro_f1(gold_types, primary_types),
        "type_any_accuracy": ratio(sum(any_hits), len(any_hits)),
        "no_event_rate": ratio(sum(1 for t in primary_types if t == NO_EVENT), len(primary_types)),
    }
    for name, hits in fields.items():
        metrics[f"{name}_accuracy"] = ratio(sum(hits), len(hits))
        metrics[f"{name}_n"] = len(hits)
    return metrics


def score_petr2(gold: Sequence[GoldEvent], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """CAMEO root and full-code accuracy, source/target country and actor-code accuracy, one judgement per gold coding."""
    root_hits, full_hits, source_hits, target_hits, quiet = [], [], [], [], []
    source_codes: list[bool] = []
    target_codes: list[bool] = []
    for item in gold:
        events = predicted.get(item.doc_id, [])
        if item.cameo is None:
            quiet.append(not events)
            continue
        event = matched_event(events, cameo=item.cameo)
        root_hits.append(bool(event) and cameo_root(event.cameo) == cameo_root(item.cameo))
        full_hits.append(bool(event) and event.cameo == item.cameo)
        if item.source_countries:
            source_hits.append(country_matches(item.source_countries, event.actors if event else []))
        if item.target_countries:
            target_hits.append(country_matches(item.target_countries, event.recipients if event else []))
        if item.source_countries or item.source_sectors:
            source_codes.append(code_matches(item.source_countries, item.source_sectors, event.actors if event else []))
        if item.target_countries or item.target_sectors:
            target_codes.append(code_matches(item.target_countries, item.target_sectors, event.recipients if event else []))
    return {
        "cameo_root_accuracy": ratio(sum(root_hits), len(root_hits)),
        "cameo_full_accuracy": ratio(sum(full_hits), len(full_hits)),
        "source_country_accuracy": ratio(sum(source_hits), len(source_hits)),
        "target_country_accuracy": ratio(sum(target_hits), len(target_hits)),
        "source_code_accuracy": ratio(sum(source_codes), len(source_codes)),
        "target_code_accuracy": ratio(sum(target_codes), len(target_codes)),
        "no_event_accuracy": ratio(sum(quiet), len(quiet)),
        "codings_n": len(root_hits),
        "no_event_n": len(quiet),
    }


def score_actor_spans(gold: Sequence[GoldSentence], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """Actor span overlap: gold source/target spans against every predicted event's actors and recipients,
    then each role on its own (gold source spans against predicted actors, gold target spans against recipients)."""
    metrics = _span_prf("actor_span_", gold, predicted, ("source", "target", "both"), ("actors", "recipients"))
    metrics["actor_spans_n"] = metrics.pop("actor_span_n")
    for role, side in (("source", "actors"), ("target", "recipients")):
        metrics.update(_span_prf(f"{role}_span_", gold, predicted, (role, "both"), (side,)))
    return metrics


def _span_prf(
    prefix: str, gold: Sequence[GoldSentence], predicted: Mapping[str, Sequence[Event]], labels: tuple[str, ...], sides: tuple[str, ...]
) -> Metrics:
    gold_found = gold_total = pred_found = pred_total = 0
    for item in gold:
        spans = [s for s in item.spans if s.label in labels]
        events = predicted.get(item.doc_id, [])
        pred = {(a.start, a.end) for e in events for side in sides for a in getattr(e, side) if a.end > a.start}
        gold_total += len(spans)
        gold_found += sum(1 for s in spans if any(spans_overlap(s.start, s.end, b, e) for b, e in pred))
        pred_total += len(pred)
        pred_found += sum(1 for b, e in pred if any(spans_overlap(s.start, s.end, b, e) for s in spans))
    precision, recall = ratio(pred_found, pred_total), ratio(gold_found, gold_total)
    if precision is None and gold_total:
        precision = 0.0
    return {**_prf_metrics(prefix, (precision, recall, f1(precision, recall))), f"{prefix}n": gold_total}


def score_cameo_conflibert(gold: Sequence[GoldSentence], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """CAMEO root against the annotators' majority vote, and actor span overlap."""
    best, top, quiet = [], [], []
    for item in gold:
        events = predicted.get(item.doc_id, [])
        if item.label is None:
            quiet.append(not events)
            continue
        best.append(any(cameo_root(e.cameo) == item.label for e in events))
        first = primary_event(events)
        top.append(bool(first) and cameo_root(first.cameo) == item.label)
    return {
        "cameo_root_accuracy": ratio(sum(best), len(best)),
        "cameo_root_top_accuracy": ratio(sum(top), len(top)),
        "no_event_accuracy": ratio(sum(quiet), len(quiet)),
        "coded_n": len(best),
        "no_event_n": len(quiet),
        **score_actor_spans(gold, predicted),
    }


def score_conflibert_cameo(gold: Sequence[GoldSentence], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """The 5-way class of each sentence's primary event (no event → statement): macro-F1, accuracy, per class F1."""
    gold_labels = [int(item.label) for item in gold]
    pred_labels = [penta_class(primary_event(predicted.get(item.doc_id, []))) for item in gold]
    metrics: Metrics = {
        "macro_f1": macro_f1(gold_labels, pred_labels, labels=range(len(PENTA_CLASSES))),
        "accuracy": accuracy(zip(gold_labels, pred_labels)),
    }
    for number, name in enumerate(PENTA_CLASSES):
        flags = binary_prf([g == number for g in gold_labels], [p == number for p in pred_labels])
        metrics[f"{name}_f1"] = flags[2]
    if any(item.spans for item in gold):
        metrics.update(score_actor_spans(gold, predicted))
    return metrics


# --- geoparsing -------------------------------------------------------------------------------


def match_toponyms(gold: Sequence[Any], predicted: Sequence[ToponymLike]) -> list[tuple[Any, ToponymLike]]:
    """One-to-one pairs of overlapping gold and predicted toponyms (an exact span is preferred)."""
    free = list(predicted)
    pairs = []
    for item in sorted(gold, key=lambda t: (t.start, t.end)):
        overlapping = [p for p in free if spans_overlap(item.start, item.end, p.start, p.end)]
        if not overlapping:
            continue
        choice = next((p for p in overlapping if (p.start, p.end) == (item.start, item.end)), overlapping[0])
        free.remove(choice)
        pairs.append((item, choice))
    return pairs


def score_geoparse(
    gold: Sequence[GoldArticle], predicted: Mapping[str, Sequence[ToponymLike]], demonyms: bool = False
) -> Metrics:
    """Toponym recognition P/R/F1 and resolution of the recognised ones.

    Predicted toponyms of kind ``demonym`` ("Iraqi") count only when ``demonyms`` is true: GeoWebNews and LGL
    annotate them as toponyms (LGL: 39 of 45 "Russian", 32 of 34 "Georgian" in its train part), GeoVirus does not.

    Resolution is judged on gold toponyms the geoparser found: exact GeoNames id, same country,
    within 161 km, median error. The right GeoNames id is no error at all (gold files and the
    gazetteer pin large places at different points); a found toponym without coordinates counts as
    the worst error (half the Earth's circumference), so abstaining never lowers the median.
    """
    n_gold = n_pred = n_matched = 0
    pairs_all: list[tuple[Any, ToponymLike]] = []
    for article in gold:
        toponyms = [t for t in predicted.get(article.doc_id, []) if demonyms or getattr(t, "kind", "place") != "demonym"]
        pairs = match_toponyms(article.toponyms, toponyms)
        n_gold += len(article.toponyms)
        n_pred += len(toponyms)
        n_matched += len(pairs)
        pairs_all.extend(pairs)
    precision, recall, f = prf(n_matched, n_pred, n_gold)
    return {
        "recognition_precision": precision,
        "recognition_recall": recall,
        "recognition_f1": f,
        **_resolution_metrics(pairs_all),
        "toponyms_n": n_gold,
    }


def score_gold_span_resolution(gold: Sequence[GoldArticle], resolved: Mapping[str, Sequence[ToponymLike]]) -> Metrics:
    """Resolution alone: each gold toponym span resolved by the geoparser (``resolved`` in gold order per article),
    judged as in :func:`score_geoparse`; a span left unresolved counts as the worst error."""
    pairs = [pair for article in gold for pair in zip(article.toponyms, resolved.get(article.doc_id, []))]
    return {f"gold_span_{name}": value for name, value in _resolution_metrics(pairs).items()}


def _resolution_metrics(pairs: Sequence[tuple[Any, ToponymLike]]) -> Metrics:
    ids, countries, errors = [], [], []
    for item, guess in pairs:
        if item.geonameid is not None:
            ids.append(guess.geonameid == item.geonameid)
        if item.country is not None:
            countries.append((guess.country or "").upper() == item.country)
        if item.lat is not None and item.lon is not None:
            if item.geonameid is not None and guess.geonameid == item.geonameid:
                errors.append(0.0)  # the same place: gold and gazetteer may pin a country at different points
            elif guess.lat is None or guess.lon is None:
                errors.append(HALF_CIRCUMFERENCE_KM)
            else:
                errors.append(haversine_km(item.lat, item.lon, guess.lat, guess.lon))
    return {
        "exact_geonameid": ratio(sum(ids), len(ids)),
        "country_accuracy": ratio(sum(countries), len(countries)),
        "acc_161km": ratio(sum(1 for e in errors if e <= 161), len(errors)),
        "median_error_km": median(errors),
        "resolved_n": len(errors),
    }


# --- event location ---------------------------------------------------------------------------


def _event_at(events: Sequence[Event], span: GoldSpan) -> Event | None:
    hits = [e for e in events if e.evidence and spans_overlap(e.evidence.trigger_start, e.evidence.trigger_end, span.start, span.end)]
    return primary_event(hits)


def score_event_location(gold: Sequence[GoldEventLocation], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """Whether the event on the gold verb is placed at the gold location (or nowhere when the gold has none).

    The event judged is the one whose trigger overlaps the gold verb; when whimbrel found none
    there, the item counts as wrong in ``event_location_accuracy`` and is left out of
    ``event_location_accuracy_found``.
    """
    hits, found_hits = [], []
    for item in gold:
        event = _event_at(predicted.get(item.doc_id, []), item.verb)
        if event is None:
            hits.append(False)
            continue
        names = _location_names(event)
        if item.locations:
            right = any(_same_place(span.text, name) for span in item.locations for name in names)
        else:
            right = not names
        hits.append(right)
        found_hits.append(right)
    return {
        "event_location_accuracy": ratio(sum(hits), len(hits)),
        "event_location_accuracy_found": ratio(sum(found_hits), len(found_hits)),
        "verb_found_rate": ratio(len(found_hits), len(hits)),
        "no_location_n": sum(1 for item in gold if not item.locations),
    }


# --- detection sets ---------------------------------------------------------------------------


def _happened(event: Event) -> bool:
    return not event.negated and not event.hypothetical


def is_police(actor: ActorRef) -> bool:
    """A police actor: sector COP, or a police word in its text (the corpus is lower-cased)."""
    if (actor.sector or "").upper().startswith("COP"):
        return True
    words = actor.text.lower().replace("-", " ").split()
    return any(w in POLICE_WORDS for w in words)


def police_labels(event: Event) -> set[str]:
    """IndiaPoliceEvents labels an event earns: police among its actors, or an arrest with no actor named.

    Arrests and detentions are police acts in this corpus ("50 persons were arrested" is labelled
    ARREST), so an agentless arrest counts; killing and force need police named as the actor.
    """
    if not _happened(event):
        return set()
    cameo = event.cameo or ""
    arrest = event.event_type == "COERCE" and (
        (event.mode or "") in ARREST_MODES or cameo.startswith("173") or (event.arrested or 0) > 0
    )
    police = any(is_police(a) for a in event.actors)
    named = [a for a in event.actors if not a.implied]  # an implied party (the document's state) is named nowhere
    labels: set[str] = set()
    if arrest and (police or not named):
        labels.update({"ARREST", "ANY_ACTION"})
    if not police:
        return labels
    labels.add("ANY_ACTION")
    if event.event_type == "ASSAULT":
        labels.add("FORCE")
        if (event.dead or 0) > 0 or cameo.startswith(KILL_CAMEO_PREFIXES):
            labels.add("KILL")
    return labels


def _event_offset(event: Event) -> int | None:
    if event.evidence is None:
        return None
    return event.evidence.trigger_start if event.evidence.trigger_end > event.evidence.trigger_start else event.evidence.start


def score_india_police(gold: Sequence[GoldDocument], predicted: Mapping[str, Sequence[Event]]) -> Metrics:
    """Sentence-level KILL / ARREST / FORCE (and any police action) P/R/F1; events belong to the sentence of their trigger.

    See :func:`police_labels` for which events earn which label.
    """
    wanted = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
    gold_flags: dict[str, list[bool]] = {k: [] for k in wanted}
    pred_flags: dict[str, list[bool]] = {k: [] for k in wanted}
    for document in gold:
        placed = [(_event_offset(e), police_labels(e)) for e in predicted.get(document.doc_id, [])]
        for sentence in document.sentences:
            labels = set().union(*(l for at, l in placed if at is not None and sentence.start <= at < max(sentence.end, sentence.start + 1)))
            for key in wanted:
                gold_flags[key].append(key in sentence.labels)
                pred_flags[key].append(key in labels)
    metrics: Metrics = {}
    for key in wanted:
        metrics.update(_prf_metrics(f"{key.lower()}_", binary_prf(gold_flags[key], pred_flags[key])))
        metrics[f"{key.lower()}_n"] = sum(gold_flags[key])
    metrics["sentences_n"] = len(gold_flags["KILL"])
    return metrics


def says_protest(events: Iterable[Event], types: Iterable[str] = ("PROTEST",)) -> bool:
    """Whether any event of ``types`` (default: a protest) happened (not negated, not hypothetical)."""
    types = set(types)
    return any(e.event_type in types and _happened(e) for e in events)


# GLOCON's positive label also covers riots, clashes and attacks (its sentences show it), so a
# second measure counts whimbrel's ASSAULT events as well.
CONTENTIOUS_TYPES = ("PROTEST", "ASSAULT")


def score_glocon(
    sentences: Sequence[GoldSentence],
    documents: Sequence[GoldDocument],
    predicted: Mapping[str, Sequence[Event]],
) -> Metrics:
    """Protest detection P/R/F1 on sentences and on documents. Label 2 (a protest announced, not yet held) is left out.

    ``protest_*`` counts PROTEST events; ``contentious_*`` counts PROTEST or ASSAULT events,
    closer to GLOCON's wider positive class.
    """
    metrics: Metrics = {}
    for name, items in (("sentence", sentences), ("document", documents)):
        kept = [item for item in items if item.label in (0, 1)]
        gold_flags = [item.label == 1 for item in kept]
        pred_flags = [says_protest(predicted.get(item.doc_id, [])) for item in kept]
        metrics.update(_prf_metrics(f"protest_{name}_", binary_prf(gold_flags, pred_flags)))
        wide = [says_protest(predicted.get(item.doc_id, []), CONTENTIOUS_TYPES) for item in kept]
        metrics.update(_prf_metrics(f"contentious_{name}_", binary_prf(gold_flags, wide)))
        metrics[f"{name}s_n"] = len(kept)
        metrics[f"{name}s_planned_excluded"] = len(items) - len(kept)
    return metrics
