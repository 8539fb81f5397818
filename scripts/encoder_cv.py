"""Train cross-validation of the typer with the int8 contextual MiniLM block (measured, not shipped).

Runs ``scripts/train_events.py`` (its ``--cv`` protocol and flags) with one more dense block,
``contextual``: the static block (``--context-static``) followed by the int8 encoder's
(``scripts/encoder_int8.py``, built by ``scripts/build_encoder.py``) mean-pooled vector of a
``--context-window``-piece window around the dictionary's best trigger, for the sentences where the
dictionary found a trigger (zeros for the others) or for every sentence (``--context-every-sentence``,
centred on the root where there is no trigger). ``--context-penta-only`` lets only the 5-way head
read the encoder's part (the type head gets zeros there). One encoder call per sentence, as a typer
would run it (dynamic int8 quantisation scales a whole call's activations together, so a batch
would change a sentence's vector). The shipped model and ``whimbrel.events.model`` are untouched:
the block is patched into both modules here.

    python scripts/encoder_cv.py --encoder src/whimbrel/data/encoder_minilm.npz [--context-window 64]
        [--context-every-sentence] [--context-static] [--context-penta-only]
        -- --shared ../shared/data --cv --cv-shipped --cv-quantised --cv-dense-scales 0.5
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import train_events  # noqa: E402
from whimbrel.events import model as events_model  # noqa: E402
from encoder_int8 import QuantisedMiniLM  # noqa: E402


class ContextualBlock:
    """The ``contextual`` dense block of one encoder and one setting, with a cache by token ids."""

    def __init__(self, encoder: QuantisedMiniLM, window: int, every_sentence: bool, static: bool) -> None:
        self.encoder = encoder
        self.window = window
        self.every_sentence = every_sentence
        self.static = static
        self.cache: dict[tuple[int, ...], np.ndarray] = {}

    def ids(self, sent, mentions: Sequence) -> list[int] | None:
        """The window the encoder reads for the sentence; None when it reads none."""
        if not mentions and not self.every_sentence:
            return None
        centre = sent.doc[events_model._best_trigger(sent, mentions)].idx - sent.start_char
        return self.encoder.window_ids(sent.text, centre, self.window)

    def vector(self, sent, mentions: Sequence) -> np.ndarray:
        """[static block |] the encoder's vector of :meth:`ids` (zeros where None)."""
        ids = self.ids(sent, mentions)
        contextual = np.zeros(self.encoder.positions.shape[1], np.float32)
        if ids is not None:
            key = tuple(ids)
            if key not in self.cache:
                self.cache[key] = self.encoder.encode_ids([ids])[0]
            contextual = self.cache[key]
        if not self.static:
            return contextual
        return np.concatenate([events_model.static_features(sent, mentions), contextual])


def install(block: ContextualBlock, penta_only: bool) -> None:
    """Patch the block into training and into the typer's run-time lookup."""
    original = events_model.block_features

    def block_features(sent, mentions, name: str) -> np.ndarray:
        return block.vector(sent, mentions) if name == "contextual" else original(sent, mentions, name)

    events_model.block_features = block_features
    train_events.block_features = block_features
    train_events.DENSE_BLOCKS = (*train_events.DENSE_BLOCKS, "contextual")
    events_model.EventTyper.check_block = lambda self: None  # the width is this script's to keep right
    if penta_only and block.static:
        _blind_type_head(2 * events_model.embeddings.packaged_static().dim)


def _blind_type_head(static_width: int) -> None:
    """Zero the encoder's columns for every head but the 5-way one (no weight is learnt for them)."""
    fit_head, matrix = train_events.fit_head, train_events.matrix
    current = {"head": ""}

    def blind_matrix(examples, index, dense_scale: float = 0.0):
        x = matrix(examples, index, dense_scale)
        if dense_scale <= 0 or current["head"] == "penta":
            return x
        keep = np.ones(x.shape[1])
        keep[len(index) + static_width :] = 0.0
        return x.multiply(keep[None, :]).tocsr()

    def fit(examples, label_of, index, c, head, dense_scale=0.0):
        current["head"] = head
        return fit_head(examples, label_of, index, c, head, dense_scale)

    train_events.matrix, train_events.fit_head = blind_matrix, fit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", type=Path, default=ROOT / "src" / "whimbrel" / "data" / "encoder_minilm.npz")
    parser.add_argument("--context-window", type=int, default=64)
    parser.add_argument("--context-every-sentence", action="store_true")
    parser.add_argument("--context-static", action="store_true", help="the static block first")
    parser.add_argument("--context-penta-only", action="store_true", help="only the 5-way head reads the encoder")
    args, rest = parser.parse_known_args(argv)
    encoder = QuantisedMiniLM.from_bytes(args.encoder.read_bytes())
    block = ContextualBlock(encoder, args.context_window, args.context_every_sentence, args.context_static)
    install(block, args.context_penta_only)
    rest = [a for a in rest if a != "--"]
    return train_events.main([*rest, "--dense-block", "contextual"])


if __name__ == "__main__":
    raise SystemExit(main())
