"""Finding event-reporting clauses in a parsed document and typing them in PLOVER.

Verbs are looked up by lemma in the CAMEO verb dictionary; their dependents (subject, objects,
particles, prepositional phrases) are matched against the patterns of the verb's block, and
the most specific matching pattern gives the CAMEO code (the block's code otherwise). Event
nouns (``the attack on``, ``clashes``, ``the arrest of``) are matched the same way through the
verb they nominalise. CAMEO codes are mapped to PLOVER; 01x statements are not events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from whimbrel.codes.table import CodeTable
from whimbrel.events.lexicon import Element, Lexicon, NounEntry, Pattern, VerbEntry, load_lexicon
from whimbrel.events.mention import EventMention
from whimbrel.events.model import EventTyper, Prediction, penta_of_code, sentence_features
from whimbrel.events.modality import (
    FUTURE_MODALS,
    INTENT_GOVERNORS,
    OBLIGATION_MODALS,
    REFUSING_GOVERNORS,
    governor,
    is_hypothetical,
    is_negated,
    modal,
)
from whimbrel.numbers.counts import arrest_verb, names_someone, undergoer_clause

# Dependents of a verb that fill the slot after ``*`` in a pattern.
_OBJECT_DEPS = frozenset(
    {"dobj", "obj", "attr", "oprd", "nsubjpass", "acomp", "xcomp", "ccomp", "prt", "advmod", "npadvmod", "dative"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Dependents that a verb acts on: its direct object or its passive subject ("suppressed the protest",
# "the protest was suppressed").
_UNDERGOER_DEPS = frozenset({"dobj", "nsubjpass"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
# A pattern word with no preposition names what the verb acts on; a noun inside one of these phrases
# only says where or when it happened ("arrested dozens near the army headquarters" is no seizure of the
# headquarters, "detained five in the area" no occupation of territory).
_LOCATIVE_PREPS = frozenset({"near", "in", "at", "outside", "inside", "around", "within", "beside", "behind", "along", "across", "throughout", "amid", "during"})
# Dependencies under which a noun can report an event; excluded are e.g. compounds ("protest leaders").
_NOUN_EVENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos", "ROOT", "oprd"})
# Named-entity types whose tokens are names, not events ("Desert Storm", "Strike Force").
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP"})
# Events aimed at others, and the prepositions that name their target ("fired on the march"); a
# protest after "during" or "following" is when the act happened, not what it hit.
_ATTACK_TYPES = frozenset({"ASSAULT", "COERCE"})
_TARGET_PREPS = frozenset({"on", "at", "against", "upon", "into", "toward", "towards"})
_LOOKING_AHEAD = frozenset({"REQUEST", "THREATEN", "AGREE"})
# Nouns of these types mostly name states and documents ("the agreement", "trade", "support"),
# not happenings; their events are reported by verbs ("signed the agreement").
_STATIVE_NOUN_TYPES = frozenset({"SUPPORT", "COOPERATE", "AGREE", "CONCEDE", "REQUEST"})
# Nouns whose "on X" phrase names a different event than the bare noun: "went on strike" is a
# labour strike (CAMEO 143, as "general strike"), "a strike" alone mostly a military one (190).
_ON_NOUNS = {"strike": "143"}


def _bare_on_phrase(noun: Token) -> bool:
    """``(went|are) on strike``: the noun bare after a verb's ``on`` (not "on the American strike")."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "on"
        and prep.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in noun.children)
    )


# Determiners that make an event noun point back to an event named earlier ("the strike", "this attack").
_ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those"})
# Dependents that give an event noun its own reading, so that it is no bare repetition of an earlier one.
_OWN_READING_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "prep", "relcl", "acl"})


def _anaphoric(noun: Token) -> bool:
    """A bare definite event noun ("The strike violated …"): a determiner that points back and
    nothing of its own that says which event it is (no modifier, possessor or phrase)."""
    dets = [c for c in noun.children if c.dep_ == "det"]
    return (
        len(dets) == 1
        and dets[0].lower_ in _ANAPHORIC_DETS
        and not any(c.dep_ in _OWN_READING_DEPS for c in noun.children)
    )


# Governing events that take what they govern as their content: one event, the governor's.
_ABSORBING = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT"})
# Verbal modifiers that are not clauses: "according to", "the banned party", "US-led".
_NOT_CLAUSES = frozenset({"prep", "amod", "compound", "aux", "auxpass"})


@dataclass
class Argument:
    """A dependent of a trigger as patterns see it: preposition (if any), head forms, modifiers."""

    prep: str | None
    forms: frozenset[str]
    mods: frozenset[str]
    token_i: int


@dataclass
class Match:
    """The code a trigger got and how: the pattern's specificity and the tokens it used."""

    code: str | None
    spec: int = 0
    used: set[int] = field(default_factory=set)
    how: str = "default"
    thin: bool = False  # matched by one bare object word only
    factual: bool = False  # set by a combination: the (re)coded act itself happened ("refused to")
    # _combine changed the code: a governing verb ("agreed to meet" 036, "refused to" 12x, "demanded the release")
    # or a modal ("will provide aid" 031, "must withdraw" 105)
    combined: bool = False


def _forms(token: Token) -> frozenset[str]:
    return frozenset({token.lower_, token.lemma_.lower()})


def _mods(token: Token) -> frozenset[str]:
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "advmod", "det", "npadvmod"):
            words |= {child.lower_, child.lemma_.lower()}
            words |= {g.lower_ for g in child.children if g.dep_ in ("compound", "amod")}
    return frozenset(words)


def _noun_arguments(token: Token, prep: str | None) -> list[Argument]:
    """An argument noun, its conjuncts, and its own prepositional phrases one level down."""
    out = []
    for noun in [token, *token.conjuncts]:
        out.append(Argument(prep, _forms(noun), _mods(noun), noun.i))
        for child in noun.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        out.append(Argument(child.lower_, _forms(pobj), _mods(pobj), pobj.i))
    return out


def verb_arguments(verb: Token) -> tuple[list[Argument], list[Argument]]:
    """(before-verb arguments, after-verb arguments) of a verb for pattern matching."""
    pre: list[Argument] = []
    post: list[Argument] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for child in verb.children:
        dep = child.dep_
        if dep in _SUBJECT_DEPS:
            pre.extend(_noun_arguments(child, None))
        elif dep in _PREP_DEPS:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            post.append(Argument(child.lower_, frozenset({child.lower_}), frozenset(), child.i))
            for obj in objects:
                args = _noun_arguments(obj, child.lower_)
                post.extend(args)
                if dep == "agent" and passive:
                    pre.extend(_noun_arguments(obj, None))
        elif dep in _OBJECT_DEPS:
            if dep == "advmod" and child.i < verb.i:
                pre.append(Argument(None, _forms(child), frozenset(), child.i))
                continue
            post.extend(_noun_arguments(child, None))
            if dep == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                post.append(Argument("to", _forms(child), _mods(child), child.i))
    return pre, post


