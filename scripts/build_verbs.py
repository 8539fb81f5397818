"""Build src/whimbrel/data/verbs.json.gz: the event-trigger lexicon of whimbrel.events.

Sources (read from ``--shared``, default ``../shared/data`` next to the repository):

* ``dictionaries/petrarch2/CAMEO.2.0.txt``: the PETRARCH2 CAMEO verb-pattern dictionary
  (MIT, Open Event Data Alliance). Synonym sets, verb blocks and their patterns are kept.
* ``ontology/CAMEO2PLOVER-2021.txt``: CAMEO code → PLOVER type, mode and contexts
  (PLOVER, CC BY-SA 4.0, Open Event Data Alliance). 01x codes (statements) are left out on
  purpose; 02x appeals take the PLOVER value of the matching 10x demand.
* ``train/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv`` (MIT, NGEC-2025): 4,500 labelled
  synthetic stories, only used as a corpus that attests which nominalisations of dictionary verbs
  are used as event nouns (``the shelling``, ``an invasion``) and in stories of which PLOVER type;
  no text from them is stored.

* ``scripts/verbs_supplement.tsv`` (this repository): verbs the dictionary lacks, each added to a
  named block of it, written as a line of the dictionary's verb list (``urge`` → APPEAL with the block's
  code, ``+ROUND_UP [173]``, ``BATON-CHARGE [175]``; action ``add``), bare verbs whose default code is
  mostly a false trigger on the training data (``went on strike`` is no visit), which keep only their
  block's patterns (action ``patterns-only``), and patterns added to a block (``pattern``) or removed
  from it (``drop-pattern``).

Usage: ``python scripts/build_verbs.py [--shared ../shared/data] [--out src/whimbrel/data/verbs.json.gz]``
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "whimbrel" / "data" / "verbs.json.gz"
SUPPLEMENT = REPO / "scripts" / "verbs_supplement.tsv"

# Actor/role placeholders of PETRARCH patterns ($ source, + target, ^ skip, % compound): no lexical content.
_PLACEHOLDERS = {"$", "+", "^", "%"}
_CODE = re.compile(r"\[([0-9]*|---):?([0-9]*|---)?\]")


@dataclass
class Block:
    """One ``--- NAME [code] ---`` verb synonym block of the dictionary."""

    name: str
    code: str | None
    patterns: list[dict] = field(default_factory=list)


def parse_code(text: str) -> str | None:
    """``[190]`` → "190"; ``[042:043]`` → "042"; ``[:173]`` → "173"; ``[---]`` → None."""
    match = _CODE.search(text)
    if not match:
        return None
    first, second = match.group(1), match.group(2) or ""
    code = first if first and first != "---" else second
    return code if code and code != "---" else None


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def words_of(phrase: str) -> list[str]:
    """``FIGHTER_&AIRCRAFT`` / ``AIR_STRIKE`` → lowercased words (synset references kept as ``&name``)."""
    return [w.lower() for w in phrase.replace("_", " ").split() if w]


def plural(word: str) -> str:
    """Regular plural as PETRARCH generates it for synset phrases."""
    if word.endswith("ss"):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def parse_synsets(lines: list[str]) -> dict[str, list[list[str]]]:
    """``&NAME`` followed by ``+PHRASE`` lines → name → list of phrases (word lists, head last)."""
    synsets: dict[str, list[list[str]]] = {}
    current: str | None = None
    no_plural = False
    for raw in lines:
        line = strip_comment(raw).strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if not line:
            continue
        if line.startswith("&"):
            label = line.split()[0]
            no_plural = label.endswith("_")
            current = label.lstrip("&").rstrip("_").lower()
            synsets[current] = []
        elif line.startswith("+") and current:
            phrase = line[1:].strip()
            keep_singular = no_plural or phrase.endswith("_")
            words = words_of(phrase.rstrip("_"))
            if not words:
                continue
            synsets[current].append(words)
            if not keep_singular:
                synsets[current].append(words[:-1] + [plural(words[-1])])
    return synsets


def tokenize_pattern(body: str) -> list[str]:
    """Split a pattern body into tokens, keeping ``{...}`` phrases and ``(...)`` groups whole."""
    tokens: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch.isspace():
            i += 1
        elif ch in "{(":
            close = "}" if ch == "{" else ")"
            depth, j = 0, i
            while j < len(body):
                if body[j] in "{(":
                    depth += 1
                elif body[j] in "})":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            tokens.append(body[i : j + 1])
            i = j + 1
            del close
        else:
            j = i
            while j < len(body) and not body[j].isspace() and body[j] not in "{(":
                j += 1
            tokens.append(body[i:j])
            i = j
    return tokens


def alternatives(token: str) -> list[list[str]]:
    """A pattern noun (``WORD``, ``A/B``, ``{MOD HEAD}``, ``&SYNSET``) → word lists, head last."""
    if token.startswith("{"):
        return [words_of(token[1:-1])]
    return [words_of(part) for part in token.split("/") if part]


def parse_element(token: str) -> dict | None:
    """One pattern element: ``{"prep": str|None, "alts": [[mods..., head], ...] | []}``."""
    if token in _PLACEHOLDERS or not token:
        return None
    if token.startswith("("):
        inner = tokenize_pattern(token[1:-1])
        inner = [t for t in inner if t not in _PLACEHOLDERS]
        if not inner:
            return None
        prep = inner[0].lower()
        alts = [a for t in inner[1:] for a in alternatives(t) if a]
        return {"prep": prep, "alts": alts}
    alts = [a for a in alternatives(token.strip("$+^%")) if a]
    return {"prep": None, "alts": alts} if alts else None


def parse_pattern(line: str) -> dict | None:
    """``- PRE * POST [code]`` → ``{"pre": [...], "post": [...], "code": str|None, "spec": int}``."""
    body = strip_comment(line)[1:]
    match = re.search(r"\[[^\]]*\]", body)
    if not match or "*" not in body[: match.start()]:
        return None
    code = parse_code(match.group(0))
    left, right = body[: match.start()].split("*", 1)
    pre = [e for e in (parse_element(t) for t in tokenize_pattern(left)) if e]
    post = [e for e in (parse_element(t) for t in tokenize_pattern(right)) if e]
    if not pre and not post:
        return None
    spec = sum(1 + max((len(a) for a in e["alts"]), default=0) - (e["prep"] is None) for e in pre + post)
    return {"pre": pre, "post": post, "code": code, "spec": spec}


def parse_verb_line(line: str) -> tuple[str, list[str], list[str], str | None] | None:
    """A synonym line → (lemma, words before, words after, own code). None for unusable lines."""
    text = strip_comment(line)
    explicit_null = bool(re.search(r"\[---\]", text))
    own = parse_code(text) if "[" in text else None
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text).strip()
    text = text.split(";", 1)[0].strip()
    if not text:
        return None
    phrase = text.split()[0]
    parts = phrase.split("_")
    if explicit_null:
        own = "---"  # the verb alone is explicitly no event, whatever its block's code
    if len(parts) == 1:
        return phrase.lower().lstrip("+"), [], [], own
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    if not marked:
        return None
    k = marked[0]
    words = [p.lstrip("+").lower() for p in parts]
    if any(w in ("and", "or") for w in words):
        return None  # coordination hacks such as KILLED_AND: handled by the parser's conj instead
    return words[k], words[:k], words[k + 1 :], own


def parse_dictionary(path: Path) -> tuple[dict, list[Block], dict[str, list[dict]]]:
    """Parse CAMEO.2.0.txt into synsets, blocks and verb entries (lemma → entries)."""
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets = parse_synsets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    blocks: list[Block] = []
    verbs: dict[str, list[dict]] = collections.defaultdict(list)
    for raw in lines[start + 1 :]:
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("~"):
            continue
        if line.startswith("---"):
            header = line.strip("- ").split("[")[0].strip()
            blocks.append(Block(name=header, code=parse_code(line)))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        if line.startswith("-"):
            pattern = parse_pattern(line)
            if pattern:
                block.patterns.append(pattern)
            continue
        parsed = parse_verb_line(line)
        if parsed is None:
            continue
        lemma, before, after, own = parsed
        code = None if own == "---" else (own or block.code)
        verbs[lemma].append({"block": len(blocks) - 1, "code": code, "before": before, "after": after})
    return synsets, blocks, verbs


def add_supplement(path: Path, blocks: list[Block], verbs: dict[str, list[dict]]) -> None:
    """Apply each ``lemma<TAB>block name<TAB>action`` line of ``path``: ``add`` puts the lemma in that
    block, the first field read as a line of the dictionary's own verb list (``urge``, ``+ROUND_UP
    [173]``, ``BATON-CHARGE [175]``: particles and an own code, else the block's code);
    ``patterns-only`` takes the default code from the lemma's bare entry (no particle) in that block, so
    only the block's patterns (the verb with its arguments) code it; ``pattern`` appends the first field,
    a pattern in the dictionary's own syntax (``- * UP PROTEST [175]``), to the block's patterns, after
    the dictionary's (so it wins their ties); ``drop-pattern`` removes that pattern from the block."""
    by_name = {b.name: i for i, b in enumerate(blocks)}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, name, action = line.split("\t")[:3]
        index = by_name[name]
        if action in ("pattern", "drop-pattern"):
            pattern = parse_pattern(lemma)
            if pattern is None:
                raise ValueError(f"{path.name}: unreadable pattern {lemma!r}")
            if action == "pattern":
                blocks[index].patterns.append(pattern)
            elif pattern in blocks[index].patterns:
                blocks[index].patterns = [p for p in blocks[index].patterns if p != pattern]
            else:
                raise ValueError(f"{path.name}: block {name} has no pattern {lemma!r}")
        elif action == "add":
            _add_verb(path, lemma, index, blocks, verbs)
        elif action == "patterns-only":
            bare = [e for e in verbs.get(lemma, []) if e["block"] == index and not e["before"] and not e["after"]]
            if not bare:
                raise ValueError(f"{path.name}: {lemma!r} has no bare entry in block {name}")
            for entry in bare:
                entry["code"] = None
        else:
            raise ValueError(f"{path.name}: unknown action {action!r} for {lemma!r}")


