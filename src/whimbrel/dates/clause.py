"""Which words of a parse belong to one event's clause: shared by the date and number stages."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# Dependents that describe the same happening as their head: "shelled a base, killing 3",
# "the strike that killed", "were killed and 20 wounded".
SAME_EVENT_DEPS = frozenset({"advcl", "conj", "relcl", "acl", "xcomp"})
# Prepositions that put a verb inside a named happening: "killed in a bombing".
INSIDE_PREPS = frozenset({"in", "during", "at", "amid"})


def trigger_token(doc: Doc, trigger_i: int) -> Token | None:
    """The trigger token, or None when the index is outside the document."""
    if 0 <= trigger_i < len(doc):
        return doc[trigger_i]
    return None


def sentence_of(doc: Doc, trigger_i: int) -> Span | None:
    """The sentence holding the trigger (the whole doc when it has no sentence boundaries)."""
    token = trigger_token(doc, trigger_i)
    if token is None:
        return None
    try:
        return token.sent
    except ValueError:  # no parser and no sentencizer: treat the doc as one sentence
        return doc[:]


def event_cluster(trigger: Token) -> set[int]:
    """Indices of the predicates that describe the trigger's happening.

    The trigger, the heads it hangs from by same-event links (a relative clause's noun, the
    main verb of a participle), the verb it names when it is the object of "in"/"during",
    and their same-event dependents. Reported clauses (ccomp) and objects are other events.
    """
    members = {trigger.i}
    token = trigger
    while token.dep_ in SAME_EVENT_DEPS and token.head.i != token.i:
        token = token.head
        members.add(token.i)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in INSIDE_PREPS and trigger.head.head.pos_ in ("VERB", "AUX"):
        members.add(trigger.head.head.i)
    frontier = list(members)
    doc = trigger.doc
    while frontier:
        current = doc[frontier.pop()]
        for child in current.children:
            if child.dep_ in SAME_EVENT_DEPS and child.i not in members and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                members.add(child.i)
                frontier.append(child.i)
    return members


def attachment(token: Token) -> tuple[Token, str | None]:
    """The word an adverbial phrase hangs from, and the preposition that links it.

    For "on Friday" (Friday → on → strike) that is (strike, "on"); for a bare
    "yesterday" (npadvmod) it is the verb.
    """
    if token.dep_ in ("pobj", "pcomp") and (token.head.pos_ == "ADP" or token.head.dep_ == "prep"):
        prep = token.head
        return prep.head, prep.lower_
    return token.head, None


def predicate_of(token: Token) -> Token:
    """The nearest verb or event-like noun governing ``token`` (``token`` itself if it is one)."""
    current = token
    for _ in range(64):  # parses are trees, but never trust a loop on external data
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT" or current.head.i == current.i:
            return current
        current = current.head
    return current


def in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` lies in the clause of a verb other than the trigger and its ancestors.

    Walks up from ``token`` (itself included) to the first word that is the trigger or one of
    its ancestors; a verb met on the way heads another event's clause ("we recall that 450
    were killed since October, and we accuse …": for "accuse", "since October" and "450" are
    inside "killed"). Words of the trigger's own subtree are never in another clause, nor are
    verbs that continue an ancestor's happening by a same-event link ("the blast left 5 dead
    and 20 wounded", "the attack killed three, injuring dozens"); reported clauses are other events.
    """
    chain = [trigger, *trigger.ancestors]
    governing = {t.i for t in chain}
    frontier = list(chain)
    while frontier:
        for child in frontier.pop().children:
            if child.dep_ in SAME_EVENT_DEPS and child.i not in governing:
                governing.add(child.i)
                frontier.append(child)
    current = token
    for _ in range(64):  # parses are trees, but never trust a loop on external data
        if current.i in governing:
            return False
        if current.pos_ == "VERB" or (current.pos_ == "AUX" and current.dep_ not in ("aux", "auxpass")):
            return not _inside(token, trigger)
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _inside(token: Token, trigger: Token) -> bool:
    return trigger.left_edge.i <= token.i <= trigger.right_edge.i and any(a.i == trigger.i for a in token.ancestors)
