"""Is an event said not to have happened (negated), or not (yet) to have happened (hypothetical)?

Both are read from the dependency parse around the trigger token. The cue words are
closed-class grammar (negators, modal verbs, subordinators) plus a few verbs of denial,
failure and intention; verbs whose own PLOVER type looks ahead (requests, threats, offers)
are passed in by the detector from its lexicon.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "nothing", "noone", "no-one"})
# Governors whose complement did not happen: "denied shelling", "failed to reach".
NEGATING_GOVERNORS = frozenset({"deny", "refute", "fail", "avoid", "refrain", "prevent", "avert", "stop"})
# Governors that refuse their complement: "refused to release" is a rejection, not a release.
REFUSING_GOVERNORS = frozenset({"refuse", "decline", "reject", "rebuff", "spurn"})
# Governors whose complement lies in the future or may not happen: "plans to", "wants to".
INTENT_GOVERNORS = frozenset(
    {"plan", "want", "intend", "aim", "seek", "try", "attempt", "expect", "hope", "prepare", "propose",
     "consider", "vow", "pledge", "promise", "offer", "threaten", "warn", "call", "urge", "demand", "ask",
     "decide", "agree", "need", "wish", "mull", "weigh", "contemplate", "push", "press", "appeal",
     "willing", "ready", "prepared", "eager", "determined", "likely", "set"}
)
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
# Governors after which an infinitive reports what happened: "began to shell", "managed to flee".
FACTUAL_GOVERNORS = frozenset({"begin", "start", "continue", "manage", "resume", "keep", "proceed"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether", "lest"})
HYPOTHETICAL_MODIFIERS = frozenset(
    {"possible", "potential", "planned", "proposed", "future", "threatened", "imminent", "alleged", "mooted"}
)
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "oprd"})


def _has_negative_argument(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if child.lower_ in NEGATIVE_PRONOUNS:
                return True
            if any(g.dep_ == "det" and g.lower_ in NEGATIVE_DETERMINERS for g in child.children):
                return True
    return False


def governor(token: Token) -> Token | None:
    """The word that takes ``token`` (directly or through a preposition) as its complement."""
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "dative", "agent"):
        head = token.head.head
    elif token.dep_ in _COMPLEMENT_DEPS or token.dep_ == "advcl":
        head = token.head
    else:
        return None
    return head if head.i != token.i and head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") else None


def modal(token: Token) -> str | None:
    """The modal auxiliary of the clause of ``token`` (lowercased), if any."""
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            return child.lower_
    return None


def is_negated(token: Token) -> bool:
    """True when the clause of ``token`` says the event did not happen."""
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if token.pos_ == "NOUN":
        if any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in token.children):
            return True
        if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
            head = token.head
            if any(c.dep_ == "neg" for c in head.children):
                return True
    elif _has_negative_argument(token):
        return True
    gov = governor(token)
    return gov is not None and token.dep_ != "advcl" and gov.lemma_.lower() in NEGATING_GOVERNORS


def is_hypothetical(token: Token, looks_ahead: Callable[[Token], bool] | None = None) -> bool:
    """True when the event of ``token`` is future, wished, demanded, threatened, conditional or asked.

    ``looks_ahead(governor)`` may say that a governing verb is itself a request, threat or
    offer (from the detector's lexicon), making its complement hypothetical.
    """
    if token.sent.text.rstrip().endswith("?"):
        return True
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKERS:
            return True
        if child.dep_ == "amod" and child.lower_ in HYPOTHETICAL_MODIFIERS:
            return True
    clause = token
    while clause.dep_ in ("conj",) and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKERS for c in clause.children):
        return True
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    gov = governor(token)
    if gov is None:
        return False
    lemma = gov.lemma_.lower()
    if lemma in FACTUAL_GOVERNORS:
        return False
    if token.dep_ == "advcl":
        return infinitive
    if lemma in INTENT_GOVERNORS or (lemma == "go" and gov.tag_ == "VBG" and infinitive):
        return True  # "is going to send"
    if looks_ahead is not None and looks_ahead(gov):
        return True
    if infinitive and token.dep_ in ("xcomp", "advcl"):
        return gov.pos_ != "NOUN"
    return False
