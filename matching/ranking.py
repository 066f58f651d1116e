"""The pure ranking pipeline: candidates -> hard rules -> features -> ranker.

No ORM here: callers (the site's services, the evaluation command, benchmarks) turn listings
into the plain records below, build a pool once, and rank against it. The same code ranks
offers for a need, needs for an offer (leads) and needs for a need (similar needs).

Scores of the dense and lexical retrievers are standardised per language of the candidates:
a multilingual encoder still rates a same-language pair higher than an equally good
cross-language pair, so "how far above the other English offers" is fairer than a raw cosine.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from semantic.encoders import Encoder
from semantic.texts import listing_text, split_sentences
from semantic.vectors import QuantisedVectors

from . import glossary
from .text import Price, parse_prices, tokenize

ListingId = int | str

NATIONAL = "national"

OFFERS_FOR_NEED = "offers_for_need"
NEEDS_FOR_OFFER = "needs_for_offer"
SIMILAR_NEEDS = "similar_needs"
DIRECTIONS = (OFFERS_FOR_NEED, NEEDS_FOR_OFFER, SIMILAR_NEEDS)

# Hard rules, in the order they are reported.
RULES = (
    "self",
    "unpublished",
    "own",
    "declined",
    "region",
    "legal_form",
    "initiative_kind",
    "min_members",
)

FEATURES = (
    "semantic",  # dense cosine, standardised within the candidates' language (z-score)
    "lexical",  # BM25, standardised within the candidates' language (z-score)
    "theme_match",  # 1 same theme, 0 not
    "sdg_overlap",  # Jaccard overlap of the SDGs, when both name some
    "region_fit",  # 1 the province is named, 0 served nationally, -1 not served
    "type_fit",  # 1 the offer type fits what is needed, -1 it does not, 0 partly
    "audience_fit",  # how much the offer's free-text eligibility points at this kind of initiative
    "budget_fit",  # 1 the price fits the budget, -1 it does not
    "freshness",  # 1 published today, 0.5 one half-life ago
    "responsiveness",  # share of interest the other side answered, 0..1
    # Offers for a need only: the best cosine between any sentence of the need and any sentence
    # of the offer (stored passage vectors), z-scored within the candidates' language among the
    # candidates ranked (never over the whole pool); NaN without sentence vectors.
    "sentence_max",
)
# Which stored vector of a pool's listings the dense retriever compares the query vector with.
POOL_VECTORS = ("passage", "query")
# The value a missing feature takes (the same for the default scorer and trained models).
NEUTRAL = dict.fromkeys(FEATURES, 0.0) | {"freshness": 0.5, "responsiveness": 0.5}

# Who the offer's eligibility text is compared with (an English label works for both languages
# with a multilingual encoder).
INITIATIVE_KINDS = (
    "energy_coop",
    "care_coop",
    "housing_coop",
    "neighbourhood_enterprise",
    "village_association",
    "resident_initiative",
    "food_coop",
    "repair_cafe",
    "other",
)
INITIATIVE_KIND_LABELS = {
    "energy_coop": "energy cooperative",
    "care_coop": "care cooperative",
    "housing_coop": "housing cooperative",
    "neighbourhood_enterprise": "neighbourhood enterprise",
    "village_association": "village association",
    "resident_initiative": "resident initiative",
    "food_coop": "food cooperative",
    "repair_cafe": "repair café",
    "other": "citizen initiative",
}

# need_type -> offer_type -> fit. Missing pairs are 0 (could partly help).
TYPE_FIT: dict[str, dict[str, float]] = {
    "money": {"loan": 1, "grant": 1, "product": -1, "subscription": -1},
    "product": {"product": 1, "subscription": 1, "advice": -1},
    "service": {"service": 1, "subscription": 1, "advice": 1},
    "knowledge": {"advice": 1, "service": 1, "loan": -1, "grant": -1, "product": -1},
    "volunteers": {"service": 1, "loan": -1, "grant": -1, "product": -1},
}
MONEY_OFFER_TYPES = frozenset({"loan", "grant"})
# Needs whose budget is money to spend on what an offer charges for; a money need's budget is the
# amount sought and volunteers are not bought, so neither is compared with a price.
BUDGET_NEED_TYPES = frozenset({"product", "service", "knowledge"})


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Who may use an offer: structured rules are hard, the free text only a soft feature."""

    legal_forms: frozenset[str] = frozenset()
    initiative_kinds: frozenset[str] = frozenset()
    min_members: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class OfferRecord:
    """What the ranker knows about an offer."""

    id: ListingId
    title: str
    description: str = ""
    theme: str = ""
    offer_type: str = ""
    regions: frozenset[str] = frozenset()
    national: bool = False
    eligibility: Eligibility = field(default_factory=Eligibility)
    sdgs: frozenset[int] = frozenset()
    language: str = ""
    published_at: datetime.datetime | None = None
    price_text: str = ""
    responsiveness: float | None = None
    organisation_id: ListingId | None = None
    declined_ids: frozenset[ListingId] = frozenset()
    published: bool = True

    @property
    def text(self) -> str:
        return listing_text(self.title, self.description)


@dataclass(frozen=True, slots=True)
class NeedRecord:
    """What the ranker knows about a need and the initiative behind it."""

    id: ListingId
    title: str
    description: str = ""
    theme: str = ""
    need_type: str = ""
    province: str = ""
    initiative_kind: str = ""
    legal_form: str = ""
    member_count: int | None = None
    sdgs: frozenset[int] = frozenset()
    budget_max: float | None = None
    budget_text: str = ""
    language: str = ""
    published_at: datetime.datetime | None = None
    responsiveness: float | None = None
    organisation_id: ListingId | None = None
    declined_ids: frozenset[ListingId] = frozenset()
    published: bool = True

    @property
    def text(self) -> str:
        return listing_text(self.title, self.description)


Record = OfferRecord | NeedRecord


# --------------------------------------------------------------------------------------------
# Embeddings (computed by an encoder; stored later with the encoder's name)


@dataclass(frozen=True, slots=True)
class PoolEmbeddings:
    """Passage vectors for a pool of listings, all from one model."""

    model: str
    vectors: np.ndarray  # (n, dim), L2-normalised
    audience: np.ndarray | None = None  # (n, len(INITIATIVE_KINDS)); NaN rows: no eligibility text
    # Sentence vectors per listing ((k, dim) passage vectors in split_sentences order, None: not
    # embedded), as a sequence or a function of the position read only for the candidates.
    sentences: Sequence[np.ndarray | None] | Callable[[int], np.ndarray | None] | None = None


@dataclass(frozen=True, slots=True)
class QueryEmbedding:
    """The query vector of the listing we rank for."""

    model: str
    vector: np.ndarray  # (dim,)
    audience: np.ndarray | None = None  # an offer's audience profile, for leads
    sentences: np.ndarray | None = None  # (k, dim) passage vectors of its sentences (sentence_max)


_kind_vectors: dict[str, np.ndarray] = {}