def noun_arguments(noun: Token) -> tuple[list[Argument], list[Argument]]:
    """Arguments of an event noun read as those of its verb: ``of`` → object, ``by``/possessor → subject."""
    pre: list[Argument] = []
    post: list[Argument] = []
    for child in noun.children:
        if child.dep_ == "poss":
            pre.extend(_noun_arguments(child, None))
        elif child.dep_ == "prep":
            post.append(Argument(child.lower_, frozenset({child.lower_}), frozenset(), child.i))
            for obj in child.children:
                if obj.dep_ not in ("pobj", "pcomp"):
                    continue
                post.extend(_noun_arguments(obj, child.lower_))
                if child.lower_ == "of":
                    post.extend(_noun_arguments(obj, None))
                elif child.lower_ == "by":
                    pre.extend(_noun_arguments(obj, None))
        elif child.dep_ in ("compound", "amod"):
            pre.append(Argument(None, _forms(child), frozenset(), child.i))
    return pre, post


def _element_match(element: Element, args: list[Argument]) -> int | None:
    """Index of the token filling ``element`` among ``args``, or None."""
    for arg in args:
        if element.prep is not None:
            if arg.prep != element.prep:
                continue
            if element.bare:
                return arg.token_i
        elif arg.prep is not None and (arg.prep in _LOCATIVE_PREPS or not (arg.forms & element.heads)):
            continue
        if not (arg.forms & element.heads):
            continue
        for alt in element.alts:
            if alt.head in arg.forms and all(arg.mods & mod for mod in alt.mods):
                return arg.token_i
    return None


def _slots_filled(elements: tuple[Element, ...], args: list[Argument]) -> set[int] | None:
    """The argument tokens filling every slot of one side of a pattern, or None if a slot is empty."""
    used: set[int] = set()
    for element in elements:
        i = _element_match(element, args)
        if i is None:
            return None
        used.add(i)
    return used


def _pattern_slots(pattern: Pattern, pre: list[Argument], post: list[Argument]) -> set[int] | None:
    """The argument tokens filling every slot of both sides of ``pattern``, or None if a slot is empty."""
    before = _slots_filled(pattern.pre, pre)
    after = _slots_filled(pattern.post, post) if before is not None else None
    return None if after is None or before is None else before | after


def match_patterns(patterns: tuple[Pattern, ...], pre: list[Argument], post: list[Argument]) -> Match | None:
    """The most specific pattern all of whose slots are filled (later ones win ties)."""
    best: Match | None = None
    best_key: tuple[int, int] = (-1, -1)
    for pattern in patterns:
        used = _pattern_slots(pattern, pre, post)
        if used is None:
            continue
        key = (pattern.spec, pattern.order)
        if key > best_key:
            best_key = key
            thin = pattern.spec < 2 and all(e.prep is None for e in pattern.pre + pattern.post)
            best = Match(code=pattern.code, spec=pattern.spec, used=used, how="pattern", thin=thin)
    return best


# CAMEO 173 (arrest, detain, charge): an arrest verb whose own code it is arrests whoever is its object.
_ARREST_CODE = "173"
# Objects that are no one: places and things an arrest verb's block may seize ("captured the airport").
_NOT_PEOPLE_ENTS = frozenset({"GPE", "LOC", "FAC", "PRODUCT", "MONEY", "DATE", "TIME", "PERCENT", "QUANTITY"})


def _arrested_people(verb: Token) -> list[Token]:
    """The verb's objects (or passive subjects) that may be people: pronouns, amounts ("arrested 20"),
    nouns and names that are no place, thing or measure."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return [o for o in objects if o.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and o.ent_type_ not in _NOT_PEOPLE_ENTS]


def _arrests_someone(verb: Token, default: str, match: Match) -> bool:
    """Whether a pattern recoded an arrest verb (one that counts the arrested, ``numbers.counts.arrest_verb``,
    with own code CAMEO 173; not "convict" or "indict") that has someone as its object: what it does to
    someone is an arrest, whatever its subject ("Soldiers arrested two journalists" is no 192 occupation
    by the seizure block's "$ &MILITARY * [192]"), a phrase beside ("during the demonstration") or who
    was arrested ("police detained demonstrators" is no 175 violent repression)."""
    if not default.startswith(_ARREST_CODE) or not match.code or match.code.startswith(_ARREST_CODE):
        return False
    return arrest_verb(verb) and bool(_arrested_people(verb))


# Clause links along which a second trigger of the same type restates its head's event ("killed three
# and injured four when they attacked"), and how many of them apart two triggers may be.
_RESTATING_DEPS = frozenset({"conj", "advcl"})
_RESTATING_STEPS = 3


def _subject_words(token: Token) -> set[str]:
    """Lemmas of a verb's subjects that name someone: no pronoun, no bare amount ("14 were injured")."""
    return {
        c.lemma_.lower()
        for c in token.children
        if c.dep_ in ("nsubj", "nsubjpass") and names_someone(c)
    }


def _same_reading(head: EventMention, other: EventMention) -> bool:
    """Whether two mentions read the same kind of happening: type, polarity and modality."""
    return (other.event_type, other.negated, other.hypothetical) == (head.event_type, head.negated, head.hypothetical)


def _restates(doc: Doc, head: EventMention, other: EventMention) -> bool:
    """Whether ``other`` is ``head``'s event said again: the same type, polarity and modality, its
    trigger linked to ``head``'s by conjunction or adverbial clauses, with no subject of its own
    but a pronoun, a bare amount ("and at least 14 were injured") or ``head``'s subject."""
    if not _same_reading(head, other):
        return False
    token, target = doc[other.trigger_i], doc[head.trigger_i]
    if _restating_chain(token).get(target.i, 0) == 0:  # ``head`` is no head of ``other`` along the chain
        return False
    subjects = _subject_words(token)
    return not subjects or subjects <= _subject_words(target)


def _restating_chain(token: Token) -> dict[int, int]:
    """The token and its heads along conjunction and adverbial-clause links, with their distance in links."""
    chain = {token.i: 0}
    for step in range(1, _RESTATING_STEPS + 1):
        if token.dep_ not in _RESTATING_DEPS or token.head.i == token.i:
            break
        token = token.head
        chain[token.i] = step
    return chain


def _linked(a: Token, b: Token) -> bool:
    """Whether two clauses are at most ``_RESTATING_STEPS`` conjunction or adverbial links apart, either
    hanging from the other ("… were killed when troops opened fire") or both from one head."""
    up_a, up_b = _restating_chain(a), _restating_chain(b)
    return any(i in up_b and steps + up_b[i] <= _RESTATING_STEPS for i, steps in up_a.items())


def _agentless_casualties(token: Token) -> bool:
    """A verb of killing, injuring or arresting whose subject suffered it, with no "by" phrase: "two
    protesters were killed", "and five others wounded", "two students died"."""
    return undergoer_clause(token) and not any(c.dep_ == "agent" for c in token.children)


def _has_doer(token: Token) -> bool:
    """An active clause whose subject names who acted ("troops opened fire"): not a bare amount, nor a
    pronoun, which may be the sufferer himself ("was arrested when he took out a procession")."""
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in _SUBJECT_DEPS and names_someone(c) for c in token.children
    )


