"""Who did it and to whom: actors and recipients of event mentions, with country and sector.

:class:`ActorResolver` loads the knowledge base once; :meth:`ActorResolver.for_document` makes a
:class:`DocumentActors` that knows one parsed document (its named actors, surnames, pronoun
antecedents and main country) and answers :meth:`DocumentActors.participants` per event mention
from the clause structure around the trigger. The clause and phrase helpers are in
:mod:`whimbrel.actors.syntax`; word lists and the sectors of implied parties come with the knowledge base
(:attr:`KnowledgeBase.words`, :meth:`KnowledgeBase.implied_sector`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from whimbrel.language.analysis import doc_text
from whimbrel.actors import syntax
from whimbrel.actors.knowledge import KnowledgeBase, Match, knowledge_base
from whimbrel.events.mention import EventMention
from whimbrel.records.schema import ActorRef

_RECIPIENT_PREPS = {"against", "on", "at", "with", "to", "upon", "toward", "towards", "into", "between"}
_OBJECT_PREPS = _RECIPIENT_PREPS | {"of"}  # preps of an event noun in object position
# Prepositions that aim a thing at a party wherever the parser hangs them ("aid to X", "an operation against X").
_AIMED_PREPS = {"to", "against", "on", "upon", "at", "toward", "towards", "into"}
# Event types whose "of" phrase names the doers ("a march of farmers"), not the targets ("the arrest of X").
_OF_IS_ACTOR = {"PROTEST", "MOBILIZE", "CONSULT", "AGREE", "RETREAT", "COOPERATE"}
# Event types whose verb's armed object is the doer's own ("deployed 500 soldiers", "will contribute troops to a force").
_OWN_FORCES = {"AID", "AGREE", "RETREAT", "COOPERATE", "SUPPORT", "CONCEDE"}
# Event types in which a state's forces, moved without a named mover, are their own side's ("peacekeepers were
# shipped out", "troops were pulled back"): the forces are the source, not the target.
_FORCES_MOVED = {"SANCTION"}
# Event types done together: conjoined subjects without an object are each other's partners.
_MUTUAL = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
# Event types whose "to" phrase is the addressee and whose "over"/"about"/"against" phrase is the target.
_GRIEVANCE_TYPES = {"ACCUSE"}
_GRIEVANCE_PREPS = {"over", "about", "against"}
# Prepositions that place an event somewhere, read only when no recipient is named (so "to"/"into" count too:
# "troops were sent into Kosovo").
_WHERE_PREPS = {"in", "near", "at", "outside", "inside", "across", "around", "throughout", "through", "on", "to", "into"}
# Prepositions that name where something happens, for an unnamed group's country when its sentence names several.
_SCENE_PREPS = {"in", "inside", "into", "across", "throughout", "near"}
# Event types that hurt someone: a participle after the deed names whom ("…, killing 12 soldiers"); after other
# deeds it says what followed ("shipped out…, leaving 100 troops"). An agentless passive of one reports others'
# harm ("the ministry said 20 were killed"), so a reporting verb's subject is not taken as the doer.
_HARM = {"ASSAULT", "COERCE"}
# Word lists (instruments, attack nouns, verbs of saying, partitives…) and the sectors of implied parties are
# data: supplement.tsv's "words" and "implied_*" rows, read through KnowledgeBase.words / .implied_sector.
# Sectors of the state: a subject in one of these (or a bare country) speaks for the government.
_STATE_SECTORS = {None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Offices of a state: a titled person holding one ("Judge X") is most often of the document's country.
_OFFICE_SECTORS = {"GOV", "JUD", "LEG", "COP"}
_ARMED_SECTORS = frozenset({"MIL", "COP", "UAF", "REB", "SPY"})
_STATE_FORCES = frozenset({"MIL", "COP"})  # forces a state sends, lends or withdraws
_ARMED_NONSTATE = frozenset({"REB", "UAF"})  # rebels, militants, gunmen: no state's forces
# Entity types that never act: dates, amounts, places that are not polities.
_NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "LOC", "FAC", "EVENT",
               "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"}


@dataclass
class _Resolved:
    """One noun phrase resolved to an actor; ``kind`` (person/plural/org) serves pronoun agreement."""

    ref: ActorRef
    kind: str
    head: int
    direct: bool = True
    subject: bool = False  # False when the actor is only a modifier of another noun ("American strike")


@dataclass(frozen=True)
class _Parts:
    """A noun phrase being resolved: its head, the extent of its text [start, end) in tokens, and the
    knowledge-base names and agent nouns in it (the head's own, and those that modify it)."""

    head: Token
    start: int
    end: int
    names: list[Match]
    head_name: Match | None
    head_agent: Match | None
    modifier_names: list[Match]
    modifier_agents: list[Match]
    kind: str  # person / plural / org, for pronoun agreement


class ActorResolver:
    """Resolves actors against the packaged knowledge base (loaded once)."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or knowledge_base()

    def for_document(self, doc: Doc, date: dt.date | None) -> DocumentActors:
        """Per-document state: named actors, coreference and the main country of ``doc``."""
        return DocumentActors(doc, date, self.kb)


class DocumentActors:
    """Actors of one parsed document; see :meth:`participants`."""

    def __init__(self, doc: Doc, date: dt.date | None, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.date = date
        self.kb = kb
        self._words = kb.words
        self._name_at = _by_token([m for m in kb.name_matches(doc) if not syntax.stance_prefixed(doc, m.start)])
        self._agent_at = _by_token([m for m in kb.agent_matches(doc) if not _adjective_sense(doc, m, kb.words.adjective_only)])
        self._dateline = syntax.dateline(doc)
        dateline_match = next((self._name_at[i] for i in self._dateline if i in self._name_at), None)
        # A dateline ("KABUL (Reuters) -") says where the story is, better than counting names.
        self._dateline_country = self._match_country(dateline_match) if dateline_match else None
        self._main = self._dateline_country or self._count_main_country()
        self._surnames: dict[str, _Resolved] = {}
        self._cache: dict[int, _Resolved | None] = {}
        self._antecedents: list[_Resolved] = []
        self._speaker: _Resolved | None = None  # who "we" refers to, once resolved
        for token in doc:  # in reading order, so surnames and pronouns see only what came before
            if syntax.is_phrase_head(token):
                resolved = self._phrase(token)
                if resolved is not None and resolved.direct and not syntax.is_locative(token):
                    subject = token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ == "agent"
                    self._antecedents.append(replace(resolved, subject=subject))

    # ---- public -------------------------------------------------------------------------

    def main_country(self) -> str | None:
        """The ISO-3 country named most often in the document (actors, demonyms, places)."""
        return self._main

    def participants(self, mention: EventMention) -> tuple[list[ActorRef], list[ActorRef]]:
        """Actors (sources) and recipients (targets) of the event triggered at ``doc[mention.trigger_i]``."""
        trigger = self.doc[mention.trigger_i]
        first = syntax.first_conjunct(trigger)
        clause = syntax.governing_clause(first)
        if trigger.pos_ in ("NOUN", "PROPN"):
            actors, recipients = self._nominal(trigger, mention.event_type)
        elif syntax.is_reported_obligation(clause, self._words.saying | self._words.announcing):
            # "Russia said that Sudan must return the helicopter (or face…)", "… that the US must be ready to mediate":
            # the speaker asks, the clause's subject is asked, whatever type the verb is read as (a reported "must" is
            # the speaker's demand, not the deed).
            actors = self._speakers(syntax.speaking_verb(clause))
            recipients = [r for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for r in self._group(c)]
        else:
            actors, recipients = self._verbal(trigger)
            if not actors:
                actors = self._announcer(trigger, mention.event_type)
            if mention.event_type == "MOBILIZE":
                actors, recipients = self._mobilised_forces(trigger, actors, recipients)
            elif mention.event_type in _OWN_FORCES | _FORCES_MOVED:
                # "will contribute troops to a force in Liberia": not the target; "Eighty UN peacekeepers were
                # shipped out of Gorazde": with no one named to move them, the forces' own side acts
                forces, recipients = self._mobilised_forces(trigger, [], recipients, sectors=_STATE_FORCES)
                if not actors and syntax.is_passive(trigger):
                    actors = forces
            if mention.event_type in _GRIEVANCE_TYPES:
                recipients = self._grievance_targets(trigger) or recipients
            if not recipients:  # "blocked a road to show their disapproval of X", "in defiance of X"
                recipients = (
                    self._purpose_recipients(trigger) or self._taken_from(trigger, mention.event_type)
                    or (self._consequence_recipients(trigger, actors) if mention.event_type in _HARM else [])
                )
        if not actors and mention.event_type == "ASSAULT":
            actors = self._attack_owner(trigger) or self._instrument_user(trigger)
        actor_refs = _unique(actors)
        taken = {(r.start, r.end) for r in actor_refs}
        recipient_refs = [
            r for r in _unique(recipients) if (r.start, r.end) not in taken and not _same_as_any(r, actor_refs)
        ]
        if not recipient_refs:
            recipient_refs = self._unnamed_recipients(trigger, mention.event_type, actor_refs, taken)
        named_actors, named_recipients = list(actor_refs), list(recipient_refs)
        if not actor_refs:
            actor_refs = self._main_subject(trigger, mention.event_type, named_recipients)
        # No side named at all: the country the sentence (else the document) is about, as an actor without text.
        # On plover-gsr train this guess is right about half the time where nothing else is found.
        if not actor_refs:
            sector = self.kb.implied_sector("source", mention.event_type)
            actor_refs = self._implied_party(trigger, sector, named_recipients)
        if not recipient_refs:
            sector = self.kb.implied_sector("target", mention.event_type)
            recipient_refs = self._implied_party(trigger, sector, named_actors)
        return actor_refs, recipient_refs

    def _unnamed_recipients(
        self, trigger: Token, event_type: str, actors: list[ActorRef], taken: set[tuple[int, int]]
    ) -> list[ActorRef]:
        """Recipients for an event whose clause names none, first found of: the actors themselves for a
        mutual act between several countries ("Israel and Lebanon renewed talks": each side is the other's
        partner), a verb's beneficiaries that are not the actors' own ("… its labour market" dropped), the
        recipients the event's type implies (:meth:`_implied_recipients`)."""
        if event_type in _MUTUAL and len({r.country for r in actors}) > 1:
            return [replace(r) for r in actors]
        if trigger.pos_ == "VERB":
            beneficiaries = [r for r in _unique(self._beneficiaries(trigger)) if not _same_as_any(r, actors)]
            if beneficiaries:
                return beneficiaries
        return self._implied_recipients(trigger, event_type, taken)

    def _main_subject(self, trigger: Token, event_type: str, recipients: list[ActorRef]) -> list[ActorRef]:
        """The subject of the sentence's main verb, for an event that names no doer of its own: "Nigeria
        announced that the force will be withdrawn". Not a medium that reports, nor the reporter of harm, nor
        one of the event's ``recipients``."""
        root = trigger.sent.root
        if root.i == trigger.i or root.pos_ not in ("VERB", "AUX"):
            return []
        if root.lemma_.lower() in self._words.saying and event_type in _HARM:
            return []
        found = [r for c in root.children if c.dep_ in syntax.SUBJECT_DEPS and not syntax.is_relative(c) for r in self._group(c)]
        taken = {(r.start, r.end) for r in recipients}
        return [
            r for r in _unique(found)
            if r.country and r.sector != "JRN" and (r.start, r.end) not in taken and not _same_as_any(r, recipients)
        ]

    def _implied_party(self, trigger: Token, sector: str, other_side: list[ActorRef]) -> list[ActorRef]:
        """An unnamed party of the country named most often in the trigger's sentence (first named on ties),
        preferring one the other side is not from ("Israel will evacuate settlements in Gaza" → PSE), else of
        the document's main country: a zero-width ref at the trigger, with no text or name."""
        counts: Counter[str] = Counter()
        theirs: set[str | None] = set()
        named_in: dict[int, set[str]] = {}  # the countries named in each other-side party's own text
        sources = self._attribution_tokens(trigger)
        for match in _within(self._name_at, trigger.sent.start, trigger.sent.end):
            country = self._match_country(match)
            if country not in self.kb.countries or match.start in sources:
                continue  # "…, the Czechoslovak news agency reported": who tells is not a party
            counts[country] += 1
            span = self.doc[match.start : match.end]
            for n, ref in enumerate(other_side):
                if ref.start <= span.start_char and span.end_char <= ref.end:
                    named_in.setdefault(n, set()).add(country)
                    theirs.add(country)  # "Ethnic Albanians" (living in Macedonia) are not from Albania's side either
        # ...nor, where their country is only where they live, from Macedonia's: "Ethnic Albanians have sworn to
        # fight until they gain control of villages near Macedonia's border with Bulgaria" is about Macedonia
        theirs |= {r.country for n, r in enumerate(other_side) if n not in named_in or r.country in named_in[n]}
        others = [c for c, _ in counts.most_common() if c not in theirs]
        country = others[0] if others else counts.most_common(1)[0][0] if counts else self._main
        if country is None:
            return []
        return [ActorRef(text="", name=None, country=country, sector=sector, start=trigger.idx, end=trigger.idx, implied=True)]

    def _attribution_tokens(self, trigger: Token) -> set[int]:
        """Token indexes of the media that report the sentence ("the Czechoslovak news agency reported", "Iranian
        television said"): subjects of its verbs of saying, other than the trigger, resolved to journalists.
        A speaker of another sector may be a party ("US authorities said that removing the sanctions…")."""
        found: set[int] = set()
        for verb in trigger.sent:
            if verb.i == trigger.i or verb.pos_ != "VERB" or verb.lemma_.lower() not in self._words.saying:
                continue
            for child in verb.children:
                resolved = self._phrase(child) if child.dep_ in syntax.SUBJECT_DEPS else None
                if resolved is not None and resolved.ref.sector == "JRN":
                    found.update(t.i for t in child.subtree)
        return found

    def _grievance_targets(self, verb: Token) -> list[ActorRef]:
        """Whom a complaint is about, not whom it is made to: "complained to the UN over Israeli raids" → Israel."""
        found: list[ActorRef] = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in _GRIEVANCE_PREPS:
                for pobj in syntax.pobj_tokens(child):
                    found += self._group(pobj) or self._inside_event_noun(pobj)
        return found

    def _attack_owner(self, trigger: Token) -> list[ActorRef]:
        """"killed in an Israeli air strike", "died in an attack by rebels", "killed in a car bomb explosion":
        whoever the attack noun names, else the unknown user of the weapon."""
        for child in trigger.children:
            if child.dep_ != "prep" or child.lower_ not in ("in", "during"):
                continue
            for pobj in syntax.pobj_tokens(child):
                if pobj.lemma_.lower() not in self._words.instrument | self._words.attack_noun:
                    continue
                by = [r for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by" for r in self._group(syntax.pobj(c))]
                own = self._phrase(pobj)
                if by:
                    return by
                if own is not None and not own.direct and own.ref.name is not None:
                    return [replace(own.ref)]
                return self._instrument(pobj)
        return []

    # ---- implicit participants ----------------------------------------------------------------

    def _implied_recipients(self, trigger: Token, event_type: str, taken: set[tuple[int, int]]) -> list[ActorRef]:
        """The place an event without a named target happens in ("demonstrated in Serbia", "a curfew in
        Cizre", "arrived in Amman"), as the recipient PLOVER codes for it: that country's government or people."""
        for token in syntax.clause_tokens(trigger):
            for child in token.children:
                if child.dep_ not in ("prep", "dative") or child.lower_ not in _WHERE_PREPS:
                    continue
                for pobj in syntax.pobj_tokens(child):
                    match = self._place_match(pobj)
                    if match is None or (self.doc[match.start : match.end].start_char, self.doc[match.start : match.end].end_char) in taken:
                        continue
                    country = self._match_country(match)
                    if country is None:
                        continue
                    return [self._ref(match.start, match.end, None, country, self.kb.implied_sector("target", event_type))]
        return []

    def _place_match(self, token: Token, depth: int = 0) -> Match | None:
        """The named place a locative phrase ends in: "the town of Cizre in southeastern Turkey" → Cizre."""
        match = self._name_at.get(token.i)
        if match is not None:
            return match
        for child in token.children:  # "in Montenegro province"
            if child.dep_ == "compound" and child.i in self._name_at and self._name_at[child.i].entry is not None:
                return self._name_at[child.i]
        if depth < 2:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "near"):
                    for pobj in syntax.pobj_tokens(child):
                        found = self._place_match(pobj, depth + 1)
                        if found is not None:
                            return found
        return None

    def _instrument_user(self, trigger: Token) -> list[ActorRef]:
        """"killed by an explosive device", "a minefield explosion killed…": an unidentified attacker (UAF)
        of the place, kept with the instrument's text."""
        candidates = [c for c in trigger.children if c.dep_ in syntax.SUBJECT_DEPS]
        candidates += [syntax.pobj(c) for c in trigger.children if c.dep_ == "agent"]
        for token in candidates:
            found = self._instrument(token)
            if found:
                return found
        return []

    def _attackers(self, token: Token) -> list[ActorRef]:
        """Who an attack or weapon in the subject was used by: "an attack by the army killed 17", "a bomb
        planted by rebels exploded"."""
        if token.lemma_.lower() not in self._words.instrument | self._words.attack_noun:
            return []
        holders = [token] + [c for c in token.children if c.dep_ == "acl"]
        return [r for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                for r in self._group(syntax.pobj(c))]

    def _instrument(self, token: Token | None) -> list[ActorRef]:
        """A weapon or blast named where a doer should be ("shells continued crashing"), as its unknown user."""
        if token is None or token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in self._words.instrument:
            return []
        tokens = syntax.phrase_tokens(token)
        start = syntax.trimmed_start(self.doc, tokens[0].i, token.i)
        return [self._ref(start, token.i + 1, None, self._home_country(token), "UAF")]

    def _counted(self, token: Token) -> list[ActorRef]:
        """People given only by a number ("arresting 12", "killed five others") or counted by a plural partitive
        ("detained dozens of supporters of X"): kept as written, of the country their sentence is about."""
        head = syntax.content_head(token, self._words.partitive)
        if self._counted_group(token, head):  # "detained dozens of supporters of X"
            start = syntax.trimmed_start(self.doc, syntax.phrase_tokens(token)[0].i, token.i)
            return [self._ref(start, head.i + 1, None, self._home_country(head), None)]
        if not (head.like_num or head.ent_type_ == "CARDINAL" or head.lower_ in ("others", "people", "persons")):
            return []
        if head.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or any(t.tag_ == "$" for t in syntax.phrase_tokens(head)):
            return []  # "provided $2 million in assistance": an amount, not people
        tokens = syntax.phrase_tokens(head)
        start = syntax.trimmed_start(self.doc, tokens[0].i, head.i) if not head.like_num else head.i
        return [self._ref(start, head.i + 1, None, self._home_country(head), None)]

    def _counted_group(self, token: Token, head: Token) -> bool:
        """A plural partitive ("dozens", "hundreds", "members") over a plural noun that names no party of its own:
        "dozens of supporters of X" are people, counted."""
        return (
            head.i != token.i
            and token.lower_ in self._words.partitive
            and token.tag_ == "NNS"
            and head.tag_ == "NNS"
            and head.ent_type_ not in _NOT_ACTORS
            and self._phrase(head) is None
        )

    def _speakers(self, verb: Token) -> list[ActorRef]:
        return [r for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS and not syntax.is_relative(c) for r in self._group(c)]

    def _complement_subjects(self, verb: Token) -> list[ActorRef]:
        """The one asked in a that-clause: "demanded that Hamas renounce…", "insisted on its demands that
        Burundi's government grant…"."""
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            clauses += [c for p in syntax.pobj_tokens(prep) for c in p.children if c.dep_ in ("acl", "ccomp")]
        found: list[ActorRef] = []
        for clause in clauses:
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not syntax.is_relative(child):
                    found += self._group(child) or self._inside_event_noun(child)
            if found:
                break
        return found

    # ---- clause structure -----------------------------------------------------------------

    def _verbal(self, verb: Token, depth: int = 0) -> tuple[list[ActorRef], list[ActorRef]]:
        actors: list[ActorRef] = []
        recipients: list[ActorRef] = []
        for child in verb.children:
            if child.dep_ == "agent":
                actors += self._group(syntax.pobj(child))
            elif child.dep_ == "nsubjpass":
                recipients += self._group(child) or self._counted(child)
            elif child.dep_ in ("dobj", "dative") and child.pos_ != "ADP":
                # "resume terrorist activities", "return military equipment": the things are the doer's own
                objects = self._group(child, owned=False)
                recipients += (
                    objects or self._inside_event_noun(child) or self._counted(child) or self._attached_targets(child)
                )
            elif child.dep_ == "prt" and child.lower_ == "up":  # "kidnapped up to 16 Russian advisers"
                recipients += [r for p in child.children if p.dep_ == "prep" for r in self._group(syntax.pobj(p))]
            elif child.dep_ in ("prep", "dative") and child.lower_ in _RECIPIENT_PREPS:
                pobj = syntax.pobj(child)
                # "respond to a demand from the US President": the demand's owner
                hosted = self._host_place(pobj) if child.lower_ in ("to", "into") else []
                recipients += (
                    hosted or self._group(pobj)
                    or (self._inside_event_noun(pobj) if pobj is not None else [])
                )
        subjects = [c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS and not syntax.is_relative(c)]
        if not subjects and not actors and verb.lemma_.lower() in self._words.stative_passive:
            # "Israel is opposed to French mediation": a stance of its subject, not something done to it
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            taken = {(r.start, r.end) for s in subjects for r in self._group(s)}
            recipients = [r for r in recipients if (r.start, r.end) not in taken]
        for subject in subjects:
            doers = self._group(subject) or self._attackers(subject) or self._instrument(subject) or self._unknown(subject)
            actors = doers + actors
        if not subjects and not actors:
            actors, from_head = self._inherited_actors(verb)
            if from_head is not None:
                recipients = from_head + recipients
        if verb.lemma_.lower() in self._words.demanding:
            # "insisted on its demands that Burundi's government grant…": the one asked, not the demand's owner
            recipients = self._complement_subjects(verb) or recipients
        if not recipients:
            recipients = self._appositive_objects(verb)
        if not recipients and depth < 3:  # "threatened to impose sanctions on X", "continued to send arms to X"
            for child in verb.children:
                if child.dep_ == "xcomp" and not recipients:
                    recipients = self._verbal(child, depth + 1)[1]
        return actors, recipients

    def _announcer(self, verb: Token, event_type: str) -> list[ActorRef]:
        """The state that announces an agentless passive ("Washington announced that troops are being sent").

        Only a state speaker is taken (a government decides what it announces); a plain reporting
        verb does not make its subject the doer of reported harm ("the ministry said 20 were killed").
        """
        if verb.dep_ != "ccomp" or verb.head.i == verb.i or not syntax.is_passive(verb):
            return []
        if any(c.dep_ == "agent" for c in verb.children):
            return []
        lemma = verb.head.lemma_.lower()
        if lemma not in self._words.announcing and (lemma not in self._words.saying or event_type in _HARM):
            return []
        speakers = [r for c in verb.head.children if c.dep_ in syntax.SUBJECT_DEPS and not syntax.is_relative(c) for r in self._group(c)]
        if not speakers or any(r.country is None or r.sector not in _STATE_SECTORS for r in speakers):
            return []
        return speakers

    def _mobilised_forces(
        self, verb: Token, actors: list[ActorRef], recipients: list[ActorRef], sectors: frozenset[str] = _ARMED_SECTORS
    ) -> tuple[list[ActorRef], list[ActorRef]]:
        """The forces a MOBILIZE event sends or deploys are the mobilising side, not its target (PLOVER: the
        source mobilises): "troops are being sent", "deployed 500 soldiers" (of ``sectors``) go with the actors."""
        forces = [
            r for c in verb.children if c.dep_ in ("nsubjpass", "dobj") for r in self._group(c)
            if r.sector in sectors
        ]
        spans = {(r.start, r.end) for r in forces}
        kept = [r for r in recipients if (r.start, r.end) not in spans]
        return actors + forces, kept

    def _inherited_actors(self, verb: Token) -> tuple[list[ActorRef], list[ActorRef] | None]:
        """Actors of a verb without its own subject, from the clause it hangs on.

        Returns (actors, recipients-from-the-antecedent or None).
        """
        head = verb.head
        if verb.dep_ == "relcl" and self._summoned(head) and syntax.is_infinitive(verb):
            return self._subject_actors(head.head), None  # "summoned a diplomat to complain", read as a relative
        if verb.dep_ == "relcl":
            role = syntax.relative_role(verb)
            if role == "actor":
                return self._instrument_actor(head), None
            return [], self._group(head)
        if verb.dep_ == "acl":
            top = syntax.top_noun(head)
            if top.dep_ == "ROOT" and not any(c.dep_ == "agent" for c in verb.children):
                # a main clause parsed as a noun phrase ("An official Syrian newspaper called on Arabs…",
                # "Doctors from two American aid groups donated…"): the root noun is the doer
                return self._group(top), None
            if verb.tag_ == "VBN":  # "protesters killed by police"
                return [], self._group(head)
            return self._group(head), None
        if verb.dep_ == "xcomp" and head.lemma_.lower() not in self._words.summoning:
            controllers = [c for c in head.children if c.dep_ == "dobj"]  # "urged them to leave"
            if controllers:
                return self._group(controllers[0]), None
        reported = self._reported_clause(verb)
        if reported is not None:
            return self._subject_actors(reported), None
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and head.i != verb.i:
            return self._subject_actors(head), None  # "Norway is willing to send…": acomp → the copula's subject
        return [], None

    def _reported_clause(self, verb: Token) -> Token | None:
        """The reported clause a participle continues when the parser hung it on the attribution: "Taliban
        fighters overran a base, officials said, killing 17 soldiers" (the fighters killed, not the officials).
        None unless ``verb`` is an adverbial clause (not itself of saying) of a verb of saying that has a
        complement clause with a subject, or that is itself set into one ("parataxis")."""
        head = verb.head
        if verb.dep_ != "advcl" or head.i == verb.i or head.lemma_.lower() not in self._words.saying:
            return None
        if verb.lemma_.lower() in self._words.saying:
            return None  # "…, officials said, adding that…": the speakers go on
        clauses = [c for c in head.children if c.dep_ == "ccomp" and c.i != verb.i]
        if head.dep_ == "parataxis" and head.head.i != head.i:
            clauses.append(head.head)  # "Rebels attacked a convoy, the army said, wounding three": said hangs on attacked
        for clause in clauses:
            if any(c.dep_ in syntax.SUBJECT_DEPS for c in clause.children):
                return clause
        return None

    def _summoned(self, noun: Token) -> bool:
        """The object of a verb of summoning ("summoned the ambassador"): called in, not sent to act."""
        return noun.dep_ == "dobj" and noun.head.lemma_.lower() in self._words.summoning

    def _subject_actors(self, verb: Token, depth: int = 0) -> list[ActorRef]:
        """The doers of ``verb``: its subject or passive agent, else those of the verb it depends on."""
        found: list[ActorRef] = []
        for child in verb.children:
            if child.dep_ in syntax.SUBJECT_DEPS:
                found += self._group(child)
            elif child.dep_ == "agent":
                found += self._group(syntax.pobj(child))
        if found or depth > 3:
            return found
        actors, _ = self._inherited_actors(verb)
        return actors

    def _instrument_actor(self, noun: Token) -> list[ActorRef]:
        """The actor behind a noun that did something ("the US strike that killed...")."""
        actors = self._group(noun)
        if actors:
            return actors
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                actors += self._group(syntax.pobj(child))
        if not actors and noun.dep_ in ("dobj", "appos", "nsubjpass") and noun.head.i != noun.i:
            actors = self._subject_actors(noun.head)
        return actors

    def _inside_event_noun(self, noun: Token) -> list[ActorRef]:
        """Targets inside an event noun in object position ("demand the withdrawal of troops")."""
        found: list[ActorRef] = []
        for preps in (_OBJECT_PREPS | {"for"}, {"from", "by"}):  # "rejected calls by X", "an appeal from X"
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    pobj = syntax.pobj(child)
                    found += self._group(pobj)
                    if pobj is not None and not found:
                        found += [r for c in pobj.children if c.dep_ == "poss" for r in self._group(c)]
            if found:
                break
        if not found:  # "the government's refusal": the refuser
            found = [r for c in noun.children if c.dep_ == "poss" for r in self._group(c)]
        return found

    def _consequence_recipients(self, verb: Token, actors: list[ActorRef]) -> list[ActorRef]:
        """Who a deed that names no target hit, as the participle after it says: "carried out air strikes in
        Mosul, killing dozens of Islamic State fighters", "stormed the base, wounding 12 soldiers". The doers' own
        people are not ("launched an offensive, killing its commander" says nothing of whom it was aimed at)."""
        found: list[ActorRef] = []
        for clause in (c for c in verb.children if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG"):
            if any(c.dep_ in syntax.SUBJECT_DEPS for c in clause.children):
                continue  # a clause with its own doer
            for child in clause.children:
                if child.dep_ == "dobj" and not self._owned_by(child, actors):
                    found += self._group(child, owned=False) or self._counted(child)
            if found:
                break
        return found

    def _owned_by(self, thing: Token, actors: list[ActorRef]) -> bool:
        """Whether a phrase's possessor is one of ``actors``: "its"/"their", or the actor named again."""
        for poss in (c for c in thing.children if c.dep_ == "poss"):
            if poss.lower_ in ("its", "their") or any(
                (r.name, r.country, r.sector) == (a.name, a.country, a.sector) for r in self._group(poss) for a in actors
            ):
                return True
        return False

    def _host_place(self, token: Token | None) -> list[ActorRef]:
        """The country an international body's mission works in, where troops or aid are sent to it: "sending
        troops to the United Nations peacekeeping force in South Sudan" is aimed at South Sudan, not at the UN."""
        if token is None or token.pos_ != "NOUN" or token.i in self._name_at:
            return []  # a named body ("the UN") is the party; only its force or mission is a vehicle
        resolved = self._phrase(token)
        if resolved is None or not self._is_organisation(resolved.ref.country):
            return []
        for pobj in syntax.prep_objects(token, ("in",)):
            match = self._place_match(pobj)
            country = self._match_country(match) if match is not None else None
            if country in self.kb.countries:
                return [self._ref(match.start, match.end, None, country, None)]
        return []

    def _attached_targets(self, thing: Token, depth: int = 0) -> list[ActorRef]:
        """Whom a deed's object is aimed at when the parser hung the target's phrase on the object, or deeper in
        it: "provides €10 million in aid to the Palestinian people", "sent vehicles and a team of paratroopers to
        Lebanon", "launched an operation against militants". Only parties named in their own right count (not
        "U.S. assistance"), through "in"/"of"/"for" phrases, conjuncts and appositions, two levels deep."""
        found: list[ActorRef] = []
        deeper: list[Token] = []
        parts = syntax.conjuncts(thing)
        parts += [a for p in parts for a in p.children if a.dep_ == "appos"]  # "an operation, Operation X, against Y"
        for part in parts:
            for child in part.children:
                if child.dep_ != "prep":
                    continue
                if child.lower_ in _AIMED_PREPS:
                    found += [r for p in syntax.pobj_tokens(child) for r in self._group(p, owned=False)]
                elif child.lower_ in ("in", "of", "for"):
                    deeper += syntax.pobj_tokens(child)
        if found or depth >= 2:
            return found
        for token in deeper:
            found += self._attached_targets(token, depth + 1)
        return found

    def _taken_from(self, verb: Token, event_type: str) -> list[ActorRef]:
        """Whom a deed takes something from or leaves, where no one else is its target: "will return weapons
        seized from UN peacekeepers", "withdrew from the Gaza Strip" (a bare name: its government or people, as
        for the place an event happens in); on the verb or its object's participle."""
        heads = [verb] + [p for o in verb.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "acl" and p.tag_ == "VBN"]
        found: list[ActorRef] = []
        for pobj in (syntax.pobj(c) for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"):
            for ref in self._group(pobj):
                place = ref.sector is None and pobj is not None and pobj.i in self._name_at
                found.append(replace(ref, sector=self.kb.implied_sector("target", event_type)) if place else ref)
        return found

    def _beneficiaries(self, verb: Token) -> list[ActorRef]:
        """Whom a deed is for, where nothing else names its target: "impose restrictions on its labour market for
        new EU members", "voted for the opposition"."""
        if verb.lemma_.lower() in self._words.demanding:
            return []  # "called for government reform": what is asked for
        found: list[ActorRef] = []
        for pobj in (syntax.pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
            resolved = self._phrase(pobj) if pobj is not None else None
            # a party ("for new EU members"), not a thing its modifier names ("for Hindu-Muslim riots")
            if resolved is not None and (resolved.direct or pobj.lower_ in self._words.partitive):
                found += self._group(pobj)
        return found

    def _appositive_objects(self, verb: Token) -> list[ActorRef]:
        """Objects the parser hung as appositions on another phrase ("condemns in the strongest terms the strike")."""
        found: list[ActorRef] = []
        for child in verb.children:
            if child.dep_ != "prep":
                continue
            for appos in (a for a in syntax.pobj_tokens(child) for a in a.children if a.dep_ == "appos"):
                found += self._group(appos)
        return found

    def _nominal(self, noun: Token, event_type: str) -> tuple[list[ActorRef], list[ActorRef]]:
        actors: list[ActorRef] = []
        recipients: list[ActorRef] = []
        of_phrases: list[Token] = []
        for child in noun.children:
            if child.dep_ == "poss":
                actors += self._group(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                actors += self._group(syntax.pobj(child))
            elif child.dep_ == "prep" and child.lower_ == "of":
                of_phrases += syntax.pobj_tokens(child)
            elif child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS:
                recipients += self._group(syntax.pobj(child))
        for of_head in of_phrases:  # "the arrest of X by police": the parser often hangs "by" on X
            for grandchild in of_head.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ == "by":
                    actors += self._group(syntax.pobj(grandchild))
        own = self._phrase(noun) if not actors else None
        if own is not None and not own.direct and own.ref.name is None and noun.dep_ in ("dobj", "pobj", "attr"):
            # "NATO would tighten the naval blockade": the doer is the verb's subject, "naval" its means
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            if verb.pos_ in ("VERB", "AUX"):
                actors = self._subject_actors(verb)
        if not actors and own is not None and not own.direct:  # "a US strike", "the American raid"
            actors.append(replace(own.ref))
        for of_head in of_phrases:
            group = self._group(of_head)
            if event_type in _OF_IS_ACTOR and not actors and not self._released(of_head, group, event_type):
                actors += group
            else:
                recipients += group
        if not actors and noun.dep_ in ("dobj", "pobj", "attr") and noun.head.i != noun.i:
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            if verb.pos_ in ("VERB", "AUX"):
                actors = self._subject_actors(verb)  # "staged a march", "carried out an attack"
        if not recipients:
            recipients = self._purpose_recipients(noun)
        return actors, recipients

    def _released(self, of_head: Token, group: list[ActorRef], event_type: str) -> bool:
        """People a RETREAT's noun lets go rather than who withdraw: "the release of two Kuwaiti nationals"
        (civilians, journalists, or people known only by a nationality), where "the withdrawal of troops" and
        "the pullout of Israel" are the doers. An armed or state-force sector never is ("the withdrawal of Houthi
        rebels", "of Russian mercenaries", "of Russian troops")."""
        if event_type != "RETREAT" or not group or any(r.sector in _ARMED_SECTORS for r in group):
            return False
        resolved = self._phrase(of_head)
        return (resolved is not None and not resolved.direct) or any(
            r.sector is not None and r.sector not in _STATE_SECTORS for r in group
        )

    def _purpose_recipients(self, noun: Token) -> list[ActorRef]:
        """Whom a strike or rally is aimed at when the clause says why: "a hunger strike to demand the
        resignation of X", "a strike in protest of the government's refusal"."""
        owners = [noun] + ([noun.head] if noun.dep_ in ("dobj", "nsubj", "pobj") and noun.head.i != noun.i else [])
        found: list[ActorRef] = []
        for owner in owners:
            for child in owner.children:
                if child.dep_ in ("advcl", "xcomp", "acl") and child.pos_ == "VERB" and child is not noun and (
                    noun.pos_ in ("NOUN", "PROPN") or syntax.is_infinitive(child)  # a verb's purpose: "to show…"
                ):
                    found += self._verbal(child, depth=2)[1]
                elif child.dep_ == "prep" and child.lower_ in ("in", "over", "against", "for"):
                    for pobj in syntax.pobj_tokens(child):
                        if pobj.lemma_.lower() in self._words.reaction_noun:
                            found += self._inside_event_noun(pobj)
                        elif child.lower_ == "for":  # "mobilized reservists for a possible war against Iraq"
                            found += [r for c in pobj.children if c.dep_ == "prep" and c.lower_ == "against"
                                      for r in self._group(syntax.pobj(c))]
                        elif child.lower_ != "in":
                            found += self._group(pobj) or self._inside_event_noun(pobj)
            if found:
                break
        return found

    # ---- noun phrases ---------------------------------------------------------------------

    def _group(self, token: Token | None, owned: bool = True) -> list[ActorRef]:
        """A phrase and its conjuncts ("the U.S. and Britain") as separate actors; without ``owned``, a
        thing known only by an unnamed agent word before it ("military equipment") is left out."""
        if token is None:
            return []
        refs = []
        # "the countries of Guinea-Bissau and China", "scores of Sierra Leonean and Liberian refugees": each listed
        heads = syntax.conjuncts(self._polity_head(token))
        for head in heads:
            resolved = self._phrase(head)
            if resolved is None or not any(c.isalnum() for c in resolved.ref.text):
                continue  # punctuation the parser made a name ("Rah-e-Nijat": "-")
            if not owned and not resolved.direct and resolved.ref.name is None:
                continue
            ref = replace(resolved.ref)
            if head.i != heads[0].i and resolved.ref.name is None and syntax.is_bare(head):
                # "the Lebanese government and people": the bare conjunct shares the first one's nationality
                ref.country = self._shared_country(heads[0]) or ref.country
            for appos in (c for c in head.children if c.dep_ == "appos"):
                extra = self._phrase(appos)
                if extra is None:
                    continue
                if syntax.titles_person(head, appos) and extra.ref.end > ref.end:
                    ref = self._titled_person(ref, extra.ref)
                elif self._is_igo(extra.ref.country, extra.ref.sector) and self._is_individual(resolved):
                    # "Kenzo Oshima, the United Nations Emergency Relief Coordinator" acts for the UN
                    ref.country, ref.sector = extra.ref.country, extra.ref.sector or "GOV"
                else:
                    ref.country = ref.country or extra.ref.country
                    ref.sector = ref.sector or extra.ref.sector
            refs.append(ref)
            # "Brazilian and U.S. officials": one phrase, a party of each country
            refs += [replace(ref, country=c) for c in self._coordinated_countries(head) if c != ref.country]
            refs += [replace(ref, country=c) for c in self._owners_listed(head, ref.country) if c != ref.country]
        return refs

    def _owners_listed(self, head: Token, country: str | None) -> list[str]:
        """The countries a plural group's "of" phrase lists, when the group took the first one's: "the governments
        of Bolivia, Ecuador and Russia", "the foreign ministers of France and Germany"."""
        if head.tag_ not in ("NNS", "NNPS") or country is None:
            return []
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "of":
                continue
            parts = [self._phrase(part) for pobj in syntax.pobj_tokens(child) for part in syntax.conjuncts(pobj)]
            countries = self._distinct_countries(r.ref.country if r is not None else None for r in parts)
            if country in countries and len(countries) > 1:
                return countries
        return []

    def _coordinated_countries(self, head: Token) -> list[str]:
        """The countries of coordinated adjectives or names modifying ``head`` ("Israeli and Palestinian
        negotiators" → ISR, PSE); empty unless there are two or more."""
        for child in head.children:
            if child.dep_ not in ("amod", "compound", "nmod") or not any(c.dep_ == "conj" for c in child.children):
                continue
            matches = [self._name_at.get(part.i) for part in syntax.conjuncts(child)]
            countries = self._distinct_countries(
                self._match_country(m) if m is not None and m.entry is not None else None for m in matches
            )
            if len(countries) > 1:
                return countries
        return []

    def _distinct_countries(self, found: Iterable[str | None]) -> list[str]:
        """The known countries among ``found``, each once, in order."""
        return list(dict.fromkeys(c for c in found if c in self.kb.countries))

    def _polity_head(self, token: Token) -> Token:
        """The head that names a phrase's actor: past a partitive ("scores of refugees") and a polity noun
        that names a country ("the country of Suriname")."""
        content = syntax.content_head(token, self._words.partitive)
        return self._named_polity(content) or content

    def _named_polity(self, token: Token | None) -> Token | None:
        """The name a polity noun's "of" phrase gives, when it names a country ("the country of Suriname")."""
        named = syntax.named_polity(token, self._words.polity_noun) if token is not None else None
        if named is None:
            return None
        resolved = self._phrase(named)
        return named if resolved is not None and resolved.ref.country in self.kb.countries else None

    def _shared_country(self, first: Token) -> str | None:
        """The country the first conjunct's own adjectives give ("the Lebanese government"), which a bare
        conjunct after it shares; None when it has none."""
        parts = self._parts(syntax.content_head(first, self._words.partitive))
        if parts is None or parts.head_name is not None:
            return None
        for match in reversed(parts.modifier_names):
            root = self.doc[match.end - 1]
            if root.dep_ in ("amod", "compound") and root.head.i == parts.head.i:
                country = self._match_country(match)
                if country in self.kb.countries:
                    return country
        return None

    def _is_individual(self, resolved: _Resolved) -> bool:
        """A person, named or titled, not a country or a group ("Kenzo Oshima", tagged a place by the parser)."""
        if resolved.kind == "person":
            return True
        return resolved.ref.name is not None and resolved.ref.name not in self.kb.countries.values() and (
            resolved.ref.sector is None and self.doc[resolved.head].tag_ == "NNP"
        )

    def _titled_person(self, title: ActorRef, person: ActorRef) -> ActorRef:
        """"the Iranian commander Qassem Soleimani": one person; the written title is fresher than the dictionary."""
        return ActorRef(
            text=doc_text(self.doc)[title.start : person.end],
            name=person.name,
            country=title.country or person.country,
            sector=title.sector or person.sector,
            start=title.start,
            end=person.end,
        )

    def _phrase(self, head: Token) -> _Resolved | None:
        """The actor a noun phrase names, cached per head token."""
        if head.i not in self._cache:
            self._cache[head.i] = self._resolve(self._polity_head(head))
        return self._cache[head.i]

    def _resolve(self, head: Token) -> _Resolved | None:
        """The actor of the noun phrase headed by ``head``: a pronoun's antecedent, a named actor, an agent
        noun, an unknown proper name, else (not direct) the actor its modifiers name ("the American strike")."""
        if head.pos_ == "PRON" or (head.lower_ in syntax.PRONOUNS and head.text.islower()):
            return self._pronoun(head)  # "us" the pronoun, not "the US"
        parts = self._parts(head)
        if parts is None:
            return None
        return (
            self._resolve_ally(parts) or self._resolve_named(parts) or self._resolve_agent(parts)
            or self._resolve_proper(parts) or self._resolve_modified(parts)
        )

    def _resolve_ally(self, parts: _Parts) -> _Resolved | None:
        """A party named as another's ally or proxy ("Israel's militia ally in southern Lebanon"): of the place
        its own phrase names, not of its patron, with the sector of an agent word in it (militia: UAF)."""
        head = parts.head
        if head.lower_ not in self._words.ally_noun or head.pos_ != "NOUN":
            return None
        country = self._placed_in(head)
        ref = self._ref(parts.start, parts.end, None, country, _first_sector(parts.modifier_agents))
        return _Resolved(ref, parts.kind, head.i)

    def _parts(self, head: Token) -> _Parts | None:
        """The extent of the phrase headed by ``head`` and the names and agent nouns in it; None for a dateline
        place, a date or an amount."""
        tokens = syntax.phrase_tokens(head)
        lo, hi = tokens[0].i, tokens[-1].i + 1
        while hi - 1 > head.i and self.doc[hi - 1].dep_ in ("case", "punct"):
            hi -= 1  # "protesters'" → "protesters"
        covering = self._name_at.get(head.i)
        if covering is not None and covering.start >= lo:  # "International Committee of the Red Cross"
            hi = max(hi, covering.end)
        elif covering is not None and covering.start < lo and head.i < covering.end:
            # the parser split a long name ("National Union for the Total Independence of Angola"): the whole name
            lo, hi = covering.start, max(hi, covering.end)
        if head.i in self._dateline:
            return None  # the place a story was filed from is not an actor
        names = _within(self._name_at, lo, hi)
        agents = _within(self._agent_at, lo, hi)
        if head.ent_type_ in _NOT_ACTORS and not any(m.start <= head.i < m.end for m in names):
            # the tagger sometimes runs a date into the next noun ("March 3 - Soldiers"); an agent noun still acts
            if not (head.pos_ == "NOUN" and any(m.start <= head.i < m.end for m in agents)):
                return None
        head_name = next((m for m in names if m.start <= head.i < m.end), None)
        head_agent = next((m for m in agents if m.start <= head.i < m.end), None)
        modifier_names = [m for m in names if m is not head_name and m.end <= head.i]
        # A word of an organisation's own name is no title ("Union" in UNITA's full name); the title written
        # before a person's name ("UN envoy X") is kept.
        own_words = head_name if head_name is not None and head.ent_type_ != "PERSON" else None
        modifier_agents = [
            m for m in agents
            if m is not head_agent and not (own_words and own_words.start <= m.start and m.end <= own_words.end)
        ]
        is_person = head.ent_type_ == "PERSON" or any(
            self.doc[m.start : m.end].text.lower() in self.kb.titles for m in modifier_agents
        )
        kind = "person" if is_person else ("plural" if head.tag_ in ("NNS", "NNPS") else "org")
        start = syntax.trimmed_start(self.doc, lo, head.i)
        return _Parts(head, start, hi, names, head_name, head_agent, modifier_names, modifier_agents, kind)

    def _resolve_named(self, parts: _Parts) -> _Resolved | None:
        """A phrase whose head is a knowledge-base name, with its role at the document's date."""
        head, head_name, modifier_agents = parts.head, parts.head_name, parts.modifier_agents
        if head_name is None:
            return None
        entry = head_name.entry
        assert entry is not None
        role = entry.role_at(self.date)
        country = self._match_country(head_name)
        # A title written next to the name ("opposition leader X") is fresher than the dictionary; one that is part
        # of the listed name itself counts only for an office the person holds in some role ("President Obama"), not
        # for an honorific ("Mullah Omar" is no cleric: the dated role wins).
        held = {r.sector for r in entry.roles}
        written = [m for m in modifier_agents
                   if not (head_name.start <= m.start and m.end <= head_name.end) or m.sector in held]
        sector = _first_sector(written) or (role.sector if role else None) or _first_sector(modifier_agents)
        employer = self._employer(head, parts.modifier_names, modifier_agents)
        if employer is not None:  # "UN envoy X" speaks for the UN, whatever X's nationality
            ref = self._ref(parts.start, parts.end, entry.name, employer[0], employer[1])
            return _Resolved(ref, parts.kind, head.i)
        if syntax.is_former(head, self._words.out_of_office):
            sector = "ELI"
        if country is None:
            country = self._modifier_country(head, parts.modifier_names)
            if country is None and sector in self.kb.domestic and head.ent_type_ != "PERSON":
                country = self._home_country(head)  # "the Islamic Salvation Front": a domestic movement
        if _is_people(head):
            # "ethnic Albanians in south Serbia" live in Serbia, "Palestinians expelled from Kuwait" lived in Kuwait
            country = self._residence(head) or self._country_left(head) or country
            if self._is_kin_group(head) and country is not None:  # "ethnic Albanians demonstrated in Serbia"
                country = self._other_country(head, country) or country
            sector = sector or "CVL"  # a people ("Palestinians", "Iraqi Kurds") is its civilians
        ref = self._ref(parts.start, parts.end, entry.name, country, sector)
        resolved = _Resolved(ref, parts.kind, head.i)
        if head.ent_type_ == "PERSON" and head_name.end - head_name.start > 1:
            self._surnames.setdefault(head.lower_, resolved)
        return resolved

    def _resolve_agent(self, parts: _Parts) -> _Resolved | None:
        """A phrase whose head is an agent noun ("Iraqi protesters", "the minister", "UN peacekeepers")."""
        head, head_agent = parts.head, parts.head_agent
        sector = head_agent.sector if head_agent else self.kb.agent_sector(head.lemma_)
        if head_agent is None and sector is None:
            sector = self.kb.agent_sector(head.text)
        if sector is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        for match in parts.modifier_names:  # "Red Cross officials", "UN peacekeepers" belong to the organisation
            role = match.entry.role_at(self.date) if match.entry else None
            if role is not None and self._is_organisation(role.country):
                # an IGO's staff keep their function ("UN peacekeepers" MIL); an NGO's stay NGO
                staff = role.sector if role.sector in ("NGO", "REB") else sector
                ref = self._ref(parts.start, parts.end, match.entry.name, role.country, staff)
                return _Resolved(ref, parts.kind, head.i)
        is_title = head.lemma_.lower() in self.kb.titles and head.tag_ in ("NN", "NNP")
        earlier = self._titled_antecedent(head, sector) if is_title else None
        if earlier is not None:  # "Lavrov met Iraqi officials. The minister criticized…": Lavrov
            ref = self._ref(parts.start, parts.end, earlier.ref.name, earlier.ref.country, earlier.ref.sector)
            return _Resolved(ref, "person", head.i)
        country = self._modifier_country(head, parts.modifier_names)
        if country is None and head.pos_ == "PROPN" and self._transnational_name(head):  # "Pan-African Lawyers Union"
            country, sector = "NGO", "NGO"
        elif country is None and syntax.has_foreign_modifier(head, self._words.multinational):
            country = "IGO"  # "a regional peacekeeping force", "international monitors": several states' joint body
        elif country is None and sector in _ARMED_NONSTATE and not syntax.has_foreign_modifier(head, self._words.foreign):
            country = self._placed_in(head) or self._owner_country(head) or self._armed_group_country(head)
        elif country is None and sector in self.kb.domestic and not syntax.has_foreign_modifier(head, self._words.foreign):
            # "security forces in Guinea", "parties to the conflict in Iraq": the place their own phrase names
            country = self._placed_in(head) or self._owner_country(head) or self._home_country(head)
        elif country in self.kb.countries and syntax.is_kin_movement(head, self._words.kin_movement):
            country = self._other_country(head, country) or country  # "Irish nationalist guerrillas" in Britain
        kind = "person" if is_title else parts.kind
        return _Resolved(self._ref(parts.start, parts.end, None, country, sector), kind, head.i)

    def _resolve_proper(self, parts: _Parts) -> _Resolved | None:
        """A proper name the knowledge base does not know: a surname met before, else kept as written with
        the country and sector its modifiers give."""
        head, modifier_names, modifier_agents = parts.head, parts.modifier_names, parts.modifier_agents
        if not (head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP")):
            return None
        earlier = self._surnames.get(head.lower_) if head.ent_type_ == "PERSON" or not parts.names else None
        if earlier is not None and not modifier_names:
            ref = self._ref(parts.start, parts.end, earlier.ref.name, earlier.ref.country, earlier.ref.sector)
            return _Resolved(ref, earlier.kind, head.i)
        sector = "ELI" if syntax.is_former(head, self._words.out_of_office) else _first_sector(modifier_agents)
        name = self.doc[syntax.name_start(head) : head.i + 1].text if head.ent_type_ == "PERSON" else None
        employer = self._employer(head, modifier_names, modifier_agents)
        if employer is not None and sector != "ELI":
            return _Resolved(self._ref(parts.start, parts.end, name, employer[0], employer[1]), parts.kind, head.i)
        if sector is None and parts.head_agent is not None and head.ent_type_ != "PERSON":
            sector = parts.head_agent.sector  # "the Montenegro Assembly"
        country = self._modifier_country(head, modifier_names)
        if country is None and head.ent_type_ != "PERSON" and self._transnational_name(head):
            country, sector = "NGO", "NGO"  # "the Arab Lawyers Federation": no country's, an NGO's staff are NGO
        elif country is None and sector in self.kb.domestic and not syntax.has_foreign_modifier(head, self._words.foreign):
            # A titled person ("Judge X", "President Y") without a known country is most often of the
            # country the document is about.
            country = self._home_country(head, fallback=head.ent_type_ == "PERSON" and sector in _OFFICE_SECTORS)
        if _is_people(head):  # a people the knowledge base does not know ("Kurds", "West Africans") is its civilians
            sector = sector or "CVL"
            country = country or self._country_left(head)
        resolved = _Resolved(self._ref(parts.start, parts.end, name, country, sector), parts.kind, head.i)
        if head.ent_type_ == "PERSON" and syntax.name_start(head) < head.i:
            self._surnames.setdefault(head.lower_, resolved)
        return resolved

    def _resolve_modified(self, parts: _Parts) -> _Resolved | None:
        """A common noun that is no agent, known by the actor its modifiers name ("the American strike",
        "a police raid"): that actor, marked not direct."""
        if parts.modifier_names:
            match = parts.modifier_names[-1]
            assert match.entry is not None
            role = match.entry.role_at(self.date)
            country = role.country if role else match.entry.any_country()
            # "Israeli army bulldozers", "Albanian rebel-held territory": an agent noun after the name says which part
            sector = (role.sector if role else None) or self._part_sector(match, parts.modifier_agents)
            name = match.entry.name
        elif parts.modifier_agents:
            match = parts.modifier_agents[-1]
            sector, name = match.sector, None
            domestic = sector in self.kb.domestic and not syntax.has_foreign_modifier(parts.head, self._words.foreign)
            country = self._home_country(parts.head) if domestic else None
        else:
            return None
        ref = self._ref(match.start, match.end, name, country, sector)
        return _Resolved(ref, "org", parts.head.i, direct=False)

    def _part_sector(self, name: Match, agents: list[Match]) -> str | None:
        """The sector of an agent noun (not an adjective) written after a name that modifies a thing: "army" in
        "Israeli army bulldozers"; none for "the United States' policies" or "Russian civilian advisers"."""
        for agent in agents:
            if agent.start >= name.end and agent.sector and self.doc[agent.end - 1].pos_ in ("NOUN", "PROPN"):
                return agent.sector
        return None

    def _unknown(self, head: Token) -> list[ActorRef]:
        """An unnamed group or unknown organisation in subject position ("local vigilantes", "the APEC
        forum"), kept as written; a singular one only with a country or a name: tagged one by the parser,
        written in initials ("ICE returned…"), or with a capitalised word besides its head mid-sentence."""
        if head.ent_type_ in _NOT_ACTORS or head.pos_ not in ("NOUN", "PROPN"):
            return []
        tokens = syntax.phrase_tokens(head)
        named = head.ent_type_ in ("ORG", "NORP", "PERSON") or _is_acronym(head) or any(
            t.pos_ == "PROPN" or _is_inner_capital(t) for t in tokens if t.i != head.i
        )
        country = self._modifier_country(head, _within(self._name_at, tokens[0].i, head.i))
        if country is None and syntax.has_foreign_modifier(head, self._words.multinational):
            country = "IGO"  # "international monitors"
        if head.tag_ not in ("NNS", "NNPS") and not named and country is None:
            return []  # "a terror group based in Trinidad" is kept, "the move" is not
        sector = self._of_phrase_sector(head)  # "leaders of the opposition coalition": the coalition's
        ref = self._ref(syntax.trimmed_start(self.doc, tokens[0].i, head.i), head.i + 1, None, country, sector)
        return [ref]

    def _of_phrase_sector(self, head: Token) -> str | None:
        """The sector of the group an unknown head's "of" phrase names ("leaders of the Azadliq opposition
        coalition" → OPP), which the head's people belong to."""
        for pobj in syntax.prep_objects(head, ("of",)):
            inner = self._phrase(pobj)
            if inner is not None and inner.direct and inner.ref.sector:
                return inner.ref.sector
        return None

    def _transnational_name(self, head: Token) -> bool:
        """An organisation's name (no person, people or place) with a capitalised word that spans countries in
        it or its "of" phrase: "Association of African Jurists", "Inter-African Committee", "World Peace Council"."""
        if head.ent_type_ in ("PERSON", "NORP", "GPE", "LOC") or head.tag_ == "NNPS":
            return False
        tokens = list(syntax.phrase_tokens(head))
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                tokens += [t for pobj in syntax.pobj_tokens(child) for t in pobj.subtree]
        words = {part for t in tokens if t.text[:1].isupper() for part in t.lower_.split("-")}
        return bool(words & self._words.transnational)

    def _modifier_country(self, head: Token, modifier_names: list[Match]) -> str | None:
        """Country given by a phrase's modifiers ("Iraqi", "U.S.", "Iran's") or its "of" phrase."""
        for n, match in reversed(list(enumerate(modifier_names))):
            assert match.entry is not None
            if head.ent_type_ == "PERSON" and (match.start >= syntax.name_start(head) or match.end == head.i):
                continue  # "President Omar Hassan al-Bashir": "Omar Hassan" is part of the name, not a modifier
            if n and modifier_names[n - 1].end == match.start and self._match_country(modifier_names[n - 1]):
                continue  # "Croatian Serb refugees", "Bosnian Croat forces": the first says where they live
            country = self._match_country(match)
            if country:
                return country
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in syntax.pobj_tokens(child):
                    inner = self._phrase(pobj)
                    if inner is not None and inner.ref.country:
                        return inner.ref.country
        return self._base_country(head)

    def _base_country(self, head: Token) -> str | None:
        """Where a group is based: "a London-based rights group", "a terror group based in Trinidad"."""
        for child in head.children:
            if child.lemma_.lower() not in ("base", "based") or child.dep_ not in ("amod", "acl", "compound"):
                continue
            for part in child.subtree:
                match = self._name_at.get(part.i)
                if match is not None and part.i != child.i:
                    return self._match_country(match)
        return None

    def _other_country(self, head: Token, own: str) -> str | None:
        """The one country other than ``own`` that the sentence names (else the document's), for an ethnic
        group living outside its kin state: "ethnic Albanians demonstrated in Serbia"."""
        countries = {self._match_country(m) for m in _within(self._name_at, head.sent.start, head.sent.end)}
        countries = {c for c in countries if c in self.kb.countries and c != own}
        if len(countries) == 1:
            return countries.pop()
        return self._main if self._main != own else None

    def _employer(self, head: Token, names: list[Match], agents: list[Match]) -> tuple[str | None, str] | None:
        """An international organisation a titled person works for, named before the title ("UN envoy X",
        "NATO Secretary-General Y"): its code and sector."""
        if not agents:
            return None
        for match in names:
            role = match.entry.role_at(self.date) if match.entry else None
            if role is not None and self._is_igo(role.country, role.sector):
                if match.start <= agents[0].start:
                    return role.country, _first_sector(agents) or "GOV"
        return None

    def _titled_antecedent(self, head: Token, sector: str) -> _Resolved | None:
        """The person a bare definite title refers back to ("the minister", "the president"): the latest
        named person of the same sector in this or the two sentences before, when only "the" modifies it."""
        if [c.lower_ for c in head.children if c.dep_ not in ("punct", "cc", "conj", "relcl", "acl")] != ["the"]:
            return None  # "the president of Armenia" says whose
        first = head.sent.start
        for _ in range(2):
            if first > 0:
                first = self.doc[first - 1].sent.start
        for candidate in reversed(self._antecedents):
            if first <= candidate.head < head.i and candidate.kind == "person" and candidate.ref.sector == sector:
                if candidate.ref.name is not None:
                    return candidate
        return None

    def _is_organisation(self, country: str | None) -> bool:
        """An IGO, NGO or transnational group code in the country slot ("UNO", "NATO", "NGO")."""
        return country is not None and country not in self.kb.countries

    def _is_igo(self, country: str | None, sector: str | None) -> bool:
        """An international organisation's code and a sector of its function ("UNO" GOV), not an NGO or a
        transnational militant group: its staff act for it ("UN envoy X")."""
        return self._is_organisation(country) and sector not in ("NGO", "REB")

    def _country_left(self, head: Token) -> str | None:
        """The country a group is said to be made to leave, where it lived: "West Africans ordered out of
        Nigeria", "Kurds expelled from Iraq"."""
        holders = [head]
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in self._words.partitive:
            holders.append(head.head.head)  # "thousands of Kurds driven out of Iraq"
        for clause in (c for h in holders for c in h.children if c.dep_ == "acl"):
            for prep in (c for c in clause.children if c.dep_ == "prep"):
                inner = [prep] if prep.lower_ == "from" else [p for p in prep.children if p.dep_ == "prep" and p.lower_ == "of"]
                for pobj in (t for p in inner if prep.lower_ in ("from", "out") for t in syntax.pobj_tokens(p)):
                    match = self._place_match(pobj)
                    country = self._match_country(match) if match is not None else None
                    if country in self.kb.countries:
                        return country
        return None

    def _is_kin_group(self, head: Token) -> bool:
        """A people named as an ethnic group or a nation's movement ("ethnic Albanians", "Serb nationalists"),
        who may live outside the state their name gives."""
        return syntax.is_ethnic(head) or syntax.is_kin_movement(head, self._words.kin_movement)

    def _owner_country(self, head: Token) -> str | None:
        """The country of the party a possessive pronoun refers to ("Mali's leader announced that his government
        will…": Mali's government)."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                resolved = self._pronoun(child)
                if resolved is not None and resolved.ref.country in self.kb.countries:
                    return resolved.ref.country
        return None

    def _placed_in(self, head: Token) -> str | None:
        """The country an unnamed group's own phrase places it in: "security forces in Guinea", "parties to the
        conflict in Iraq", "police from Chad" (a place in its "in" or "from" phrase, or in the "in" phrase of what its
        "to"/"of" phrase names)."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in ("in", "to", "of", "from"):
                continue
            for pobj in syntax.pobj_tokens(child):
                # "workers from new EU countries", "police from Chad": where they come from
                match = self._place_match(pobj) if child.lower_ in ("in", "from") else self._place_within(pobj)
                country = self._match_country(match) if match is not None else None
                if country in self.kb.countries:
                    return country
        return None

    def _place_within(self, token: Token) -> Match | None:
        """The named place of a noun's own "in" phrase ("the conflict in Iraq" → Iraq)."""
        for pobj in syntax.prep_objects(token, ("in",)):
            match = self._place_match(pobj)
            if match is not None:
                return match
        return None

    def _residence(self, head: Token) -> str | None:
        """The country a people is said to live in: "Albanians of southern Serbia", "Kurds in Syria"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                for pobj in syntax.pobj_tokens(child):
                    match = self._place_match(pobj)
                    if match is not None:
                        return self._match_country(match)
        return None

    def _home_country(self, token: Token, fallback: bool = True) -> str | None:
        """Where an unnamed domestic actor ("police", "militias") is from: the only country its
        sentence names outside other noun phrases; where it names several, the only one named as the scene of
        its own clause (see ``_is_scene``), unless the actor is the subject of a verb of saying; else (with
        ``fallback``) the document's main country.

        "X welcomed South African leader Y": "South African" belongs to Y, so says nothing about X.
        """
        sent = token.sent
        own = {t.i for t in syntax.phrase_tokens(token)}
        verb = syntax.clause_verb(token)
        countries = set()
        placed = set()  # countries named as where something happens ("sent teams into Libya")
        for match in _within(self._name_at, sent.start, sent.end):
            root = self.doc[match.end - 1]
            if _names_scene_noun(root):
                root = root.head  # "in Kandahar province", "in a West Bank refugee camp": the place is the scene
            elif root.dep_ in ("amod", "compound", "poss", "nmod") and root.head.i not in own:
                continue
            countries.add(self._match_country(match))
            if _is_scene(root, verb):
                placed.add(self._match_country(match))
        countries = {c for c in countries if c in self.kb.countries}
        placed &= countries
        if len(countries) == 1:
            return countries.pop()
        if len(placed) == 1 and not syntax.is_speaking_subject(token, self._words.saying):
            # several named: the one where it happens ("US teams … into Libya … the rebel forces"); who reports it
            # ("…, military sources said") is no more of that place than of any other
            return placed.pop()
        return self._main if fallback else None

    def _armed_group_country(self, head: Token) -> str | None:
        """Where an unnamed rebel or armed group ("Communist rebels", "insurgents", "gunmen") is from: as for any
        domestic actor (:meth:`_home_country`), but a country its own clause names only as the nationality of
        people often abroad ("freed the Italian hostages", "release a kidnaped Peace Corps volunteer": the
        ``visitor`` words) is no evidence, and the document's main country is counted without those mentions: a
        group takes the country where it acts or the one the document is about, not its foreign victims'. The
        forces or people of a state it meets do speak for it ("surrendered to Colombian forces")."""
        country = self._home_country(head, fallback=False)
        if country is not None:
            return country
        return self._dateline_country or self._count_main_country(skip=self._others_nationality(head))

    def _others_nationality(self, head: Token) -> set[int]:
        """The starts of the names that, in ``head``'s clause or a clause under it, only give the nationality of people
        often abroad: an adjective, compound or possessive on a ``visitor`` noun ("American aid workers", "Peace Corps
        volunteer")."""
        own = {t.i for t in syntax.phrase_tokens(head)}
        verb = syntax.clause_verb(head)
        sent = head.sent
        found = set()
        for match in _within(self._name_at, sent.start, sent.end):
            root = self.doc[match.end - 1]
            if root.dep_ not in ("amod", "compound", "poss", "nmod") or root.head.i in own or root.i in own:
                continue
            if root.head.lemma_.lower() not in self._words.visitor:
                continue  # "surrendered to Colombian forces", "killed Iraqi demonstrators": of the group's country
            if verb.i == syntax.clause_verb(root).i or verb.is_ancestor(root):
                found.add(match.start)
        return found

    def _match_country(self, match: Match) -> str | None:
        """The country of a named match at the document's date; a city whose namesake lies in the one other
        country its sentence names is that one ("Tripoli … the north Lebanese port": Lebanon's Tripoli)."""
        assert match.entry is not None
        country = match.entry.country_at(self.date)
        if match.entry.alternates:
            sent = self.doc[match.start].sent
            named = {
                m.entry.country_at(self.date) for m in _within(self._name_at, sent.start, sent.end)
                if m.entry is not None and not m.entry.alternates and not m.entry.place
            }
            rivals = [c for c in match.entry.alternates if c in named]
            if country not in named and len(rivals) == 1:
                return rivals[0]
        return country

    def _pronoun(self, token: Token) -> _Resolved | None:
        """The last compatible actor before a pronoun (simple recency)."""
        wanted = syntax.PRONOUNS.get(token.lower_)
        if wanted is None:
            return None
        if wanted == "own":
            return self._first_person(token)
        earliest_sent = token.sent.start
        if token.sent.start > 0:
            earliest_sent = self.doc[token.sent.start - 1].sent.start
        bound = syntax.clause_subjects(token)  # "Trump called Erdogan and urged him": him is not Trump
        compatible = [
            c for c in reversed(self._antecedents)
            if c.head < token.i and c.ref.start < token.idx and _agrees(wanted, c) and c.head not in bound
        ]
        if not compatible:
            return None
        # Centering: a subject pronoun most often continues the previous subject.
        recent_subjects = [c for c in compatible if c.subject and c.head >= earliest_sent]
        chosen = recent_subjects[0] if recent_subjects and token.dep_ in syntax.SUBJECT_DEPS else compatible[0]
        ref = replace(chosen.ref, text=token.text, start=token.idx, end=token.idx + len(token.text))
        return _Resolved(ref, chosen.kind, token.i)

    def _first_person(self, token: Token) -> _Resolved | None:
        """"we"/"us"/"our" is the issuer of the statement, not the latest subject: the speaker found
        for an earlier "we", else the first organisation subject of a verb of saying, else the first
        organisation subject, else the nearest organisation before it."""
        chosen = self._speaker if self._speaker is not None and self._speaker.head < token.i else None
        if chosen is None:
            compatible = [
                c for c in self._antecedents
                if c.head < token.i and c.ref.start < token.idx and _agrees("own", c) and c.ref.text.lower() not in syntax.PRONOUNS
            ]
            subjects = [c for c in compatible if c.subject]
            speaking = [c for c in subjects if syntax.is_speaking_subject(self.doc[c.head], self._words.saying | self._words.announcing)]
            pool = speaking or subjects or compatible[::-1]
            if not pool:
                return None
            chosen = pool[0]
            self._speaker = chosen
        ref = replace(chosen.ref, text=token.text, start=token.idx, end=token.idx + len(token.text))
        return _Resolved(ref, chosen.kind, token.i)

    def _ref(self, start: int, end: int, name: str | None, country: str | None, sector: str | None) -> ActorRef:
        span = self.doc[start:end]
        return ActorRef(
            text=span.text,
            name=name,
            country=country,
            sector=sector,
            start=span.start_char,
            end=span.end_char,
        )

    def _count_main_country(self, skip: set[int] | frozenset[int] = frozenset()) -> str | None:
        """The country named most often (earliest on ties), the names starting at ``skip`` left out."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        seen: set[Match] = set()
        for match in self._name_at.values():
            if match in seen or match.entry is None or match.start in skip:
                continue
            seen.add(match)
            country = match.entry.country_at(self.date)
            if country in self.kb.countries:
                counts[country] += 1
                first.setdefault(country, match.start)
                first[country] = min(first[country], match.start)
        if not counts:
            return None
        return min(counts, key=lambda c: (-counts[c], first[c]))


# ---- helpers on matches and resolved refs (token structure: whimbrel.actors.syntax) ----------------


def _adjective_sense(doc: Doc, match: Match, adjective_only: frozenset[str]) -> bool:
    """"an official protest": the adjective, not an official."""
    return match.end - match.start == 1 and doc[match.start].tag_ == "JJ" and doc[match.start].lower_ in adjective_only


def _is_acronym(token: Token) -> bool:
    """An organisation's initials the tagger took for a common noun ("ICE returned…", "DHS said")."""
    return token.is_alpha and token.is_upper and 2 <= len(token.text) <= 6


def _is_inner_capital(token: Token) -> bool:
    """A capitalised word inside a sentence, not its first: a name's part the tagger missed ("the LetUsSpeak
    movement")."""
    return token.is_alpha and token.text[:1].isupper() and token.i != token.sent.start and token.pos_ != "DET"


def _is_people(head: Token) -> bool:
    """A plural nationality or ethnic name heading its phrase ("Kurds", "the Tamils")."""
    return head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS")


def _by_token(matches: list[Match]) -> dict[int, Match]:
    return {i: m for m in matches for i in range(m.start, m.end)}


def _within(by_token: dict[int, Match], lo: int, hi: int) -> list[Match]:
    found: list[Match] = []
    for i in range(lo, hi):
        match = by_token.get(i)
        if match is not None and match.start >= lo and match.end <= hi and match not in found:
            found.append(match)
    return found


def _first_sector(matches: list[Match]) -> str | None:
    return next((m.sector for m in matches if m.sector), None)


def _agrees(wanted: str, candidate: _Resolved) -> bool:
    if wanted == "person":
        return candidate.kind == "person"
    if wanted == "group":
        return candidate.kind in ("plural", "org") and (candidate.ref.sector is not None or candidate.kind == "plural")
    if wanted == "org":
        return candidate.kind == "org"
    return candidate.kind in ("org", "plural") and candidate.ref.sector is not None  # we/our: an organisation


def _same_as_any(ref: ActorRef, others: list[ActorRef]) -> bool:
    """A pronoun standing for one of ``others`` ("Uzbekistan agreed to open its borders": its is Uzbekistan)."""
    if ref.text.lower() not in syntax.PRONOUNS:
        return False
    return any(o.name == ref.name and o.country == ref.country and o.sector == ref.sector for o in others)


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    """Refs in order without repeats, pieces of another ref ("al" in "…bin Khalifa al-Thani") or punctuation."""
    seen: set[tuple[int, int, str | None]] = set()
    out = []
    for ref in refs:
        if not any(c.isalnum() for c in ref.text):
            continue
        if any(o.start <= ref.start and ref.end <= o.end and (o.start, o.end) != (ref.start, ref.end) for o in refs):
            continue
        if (ref.start, ref.end, ref.country) not in seen:  # one phrase may stand for several countries' parties
            seen.add((ref.start, ref.end, ref.country))
            out.append(ref)
    return out


def _names_scene_noun(token: Token) -> bool:
    """A place name compounded with the object of a scene preposition ("in Kandahar province", "in a West Bank
    refugee camp")."""
    head = token.head
    return (
        token.dep_ == "compound" and token.ent_type_ in ("GPE", "LOC") and head.dep_ == "pobj"
        and head.head.lower_ in _SCENE_PREPS and head.pos_ in ("NOUN", "PROPN")
    )


def _is_scene(place: Token, verb: Token) -> bool:
    """Whether a named place is where ``verb``'s clause happens: the object (or a conjunct of it) of an "in"/
    "into"/"across"… phrase on that verb or on the verb it completes ("sent teams into Libya in a rush to
    investigate X"), or the place a "where" clause hangs on ("into Libya, where militiamen attacked"). A phrase on another
    verb is not ("Syrians who fled into Turkey and Jordan were attacked by militiamen")."""
    while place.dep_ == "conj" and place.head.i != place.i:
        place = place.head
    if verb.dep_ == "relcl" and verb.head.i == place.i:
        return True
    if place.dep_ != "pobj" or place.head.lower_ not in _SCENE_PREPS:
        return False
    at = syntax.clause_verb(place.head)
    governing = syntax.clause_verb(verb.head) if verb.dep_ in ("xcomp", "advcl", "conj", "acl") else verb
    return at.i in (verb.i, governing.i)