def initiative_kind_vectors(encoder: Encoder) -> np.ndarray:
    """Query vectors of the initiative-kind labels, in INITIATIVE_KINDS order (cached)."""
    if encoder.name not in _kind_vectors:
        labels = [INITIATIVE_KIND_LABELS[kind] for kind in INITIATIVE_KINDS]
        _kind_vectors[encoder.name] = encoder.encode_queries(labels)
    return _kind_vectors[encoder.name]


def audience_profiles(
    eligibility_vectors: np.ndarray, kind_vectors: np.ndarray, has_text: np.ndarray
) -> np.ndarray:
    """How much each eligibility text points at each kind, relative to the other kinds (z-score).

    Standardising across the kinds of one offer keeps the figure independent of the other
    offers, so it can be stored with the offer's vectors.
    """
    similarity = np.asarray(eligibility_vectors, dtype=np.float32) @ kind_vectors.T
    mean = similarity.mean(axis=1, keepdims=True)
    std = similarity.std(axis=1, keepdims=True)
    std[std < 1e-6] = 1.0
    profiles = ((similarity - mean) / std).astype(np.float32)
    profiles[~np.asarray(has_text, dtype=bool)] = np.nan
    return profiles


def embed_sentences(encoder: Encoder, texts: Sequence[str]) -> list[np.ndarray]:
    """Passage vectors of the sentences of each text (split_sentences order), in one call: what
    semantic.services stores per listing (`Embedding.sentences`)."""
    spans = [split_sentences(text) for text in texts]
    flat = encoder.encode_passages([span.text for parts in spans for span in parts])
    result, offset = [], 0
    for parts in spans:
        result.append(np.asarray(flat[offset : offset + len(parts)], dtype=np.float32))
        offset += len(parts)
    return result


def embed_pool(
    encoder: Encoder,
    records: Sequence[Record],
    *,
    vectors: str | None = None,
    sentences: bool = False,
) -> PoolEmbeddings:
    """Encode a pool's texts (and offers' eligibility texts, as passages) with `encoder`.

    `vectors`: "query" encodes the listings the way the query side is encoded (e5's symmetric
    use, what linear-v2 ranks with), "passage" as passages (linear-v1); None: what the default
    ranker uses (`pool_vectors`). With `sentences` each listing's sentence vectors too
    (`embed_sentences`, for the `sentence_max` feature).
    """
    texts = [record.text for record in records]
    sentence_vectors = embed_sentences(encoder, texts) if sentences else None
    if pool_vectors(vectors) == "query":
        matrix = encoder.encode_queries(texts)
    else:
        matrix = encoder.encode_passages(texts)
    audience = None
    if records and all(isinstance(record, OfferRecord) for record in records):
        texts = [record.eligibility.text.strip() for record in records]
        has_text = np.array([bool(text) for text in texts])
        eligibility_vectors = np.zeros((len(records), encoder.dim), dtype=np.float32)
        if has_text.any():
            eligibility_vectors[has_text] = encoder.encode_passages(
                [text for text in texts if text]
            )
        audience = audience_profiles(
            eligibility_vectors, initiative_kind_vectors(encoder), has_text
        )
    return PoolEmbeddings(
        model=encoder.name, vectors=matrix, audience=audience, sentences=sentence_vectors
    )


def embed_query(encoder: Encoder, record: Record, *, sentences: bool = False) -> QueryEmbedding:
    """Encode the listing we rank for as a query (an offer also gets its audience profile; with
    `sentences`, its sentence vectors as stored: passages)."""
    vector = encoder.encode_queries([record.text])[0]
    sentence_vectors = embed_sentences(encoder, [record.text])[0] if sentences else None
    audience = None
    if isinstance(record, OfferRecord) and record.eligibility.text.strip():
        eligibility = encoder.encode_passages([record.eligibility.text])
        audience = audience_profiles(
            eligibility, initiative_kind_vectors(encoder), np.array([True])
        )[0]
    return QueryEmbedding(
        model=encoder.name, vector=vector, audience=audience, sentences=sentence_vectors
    )


# --------------------------------------------------------------------------------------------
# Lexical retrieval


class Bm25Index:
    """Okapi BM25 over folded word tokens, kept as one column-major sparse matrix of weights.

    Query terms found in more than `max_df` of the documents are skipped: their weight is
    close to zero and their posting lists are the longest (this keeps queries fast at 100k).
    """

    def __init__(
        self, texts: Sequence[str], *, k1: float = 1.2, b: float = 0.75, max_df: float = 0.5
    ) -> None:
        self._vectorizer = CountVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None)
        self._size = len(texts)
        self._weights = None
        if not any(text.strip() for text in texts):
            return
        counts = self._vectorizer.fit_transform(texts).tocsr().astype(np.float32)
        n_docs = counts.shape[0]
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        average = lengths.mean() or 1.0
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log1p((n_docs - document_frequency + 0.5) / (document_frequency + 0.5))
        norm = k1 * (1 - b + b * lengths / average)
        rows = np.repeat(np.arange(n_docs), np.diff(counts.indptr))
        tf = counts.data
        counts.data = (idf[counts.indices] * tf * (k1 + 1) / (tf + norm[rows])).astype(np.float32)
        self._weights = counts.tocsc()
        self._common = document_frequency > max(max_df * n_docs, 1)

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of every document for the query `text`."""
        if self._weights is None:
            return np.zeros(self._size, dtype=np.float32)
        vocabulary = self._vectorizer.vocabulary_
        counts = Counter(token for token in tokenize(text) if token in vocabulary)
        terms = [vocabulary[token] for token in counts]
        keep = [i for i, term in enumerate(terms) if not self._common[term]]
        if not keep:
            return np.zeros(self._size, dtype=np.float32)
        weights = np.array(list(counts.values()), dtype=np.float32)[keep]
        columns = self._weights[:, [terms[i] for i in keep]]
        return np.asarray(columns @ weights, dtype=np.float32).ravel()


def standardise_by_group(
    scores: np.ndarray,
    groups: np.ndarray,
    *,
    min_group_size: int = 5,
    sample: np.ndarray | None = None,
) -> np.ndarray:
    """z-scores within each group (language); groups smaller than `min_group_size` use the pool's.

    With `sample` (positions), means and deviations are estimated from those positions only,
    which keeps large pools fast; the z-scores are still given for every position.
    """
    scores = np.asarray(scores, dtype=np.float32)
    if scores.size == 0:
        return scores
    observed = scores if sample is None else scores[sample]
    observed_groups = groups if sample is None else groups[sample]
    mean, std = group_statistics(
        observed, observed_groups, int(groups.max()) + 1, min_group_size=min_group_size
    )
    return (scores - mean[groups]) / std[groups]


def group_statistics(
    scores: np.ndarray, groups: np.ndarray, n_groups: int, *, min_group_size: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and deviation (float32) of `scores` per group, as `standardise_by_group` uses them."""
    values = np.asarray(scores).astype(np.float64)
    return _statistics_from_sums(
        np.bincount(groups, minlength=n_groups).astype(np.float64),
        np.bincount(groups, weights=values, minlength=n_groups),
        np.bincount(groups, weights=values * values, minlength=n_groups),
        min_group_size=min_group_size,
    )