def _add_verb(path: Path, line: str, index: int, blocks: list[Block], verbs: dict[str, list[dict]]) -> None:
    """Put the verb of one dictionary verb-list ``line`` into block ``index`` (unless it is there already)."""
    parsed = parse_verb_line(line)
    if parsed is None:
        raise ValueError(f"{path.name}: unreadable verb {line!r}")
    lemma, before, after, own = parsed
    code = None if own == "---" else (own or blocks[index].code)
    entry = {"block": index, "code": code, "before": before, "after": after}
    if not any(e["block"] == index and e["before"] == before and e["after"] == after for e in verbs.get(lemma, [])):
        verbs[lemma].append(entry)


def parse_plover(path: Path) -> dict[str, list]:
    """CAMEO2PLOVER → code → [type, mode|None, [contexts]]; 02x filled from 10x."""
    table: dict[str, list] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.match(r"^(\d{3,4}):\s*(.*)$", line)
        if not match:
            continue
        code, rest = match.groups()
        parts = [p.strip() for p in rest.split(",")]
        parts += [""] * (3 - len(parts))
        kind, mode = parts[0], parts[1] or None
        contexts = [c.strip() for c in ",".join(parts[2:]).split(";") if c.strip()]
        table.setdefault(code, [kind, mode, contexts])
    for code, value in list(table.items()):
        if code.startswith("10"):
            table.setdefault("02" + code[2:], value)
    return table


