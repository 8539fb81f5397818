"""What the contextual int8 MiniLM block costs against spaCy's parse, on real news (LGL articles).

Parses the first ``--docs`` LGL articles with the pipeline's spaCy model (timed), runs the dictionary
detector on each sentence, then times the int8 encoder (``scripts/encoder_int8.py``), one sentence
per call as the typer runs it, for each window size: on every sentence, and only on the sentences
where the dictionary found a trigger (the window centred on its best trigger), one call each and one
padded call per document (what a detector hook could batch). Prints milliseconds
per sentence (averaged over *all* sentences) and as a share of spaCy's parse time. Set
OMP/MKL/OPENBLAS_NUM_THREADS=1 for a single-threaded measurement (the encoder's session uses one
thread).

    python scripts/encoder_cost.py [--data ../shared/data] [--docs 120] [--windows 16 24 32 64] [--encoder FILE] [--numpy]
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from whimbrel.config import DEFAULT_SPACY_MODEL  # noqa: E402
from whimbrel.events.detect import EventDetector  # noqa: E402
from whimbrel.language.embeddings import installed_minilm  # noqa: E402
from encoder_int8 import QuantisedMiniLM, packaged_encoder  # noqa: E402


def lgl_texts(data: Path, limit: int) -> list[str]:
    """The first ``limit`` LGL article texts."""
    root = ET.parse(data / "gold" / "geoparse" / "lgl.xml").getroot()
    return [a.findtext("text") or "" for a in list(root.iter("article"))[:limit]]


def timed(run) -> float:
    """CPU seconds of this process for one call of ``run``, best of three: on a shared machine the
    wall clock counts the time spent waiting for a core (everything here runs on one thread)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--windows", type=int, nargs="*", default=[16, 24, 32, 64])
    parser.add_argument("--numpy", action="store_true", help="time the float32 numpy encoder (embeddings.MiniLM) instead")
    parser.add_argument("--encoder", type=Path, help="an encoder file other than the shipped one (build_encoder.py --out)")
    args = parser.parse_args(argv)
    nlp = spacy.load(DEFAULT_SPACY_MODEL)
    texts = lgl_texts(args.data, args.docs)
    parse = timed(lambda: list(nlp.pipe(texts, batch_size=64)))
    docs = list(nlp.pipe(texts, batch_size=64))
    detector = EventDetector(typer=None)
    sentences = [s for doc in docs for s in doc.sents if not s.text.isspace()]
    doc_of = [id(s.doc) for s in sentences]
    found = [detector.dictionary_mentions(s) for s in sentences]
    centres = [
        max(ms, key=lambda m: m.confidence).trigger_i if ms else s.root.i for s, ms in zip(sentences, found)
    ]
    n = len(sentences)
    candidates = sum(1 for ms in found if ms)
    print(f"{args.docs} LGL articles, {n} sentences, {candidates} ({candidates / n:.0%}) with a dictionary trigger")
    print(f"spaCy parse: {parse / n * 1000:.2f} ms/sentence")
    encoder = QuantisedMiniLM.from_bytes(args.encoder.read_bytes()) if args.encoder else packaged_encoder()
    runner = installed_minilm() if args.numpy else encoder
    for window in args.windows:
        ids = [
            encoder.window_ids(s.text, s.doc[c].idx - s.start_char, window) for s, c in zip(sentences, centres)
        ]
        chosen = [i for i, ms in zip(ids, found) if ms]
        pieces = sum(len(i) for i in ids) / n
        every = timed(lambda ids=ids: [runner.encode_ids([i]) for i in ids])
        some = timed(lambda chosen=chosen: [runner.encode_ids([i]) for i in chosen])
        by_doc: dict[int, list[list[int]]] = {}
        for i, ms, d in zip(ids, found, doc_of):
            if ms:
                by_doc.setdefault(d, []).append(i)
        batched = timed(lambda by_doc=by_doc: [runner.encode_ids(b, batch_size=64) for b in by_doc.values()])
        print(
            f"window {window} (mean {pieces:.1f} pieces): every sentence {every / n * 1000:.2f} ms/sentence "
            f"({every / parse:.0%} of parse); trigger sentences only {some / n * 1000:.2f} ms/sentence "
            f"({some / parse:.0%} of parse); those in one call per document {batched / n * 1000:.2f} ms/sentence "
            f"({batched / parse:.0%} of parse)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
