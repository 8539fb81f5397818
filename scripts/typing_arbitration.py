"""Choose how the event typer and the CAMEO dictionary share a sentence, by cross-validation on train parts.

Five typers are fitted as ``scripts/train_events.py`` fits the shipped one (NGEC stories always in,
the static MiniLM block at scale 0.5, balanced type head, C 8 / 32, int8 weights as saved), each without
one fifth of the gold train sentences (PLOVER GSR's train split and ConfliBERT's ``train.tsv``; fold by
crc32 of the text, as ``scripts/actors_heldout.py``). Every held-out sentence is then decoded by
``EventDetector`` with the typer that never saw it, under each arbitration setting
(``whimbrel.events.detect.Decoding``: the pattern retype margin, the statement keep bar and their
scopes), and scored as ``whimbrel eval`` scores: the highest-confidence event's PLOVER type (PLOVER
GSR), its 5-way class (ConfliBERT), and any-event agreement. No test split and no evaluation-only set is
read.

Usage: ``python scripts/typing_arbitration.py [--shared ../shared/data] [--work /tmp/whimbrel_arbitration]``
"""

from __future__ import annotations

import argparse
import copy
import itertools
import pickle
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import spacy
from sklearn.metrics import accuracy_score, f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_events  # noqa: E402
from whimbrel.codes.table import CodeTable  # noqa: E402
from whimbrel.config import DEFAULT_SPACY_MODEL  # noqa: E402
from whimbrel.evaluation.scoring import PENTA_BY_TYPE  # noqa: E402
from whimbrel.events.detect import Decoding, EventDetector, _side_by_side, merge_restated  # noqa: E402
from whimbrel.events.model import EventTyper, penta_of_code, sentence_features  # noqa: E402

FOLDS = 5
DENSE_BLOCK, DENSE_SCALE = "static", 0.5  # as train_events.py's defaults (the shipped model)


@dataclass
class Held:
    """One held-out gold sentence group (an example's text), its parse and the fold model's readings."""

    example: train_events.Example
    doc: object
    sents: list  # (sentence span, dictionary mentions, prediction)


def fold_of(text: str) -> int:
    """The fold a gold sentence is held out in."""
    return zlib.crc32(text.encode("utf-8")) % FOLDS


def load_features(shared: Path, cache: Path) -> list[train_events.Example]:
    """The training sentences with the current dictionary's features (cached in ``cache``)."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    examples = train_events.load_examples(shared, CodeTable.load())
    train_events.featurise(examples, DEFAULT_SPACY_MODEL, DENSE_BLOCK)
    cache.write_bytes(pickle.dumps(examples))
    return examples


def fold_typers(examples: list[train_events.Example], work: Path) -> list[EventTyper]:
    """The five fold typers (fitted when missing), each loaded from its saved int8 file."""
    train_events.CLASS_WEIGHT["type"] = "balanced"
    allowed = CodeTable.load().allowed_classes()
    typers = []
    for k in range(FOLDS):
        path = work / f"fold{k}.npz"
        if not path.exists():
            kept = [e for e in examples if e.source == "ngec" or fold_of(e.text) != k]
            model = train_events.train(kept, allowed, 8.0, 32.0, dense_scale=DENSE_SCALE, dense_block=DENSE_BLOCK)
            model.save(path)
            print(f"fold {k}: fitted on {len(kept)} sentences", file=sys.stderr, flush=True)
        typers.append(EventTyper.load(path))
    return typers


def held_out(examples: list[train_events.Example], typers: list[EventTyper]) -> list[Held]:
    """Every gold train sentence group parsed, with its dictionary mentions and its fold typer's prediction."""
    gold = [e for e in examples if e.source != "ngec"]
    nlp = spacy.load(DEFAULT_SPACY_MODEL)
    dictionary = EventDetector(typer=None)
    out = []
    for example, doc in zip(gold, nlp.pipe((e.text for e in gold), batch_size=64)):
        typer = typers[fold_of(example.text)]
        sents = []
        for sent in doc.sents:
            if sent.text.isspace():
                continue
            mentions = dictionary.dictionary_mentions(sent)
            vector = typer.dense_vector(sent, mentions)
            sents.append((sent, mentions, typer.predict(sentence_features(sent, mentions), vector)))
        out.append(Held(example, doc, sents))
    return out


def decode(detector: EventDetector, held: Held) -> list:
    """The held-out sentence group's mentions as ``EventDetector.detect`` gives them, with its fold's prediction."""
    found = []
    for sent, mentions, prediction in held.sents:
        typed = detector._typed(sent, [copy.copy(m) for m in mentions], prediction)
        found.extend(_side_by_side(held.doc, merge_restated(held.doc, typed)))
    return found


def primary(mentions: list) -> tuple[str, int]:
    """(type, 5-way class) of the highest-confidence mention, as ``whimbrel eval`` reads a sentence."""
    if not mentions:
        return "NONE", 0
    top = max(mentions, key=lambda m: m.confidence)
    penta = penta_of_code(top.cameo)
    return top.event_type, penta if penta is not None else PENTA_BY_TYPE.get(top.event_type, 0)


