"""Fixtures shared by the test modules: one spaCy pipeline and one dictionary-only event detector
per test session (loading the pipeline is the slowest part of most test modules)."""

from __future__ import annotations

import pytest
import spacy

from whimbrel.config import DEFAULT_SPACY_MODEL
from whimbrel.events.detect import EventDetector


@pytest.fixture(scope="session")
def nlp():
    """The default English pipeline whimbrel parses with."""
    return spacy.load(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="session")
def detector():
    """The event detector with the CAMEO dictionary alone (the learned typer is tested on its own)."""
    return EventDetector(typer=None)
