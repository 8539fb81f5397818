"""How many were killed, injured, arrested, or took part: read from the event's sentence.

Each count comes from an anchor word of its category (``data/numbers_lexicon.json``): a verb
("killed 3 soldiers", "3 soldiers were killed", "two died"), an adjective ("leaving 5 dead"),
or a noun ("the deaths of 7", "12 fatalities", "the death toll rose to 15", "a crowd of about
5,000"). The amount is read from the anchor's patient (object, passive subject, or subject of
an intransitive verb), coordinated patients are added ("killed Soleimani and al-Muhandis" → 2),
a named or singular person counts one, and vague amounts follow
:func:`whimbrel.numbers.amounts.parse_amount`.

Anchors are looked for in the event's own clause first, then the trigger's subtree, then the
rest of the sentence — the last two only for event types listed under
``sentence_scope_event_types``, so that "condemns the strike that killed two" gives the
condemnation no count. The rest of the sentence means the clauses of the trigger's ancestors
and nominal parts, never the clause of another verb ("militias killed 450, and we accuse
them of crushing a movement" gives the crushing no count). The event's own clauses include those of
the triggers it restates (``EventMention.restated``: "two were killed … when troops opened fire"),
and no scope reaches into the clause of another doer ("… fired tear gas, and police arrested
dozens": the arrests are the police's event, not the tear gas's), nor into the clause of another event
the detector reported beside this one (``EventMention.beside``: "Police fired tear gas and arrested
20" is two events, the count the arrest's). Crowd size is read
only for PROTEST events and never from people counted as dead, injured or arrested. Troop
numbers, ages, years, money, percentages and times are never counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from whimbrel.dates.clause import SAME_EVENT_DEPS, event_cluster, in_other_clause, predicate_of, sentence_of, trigger_token
from whimbrel.events.mention import EventMention
from whimbrel.numbers.amounts import lexicon, parse_amount

CATEGORIES = ("dead", "injured", "arrested")
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_PATIENT_DEPS = ("dobj", "nsubjpass")
_MAX_PHRASE = 8
_PATIENT_POS = ("NOUN", "PROPN", "NUM", "PRON")


@dataclass
class Counts:
    """People counts for one event; None where the text gives none."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None


def extract_counts(doc: Doc, mention: EventMention) -> Counts:
    """Dead, injured, arrested and crowd size for ``mention`` (see the module docstring)."""
    trigger = trigger_token(doc, mention.trigger_i)
    sentence = sentence_of(doc, mention.trigger_i)
    if trigger is None or sentence is None:
        return Counts()
    lex = lexicon()
    restated = [doc[m.trigger_i] for m in mention.restated if 0 <= m.trigger_i < len(doc)]
    beside = {i for i in mention.beside if sentence.start <= i < sentence.end}
    scopes = _scopes(trigger, restated, sentence, mention.event_type in lex["sentence_scope_event_types"], beside)
    counts = Counts()
    used: set[int] = set()
    for category in CATEGORIES:
        found = _first_count(scopes, trigger, category)
        if found is not None:
            setattr(counts, category, found[0])
            used.update(found[1])
    if mention.event_type in lex["size_event_types"]:
        found = _first_count(scopes, trigger, "size", exclude=used)
        if found is not None:
            counts.size = found[0]
    return counts


# Quantities whose "of" phrase names what they count ("dozens of demonstrators") are no bare amounts.
_COUNTED_PREPS = frozenset({"of"})


def bare_amount(token: Token) -> bool:
    """Whether a noun phrase head is only an amount of people the text names elsewhere ("14", "at least
    a dozen", "three others", "dozens"), not a group of its own ("two protesters", "dozens of students")."""
    lex = lexicon()
    quantity = (
        token.like_num
        or token.lower_ in lex["vague"]
        or token.lower_ in lex["elliptical_people"]
        or token.lemma_.lower() in lex["elliptical_people"]
    )
    if not quantity or token.pos_ == "PROPN":
        return False
    return not any(c.dep_ == "prep" and c.lower_ in _COUNTED_PREPS for c in token.children) and not any(
        c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in token.children
    )


def names_someone(subject: Token) -> bool:
    """Whether a subject names who it is: no pronoun, no bare amount of people named elsewhere ("14 were
    injured")."""
    return subject.pos_ != "PRON" and not bare_amount(subject)


