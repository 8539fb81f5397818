"""Putting the stages' answers for one event mention together into an :class:`Event`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from whimbrel.language.analysis import doc_text
from whimbrel.events.mention import EventMention
from whimbrel.numbers.counts import bare_amount
from whimbrel.reading.document import Document
from whimbrel.records.schema import ActorRef, Event, Evidence, Location

if TYPE_CHECKING:
    from whimbrel.codes.table import Codes
    from whimbrel.dates.resolve import EventDate
    from whimbrel.numbers.counts import Counts


def assemble_event(
    *,
    event_id: str,
    doc: Doc,
    document: Document,
    offset: int,
    mention: EventMention,
    codes: Codes,
    actors: list[ActorRef],
    recipients: list[ActorRef],
    location: Location | None,
    when: EventDate,
    counts: Counts,
    historical: bool,
) -> Event:
    """Build the record; ``offset`` shifts piece-relative character offsets to the document."""
    evidence = Evidence(
        sentence=doc_text(doc)[mention.sent_start : mention.sent_end],
        start=mention.sent_start + offset,
        end=mention.sent_end + offset,
        trigger=doc_text(doc)[mention.trigger_start : mention.trigger_end],
        trigger_start=mention.trigger_start + offset,
        trigger_end=mention.trigger_end + offset,
    )
    return Event(
        event_id=event_id,
        doc_id=document.id,
        event_type=mention.event_type,
        mode=mention.mode,
        contexts=list(mention.contexts),
        quad_class=codes.quad_class,
        cameo=codes.cameo,
        acled_event_type=codes.acled_event_type,
        acled_sub_event_type=codes.acled_sub_event_type,
        date=when.date,
        date_precision=when.precision,
        date_text=when.text,
        actors=[_shifted(a, offset) for a in actors],
        recipients=[_shifted(r, offset) for r in recipients],
        location=location,
        dead=counts.dead,
        injured=counts.injured,
        arrested=counts.arrested,
        size=counts.size,
        negated=mention.negated,
        hypothetical=mention.hypothetical,
        historical=historical,
        evidence=evidence,
        confidence=round(mention.confidence, 3),
    )


Participants = tuple[list[ActorRef], list[ActorRef]]


def merged_participants(doc: Doc, mention: EventMention, participants: Callable[[EventMention], Participants]) -> Participants:
    """Actors and recipients of a mention that restates others (``EventMention.restated``): the doers are
    its own trigger's ("when troops opened fire"), the recipients the named sufferers of the restated
    casualty clauses ("two protesters were killed"), ahead of any the trigger names itself. A bare amount
    ("at least 14 were injured") counts people named elsewhere and is never a party by itself.
    ``participants`` is the actor stage's resolver for one mention."""
    actors, recipients = participants(mention)
    sufferers: list[ActorRef] = []
    for other in mention.restated:
        doers, done_to = participants(other)
        suffered = doers if _active_undergoer(doc, other) else done_to  # "and two students died"
        sufferers += [r for r in suffered if not r.implied and not _bare_amount_ref(doc, r)]
    if not sufferers:
        return actors, recipients
    taken = {(a.start, a.end) for a in actors}
    merged: list[ActorRef] = []
    for ref in [*sufferers, *(r for r in recipients if not r.implied)]:
        if (ref.start, ref.end) not in taken:
            taken.add((ref.start, ref.end))
            merged.append(ref)
    return actors, merged


def _active_undergoer(doc: Doc, mention: EventMention) -> bool:
    """A restated clause whose active subject is who suffered it ("two students died")."""
    token = doc[mention.trigger_i]
    return not any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) and any(
        c.dep_ == "nsubj" for c in token.children
    )


def _bare_amount_ref(doc: Doc, ref: ActorRef) -> bool:
    """Whether a party's text is only an amount of people named elsewhere ("at least 14")."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and bare_amount(span.root)


def _shifted(actor: ActorRef, offset: int) -> ActorRef:
    return dataclasses.replace(actor, start=actor.start + offset, end=actor.end + offset) if offset else actor
