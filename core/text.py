"""The one text folding and the one text hash of the project (pure, no Django)."""

from __future__ import annotations

import hashlib
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, so coöperatie and cooperatie meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def text_hash(text: str) -> str:
    """The SHA-256 hex digest of the UTF-8 text: what a stored vector says it encodes."""
    return hashlib.sha256(text.encode()).hexdigest()


def without_final_stop(name: str) -> str:
    """A name to end a sentence with: "Zonnedorp U.A." loses its own full stop ("… U.A.")."""
    return name[:-1] if name.endswith(".") else name