def casualty_verb(token: Token) -> bool:
    """Whether ``token`` is a verb that counts the dead, injured or arrested ("killed", "wounded", "detained")."""
    return token.pos_ in ("VERB", "AUX") and any(_is_anchor(token, category) for category in CATEGORIES)


def arrest_verb(token: Token) -> bool:
    """Whether ``token`` is a verb that counts the arrested ("arrested", "detained", "rounded up")."""
    return token.pos_ in ("VERB", "AUX") and _is_anchor(token, "arrested")


def undergoer_clause(token: Token) -> bool:
    """Whether ``token`` is a verb of killing, injuring or arresting whose subject is who suffered it:
    a passive ("two protesters were killed", "and five others wounded") or a verb like "died"."""
    if not casualty_verb(token):
        return False
    children = list(token.children)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        return True
    if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in children):
        return True  # a passive whose auxiliary is left out
    return _intransitive_casualty(token)


def _intransitive_casualty(verb: Token) -> bool:
    """"died", "perished": a casualty verb whose subject is who suffered it."""
    words = lexicon()["categories"]
    return any(_matches(verb, phrase) for category in CATEGORIES for phrase in words[category]["intransitive_verbs"])


def _scopes(
    trigger: Token, restated: list[Token], sentence: Span, wide: bool, beside: set[int] | None = None
) -> list[list[Token]]:
    """Where to look for counts, narrowest first: the event's own clauses (the trigger's and those of
    the triggers it restates), then with ``wide`` the trigger's subtree and the rest of the sentence;
    never the clause of another doer ("… fired tear gas, and police arrested dozens": the arrests are
    the police's event), nor that of another event beside this one (``beside``: "Police fired tear gas
    and arrested 20", the arrest's trigger when the event is the tear gas)."""
    cluster = event_cluster(trigger)
    for other in restated:
        cluster |= event_cluster(other)
    triggers = [trigger, *restated]
    mine = {t.i for t in triggers}
    beside = (beside or set()) - mine
    # a clause that continues another event beside this one is that event's ("fired tear gas, injuring 12,
    # and arrested 20": "injuring" is the tear gas's, not the arrest's)
    cluster = {i for i in cluster if not _in_clauses(sentence.doc[i], beside, mine)}
    theirs = _other_doers_clauses(sentence, triggers) | beside
    own = [t for t in sentence if (t.i in cluster or predicate_of(t).i in cluster)]
    scopes = [own]
    if wide:
        scopes.append([t for t in trigger.subtree if sentence.start <= t.i < sentence.end])
        scopes.append([t for t in sentence if not in_other_clause(t, trigger)])
    return [[t for t in scope if not _in_clauses(t, theirs, cluster - theirs)] for scope in scopes]


def _doers(verb: Token) -> set[str]:
    """Lemmas of who acts in a verb's clause: its subjects that are not what the verb counts ("two
    died", "20 wounded"), pronouns or bare amounts."""
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    patients = {t.i for t in _verb_patients(verb, _intransitive_casualty(verb))}
    return {
        c.lemma_.lower()
        for c in verb.children
        if c.dep_ in ("nsubj", "csubj") and c.i not in patients and names_someone(c)
    }


def _other_doers_clauses(sentence: Span, triggers: list[Token]) -> set[int]:
    """Verbs of the sentence whose subject names a doer that the event's own triggers do not have: not
    the event itself ("the attack killed 3"), nor a clause that holds the event other than as a
    conjunct or adverbial clause ("the minister said [37 were killed in police firing]")."""
    own = {t.i for t in triggers}
    mine = set().union(*(_doers(t) for t in triggers))
    holding = set().union(*(_holding_clauses(t) for t in triggers))
    found = set()
    for token in sentence:
        if token.i in own or token.i in holding:
            continue
        doers = _doers(token)
        if not doers or doers <= mine:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if any(s.left_edge.i <= i <= s.right_edge.i for s in subjects for i in own):
            continue
        found.add(token.i)
    return found


def _holding_clauses(trigger: Token) -> set[int]:
    """The trigger's ancestors above its first link that is no same-event link (a reported clause, a
    prepositional object): the clauses that report or hold the event rather than add another to it."""
    found: set[int] = set()
    crossed = False
    for token in [trigger, *trigger.ancestors]:
        if crossed:
            found.add(token.i)
        if token.dep_ not in SAME_EVENT_DEPS:
            crossed = True
    return found