def nominal_candidates(lemma: str) -> set[str]:
    """Possible nominalisations of a verb lemma by English derivation rules."""
    out = {lemma + "ing", lemma + "ment", lemma + "al"}
    stem_e = lemma[:-1] if lemma.endswith("e") else lemma
    out |= {stem_e + "ing", stem_e + "ion", stem_e + "ation", stem_e + "al", lemma + "ion", lemma + "ation"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        out.add(lemma + lemma[-1] + "ing")  # shell → shelling is regular; stab → stabbing doubles
    if lemma.endswith("ate"):
        out.add(lemma[:-1] + "ion")
    if lemma.endswith("de"):
        out |= {lemma[:-2] + "sion"}  # invade → invasion, explode → explosion
    if lemma.endswith("t"):
        out.add(lemma + "ion")
    if lemma.endswith("en"):
        out.add(lemma[:-2])  # threaten → threat
    if lemma.endswith("ize") or lemma.endswith("ise"):
        out.add(lemma[:-1] + "ation")
    if lemma.endswith("y"):
        out.add(lemma[:-1] + "ication")
    if lemma.endswith("ure") or lemma.endswith("ze"):
        out.add(lemma)
    if lemma.endswith("ize"):
        out.add(lemma[:-3] + "ure")  # seize → seizure
    if lemma.endswith("ain"):
        out.add(lemma[:-3] + "ention")  # detain → detention
    if lemma.endswith("draw"):
        out.add(lemma + "al")
    if lemma.endswith("mn"):
        out.add(lemma + "ation")  # condemn → condemnation
    if lemma.endswith("ounce"):
        out.add(lemma[:-5] + "unciation")  # denounce → denunciation
    if lemma.endswith("ect"):
        out.add(lemma + "ion")
    return out - {lemma}


_NOUN_CONTEXT = r"\b(?:the|a|an|its|their|his|her|this|that|these|those|of|new|recent|further)\s+(?:[a-z-]+\s+)?({})(?:s|es)?\b"


def labelled_stories(shared: Path) -> list[tuple[str, str]]:
    """(lowercased text, PLOVER label) of the NGEC synthetic stories: a corpus that says which
    nominalisations are used as nouns, and in stories of which event type."""
    csv.field_size_limit(sys.maxsize)
    path = shared / "train" / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row["text"].lower(), row["label"]) for row in csv.DictReader(handle)]


