"""The ``whimbrel`` command: the same jobs as the Python API, from the shell."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from whimbrel.config import DEFAULT_SPACY_MODEL, Config
from whimbrel.errors import WhimbrelError
from whimbrel.reading.document import Document
from whimbrel.records.schema import Event

FORMATS = ("table", "jsonl", "csv", "parquet")
PROGRESS_AFTER = 3  # documents; fewer than this and a progress bar is noise


def report(message: str) -> None:
    """One line for the user on stderr."""
    click.echo(f"whimbrel: {message}", err=True)


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _choose_format(fmt: str | None, out: str | None) -> str:
    if fmt:
        return fmt
    if out:
        suffix = Path(out).suffix.lower().lstrip(".")
        return {"csv": "csv", "parquet": "parquet", "pq": "parquet"}.get(suffix, "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="whimbrel")
def main() -> None:
    """whimbrel turns political text into event records: who did what to whom, where, when, how many."""


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "pub_date", callback=_parse_date, help="Publication date (YYYY-MM-DD) for plain text inputs.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format [default: table on a terminal, else jsonl].")
@click.option("--out", type=click.Path(dir_okay=False), help="Write events to this file instead of stdout.")
@click.option("--db", type=click.Path(dir_okay=False), help="Also store documents and events in this DuckDB file.")
@click.option("--model", default=DEFAULT_SPACY_MODEL, show_default=True, help="Installed spaCy English pipeline to use.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
def code_command(
    paths: tuple[str, ...], pub_date: dt.date | None, fmt: str | None, out: str | None, db: str | None, model: str, workers: int
) -> None:
    """Code documents in PATHS (files, folders, or - for stdin) into events."""
    from whimbrel.output.writers import write_events
    from whimbrel.reading.readers import read_inputs

    fmt = _choose_format(fmt, out)
    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet needs --out FILE")
    counter = _Counter()
    try:
        documents = counter.count(read_inputs(list(paths), default_date=pub_date, report=report))
        coded = _with_progress(_coder(Config(spacy_model=model), workers)(documents), counter)
        events = _stored(coded, db) if db else (event for _doc, evs in coded for event in evs)
        write_events(events, fmt, out)
    except WhimbrelError as error:
        report(str(error))
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        return
    if counter.documents == 0:
        report("no document could be read; nothing was coded")
        sys.exit(1)


class _Counter:
    """Counts documents as they stream past, for the exit status and the progress bar."""

    def __init__(self) -> None:
        self.documents = 0

    def count(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            self.documents += 1
            yield document


def _coder(config: Config, workers: int):
    """A function coding an iterable of documents: in this process, or spread over several."""
    if workers > 1:
        from functools import partial

        from whimbrel.pipeline import code_documents_in_processes

        return partial(code_documents_in_processes, config=config, workers=workers)
    from whimbrel import load_pipeline

    return load_pipeline(config).code_documents


def _with_progress(
    coded: Iterator[tuple[Document, list[Event]]], counter: _Counter
) -> Iterator[tuple[Document, list[Event]]]:
    """Pass coded documents through, showing a progress line on stderr once there are several."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    progress: Progress | None = None
    done = events = 0
    try:
        for document, doc_events in coded:
            done += 1
            events += len(doc_events)
            if progress is None and done >= PROGRESS_AFTER and console.is_terminal:
                progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True)
                progress.start()
                task = progress.add_task("")
            if progress is not None:
                progress.update(task, description=f"coded {done} documents, {events} events")
            yield document, doc_events
    finally:
        if progress is not None:
            progress.stop()


def _stored(coded: Iterator[tuple[Document, list[Event]]], db: str) -> Iterator[Event]:
    """Store each coded document in the DuckDB file as it passes, and yield its events."""
    from whimbrel.output.store import EventStore

    with EventStore(db) as store:
        for document, events in coded:
            store.replace_document(document, events)
            yield from events