def _in_clauses(token: Token, clauses: set[int], own: set[int]) -> bool:
    """Whether ``token`` lies in one of ``clauses`` rather than in the event's own (``own``) clauses."""
    current = token
    for _ in range(64):  # parses are trees, but never trust a loop on external data
        if current.i in own:
            return False
        if current.i in clauses:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _first_count(
    scopes: list[list[Token]], trigger: Token, category: str, exclude: set[int] | None = None
) -> tuple[int, set[int]] | None:
    """The count of the anchor nearest the trigger in the narrowest scope that has one."""
    seen: set[int] = set()
    for scope in scopes:
        anchors = [t for t in scope if t.i not in seen and _is_anchor(t, category)]
        seen.update(t.i for t in scope)
        for anchor in sorted(anchors, key=lambda t: (t.i != trigger.i, abs(t.i - trigger.i))):
            found = _anchor_count(anchor, category, exclude or set())
            if found is not None:
                return found
    return None


def _is_anchor(token: Token, category: str) -> bool:
    words = lexicon()["categories"][category]
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return any(_matches(token, phrase) for phrase in (*words["verbs"], *words["intransitive_verbs"]))
    if token.pos_ == "ADJ":
        return lemma in words["adjectives"] or token.lower_ in words["adjectives"]
    if token.pos_ in ("NOUN", "PROPN"):
        return lemma in words["nouns"] or token.lower_ in words["nouns"] or lemma in words["toll_nouns"]
    return False


def _matches(token: Token, phrase: str) -> bool:
    """A verb lemma, or a phrasal verb whose other words hang from it ("round up", "shoot dead")."""
    first, *rest = phrase.split(" ")
    if token.lemma_.lower() != first:
        return False
    if not rest:
        return True
    near = {t.lemma_.lower() for child in token.children for t in (child, *child.children)}
    return all(word in near or word in ("the", "to", "into") for word in rest)


def _anchor_count(anchor: Token, category: str, exclude: set[int]) -> tuple[int, set[int]] | None:
    words = lexicon()["categories"][category]
    holders: list[Token] = []
    if anchor.pos_ in ("VERB", "AUX"):
        holders = _verb_patients(anchor, intransitive=any(_matches(anchor, p) for p in words["intransitive_verbs"]))
    elif anchor.pos_ == "ADJ":
        holders = _adjective_patients(anchor)
    else:
        if anchor.lemma_.lower() in words["toll_nouns"]:
            if anchor.lemma_.lower() == "toll" and not any(c.lemma_.lower() == "death" for c in anchor.children):
                return None
            return _toll(anchor)
        holders = [anchor, *_of_objects(anchor)]
        if category == "size":
            holders += [c for p in anchor.children if p.dep_ == "prep" and p.lower_ == "by" for c in p.children if c.dep_ == "pobj"]
    for holder in holders:
        if holder.i in exclude:
            continue
        value = _holder_count(holder, people_only=holder is not anchor or category != "size")
        if value is not None:
            return value, {t.i for t in _with_conjuncts(holder)} | {t.i for h in holders for t in _of_objects(h)}
    return None


def _verb_patients(verb: Token, intransitive: bool) -> list[Token]:
    children = list(verb.children)
    patients = [c for c in children if c.dep_ in _PATIENT_DEPS]
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if intransitive or (verb.tag_ == "VBN" and not patients):
        patients += subjects  # "two died", "20 wounded" (passive with its auxiliary left out)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
        patients.append(verb.head)  # "3 people killed in the attack"
    for child in children:  # "leaving 5 dead": the object of the verb the adjective completes
        if child.dep_ in ("oprd", "acomp", "ccomp") and child.pos_ == "ADJ":
            patients += [c for c in child.children if c.dep_ in ("nsubj", "nummod")]
    return patients


def _adjective_patients(adjective: Token) -> list[Token]:
    holders = [c for c in adjective.children if c.dep_ in ("nummod", "nsubj", "npadvmod")]
    if adjective.dep_ == "amod":
        holders.append(adjective.head)  # "shot dead two protesters"
    if adjective.dep_ in ("oprd", "acomp", "ccomp"):
        holders += [c for c in adjective.head.children if c.dep_ == "dobj"]  # "leaving 4 people dead"
    if adjective.like_num is False and adjective.head.like_num and adjective.dep_ == "amod":
        holders.append(adjective.head)
    return holders