def _restates_passively(doc: Doc, head: EventMention, other: EventMention) -> bool:
    """Whether ``other`` tells who suffered ``head``'s event: an agentless passive of casualties ("two
    protesters were killed") of the same type, polarity and modality, linked to ``head``'s active clause
    ("when troops opened fire") by conjunction or adverbial clauses, in either direction. The event is
    then ``head``'s: its doer is the active subject, its targets the passive subjects."""
    if not _same_reading(head, other):
        return False
    token, target = doc[other.trigger_i], doc[head.trigger_i]
    return _agentless_casualties(token) and _has_doer(target) and _linked(token, target)


def _absorb(head: EventMention, other: EventMention) -> None:
    """Fold ``other`` (and what it had folded in) into ``head``, which keeps the higher confidence."""
    head.confidence = max(head.confidence, other.confidence)
    head.restated.extend([other, *other.restated])
    other.restated = []


def merge_restated(doc: Doc, mentions: list[EventMention]) -> list[EventMention]:
    """One mention per event: a trigger that restates another mention's event in the same clause
    chain ("opened fire …, killing five and injuring ten"; "two were killed and 14 injured when troops
    opened fire") is dropped in favour of the one that names the doer, which keeps it in ``restated``
    and the higher confidence of the two."""
    into: dict[int, EventMention] = {}  # a dropped mention → the one that absorbed it
    for other in mentions:
        for head in mentions:
            if head is other or not (_restates_passively(doc, head, other) or _restates(doc, head, other)):
                continue
            while id(head) in into:  # restating a restatement restates what that one restates
                head = into[id(head)]
            if head is not other:
                _absorb(head, other)
                into[id(other)] = head
                break
    return [m for m in mentions if id(m) not in into and not any(_alleged(doc, h, m) for h in mentions)]


def _hyphenated(verb: Token) -> str | None:
    """The lemma of a hyphenated verb that spaCy splits in three ("baton-charged" → "baton-charge"):
    the word and hyphen written onto the verb with no space between; None for a verb written alone."""
    if verb.i < 2:
        return None
    hyphen, word = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or word.whitespace_ or not word.is_alpha:
        return None
    return f"{word.lower_}-{verb.lemma_.lower()}"


def _modifier_codes(entry: NounEntry, noun: Token) -> list[str]:
    """The codes the noun's entry gives the compounds and adjectives modifying it ("hunger strike"), in order."""
    return [entry.mods[c.lower_] for c in noun.children if c.dep_ in ("compound", "amod") and c.lower_ in entry.mods]


def _conjoined(a: Token, b: Token) -> bool:
    """Whether ``b`` is a conjunct of ``a``'s clause or ``a`` of ``b``'s: of the trigger itself or of a
    participle continuing it ("fired tear gas, injuring 12, and arrested 20": "arrested" hangs from
    "injuring")."""
    return (b.dep_ == "conj" and a.i in _restating_chain(b.head)) or (a.dep_ == "conj" and b.i in _restating_chain(a.head))


# CAMEO's appeals (02x) are the verbal twins of its demands (10x), sub-code for sub-code ("urged X to
# lift sanctions": 1054 demand, 0254 appeal for easing of economic sanctions).
_TWIN_ROOTS = {"02": "10", "10": "02"}
_FIRST = 99  # a specificity above any pattern's: the code the dictionary gave the trigger is tried first


def _twins(code: str) -> tuple[str, ...]:
    """The parallel appeal of a demand code or demand of an appeal code (CAMEO 1.1b3), if it is one."""
    twin = _TWIN_ROOTS.get(code[:2])
    return (twin + code[2:],) if twin else ()


def _side_by_side(doc: Doc, mentions: list[EventMention]) -> list[EventMention]:
    """Tell each of one sentence's mentions the triggers of the mentions of another type conjoined with it
    (``EventMention.beside``): two conjoined acts of one doer ("fired tear gas and arrested 20") are two
    events, each with its own counts. Mentions of one type may tell one happening twice ("two persons died
    in police firing"), and a participle or relative clause may hang from the wrong verb in the parse
    ("… who were blocking the road, killing two"): those share their counts as before."""
    triggers = {id(m): [m.trigger_i, *(r.trigger_i for r in m.restated)] for m in mentions}
    for mention in mentions:
        token = doc[mention.trigger_i]
        others = {
            i
            for m in mentions
            if m.event_type != mention.event_type and _conjoined(token, doc[m.trigger_i])
            for i in triggers[id(m)]
        }
        mention.beside = sorted(others - set(triggers[id(mention)]))
    return mentions


def _alleged(doc: Doc, accusation: EventMention, other: EventMention) -> bool:
    """Whether ``other`` is what ``accusation`` alleges ("accuse the militias of crushing a movement",
    the "of" phrase on the verb or on its object): the accusation is the event the sentence reports, not
    a second happening; unless the model made the alleged act the sentence's main event."""
    token = doc[other.trigger_i]
    prep = token.head
    return (
        accusation.event_type == "ACCUSE"
        and token.dep_ == "pcomp"
        and prep.lower_ == "of"
        and (prep.head.i == accusation.trigger_i or (prep.head.dep_ == "dobj" and prep.head.head.i == accusation.trigger_i))
        and accusation.confidence >= other.confidence
    )


# Marks a mention's ``pattern`` kind ("default+combined:agree:036") when ``_combine`` changed its code.
_COMBINED = "+combined"


def _kind(mention: EventMention) -> str:
    return (mention.pattern or "").split(":")[0]


