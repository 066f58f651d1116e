"""The matcher wired to the marketplace: stored vectors, pools of live listings, recommendations.

The ranking itself is pure (matching.ranking, matching.explain); this module turns published
offers and needs into records, keeps their vectors in semantic's one embedding table (per
model, with the hash of the text), records suggestions as Match rows with the ranker version
that produced them, and learns a new ranker from what people did with those suggestions.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.module_loading import import_string

from marketplace import selectors as marketplace_selectors
from marketplace.models import Listing, Match, MatchSide, MatchStatus, Need, Offer, PoolMember
from semantic import neighbours
from semantic import services as semantic_services
from semantic.encoders import Encoder, EncoderUnavailable, get_encoder
from semantic.models import Embedding
from semantic.texts import listing_text

from . import calibration, explain, pooling, ranking
from .models import NeedCluster, NeedClusterMember, RankerArtifact, SuggestionList

logger = logging.getLogger(__name__)

SHOWN_PER_LISTING = 10  # recommendations and leads recorded and shown per listing
SIMILAR_PER_NEED = 5
HIGHLIGHT_CONTEXT = 160  # characters of context kept around a highlighted sentence
DIRECTIONS = {
    ranking.OFFERS_FOR_NEED: "offers_for_need",
    ranking.NEEDS_FOR_OFFER: "needs_for_offer",
    ranking.SIMILAR_NEEDS: "similar_needs",
}
TRAINED_GOOD_MATCH_SCORE = 0.5  # the shown bar of a trained ranker without a fitted curve
# "Why no good match" names near misses only when they are relevant by meaning: their dense
# similarity at least this many deviations above the other listings of their language.
ADVICE_MIN_SEMANTIC = 1.0


@dataclass
class Recommendation:
    """One recommended listing with its score and why it fits."""

    listing: Listing
    score: float
    explanation: explain.Explanation
    highlight: tuple[str, str, str] | None = None  # candidate text: before, match, after
    query_sentence: str = ""
    features: dict[str, float] = field(default_factory=dict)
    match: Match | None = None
    probability: float | None = None  # calibrated P(relevant); None for similar needs
    strength: str = ""  # "strong", "good" or "possible" (matching.calibration)


@dataclass
class Recommendations:
    """A ranked list for one listing, and what produced it."""

    items: list[Recommendation] = field(default_factory=list)
    ranker_version: str = ""
    model: str | None = None
    degraded: bool = False
    has_good_match: bool = True  # at least one item above the shown bar (the items shown)
    advice: list[dict[str, Any]] = field(default_factory=list)
    computed_at: datetime.datetime | None = None  # when a recorded list was made
    # Ranked in the top `limit` but below the shown bar (not shown, not recorded); an offer's
    # refresh still refreshes these needs' lists, where the offer may pass their own bar.
    below_bar: list[Listing] = field(default_factory=list)


# Records ------------------------------------------------------------------------------------


def _responsiveness_by_organisation() -> dict[int, float]:
    """Share of the interest each organisation received that it answered (accepted or declined)."""
    rows = (
        Match.objects.filter(interested_side__in=[MatchSide.NEED, MatchSide.OFFER])
        .values("interested_side", "need__organisation_id", "offer__organisation_id")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=~Q(status=MatchStatus.INTERESTED)),
        )
    )
    totals: dict[int, list[int]] = {}
    for row in rows:
        receiver = (
            row["offer__organisation_id"]
            if row["interested_side"] == MatchSide.NEED
            else row["need__organisation_id"]
        )
        total = totals.setdefault(receiver, [0, 0])
        total[0] += row["answered"]
        total[1] += row["total"]
    return {org: answered / total for org, (answered, total) in totals.items() if total}


def offer_record(
    offer: Offer, *, declined: Iterable[int] = (), responsiveness: float | None = None
) -> ranking.OfferRecord:
    return ranking.OfferRecord(
        id=offer.pk,
        title=offer.title,
        description=offer.description,
        theme=offer.theme.slug,
        offer_type=offer.offer_type,
        regions=frozenset(p.name for p in offer.regions.all()),
        national=offer.is_national,
        eligibility=ranking.Eligibility(
            legal_forms=frozenset(offer.eligible_legal_forms or ()),
            initiative_kinds=frozenset(offer.eligible_initiative_kinds or ()),
            min_members=offer.min_members,
        ),
        sdgs=frozenset(s.number for s in offer.sdgs.all()),
        language=offer.language,
        published_at=offer.published_at,
        price_text=offer.price_terms,
        responsiveness=responsiveness,
        organisation_id=offer.organisation_id,
        declined_ids=frozenset(declined),
        published=offer.status == "published",
    )


def need_record(
    need: Need, *, declined: Iterable[int] = (), responsiveness: float | None = None
) -> ranking.NeedRecord:
    organisation = need.organisation
    budget = need.budget_max if need.budget_max is not None else need.budget_min
    return ranking.NeedRecord(
        id=need.pk,
        title=need.title,
        description=need.description,
        theme=need.theme.slug,
        need_type=need.need_type,
        province=need.province.name,
        initiative_kind=organisation.initiative_kind,
        legal_form=organisation.legal_form,
        member_count=organisation.member_count,
        sdgs=frozenset(s.number for s in need.sdgs.all()),
        budget_max=float(budget) if budget is not None else None,
        language=need.language,
        published_at=need.published_at,
        responsiveness=responsiveness,
        organisation_id=need.organisation_id,
        declined_ids=frozenset(declined),
        published=need.status == "published",
    )


def _record(listing: Listing, **kwargs: Any) -> ranking.OfferRecord | ranking.NeedRecord:
    return offer_record(listing, **kwargs) if isinstance(listing, Offer) else need_record(listing, **kwargs)


# Embeddings ---------------------------------------------------------------------------------


def embeddings_for(
    listings: Sequence[Listing], *, encoder: Encoder, records: Sequence | None = None
) -> dict[int, Embedding]:
    """Stored vectors of these listings (one model), embedding what is missing or stale in batches."""
    if not listings:
        return {}
    records = list(records) if records is not None else [_record(item) for item in listings]
    return semantic_services.embeddings_refresh(
        model=type(listings[0]), texts={r.id: r.text for r in records}, encoder=encoder
    )


def embeddings_refresh(*, listings: Sequence[Listing]) -> int:
    """(Re)compute the vectors of the given listings where their text or the model changed."""
    encoder = get_encoder()
    report = semantic_services.RefreshReport()
    by_model: dict[type, dict[int, str]] = {}
    for listing in listings:
        by_model.setdefault(type(listing), {})[listing.pk] = listing_text(
            listing.title, listing.description
        )
    for model, texts in by_model.items():
        semantic_services.embeddings_refresh(
            model=model, texts=texts, encoder=encoder, report=report
        )
    return report.embedded


def _prefetched(items: Sequence[Listing]) -> list[Listing]:
    return listings_with_related(type(items[0]), [i.pk for i in items])


def listings_with_related(model: type[Listing], pks: Sequence[int]) -> list[Listing]:
    """The listings with everything their records read, in few queries."""
    related = ["theme", "organisation"] + (["province"] if model is Need else [])
    prefetch = ["sdgs"] + (["regions"] if model is Offer else [])
    return list(
        model.objects.filter(pk__in=pks)
        .select_related(*related)
        .prefetch_related(*prefetch)
        .order_by("pk")
    )


def listing_refresh(*, kind: str, pk: int) -> None:
    """Refresh one listing's vectors and, when it is public, its recorded suggestions."""
    model = Offer if kind == "offer" else Need
    listing = model.objects.filter(pk=pk).first()
    if listing is None:
        return
    try:
        embeddings_refresh(listings=[listing])
    except EncoderUnavailable:
        # The suggestions below are then ranked by words only, and say so on the page.
        logger.warning("encoder unavailable: %s %s keeps its old vectors", kind, pk)
    if listing.is_public:
        suggestions_refresh(listing=listing)
    else:
        suggestions_forget(kind=kind, pk=pk)


