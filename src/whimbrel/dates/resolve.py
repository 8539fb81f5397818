"""When an event happened: find the date expression governing its clause and resolve it.

The record's date fields mean:

* ``date`` set, ``precision`` 'day' | 'month' | 'year': resolved from ``text``, a date
  expression in the document (month and year precision put the first day of the period);
* ``date`` set, ``precision`` None, ``text`` None: no date expression governs the event, so
  the publication date is assumed;
* ``date`` None, ``text`` set: an expression was found but could not be resolved (relative
  expressions without a publication date);
* all None: no expression and no publication date.

Which expression governs an event, best first: one attached to the event's own clause
(:func:`whimbrel.dates.clause.event_cluster`, or the subject noun of that clause: "the Friday
strike killed"), one attached to a clause the event's clause depends on ("announced on Saturday
that troops are being sent"), one elsewhere in the same sentence but outside the clause of any
other verb ("since October" in "we recall that 450 were killed since October, and we accuse …"
belongs to "killed", not to "accuse"), and finally, for
ACLED-style notes, a date that opens an earlier sentence of the same paragraph ("On 9 May 2020,
rebels shelled a base. The attack killed 3."). Expressions inside another event nested in the
trigger's clause ("condemns the strike on Friday") belong to that event and are skipped.
"""

from __future__ import annotations

import bisect

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from whimbrel.language.analysis import doc_text
from whimbrel.dates.clause import INSIDE_PREPS, attachment, event_cluster, in_other_clause, sentence_of, trigger_token
from whimbrel.dates.expressions import Resolved, lexicon, normalize, period_end, resolve_expression
from whimbrel.events.mention import EventMention

_DATE_LABELS = ("DATE", "TIME")
_ARGUMENT_DEPS = ("nsubj", "nsubjpass")
_RELATIVE_ADVERBS = ("before", "after", "earlier", "later", "ago", "prior")
_LOOK_BACK_SENTENCES = 6
_ANCHORED_WORDS = ("before", "after", "previous", "following", "earlier", "later", "eve", "prior", "next day")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class EventDate:
    """The date of one event: ISO date, its precision and the expression it came from."""

    date: str | None = None  # YYYY-MM-DD
    precision: str | None = None  # 'day' | 'month' | 'year' | None (None with a date: publication date assumed)
    text: str | None = None  # the date expression as written, with its preposition


@dataclass(frozen=True)
class Candidate:
    """A date expression near an event, with how closely it is tied to the event (rank 0 best)."""

    span: Span
    text: str
    prep: str | None
    rank: int
    distance: int


def resolve_event_date(doc: Doc, mention: EventMention, pub_date: dt.date | None) -> EventDate:
    """The date of ``mention``, resolved against the publication date ``pub_date``.

    Takes the best-tied date expression that resolves (see the module docstring); with none,
    the publication date with null precision; without a publication date either, all None.
    Never raises on odd text.
    """
    unresolved: Candidate | None = None
    for candidate in governing_expressions(doc, mention):
        resolved = _resolve_candidate(doc, candidate, mention, pub_date)
        if resolved is not None:
            return EventDate(resolved.date.isoformat(), resolved.precision, candidate.text)
        if unresolved is None and pub_date is None and candidate.rank <= 1:
            unresolved = candidate
    if pub_date is not None:
        return EventDate(pub_date.isoformat(), None, None)
    if unresolved is not None:
        return EventDate(None, None, unresolved.text)
    return EventDate()


def is_historical(when: EventDate, pub_date: dt.date | None, days: int, doc: Doc, mention: EventMention) -> bool:
    """Whether ``mention`` is background rather than news.

    True when the whole period of the resolved date lies more than ``days`` days before the
    publication date (for "since …" the period's start counts), and otherwise — when no date
    expression pins the event down — when the clause carries a background cue from
    ``data/dates_lexicon.json``: a governing "recall"/"anniversary", a pluperfect verb not
    under a reporting verb ("had been killed"), "former", or an expression such as "years ago".
    """
    resolved = _parse_iso(when.date)
    if resolved is not None and pub_date is not None and when.precision is not None:
        since = (when.text or "").lower().startswith("since")
        reference = resolved if since else period_end(resolved, when.precision)
        return (pub_date - reference).days > days
    trigger = trigger_token(doc, mention.trigger_i)
    if trigger is None:
        return False
    cues = lexicon()["historical"]
    for candidate in governing_expressions(doc, mention):
        if candidate.rank <= 1 and any(phrase in normalize(candidate.text) for phrase in cues["phrases"]):
            return True
    if any(child.lower_ in cues["trigger_modifiers"] and child.dep_ == "amod" for child in trigger.children):
        return True
    if any(a.lemma_.lower() in cues["governing_lemmas"] for a in _governors(trigger)):
        return True
    return _pluperfect(trigger) and not any(a.lemma_.lower() in cues["reporting_lemmas"] for a in _governors(trigger))


