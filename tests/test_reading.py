"""Reading documents: every format, and every kind of bad input reported in one line, never raised."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from whimbrel.reading import readers
from whimbrel.reading.readers import ReadStats, parse_date, read_inputs, split_title

FIXTURES = Path(__file__).parent / "fixtures" / "reading"
PUB = dt.date(2020, 1, 4)


def read(paths, default_date=None):
    """Read ``paths``; return the documents, the reported lines and the stats."""
    messages: list[str] = []
    stats = ReadStats()
    docs = list(read_inputs([str(p) for p in paths], default_date=default_date, report=messages.append, stats=stats))
    return docs, messages, stats


# -- happy paths --------------------------------------------------------------------------


def test_text_file_with_title_and_default_date():
    docs, messages, stats = read([FIXTURES / "statement.txt"], default_date=PUB)
    assert messages == []
    [doc] = docs
    assert doc.id == "statement.txt"
    assert doc.title == "Opposition condemns the raid on the party office"
    assert doc.text.startswith("The National Front said on Tuesday")
    assert doc.text.endswith("free speech.")
    assert doc.date == PUB
    assert stats == ReadStats(documents=1, problems=0)


def test_text_file_whose_first_line_is_a_sentence_has_no_title():
    [doc], _, _ = read([FIXTURES / "untitled.txt"])
    assert doc.title is None
    assert doc.text.startswith("Soldiers opened fire")
    assert doc.date is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Short headline\n\nBody text here.", "Short headline"),
        ("A sentence that ends with a period.\n\nBody.", None),
        ("Headline without blank line\nBody.", None),
        ("The spokesman said:\n\nWe will not go.", None),
        ("Only a title line", None),
        ("x" * 200 + "\n\nBody.", None),
    ],
)
def test_split_title(text, title):
    found, body = split_title(text)
    assert found == title
    assert body.strip()


def test_markdown_heading_mark_is_dropped_from_title():
    [doc], messages, _ = read([FIXTURES / "briefing.md"])
    assert messages == []
    assert doc.title == "Ceasefire talks resume in Doha"
    assert doc.text.startswith("Envoys of the two sides met in Doha")


def test_html_main_text_title_and_date_from_metadata():
    [doc], messages, _ = read([FIXTURES / "article.html"], default_date=PUB)
    assert messages == []
    assert doc.id == "article.html"
    assert doc.title == "Workers strike at the northern port"
    assert doc.date == dt.date(2021, 3, 2)  # the page's own date wins over --date
    assert doc.url == "https://gazette.example.org/news/port-strike"
    assert "dock workers walked off the job" in doc.text
    assert "threatened to dismiss the organisers" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text  # boilerplate removed
    assert not doc.text.startswith(doc.title)  # the headline is not repeated in the body


def test_html_without_date_uses_default_date(tmp_path):
    page = tmp_path / "page.htm"
    body = " ".join(["The governor imposed a curfew on the city after two nights of riots."] * 4)
    page.write_text(f"<html><head><title>Curfew</title></head><body><article><p>{body}</p></article></body></html>")
    [doc], _, _ = read([page], default_date=PUB)
    assert doc.date == PUB
    assert "curfew" in doc.text


def test_html_fragment_falls_back_to_plain_text(tmp_path):
    page = tmp_path / "fragment.html"
    page.write_text("<p>Police arrested dozens of protesters in Harare on Monday.</p><p>The march was banned.</p>")
    [doc], messages, _ = read([page])
    assert doc.text == "Police arrested dozens of protesters in Harare on Monday.\nThe march was banned."
    assert messages == []


def test_html_without_text_is_skipped(tmp_path):
    page = tmp_path / "scripts.html"
    page.write_text("<html><head><title>App</title></head><body><script>start()</script></body></html>")
    docs, messages, _ = read([page])
    assert docs == [] and messages == [f"{page}: no main text found in the HTML page — skipped"]


def test_html_in_another_charset(tmp_path):
    page = tmp_path / "latin.html"
    body = "<p>Le président a démissionné lundi après des manifestations dans la capitale.</p>" * 3
    page.write_bytes(f'<html><head><meta charset="iso-8859-1"></head><body>{body}</body></html>'.encode("latin-1"))
    [doc], messages, _ = read([page])
    assert "président a démissionné" in doc.text
    assert len(messages) == 1 and "not valid UTF-8" in messages[0]


def test_crlf_line_ends_are_normalised(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Strike at the mine\r\n\r\nMiners stopped work on Monday.\r\n")
    [doc], _, _ = read([path])
    assert (doc.title, doc.text) == ("Strike at the mine", "Miners stopped work on Monday.")


def test_jsonl_rows_keep_good_lines_and_report_bad_ones():
    docs, messages, stats = read([FIXTURES / "rows.jsonl"], default_date=PUB)
    by_id = {d.id: d for d in docs}
    assert list(by_id) == ["a1", "a2", "rows.jsonl:5", "a7"]
    assert by_id["a1"].title == "Base shelled" and by_id["a1"].source == "wire"
    assert by_id["a1"].url == "https://example.org/a1" and by_id["a1"].date == dt.date(2020, 5, 9)
    assert by_id["a2"].date == dt.date(2020, 5, 10)  # ISO date-time
    assert by_id["rows.jsonl:5"].date == PUB  # no date: the default
    assert by_id["a7"].date is None  # a bad date is dropped, not replaced
    path = str(FIXTURES / "rows.jsonl")
    assert f"{path}:3: not valid JSON (Expecting ',' delimiter at column 68) — line skipped" in messages
    assert any(m.startswith(f"{path}:6: not a JSON object") for m in messages)
    assert any(m.startswith(f"{path}:7: empty text") for m in messages)
    assert any(m.startswith(f"{path}:8: date 'last Tuesday'") for m in messages)
    assert stats.documents == 4 and stats.problems == len(messages) == 4


def test_csv_rows_keep_good_rows_and_report_bad_ones():
    docs, messages, _ = read([FIXTURES / "rows.csv"])
    assert [d.id for d in docs] == ["c1", "c2", "rows.csv:5", "c5"]
    c1 = docs[0]
    assert c1.text == "Protesters marched to parliament, demanding new elections."
    assert (c1.title, c1.date, c1.source) == ("March on parliament", dt.date(2019, 11, 2), "wire")
    assert docs[1].title is None and docs[1].date is None
    assert docs[3].date is None
    path = str(FIXTURES / "rows.csv")
    assert messages[0] == f"{path}:4: 3 fields where the header has 6 — row skipped"
    assert messages[1].startswith(f"{path}:6: date '11/05/2019'")
    assert len(messages) == 2


def test_csv_quoted_newlines_and_line_numbers(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text('id,text\nm1,"First line\nsecond line"\nm2,"a"b\nm3,Plain text row\n', encoding="utf-8")
    docs, messages, _ = read([path])
    assert [d.id for d in docs] == ["m1", "m3"]
    assert docs[0].text == "First line\nsecond line"
    assert len(messages) == 1 and messages[0].startswith(f"{path}:4: malformed CSV")


def test_csv_without_text_column_is_skipped(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\n1,Something happened.\n")
    docs, messages, _ = read([path])
    assert docs == []
    assert messages == [f"{path}:1: no 'text' column in the CSV header (found: id, body) — file skipped"]


def test_directory_is_recursed_sorted_known_suffixes_only():
    docs, messages, _ = read([FIXTURES / "folder"])
    assert [d.id for d in docs] == ["b.txt", "sub/a.md"]  # no .rtf, no hidden file or folder
    assert docs[1].title == "Folder document two"
    assert messages == []


def test_ids_are_stable_across_runs():
    first, _, _ = read([FIXTURES])
    second, _, _ = read([FIXTURES])
    assert [d.id for d in first] == [d.id for d in second]
    assert len({d.id for d in first}) == len(first)


def test_same_file_twice_gets_distinct_ids():
    docs, messages, _ = read([FIXTURES / "untitled.txt", FIXTURES / "untitled.txt"])
    assert [d.id for d in docs] == ["untitled.txt", "untitled.txt~2"]
    assert "already used" in messages[0]


def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Troops entered the town on Friday.\nResidents fled."))
    [doc], messages, _ = read(["-"], default_date=PUB)
    assert messages == []
    assert doc.id == "stdin" and doc.date == PUB
    assert doc.text == "Troops entered the town on Friday.\nResidents fled."


def test_stdin_jsonl_from_binary_buffer(monkeypatch):
    data = b'{"id": "s1", "text": "Rebels seized the airport."}\n\n{"text": "The UN called for calm."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    docs, messages, _ = read(["-"])
    assert messages == []
    assert [(d.id, d.text) for d in docs] == [("s1", "Rebels seized the airport."), ("stdin:3", "The UN called for calm.")]


def test_stdin_with_one_non_json_line_is_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"a": 1}\nNot JSON at all.\n'))
    [doc], _, _ = read(["-"])
    assert doc.id == "stdin" and "Not JSON" in doc.text


def test_stdin_jsonl_over_the_size_limit_is_streamed(monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    data = "".join(f'{{"id": "r{i}", "text": "Row number {i} of the feed."}}\n' for i in range(20)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    docs, messages, _ = read(["-"])
    assert [d.id for d in docs] == [f"r{i}" for i in range(20)]
    assert messages == []


def test_stdin_text_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Words. " * 50))
    docs, messages, _ = read(["-"])
    assert docs == [] and messages == ["stdin: over the 0.0 MB limit for one document — skipped"]


def test_empty_stdin_is_reported(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n  \n"))
    docs, messages, _ = read(["-"])
    assert docs == [] and messages == ["stdin: empty input — nothing read"]


# -- bad input -----------------------------------------------------------------------------


def test_missing_path_is_reported():
    docs, messages, stats = read(["no/such/file.txt"])
    assert docs == []
    assert messages == ["no/such/file.txt: no such file or folder — skipped"]
    assert stats == ReadStats(documents=0, problems=1)


def test_directory_without_readable_files(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    docs, messages, _ = read([tmp_path])
    assert docs == []
    assert len(messages) == 1 and "no readable files in this folder" in messages[0]


def test_directory_whose_files_give_nothing(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    docs, messages, _ = read([tmp_path])
    assert docs == []
    assert messages[0].endswith("empty.txt: empty document — skipped")
    assert "none of the 1 files in this folder gave a document" in messages[1]


def test_binary_file_with_nul_bytes_is_skipped(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n\x00\x01\x02\x03binary stream" * 50)
    docs, messages, _ = read([path])
    assert docs == []
    assert messages == [f"{path}: looks like a binary file, not text — skipped"]


def test_binary_file_without_nul_bytes_is_skipped(tmp_path):
    path = tmp_path / "noise.md"
    path.write_bytes(bytes(range(128, 256)) * 20)
    docs, messages, _ = read([path])
    assert docs == [] and "binary" in messages[0]


def test_invalid_utf8_is_replaced_and_reported(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président a démissionné lundi.".encode("latin-1"))
    [doc], messages, _ = read([path])
    assert doc.text == "Le pr\ufffdsident a d\ufffdmissionn\ufffd lundi."
    assert messages == [f"{path}: not valid UTF-8 (first bad byte at offset 5); undecodable bytes replaced with U+FFFD"]


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Talks resumed in Geneva.".encode("utf-16"))
    [doc], messages, _ = read([path])
    assert doc.text == "Talks resumed in Geneva." and messages == []


def test_invalid_utf8_in_one_jsonl_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "Fine."}\n{"id": "bad", "text": "caf\xe9 bombed"}\n')
    docs, messages, _ = read([path])
    assert [d.id for d in docs] == ["ok", "bad"]
    assert docs[1].text == "caf\ufffd bombed"
    assert messages[0].startswith(f"{path}:2: not valid UTF-8")


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"])
def test_empty_document_is_skipped(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_text(content)
    docs, messages, _ = read([path])
    assert docs == [] and messages == [f"{path}: empty document — skipped"]


def test_title_only_text_is_not_empty(tmp_path):
    path = tmp_path / "headline.txt"
    path.write_text("Army takes control of state television\n")
    [doc], messages, _ = read([path])
    assert doc.text == "Army takes control of state television" and doc.title is None


def test_large_document_is_read_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "LARGE_BYTES", 1000)
    path = tmp_path / "long.txt"
    path.write_text("The militia attacked the village. " * 100)  # 3,400 bytes
    [doc], messages, _ = read([path])
    assert len(doc.text) > 3000
    assert messages == [f"{path}: large document (0.0 MB); it will be coded in pieces"]


def test_huge_document_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 2000)
    path = tmp_path / "huge.txt"
    path.write_text("x" * 5000)
    docs, messages, stats = read([path])
    assert docs == []
    assert "over the 0.0 MB limit for one document — skipped" in messages[0]
    assert stats.problems == 1


def test_huge_jsonl_line_is_skipped_and_reading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 200)
    path = tmp_path / "big.jsonl"
    long_row = '{"id": "long", "text": "' + "y" * 500 + '"}\n'
    path.write_text('{"id": "before", "text": "A."}\n' + long_row + '{"id": "after", "text": "B."}\n')
    docs, messages, _ = read([path])
    assert [d.id for d in docs] == ["before", "after"]
    assert messages[0].startswith(f"{path}:2: line is over")


def test_large_real_file_is_accepted(tmp_path):
    """A document over the 10 MB note threshold is still read whole (the pipeline cuts it)."""
    path = tmp_path / "big.txt"
    sentence = b"Protesters gathered outside the ministry. "
    path.write_bytes(sentence * (readers.LARGE_BYTES // len(sentence) + 10))
    [doc], messages, _ = read([path])
    assert len(doc.text) > readers.LARGE_BYTES - len(sentence)
    assert len(messages) == 1 and "large document (10.0 MB)" in messages[0]


def test_unknown_suffix_is_skipped(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("text")
    docs, messages, _ = read([path])
    assert docs == []
    assert messages[0].startswith(f"{path}: unknown file type '.pdf'")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "x"}', "no 'text' field"),
        ('{"id": "x", "text": 12}', "'text' is a int, not a string"),
        ('{"id": "x", "text": "ok", "date": 2020}', "date 2020 is not YYYY-MM-DD"),
        ('{"id": "x", "text": "ok", "title": ["a"]}', "'title' is a list, not a string — ignored"),
        ('{"id": "x", "text": "ok", "date": "2020-02-30"}', "date '2020-02-30' is not"),
        ('{"id": "x", "text": "ok"', "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_jsonl_values_are_reported_with_line_number(tmp_path, line, problem):
    path = tmp_path / "one.jsonl"
    path.write_text('{"id": "first", "text": "Fine."}\n' + line + "\n")
    docs, messages, _ = read([path])
    assert docs[0].id == "first"
    assert len(messages) == 1 and messages[0].startswith(f"{path}:2: ") and problem in messages[0]


def test_numeric_ids_become_strings(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": 7, "text": "Seven."}\n')
    [doc], _, _ = read([path])
    assert doc.id == "7"


def test_reports_are_single_lines_and_nothing_raises(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "ok"}\n{broken\n[1]\n')
    (tmp_path / "b.csv").write_bytes(b"\x00\x00")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfeA\x00")  # UTF-16 LE with a BOM: "A"
    docs, messages, _ = read([tmp_path, "missing.txt"])
    assert [d.text for d in docs] == ["ok", "A"]
    assert all("\n" not in m for m in messages) and len(messages) == 4


def test_default_reporter_prefixes_whimbrel(capsys):
    list(read_inputs(["does-not-exist.md"]))
    assert capsys.readouterr().err == "whimbrel: does-not-exist.md: no such file or folder — skipped\n"


def test_parse_date_forms():
    assert parse_date("2020-01-04") == dt.date(2020, 1, 4)
    assert parse_date("2020-01-04T23:10:00Z") == dt.date(2020, 1, 4)
    assert parse_date("2020-01-04 08:00") == dt.date(2020, 1, 4)
    assert parse_date("4 January 2020") is None
