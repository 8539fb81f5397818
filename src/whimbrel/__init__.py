"""whimbrel: political text in, event records out.

>>> import whimbrel
>>> events = whimbrel.code_text("Police arrested 40 protesters in Harare on Monday.", date="2024-03-06")
>>> events[0].event_type
'COERCE'
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from whimbrel.config import Config
from whimbrel.reading.document import Document
from whimbrel.records.schema import ActorRef, Event, Evidence, Location

if TYPE_CHECKING:
    from whimbrel.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["ActorRef", "Config", "Document", "Event", "Evidence", "Location", "code_documents", "code_text", "load_pipeline"]


@functools.lru_cache(maxsize=4)
def load_pipeline(config: Config | None = None) -> Pipeline:
    """The pipeline for ``config``, built once per process and reused."""
    from whimbrel.pipeline import Pipeline

    return Pipeline(config)


def code_text(text: str, date: dt.date | str | None = None, config: Config | None = None) -> list[Event]:
    """Code one text published on ``date`` into events."""
    return load_pipeline(config).code_text(text, date=date)


def code_documents(documents: Iterable[Document], config: Config | None = None) -> Iterator[Event]:
    """Code many documents, yielding their events in document order."""
    for _document, events in load_pipeline(config).code_documents(documents):
        yield from events