def score(detector: EventDetector, groups: list[Held]) -> dict[str, float]:
    """PLOVER type accuracy and macro-F1, ConfliBERT 5-way macro-F1, any-event agreement and their mean,
    plus two diagnostics: statement no-event and how often the dictionary's best code root survives."""
    t, tp, p, pp, anyone, quiet, kept = [], [], [], [], [], [], []
    for held in groups:
        found = decode(detector, held)
        kind, penta = primary(found)
        e = held.example
        if e.source == "plover":
            t.append(e.event_type)
            tp.append(kind)
            anyone.append(any(m.event_type == e.event_type for m in found))
        else:
            p.append(e.penta)
            pp.append(penta)
            if e.penta != 0:
                anyone.append(any(penta_of_code(m.cameo) == e.penta for m in found))
            else:
                quiet.append(not found)
        dictionary = [m for _, ms, _ in held.sents for m in ms if m.cameo]
        if dictionary:
            best = max(dictionary, key=lambda m: m.confidence)
            kept.append(any((m.cameo or "")[:2] == best.cameo[:2] for m in found))
    scores = {
        "plover_acc": accuracy_score(t, tp),
        "plover_f1": f1_score(t, tp, average="macro", labels=sorted(set(t))),
        "conflibert_f1": f1_score(p, pp, average="macro"),
        "any_event": float(np.mean(anyone)),
    }
    scores["mean"] = float(np.mean(list(scores.values())))
    scores["statement_quiet"] = float(np.mean(quiet))
    scores["dictionary_root_kept"] = float(np.mean(kept))
    return scores


def grid() -> list[Decoding]:
    """The arbitration settings scored: the shipped decoding first, then every combination."""
    base = Decoding()
    settings = [base]
    for margin, unread, keep_below, scope, thin in itertools.product(
        (0.0, 0.1, 0.2, 0.3, 0.5), (True, False), (0.0, 0.6, 0.7, 0.8, 0.9), ("specific", "verb", "any"), (False, True)
    ):
        if keep_below == 0.0 and scope != "specific":
            continue  # the scope of a rule that is off
        if margin == 0.0 and not unread:
            continue
        settings.append(
            replace(
                base,
                pattern_retype_margin=margin,
                pattern_margin_unread_only=unread,
                statement_keep_below=keep_below,
                statement_keep_scope=scope,
                thin_patterns_count=thin,
            )
        )
    return list(dict.fromkeys(settings))


def label(decoding: Decoding) -> str:
    """The arbitration fields of a setting, short."""
    return (
        f"margin={decoding.pattern_retype_margin} unread_only={decoding.pattern_margin_unread_only} "
        f"keep_below={decoding.statement_keep_below} scope={decoding.statement_keep_scope} "
        f"thin={decoding.thin_patterns_count}"
    )


def main() -> None:
    """Fit or load the fold typers, score every setting, print the dictionary, the shipped and the best."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/whimbrel_arbitration"))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--show", type=int, default=0, help="print this many train sentences the best setting and the shipped one code differently")
    parser.add_argument("--against", default="", help="with --show: compare the shipped setting with this one (field=value,...) instead of the best")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    examples = load_features(args.shared, args.work / "features.pkl")
    groups = held_out(examples, fold_typers(examples, args.work))
    dictionary = EventDetector(typer=None)
    print("dictionary only:", _dictionary_scores(dictionary, groups), flush=True)
    detector = EventDetector(lexicon=dictionary.lexicon, typer=None)
    results = []
    for decoding in grid():
        detector.decoding = decoding
        results.append((score(detector, groups), decoding))
    shipped = results[0]
    print("shipped:", _line(*shipped), flush=True)
    ranked = sorted(results, key=lambda r: -r[0]["mean"])
    for scores, decoding in ranked[: args.top]:
        print(_line(scores, decoding), flush=True)
    if args.show:
        _show_changes(detector, groups, shipped[1], _setting(args.against) if args.against else ranked[0][1], args.show)


def _setting(text: str) -> Decoding:
    """A decoding from ``field=value,...`` (the shipped one's other fields)."""
    fields = {}
    for pair in text.split(","):
        name, value = pair.split("=")
        current = getattr(Decoding(), name)
        fields[name] = value == "True" if isinstance(current, bool) else type(current)(value)
    return replace(Decoding(), **fields)


def _show_changes(detector: EventDetector, groups: list[Held], old: Decoding, new: Decoding, limit: int) -> None:
    """Held-out train sentences whose primary event the two settings read differently, with the gold label."""
    shown = 0
    for held in groups:
        if shown >= limit:
            break
        detector.decoding = old
        before = [(m.event_type, m.cameo) for m in decode(detector, held)]
        detector.decoding = new
        after = [(m.event_type, m.cameo) for m in decode(detector, held)]
        if before != after:
            e = held.example
            print(f"[{e.source} gold={e.event_type or e.penta}] {e.text[:200]}\n  shipped={before}\n  best={after}")
            shown += 1


def _dictionary_scores(dictionary: EventDetector, groups: list[Held]) -> str:
    """The dictionary alone (no typer), scored the same way."""
    class _Quiet(EventDetector):
        def _typed(self, sent, mentions, prediction=None):  # type: ignore[override]
            return mentions

    quiet = _Quiet(lexicon=dictionary.lexicon, typer=None)
    return " ".join(f"{k}={v:.3f}" for k, v in score(quiet, groups).items())


def _line(scores: dict[str, float], decoding: Decoding) -> str:
    return " ".join(f"{k}={v:.4f}" for k, v in scores.items()) + " | " + label(decoding)


if __name__ == "__main__":
    main()
