"""Who did and who suffered an event that restates others.

The detector folds agentless casualty clauses ("two protesters were killed") into the active clause
that reports the same happening ("when troops opened fire"; ``EventMention.restated``). The merged
event's doers are its own trigger's; its recipients are the sufferers the restated clauses name.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from whimbrel.events.mention import EventMention
from whimbrel.numbers.counts import bare_amount
from whimbrel.records.schema import ActorRef

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
