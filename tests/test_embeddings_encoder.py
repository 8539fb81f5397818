"""The int8 MiniLM encoder: scripts/build_encoder.py's ONNX graphs against the numpy forward pass
(tiny random weights), int8 quantisation, and the trigger window."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from whimbrel.language.embeddings import MiniLM

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))  # the int8 encoder is an unshipped experiment; it lives beside its build script
from encoder_int8 import QuantisedMiniLM, quantise_rows  # noqa: E402

from test_embeddings import VOCAB, _tiny_weights

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
BUILD = SCRIPTS / "build_encoder.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_encoder", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _encoder(build, tmp_path: Path, graph: bytes, weights) -> QuantisedMiniLM:
    path = tmp_path / "encoder.npz"
    build.write(path, graph, weights, VOCAB)
    return QuantisedMiniLM.from_bytes(path.read_bytes())


SEQUENCES = [[2, 10, 11, 3], [2, 9, 10, 11, 12, 8, 7, 3], [2, 4, 5, 6, 3]]


@pytest.mark.parametrize("fused", [False, True])
def test_float_graph_matches_the_numpy_encoder(build, tmp_path, fused):
    weights = _tiny_weights(hidden=24)
    model = build.fused_graph(weights) if fused else build.float_graph(weights)
    encoder = _encoder(build, tmp_path, model.SerializeToString(), weights)
    reference = MiniLM(weights, VOCAB).encode_ids(SEQUENCES, batch_size=3)
    got = encoder.encode_ids(SEQUENCES, batch_size=3)  # padded batch
    # the only difference is the int8 word table
    assert np.allclose(got, reference, atol=0.02)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    alone = np.stack([encoder.encode_ids([s])[0] for s in SEQUENCES])
    assert np.allclose(alone, got, atol=1e-5)  # padding is masked out


def test_quantised_graph_stays_close_and_rebuilds_byte_for_byte(build, tmp_path):
    weights = _tiny_weights(hidden=24)
    graph = build.quantised_graph(build.float_graph(weights))
    assert graph == build.quantised_graph(build.float_graph(weights))
    encoder = _encoder(build, tmp_path, graph, weights)
    reference = MiniLM(weights, VOCAB).encode_ids(SEQUENCES)
    cosines = np.sum(encoder.encode_ids(SEQUENCES) * reference, axis=1)
    assert cosines.min() > 0.9


def test_quantise_rows_keeps_each_row_to_its_scale():
    table = np.array([[0.5, -1.0, 0.25], [0.0, 0.0, 0.0], [3.0, 1.0, -2.0]], np.float32)
    values, scales = quantise_rows(table)
    assert values.dtype == np.int8 and values[0, 1] == -127 and values[2, 0] == 127
    assert not values[1].any() and scales[1] == 1.0
    assert np.allclose(values * scales[:, None], table, atol=scales.max() / 2)


def test_window_is_cut_around_the_trigger(build, tmp_path):
    weights = _tiny_weights(hidden=24)
    encoder = _encoder(build, tmp_path, build.float_graph(weights).SerializeToString(), weights)
    text = "the " * 10 + "police arrested " + "the " * 10
    ids = encoder.window_ids(text, text.index("arrested"), window=6)
    assert [VOCAB[i] for i in ids] == ["[CLS]", "the", "police", "arrest", "##ed", "[SEP]"]  # trigger in the middle
    assert len(encoder.window_ids(text, 0, window=64)) == 2 + 10 + 3 + 10  # short enough: whole
    start = encoder.window_ids(text, 0, window=6)
    assert [VOCAB[i] for i in start] == ["[CLS]", "the", "the", "the", "the", "[SEP]"]
