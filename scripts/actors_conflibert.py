"""Source/target choice errors on conflibert-cameo (cameo_ner) TRAIN: a development set the actor rules were not
written from.

Codes every train sentence that has gold actor spans (or reads a cache of that run), then scores gold source
spans against predicted actors and gold target spans against predicted recipients (overlap, as the evaluation
module does) and puts every error in one class:

- gold span found on its own side: ``ok``, with its boundary (``exact``, ``short``: the prediction lies inside
  the gold span, ``long``: the gold span lies inside the prediction, ``shifted``);
- gold span found only on the other side: ``swapped`` (``one_side`` for a span gold labels "both", a party of a
  mutual event, which whimbrel codes on one side only);
- gold span on no side: ``missed`` (``missed:no_event`` when the sentence has no event at all);
- a predicted span on no gold span: ``spurious``, subclassed by where it stands (``speaker``: subject of a verb
  of saying; ``pronoun``; ``locative``: the object of a place preposition; ``other``).

Role errors (swapped, missed, spurious) and span-boundary errors (short, long, shifted) are counted apart.
``--countries N`` prints the resolved country and sector of N matched spans (seeded sample) to eyeball.
Never run on the test split while developing.

Usage: ``python scripts/actors_conflibert.py [--data ../shared/data] [--cache FILE] [--fresh] [--show CLASS,…]``
"""

from __future__ import annotations

import argparse
import pickle
import random
from collections import Counter
from pathlib import Path

from whimbrel.config import Config
from whimbrel.evaluation import gold as g
from whimbrel.evaluation.metrics import f1, ratio, spans_overlap
from whimbrel.evaluation.run import code
from whimbrel.language.analysis import load_nlp
from whimbrel.reading.document import Document

_SAYING = {"say", "tell", "report", "announce", "state", "claim", "add", "declare", "quote"}
_PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "across", "outside", "inside"}


def predictions(items, cache: Path, fresh: bool) -> dict[str, list]:
    """The coded events of ``items`` by doc id (from ``cache`` unless ``fresh``)."""
    if cache.exists() and not fresh:
        return pickle.loads(cache.read_bytes())
    predicted = code(None, (Document(id=i.doc_id, text=i.text) for i in items))
    cache.write_bytes(pickle.dumps(predicted))
    return predicted


def side_spans(events, side: str) -> set[tuple[int, int]]:
    """The text spans of one side ("actors" or "recipients") over all events."""
    return {(r.start, r.end) for e in events for r in getattr(e, side) if r.end > r.start}


def boundary(gold_start: int, gold_end: int, spans) -> str:
    """How the overlapping predictions' extent compares with the gold span: ``exact`` where one matches it,
    else the first in alphabetical order of their kinds (``long``, ``shifted``, ``short``)."""
    kinds = []
    for b, e in spans:
        if not spans_overlap(gold_start, gold_end, b, e):
            continue
        if (b, e) == (gold_start, gold_end):
            return "exact"
        kinds.append("short" if gold_start <= b and e <= gold_end else "long" if b <= gold_start and gold_end <= e else "shifted")
    return sorted(kinds)[0]


def spurious_kind(start: int, nlp_doc) -> str:
    """Where an unmatched predicted span stands in its sentence."""
    span = nlp_doc.char_span(start, start + 1, alignment_mode="expand") if nlp_doc is not None else None
    if span is None:
        return "other"
    token = span[0]
    head = token
    while head.dep_ in ("compound", "amod", "det", "poss", "case", "nmod", "flat") and head.head.i != head.i:
        head = head.head
    if head.pos_ == "PRON":
        return "pronoun"
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in _SAYING:
        return "speaker"
    if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
        return "locative"
    if head.dep_ == "pobj":
        return f"pobj:{head.head.lower_}"
    return head.dep_ or "other"


def _hits(spans, refs) -> int:
    return sum(1 for s in spans if any(r.end > r.start and spans_overlap(s.start, s.end, r.start, r.end) for r in refs))