# Pools --------------------------------------------------------------------------------------

_pool_cache: dict[tuple, tuple] = {}
_pool_lock = threading.Lock()


def _public_listings(kind: str) -> list[Listing]:
    if kind == "offer":
        queryset = marketplace_selectors.offer_list_public()
    else:
        queryset = marketplace_selectors.need_list_public().select_related("organisation")
    return list(queryset.order_by("pk"))


def _pool_state(kind: str, encoder_name: str | None) -> tuple:
    model = Offer if kind == "offer" else Need
    public = (
        marketplace_selectors.offer_list_public()
        if kind == "offer"
        else marketplace_selectors.need_list_public()
    )
    state = model.objects.filter(pk__in=public.values("pk")).aggregate(
        n=Count("pk"), changed=Max("updated_at")
    )
    declined = Match.objects.filter(status=MatchStatus.DECLINED).aggregate(
        n=Count("pk"), changed=Max("updated_at")
    )
    embedded = Embedding.objects.filter(
        content_type=ContentType.objects.get_for_model(model), model=encoder_name or ""
    ).aggregate(changed=Max("updated_at"))
    return (kind, encoder_name, state["n"], state["changed"], declined["n"], declined["changed"],
            embedded["changed"])


_UNSET: Any = object()


def listing_pool(
    kind: str, encoder: Encoder | None = _UNSET, *, vectors: str | None = None
) -> tuple[ranking.ListingPool, dict[int, Listing], dict[int, Any]]:
    """The live offers or needs as a ranking pool, cached per process until something changes.

    With `encoder=None` the pool has no vectors (lexical ranking); by default the configured one.
    `vectors`: the stored "query" or "passage" vectors (`ranking.pool_vectors`; None: the
    default ranker's)."""
    vectors = ranking.pool_vectors(vectors)
    if encoder is _UNSET:
        try:
            encoder = get_encoder()
        except EncoderUnavailable:
            encoder = None
    key = (vectors, *_pool_state(kind, encoder.name if encoder else None))
    cached = _pool_cache.get(kind)
    if cached and cached[0] == key:
        return cached[1]
    with _pool_lock:
        pool, by_id, stored = _pool_from(kind, _public_listings(kind), encoder, vectors=vectors)
        value = (pool, by_id, stored)
        _pool_cache[kind] = ((vectors, *_pool_state(kind, encoder.name if encoder else None)), value)
        return value


