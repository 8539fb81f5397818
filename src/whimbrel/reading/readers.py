"""Turn paths (files, folders, ``-`` for stdin) into :class:`Document` objects.

Readers never raise for bad content: every problem is reported as one line through
``report`` and reading goes on with the next file, row or line.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from whimbrel.reading.document import Document
from whimbrel.reading.html import extract_page

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES

MB = 1024 * 1024
LARGE_BYTES = 10 * MB  # documents above this are read, with a note that they will be coded in pieces
MAX_BYTES = 200 * MB  # a single document (file, row or stdin) above this is not read at all
SNIFF_BYTES = 8192
TITLE_MAX_CHARS = 150
STDIN_ID = "stdin"

Reporter = Callable[[str], None]


def report_to_stderr(message: str) -> None:
    """The default reporter: one ``whimbrel: …`` line on stderr."""
    print(f"whimbrel: {message}", file=sys.stderr)


@dataclass
class ReadStats:
    """What one :func:`read_inputs` run did, for the caller's exit status and summary."""

    documents: int = 0
    problems: int = 0


def read_inputs(
    paths: Sequence[str],
    default_date: dt.date | None = None,
    report: Reporter = report_to_stderr,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield the documents found in ``paths``, in order, reporting what cannot be read.

    ``default_date`` is the publication date of plain text inputs and of rows without one.
    Pass a :class:`ReadStats` as ``stats`` to learn how many documents and problems there were.
    """
    reader = _Reader(default_date, report, stats if stats is not None else ReadStats())
    for path in paths:
        yield from reader.read_path(path)


class _Reader:
    """State shared across all the inputs of one run: reporter, counts, ids already used."""

    def __init__(self, default_date: dt.date | None, report: Reporter, stats: ReadStats) -> None:
        self.default_date = default_date
        self._report = report
        self.stats = stats
        self._seen_ids: set[str] = set()

    def report(self, message: str) -> None:
        self.stats.problems += 1
        self._report(message)

    def emit(self, document: Document, where: str) -> Document:
        """Count ``document`` and make its id unique within the run (the store keys on it)."""
        if document.id in self._seen_ids:
            new_id = next(f"{document.id}~{n}" for n in itertools.count(2) if f"{document.id}~{n}" not in self._seen_ids)
            self.report(f"{where}: document id {document.id!r} is already used; this one is {new_id!r}")
            document.id = new_id
        self._seen_ids.add(document.id)
        self.stats.documents += 1
        return document

    # -- paths -------------------------------------------------------------------------

    def read_path(self, arg: str) -> Iterator[Document]:
        if arg == "-":
            yield from self.read_stdin()
            return
        path = Path(arg)
        if path.is_dir():
            yield from self.read_directory(path, arg)
        elif path.is_file():
            if path.suffix.lower() not in KNOWN_SUFFIXES:
                self.report(f"{arg}: unknown file type {path.suffix or '(no suffix)'!r} "
                            f"(expected {', '.join(KNOWN_SUFFIXES)}) — skipped")
                return
            yield from self.read_file(path, label=arg, doc_id=path.name)
        elif path.exists():
            self.report(f"{arg}: not a regular file or folder — skipped")
        else:
            self.report(f"{arg}: no such file or folder — skipped")

    def read_directory(self, root: Path, arg: str) -> Iterator[Document]:
        found = 0
        before = self.stats.documents
        for path in _walk(root, self._walk_error):
            found += 1
            rel = path.relative_to(root).as_posix()
            yield from self.read_file(path, label=str(path), doc_id=rel)
        if found == 0:
            self.report(f"{arg}: no readable files in this folder (looked for {', '.join(KNOWN_SUFFIXES)})")
        elif self.stats.documents == before:
            self.report(f"{arg}: none of the {found} files in this folder gave a document")

    def _walk_error(self, error: OSError) -> None:
        self.report(f"{error.filename}: cannot list folder ({error.strerror}) — skipped")

    def read_file(self, path: Path, label: str, doc_id: str) -> Iterator[Document]:
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
                with path.open("rb") as stream:
                    if not self._check_sniff(stream, label):
                        return
                    if suffix in CSV_SUFFIXES:
                        rows = self.csv_documents(stream, label, doc_id)
                    else:
                        rows = self.jsonl_documents(_bounded_lines(stream), label, doc_id)
                    yield from rows
                return
            data = self._load_whole(path, label)
            if data is None:
                return
            document = self.html_document(data, label, doc_id) if suffix in HTML_SUFFIXES else self.text_document(
                data, label, doc_id, markdown=suffix == ".md"
            )
        except OSError as error:
            self.report(f"{label}: cannot read ({error.strerror or error}) — skipped")
            return
        if document is not None:
            yield self.emit(document, label)

    def _load_whole(self, path: Path, label: str) -> bytes | None:
        """The bytes of a one-document file, or None (reported) when too big, binary or empty."""
        size = path.stat().st_size
        if size > MAX_BYTES:
            self.report(f"{label}: {_megabytes(size)} is over the {_megabytes(MAX_BYTES)} limit for one document — skipped")
            return None
        with path.open("rb") as stream:
            if not self._check_sniff(stream, label):
                return None
            data = stream.read(MAX_BYTES + 1)
        if size > LARGE_BYTES:
            self.report(f"{label}: large document ({_megabytes(size)}); it will be coded in pieces")
        return data

    def _check_sniff(self, stream: BinaryIO, label: str) -> bool:
        """Look at the first bytes: False (reported) for an empty or binary file; rewinds the stream."""
        sample = stream.read(SNIFF_BYTES)
        stream.seek(0)
        if not sample.strip():
            if not stream.read(MAX_BYTES).strip():  # only whitespace beyond the sample too
                self.report(f"{label}: empty document — skipped")
                return False
            stream.seek(0)
        if _looks_binary(sample):
            self.report(f"{label}: looks like a binary file, not text — skipped")
            return False
        return True

    # -- one-document formats --------------------------------------------------------------

    def text_document(self, data: bytes, label: str, doc_id: str, markdown: bool = False) -> Document | None:
        text = self.decode(data, label)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        title, body = split_title(text, markdown=markdown)
        if not body.strip():
            self.report(f"{label}: empty document — skipped")
            return None
        return Document(id=doc_id, text=body.rstrip(), title=title, date=self.default_date)

    def html_document(self, data: bytes, label: str, doc_id: str) -> Document | None:
        try:
            html: str | bytes = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Pages often declare another charset; trafilatura reads the declaration from bytes.
            self.report(f"{label}: not valid UTF-8; decoded with the charset the page declares or a guess")
            html = data
        try:
            page = extract_page(html)
        except Exception as error:  # a parser failure on one page must not end the run
            self.report(f"{label}: could not extract text from HTML ({type(error).__name__}: {error}) — skipped")
            return None
        if not page.text.strip():
            self.report(f"{label}: no main text found in the HTML page — skipped")
            return None
        return Document(
            id=doc_id, text=page.text, title=page.title, date=page.date or self.default_date,
            source=page.source, url=page.url,
        )

    # -- row formats -------------------------------------------------------------------

    def jsonl_documents(self, lines: Iterable[bytes | None], label: str, file_id: str) -> Iterator[Document]:
        rows = 0
        for lineno, raw in enumerate(lines, 1):
            where = f"{label}:{lineno}"
            if raw is None:
                self.report(f"{where}: line is over the {_megabytes(MAX_BYTES)} limit for one document — line skipped")
                continue
            line = self.decode(raw, where)
            if not line.strip():
                continue
            rows += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                self.report(f"{where}: not valid JSON ({error.msg} at column {error.colno}) — line skipped")
                continue
            except RecursionError:
                self.report(f"{where}: JSON nested too deeply — line skipped")
                continue
            if not isinstance(record, dict):
                self.report(f"{where}: not a JSON object but {type(record).__name__} — line skipped")
                continue
            document = self.row_document(record, where, f"{file_id}:{lineno}")
            if document is not None:
                yield self.emit(document, where)
        if rows == 0:
            self.report(f"{label}: no rows — skipped")

    def csv_documents(self, stream: BinaryIO, label: str, file_id: str) -> Iterator[Document]:
        _allow_long_csv_fields()
        first_line = True

        def lines() -> Iterator[str]:
            nonlocal first_line
            for lineno, raw in enumerate(_bounded_lines(stream), 1):
                if raw is None:
                    self.report(f"{label}:{lineno}: line is over the {_megabytes(MAX_BYTES)} limit — cut")
                    yield "\n"
                    continue
                if first_line:
                    raw, first_line = raw.removeprefix(codecs.BOM_UTF8), False
                yield self.decode(raw, f"{label}:{lineno}")

        reader = csv.reader(lines(), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            self.report(f"{label}: empty CSV file — skipped")
            return
        except csv.Error as error:
            self.report(f"{label}:1: malformed CSV header ({error}) — file skipped")
            return
        names = [name.strip().lower() for name in header]
        if "text" not in names:
            self.report(f"{label}:1: no 'text' column in the CSV header (found: {', '.join(header)}) — file skipped")
            return
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                self.report(f"{label}:{start}: malformed CSV ({error}) — row skipped")
                continue
            where = f"{label}:{start}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                self.report(f"{where}: {len(row)} fields where the header has {len(names)} — row skipped")
                continue
            record = {name: (cell if cell.strip() else None) for name, cell in zip(names, row)}
            document = self.row_document(record, where, f"{file_id}:{start}")
            if document is not None:
                yield self.emit(document, where)

    def row_document(self, record: dict[str, Any], where: str, fallback_id: str) -> Document | None:
        """A document from one JSONL/CSV record, or None (reported) when it has no usable text."""
        text = record.get("text")
        if text is None:
            self.report(f"{where}: no 'text' field — row skipped")
            return None
        if not isinstance(text, str):
            self.report(f"{where}: 'text' is a {type(text).__name__}, not a string — row skipped")
            return None
        if not text.strip():
            self.report(f"{where}: empty text — row skipped")
            return None
        if len(text) > LARGE_BYTES:
            self.report(f"{where}: large document ({_megabytes(len(text))}); it will be coded in pieces")
        doc_id = record.get("id")
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
            if doc_id not in (None, ""):
                self.report(f"{where}: 'id' must be a string or a number; using {fallback_id!r}")
            doc_id = fallback_id
        return Document(
            id=str(doc_id).strip(),
            text=text,
            title=self._optional_str(record, "title", where),
            date=self.row_date(record.get("date"), where),
            source=self._optional_str(record, "source", where),
            url=self._optional_str(record, "url", where),
        )

    def row_date(self, value: Any, where: str) -> dt.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return self.default_date
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            self.report(f"{where}: date {value!r} is not YYYY-MM-DD or an ISO date-time; document kept without a date")
        return parsed

    def _optional_str(self, record: dict[str, Any], key: str, where: str) -> str | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        self.report(f"{where}: {key!r} is a {type(value).__name__}, not a string — ignored")
        return None

    # -- stdin ---------------------------------------------------------------------------

    def read_stdin(self) -> Iterator[Document]:
        stream = _stdin_bytes()
        head = stream.read(MAX_BYTES + 1)
        if len(head) > MAX_BYTES:
            if head.lstrip()[:1] == b"{":  # too big to hold: stream it as JSONL
                yield from self.jsonl_documents(_bounded_lines(_Prepended(head, stream)), STDIN_ID, STDIN_ID)
            else:
                self.report(f"stdin: over the {_megabytes(MAX_BYTES)} limit for one document — skipped")
            return
        lines = [line for line in head.splitlines() if line.strip()]
        if not lines:
            self.report("stdin: empty input — nothing read")
            return
        if all(line.lstrip().startswith(b"{") for line in lines):
            yield from self.jsonl_documents(_bounded_lines(io.BytesIO(head)), STDIN_ID, STDIN_ID)
            return
        if _looks_binary(head[:SNIFF_BYTES]):
            self.report("stdin: looks like binary data, not text — skipped")
            return
        if len(head) > LARGE_BYTES:
            self.report(f"stdin: large document ({_megabytes(len(head))}); it will be coded in pieces")
        document = self.text_document(head, STDIN_ID, STDIN_ID)
        if document is not None:
            yield self.emit(document, STDIN_ID)

    # -- decoding ------------------------------------------------------------------------

    def decode(self, data: bytes, where: str) -> str:
        """UTF-8 (or UTF-16 with a BOM) text; invalid bytes become U+FFFD, with one report."""
        for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
            if data.startswith(bom):
                return data.decode(encoding, errors="replace")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.report(f"{where}: not valid UTF-8 (first bad byte at offset {error.start}); "
                        "undecodable bytes replaced with U+FFFD")
            return data.decode("utf-8-sig", errors="replace")


# -- helpers ---------------------------------------------------------------------------


def split_title(text: str, markdown: bool = False) -> tuple[str | None, str]:
    """Split a plain text into (title, body) when its first line reads like a title.

    A title is a short first line (under ``TITLE_MAX_CHARS``) not ending like a sentence,
    followed by a blank line and more text. In Markdown, a leading ``#`` heading mark is dropped.
    """
    text = text.lstrip("\n")
    first, newline, rest = text.partition("\n")
    candidate = first.strip()
    if markdown:
        candidate = re.sub(r"^#{1,6}\s+", "", candidate).rstrip("#").strip()
    blank_follows = newline and rest.partition("\n")[0].strip() == ""
    if (
        candidate
        and blank_follows
        and rest.strip()
        and len(candidate) < TITLE_MAX_CHARS
        and not candidate.endswith((".", ",", ";", ":"))
    ):
        return candidate, rest.lstrip("\n \t")
    return None, text


def parse_date(value: str) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` or an ISO 8601 date-time string, or None."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _looks_binary(sample: bytes) -> bool:
    """Cheap test on the first bytes: NULs, or mostly undecodable/control characters."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    text = sample.decode("utf-8", errors="replace")
    if not text:
        return False
    odd = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b"))
    return odd > 0.3 * len(text)


def _walk(root: Path, on_error: Callable[[OSError], None]) -> Iterator[Path]:
    """Files of known suffixes under ``root``, sorted, skipping hidden files and folders."""
    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                yield Path(folder) / name


def _bounded_lines(stream: Any) -> Iterator[bytes | None]:
    """Lines of a binary stream (with their endings); None stands for a line over ``MAX_BYTES``."""
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(MB)
            yield None
            continue
        yield line


class _Prepended:
    """A binary stream whose first bytes were already read: serves them, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def readline(self, limit: int = -1) -> bytes:
        line = self._head.readline(limit)
        if line.endswith(b"\n") or (limit >= 0 and len(line) >= limit):
            return line
        return line + self._rest.readline(-1 if limit < 0 else limit - len(line))


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8", errors="replace"))


def _allow_long_csv_fields() -> None:
    # The csv module refuses fields over 128 KiB by default; a news article can be longer.
    if csv.field_size_limit() < MAX_BYTES:
        csv.field_size_limit(MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"