def best_event_report(items, predicted, show: set[str]) -> None:
    """Role choice within the event that best agrees with the gold (the sentence's annotated event, where the
    detector found it): per side, ``ok``, ``swapped`` (the gold phrase is on the other side), ``wrong`` (another
    phrase was taken), ``implied`` (only a text-less party), ``none`` (the side is empty); ``no_event`` when no
    event touches a gold span. Mutual ("both") spans count as right on either side."""
    counts: Counter[str] = Counter()
    for item in items:
        source = [s for s in item.spans if s.label == "source"]
        target = [s for s in item.spans if s.label == "target"]
        both = [s for s in item.spans if s.label == "both"]
        events = predicted.get(item.doc_id, [])
        scored = [(_hits(source + both, e.actors) + _hits(target + both, e.recipients), n, e) for n, e in enumerate(events)]
        if not scored or max(scored, key=lambda x: (x[0], -x[1]))[0] == 0:
            counts["no_event"] += 1
            continue
        event = max(scored, key=lambda x: (x[0], -x[1]))[2]
        for role, gold, own, other in (("source", source, event.actors, event.recipients),
                                       ("target", target, event.recipients, event.actors)):
            gold_all = gold + both
            if not gold:
                continue
            if _hits(gold_all, own):
                cls = "ok"
            elif _hits(gold, other):
                cls = "swapped"
            elif any(r.end > r.start for r in own):
                cls = "wrong"
            elif own:
                cls = "implied"
            else:
                cls = "none"
            counts[f"{role}:{cls}"] += 1
            if f"best:{role}:{cls}" in show or (f"best:{cls}" in show):
                trig = event.evidence.trigger if event.evidence else "?"
                print(f"[best:{role}:{cls}] {item.doc_id} {event.event_type}@{trig}: {item.text}\n"
                      f"    gold={[s.text for s in gold]} pred={[(r.text, r.country) for r in own]} "
                      f"other={[(r.text, r.country) for r in other]}")
    print("best-event role choice:", dict(sorted(counts.items())))


def gold_phrase_countries(doc, actors, spans) -> set[str]:
    """The countries whimbrel's resolver gives the gold phrases themselves (each phrase's syntactic head)."""
    found: set[str] = set()
    for s in spans:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        resolved = actors._phrase(span.root)
        if resolved is not None and resolved.ref.country:
            found.add(resolved.ref.country)
    return found


def proxy_country_report(items, predicted, nlp, show: set[str]) -> None:
    """A plover-gsr-like country score without gold countries: does the primary event's side share a country
    with the gold phrases of that role as whimbrel resolves them? Separates choosing the wrong phrase (a country
    error on unseen text) from resolving the right phrase wrongly (not counted: the gold phrase is resolved the
    same way). Sides whose gold phrases resolve to no country are left out."""
    from whimbrel.actors.resolve import ActorResolver  # noqa: PLC0415
    from whimbrel.evaluation.scoring import primary_event  # noqa: PLC0415

    resolver = ActorResolver()
    counts: Counter[str] = Counter()
    for item in items:
        event = primary_event(predicted.get(item.doc_id, []))
        doc = nlp(item.text)
        actors = resolver.for_document(doc, None)
        for role, side in (("source", "actors"), ("target", "recipients")):
            gold = gold_phrase_countries(doc, actors, [s for s in item.spans if s.label in (role, "both")])
            if not gold:
                continue
            refs = getattr(event, side) if event else []
            ok = any(r.country in gold for r in refs)
            counts[f"{role}:n"] += 1
            counts[f"{role}:ok"] += ok
            if not ok and ("proxy" in show or f"proxy:{role}" in show):
                trig = event.evidence.trigger if event and event.evidence else "-"
                print(f"[proxy:{role}] {item.doc_id} {event.event_type if event else '-'}@{trig}: {item.text}\n"
                      f"    gold={sorted(gold)} {[s.text for s in item.spans if s.label in (role, 'both')]} "
                      f"pred={[(r.text, r.country) for r in refs]}")
    for role in ("source", "target"):
        print(f"proxy {role} country: {counts[role + ':ok']}/{counts[role + ':n']} = "
              f"{counts[role + ':ok'] / max(counts[role + ':n'], 1):.3f}")


