"""Cue-lemma rules that refine an event's ACLED (and CAMEO) code from the words of its sentence.

The rules and their word lists live in ``data/codes_cues.json``; this module only reads and applies them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

_SKIP = {"-", "–", "—", "‐"}
_SUBJECT_DEPS = {"nsubj", "csubj", "poss"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "obj", "pobj"}
_OBJECT_PREPS = {"on", "against", "at", "upon", "targeting"}
_MODIFIER_DEPS = {"compound", "amod", "nmod"}


def normalise(term: str) -> str:
    """Lower-case a term and read hyphens as spaces: ``Air-strike`` → ``air strike``."""
    return " ".join(term.lower().replace("-", " ").split())


@dataclass(frozen=True)
class Terms:
    """A set of single words and multi-word phrases, matched against lemmas and word forms."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, terms: Iterable[str]) -> Terms:
        """Split normalised terms into single words and phrases."""
        norm = {normalise(t) for t in terms if t.strip()}
        return cls(frozenset(t for t in norm if " " not in t), tuple(sorted(t for t in norm if " " in t)))

    def found_in(self, text: SentenceText) -> bool:
        """Whether any term occurs in the sentence."""
        if self.words & text.words:
            return True
        return any(f" {p} " in seq for p in self.phrases for seq in text.sequences)


@dataclass(frozen=True)
class SentenceText:
    """The words of a span as lemma and word-form sets and padded sequences."""

    words: frozenset[str]
    sequences: tuple[str, ...]

    @classmethod
    def of(cls, tokens: Iterable[Token]) -> SentenceText:
        """Lemmas and lower-case forms of the tokens, hyphens dropped."""
        lemmas: list[str] = []
        forms: list[str] = []
        for tok in tokens:
            if tok.is_space or tok.text in _SKIP:
                continue
            lemmas.append(normalise(tok.lemma_ or tok.text))
            forms.append(normalise(tok.text))
        words = frozenset(w for item in lemmas + forms for w in item.split())
        return cls(words, (f" {' '.join(lemmas)} ", f" {' '.join(forms)} "))


@dataclass(frozen=True)
class CueRule:
    """One refinement: if the sentence holds these cues, the event gets this ACLED code."""

    id: str
    types: frozenset[str]
    acled: tuple[str, str]
    all_of: tuple[Terms, ...] = ()
    none_of: Terms | None = None
    subject: Terms | None = None
    object: Terms | None = None
    except_modes: frozenset[str] = frozenset()
    cameo: dict[str, str] = field(default_factory=dict)  # PLOVER type → CAMEO code the cue implies
    note: str = ""

    def applies(self, event_type: str, mode: str | None, sentence: SentenceText, roles: Roles) -> bool:
        """Whether the rule fires for this event."""
        if event_type not in self.types or (mode or "") in self.except_modes:
            return False
        if not all(group.found_in(sentence) for group in self.all_of):
            return False
        if self.none_of is not None and self.none_of.found_in(sentence):
            return False
        if self.subject is not None and not self.subject.found_in(roles.subject):
            return False
        return self.object is None or self.object.found_in(roles.object)


@dataclass(frozen=True)
class Roles:
    """Words of the trigger's subject and object (with their compound and adjective modifiers)."""

    subject: SentenceText
    object: SentenceText