def _of_objects(noun: Token) -> list[Token]:
    """"the deaths of 7 civilians", "a crowd of about 5,000"."""
    return [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]


def _toll(toll: Token) -> tuple[int, set[int]] | None:
    """"the death toll rose to 15", "a death toll of 15", "the toll stood at 15"."""
    places = [*_of_objects(toll)]
    verb = toll.head
    if toll.dep_ in ("nsubj", "nsubjpass"):
        places += [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        places += [c for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "at") for c in p.children if c.dep_ == "pobj"]
    for place in places:
        value = _number_value(place)
        if value is not None:
            return value, {place.i}
    return None


def _holder_count(holder: Token, people_only: bool = True) -> int | None:
    """The count a patient stands for, its coordinated patients added."""
    values = [_one_count(t, people_only) for t in _with_conjuncts(holder)]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the patients coordinated with it, each person once.

    The parser often hangs the next conjunct on an appositive ("the commander Qassem Soleimani
    and the militia leader …": ``leader`` is a conj of ``Soleimani``); an appositive names the
    same person, so its conjuncts are the head's and the appositive itself is not counted.
    """
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in _PATIENT_POS:
            found += _with_conjuncts(child)
        elif child.dep_ == "appos" and child.pos_ in _PATIENT_POS:
            found += _with_conjuncts(child)[1:]
    return found


def _one_count(token: Token, people_only: bool) -> int | None:
    lex = lexicon()
    if token.lemma_.lower() in lex["non_people_nouns"] or token.lower_ in lex["non_people_nouns"]:
        return None
    number = _number_value(token)
    if number is not None:
        return number
    for child in token.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ == "amod" and child.like_num):
            value = _number_value(child)
            if value is not None:
                return value
    for obj in _of_objects(token):
        value = _number_value(obj)
        if value is not None and token.lemma_.lower() not in lex["non_people_nouns"]:
            return value
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return 1
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.pos_ == "PROPN" for c in token.children):
        return 1  # "killed militia leader Abu Mahdi": a title naming one person
    if token.lower_ in lex["singular_people"]:
        return 1
    if people_only and token.tag_ == "NN" and token.ent_type_ == "" and any(
        (c.dep_ == "det" and c.lower_ in ("a", "an", "the", "one")) or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in token.children
    ):
        return 1  # "killed a policeman", "arrested the suspect", "and his brother"
    return None


def _number_value(token: Token) -> int | None:
    """The amount a number word or quantity noun stands for, read with its modifiers."""
    lex = lexicon()
    lower = token.lower_
    is_quantity = token.like_num or lower in lex["vague"] or token.lemma_.lower() in ("dozen", "score", "ten", "hundred", "thousand", "million")
    if not is_quantity or token.ent_type_ in _NOT_COUNTS:
        return None
    if _is_measure(token):
        return None
    return parse_amount(_phrase(token))


def _is_measure(token: Token) -> bool:
    """Years, ages, money, percentages, distances, times: numbers that count no people."""
    units = lexicon()["non_count_units"]
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and (following.lower_ in units or following.text in ("%", "-")):
        return True
    if token.head.lower_ in units and token.head.i != token.i:
        return True
    if token.text.isdigit() and len(token.text) == 4 and 1800 <= int(token.text) <= 2100 and token.ent_type_ != "CARDINAL":
        return True
    return any(t.text in ("$", "€", "£") for t in doc[max(0, token.i - 2) : token.i])


def _phrase(token: Token) -> str:
    """The number with the words that qualify it: "more than 450", "Tens of thousands"."""
    doc = token.doc
    if token.ent_type_ == "CARDINAL":
        start, end = token.i, token.i + 1
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end - start <= _MAX_PHRASE:
            return doc[start:end].text
    start = max(token.left_edge.i, token.i - _MAX_PHRASE)
    openers = _phrase_openers()
    while start < token.i and not (doc[start].like_num or doc[start].lower_ in openers):
        start += 1
    return doc[start : token.i + 1].text


def _phrase_openers() -> frozenset[str]:
    lex = lexicon()
    words = {m.split(" ")[0] for m in lex["modifiers"]} | {v.split(" ")[0] for v in lex["vague"]}
    return frozenset(words | set(lex["units"]) | set(lex["scales"]) | {"between", "no"})
