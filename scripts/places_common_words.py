"""Build data/places_common_words.tsv: one-word place names that are mostly ordinary words in news text.

"Commerce", "Police", "Federal", "Bank", "Centre" name towns somewhere, but capitalised in an
organisation's name or a heading they are words. A one-word name is listed when, in the casing
corpus, at least --min-count of its mid-sentence uses, and --share of them, are lower case. Corpus: the NGEC synthetic stories (MIT) and the event-location sentences outside the
adjudicated part (MIT), both under ../shared/data; the list itself is derived counts (MIT).

Usage: python scripts/places_common_words.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

from whimbrel.places.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "whimbrel" / "data" / "places_common_words.tsv"
_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-z][a-z]+)\b")  # a word that does not start a sentence


def texts(data: Path) -> list[str]:
    """The casing corpus."""
    csv.field_size_limit(10**8)
    with open(data / "train" / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv", encoding="utf-8") as fh:
        out = [row["text"] for row in csv.DictReader(fh)]
    with zipfile.ZipFile(data / "gold" / "event_location" / "labeled_text.jsonl.zip") as archive:
        name = next(n for n in archive.namelist() if n.endswith("labeled_text.jsonl") and not n.startswith("__MACOSX"))
        records = json.loads(archive.read(name).decode("utf-8"))
    out += [r["text"] for r in records if r.get("source") != "RELABEL"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--share", type=float, default=0.2)
    parser.add_argument("--min-count", type=int, default=5)
    args = parser.parse_args()
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts(Path(args.data)):
        for word in _WORD.findall(text):
            (upper if word[0].isupper() else lower)[word.lower()] += 1
    gazetteer = default_gazetteer()
    words = []
    for word in sorted(lower):
        total = lower[word] + upper[word]
        if lower[word] < args.min_count or lower[word] / total < args.share or len(word) < 3:
            continue
        if any(p.match == 0 for p in gazetteer.lookup(word)):
            words.append((word, lower[word], upper[word]))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# word\tlower-case uses\tcapitalised uses (mid-sentence, casing corpus); built by scripts/places_common_words.py\n")
        for word, lo, up in words:
            fh.write(f"{word}\t{lo}\t{up}\n")
    print(f"{len(words)} words → {OUT}")


if __name__ == "__main__":
    main()