def noun_document_counts(candidates: set[str], stories: list[tuple[str, str]]) -> dict[str, collections.Counter]:
    """Candidate noun → Counter of story labels over the stories using it after a determiner."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_first: dict[str, list[str]] = collections.defaultdict(list)
    for c in candidates:
        by_first[c[:2]].append(c)
    patterns = [
        re.compile(_NOUN_CONTEXT.format("|".join(sorted(map(re.escape, g), key=len, reverse=True))))
        for g in by_first.values()
    ]
    for text, label in stories:
        found = {m.group(1) for p in patterns for m in p.finditer(text)}
        for noun in found:
            counts[noun][label] += 1
    return counts


def plover_of(code: str | None, plover: dict[str, list]) -> list | None:
    """PLOVER entry of a CAMEO code, trying its parents when the exact code is missing."""
    while code:
        if code in plover:
            return plover[code]
        code = code[:3] if len(code) > 3 else (code[:2] + "0" if code[2:] != "0" else None)
    return None


# Nouns that the derivation rules reach from a dictionary verb but that name things, not
# events (depart → department, govern → government); the corpus test alone lets some through.
_FALSE_FRIENDS = frozenset(
    "department government institution constitution foundation organisation organization "
    "regulation information equipment management legislation direction height goal head "
    "department station task table value bill chain ring figure train institute canal coming lead "
    "hold shell impact free relation provision supply increase increasing expanding governing "
    "establishment recognize allow allowing permit need respect".split()
)


def pattern_nouns(blocks: list[Block]) -> set[str]:
    """Head nouns the dictionary's own patterns use (``STAGE * ATTACK``, ``(IN CLASH)``)."""
    return {
        alt[-1]
        for block in blocks
        for pattern in block.patterns
        for element in pattern["pre"] + pattern["post"]
        for alt in element["alts"]
        if not alt[-1].startswith("&")
    }


def build_nouns(
    blocks: list[Block], verbs: dict[str, list[dict]], plover: dict, stories: list[tuple[str, str]],
    min_stories: int = 3, min_lift: float = 1.3,
) -> dict[str, dict]:
    """Noun triggers: coded dictionary verbs used as nouns (``attack``, ``arrest``: only where the
    dictionary's patterns use the word as a noun too) and their nominalisations (``shelling``,
    ``invasion``), kept when the story corpus uses them after a determiner in stories of the
    PLOVER type of the verb's code more often than its base rate (lift). Each noun keeps its verb
    so that the detector can match the noun's arguments against the verb's patterns
    (``the withdrawal of troops`` as ``withdraw * troops``); modifier-specific codes
    (``{HUNGER STRIKE} [142]``) are voted from the patterns.

    Returns noun → {"verb": lemma, "code": str, "mods": {modifier: code}}.
    """
    used_as_noun = pattern_nouns(blocks)
    derived: dict[str, tuple[str, str]] = {}  # noun form → (verb lemma, default code)
    for lemma, entries in verbs.items():
        codes = [e["code"] for e in entries if e["code"] and not e["before"] and not e["after"]]
        if not codes or not plover_of(codes[0], plover) or len(lemma) < 4:
            continue
        forms = nominal_candidates(lemma) | ({lemma} if lemma in used_as_noun else set())
        for form in forms - _FALSE_FRIENDS:
            if form not in verbs or form == lemma:
                derived.setdefault(form, (lemma, codes[0]))
    counts = noun_document_counts(set(derived), stories)
    total = collections.Counter(label for _, label in stories)
    n = sum(total.values())
    nouns: dict[str, dict] = {}
    for noun, (lemma, code) in derived.items():
        seen = counts.get(noun)
        kind = plover_of(code, plover)[0]
        if not seen or sum(seen.values()) < min_stories or not total[kind]:
            continue
        lift = (seen[kind] / sum(seen.values())) / (total[kind] / n)
        if lift >= min_lift and seen[kind] >= 2:
            nouns[noun] = {"verb": lemma, "code": code, "mods": {}}
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for block in blocks:
        for pattern in block.patterns:
            if not pattern["code"] or not plover_of(pattern["code"], plover):
                continue
            for element in pattern["pre"] + pattern["post"]:
                for alt in element["alts"]:
                    if len(alt) == 2 and alt[-1] in nouns and not alt[0].startswith("&"):
                        votes[(alt[-1], alt[0])][pattern["code"]] += 1
    for (noun, mod), counter in sorted(votes.items()):
        nouns[noun]["mods"][mod] = counter.most_common(1)[0][0]
    return nouns