def _pool_from(
    kind: str, listings: list[Listing], encoder: Encoder | None, *, vectors: str | None = None
):
    """Records, stored vectors and the ranking pool for these listings (all offers or all needs)."""
    responsiveness = _responsiveness_by_organisation()
    column, other = ("offer_id", "need_id") if kind == "offer" else ("need_id", "offer_id")
    declined: dict[int, set[int]] = {}
    # Declines are few: read them all rather than naming every listing of a large pool.
    for row in Match.objects.filter(status=MatchStatus.DECLINED).values(column, other):
        declined.setdefault(row[column], set()).add(row[other])
    records = [
        _record(item, declined=declined.get(item.pk, ()),
                responsiveness=responsiveness.get(item.organisation_id))
        for item in listings
    ]
    stored: dict[int, Embedding] = {}
    embeddings = None
    if encoder is not None and records:
        stored = embeddings_for(listings, encoder=encoder, records=records)
        # The pool's matrix is the stored passage (linear-v1) or query (linear-v2) table of all
        # listings of this kind, cached per process by semantic.neighbours (nearest() reads the
        # passage table).
        field = ranking.pool_vectors(vectors)
        model = Offer if kind == "offer" else Need
        table = neighbours.vector_table(model, encoder_name=encoder.name, field=field)
        found, matrix = table.rows([r.id for r in records])
        if len(found) != len(records):  # written by another process since: read the rows
            matrix = np.stack([stored[r.id].vector(field) for r in records])
        audience = None
        if kind == "offer":
            # Offers carry no free-text eligibility on the site: no audience profile (NaN rows).
            audience = np.full((len(records), len(ranking.INITIATIVE_KINDS)), np.nan, dtype=np.float32)
        embeddings = ranking.PoolEmbeddings(
            model=encoder.name, vectors=matrix, audience=audience,
            sentences=_stored_sentences(stored, [r.id for r in records]),
        )
    return ranking.ListingPool(records, embeddings), {item.pk: item for item in listings}, stored


def _stored_sentences(stored: dict[int, Embedding], ids: list[int]):
    """position -> the listing's stored sentence vectors (None: not embedded yet), the vectors
    explanations highlight with; read only for the candidates a ranking scores (sentence_max)."""

    def sentences(position: int) -> np.ndarray | None:
        row = stored.get(ids[position])
        return row.vector("sentences") if row is not None else None

    return sentences


def reset_pools() -> None:
    """Forget the cached pools (tests)."""
    _pool_cache.clear()


# Rankers ------------------------------------------------------------------------------------

_ranker_cache: dict[str, Any] = {}


def active_ranker() -> ranking.Ranker:
    """The ranker in use: the active trained artifact, else the cold-start linear ranker."""
    artifact = RankerArtifact.objects.filter(is_active=True).first()
    path = artifact.path if artifact else settings.MATCHING.get("RANKER_PATH", "")
    if not path:
        return ranking.DEFAULT_RANKER
    if path not in _ranker_cache:
        try:
            # A built-in ranker by name ("linear-v3") or a trained artifact's path.
            _ranker_cache[path] = ranking.get_ranker(path)
        except (OSError, ValueError):
            logger.exception("ranker artifact %s cannot be loaded; using the default", path)
            return ranking.DEFAULT_RANKER
    return _ranker_cache[path]


def calibration_for(ranker_version: str, direction: str) -> calibration.Calibration:
    """The shipped score -> probability model of this ranker and direction.

    A linear ranker without its own file (a new version not refitted yet: run
    `manage.py calibrate_matching`) borrows the file of its nearest fitted relative
    (`calibration.load_with_fallback`), whose score is of the same kind (a sum of z-scores), and
    logs a warning. A trained ranker without a fitted model scores a probability already (of
    being taken up): its score is used as it is, with TRAINED_GOOD_MATCH_SCORE as the bar.
    """
    directory = str(settings.MATCHING.get("CALIBRATION_DIR", ""))
    fitted, source = calibration.load_with_fallback(
        ranker_version, DIRECTIONS[direction], directory
    )
    if fitted is not None and source != ranker_version and ranker_version not in _warned_fallback:
        _warned_fallback.add(ranker_version)
        logger.warning(
            "no calibration for ranker %s: using %s's (run manage.py calibrate_matching)",
            ranker_version, source,
        )
    return fitted or calibration.uncalibrated(
        ranker_version, DIRECTIONS[direction], bar=TRAINED_GOOD_MATCH_SCORE
    )