def main() -> None:
    """Print role and boundary scores, error classes and the examples asked for."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/whimbrel_conflibert_train.pkl"))
    parser.add_argument("--fresh", action="store_true", help="code again instead of reading the cache")
    parser.add_argument("--show", default="", help="classes to print (swapped, missed, spurious, short, long, …)")
    parser.add_argument("--countries", type=int, default=0, help="print this many matched spans' countries")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--proxy", action="store_true", help="country agreement of the primary event with the gold phrases")
    args = parser.parse_args()
    items = [i for i in g.load_conflibert_cameo(args.data, "train") if i.spans][: args.limit]
    predicted = predictions(items, args.cache, args.fresh)
    show = set(filter(None, args.show.split(",")))
    nlp = load_nlp(Config().spacy_model)  # to say where a spurious span stands
    counts: Counter[str] = Counter()
    matched: list[tuple[str, str, str, object]] = []
    for item in items:
        events = predicted.get(item.doc_id, [])
        lines = item_errors(item, events, nlp, counts, matched)
        wanted = [ln for ln in lines if "all" in show or any(f":{c}" in ln.split("]")[0] for c in show)]
        if wanted:
            print_item(item, events, wanted)
    print_side_scores(counts)
    best_event_report(items, predicted, show)
    if args.proxy:
        proxy_country_report(items, predicted, nlp, show)
    if args.countries:
        random.seed(6)
        for text, role, gold_text, ref in random.sample(matched, min(args.countries, len(matched))):
            print(f"[{role}] gold={gold_text!r} pred={ref.text!r} -> {ref.country}/{ref.sector} name={ref.name}\n    {text}")


def item_errors(item, events, nlp, counts: Counter[str], matched: list) -> list[str]:
    """Count one sentence's gold spans (found, swapped, missed) and spurious predictions per side into
    ``counts``, add its matched spans to ``matched``, and return a line per error."""
    sides = {"source": side_spans(events, "actors"), "target": side_spans(events, "recipients")}
    refs = {(r.start, r.end): r for e in events for r in e.actors + e.recipients}
    lines = []
    for role, other in (("source", "target"), ("target", "source")):
        gold = [s for s in item.spans if s.label in (role, "both")]
        for s in gold:
            counts[f"{role}:gold"] += 1
            own = [p for p in sides[role] if spans_overlap(s.start, s.end, *p)]
            if own:
                kind = boundary(s.start, s.end, own)
                counts[f"{role}:ok:{kind}"] += 1
                matched.append((item.text, role, s.text, refs[own[0]]))
                cls = kind
            elif any(spans_overlap(s.start, s.end, *p) for p in sides[other]):
                cls = "one_side" if s.label == "both" else "swapped"
            else:
                cls = "missed:no_event" if not events else "missed"
            counts[f"{role}:{cls}"] += 1
            if cls != "exact":
                pred = [item.text[b:e] for b, e in (own or [])]
                lines.append(f"  [{role}:{cls}] gold={s.text!r} pred={pred}")
        doc = None
        for b, e in sorted(sides[role]):
            counts[f"{role}:pred"] += 1
            if any(spans_overlap(s.start, s.end, b, e) for s in gold):
                continue
            if doc is None:
                doc = nlp(item.text)
            kind = spurious_kind(b, doc)
            counts[f"{role}:spurious"] += 1
            counts[f"{role}:spurious:{kind}"] += 1
            lines.append(f"  [{role}:spurious:{kind}] pred={item.text[b:e]!r}")
    return lines


def print_item(item, events, lines: list[str]) -> None:
    """One sentence with its gold spans, its coded events and the error ``lines`` asked for."""
    gold = "; ".join(f"{s.label}={s.text!r}" for s in item.spans)
    evs = "; ".join(
        f"{e.event_type}@{e.evidence.trigger if e.evidence else '?'}"
        f"({','.join(a.text for a in e.actors)}->{','.join(r.text for r in e.recipients)})" for e in events
    )
    print(f"{item.doc_id}: {item.text}\n  gold: {gold}\n  events: {evs}")
    print("\n".join(lines))


def print_side_scores(counts: Counter[str]) -> None:
    """Span precision, recall and F1 per side, then every error class count."""
    for role in ("source", "target"):
        found = sum(v for k, v in counts.items() if k.startswith(f"{role}:ok:"))
        pred_ok = counts[f"{role}:pred"] - counts[f"{role}:spurious"]
        p, r = ratio(pred_ok, counts[f"{role}:pred"]), ratio(found, counts[f"{role}:gold"])
        print(f"{role}: P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f} (gold {counts[f'{role}:gold']}, pred {counts[f'{role}:pred']})")
        for key in sorted(k for k in counts if k.startswith(role + ":")):
            if key.endswith((":gold", ":pred")):
                continue
            print(f"  {key:32s} {counts[key]}")

if __name__ == "__main__":
    main()