def governing_expressions(doc: Doc, mention: EventMention) -> list[Candidate]:
    """Date expressions that may govern ``mention``, best tied first (see module docstring)."""
    trigger = trigger_token(doc, mention.trigger_i)
    sentence = sentence_of(doc, mention.trigger_i)
    if trigger is None or sentence is None:
        return []
    cluster = event_cluster(trigger)
    ancestors = {a.i: depth for depth, a in enumerate(_ancestors(trigger), start=1)}
    subtree = {t.i for t in trigger.subtree}
    candidates = []
    for span in date_spans(sentence):
        head, prep = attachment(span.root)
        head = _setting_verb(head)
        if head.i in cluster or _is_argument_of(head, cluster):
            rank = 0
            distance = 0 if head.i == trigger.i else 1 + abs(head.i - trigger.i)
        elif head.i in ancestors:
            rank, distance = 1, ancestors[head.i]
        elif head.i not in subtree and span.root.i not in subtree and not in_other_clause(span.root, trigger):
            rank, distance = 2, abs(span.root.i - trigger.i)
        else:
            continue
        candidates.append(Candidate(span, _written(span, prep), prep, rank, distance))
    opening = _paragraph_opening_date(doc, sentence)
    if opening is not None:
        candidates.append(opening)
    return sorted(candidates, key=lambda c: (c.rank, c.distance))


def date_spans(sentence: Span) -> tuple[Span, ...]:
    """DATE/TIME entities of a sentence, plus weekday and month names the tagger left out.

    Cached per sentence on the doc: every event of a paragraph looks back over the same sentences."""
    cache = sentence.doc.user_data.setdefault("whimbrel_date_spans", {})
    if sentence.start not in cache:
        cache[sentence.start] = tuple(_find_date_spans(sentence))
    return cache[sentence.start]


def _find_date_spans(sentence: Span) -> list[Span]:
    doc = sentence.doc
    spans = [_with_relative_word(e) for e in _entities_in(sentence) if e.label_ in _DATE_LABELS and not _is_age(e)]
    covered = {t.i for e in spans for t in e}
    lex = lexicon()
    for token in sentence:
        if token.i in covered:
            continue
        name = token.lower_.rstrip(".")
        if name in lex["weekdays"] or (name in lex["months"] and token.pos_ == "PROPN" and len(name) > 2):
            start, end = token.i, token.i + 1
            while start > sentence.start and doc[start - 1].like_num and doc[start - 1].i not in covered:
                start -= 1
            while end < sentence.end and (doc[end].like_num or doc[end].text == ",") and doc[end].i not in covered:
                end += 1
            if doc[end - 1].text == ",":
                end -= 1
            spans.append(doc[start:end])
            covered.update(range(start, end))
    return spans


def _entities_in(sentence: Span) -> list[Span]:
    """The doc's entities inside ``sentence``; ``Span.ents`` walks every entity of the doc on each call."""
    doc = sentence.doc
    entities = doc.user_data.get("whimbrel_ents")
    if entities is None:
        entities = doc.user_data["whimbrel_ents"] = list(doc.ents)
        doc.user_data["whimbrel_ent_starts"] = [e.start for e in entities]
    starts = doc.user_data["whimbrel_ent_starts"]
    first = bisect.bisect_left(starts, sentence.start)
    last = bisect.bisect_left(starts, sentence.end)
    return [e for e in entities[first:last] if e.end <= sentence.end]