_warned_fallback: set[str] = set()


def _relevant_near_miss(
    curve: calibration.Calibration, degraded: bool, best: float | None = None
):
    """Whether a near miss is worth naming: above the shown bar and close by meaning.

    `best`: the best allowed score of the list (None when nothing was allowed): a near miss is
    judged as if the rule had let it into that list."""

    def relevant(item: ranking.RankedItem) -> bool:
        semantic = item.features.get("semantic", float("nan"))
        close = degraded or (np.isfinite(semantic) and semantic >= ADVICE_MIN_SEMANTIC)
        return close and curve.shown(item.score, best)

    return relevant


# Recommendations ----------------------------------------------------------------------------


def _query_embedding(listing: Listing, record, encoder: Encoder | None) -> ranking.QueryEmbedding | None:
    if encoder is None:
        return None
    row = embeddings_for([listing], encoder=encoder, records=[record])[listing.pk]
    return ranking.QueryEmbedding(
        model=encoder.name, vector=row.vector("query"), sentences=row.vector("sentences"),
        audience=(
            np.full(len(ranking.INITIATIVE_KINDS), np.nan, dtype=np.float32)
            if isinstance(listing, Offer) else None
        ),
    )


def _search_candidates(kind: str, query_record, query) -> set[int] | None:
    """Candidate ids from the search backend (nearest vectors + words), when settings ask for it.

    None means "rank the whole in-process pool" (the embedded default; exact). With
    Elasticsearch the pool stays in the engine and only the candidates are loaded here."""
    if not settings.MATCHING.get("CANDIDATES_FROM_SEARCH") or query is None:
        return None
    source = import_string(
        settings.MATCHING.get("CANDIDATES_SOURCE", "search.candidates.candidate_ids")
    )
    return source(
        kind=kind, title=query_record.title, model=query.model, vector=query.vector,
        k=int(settings.MATCHING.get("CANDIDATES", 100)),
    )


def _candidate_pool(
    kind: str, ids: set[int], encoder: Encoder | None, *, vectors: str | None = None
):
    """A pool of just these live listings (candidates from search), with their stored vectors."""
    public = (
        marketplace_selectors.offer_list_public()
        if kind == "offer"
        else marketplace_selectors.need_list_public().select_related("organisation")
    )
    return _pool_from(
        kind, list(public.filter(pk__in=ids).order_by("pk")), encoder, vectors=vectors
    )


def _highlight(text: str, span) -> tuple[str, str, str]:
    return text[: span.start], text[span.start : span.end], text[span.end :]


def _recommend(
    listing: Listing, direction: str, *, limit: int, record: bool = False
) -> Recommendations:
    listing = _prefetched([listing])[0]
    try:
        encoder: Encoder | None = get_encoder()
    except EncoderUnavailable:
        encoder = None
    if encoder is not None:
        try:
            return _recommend_with(listing, direction, encoder, limit=limit, record=record)
        except EncoderUnavailable:
            # The model failed or was too slow halfway (semantic.encoders): rank by words.
            logger.warning("encoder failed while ranking %s %s: lexical ranking", direction,
                           listing.pk)
    return _recommend_with(listing, direction, None, limit=limit, record=record)