# CAMEO's parallel structure: 03x "express intent to", 10x "demand" and 12x "reject" mirror the cooperative
# families 04–08 (CAMEO 1.1b3 codebook). PETRARCH applies it when a modal or an intent verb
# governs a cooperative verb ("will provide aid" → 033); the detector does the same with this table.
_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "080": "035", "081": "0351", "082": "0352",
           "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
_DEMAND = {"04": "106", "05": "102", "06": "101", "07": "103", "080": "105", "081": "1051", "082": "1052",
           "083": "104", "084": "1053", "085": "1054", "086": "1055", "087": "1056"}


_REJECT = {"04": "125", "05": "120", "06": "121", "07": "122", "080": "124", "081": "1241", "082": "1242",
           "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
           # refusing what one could have promised: "will not accept refugees" (033 → 122)
           "031": "121", "032": "120", "033": "122", "034": "123", "035": "124", "036": "125", "037": "127",
           "038": "126", "039": "126"}


def combinations(plover: dict) -> dict[str, dict[str, str]]:
    """Cooperative code prefix → intent / demand code, with sub-codes carried over where CAMEO has them
    (071 → 0331, 061 → 1011)."""
    out: dict[str, dict[str, str]] = {"intent": dict(_INTENT), "demand": dict(_DEMAND), "reject": dict(_REJECT)}
    for name, table in out.items():
        for code in [c for c in plover if len(c) == 3 and c[:2] in ("06", "07")]:
            target = table[code[:2]] + code[2]
            if code[2] != "0" and target in plover:
                table[code] = target
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    synsets, blocks, verbs = parse_dictionary(args.shared / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt")
    add_supplement(SUPPLEMENT, blocks, verbs)
    plover = parse_plover(args.shared / "ontology" / "CAMEO2PLOVER-2021.txt")
    nouns = build_nouns(blocks, verbs, plover, labelled_stories(args.shared))
    data = {
        "about": {
            "what": "whimbrel event-trigger lexicon, built by scripts/build_verbs.py",
            "verbs": "PETRARCH2 CAMEO.2.0 verb dictionary, MIT License, Copyright (c) 2015 Open Event Data Alliance",
            "plover": "CAMEO2PLOVER-2021 mapping from the PLOVER manual, CC BY-SA 4.0, Open Event Data Alliance",
            "nouns": "dictionary verbs and their nominalisations, kept when the NGEC synthetic stories (MIT, A. Halterman) use them as nouns in stories of the matching PLOVER type",
        },
        "synsets": synsets,
        "blocks": [{"name": b.name, "code": b.code, "patterns": b.patterns} for b in blocks],
        "verbs": verbs,
        "nouns": dict(sorted(nouns.items())),
        "plover": plover,
        "combine": combinations(plover),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        handle.write(payload)
    n_patterns = sum(len(b.patterns) for b in blocks)
    print(
        f"{args.out}: {len(verbs)} verb lemmas, {len(blocks)} blocks, {n_patterns} patterns, "
        f"{len(synsets)} synsets, {len(nouns)} nouns, {len(plover)} CAMEO→PLOVER codes; {args.out.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
