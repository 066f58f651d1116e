"""Baselines the matcher is measured against: BM25, TF-IDF on character n-grams, dense-only."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from semantic.encoders import Encoder

from .ranking import Bm25Index, NeedRecord, OfferRecord


def bm25_scores(needs: Sequence[NeedRecord], offers: Sequence[OfferRecord]) -> np.ndarray:
    """Okapi BM25 (k1 1.2, b 0.75) over folded words: a (needs, offers) score matrix."""
    index = Bm25Index([offer.text for offer in offers])
    return np.stack([index.scores(need.text) for need in needs]).reshape(len(needs), len(offers))


def tfidf_char_scores(needs: Sequence[NeedRecord], offers: Sequence[OfferRecord]) -> np.ndarray:
    """Cosine of TF-IDF vectors over character 3-5-grams within word boundaries."""
    return tfidf_char_text_scores([need.text for need in needs], [offer.text for offer in offers])


def tfidf_char_text_scores(queries: Sequence[str], documents: Sequence[str]) -> np.ndarray:
    """A (queries, documents) cosine matrix of TF-IDF over character 3-5-grams (fitted on the
    documents)."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    document_matrix = vectorizer.fit_transform(list(documents))
    query_matrix = vectorizer.transform(list(queries))
    return np.asarray((query_matrix @ document_matrix.T).todense())


def dense_scores(
    encoder: Encoder, needs: Sequence[NeedRecord], offers: Sequence[OfferRecord]
) -> np.ndarray:
    """Raw cosine between the needs as queries and the offers as passages."""
    queries = encoder.encode_queries([need.text for need in needs])
    passages = encoder.encode_passages([offer.text for offer in offers])
    return queries @ passages.T