@main.command("eval")
@click.argument("set_name", metavar="SET")
@click.option("--data", "data_dir", type=click.Path(file_okay=False), help="Shared data folder [default: $WHIMBREL_DATA or ../shared/data].")
@click.option("--split", default="test", show_default=True, help="Which part of the set to score (test, train, all).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Also write the scorecard(s) as JSON.")
@click.option("--limit", type=int, help="Score only the first N items (a quick look, not a result).")
@click.option("--no-event-model", is_flag=True, help="Type events by the CAMEO verb dictionary alone (the baseline).")
def eval_command(
    set_name: str, data_dir: str | None, split: str, json_out: str | None, limit: int | None, no_event_model: bool
) -> None:
    """Score whimbrel on a gold set (or 'all') and print the scorecard."""
    import json

    from whimbrel.evaluation.run import SETS, evaluate
    from whimbrel.pipeline import Pipeline

    names = list(SETS) if set_name == "all" else [set_name]
    unknown = [name for name in names if name not in SETS]
    if unknown:
        raise click.BadParameter(f"unknown set {unknown[0]!r}; choose one of: all, {', '.join(SETS)}", param_hint="SET")
    cards = []
    config = Config(event_model=False) if no_event_model else None
    pipeline = Pipeline(config) if config else None  # one pipeline for every set
    for name in names:
        try:
            card = evaluate(name, data_dir=data_dir, split=split, limit=limit, pipeline=pipeline, config=config)
        except WhimbrelError as error:
            report(f"{name}: {error}")
            continue
        _print_scorecard(card)
        cards.append(card)
    if json_out:
        payload = [json.loads(c.to_json()) for c in cards]
        Path(json_out).write_text(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2) + "\n")
    if not cards:
        sys.exit(1)


def _print_scorecard(card) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{card.set} ({card.split}, n={card.n})", title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in card.metrics.items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console().print(table)


PLACE_FIELDS = ("doc_id", "text", "start", "end", "kind", "name", "geonameid", "lat", "lon", "country", "admin1",
                "feature_code", "score")


@main.command("places")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), help="Output format [default: table on a terminal, else jsonl].")
@click.option("--model", default=DEFAULT_SPACY_MODEL, show_default=True, help="Installed spaCy English pipeline to use.")
def places_command(paths: tuple[str, ...], fmt: str | None, model: str) -> None:
    """List every toponym mention in the inputs (the geoparser on its own), one JSON line each."""
    import json

    from whimbrel.language.analysis import load_nlp
    from whimbrel.places.geoparse import Geoparser
    from whimbrel.reading.readers import read_inputs

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    try:
        nlp = load_nlp(model)
        geoparser = Geoparser()
        documents = ((d.text, d.id) for d in read_inputs(list(paths), report=report))
        rows = (
            {"doc_id": doc_id, **{f: getattr(t, f) for f in PLACE_FIELDS[1:]}}
            for doc, doc_id in nlp.pipe(documents, as_tuples=True)
            for t in geoparser.toponyms(doc)
        )
        if fmt == "jsonl":
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for name in PLACE_FIELDS:
            table.add_column(name)
        for row in rows:
            table.add_row(*("" if row[f] is None else str(row[f]) for f in PLACE_FIELDS))
        Console().print(table)
    except WhimbrelError as error:
        report(str(error))
        sys.exit(1)


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Manage the place-name gazetteer."""


@gazetteer_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def gazetteer_import_command(file: str) -> None:
    """Add a GeoNames dump (allCountries.zip, cities500.zip, alternateNamesV2.zip) to the gazetteer."""
    from whimbrel.places.dump import import_dump, user_index_path
    from whimbrel.places.gazetteer import Gazetteer

    try:
        stats = import_dump(file, Gazetteer()._con)
    except (WhimbrelError, ValueError, IndexError) as error:
        report(f"{file}: {error}")
        sys.exit(1)
    report(f"imported {stats.places} places and {stats.names} names into {user_index_path()} ({stats.skipped} lines skipped)")


if __name__ == "__main__":
    main()
