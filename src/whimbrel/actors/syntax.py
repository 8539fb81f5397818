"""Clause and phrase structure on spaCy parses, as the actor resolver reads it.

Pure functions of tokens (no knowledge base, no per-document state): the extent of a noun phrase and its
head, conjuncts and appositions, subjects and objects, relative and reported clauses. Word classes that are
lexical rather than grammatical (partitives, verbs of saying…) are passed in from the knowledge base.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Dependency labels that stay inside a noun phrase (its modifiers).
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "det", "predet", "nummod", "quantmod", "case", "flat"}
SUBJECT_DEPS = {"nsubj", "csubj"}
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "they": "group", "them": "group", "their": "group",
    "it": "org", "its": "org",
    "we": "own", "our": "own", "us": "own",
}
_LOCATIVE_PREPS = {"in", "near", "at", "from", "to", "across", "outside", "inside", "around", "into", "through"}
_LEADING_NOISE = {"more", "than", "all", "some", "over", "about", "least", "nearly", "almost", "at", "up", "to", "several"}
_WH = {"that", "which", "who", "whom", "whose"}
_STANCE_PREFIXES = {"anti", "pro", "non"}
_MODALS = {"must", "should", "ought", "need"}


def dateline(doc: Doc) -> set[int]:
    """Token indices of a leading dateline: capitalised place words before "," "(" "-" or ":"
    ("KABUL (Reuters) -", "CARACAS, March 3 -")."""
    i = 0
    while i < min(len(doc), 4) and doc[i].is_alpha and doc[i].is_upper and len(doc[i]) > 1:
        i += 1
    if i == 0 or i >= len(doc) or doc[i].text not in (",", "(", "-", "--", "—", ":"):
        return set()
    return set(range(i))


def stance_prefixed(doc: Doc, start: int) -> bool:
    """"anti-Syria", "pro-Russian": a stance towards a country, not an actor of it."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _STANCE_PREFIXES


def is_phrase_head(token: Token) -> bool:
    """A token that heads a noun phrase of its own (not a modifier inside another), or a pronoun."""
    if token.pos_ == "PRON":
        return token.lower_ in PRONOUNS
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ not in MODIFIER_DEPS - {"poss"}
        and any(c.isalpha() for c in token.text)
    )


def is_locative(token: Token) -> bool:
    """The object of a locative preposition that names a place, not a party ("in Baghdad")."""
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS and token.ent_type_ in ("GPE", "LOC", "FAC", "")


def content_head(token: Token, partitives: frozenset[str]) -> Token:
    """The noun a partitive stands for: "dozens of protesters" → protesters; the noun of a participle the
    parser made a subject ("The Red Cross operating in Iraq said": Cross, not operating)."""
    if token.pos_ == "VERB" and token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("VBG", "VBN"):
        nouns = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
        if nouns:
            return content_head(nouns[0], partitives)
    if token.lower_ in partitives or token.like_num or token.ent_type_ == "CARDINAL":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobjs = pobj_tokens(child)
                if pobjs:
                    return content_head(pobjs[0], partitives)
    return token


def named_polity(token: Token, polity_nouns: frozenset[str]) -> Token | None:
    """The proper name a polity noun's "of" phrase gives ("the South American country of Suriname" → Suriname)."""
    if token.pos_ != "NOUN" or token.lower_ not in polity_nouns:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobjs = pobj_tokens(child)
            if pobjs and pobjs[0].pos_ == "PROPN":
                return pobjs[0]
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The head and its modifiers (compounds, adjectives, possessors, determiners), in order."""
    found = {head.i: head}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS or (child.dep_ == "punct" and child.text == "-" and child.i < head.i):
                if child.i not in found:
                    found[child.i] = child
                    stack.append(child)
    lo, hi = min(found), max(found)
    return [head.doc[i] for i in range(lo, hi + 1)]


def trimmed_start(doc: Doc, lo: int, head_i: int) -> int:
    """Skip leading determiners, counts and quantity words: "more than 450 Iraqi demonstrators" → "Iraqi …"."""
    start = lo
    while start < head_i:
        token = doc[start]
        if token.dep_ in ("det", "predet", "nummod", "quantmod", "punct", "cc") or token.like_num:
            start += 1
        elif token.lower_ in _LEADING_NOISE or token.tag_ == "PRP$":
            start += 1
        else:
            break
    return start


def name_start(head: Token) -> int:
    """First token of the person's name ending at ``head`` ("Abu Mahdi al-Muhandis")."""
    if head.ent_type_ != "PERSON":
        return head.i
    start = head.i
    while start > 0 and head.doc[start - 1].ent_type_ == "PERSON":  # the tagger sometimes splits one name in two
        start -= 1
    return start


def is_former(head: Token, out_of_office: frozenset[str]) -> bool:
    """"former president X", "ex-minister X": out of office, an elite."""
    return any(t.lower_ in out_of_office for t in head.doc[phrase_tokens(head)[0].i : head.i])


def has_foreign_modifier(head: Token, foreign: frozenset[str]) -> bool:
    """An unnamed agent marked as foreign ("foreign troops"): it does not take the document's country."""
    return any(c.lower_ in foreign for c in head.children if c.dep_ in ("amod", "compound"))


