"""The whole pipeline: documents in, event records out.

Stages, in the order the data flows (one package each):
reading → language → events → actors → places → dates, numbers → codes → records → output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from whimbrel.actors.resolve import ActorResolver
from whimbrel.actors.restated import merged_participants
from whimbrel.codes.table import CodeTable
from whimbrel.config import Config
from whimbrel.dates.resolve import is_historical, resolve_event_date
from whimbrel.events.detect import EventDetector
from whimbrel.language.analysis import load_nlp, split_long_text
from whimbrel.numbers.counts import extract_counts
from whimbrel.places.event_place import event_location
from whimbrel.places.geoparse import Geoparser
from whimbrel.reading.document import Document
from whimbrel.records.assemble import assemble_event
from whimbrel.records.schema import Event


class Pipeline:
    """Loads every stage once; codes any number of documents."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.nlp = load_nlp(self.config.spacy_model)
        self.detector = EventDetector() if self.config.event_model else EventDetector(typer=None)
        self.actors = ActorResolver()
        self.geoparser = Geoparser()
        self.codes = CodeTable.load()

    def code_documents(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Code documents in order, yielding each with its events (possibly none)."""
        docs = iter(documents)
        pieces = (piece for document in docs for piece in self._pieces(document))
        current: Document | None = None
        events: list[Event] = []
        for spacy_doc, (offset, document) in self.nlp.pipe(pieces, as_tuples=True, batch_size=self.config.batch_size):
            if current is not None and document is not current:
                yield current, events
                events = []
            current = document
            events.extend(self._code_parsed(spacy_doc, document, offset, first_index=len(events)))
        if current is not None:
            yield current, events

    def code_text(self, text: str, date: dt.date | str | None = None, doc_id: str = "text") -> list[Event]:
        """Code one text; ``date`` is its publication date."""
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        document = Document(id=doc_id, text=text, date=date)
        return next(iter(self.code_documents([document])))[1]

    def _pieces(self, document: Document) -> Iterator[tuple[str, tuple[int, Document]]]:
        for offset, piece in split_long_text(document.full_text, self.config.max_chars):
            yield piece, (offset, document)

    def _code_parsed(self, doc: Doc, document: Document, offset: int, first_index: int) -> list[Event]:
        mentions = self.detector.detect(doc)
        if not mentions:
            return []
        doc_actors = self.actors.for_document(doc, document.date)
        toponyms = self.geoparser.toponyms(doc, country_hint=doc_actors.main_country(), streets=True)
        events = []
        for mention in mentions:
            actors, recipients = merged_participants(doc, mention, doc_actors.participants)
            when = resolve_event_date(doc, mention, document.date)
            event = assemble_event(
                event_id=f"{document.id}:{first_index + len(events)}",
                doc=doc,
                document=document,
                offset=offset,
                mention=mention,
                codes=self.codes.codes_for(mention, doc),
                actors=actors,
                recipients=recipients,
                location=event_location(doc, mention, toponyms),
                when=when,
                counts=extract_counts(doc, mention),
                historical=is_historical(when, document.date, self.config.historical_days, doc, mention),
            )
            if event.confidence >= self.config.min_confidence:
                events.append(event)
        return events


_worker_pipeline: Pipeline | None = None


def code_documents_in_processes(
    documents: Iterable[Document], config: Config | None = None, workers: int = 1, batch: int = 8
) -> Iterator[tuple[Document, list[Event]]]:
    """Like :meth:`Pipeline.code_documents`, spread over ``workers`` processes, results in input order."""
    config = config or Config()
    if workers <= 1:
        yield from Pipeline(config).code_documents(documents)
        return
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(workers, initializer=_start_worker, initargs=(config,)) as pool:
        for coded in pool.imap(_code_batch, _batches(documents, batch)):
            yield from coded


def _start_worker(config: Config) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _code_batch(documents: list[Document]) -> list[tuple[Document, list[Event]]]:
    assert _worker_pipeline is not None, "worker used before _start_worker"
    return list(_worker_pipeline.code_documents(documents))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