def _statistics_from_sums(
    counts: np.ndarray, sums: np.ndarray, squares: np.ndarray, *, min_group_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per-group mean and deviation from counts, sums and sums of squares (float64 in).

    Groups smaller than `min_group_size` get the figures of all scores; a constant group gets an
    infinite deviation (z = 0: it carries no information).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / counts
        std = np.sqrt(np.maximum(squares / counts - mean * mean, 0.0))
    small = counts < min_group_size
    total = counts.sum()
    pooled_mean = sums.sum() / total
    mean[small] = pooled_mean
    std[small] = np.sqrt(max(squares.sum() / total - pooled_mean * pooled_mean, 0.0))
    std[~(std > 1e-9)] = np.inf
    return mean.astype(np.float32), std.astype(np.float32)


class _CosineMoments:
    """Sums of the vectors and of their outer products per language, over the statistics rows.

    The mean and variance of the cosines of these rows with any query follow from them exactly
    (mean = q.s / n, mean square = q.S.q / n), so the per-language statistics of the semantic
    scores of a large pool cost a few 384x384 products per query instead of a pass over rows.
    """

    def __init__(
        self, vectors: np.ndarray, rows: np.ndarray | None, groups: np.ndarray, n_groups: int
    ) -> None:
        positions = np.arange(len(vectors)) if rows is None else rows
        self.counts = np.bincount(groups[positions], minlength=n_groups).astype(np.float64)
        self.present = np.flatnonzero(self.counts)  # only these have sums
        dim = vectors.shape[1]
        self.sums = np.zeros((len(self.present), dim))
        self.squares = np.zeros((len(self.present), dim, dim))
        for start in range(0, len(positions), 1024):
            part = positions[start : start + 1024]
            chunk, chunk_groups = vectors[part].astype(np.float64), groups[part]
            for slot, group in enumerate(self.present):
                selected = chunk[chunk_groups == group]
                self.sums[slot] += selected.sum(axis=0)
                self.squares[slot] += selected.T @ selected

    def statistics(
        self, vector: np.ndarray, *, by_group: bool, min_group_size: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per-group mean and deviation of the cosines with `vector` (one group if not by_group)."""
        query = np.asarray(vector, dtype=np.float64)
        counts = self.counts
        sums, squares = np.zeros(len(counts)), np.zeros(len(counts))
        sums[self.present] = self.sums @ query
        squares[self.present] = (self.squares @ query) @ query
        if not by_group:
            counts, sums, squares = (
                counts.sum(keepdims=True),
                sums.sum(keepdims=True),
                squares.sum(keepdims=True),
            )
        return _statistics_from_sums(counts, sums, squares, min_group_size=min_group_size)


# --------------------------------------------------------------------------------------------
# Pools: everything the ranker needs about the candidates, precomputed once


STATS_SAMPLE = 8192


class _Codes:
    """Stable small-integer codes for strings (0 is reserved for "unknown")."""

    def __init__(self) -> None:
        self.codes: dict[Any, int] = {}

    def code(self, value: Any) -> int:
        if value in (None, ""):
            return 0
        return self.codes.setdefault(value, len(self.codes) + 1)

    def get(self, value: Any) -> int:
        """The code of a value, -1 if unseen (never equal to any pool code)."""
        if value in (None, ""):
            return 0
        return self.codes.get(value, -1)


def _timestamp(moment: datetime.datetime | None) -> float:
    if moment is None:
        return math.nan
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


# Pools of at least this many vectors also keep an int8 copy for the candidate scan (below).
QUANTISED_SCAN_FROM = 20_000
class ListingPool:
    """Offers or needs to rank, with their vectors, lexical index and rule arrays."""

    def __init__(
        self,
        records: Sequence[Record],
        embeddings: PoolEmbeddings | None = None,
        *,
        quantise: bool | None = None,
    ) -> None:
        """`quantise`: keep an int8 copy for the candidate scan; None: from QUANTISED_SCAN_FROM."""
        records = list(records)
        kinds = {type(record) for record in records}
        if len(kinds) > 1:
            raise ValueError("a pool holds either offers or needs, not both")
        self.records = records
        self.kind = "need" if kinds == {NeedRecord} else "offer"
        self.ids = [record.id for record in records]
        self.position = {record.id: index for index, record in enumerate(records)}
        if len(self.position) != len(records):
            raise ValueError("listing ids in a pool must be unique")
        n = len(records)
        if embeddings is not None and embeddings.vectors.shape[0] != n:
            raise ValueError("one vector per listing, in the same order")
        self.model = embeddings.model if embeddings is not None else None
        self.vectors = (
            np.ascontiguousarray(embeddings.vectors, dtype=np.float32) if embeddings else None
        )
        self.audience = embeddings.audience if embeddings is not None else None
        source = embeddings.sentences if embeddings is not None else None
        if source is not None and not callable(source):
            if len(source) != n:
                raise ValueError("one set of sentence vectors per listing, in the same order")
            source = source.__getitem__
        # position -> (k, dim) sentence vectors or None; read only for ranked candidates.
        self.sentence_vectors: Callable[[int], np.ndarray | None] | None = source
        self.lexical = Bm25Index([record.text for record in records])
        # Language statistics of large pools are estimated on a fixed sample of this size.
        self.stats_sample = (
            np.sort(np.random.default_rng(0).choice(n, STATS_SAMPLE, replace=False))
            if n > STATS_SAMPLE
            else None
        )
        self.languages = _Codes()
        self.language_codes = np.array(
            [self.languages.code(record.language) for record in records], dtype=np.int64
        )
        self._moments = (
            _CosineMoments(
                self.vectors,
                self.stats_sample,
                self.language_codes,
                int(self.language_codes.max()) + 1,
            )
            if self.vectors is not None and n
            else None
        )
        if quantise is None:
            quantise = n >= QUANTISED_SCAN_FROM
        self.quantised = (
            QuantisedVectors(self.vectors) if quantise and self.vectors is not None and n else None
        )
        self.themes = _Codes()
        self.theme_codes = np.array([self.themes.code(r.theme) for r in records], dtype=np.int64)
        self.organisations = _Codes()
        self.organisation_codes = np.array(
            [self.organisations.code(r.organisation_id) for r in records], dtype=np.int64
        )
        self.published = np.array([r.published for r in records], dtype=bool)
        self.published_ts = np.array([_timestamp(r.published_at) for r in records])
        self.responsiveness = np.array(
            [math.nan if r.responsiveness is None else r.responsiveness for r in records]
        )
        self.sdgs = [r.sdgs for r in records]
        # Who declined whom: the records' own lists, indexed by the other side's id.
        self.declined_by: dict[ListingId, list[int]] = {}
        for index, record in enumerate(records):
            for other in record.declined_ids:
                self.declined_by.setdefault(other, []).append(index)

        if self.kind == "offer":
            self._init_offers(records)
        else:
            self._init_needs(records)

    def __len__(self) -> int:
        return len(self.records)

    def _init_offers(self, offers: list[OfferRecord]) -> None:
        n = len(offers)
        self.national = np.array([o.national or NATIONAL in o.regions for o in offers], dtype=bool)
        self._named: dict[str, np.ndarray] = {}
        for index, offer in enumerate(offers):
            for province in frozenset(offer.regions) - {NATIONAL}:
                self._named.setdefault(province, np.zeros(n, dtype=bool))[index] = True
        self._legal_forms_open = np.array([not o.eligibility.legal_forms for o in offers])
        self._legal_forms: dict[str, np.ndarray] = {}
        self._kinds_open = np.array([not o.eligibility.initiative_kinds for o in offers])
        self._kinds: dict[str, np.ndarray] = {}
        for index, offer in enumerate(offers):
            for form in offer.eligibility.legal_forms:
                self._legal_forms.setdefault(form, np.zeros(n, dtype=bool))[index] = True
            for kind in offer.eligibility.initiative_kinds:
                self._kinds.setdefault(kind, np.zeros(n, dtype=bool))[index] = True
        self.min_members = np.array([o.eligibility.min_members or 0 for o in offers])
        self.offer_types = [o.offer_type for o in offers]
        self.money = np.array([o.offer_type in MONEY_OFFER_TYPES for o in offers], dtype=bool)
        self.prices = [parse_prices(o.price_text) for o in offers]
        self.lowest_price = _amounts_by_period(self.prices, min)

    def _init_needs(self, needs: list[NeedRecord]) -> None:
        self.provinces = _Codes()
        self.province_codes = np.array([self.provinces.code(r.province) for r in needs])
        self.legal_form_list = [r.legal_form for r in needs]
        self.kind_list = [r.initiative_kind for r in needs]
        self.member_counts = np.array([r.member_count or 0 for r in needs])
        self.need_types = [r.need_type for r in needs]
        self.budgets = [need_budget(r) for r in needs]
        self.highest_budget = _amounts_by_period(self.budgets, max)

    def semantic_statistics(
        self, vector: np.ndarray, *, by_language: bool = True, min_group_size: int = 5
    ) -> tuple[np.ndarray, np.ndarray]:
        """Mean and deviation of the cosines with `vector` per language code (or one overall),
        over the statistics rows (`stats_sample`, else all), as `standardise_by_group` uses them."""
        return self._moments.statistics(vector, by_group=by_language, min_group_size=min_group_size)

    def named_province(self, province: str) -> np.ndarray:
        """Offers that name `province` among their regions."""
        return self._named.get(province, np.zeros(len(self), dtype=bool))

    def allows(self, *, legal_form: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Offers whose structured eligibility admits this legal form, and this kind."""
        empty = np.zeros(len(self), dtype=bool)
        return (
            self._legal_forms_open | self._legal_forms.get(legal_form, empty),
            self._kinds_open | self._kinds.get(kind, empty),
        )


def build_pool(
    records: Sequence[Record],
    *,
    encoder: Encoder | None = None,
    embeddings: PoolEmbeddings | None = None,
    quantise: bool | None = None,
    vectors: str | None = None,
    sentences: bool = False,
) -> ListingPool:
    """A pool of offers or needs, embedded with `encoder` unless `embeddings` are given.

    `vectors` ("query" / "passage" / None: the default ranker's) and `sentences` as in
    `embed_pool`; pass `pool_vectors(ranker)` and `uses_sentences(ranker)` when ranking with
    another ranker than the default.
    """
    if embeddings is None and encoder is not None:
        embeddings = embed_pool(encoder, records, vectors=vectors, sentences=sentences)
    return ListingPool(records, embeddings, quantise=quantise)


# --------------------------------------------------------------------------------------------
# Rankers


class Ranker(Protocol):
    """Scores feature rows (columns in FEATURES order, NaN = unknown); higher is better."""

    version: str

    def score(self, features: np.ndarray) -> np.ndarray: ...


def fill_missing(features: np.ndarray) -> np.ndarray:
    """Replace unknown (NaN) features with their neutral value."""
    features = np.array(features, dtype=np.float64, copy=True)
    neutral = np.array([NEUTRAL[name] for name in FEATURES])
    rows, cols = np.nonzero(np.isnan(features))
    features[rows, cols] = neutral[cols]
    return features


# Hand-set weights over standardised features, tuned on the public dev set with round values
# (see docs/matching.md). Weights of features the dev set does not carry were not tuned.
DEFAULT_WEIGHTS = {
    "semantic": 1.0,
    "lexical": 0.25,
    "theme_match": 1.0,
    "sdg_overlap": 0.5,
    "region_fit": 0.25,
    "type_fit": 0.5,
    "audience_fit": 0.5,
    "budget_fit": 0.25,
    "freshness": 0.25,
    "responsiveness": 0.25,
}
# Without a model: the same weights minus the semantic term (a heavier lexical weight did worse
# on the dev set: BM25 z-scores are noisy, theme and region carry the fallback).
LEXICAL_WEIGHTS = DEFAULT_WEIGHTS | {"semantic": 0.0}


class LinearRanker:
    """The cold-start ranker: a fixed weighted sum of the features.

    `pool_vectors` says which stored vector of each listing in the pool the `semantic` feature
    compares the query with: "passage" (e5's "passage: " prefix, linear-v1) or "query" (the same
    "query: " prefix as the query side, linear-v2). With `glossary` the BM25 query is expanded
    with the Dutch-English domain glossary (`matching.glossary`) before it is scored. With
    `sentences` the `sentence_max` feature is computed (offers for a need only; the ranking reads
    the candidates' sentence vectors for it). `glossary_directions` limits the glossary to
    those ranking directions.
    """

    def __init__(
        self,
        weights: Mapping[str, float],
        version: str,
        *,
        pool_vectors: str = "passage",
        glossary: bool = False,
        sentences: bool = False,
        glossary_directions: tuple[str, ...] = DIRECTIONS,
    ) -> None:
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features: {sorted(unknown)}")
        if pool_vectors not in POOL_VECTORS:
            raise ValueError(f"pool_vectors must be one of {POOL_VECTORS}")
        self.weights = dict(weights)
        self.version = version
        self.pool_vectors = pool_vectors
        self.glossary = glossary
        self.glossary_directions = tuple(glossary_directions)
        self.sentences = sentences
        self._vector = np.array([self.weights.get(name, 0.0) for name in FEATURES])

    def score(self, features: np.ndarray) -> np.ndarray:
        return fill_missing(features) @ self._vector


# linear-v1: the weights over e5 "query:" need vs "passage:" offer vectors (asymmetric retrieval).
LINEAR_V1 = LinearRanker(DEFAULT_WEIGHTS, version="linear-v1", pool_vectors="passage")
# linear-v2: the same round weights, but both sides encoded as "query:" (e5's recommended use for
# symmetric tasks: a need and an offer are both short descriptions, neither is a document that
# answers the other). Nothing was re-tuned. It held under 5-fold cross-validation by query on
# the dev set in both directions (docs/matching.md, "What each choice bought").
LINEAR_V2 = LinearRanker(DEFAULT_WEIGHTS, version="linear-v2", pool_vectors="query")
# linear-v2 with the BM25 query expanded by the Dutch-English domain glossary: better in-sample
# for offers (and the cross-lingual gap), but it did not hold across folds; selectable, not the
# default.
LINEAR_V2_GLOSSARY = LinearRanker(
    DEFAULT_WEIGHTS, version="linear-v2-glossary", pool_vectors="query", glossary=True
)
# linear-v3: linear-v2 plus the sentence-pair max-sim (`sentence_max`, weight 0.5) for offers
# for a need, computed on the candidates only. The feature is computed in that direction only
# (NaN, so neutral 0, for leads and similar needs), so leads score exactly as with linear-v2:
# from the offer's side any side-topic sentence finds needs.
LINEAR_V3 = LinearRanker(
    DEFAULT_WEIGHTS | {"sentence_max": 0.5},
    version="linear-v3",
    pool_vectors="query",
    sentences=True,
)
# linear-v3 with the BM25 query expanded by the glossary, for offers for a need only (leads and
# similar needs as linear-v2): the combination the first sentence-pair figures were measured
# with (docs/matching.md). Selectable, not the default: the glossary was written by people who
# had seen the dev set, which cross-validation by query cannot correct for.
LINEAR_V3_GLOSSARY = LinearRanker(
    DEFAULT_WEIGHTS | {"sentence_max": 0.5},
    version="linear-v3-glossary",
    pool_vectors="query",
    sentences=True,
    glossary=True,
    glossary_directions=(OFFERS_FOR_NEED,),
)
# The default stays linear-v2: linear-v3 did not hold under cross-validation on the dev set
# (docs/matching.md, "After linear-v1"); both linear-v3 rankers are selectable by name
# (evaluate_matching --ranker, MATCHING["RANKER_PATH"]).
DEFAULT_RANKER = LINEAR_V2
# Without a model: unchanged (no vectors; the glossary did not help here on the dev set either:
# nDCG@10 0.870 -> 0.860 for offers, 0.836 -> 0.842 for leads; see docs/matching.md).
LEXICAL_RANKER = LinearRanker(LEXICAL_WEIGHTS, version="linear-v1-lexical")
# The built-in rankers by version, selectable by name (evaluate_matching --ranker linear-v1).
BUILT_IN_RANKERS = {
    r.version: r
    for r in (
        LINEAR_V1, LINEAR_V2, LINEAR_V3, LINEAR_V2_GLOSSARY, LINEAR_V3_GLOSSARY, LEXICAL_RANKER
    )
}


def pool_vectors(ranker: Ranker | str | None = None) -> str:
    """Which stored vector ("query" or "passage") a pool needs for `ranker`.

    None: the default ranker's. A trained ranker learns from the features recorded under the
    default ranker, so it uses the default's vectors too.
    """
    if isinstance(ranker, str):
        if ranker not in POOL_VECTORS:
            raise ValueError(f"vectors must be one of {POOL_VECTORS}")
        return ranker
    return getattr(ranker, "pool_vectors", None) or DEFAULT_RANKER.pool_vectors


def uses_glossary(ranker: Ranker | None = None, direction: str | None = None) -> bool:
    """Whether `ranker` scores BM25 on the glossary-expanded query (None, trained: the default's),
    in `direction` when one is given."""
    value = getattr(ranker, "glossary", None)
    if value is None:
        ranker = DEFAULT_RANKER
    if not getattr(ranker, "glossary", False):
        return False
    return direction is None or direction in getattr(ranker, "glossary_directions", DIRECTIONS)


def uses_sentences(ranker: Ranker | None = None) -> bool:
    """Whether `ranker` reads sentence vectors (`sentence_max`; None, trained: the default's)."""
    value = getattr(ranker, "sentences", None)
    return DEFAULT_RANKER.sentences if value is None else bool(value)


def get_ranker(name_or_path: str) -> Ranker:
    """A built-in ranker by version ("linear-v1", "linear-v2"), else a trained artifact's path."""
    if name_or_path in BUILT_IN_RANKERS:
        return BUILT_IN_RANKERS[name_or_path]
    return load_ranker(name_or_path)

# What each outcome of a suggestion teaches: (label, sample weight).
OUTCOMES: dict[str, tuple[int, float]] = {
    "ignored": (0, 0.25),
    "declined": (0, 1.0),
    "interest": (1, 1.0),
    "accepted": (1, 2.0),
    "agreed": (1, 2.0),
    "fulfilled": (1, 3.0),
}
ARTIFACT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """The features a suggestion had when shown, and what came of it."""

    features: Mapping[str, float]
    outcome: str


@dataclass(frozen=True)
class TrainedRanker:
    """A scikit-learn model learned from outcomes, with the version each ranking records."""

    model: Any
    version: str
    estimator: str
    feature_names: tuple[str, ...]
    trained_at: str
    n_examples: int

    def score(self, features: np.ndarray) -> np.ndarray:
        # An artifact trained before a feature was appended to FEATURES reads its own columns.
        features = fill_missing(features)[:, : len(self.feature_names)]
        if hasattr(self.model, "predict_proba"):
            return self.model.predict_proba(features)[:, 1]
        return self.model.decision_function(features)  # pragma: no cover


def _feature_row(features: Mapping[str, float]) -> list[float]:
    return [float(features.get(name, math.nan)) for name in FEATURES]


def train_ranker(
    examples: Iterable[TrainingExample], *, estimator: str = "logistic", random_state: int = 0
) -> TrainedRanker:
    """Learn a ranker from outcomes: "logistic" (default) or "gradient_boosting"."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    examples = list(examples)
    unknown = {example.outcome for example in examples} - set(OUTCOMES)
    if unknown:
        raise ValueError(f"unknown outcomes: {sorted(unknown)}")
    features = fill_missing(
        np.array([_feature_row(e.features) for e in examples]).reshape(-1, len(FEATURES))
    )
    labels = np.array([OUTCOMES[e.outcome][0] for e in examples])
    weights = np.array([OUTCOMES[e.outcome][1] for e in examples])
    if len(set(labels.tolist())) < 2:
        raise ValueError("training needs both good outcomes and declined or ignored ones")
    if estimator == "logistic":
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
        model.fit(features, labels, logisticregression__sample_weight=weights)
    elif estimator == "gradient_boosting":
        model = HistGradientBoostingClassifier(max_iter=100, random_state=random_state)
        model.fit(features, labels, sample_weight=weights)
    else:
        raise ValueError(f"unknown estimator {estimator!r}")
    digest = hashlib.sha256()
    for part in (estimator.encode(), features.tobytes(), labels.tobytes(), weights.tobytes()):
        digest.update(part)
    return TrainedRanker(
        model=model,
        version=f"{estimator}-{digest.hexdigest()[:12]}",
        estimator=estimator,
        feature_names=FEATURES,
        trained_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        n_examples=len(examples),
    )


def save_ranker(ranker: TrainedRanker, path: str | Path) -> Path:
    """Write a trained ranker as a joblib artifact (load only artifacts you wrote yourself)."""
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(
        {
            "format": ARTIFACT_FORMAT,
            "version": ranker.version,
            "estimator": ranker.estimator,
            "feature_names": list(ranker.feature_names),
            "trained_at": ranker.trained_at,
            "n_examples": ranker.n_examples,
            "model": ranker.model,
        },
        path,
    )
    return path


def load_ranker(path: str | Path) -> TrainedRanker:
    """Read an artifact written by `save_ranker`; refuses other formats or feature sets."""
    import joblib

    data = joblib.load(Path(path))
    if not isinstance(data, dict) or data.get("format") != ARTIFACT_FORMAT:
        raise ValueError(f"{path} is not a ranker artifact of format {ARTIFACT_FORMAT}")
    names = tuple(data["feature_names"])
    if names != FEATURES[: len(names)] or not names:
        raise ValueError(f"{path} was trained on other features: {data['feature_names']}")
    return TrainedRanker(
        model=data["model"],
        version=data["version"],
        estimator=data["estimator"],
        feature_names=tuple(data["feature_names"]),
        trained_at=data["trained_at"],
        n_examples=data["n_examples"],
    )


# --------------------------------------------------------------------------------------------
# The pipeline


@dataclass(frozen=True, slots=True)
class RankingOptions:
    """Knobs of one ranking call."""

    candidates: int | None = 100  # top-k from each retriever (dense, lexical); None: all
    excluded: int | None = 20  # near misses the hard rules excluded, kept for "why"; None: all
    limit: int | None = None  # length of the ranked list; None: every candidate
    now: datetime.datetime | None = None  # for freshness; None: the current time
    freshness_half_life_days: float = 180.0
    by_language: bool = True  # standardise retrieval scores within each language
    min_language_group: int = 5


@dataclass(frozen=True, slots=True)
class RankedItem:
    """One ranked listing with its score, raw similarity and features (for explanations)."""

    id: ListingId
    score: float
    similarity: float | None
    features: dict[str, float]
    excluded_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ranking:
    """The outcome of one ranking call and what produced it."""

    direction: str
    query_id: ListingId
    items: list[RankedItem]
    excluded: list[RankedItem]
    ranker_version: str
    model: str | None
    degraded: bool  # True when ranked without vectors (lexical and structured only)

    def ids(self, *, with_excluded: bool = False) -> list[ListingId]:
        ranked = [item.id for item in self.items]
        if with_excluded:
            ranked += [item.id for item in self.excluded]
        return ranked


def rank_offers_for_need(
    need: NeedRecord,
    pool: ListingPool,
    *,
    query: QueryEmbedding | None = None,
    ranker: Ranker | None = None,
    options: RankingOptions = RankingOptions(),  # noqa: B008 - frozen
) -> Ranking:
    """Offers for a need, best first; excluded offers with their reasons beside them."""
    _check_pool(pool, "offer")
    return _rank(OFFERS_FOR_NEED, need, pool, query, ranker, options)


def rank_needs_for_offer(
    offer: OfferRecord,
    pool: ListingPool,
    *,
    query: QueryEmbedding | None = None,
    ranker: Ranker | None = None,
    options: RankingOptions = RankingOptions(),  # noqa: B008 - frozen
) -> Ranking:
    """Needs an offer could serve (leads for the business), best first."""
    _check_pool(pool, "need")
    return _rank(NEEDS_FOR_OFFER, offer, pool, query, ranker, options)


def rank_similar_needs(
    need: NeedRecord,
    pool: ListingPool,
    *,
    query: QueryEmbedding | None = None,
    ranker: Ranker | None = None,
    options: RankingOptions = RankingOptions(),  # noqa: B008 - frozen
) -> Ranking:
    """Needs of other initiatives like this one (to pool demand), best first."""
    _check_pool(pool, "need")
    return _rank(SIMILAR_NEEDS, need, pool, query, ranker, options)


def _check_pool(pool: ListingPool, kind: str) -> None:
    if len(pool) and pool.kind != kind:
        raise ValueError(f"this ranking needs a pool of {kind}s, not {pool.kind}s")


def _rank(
    direction: str,
    query_record: Record,
    pool: ListingPool,
    query: QueryEmbedding | None,
    ranker: Ranker | None,
    options: RankingOptions,
) -> Ranking:
    degraded = pool.vectors is None or query is None
    if not degraded and query.model != pool.model:
        raise ValueError(
            f"query embedded with {query.model!r} but the pool with {pool.model!r}: re-embed"
        )
    if ranker is None:
        ranker = LEXICAL_RANKER if degraded else DEFAULT_RANKER
    if not len(pool):
        return Ranking(direction, query_record.id, [], [], ranker.version, pool.model, degraded)

    groups = pool.language_codes if options.by_language else np.zeros(len(pool), dtype=np.int64)

    def standardise(scores: np.ndarray) -> np.ndarray:
        return standardise_by_group(
            scores, groups, min_group_size=options.min_language_group, sample=pool.stats_sample
        )

    lexical_query = query_record.text
    if uses_glossary(ranker, direction):
        lexical_query = glossary.expand(lexical_query)
    lexical = standardise(pool.lexical.scores(lexical_query))
    rules = _hard_rules(direction, query_record, pool)
    excluded_mask = np.zeros(len(pool), dtype=bool)
    for mask in rules.values():
        excluded_mask |= mask
    allowed = ~excluded_mask

    # Large pools with a top-k cut-off scan the int8 copy and re-score exactly what can matter.
    quantised = (
        not degraded
        and pool.quantised is not None
        and options.candidates is not None
        and options.excluded is not None
    )
    cosine = semantic = None
    if not degraded:
        vector = np.asarray(query.vector, dtype=np.float32)
        if quantised or pool.stats_sample is not None:
            # Large pool: exact statistics of the sample rows, without a pass over them.
            mean, std = pool.semantic_statistics(
                vector, by_language=options.by_language, min_group_size=options.min_language_group
            )
            row_mean, row_std = mean[groups], std[groups]
    if quantised:
        cosine, semantic, candidates, near_misses = _dense_top_quantised(
            pool, vector, row_mean, row_std, lexical, allowed, excluded_mask, options
        )
    else:
        if degraded:
            retrieval = lexical
        else:
            cosine = pool.vectors @ vector
            if pool.stats_sample is None:
                semantic = standardise(cosine)
            else:
                semantic = (cosine - row_mean) / row_std
            retrieval = semantic
        candidates = _union_top(retrieval, lexical, allowed, options.candidates)
        # Near misses come from the main retriever only: they feed "why no good match".
        near_misses = (
            _top(retrieval, excluded_mask, options.excluded)
            if options.excluded != 0
            else np.empty(0, dtype=np.int64)
        )
    positions = np.concatenate([candidates, near_misses])
    features = _features(
        direction, query_record, pool, positions, semantic, lexical, query, options
    )
    if direction == OFFERS_FOR_NEED and not degraded and uses_sentences(ranker):
        features[:, FEATURES.index("sentence_max")] = sentence_max(
            pool, positions, query.sentences, options
        )
    scores = np.asarray(ranker.score(features), dtype=np.float64) if len(positions) else np.empty(0)

    def items(part: slice, limit: int | None) -> list[RankedItem]:
        chosen = positions[part]
        chosen_features = features[part]
        chosen_scores = scores[part]
        order = np.lexsort((chosen, -chosen_scores))[:limit]
        result = []
        for k in order:
            index = int(chosen[k])
            result.append(
                RankedItem(
                    id=pool.ids[index],
                    score=float(chosen_scores[k]),
                    similarity=None if cosine is None else float(cosine[index]),
                    features=dict(zip(FEATURES, chosen_features[k].tolist(), strict=True)),
                    excluded_by=tuple(name for name, mask in rules.items() if mask[index]),
                )
            )
        return result

    ranked = items(slice(0, len(candidates)), options.limit)
    excluded = items(slice(len(candidates), None), None)
    return Ranking(
        direction, query_record.id, ranked, excluded, ranker.version, pool.model, degraded
    )


def _top(scores: np.ndarray, mask: np.ndarray | None, k: int | None) -> np.ndarray:
    """Positions of the k best scores within `mask` (None: all), in no particular order."""
    positions = np.arange(len(scores)) if mask is None else np.flatnonzero(mask)
    if k is None or len(positions) <= k:
        return positions
    best = np.argpartition(-scores[positions], k - 1)[:k]
    return positions[best]


def _union_top(
    retrieval: np.ndarray, lexical: np.ndarray, mask: np.ndarray, k: int | None
) -> np.ndarray:
    if k is None:
        return np.flatnonzero(mask)
    return np.union1d(_top(retrieval, mask, k), _top(lexical, mask, k)).astype(np.int64)


def _top_bounded(scores: np.ndarray, slack: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """The positions in `mask` that could be among the top k when each true score lies within
    `slack` of `scores` (a superset of the true top k, usually a few times k)."""
    positions = np.flatnonzero(mask)
    if len(positions) <= k:
        return positions
    if k <= 0:
        return positions[:0]
    values, margin = scores[positions], slack[positions]
    lower = values - margin
    # At least k listings score above `floor` for sure, so the true k-th best does too.
    floor = np.partition(lower, len(lower) - k)[len(lower) - k]
    return positions[values + margin >= floor]


def _dense_top_quantised(
    pool: ListingPool,
    vector: np.ndarray,
    row_mean: np.ndarray,
    row_std: np.ndarray,
    lexical: np.ndarray,
    allowed: np.ndarray,
    excluded: np.ndarray,
    options: RankingOptions,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Candidates and near misses as the float32 scan picks them, from the int8 scan.

    Returns cosine and semantic arrays that are exact at the returned positions (and at the
    other rows that were re-scored) and approximate elsewhere, where nothing reads them.
    """
    k, n_near = options.candidates, options.excluded
    cosine = pool.quantised.cosine(vector)
    semantic = (cosine - row_mean) / row_std
    slack = pool.quantised.errors * np.float32(np.linalg.norm(vector)) / row_std
    dense = _top_bounded(semantic, slack, allowed, k)
    near = _top_bounded(semantic, slack, excluded, n_near) if n_near else dense[:0]
    lexical_top = _top(lexical, allowed, k)
    rescore = np.unique(np.concatenate([dense, near, lexical_top]))
    exact = pool.vectors[rescore] @ vector
    cosine[rescore] = exact
    semantic[rescore] = (exact - row_mean[rescore]) / row_std[rescore]
    candidates = np.union1d(dense[_top(semantic[dense], None, k)], lexical_top)
    near_misses = near[_top(semantic[near], None, n_near)] if n_near else near
    return cosine, semantic, candidates.astype(np.int64), near_misses.astype(np.int64)


def _hard_rules(direction: str, query: Record, pool: ListingPool) -> dict[str, np.ndarray]:
    """For each rule, the pool listings it excludes."""
    n = len(pool)
    none = np.zeros(n, dtype=bool)
    rules = dict.fromkeys(RULES, none)
    rules["unpublished"] = ~pool.published
    if query.organisation_id not in (None, ""):
        rules["own"] = pool.organisation_codes == pool.organisations.get(query.organisation_id)
    if direction == SIMILAR_NEEDS:
        if query.id in pool.position:
            rules["self"] = np.zeros(n, dtype=bool)
            rules["self"][pool.position[query.id]] = True
        return rules

    declined = np.zeros(n, dtype=bool)
    for other in query.declined_ids:
        if other in pool.position:
            declined[pool.position[other]] = True
    declined[pool.declined_by.get(query.id, [])] = True
    rules["declined"] = declined

    if direction == OFFERS_FOR_NEED:
        need: NeedRecord = query  # type: ignore[assignment]
        if need.province:
            rules["region"] = ~(pool.national | pool.named_province(need.province))
        legal_form_ok, kind_ok = pool.allows(legal_form=need.legal_form, kind=need.initiative_kind)
        rules["legal_form"] = ~legal_form_ok
        rules["initiative_kind"] = ~kind_ok
        rules["min_members"] = pool.min_members > (need.member_count or 0)
    else:
        offer: OfferRecord = query  # type: ignore[assignment]
        regions = frozenset(offer.regions) - {NATIONAL}
        if not (offer.national or NATIONAL in offer.regions):
            codes = [pool.provinces.get(region) for region in regions]
            rules["region"] = ~np.isin(pool.province_codes, codes) | (pool.province_codes == 0)
        if offer.eligibility.legal_forms:
            rules["legal_form"] = np.array(
                [form not in offer.eligibility.legal_forms for form in pool.legal_form_list]
            )
        if offer.eligibility.initiative_kinds:
            rules["initiative_kind"] = np.array(
                [kind not in offer.eligibility.initiative_kinds for kind in pool.kind_list]
            )
        if offer.eligibility.min_members:
            rules["min_members"] = pool.member_counts < offer.eligibility.min_members
    return rules


def need_budget(need: NeedRecord) -> list[Price]:
    """The need's budget: its structured maximum, else amounts read from its budget note."""
    if need.budget_max is not None:
        return [Price(float(need.budget_max), "once")]
    return parse_prices(need.budget_text)


PERIODS = ("once", "month", "year")


def _amounts_by_period(notes: Sequence[Sequence[Price]], pick) -> dict[str, np.ndarray]:
    """Per period, one amount per listing (the lowest price or highest budget; NaN: none)."""
    arrays = {period: np.full(len(notes), np.nan) for period in PERIODS}
    for index, prices in enumerate(notes):
        for period in PERIODS:
            amounts = [price.amount for price in prices if price.period == period]
            if amounts:
                arrays[period][index] = pick(amounts)
    return arrays


def _budget_fits(
    available: Mapping[str, np.ndarray], asked: Mapping[str, np.ndarray]
) -> np.ndarray:
    """`budget_fit` for many pairs at once: arrays (or scalars) per period, NaN where unknown."""
    verdict = None
    for period in PERIODS:
        budget, price = available[period], asked[period]
        fits = np.where(price <= budget, 1.0, -1.0)
        fits = np.where(np.isnan(budget) | np.isnan(price), np.nan, fits)
        verdict = fits if verdict is None else np.fmax(verdict, fits)
    return verdict


def budget_comparable(need_type: str, offer_type: str) -> bool:
    """Whether a need's budget and an offer's price measure the same thing.

    Loans and grants state amounts on offer, not prices; a need for money or volunteers has no
    budget to spend on a price; an offer type that does not answer the need (type fit -1) is
    not bought with its budget. An unknown need type (the labelled sets) is compared.
    """
    if offer_type in MONEY_OFFER_TYPES:
        return False
    if need_type and need_type not in BUDGET_NEED_TYPES:
        return False
    return not (need_type and offer_type and type_fit(need_type, offer_type) < 0)


def budget_fit(
    budget: Sequence[Price], prices: Sequence[Price], offer_type: str, *, need_type: str = ""
) -> float:
    """1 if the offer's lowest price fits the budget, -1 if it does not, NaN when unknown.

    Only where the two are comparable (`budget_comparable`).
    """
    if not budget_comparable(need_type, offer_type) or not budget or not prices:
        return math.nan
    verdicts = []
    for period in PERIODS:
        available = [p.amount for p in budget if p.period == period]
        asked = [p.amount for p in prices if p.period == period]
        if available and asked:
            verdicts.append(1.0 if min(asked) <= max(available) else -1.0)
    return max(verdicts) if verdicts else math.nan


def type_fit(need_type: str, offer_type: str) -> float:
    """How well an offer type answers what is needed (NaN when either is unknown)."""
    if not need_type or not offer_type:
        return math.nan
    return float(TYPE_FIT.get(need_type, {}).get(offer_type, 0.0))


def sdg_overlap(left: frozenset[int], right: frozenset[int]) -> float:
    """Jaccard overlap of two SDG sets (NaN when either names none)."""
    if not left or not right:
        return math.nan
    return len(left & right) / len(left | right)


def sentence_max(
    pool: ListingPool,
    positions: np.ndarray,
    query_sentences: np.ndarray | None,
    options: RankingOptions = RankingOptions(),  # noqa: B008 - frozen
) -> np.ndarray:
    """The `sentence_max` feature of the pool listings at `positions` (the candidates ranked).

    Per candidate the best cosine between any of the query's sentences and any of its own, then
    z-scored within each candidate language among these candidates (groups under
    `min_language_group` use all of them), so the figure depends on the candidate set only,
    never on the whole pool. NaN where either side has no sentence vectors.
    """
    values = np.full(len(positions), np.nan)
    if query_sentences is None or pool.sentence_vectors is None or not len(query_sentences):
        return values
    found = [pool.sentence_vectors(int(position)) for position in positions]
    known = np.array([v is not None and len(v) > 0 for v in found], dtype=bool)
    if not known.any():
        return values
    parts = [np.asarray(v, dtype=np.float32) for v, ok in zip(found, known, strict=True) if ok]
    starts = np.cumsum([0] + [len(part) for part in parts[:-1]])
    # One product for all candidates' sentences, then the best per query sentence and candidate.
    best = (np.asarray(query_sentences, dtype=np.float32) @ np.concatenate(parts).T).max(axis=0)
    known = np.flatnonzero(known)
    values[known] = np.maximum.reduceat(best, starts)
    groups = (
        pool.language_codes[positions[known]]
        if options.by_language
        else np.zeros(len(known), dtype=np.int64)
    )
    values[known] = standardise_by_group(
        values[known], groups, min_group_size=options.min_language_group
    )
    return values


def _features(
    direction: str,
    query_record: Record,
    pool: ListingPool,
    positions: np.ndarray,
    semantic: np.ndarray | None,
    lexical: np.ndarray,
    query: QueryEmbedding | None,
    options: RankingOptions,
) -> np.ndarray:
    m = len(positions)
    columns: dict[str, np.ndarray] = {name: np.full(m, np.nan) for name in FEATURES}
    if not m:
        return np.empty((0, len(FEATURES)))
    if semantic is not None:
        columns["semantic"] = semantic[positions]
    columns["lexical"] = lexical[positions]
    if query_record.theme:
        columns["theme_match"] = (
            pool.theme_codes[positions] == pool.themes.get(query_record.theme)
        ).astype(float)
    columns["sdg_overlap"] = np.array(
        [sdg_overlap(query_record.sdgs, pool.sdgs[i]) for i in positions]
    )

    now = _timestamp(options.now or datetime.datetime.now(datetime.UTC))
    age_days = np.maximum(now - pool.published_ts[positions], 0) / 86400
    columns["freshness"] = np.power(0.5, age_days / options.freshness_half_life_days)
    columns["responsiveness"] = pool.responsiveness[positions]

    if direction == OFFERS_FOR_NEED:
        need: NeedRecord = query_record  # type: ignore[assignment]
        if need.province:
            named = pool.named_province(need.province)[positions]
            national = pool.national[positions]
            columns["region_fit"] = np.where(named, 1.0, np.where(national, 0.0, -1.0))
        columns["type_fit"] = np.array(
            [type_fit(need.need_type, pool.offer_types[i]) for i in positions]
        )
        if pool.audience is not None and need.initiative_kind in INITIATIVE_KINDS:
            kind = INITIATIVE_KINDS.index(need.initiative_kind)
            columns["audience_fit"] = pool.audience[positions, kind]
        budget = _amounts_by_period([need_budget(need)], max)
        asked = {period: pool.lowest_price[period][positions] for period in PERIODS}
        fits = _budget_fits(budget, asked)
        comparable = np.array(
            [budget_comparable(need.need_type, pool.offer_types[i]) for i in positions], dtype=bool
        )
        fits[~comparable] = np.nan  # e.g. loans and grants state amounts, not prices
        columns["budget_fit"] = fits
    elif direction == NEEDS_FOR_OFFER:
        offer: OfferRecord = query_record  # type: ignore[assignment]
        regions = frozenset(offer.regions) - {NATIONAL}
        national = offer.national or NATIONAL in offer.regions
        provinces = [pool.records[i].province for i in positions]
        columns["region_fit"] = np.array(
            [1.0 if p in regions else 0.0 if national else -1.0 for p in provinces]
        )
        columns["type_fit"] = np.array(
            [type_fit(pool.need_types[i], offer.offer_type) for i in positions]
        )
        if query is not None and query.audience is not None:
            profile = query.audience
            columns["audience_fit"] = np.array(
                [
                    profile[INITIATIVE_KINDS.index(pool.kind_list[i])]
                    if pool.kind_list[i] in INITIATIVE_KINDS
                    else math.nan
                    for i in positions
                ]
            )
        if offer.offer_type not in MONEY_OFFER_TYPES:
            asked = _amounts_by_period([parse_prices(offer.price_text)], min)
            available = {period: pool.highest_budget[period][positions] for period in PERIODS}
            fits = _budget_fits(available, asked)
            comparable = np.array(
                [budget_comparable(pool.need_types[i], offer.offer_type) for i in positions],
                dtype=bool,
            )
            fits[~comparable] = np.nan
            columns["budget_fit"] = fits
    else:
        need = query_record  # type: ignore[assignment]
        if need.province:
            columns["region_fit"] = (
                pool.province_codes[positions] == pool.provinces.get(need.province)
            ).astype(float)
        if need.need_type:
            columns["type_fit"] = np.array(
                [
                    (1.0 if pool.need_types[i] == need.need_type else 0.0)
                    if pool.need_types[i]
                    else math.nan
                    for i in positions
                ]
            )
    return np.column_stack([columns[name] for name in FEATURES]).astype(np.float64)
