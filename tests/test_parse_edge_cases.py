"""Parses the statistical parser can produce that the clause walks must survive.

spaCy makes leading whitespace a sentence of its own whose only token is labelled ``dep`` (not
``ROOT``) and is its own head; and it builds a new ``Token`` object on every access, so a walk up
the tree must compare token indexes, never object identity.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from whimbrel.events.mention import EventMention
from whimbrel.places.event_place import event_location


def whitespace_led_doc() -> Doc:
    return Doc(
        Vocab(),
        words=[" ", "Rebels", "shelled", "Nyala", "."],
        spaces=[False, True, True, False, False],
        heads=[0, 2, 2, 2, 2],
        deps=["dep", "nsubj", "ROOT", "dobj", "punct"],
        pos=["SPACE", "NOUN", "VERB", "PROPN", "PUNCT"],
    )


def test_a_self_headed_token_is_its_own_head_by_index_not_identity():
    doc = whitespace_led_doc()
    assert doc[0].head.i == doc[0].i and doc[0].head is not doc[0]


def test_event_place_of_a_mention_on_a_self_headed_non_root_token_returns():
    doc = whitespace_led_doc()
    assert event_location(doc, EventMention.on(doc[0], "COOPERATE"), []) is None


def test_no_event_on_a_whitespace_sentence():
    import whimbrel

    # the sentence model reads a lone space as COOPERATE when it stands as a sentence of its own
    events = whimbrel.code_text(" Last September, the suspect was captured after a gun battle in Karachi.", date="2020-05-10")
    assert events and all(e.evidence.trigger.strip() for e in events)