def _recommend_with(
    listing: Listing, direction: str, encoder: Encoder | None, *, limit: int, record: bool
) -> Recommendations:
    pool_kind = "need" if direction in (ranking.NEEDS_FOR_OFFER, ranking.SIMILAR_NEEDS) else "offer"
    query_record = _record(listing)
    query = _query_embedding(listing, query_record, encoder)
    candidate_ids = _search_candidates(pool_kind, query_record, query)
    active = active_ranker() if encoder is not None else ranking.LEXICAL_RANKER
    vectors = ranking.pool_vectors(active)  # the pool's stored vectors this ranker compares with
    if candidate_ids is None:
        pool, by_id, stored = listing_pool(pool_kind, encoder, vectors=vectors)
    else:
        pool, by_id, stored = _candidate_pool(pool_kind, candidate_ids, encoder, vectors=vectors)
    if encoder is not None and pool.model is None:
        encoder, query = None, None  # an empty pool has no vectors; rank lexically
    ranker = active if encoder is not None else ranking.LEXICAL_RANKER
    options = ranking.RankingOptions(
        candidates=settings.MATCHING.get("CANDIDATES", 100), limit=limit
    )
    rank = {
        ranking.OFFERS_FOR_NEED: ranking.rank_offers_for_need,
        ranking.NEEDS_FOR_OFFER: ranking.rank_needs_for_offer,
        ranking.SIMILAR_NEEDS: ranking.rank_similar_needs,
    }[direction]
    result = rank(query_record, pool, query=query, ranker=ranker, options=options)
    own_sentences = None
    if encoder is not None:
        own = embeddings_for([listing], encoder=encoder, records=[query_record])[listing.pk]
        own_sentences = own.vector("sentences")
    output = Recommendations(
        ranker_version=result.ranker_version, model=result.model, degraded=result.degraded
    )
    records_by_id = {r.id: r for r in pool.records}
    curve = (
        calibration_for(result.ranker_version, direction)
        if direction != ranking.SIMILAR_NEEDS
        else None
    )
    # The calibration reads each score against the best allowed candidate of this list
    # (calibration.Calibration.probability): the ranked items are best first.
    best = result.items[0].score if result.items else None
    for item in result.items:
        probability = strength = None
        if curve is not None:
            probability = curve.probability(item.score, best)
            strength = curve.strength(probability)
            if strength is None:
                output.below_bar.append(by_id[item.id])
                continue  # below the shown bar: no padded lists
        other = by_id[item.id]
        other_record = records_by_id[item.id]
        other_sentences = stored[item.id].vector("sentences") if item.id in stored else None
        vectors_ready = own_sentences is not None and other_sentences is not None
        if direction == ranking.SIMILAR_NEEDS:
            explanation = explain.explain_similar_need(
                query_record, other_record,
                need_sentence_vectors=own_sentences if vectors_ready else None,
                other_sentence_vectors=other_sentences if vectors_ready else None,
            )
        elif direction == ranking.OFFERS_FOR_NEED:
            explanation = explain.explain_match(
                query_record, other_record,
                need_sentence_vectors=own_sentences if vectors_ready else None,
                offer_sentence_vectors=other_sentences if vectors_ready else None,
            )
        else:
            explanation = explain.explain_match(
                other_record, query_record, from_offer=True,
                need_sentence_vectors=other_sentences if vectors_ready else None,
                offer_sentence_vectors=own_sentences if vectors_ready else None,
            )
        pair = explanation.sentence_pair
        output.items.append(Recommendation(
            listing=other, score=item.score, explanation=explanation,
            highlight=_highlight(other_record.text, pair.candidate) if pair else None,
            query_sentence=pair.query.text if pair else "",
            features={k: float(v) for k, v in item.features.items()},
            probability=probability, strength=strength or "",
        ))
    if curve is not None:
        output.has_good_match = bool(output.items)
        if not output.has_good_match:
            relevant = _relevant_near_miss(curve, result.degraded, best)
            if direction == ranking.OFFERS_FOR_NEED:
                output.advice = explain.why_no_good_match(
                    result.excluded, records_by_id, is_relevant=relevant
                )
            else:
                output.advice = explain.why_no_good_lead(
                    result.excluded, records_by_id, is_relevant=relevant
                )
    if direction != ranking.SIMILAR_NEEDS:
        if record:
            _record_suggestions(listing, output)
        else:
            _attach_matches(listing, output, result)
    return output


def _record_suggestions(listing: Listing, output: Recommendations) -> None:
    """Store what was suggested, with the ranker version and features, for learning later."""
    from marketplace.match_services import match_suggest

    for item in output.items:
        need, offer = (listing, item.listing) if isinstance(listing, Need) else (item.listing, listing)
        item.match = match_suggest(
            need=need, offer=offer, score=item.score, ranker_version=output.ranker_version,
            explanation=_shown_explanation(item, from_offer=isinstance(listing, Offer)),
            lead_alert=item.strength == calibration.STRONG,
        )


def _shown_explanation(item: Recommendation, *, from_offer: bool) -> dict[str, Any]:
    """What the pair was suggested with, as the match keeps it: the reasons, the highlighted
    passages of both sides, the strength, and the features (what the ranker learns from)."""
    pair = item.explanation.sentence_pair
    return {
        "codes": item.explanation.codes,
        "features": _finite(item.features),
        "reasons": [{"code": r.code, "data": r.data} for r in item.explanation.reasons],
        "strength": item.strength,
        "probability": round(item.probability, 4) if item.probability is not None else None,
        # The sentences of each side, whichever side the list was shown to.
        "need_sentence": (pair.candidate.text if from_offer else pair.query.text) if pair else "",
        "offer_sentence": (pair.query.text if from_offer else pair.candidate.text) if pair else "",
    }


def _attach_matches(listing: Listing, output: Recommendations, result: ranking.Ranking) -> None:
    key = "need" if isinstance(listing, Need) else "offer"
    other = "offer" if key == "need" else "need"
    matches = {
        getattr(m, f"{other}_id"): m
        for m in Match.objects.filter(**{key: listing}, **{f"{other}_id__in": result.ids()})
    }
    for recommendation in output.items:
        recommendation.match = matches.get(recommendation.listing.pk)


def recommend_offers_for_need(
    *, need: Need, limit: int = SHOWN_PER_LISTING, record: bool = False
) -> Recommendations:
    """Offers that could solve the need, best first, each with why it fits (recorded if asked)."""
    return _recommend(need, ranking.OFFERS_FOR_NEED, limit=limit, record=record)