@dataclass
class CueBook:
    """The ordered cue rules and the lexicons they refer to."""

    rules: list[CueRule]
    lexicons: dict[str, list[str]] = field(default_factory=dict)
    raw_rules: list[dict] = field(default_factory=list)

    @classmethod
    def from_path(cls, path: Path) -> CueBook:
        """Read a cue file (see ``data/codes_cues.json``)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def from_dict(cls, data: dict) -> CueBook:
        """Build the rules, expanding ``@lexicon`` references."""
        lexicons: dict[str, list[str]] = data.get("lexicons", {})

        def expand(terms: Iterable[str]) -> Terms:
            out: list[str] = []
            for term in terms:
                out.extend(lexicons.get(term[1:], []) if term.startswith("@") else [term])  # unknown: see validate()
            return Terms.of(out)

        def role(value: str | list[str] | None) -> Terms | None:
            if value is None:
                return None
            return expand([value] if isinstance(value, str) else value)

        rules = [
            CueRule(
                id=r["id"],
                types=frozenset(r["types"]),
                acled=(r["acled"][0], r["acled"][1]),
                all_of=tuple(expand(group) for group in r.get("all", [])),
                none_of=expand(r["none"]) if r.get("none") else None,
                subject=role(r.get("subject")),
                object=role(r.get("object")),
                except_modes=frozenset(r.get("except_modes", [])),
                cameo=_cameo_by_type(r.get("cameo"), r["types"]),
                note=r.get("note", ""),
            )
            for r in data.get("rules", [])
        ]
        return cls(rules, lexicons, list(data.get("rules", [])))

    def validate(self, acled_types: dict[str, str], cameo_types: dict[str, str]) -> list[str]:
        """Problems with the rules: unknown lexicons, ACLED names, PLOVER types or CAMEO codes."""
        from whimbrel.records.schema import PLOVER_TYPES

        problems: list[str] = []
        for raw in self.raw_rules:
            refs = [t for group in raw.get("all", []) for t in group] + list(raw.get("none", []))
            for key in ("subject", "object"):
                value = raw.get(key)
                refs += [value] if isinstance(value, str) else list(value or [])
            problems += [f"{raw['id']}: unknown lexicon {t}" for t in refs if t.startswith("@") and t[1:] not in self.lexicons]
        for rule in self.rules:
            if acled_types.get(rule.acled[1]) != rule.acled[0]:
                problems.append(f"{rule.id}: unknown ACLED pair {rule.acled}")
            problems += [f"{rule.id}: unknown PLOVER type {t}" for t in rule.types if t not in PLOVER_TYPES]
            for ptype, code in rule.cameo.items():
                if ptype not in rule.types or cameo_types.get(code) != ptype:
                    problems.append(f"{rule.id}: CAMEO {code} is not a {ptype} code")
        return problems

    def first_match(self, event_type: str, mode: str | None, doc: Doc, sentence: Span, trigger_i: int) -> CueRule | None:
        """The first rule that fires for the event, or None."""
        candidates = [r for r in self.rules if event_type in r.types]
        if not candidates:
            return None
        text = SentenceText.of(sentence)
        roles = trigger_roles(doc, trigger_i)
        for rule in candidates:
            if rule.applies(event_type, mode, text, roles):
                return rule
        return None


def _cameo_by_type(value: str | dict[str, str] | None, types: list[str]) -> dict[str, str]:
    """A rule's ``cameo``: one code for all its types, or a code per type."""
    if value is None:
        return {}
    return dict(value) if isinstance(value, dict) else {t: value for t in types}


def trigger_roles(doc: Doc, trigger_i: int) -> Roles:
    """The words of the trigger's subject (agent) and object (patient) from the dependency parse.

    Passive agents (``killed by militias``) count as subjects and passive subjects as objects;
    a verb in coordination without its own subject borrows its head's.
    """
    if not 0 <= trigger_i < len(doc):
        empty = SentenceText.of([])
        return Roles(empty, empty)
    trigger = doc[trigger_i]
    subjects: list[Token] = []
    objects: list[Token] = []
    for child in trigger.children:
        if child.dep_ in _SUBJECT_DEPS:
            subjects.append(child)
        elif child.dep_ in _OBJECT_DEPS:
            objects.append(child)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and trigger.pos_ == "NOUN"):
            subjects += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
            objects += [g for g in child.children if g.dep_ == "pobj"]
    if not subjects and trigger.dep_ == "conj" and trigger.head.i != trigger.i:
        subjects = [c for c in trigger.head.children if c.dep_ in _SUBJECT_DEPS]
    return Roles(_phrase_words(subjects), _phrase_words(objects))


def _phrase_words(heads: list[Token]) -> SentenceText:
    tokens: list[Token] = []
    for head in heads:
        for tok in [head, *head.conjuncts]:
            tokens += [c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS]
            tokens.append(tok)
    return SentenceText.of(tokens)
