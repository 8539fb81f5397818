"""Normalising names into the word keys shared by the knowledge base and the matcher.

Dictionary phrases ("U.S._STATE_DEPARTMENT", "BAN_KI-MOON") and spaCy tokens ("U.S.",
"Ki", "-", "moon") must meet on the same keys, so both go through :func:`pieces`.
"""

from __future__ import annotations

import re
import unicodedata

_SPLIT = re.compile(r"[\s_\-/–—]+")
_POSSESSIVE = re.compile(r"^(.+?)['’]s$")
_DROP = re.compile(r"[.'’`\"(),:;!?]")


def fold(text: str) -> str:
    """Lowercase and strip accents ("Élysée" → "elysee")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def pieces(text: str) -> list[str]:
    """The word keys of ``text``: folded, split on blanks/underscores/hyphens, dots and quotes dropped."""
    out: list[str] = []
    for part in _SPLIT.split(fold(text)):
        possessive = _POSSESSIVE.match(part)
        words = [possessive.group(1), "s"] if possessive else [part]
        for word in words:
            word = _DROP.sub("", word)
            if word:
                out.append(word)
    return out


def key(text: str) -> str:
    """One string key for a phrase: its pieces joined by blanks."""
    return " ".join(pieces(text))


_NAME_WORD_GAPS = re.compile(r"[\s_\-]+")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?|[^\W\d_]")  # "a.k.", "L.K", "J."


class NameFolding:
    """Spelling-folding of romanised person names (rules from actors/name_folding.tsv): "Sarkisian" and
    "SARKISYAN", "Qaddafi" and "Gaddafi" get one key; a word piece a ``join`` pair matches whole, with the next
    piece matching the pair's second pattern, is first joined to it ("Abdel Aziz", "Abd al-Aziz" and "Abdelaziz"
    are one word)."""

    def __init__(self, rules: list[tuple[str, str]], drop: list[str], join: list[tuple[str, str]] = ()) -> None:
        self.rules = [(re.compile(pattern), replacement) for pattern, replacement in rules]
        self.drop = frozenset(drop)
        self.join = [(re.compile(piece), re.compile(following)) for piece, following in join]

    @classmethod
    def from_data(cls, data: dict) -> NameFolding:
        """The folding stored in actors.json.gz (``{"rules": [[regex, replacement], …], "drop": […],
        "join": [[regex, regex of the next piece], …]}``)."""
        return cls([(p, r) for p, r in data.get("rules", [])], data.get("drop", []),
                   [(p, n) for p, n in data.get("join", [])])

    def word(self, piece: str) -> str:
        """One word piece folded by the rules in order."""
        for pattern, replacement in self.rules:
            piece = pattern.sub(replacement, piece)
        return piece

    def joined(self, words: list[str]) -> list[str]:
        """``words`` with each piece a ``join`` pair matches whole written together with the next one (where the
        next matches the pair's second pattern), again while the result matches ("abd", "al", "aziz" → "abdalaziz")."""
        out: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            while i + 1 < len(words) and any(p.fullmatch(word) and n.fullmatch(words[i + 1]) for p, n in self.join):
                i += 1
                word += words[i]
            out.append(word)
            i += 1
        return out

    def key(self, words: list[str]) -> str:
        """The folded key of a name's word pieces (see :func:`pieces`), dropped particles left out."""
        return " ".join(self.word(w) for w in self.joined(words) if w not in self.drop)

    def full_name(self, name: str) -> bool:
        """Whether ``name`` is a full name, two words of two letters or more besides particles and initials: only
        those are looked up by their folded key, since a lone folded surname or a pair of initials meets
        strangers ("Bukhari" folds to Buhari's key, "p.c." to the PKK's)."""
        words = self.joined([fold(w) for w in _NAME_WORD_GAPS.split(name) if not _INITIALS.fullmatch(w)])
        return sum(1 for w in words if len(w) >= 2 and w not in self.drop) >= 2
