"""Reading an amount as written ("more than 450", "tens of thousands", "a dozen") as one integer.

The rules, all in ``data/numbers_lexicon.json``: lower bounds stand for the amount ("more than
450" → 450, "at least 12" → 12), as ACLED codes them; "up to 30" / "as many as 30" → 30, the
only figure given; upper bounds without a floor ("fewer than 10") → None; ranges take their
lower end ("20 to 30" → 20); vague plurals take ACLED's values ("dozens" → 12, "hundreds" →
100, "tens of thousands" → 10,000); "several" → 3; words with no magnitude ("some", "many")
→ None.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

_RANGE = re.compile(r"^between (.+?) and (.+)$|^(.+?) (?:to|or|-|–) (.+)$")
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The number word lists bundled in ``data/numbers_lexicon.json``."""
    text = resources.files("whimbrel.data").joinpath("numbers_lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


def parse_amount(text: str) -> int | None:
    """The integer an amount phrase stands for, or None when it gives no usable magnitude."""
    words = _normalize(text)
    if not words:
        return None
    lex = lexicon()
    if words in lex["no_magnitude"]:
        return None
    words = _strip_modifier(words)
    if words is None:
        return None
    ranged = _RANGE.match(words)
    if ranged:
        first, second = ranged.group(1) or ranged.group(3), ranged.group(2) or ranged.group(4)
        low, high = _read(first), _read(second)
        if low is not None and high is not None:
            scale = _trailing_scale(second)
            if scale and _trailing_scale(first) is None and low * scale <= high:
                low *= scale  # "20 to 30 thousand": the scale written once applies to both ends
            return min(low, high)
    return _read(words)


def _normalize(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 5,000 → 5000
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # twenty-five → twenty five
    text = re.sub(r"(?<=\d)-(?=\d)", " - ", text)
    text = re.sub(r"(?<=\d)(k|m|mn)\b", r" \1", text)
    text = re.sub(r"[^\w.' -]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .")


def _strip_modifier(words: str) -> str | None:
    modifiers = lexicon()["modifiers"]
    for modifier in sorted(modifiers, key=len, reverse=True):
        if words.startswith(modifier + " ") and len(words) > len(modifier) + 1:
            if modifiers[modifier] == "drop":
                return None
            return _strip_modifier(words[len(modifier) + 1 :])
    return words


def _trailing_scale(words: str) -> int | None:
    last = words.split(" ")[-1]
    return lexicon()["scales"].get(last)


def _read(words: str) -> int | None:
    """Read number words and digits from the start of ``words``; stop at the first other word."""
    lex = lexicon()
    units, scales, vague = lex["units"], lex["scales"], lex["vague"]
    parts = words.split(" ")
    if parts and parts[0] in ("no", "none", "nobody", "zero"):
        return 0
    total, current, seen = 0.0, 0.0, False
    i = 0
    while i < len(parts):
        word = parts[i]
        pair = " ".join(parts[i : i + 2])
        triple = " ".join(parts[i : i + 3])
        if triple in vague:
            current = (current or 1) * vague[triple]
            seen, i = True, i + 3
            continue
        if pair in vague:
            current = (current or 1) * vague[pair]
            seen, i = True, i + 2
            continue
        if _DIGITS.match(word):
            current += float(word)
            seen = True
        elif word in ("a", "an", "one") and i + 1 < len(parts) and (parts[i + 1] in scales or parts[i + 1] in ("dozen", "score")):
            current += 1
            seen = True
        elif word == "dozen" or word == "score":
            current = (current or 1) * units[word]
            seen = True
        elif word in units and word not in ("a", "an", "no", "none", "both", "pair", "couple"):
            current += units[word]
            seen = True
        elif word in ("both", "pair", "couple") and not seen:
            current += 2
            seen = True
        elif word in scales and seen:
            current = (current or 1) * scales[word]
            if scales[word] >= 1000:
                total, current = total + current, 0.0
        elif word in vague:
            current = (current or 1) * vague[word]
            seen = True
        elif word in ("and", "of") and seen:
            pass
        else:
            break
        i += 1
    if not seen:
        return None
    value = total + current
    return int(value) if value < 10**10 else None