def reading_kind(mention: EventMention) -> str:
    """How the dictionary read ``mention`` ("pattern", "thin-pattern", "default", "noun", "anaphor", …),
    without the combination mark; "" for a mention without one."""
    return _kind(mention).removesuffix(_COMBINED)


def full_pattern(mention: EventMention, thin: bool = False) -> bool:
    """Whether the dictionary read ``mention`` through a CAMEO verb pattern with its arguments (not the
    verb's default code or a noun); ``thin``: also a pattern matched by one bare object word."""
    kinds = ("pattern", "thin-pattern") if thin else ("pattern",)
    return reading_kind(mention) in kinds


def specific_reading(mention: EventMention, thin: bool = False) -> bool:
    """Whether the dictionary gave ``mention`` a specific CAMEO code: a full verb pattern (``thin``: also a
    thin one) or a code a combination gave (two verbs: "agreed to meet" 036, "demanded the release" 1xx; or a
    modal: "will provide aid" 031, "must withdraw" 105)."""
    return full_pattern(mention, thin) or _kind(mention).endswith(_COMBINED)


_DEFAULT = object()


@dataclass(frozen=True)
class Decoding:
    """How the sentence model's reading is combined with the dictionary's.

    The defaults are the shipped settings, scored by 5-fold cross-validation on the gold train parts
    (``scripts/train_events.py --cv``, ranked by the mean of PLOVER type accuracy, type macro-F1,
    ConfliBERT 5-way macro-F1 and any-event agreement on held-out folds; docs/model_card_events.md).
    """

    # The model retypes the dictionary's best trigger only at probability >= 0.5. CV prefers 0.3 (ConfliBERT
    # macro-F1 +0.02), and with the anaphor and type-head guards below 0.3 keeps the clear clause readings
    # it used to overrule ("the strike" after an air strike, "troops are being sent to the region"), but
    # measured once it lowered cameo-conflibert's CAMEO root accuracy (0.264 → 0.250), a guard that must
    # not fall, and left conflibert-cameo test flat (0.830 → 0.828): retyping replaces readings whose root
    # was right, which no train set can show (model card, 2026-12-02 third round).
    retype_probability: float = 0.5
    # It adds an event to a sentence without dictionary triggers whenever it reads one (the CV choice).
    invent_probability: float = 0.0
    keep_same_type_code: bool = False  # True: where the model agrees on the type, the dictionary's code is kept
    retype_pattern_probability: float = 0.0  # the bar when a specific pattern (not the default code) read the trigger
    # Where the model agrees on the dictionary's type but not on its 5-way class, the code is re-rooted into
    # the model's class only when that class is this much likelier than the dictionary's (CV: 0 and 0.2 tie) ...
    recode_margin: float = 0.0
    # ... and only into a code of the mention's own mode: the 5-way class says how annotators file a sentence,
    # not what was done, so an arrest (173) is not turned into a restriction (163). CV cost: see the model card.
    recode_same_mode: bool = True
    # Rules that keep more of the dictionary's reading against the sentence model, all OFF: none raised the
    # CV score, each cost ConfliBERT macro-F1 (0.003 to 0.02) or PLOVER accuracy. A full CAMEO verb pattern
    # (the verb with its arguments, not the bare lemma's default code) is kept by a statement
    # (statement_keeps_patterns) and not re-rooted by the 5-way class (keep_pattern_code); with
    # thin_patterns_count a pattern matched by one bare object word ("imposed a curfew") counts as full.
    statement_keeps_patterns: bool = False
    keep_pattern_code: bool = False
    # With no dictionary trigger, an event is invented only below this P(statement) (1.01: off) ...
    invent_statement_probability: float = 1.01
    # On (since the arbitration CV below): only the statement keep bar reads it with the shipped settings.
    thin_patterns_count: bool = True
    # A retype needs the type head to prefer the new type over the trigger's dictionary type by this much (0: off).
    retype_margin: float = 0.0
    # ... and not on a root that takes a clausal complement ("Observers fear [that violence could return]").
    no_invent_over_clause: bool = False
    # A bare definite noun read from an earlier mention of its event in the document ("the strike" after
    # an air strike; ``EventDetector._anaphor``) is not retyped: the sentence model cannot see that context.
    keep_anaphors: bool = True  # CV: neutral (train sentences seldom repeat an event noun)
    # The joint (type, class) pick is no retype when the type head alone finds the new type less than this
    # share as likely as the dictionary's type (0: off; 1: whenever it prefers the dictionary's): "troops are
    # being sent to the region" is MOBILIZE by the type head (0.44) but material cooperation by the 5-way
    # head (ConfliBERT's troop sendings are mostly peacekeeping), so the pair RETREAT (0.12) won. Only a
    # factual reading is defended. CV: at retype 0.3, 0.5 costs 0.002 ConfliBERT macro-F1 against 0; at 0.5, nothing.
    type_head_veto: float = 0.5
    # Arbitration for the dictionary's specific readings, chosen by scripts/typing_arbitration.py (5-fold train
    # CV, fold typers that never saw the sentence; mean of PLOVER accuracy, macro-F1, ConfliBERT macro-F1 and
    # any-event agreement: shipped before 0.7513, with the keep bar 0.7 0.7516, every margin 0.1-0.5 0.749 or
    # less; each moves 1-5 of 1,558 held-out sentences). A trigger the dictionary read specifically (a full
    # CAMEO verb pattern or a verb combination, ``specific_reading``; thin patterns with thin_patterns_count)
    # is retyped only where the type head prefers the new type over the dictionary's by this much (0: off) ...
    pattern_retype_margin: float = 0.0
    # ... unless (True) some reading of the trigger in the dictionary has the new type already (then the
    # retype only picks among the dictionary's own readings, and the plain bar applies).
    pattern_margin_unread_only: bool = True
    # A sentence read as a statement keeps the specific readings of cooperation or conflict (5-way class 1-4)
    # when P(statement) is below this (0: never; only those readings are kept) ...
    statement_keep_below: float = 0.7
    # ... of this scope: "specific" (specific_reading), "verb" (also a verb's own code: "arrested") or "any"
    # (also nouns: "the attack").
    statement_keep_scope: str = "specific"