def recommend_needs_for_offer(
    *, offer: Offer, limit: int = SHOWN_PER_LISTING, record: bool = False
) -> Recommendations:
    """Needs the offer could serve: leads for the business (recorded if asked)."""
    return _recommend(offer, ranking.NEEDS_FOR_OFFER, limit=limit, record=record)


def recommend_similar_needs(*, need: Need, limit: int = SIMILAR_PER_NEED) -> Recommendations:
    """Needs of other initiatives like this one, to pool demand."""
    return _recommend(need, ranking.SIMILAR_NEEDS, limit=limit)


def suggestions_refresh_all() -> int:
    """Record suggestions for every published offer and need (after a bulk load, on a schedule)."""
    count = 0
    for kind in ("offer", "need"):
        for listing in _public_listings(kind):
            count += len(suggestions_refresh(listing=listing, cascade=False))
    return count


def _finite(features: dict[str, float]) -> dict[str, float]:
    """Features as JSON can store them (unknown values are left out, i.e. NaN when read back)."""
    return {name: value for name, value in features.items() if np.isfinite(value)}


def _suggestion_list_store(
    listing: Listing, direction: str, output: Recommendations
) -> SuggestionList:
    """Keep the ranked list as the page will show it: ids, scores, reasons and the highlight."""
    items = [
        {
            "id": item.listing.pk,
            "score": float(item.score),
            "match": item.match.pk if item.match is not None else None,
            "reasons": [{"code": r.code, "data": r.data} for r in item.explanation.reasons],
            "highlight": _trimmed_highlight(item.highlight),
            "query_sentence": item.query_sentence,
            "strength": item.strength,
            "probability": item.probability,
        }
        for item in output.items
    ]
    row, _created = SuggestionList.objects.update_or_create(
        listing_id=listing.pk,
        direction=DIRECTIONS[direction],
        defaults={
            "ranker_version": output.ranker_version,
            "model": output.model or "",
            "degraded": output.degraded,
            "has_good_match": output.has_good_match,
            "advice": output.advice,
            "items": items,
        },
    )
    return row


def _trimmed_highlight(highlight: tuple[str, str, str] | None) -> list[str] | None:
    """The passage around the best sentence, as much of it as a card shows."""
    if highlight is None:
        return None
    before, mark, after = highlight
    return [before[-HIGHLIGHT_CONTEXT:], mark, after[:HIGHLIGHT_CONTEXT]]


@transaction.atomic
def suggestions_refresh(
    *, listing: Listing, limit: int = SHOWN_PER_LISTING, cascade: bool = True
) -> list[Match]:
    """Record the current top matches of a published listing, as Match rows and a shown list.

    A need gets its offers and its similar needs; an offer its leads and, with `cascade`, the
    needs it now leads to get their offer lists refreshed too (a new offer reaches them).
    """
    if isinstance(listing, Need):
        result = _recommend(listing, ranking.OFFERS_FOR_NEED, limit=limit, record=True)
        _suggestion_list_store(listing, ranking.OFFERS_FOR_NEED, result)
        similar = _recommend(listing, ranking.SIMILAR_NEEDS, limit=SIMILAR_PER_NEED)
        _suggestion_list_store(listing, ranking.SIMILAR_NEEDS, similar)
    else:
        result = _recommend(listing, ranking.NEEDS_FOR_OFFER, limit=limit, record=True)
        _suggestion_list_store(listing, ranking.NEEDS_FOR_OFFER, result)
        if cascade:
            for need in [item.listing for item in result.items] + result.below_bar:
                suggestions_refresh(listing=need, cascade=False)
    return [item.match for item in result.items if item.match is not None]


def suggestions_forget(*, kind: str, pk: int) -> int:
    """Drop the shown lists of a listing that is no longer public (its Match rows stay)."""
    directions = (
        [SuggestionList.Direction.OFFERS_FOR_NEED, SuggestionList.Direction.SIMILAR_NEEDS]
        if kind == "need"
        else [SuggestionList.Direction.NEEDS_FOR_OFFER]
    )
    deleted, _ = SuggestionList.objects.filter(listing_id=pk, direction__in=directions).delete()
    return deleted


# Learning from outcomes ---------------------------------------------------------------------

OUTCOME_BY_STATUS = {
    MatchStatus.SUGGESTED: "ignored",
    MatchStatus.DECLINED: "declined",
    MatchStatus.INTERESTED: "interest",
    MatchStatus.INTRODUCED: "accepted",
    MatchStatus.AGREED: "agreed",
    MatchStatus.FULFILLED: "fulfilled",
    MatchStatus.CLOSED: "accepted",  # they talked; the deal did not happen
}


def training_examples() -> list[ranking.TrainingExample]:
    """Suggestions that were shown with their features, labelled with what came of them
    (in the order they were recorded)."""
    examples = []
    for match in Match.objects.exclude(ranker_version="").only("status", "explanation").order_by("pk"):
        features = (match.explanation or {}).get("features")
        if not features:
            continue
        examples.append(
            ranking.TrainingExample(features=features, outcome=OUTCOME_BY_STATUS[match.status])
        )
    return examples


