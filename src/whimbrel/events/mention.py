"""What event detection hands to the later stages: an event said in a clause."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token


@dataclass
class EventMention:
    """One event found in a parsed document, before actors, place, date and counts.

    Token indices refer to the spaCy ``Doc`` the mention was found in; character
    offsets refer to the document text.
    """

    trigger_i: int  # index of the trigger's head token (usually the clause's verb)
    trigger_start: int
    trigger_end: int
    sent_start: int
    sent_end: int
    event_type: str  # one of records.schema.PLOVER_TYPES
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    cameo: str | None = None  # the CAMEO code the detector matched, when it had one
    confidence: float = 0.5
    negated: bool = False
    hypothetical: bool = False
    pattern: str | None = None  # what matched, for debugging and evaluation
    # Mentions of the same happening folded into this one (``detect.merge_restated``): "two were killed
    # and 14 injured when troops opened fire" is one event on "opened" that restates "killed" and
    # "injured". Their clauses are this event's (counts); the subjects of the passive ones are its targets.
    restated: list[EventMention] = field(default_factory=list)
    # Triggers of the other events the detector reported in the same sentence ("Police fired tear gas and
    # arrested 20": the arrest beside the assault). Each holds its own counts (``numbers.counts``).
    beside: list[int] = field(default_factory=list)

    @classmethod
    def on(cls, token: Token, event_type: str, **fields: Any) -> EventMention:
        """A mention triggered by ``token``, with the offsets of the token and its sentence."""
        sent = token.sent
        return cls(
            trigger_i=token.i,
            trigger_start=token.idx,
            trigger_end=token.idx + len(token.text),
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            event_type=event_type,
            **fields,
        )