def conjuncts(token: Token) -> list[Token]:
    """A phrase and its conjuncts, including those the parser hung on its apposition:
    in "the commander Qassem Soleimani and the militia leader X", "leader" is a conj of "Soleimani"; a place's
    apposition that is a place with conjuncts of its own begins a list ("The United States, India, Israel and…")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found += conjuncts(child)
        elif child.dep_ == "appos":
            # a list of places the parser began with an apposition: "The United States, India, Israel and Pakistan"
            # ("Kogelo, Siaya" and "Kabul, Afghanistan" say where, with no conjunct after them)
            listed = token.ent_type_ == child.ent_type_ == "GPE" and any(c.dep_ == "conj" for c in child.children)
            found += conjuncts(child)[0 if listed else 1 :]
    return found


def titles_person(head: Token, appos: Token) -> bool:
    """A common-noun head ("commander") followed by the named person it describes."""
    return (
        head.pos_ == "NOUN"
        and head.tag_ in ("NN", "NNP")
        and appos.ent_type_ == "PERSON"
        and appos.i > head.i
        and not any(t.is_punct and t.text in ",;:(" for t in head.doc[head.i + 1 : name_start(appos)])
    )


def pobj_tokens(prep: Token) -> list[Token]:
    """The noun objects of a preposition."""
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]


def pobj(prep: Token) -> Token | None:
    """The first noun object of a preposition, if any."""
    found = pobj_tokens(prep)
    return found[0] if found else None


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """The noun objects of ``token``'s prepositions that are among ``preps``, in order ("the conflict in Iraq"
    with ("in",) → Iraq)."""
    return [o for c in token.children if c.dep_ == "prep" and c.lower_ in preps for o in pobj_tokens(c)]


def relative_role(verb: Token) -> str:
    """Whether the noun a relative clause hangs on is its doer ("actor") or undergoer ("recipient")."""
    for child in verb.children:
        if child.lower_ in _WH or child.tag_ in ("WDT", "WP"):
            if child.dep_ in SUBJECT_DEPS:
                return "actor"
            if child.dep_ in ("nsubjpass", "dobj"):
                return "recipient"
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return "recipient"  # "the man police arrested"
    return "actor"


def is_relative(token: Token) -> bool:
    """A relative pronoun or determiner ("who", "which", "that")."""
    return token.lower_ in _WH or token.tag_ in ("WDT", "WP")


def speaking_verb(verb: Token) -> Token:
    """The verb of saying a clause reports: its head, or for "a reminder to Iraq that it must…" the verb
    governing the noun the clause completes."""
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.head.i != head.i:
        return head.head
    return head


def governing_clause(verb: Token) -> Token:
    """The verb whose clause holds ``verb`` as a complement: "must be ready to mediate" → be, "must agree to
    withdraw" → agree; ``verb`` itself when it is no complement."""
    token = verb
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            break
        token = token.head
    return token


def is_reported_obligation(verb: Token, speech_verbs: frozenset[str]) -> bool:
    """A reported "must"/"should" clause: "Russia said that Sudan must return…"."""
    return (
        verb.dep_ in ("ccomp", "acl")
        and verb.head.i != verb.i
        and speaking_verb(verb).lemma_.lower() in speech_verbs
        and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)
    )


def clause_tokens(trigger: Token) -> list[Token]:
    """Where a place of the event may hang: the trigger, its object and complements, then the verb above it."""
    found = [trigger]
    for child in trigger.children:
        if child.dep_ in ("dobj", "xcomp", "advcl", "conj", "attr", "nsubjpass"):
            found.append(child)
            found += [c for c in child.children if c.dep_ in ("dobj", "xcomp")]
    token = trigger
    for _ in range(3):  # "declared a state of siege in Haiti, suspending … and arresting opponents"
        if token.dep_ not in ("xcomp", "advcl", "acl", "relcl", "conj", "pcomp", "dobj", "pobj", "prep") or token.head.i == token.i:
            break
        token = token.head
        found.append(token)
        found += [c for c in token.children if c.dep_ == "dobj"]
    return found


def clause_subjects(pronoun: Token) -> set[int]:
    """Subjects an object pronoun cannot stand for (a non-reflexive object is not its own clause's subject):
    those of its verb and of the verb it is coordinated with."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return set()
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    found: set[int] = set()
    for _ in range(3):
        found |= {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return found


def top_noun(noun: Token) -> Token:
    """The noun a chain of "of"/"from" phrases hangs on: "doctors from two aid groups" → doctors."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    return noun


def is_infinitive(verb: Token) -> bool:
    """A "to"-infinitive ("to show their anger")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_bare(head: Token) -> bool:
    """A noun with no modifier of its own but a determiner ("people" in "the Lebanese government and people")."""
    return head.pos_ == "NOUN" and not any(c.dep_ in MODIFIER_DEPS and c.dep_ != "det" for c in head.children)


def is_ethnic(head: Token) -> bool:
    """A people marked as an ethnic group ("ethnic Albanians"), who may live outside their kin state."""
    return any(c.lower_ == "ethnic" for c in head.children if c.dep_ in ("amod", "compound"))


def is_kin_movement(head: Token, kin_words: frozenset[str]) -> bool:
    """A group marked as a nation's movement ("Irish nationalist guerrillas", "Kurdish separatists"): its
    nationality is its kin, who may live in another state."""
    return head.lower_ in kin_words or any(
        c.lower_ in kin_words for c in head.children if c.dep_ in ("amod", "compound")
    )


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds ``token``: the nearest verb above it, else the sentence's root."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def first_conjunct(verb: Token) -> Token:
    """The first of coordinated verbs ("must drop barriers or face penalties" → drop)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb


def is_passive(verb: Token) -> bool:
    """A passive verb ("were killed")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_speaking_subject(token: Token, speech_verbs: frozenset[str]) -> bool:
    """The subject of a verb in ``speech_verbs`` ("the ministry said")."""
    return token.dep_ in SUBJECT_DEPS and token.head.lemma_.lower() in speech_verbs