class EventDetector:
    """Finds event mentions in parsed documents; loads its lexicon and typing model once.

    ``typer`` is the learned sentence typer (default: the packaged model, when there is one);
    ``None`` gives the dictionary-only detector. ``decoding`` says how the two are combined.
    """

    def __init__(
        self, lexicon: Lexicon | None = None, typer: EventTyper | None | object = _DEFAULT, decoding: Decoding | None = None
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.typer: EventTyper | None = EventTyper.load() if typer is _DEFAULT else typer  # type: ignore[assignment]
        self.decoding = decoding or Decoding()

    def detect(self, doc: Doc) -> list[EventMention]:
        """All event mentions of ``doc``, sentence by sentence, in text order."""
        mentions: list[EventMention] = []
        for sent in doc.sents:
            if sent.text.isspace():
                continue  # spaCy makes leading whitespace a sentence of its own; it holds no event
            found = self._sentence(sent)
            if self.typer is not None:
                found = self._typed(sent, found)
            mentions.extend(_side_by_side(sent.doc, merge_restated(sent.doc, found)))
        return mentions

    def dictionary_mentions(self, sent: Span) -> list[EventMention]:
        """The dictionary's mentions of one sentence, before the model (training reads these)."""
        return self._sentence(sent)

    def _typed(self, sent: Span, mentions: list[EventMention], prediction: Prediction | None = None) -> list[EventMention]:
        """Let the model decide the sentence's main event: drop the dictionary's mentions of a
        statement, promote (or retype) the mention of the predicted type, and keep the others
        below it. The model's event goes on the dictionary's best trigger, else the clause root; a
        dictionary mention on that trigger is replaced, and only when the model is sure enough to
        overrule it (``retype_probability``). ``prediction`` (default: the typer's) lets training's
        cross-validation decode with a fold's model."""
        if prediction is None:
            assert self.typer is not None
            vector = self.typer.dense_vector(sent, mentions)
            prediction = self.typer.predict(sentence_features(sent, mentions), vector)
        if prediction.event_type is None:
            return self._statement(mentions, prediction)
        confidence = round(0.6 + 0.39 * prediction.probability, 3)
        same = [m for m in mentions if m.event_type == prediction.event_type]
        if not mentions and not self._invents(sent, prediction):
            return mentions  # an unsure model does not invent an event where the dictionary saw none
        if same:
            chosen = max(same, key=lambda m: m.confidence)
            if self._keeps_code(chosen):
                pass  # the model agrees on the type: the clause's own code (and mode) stands
            elif penta_of_code(chosen.cameo) != prediction.penta and self._re_roots(chosen, prediction):
                self._recode(chosen, prediction.mode or chosen.mode, prediction.penta, sent.doc[chosen.trigger_i], chosen.cameo)
            elif prediction.mode and not chosen.mode:
                chosen.mode = prediction.mode
        elif mentions and not self._retypes(sent.doc, mentions, prediction):
            # an unsure sentence-level guess does not overrule what the dictionary read in the clause
            return mentions
        else:
            reading = None
            if mentions:
                best = max(mentions, key=lambda m: m.confidence)
                mentions.remove(best)  # one trigger, one event: the model retypes it
                token, reading = sent.doc[best.trigger_i], best.cameo
            else:
                token = sent.root
            chosen = EventMention.on(
                token,
                prediction.event_type,
                negated=is_negated(token),
                hypothetical=is_hypothetical(token, self._looks_ahead),
                pattern=f"model:{token.lemma_.lower()}",
            )
            self._recode(chosen, prediction.mode, prediction.penta, token, reading)
            mentions.append(chosen)
            mentions.sort(key=lambda m: m.trigger_i)
        chosen.confidence = confidence
        for m in mentions:
            if m is not chosen:
                m.confidence = min(m.confidence, round(confidence - 0.05, 3))
        return mentions

    def _statement(self, mentions: list[EventMention], prediction: Prediction | None = None) -> list[EventMention]:
        """A sentence the model reads as a statement: no event, unless the dictionary found an appeal
        (CAMEO 02, a statement in the 5-way scheme), which then leads and keeps the clause's other
        events below it ("urged the council to … and threatened to suspend …"), or (with
        ``statement_keeps_patterns``) a full verb pattern ("accused the army of shelling"), which
        then leads and keeps the same; or, where the model is not sure of the statement
        (``statement_keep_below``), the verb readings of cooperation or conflict (``_outlasts_statement``)."""
        appeals = [m for m in mentions if penta_of_code(m.cameo) == 0]
        if not appeals and self.decoding.statement_keeps_patterns:
            appeals = [m for m in mentions if full_pattern(m, self.decoding.thin_patterns_count)]
        if not appeals and prediction is not None:
            return [m for m in mentions if self._outlasts_statement(m, prediction)]
        if not appeals:
            return []
        lead = max(appeals, key=lambda m: m.confidence)
        for m in mentions:
            if m is not lead:
                m.confidence = min(m.confidence, round(lead.confidence - 0.05, 3))
        return mentions

    def _outlasts_statement(self, mention: EventMention, prediction: Prediction) -> bool:
        """Whether a dictionary mention survives a statement reading: P(statement) below
        ``statement_keep_below`` and a reading of ``statement_keep_scope`` (specific: ``specific_reading``; verb:
        also a verb's own code; any: also a noun's) whose CAMEO code is cooperation or conflict, not an appeal."""
        decoding = self.decoding
        probabilities = prediction.penta_probabilities
        if not probabilities or probabilities[0] >= decoding.statement_keep_below:
            return False
        if penta_of_code(mention.cameo) in (None, 0):
            return False
        scope = decoding.statement_keep_scope
        return (
            scope == "any"
            or (scope == "verb" and reading_kind(mention) == "default")
            or specific_reading(mention, decoding.thin_patterns_count)
        )

    def _invents(self, sent: Span, prediction: Prediction) -> bool:
        """Whether the model may put its event on a sentence where the dictionary saw none: sure enough
        (``invent_probability``), not leaning statement (``invent_statement_probability``) and, with
        ``no_invent_over_clause``, not on a root that reports a view ("Observers fear [that …]")."""
        decoding = self.decoding
        if prediction.probability < decoding.invent_probability:
            return False
        if prediction.penta_probabilities and prediction.penta_probabilities[0] >= decoding.invent_statement_probability:
            return False
        return not (decoding.no_invent_over_clause and any(c.dep_ == "ccomp" for c in sent.root.children))

    def _keeps_code(self, mention: EventMention) -> bool:
        """Whether a dictionary mention of the type the model agrees on keeps its own CAMEO code."""
        decoding = self.decoding
        keeps = decoding.keep_same_type_code or (
            decoding.keep_pattern_code and full_pattern(mention, decoding.thin_patterns_count)
        )
        return keeps and bool(mention.cameo)

    def _retypes(self, doc: Doc, mentions: list[EventMention], prediction: Prediction) -> bool:
        """Whether the model is sure enough to overrule the dictionary's best reading with its own type
        (``retype_probability``; with ``type_head_veto``, the type head alone does not find the new type
        much less likely than the dictionary's; with ``retype_margin``, it prefers it by that much). A
        protest is never put on a trigger of force or coercion against a protest (``_represses_protest``)."""
        if prediction.probability < self._retype_bar(mentions):
            return False
        best = max(mentions, key=lambda m: m.confidence)
        if prediction.event_type == "PROTEST" and self._represses_protest(doc, best):
            return False  # the protest is what the trigger's doer acted on: no protest by the police
        if self.decoding.type_head_veto > 0 and self._type_head_disagrees(best, prediction):
            return False
        if self._defends_pattern(doc, best, prediction):
            return False
        if self.decoding.retype_margin <= 0:
            return True
        return prediction.type_margin(best.event_type) >= self.decoding.retype_margin

    def _represses_protest(self, doc: Doc, mention: EventMention) -> bool:
        """Whether a dictionary mention is force or coercion against a protest: CAMEO's violent repression
        (175: "dispersed the protesters", "fired tear gas at the crowd") or an assault or coercion whose
        object is a protest noun ("suppressed the demonstration")."""
        if mention.event_type not in _ATTACK_TYPES:
            return False
        if (mention.cameo or "").startswith("175"):
            return True
        objects = [c for c in doc[mention.trigger_i].children if c.dep_ in _UNDERGOER_DEPS]
        readings = [self.code_noun(o) for o in objects if o.pos_ == "NOUN"]
        return any(r is not None and self._type(r.code) == "PROTEST" for r in readings)

    def _defends_pattern(self, doc: Doc, mention: EventMention, prediction: Prediction) -> bool:
        """Whether a specific reading (``specific_reading``) stands against the model's type (``pattern_retype_margin``):
        the type head prefers the new type over the pattern's by less than the margin and (with
        ``pattern_margin_unread_only``) no reading of the trigger in the dictionary has the new type
        ("agreed to meet" read 036 AGREE is not turned into a CONSULT the dictionary never read there)."""
        decoding = self.decoding
        if decoding.pattern_retype_margin <= 0 or not specific_reading(mention, decoding.thin_patterns_count):
            return False
        if decoding.pattern_margin_unread_only and prediction.event_type in self._reading_types(doc[mention.trigger_i]):
            return False
        return prediction.type_margin(mention.event_type) < decoding.pattern_retype_margin

    def _reading_types(self, token: Token) -> set[str | None]:
        """The PLOVER types of every reading the dictionary has for ``token`` (``readings``)."""
        return {self._type(code) for _, _, code in self.readings(token)}

    def _type_head_disagrees(self, mention: EventMention, prediction: Prediction) -> bool:
        """Whether the type head alone finds the joint pick's type less than ``type_head_veto`` times as
        likely as the type of the dictionary's factual ``mention`` (the 5-way head, not the type head,
        chose the new type). A negated or hypothetical reading ("offered to send troops") is not
        defended: what the sentence reports is then the governing act, which the sentence model reads."""
        probs = dict(prediction.type_probabilities)
        if mention.negated or mention.hypothetical:
            return False
        if prediction.event_type not in probs or mention.event_type not in probs:
            return False
        return probs[prediction.event_type] < self.decoding.type_head_veto * probs[mention.event_type]

    def _re_roots(self, mention: EventMention, prediction: Prediction) -> bool:
        """Whether the model's 5-way class should re-root a dictionary code of the type it agrees on:
        only by a margin (``recode_margin``) and, with ``recode_same_mode``, only into a code of the
        mention's own mode."""
        if prediction.penta_margin(penta_of_code(mention.cameo)) < self.decoding.recode_margin:
            return False
        if self.decoding.recode_same_mode and mention.mode:
            row = CodeTable.load().code_in_class(mention.event_type, mention.mode, prediction.penta)
            return row.mode == mention.mode and penta_of_code(row.cameo) == prediction.penta
        return True

    def _retype_bar(self, mentions: list[EventMention]) -> float:
        """How sure the model must be to retype the best trigger: surer where a specific CAMEO
        pattern (not the verb's default code) gave the dictionary's reading; never, with
        ``keep_anaphors``, where an earlier mention in the document did ("the strike" after an air strike)."""
        best = max(mentions, key=lambda m: m.confidence)
        if self.decoding.keep_anaphors and reading_kind(best) == "anaphor":
            return 1.01  # never: read from the document, which the sentence model does not see
        if full_pattern(best, self.decoding.thin_patterns_count) or reading_kind(best) == "noun-pattern":
            return max(self.decoding.retype_probability, self.decoding.retype_pattern_probability)
        return self.decoding.retype_probability

    def _recode(self, mention: EventMention, mode: str | None, penta: int, token: Token, reading: str | None = None) -> None:
        """Give a mention the CAMEO code of its (new) type in the wanted 5-way class: the dictionary's most
        specific reading of its trigger that has that type and class ("Police arrested 20 during the
        demonstration", an arrest retyped to ASSAULT, keeps the arrest block's 175 violent repression for
        "police … during demonstration"), else the mapping table's code for type and mode."""
        table = CodeTable.load()
        code = self._reading_of_type(token, mention.event_type, mode, penta, reading)
        row = table.row_for_cameo(code) if code else table.code_in_class(mention.event_type, mode, penta)
        mention.mode = row.mode or None
        mention.contexts = list(row.contexts)
        mention.cameo = code or row.cameo
        if mention.pattern and not mention.pattern.startswith("model"):
            mention.pattern = f"model+{mention.pattern}"

    def _reading_of_type(
        self, token: Token, event_type: str, mode: str | None, penta: int, reading: str | None = None
    ) -> str | None:
        """The most specific CAMEO code the dictionary reads on ``token`` (a verb's patterns and own codes,
        a noun's modifiers, patterns and own code, or the appeal or demand twin of one: ``_twins``) whose
        type is ``event_type``, whose 5-way class is ``penta`` and, when the model gave a ``mode``, whose
        mode it is; None when it has none. ``reading``, the code the dictionary gave the trigger (combinations
        included: "urged X to lift sanctions" 1054), comes first."""
        table = CodeTable.load()
        fitting = []
        first = [(_FIRST, 0, reading)] if reading else []
        for spec, order, found in first + self.readings(token):
            for code in (found, *_twins(found)):
                row = table.row_for_cameo(code)
                if row is None or row.plover_type != event_type or penta_of_code(code) != penta:
                    continue
                if not mode or row.mode == mode:
                    fitting.append((spec, order, code))
        return max(fitting)[2] if fitting else None

    def readings(self, token: Token) -> list[tuple[int, int, str]]:
        """Every CAMEO code the dictionary could give ``token`` in its context, as (specificity, order,
        code): each matching pattern of its blocks and its own codes (specificity 0), not only the best."""
        if token.pos_ == "VERB":
            entries = self._entries(token)
            pre, post = verb_arguments(token)
            own = [e.code for e in entries]
        elif token.pos_ == "NOUN" and (entry := self._noun_entry(token)):
            entries = self._bare_verb_entries(entry)
            pre, post = noun_arguments(token)
            own = [entry.code, *_modifier_codes(entry, token)]
        else:
            return []
        found = [(0, -1, code) for code in own if code]
        for block in dict.fromkeys(e.block for e in entries):
            for pattern in self.lexicon.blocks[block]:
                if pattern.code and _pattern_slots(pattern, pre, post) is not None:
                    found.append((pattern.spec, pattern.order, pattern.code))
        return found

    def _noun_entry(self, noun: Token) -> NounEntry | None:
        """The lexicon's entry for an event noun, by its form or else its lemma."""
        return self.lexicon.nouns.get(noun.lower_) or self.lexicon.nouns.get(noun.lemma_.lower())

    def _bare_verb_entries(self, entry: NounEntry) -> list[VerbEntry]:
        """The entries of the verb an event noun nominalises that take no particle: their blocks' patterns
        read the noun."""
        return [e for e in self.lexicon.verbs.get(entry.verb, ()) if not (e.after or e.before)]

    def _sentence(self, sent: Span) -> list[EventMention]:
        found: list[tuple[Token, Match]] = []
        used: set[int] = set()
        for token in sent:
            if token.pos_ == "VERB" and token.dep_ not in _NOT_CLAUSES:
                match = self.code_verb(token)
                if match is not None:
                    found.append((token, match))
                    used |= match.used
        verb_types = {t.i: self._type(m.code) for t, m in found}
        for token in sent:
            if token.pos_ != "NOUN" or token.i in used or token.dep_ not in _NOUN_EVENT_DEPS:
                continue
            if token.ent_type_ in _NAME_ENTS:
                continue
            match = self.code_noun(token)
            if match is None:
                continue
            if match.how == "noun" and _anaphoric(token):
                match = self._anaphor(token) or match
            kind = self._type(match.code)
            if kind in _STATIVE_NOUN_TYPES or (kind == "PROTEST" and self._attacked(token, verb_types)):
                continue
            related = [token.head.i] + [c.i for c in token.children if c.dep_ == "relcl"]
            if any(verb_types.get(i) == kind for i in related):
                continue  # "the attack killed", "the strike that killed": one event, said by the verb
            found.append((token, match))
        found = self._merge_same_clause(found)
        found = self._combine(found)
        found.sort(key=lambda pair: pair[0].i)
        return [m for m in (self._mention(sent, t, match) for t, match in found) if m is not None]

    def _attacked(self, noun: Token, verb_types: dict[int, str | None]) -> bool:
        """Whether an event noun is what an attack or a crackdown was aimed at ("opened fire on the march",
        "the assault on the rally", "suppressed the protest"): the target's activity, not an event of the
        attacker's."""
        if noun.dep_ in _UNDERGOER_DEPS and noun.head.i != noun.i:
            return verb_types.get(noun.head.i) in _ATTACK_TYPES  # "police suppressed the protest"
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _TARGET_PREPS or prep.head.i == prep.i:
            return False
        head = prep.head
        if head.pos_ == "NOUN":
            match = self.code_noun(head)
            kind = self._type(match.code) if match is not None else None
        else:
            kind = verb_types.get(head.i)
        return kind in _ATTACK_TYPES

    def _merge_same_clause(self, found: list[tuple[Token, Match]]) -> list[tuple[Token, Match]]:
        """Drop subjectless participles and conjuncts that restate their head's event
        ("shelled a base, killing 3", "attacked and looted"): one event, one mention."""
        kinds = {t.i: self._type(m.code) for t, m in found}
        kept = []
        for token, match in found:
            head = token.head
            restates = (
                token.dep_ in ("advcl", "conj")
                and head.i in kinds
                and kinds[head.i] == kinds[token.i]
                and not any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "nsubjpass" for c in token.children)
            )
            if not restates:
                kept.append((token, match))
        return kept

    def _combine(self, found: list[tuple[Token, Match]]) -> list[tuple[Token, Match]]:
        """CAMEO's verb combinations: a request, threat, offer or refusal absorbs the event it governs
        ("demanded that X release" → demand release), an agreement verb with a cooperative
        complement becomes intent, and modals turn cooperative events into intent ("will provide
        aid") or demands ("must withdraw")."""
        by_i = {t.i: (t, m) for t, m in found}
        own_codes = {id(m): m.code for _, m in found}
        absorbed: set[int] = set()
        for token, match in found:
            gov = governor(token)
            if gov is None or gov.i not in by_i or gov.i == token.i:
                continue
            gov_match = by_i[gov.i][1]
            gov_type = self._type(gov_match.code)
            cooperative = self.lexicon.combine("intent", match.code) is not None
            if gov_type == "AGREE" and not cooperative:
                absorbed.add(gov.i)  # "plan to attack": the attack (hypothetical) is the event
                continue
            if gov_type == "REQUEST":
                gov_match.code = self.lexicon.combine("demand", match.code) or gov_match.code
            elif gov_type == "SUPPORT" and gov_match.code.startswith("05") and gov_match.how == "default":
                gov_match.code = self.lexicon.combine("intent", match.code) or "030"  # "agreed to X"
            elif gov_type not in _ABSORBING:
                continue
            absorbed.add(token.i)
        kept = []
        for token, match in found:
            if token.i in absorbed:
                continue
            aux = modal(token)
            gov = governor(token)
            refusal = self.lexicon.combine("reject", match.code)
            if refusal and gov is not None and gov.lemma_.lower() in REFUSING_GOVERNORS and gov.i not in by_i:
                kept.append((gov, Match(code=refusal, spec=match.spec, how=match.how, factual=True)))
                continue  # "refused to release the prisoners": the refusal is the event
            if refusal and aux in FUTURE_MODALS and any(c.dep_ == "neg" for c in token.children):
                match.code, match.factual = refusal, True  # "will not accept refugees"
                kept.append((token, match))
                continue
            intent = aux in FUTURE_MODALS or (gov is not None and gov.lemma_.lower() in INTENT_GOVERNORS)
            if aux in OBLIGATION_MODALS:
                match.code = self.lexicon.combine("demand", match.code) or match.code
            elif intent:
                match.code = self.lexicon.combine("intent", match.code) or match.code
            kept.append((token, match))
        for _, match in kept:
            match.combined = match.combined or match.code != own_codes.get(id(match))
        return kept

    def _type(self, code: str | None) -> str | None:
        meaning = self.lexicon.plover(code)
        return meaning.event_type if meaning else None

    def _entries(self, token: Token) -> tuple[VerbEntry, ...]:
        verbs = self.lexicon.verbs
        compound = _hyphenated(token)
        entries = (
            (compound and verbs.get(compound)) or verbs.get(token.lemma_.lower()) or verbs.get(token.lower_) or ()
        )
        if not entries:
            return ()
        words = {c.lower_ for c in token.children} | {g.lower_ for c in token.children for g in c.children}
        fitting = [e for e in entries if all(w in words for w in e.after + e.before)]
        if not fitting:
            return ()
        longest = max(len(e.after) + len(e.before) for e in fitting)
        return tuple(e for e in fitting if len(e.after) + len(e.before) == longest)

    def code_verb(self, verb: Token) -> Match | None:
        """The CAMEO code of a verb in context, or None when it reports no event."""
        if verb.lemma_.lower() in ("be", "have", "do"):
            return None
        if verb.tag_ == "VBG" and verb.lemma_.lower() == "go" and any(c.dep_ == "xcomp" for c in verb.children):
            return None  # "is going to send": future auxiliary, the event is the complement
        entries = self._entries(verb)
        if not entries:
            return None
        pre, post = verb_arguments(verb)
        best: Match | None = None
        for block in dict.fromkeys(e.block for e in entries):
            match = match_patterns(self.lexicon.blocks[block], pre, post)
            if match is not None and (best is None or match.spec > best.spec):
                best = match
        default = next((e.code for e in entries if e.code), None)
        if best is not None and best.code and default and best.thin and self._type(best.code) != self._type(default):
            best = None  # one object word is thin evidence for recoding a verb into another event type
        if best is not None and default and _arrests_someone(verb, default, best):
            best = None  # "Soldiers arrested two journalists": an arrest whatever the subject (not 192)
        if best is None:
            if default and default.startswith("04") and any(c.dep_ == "ccomp" for c in verb.children):
                return None  # "thinks that…", "considers that…": a view, not a meeting
            best = Match(code=default)
        if best.code is None or self.lexicon.plover(best.code) is None:
            return None
        return best

    def code_noun(self, noun: Token) -> Match | None:
        """The CAMEO code of an event noun in context, or None."""
        entry = self._noun_entry(noun)
        if entry is None:
            return None
        mods = _modifier_codes(entry, noun)
        if mods:
            return Match(code=mods[0], spec=1, how="noun-modifier")
        if noun.lemma_.lower() in _ON_NOUNS and _bare_on_phrase(noun):
            return Match(code=_ON_NOUNS[noun.lemma_.lower()], spec=1, how="noun-modifier")
        pre, post = noun_arguments(noun)
        best: Match | None = None
        for verb_entry in self._bare_verb_entries(entry):
            match = match_patterns(self.lexicon.blocks[verb_entry.block], pre, post)
            if match is not None and (best is None or match.spec > best.spec):
                best = match
        if best is not None and best.code is not None and self._type(best.code) == self._type(entry.code):
            return Match(code=best.code, spec=best.spec, how="noun-pattern")
        if best is not None and best.code is None:
            return None
        return Match(code=entry.code, how="noun")

    def _anaphor(self, noun: Token) -> Match | None:
        """The reading of the event a bare definite noun repeats ("An air strike hit … The strike
        violated …"): the nearest earlier mention in the document of the same noun, or of the verb it
        nominalises ("struck", "bombed"), that its own context read; None when there is none. This is
        document context the sentence model cannot see, so the mention says ``anaphor:``."""
        entry = self._noun_entry(noun)
        lemma = noun.lemma_.lower()
        for token in reversed(noun.doc[: noun.i]):
            if token.ent_type_ in _NAME_ENTS or token.dep_ in _NOT_CLAUSES:
                continue
            code = None
            if token.pos_ == "NOUN" and token.lemma_.lower() == lemma:
                code = self._read_in_context(token)
            elif token.pos_ == "VERB" and entry is not None and token.lemma_.lower() == entry.verb:
                verb_match = self.code_verb(token)
                code = verb_match.code if verb_match is not None else None
            if code is not None:
                return Match(code=code, how="anaphor")
        return None

    def _read_in_context(self, noun: Token) -> str | None:
        """An event noun's code when its context says which event it is: a modifier or a pattern
        ("air strike", "went on strike", "attack on the base"), or a verb of the same type it is the
        subject of or that describes it ("the strike killed", "the strike that killed"); else None."""
        if noun.dep_ not in _NOUN_EVENT_DEPS:
            return None
        match = self.code_noun(noun)
        if match is None:
            return None
        if match.how in ("noun-modifier", "noun-pattern"):
            return match.code
        verbs = [c for c in noun.children if c.dep_ == "relcl"]
        if noun.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(noun.head)
        kind = self._type(match.code)
        for verb in verbs:
            verb_match = self.code_verb(verb) if verb.pos_ == "VERB" else None
            if verb_match is not None and self._type(verb_match.code) == kind:
                return match.code
        return None

    def _looks_ahead(self, governor: Token) -> bool:
        if governor.pos_ != "VERB":
            return False
        match = self.code_verb(governor)
        return match is not None and self._type(match.code) in _LOOKING_AHEAD

    def _mention(self, sent: Span, token: Token, match: Match) -> EventMention | None:
        meaning = self.lexicon.plover(match.code)
        if meaning is None:
            return None
        confidence = {"pattern": 0.7, "default": 0.6, "noun-pattern": 0.6, "noun-modifier": 0.55}.get(match.how, 0.45)
        confidence += 0.05 * min(match.spec, 3)
        if token.dep_ == "ROOT":
            confidence += 0.1
        return EventMention.on(
            token,
            meaning.event_type,
            mode=meaning.mode,
            contexts=list(meaning.contexts),
            cameo=match.code,
            confidence=round(min(confidence, 0.95), 3),
            negated=False if match.factual else is_negated(token),
            hypothetical=False if match.factual else is_hypothetical(token, self._looks_ahead),
            pattern=f"{'thin-' if match.thin else ''}{match.how}{_COMBINED if match.combined else ''}"
            f":{token.lemma_.lower()}:{match.code}",
        )
