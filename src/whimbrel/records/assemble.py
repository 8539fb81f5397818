"""Putting the stages' answers for one event mention together into an :class:`Event`."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from whimbrel.language.analysis import doc_text
from whimbrel.events.mention import EventMention
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


def _shifted(actor: ActorRef, offset: int) -> ActorRef:
    return dataclasses.replace(actor, start=actor.start + offset, end=actor.end + offset) if offset else actor