HELD_OUT_EVERY = 5  # every fifth outcome (in recorded order) is kept out of training, to judge


def _held_out_auc(ranker: ranking.Ranker, examples: Sequence[ranking.TrainingExample]) -> float | None:
    """ROC AUC of the ranker's scores against the outcomes (weighted); None without both kinds."""
    from sklearn.metrics import roc_auc_score

    labels = [ranking.OUTCOMES[e.outcome][0] for e in examples]
    if len(set(labels)) < 2:
        return None
    rows = np.array([[float(e.features.get(n, np.nan)) for n in ranking.FEATURES] for e in examples])
    weights = [ranking.OUTCOMES[e.outcome][1] for e in examples]
    return float(roc_auc_score(labels, ranker.score(rows), sample_weight=weights))


def _labelled_sets() -> list[Path]:
    return [Path(p) for p in settings.MATCHING.get("LABELLED_SETS", []) if Path(p, "qrels.tsv").is_file()]


def ranker_compare(
    *, candidate: ranking.Ranker, active: ranking.Ranker,
    held_out: Sequence[ranking.TrainingExample],
) -> dict[str, Any]:
    """The candidate beside the active ranker: held-out outcomes (ROC AUC) and nDCG@10 on every
    labelled set in MATCHING["LABELLED_SETS"], and whether it is better by the margin on each."""
    from .evaluation import evaluate_run, load_dataset, matcher_run

    margin = float(settings.MATCHING.get("ACTIVATION_MARGIN", 0.01))
    measures: dict[str, dict[str, float | None]] = {
        "held-out outcomes (ROC AUC)": {
            "candidate": _held_out_auc(candidate, held_out),
            "active": _held_out_auc(active, held_out),
        }
    }
    try:
        encoder: Encoder | None = get_encoder()
    except EncoderUnavailable:
        encoder = None
    for directory in _labelled_sets():
        dataset = load_dataset(directory)
        row = {}
        for name, ranker in (("candidate", candidate), ("active", active)):
            run, _versions = matcher_run(dataset, encoder, ranker=ranker)
            row[name] = evaluate_run(run, dataset.qrels).values["ndcg@10"]
        measures[f"{directory.name} (nDCG@10)"] = row
    judged = {
        name: row["candidate"] - row["active"]
        for name, row in measures.items()
        if row["candidate"] is not None and row["active"] is not None
    }
    better = bool(judged) and all(difference >= margin for difference in judged.values())
    return {
        "active_version": active.version,
        "margin": margin,
        "held_out": len(held_out),
        "encoder": encoder.name if encoder else "none",
        "measures": {name: {k: _round(v) for k, v in row.items()} for name, row in measures.items()},
        "better": better,
    }


def _round(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 4)


def ranker_train(*, estimator: str = "logistic", activate: bool = True) -> RankerArtifact:
    """Learn a ranker from the outcomes so far, compare it offline with the active one, store
    it as a versioned artifact with its figures, and use it only when it is better.

    Refused below MATCHING["TRAIN_MIN_OUTCOMES"] real outcomes (anything but "ignored"). Every
    HELD_OUT_EVERY-th outcome is kept out of training to judge both rankers; the candidate is
    activated (when `activate`) only if it beats the active ranker by
    MATCHING["ACTIVATION_MARGIN"] on every figure (`ranker_compare`); otherwise it is stored
    inactive, with the figures that kept it out.
    """
    from collections import Counter

    from django.core.exceptions import ValidationError

    examples = training_examples()
    real = sum(e.outcome != "ignored" for e in examples)
    needed = int(settings.MATCHING.get("TRAIN_MIN_OUTCOMES", 50))
    if real < needed:
        raise ValidationError(
            f"Not enough outcomes to learn from yet: {real} real outcome(s) (interest, declines, "
            f"introductions, deals), at least {needed} needed (MATCHING['TRAIN_MIN_OUTCOMES'])."
        )
    labels = {ranking.OUTCOMES[e.outcome][0] for e in examples}
    if len(labels) < 2:
        raise ValidationError(
            "Not enough outcomes to learn from yet: there must be suggestions that were taken up "
            "and suggestions that were not."
        )
    held_out = examples[HELD_OUT_EVERY - 1 :: HELD_OUT_EVERY]
    training = [e for i, e in enumerate(examples) if (i + 1) % HELD_OUT_EVERY]
    if len({ranking.OUTCOMES[e.outcome][0] for e in training}) < 2:
        training = examples  # too few to spare any: the held-out figure is then left out
        held_out = []
    trained = ranking.train_ranker(training, estimator=estimator)
    figures = ranker_compare(candidate=trained, active=active_ranker(), held_out=held_out)
    directory = Path(settings.MATCHING.get("ARTIFACT_DIR") or settings.MEDIA_ROOT / "rankers")
    path = ranking.save_ranker(trained, directory / f"{trained.version}.joblib")
    activated = activate and figures["better"]
    figures["decision"] = "activated" if activated else (
        "kept inactive: not better by the margin on every figure" if activate and not figures["better"]
        else "kept inactive: asked not to activate"
    )
    artifact, _created = RankerArtifact.objects.update_or_create(
        version=trained.version,
        defaults={
            "estimator": trained.estimator,
            "path": str(path),
            "n_examples": trained.n_examples,
            "outcome_counts": dict(Counter(e.outcome for e in examples)),
            "figures": figures,
        },
    )
    if activated:
        artifact = ranker_activate(artifact=artifact)
    return artifact


