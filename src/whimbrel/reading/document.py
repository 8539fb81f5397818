"""The one document type every reader produces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Document:
    """A piece of text to code, with what is known about its publication."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None  # publication date: the anchor for relative dates
    source: str | None = None
    url: str | None = None

    @property
    def full_text(self) -> str:
        """Title and body as one text; evidence offsets refer to this string."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text
