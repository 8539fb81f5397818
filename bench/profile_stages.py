"""Where the time goes: each pipeline stage's share of ``whimbrel code``'s end-to-end time.

    .venv/bin/python bench/profile_stages.py [--data ../shared/data] [--docs 120]

Codes the first ``--docs`` LGL articles (the same corpus as ``bench/throughput.py``) under cProfile
and prints, per stage, the cumulative seconds of its entry point and its share of the whole run.
The profiler slows Python code more than spaCy's compiled parts, so the shares of the Python stages
are upper bounds. The places and typing issues cap geoparsing at 20 % and typing at 30 %.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, REPO, load_corpus  # noqa: E402

# (stage label, source file suffix, function name): the entry point whose cumulative time is the stage's.
STAGE_ENTRY_POINTS = [
    ("spaCy nlp.pipe", "spacy/language.py", "pipe"),
    ("event detection and typing", "whimbrel/events/detect.py", "detect"),
    ("  of which the typer's dense block", "whimbrel/events/model.py", "dense_vector"),
    ("geoparsing (toponyms)", "whimbrel/places/geoparse.py", "toponyms"),
    ("the event's place", "whimbrel/places/event_place.py", "event_location"),
    ("actors: document set-up", "whimbrel/actors/resolve.py", "for_document"),
    ("actors: participants", "whimbrel/actors/restated.py", "merged_participants"),
    ("counts", "whimbrel/numbers/counts.py", "extract_counts"),
    ("dates", "whimbrel/dates/resolve.py", "resolve_event_date"),
    ("codes", "whimbrel/codes/table.py", "codes_for"),
]


def profile_run(data_dir: Path, limit: int) -> tuple[pstats.Stats, float, int]:
    """Code the corpus under cProfile; the stats, total seconds under the profiler and event count."""
    sys.path.insert(0, str(REPO / "src"))
    from whimbrel.pipeline import Pipeline
    from whimbrel.reading.document import Document

    documents = [
        Document(id=r["id"], text=r["text"], date=dt.date.fromisoformat(r["date"]) if r["date"] else None)
        for r in load_corpus(data_dir, limit)
    ]
    pipeline = Pipeline()
    list(pipeline.code_documents(documents[:2]))  # load the models outside the measurement
    profiler = cProfile.Profile()
    profiler.enable()
    events = sum(len(found) for _, found in pipeline.code_documents(documents))
    profiler.disable()
    stats = pstats.Stats(profiler)
    return stats, stats.total_tt, events


def stage_seconds(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds per stage entry point (summed over every function that matches)."""
    seconds = {label: 0.0 for label, _, _ in STAGE_ENTRY_POINTS}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        for label, suffix, name in STAGE_ENTRY_POINTS:
            if function == name and filename.replace("\\", "/").endswith(suffix):
                seconds[label] += cumulative
    return seconds


def main() -> None:
    """Print each stage's seconds and share of the run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--docs", type=int, default=120, help="how many LGL articles")
    args = parser.parse_args()
    stats, total, events = profile_run(args.data, args.docs)
    print(f"{args.docs} LGL articles, {events} events, {total:.1f} s under the profiler")
    for label, seconds in stage_seconds(stats).items():
        print(f"{label:<36} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