@transaction.atomic
def ranker_activate(*, artifact: RankerArtifact | None, actor: Any = None) -> RankerArtifact | None:
    """Make this stored ranker the active one, or (None) go back to the built-in default (linear-v2).

    Permission: `matching.activate_ranker` when an actor is given (the admin); commands and
    the training gate pass none. The lists already recorded keep their ranker until the next
    refresh (`record_suggestions`)."""
    from django.core.exceptions import PermissionDenied

    if actor is not None and not actor.has_perm("matching.activate_ranker"):
        raise PermissionDenied("Only editors with the permission may switch the ranker.")
    RankerArtifact.objects.select_for_update().filter(is_active=True).exclude(
        pk=artifact.pk if artifact else None
    ).update(is_active=False)
    if artifact is not None and not artifact.is_active:
        artifact.is_active = True
        artifact.save(update_fields=["is_active"])
    logger.info("active ranker: %s (by %s)", artifact.version if artifact else ranking.DEFAULT_RANKER.version, actor)
    return artifact


# Demand pooling -----------------------------------------------------------------------------


def _pool_candidate(need: Need) -> pooling.PoolCandidate:
    return pooling.PoolCandidate(
        id=need.pk,
        organisation_id=need.organisation_id,
        title=need.title,
        theme=need.theme.slug,
        need_type=need.need_type,
        province=need.province.name,
        members=need.organisation.member_count,
        budget_min=float(need.budget_min) if need.budget_min is not None else None,
        budget_max=float(need.budget_max) if need.budget_max is not None else None,
    )


def _pooling_settings(encoder_name: str) -> dict[str, Any]:
    thresholds = settings.MATCHING.get(
        "POOL_DISTANCE_THRESHOLDS", {"default": pooling.DEFAULT_DISTANCE_THRESHOLD}
    )
    return {
        "distance_threshold": pooling.distance_threshold_for(encoder_name, thresholds),
        "min_organisations": int(
            settings.MATCHING.get("POOL_MIN_ORGANISATIONS", pooling.DEFAULT_MIN_ORGANISATIONS)
        ),
    }


@transaction.atomic
def need_clusters_refresh() -> list[NeedCluster]:
    """Cluster every open need by its stored vector, theme, need type and province; record them.

    Background work only (the change consumer, `record_need_clusters`): needs without a stored
    vector under the current model are left out; when no encoder can be named, the recorded
    clusters stay as they are.
    """
    try:
        encoder_name = get_encoder().name
    except EncoderUnavailable:
        logger.warning("encoder unavailable: need clusters kept as recorded")
        return list(NeedCluster.objects.all())
    # A joint need, and the needs of the initiatives that posted it, are pooled already.
    pooled_already = PoolMember.objects.filter(
        status=PoolMember.Status.JOINED, pool__joint_need__isnull=False
    ).values("need_id")
    needs = list(
        marketplace_selectors.need_list_public()
        .filter(organisation__kind="initiative", joint_pool__isnull=True)
        .exclude(pk__in=pooled_already)
        .order_by("pk")
    )
    table = neighbours.vector_table(Need, encoder_name=encoder_name)
    found, vectors = table.rows([need.pk for need in needs]) if needs else ([], np.empty((0, 0)))
    by_id = {need.pk: need for need in needs}
    results = pooling.cluster_needs(
        [_pool_candidate(by_id[pk]) for pk in found], vectors, **_pooling_settings(encoder_name)
    )
    NeedCluster.objects.exclude(key__in=[r.key for r in results]).delete()
    NeedClusterMember.objects.all().delete()
    recorded = []
    for result in results:
        cluster, _created = NeedCluster.objects.update_or_create(
            key=result.key,
            defaults={
                "theme": result.theme,
                "need_type": result.need_type,
                "province": result.province,
                "need_ids": list(result.need_ids),
                "organisation_ids": list(result.organisation_ids),
                "label_need_id": result.label_need_id,
                "members": result.members,
                "budget_min": round(result.budget_min, 2),
                "budget_max": round(result.budget_max, 2),
                "cohesion": result.cohesion,
                "model": encoder_name,
            },
        )
        NeedClusterMember.objects.bulk_create(
            [NeedClusterMember(cluster=cluster, need_id=pk) for pk in result.need_ids]
        )
        recorded.append(cluster)
    return recorded
