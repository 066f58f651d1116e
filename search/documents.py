"""Elasticsearch documents (elasticsearch.dsl): one index per type, the same searchable fields in each.

Every document has its text three times: `title`/`body` with a language-neutral folding analyzer,
and `title_nl`/`body_nl` (Snowball Dutch) or `title_en`/`body_en` (Snowball English) after its
content language, so that "zonnepanelen" finds "zonnepaneel" and "panels" finds "panel" — the
same stems as the embedded engine (search.stemming). Facets
are keywords, `vector` a dense_vector (cosine, HNSW) for kNN. An article type for the hub is one
more subclass here and one more source in search.sources.
"""

from __future__ import annotations

from typing import Any

from elasticsearch.dsl import (
    Date,
    DenseVector,
    Document,
    Index,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

from .backends.base import FACETS, SearchDocument

folding = analyzer("folding", tokenizer="standard", filter=["lowercase", "asciifolding"])
# The embedded engine's stems (search.stemming): Snowball Dutch and English after folding, and
# Dutch stems lose a doubled vowel (zonnepaneel, zonnepanelen: zonnepanel).
dutch = analyzer(
    "dutch_folded",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("dutch_stop", type="stop", stopwords="_dutch_"),
        token_filter("dutch_snowball", type="snowball", language="Dutch"),
        token_filter(
            "dutch_long_vowels", type="pattern_replace", pattern="([aeou])\\1", replacement="$1"
        ),
    ],
)
english = analyzer(
    "english_folded",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("english_possessive", type="stemmer", language="possessive_english"),
        token_filter("english_stop", type="stop", stopwords="_english_"),
        token_filter("english_snowball", type="snowball", language="English"),
    ],
)
LANGUAGE_ANALYZERS = {"nl": dutch, "en": english}
# Text fields searched, with their boosts: titles count most, then organisation and theme names.
SEARCH_FIELDS = [
    "title^3", "title_nl^3", "title_en^3", "extra^2", "body", "body_nl", "body_en",
]
HIGHLIGHT_FIELDS = ["title", "title_nl", "title_en", "body", "body_nl", "body_en"]


class SearchableDocument(Document):
    """The fields every searchable type shares."""

    doc_type = Keyword()
    object_id = Long()
    title = Text(analyzer=folding)
    body = Text(analyzer=folding)
    extra = Text(analyzer=folding)
    title_nl = Text(analyzer=dutch)
    body_nl = Text(analyzer=dutch)
    title_en = Text(analyzer=english)
    body_en = Text(analyzer=english)
    language = Keyword()
    status = Keyword()
    published_at = Date()
    expires_on = Date(format="yyyy-MM-dd")
    kind = Keyword()
    theme = Keyword()
    type = Keyword()
    province = Keyword()
    sdg = Keyword()
    organisation_kind = Keyword()
    encoder = Keyword()
    # dims follow the configured encoder: index_body() sets them.
    vector = DenseVector(index=True, similarity="cosine")


class OfferDocument(SearchableDocument):
    """A published offer."""


class NeedDocument(SearchableDocument):
    """A published need."""


class OrganisationDocument(SearchableDocument):
    """An organisation's profile."""


DOCUMENT_CLASSES: dict[str, type[SearchableDocument]] = {
    "offer": OfferDocument,
    "need": NeedDocument,
    "organisation": OrganisationDocument,
}


def index_body(doc_type: str, *, dims: int, shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    """Settings (with the analyzers) and mappings of a new index for one document type."""
    index = Index("template")
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.document(DOCUMENT_CLASSES[doc_type])
    body = index.to_dict()
    body["mappings"]["properties"]["vector"]["dims"] = dims
    return body


def to_source(
    document: SearchDocument, *, vector: list[float] | None = None, encoder: str = ""
) -> dict[str, Any]:
    """The `_source` of one document: shared text, text per language, facets, dates, vector."""
    source: dict[str, Any] = {
        "doc_type": document.doc_type,
        "object_id": document.object_id,
        "title": document.title,
        "body": document.body,
        "extra": document.extra,
        "language": document.language,
        "status": document.status,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "expires_on": document.expires_on.isoformat() if document.expires_on else None,
    }
    # Profiles carry no language: their text is analysed as Dutch and as English.
    for language in [document.language] if document.language else list(LANGUAGE_ANALYZERS):
        if language in LANGUAGE_ANALYZERS:
            source[f"title_{language}"] = document.title
            source[f"body_{language}"] = document.body
    for name in FACETS:
        source[name] = list(document.facets.get(name, ()))
    if vector is not None:
        source["vector"] = vector
        source["encoder"] = encoder
    return source
