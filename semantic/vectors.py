"""Pure similarity helpers over L2-normalised float32 rows: packing, cosine, int8 scan, top k.

No ORM: `semantic.neighbours` applies them to stored vectors, `matching.ranking` to its pools and
the embedded search engine to its snapshot, so all three compare vectors the same way.
"""

from __future__ import annotations

import numpy as np


def pack(vector: np.ndarray) -> bytes:
    """float32 bytes of a vector or matrix, as the embedding table stores them."""
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def unpack(raw: bytes | memoryview, dim: int) -> np.ndarray:
    """A float32 vector (or rows of `dim`) from stored bytes."""
    array = np.frombuffer(bytes(raw), dtype=np.float32)
    return array if array.shape[0] == dim else array.reshape(-1, dim)


def cosine(matrix: np.ndarray, vector: np.ndarray, *, quantised: QuantisedVectors | None = None) -> np.ndarray:
    """Cosine of every (unit) row with `vector`; approximate through the int8 copy when given."""
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    if quantised is not None:
        return quantised.cosine(vector)
    return matrix @ vector


def top_k(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Positions of the k highest scores (among `mask`), best first; ties by position."""
    positions = np.flatnonzero(mask) if mask is not None else np.arange(scores.shape[0])
    if k <= 0 or positions.size == 0:
        return positions[:0]
    values = scores[positions]
    if positions.size > k:
        keep = np.argpartition(-values, k - 1)[:k]
        positions, values = positions[keep], values[keep]
    order = np.lexsort((positions, -values))
    return positions[order]


_SCAN_CHUNK = 2048  # rows converted back to float32 at a time (a few MB: stays in cache)


class QuantisedVectors:
    """An int8 copy of a pool's vectors for a fast approximate scan, with an error bound per row.

    The pool's mean vector is taken out first (multilingual-e5 vectors share a large common part)
    and each remaining row is scaled by its own largest component, so `codes[i] * scales[i]` is
    within half a step of `vector[i] - center` in every component. `errors[i]` bounds the norm of
    what rounding lost: by Cauchy-Schwarz the approximate cosine of row i is within
    `errors[i] * |query|` of the exact one, which lets the ranking re-score exactly just the rows
    that could reach the top (`_top_bounded`): the candidates are those of the float32 scan.

    The copy is a quarter of the float32 vectors. Converting it back to float32 in chunks that
    stay in cache and multiplying those with BLAS takes well under half the time of the float32
    matrix-vector product, which is bound by memory bandwidth at 100k rows.
    """

    def __init__(self, vectors: np.ndarray) -> None:
        n, dim = vectors.shape
        self.center = vectors.mean(axis=0, dtype=np.float64).astype(np.float32)
        self.codes = np.empty((n, dim), dtype=np.int8)
        self.scales = np.empty(n, dtype=np.float32)
        self.errors = np.empty(n, dtype=np.float32)
        for start in range(0, n, _SCAN_CHUNK):
            rows = slice(start, start + _SCAN_CHUNK)
            chunk = vectors[rows].astype(np.float64) - self.center
            peak = np.abs(chunk).max(axis=1)
            scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
            codes = np.clip(np.rint(chunk / scale[:, None]), -127, 127)
            self.codes[rows] = codes
            self.scales[rows] = scale
            lost = np.linalg.norm(chunk - codes * scale[:, None].astype(np.float64), axis=1)
            # Rounded up past the float32 rounding of the vectors, the sums and the scale.
            self.errors[rows] = lost * (1 + 1e-3) + 1e-5

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self.scales.nbytes + self.errors.nbytes + self.center.nbytes

    def cosine(self, vector: np.ndarray) -> np.ndarray:
        """Approximate cosine of every row with `vector` (within `errors * |vector|`)."""
        vector = np.asarray(vector, dtype=np.float32)
        n = len(self.codes)
        out = np.empty(n, dtype=np.float32)
        buffer = np.empty((min(_SCAN_CHUNK, n), self.codes.shape[1]), dtype=np.float32)
        for start in range(0, n, _SCAN_CHUNK):
            codes = self.codes[start : start + _SCAN_CHUNK]
            rows = buffer[: len(codes)]
            rows[...] = codes
            np.dot(rows, vector, out=out[start : start + len(codes)])
        out *= self.scales
        out += np.float32(self.center @ vector)
        return out