def _with_relative_word(span: Span) -> Span:
    """"The day" + "before": the tagger often leaves the relative adverb out of the entity."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in _RELATIVE_ADVERBS and doc[span.end].head.i in range(span.start, span.end):
        return doc[span.start : span.end + 1]
    return span


def _resolve_candidate(doc: Doc, candidate: Candidate, mention: EventMention, pub_date: dt.date | None) -> Resolved | None:
    words = normalize(candidate.span.text)
    anchored = any(w in words for w in _ANCHORED_WORDS) and "yesterday" not in words
    anchor = _anchor_before(doc, candidate.span, pub_date) if anchored else None
    future = _is_future(doc, mention)
    return resolve_expression(candidate.span.text, pub_date, anchor=anchor, future=future)


def _anchor_before(doc: Doc, span: Span, pub_date: dt.date | None) -> dt.date | None:
    """The last date mentioned before ``span`` in the document, for "the day before"."""
    if pub_date is None:
        return None
    earlier = [e for e in doc.ents if e.label_ == "DATE" and e.end <= span.start]
    for entity in reversed(earlier[-20:]):
        words = normalize(entity.text)
        if any(words.endswith(w) for w in ("before", "after", "earlier", "later", "previous day", "following day")):
            continue
        resolved = resolve_expression(entity.text, pub_date)
        if resolved is not None and resolved.precision == "day":
            return resolved.date
    return pub_date


def _is_future(doc: Doc, mention: EventMention) -> bool:
    trigger = trigger_token(doc, mention.trigger_i)
    if trigger is None:
        return False
    future_aux = lexicon()["future_auxiliaries"]
    for token in (trigger, *list(_ancestors(trigger))[:1]):
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in future_aux:
                return True
            if child.dep_ == "aux" and child.lower_ == "to" and token.head.lemma_ == "go" and token.head.tag_ == "VBG":
                return True
    return False


def _setting_verb(head: Token) -> Token:
    """For "killed in a bombing on Jan. 2" the date's noun (bombing) is the verb's setting."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj" and head.head.lower_ in INSIDE_PREPS:
        return head.head.head
    return head


def _is_argument_of(head: Token, cluster: set[int]) -> bool:
    """A noun that is the subject of a clause in the cluster ("the Friday strike killed two")."""
    return head.pos_ in ("NOUN", "PROPN") and head.dep_ in _ARGUMENT_DEPS and head.head.i in cluster


def _written(span: Span, prep: str | None) -> str:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if prep and before is not None and before.lower_ == prep and prep in lexicon()["kept_prepositions"]:
        return doc_text(doc)[before.idx : span.end_char]
    return span.text


def _paragraph_opening_date(doc: Doc, sentence: Span) -> Candidate | None:
    """A date opening one of the few sentences before, in the same paragraph: "On 9 May 2020, rebels …"."""
    following = sentence
    for _ in range(_LOOK_BACK_SENTENCES):
        if following.start == 0:
            return None
        try:
            previous = doc[following.start - 1].sent
        except ValueError:
            return None
        words = [t for t in previous if not t.is_space]
        last_char = words[-1].idx + len(words[-1]) if words else previous.start_char
        if _PARAGRAPH_BREAK.search(doc_text(doc)[last_char : following.start_char]):
            return None
        first = previous[1] if len(previous) > 1 and previous[0].lower_ in ("on", "in") else previous[0]
        for span in date_spans(previous):
            if span.start == first.i:
                prep = previous[0].lower_ if first.i != previous.start else None
                return Candidate(span, _written(span, prep), prep, 3, sentence.start - previous.start)
        following = previous
    return None


def _ancestors(token: Token) -> list[Token]:
    return list(token.ancestors)[:32]


def _governors(token: Token) -> list[Token]:
    """Ancestors that govern ``token``: the head a conjunct hangs from is its peer, not its governor.

    "We recall the massacre and we accuse …": "accuse" is not recalled; but in "we recall that
    they killed 40 and wounded 90" the "recall" above "killed" governs "wounded" too.
    """
    governors = []
    current = token
    for _ in range(32):
        head = current.head
        if head.i == current.i:
            break
        if current.dep_ != "conj":
            governors.append(head)
        current = head
    return governors


def _pluperfect(trigger: Token) -> bool:
    return trigger.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in trigger.children
    )


def _is_age(span: Span) -> bool:
    text = span.text.lower()
    return "year-old" in text or "years old" in text or "year old" in text or "aged" in text


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
