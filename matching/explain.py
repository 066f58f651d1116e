"""Why a listing was recommended, or why nothing good was: structured reasons, no wording.

Everything here returns codes and data (`Reason("region_named", {"province": "Utrecht"})`);
templates turn them into sentences in the reader's language. The highlighted sentence pair
carries character offsets into the texts as given (see `ranking.listing_text`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from semantic.encoders import Encoder

from .ranking import (
    NATIONAL,
    ListingId,
    NeedRecord,
    OfferRecord,
    RankedItem,
    budget_fit,
    need_budget,
    type_fit,
)
from .text import Span, parse_prices, split_sentences

# For the default linear ranker (linear-v1): on the dev set the best excellent offer of 9 in 10
# needs scores above 4, the best irrelevant one of half the needs below 3. (The pages now use the
# calibrated bar of matching.calibration; this stays as the default of has_good_match.)
LINEAR_GOOD_MATCH_SCORE = 4.0
# A highlighted sentence says something: at least this many words, unless nothing else does.
MIN_HIGHLIGHT_WORDS = 4

# Exclusions a need's owner cannot act on: not worth summarising.
_UNACTIONABLE = frozenset({"self", "own", "declined", "unpublished"})


@dataclass(frozen=True, slots=True)
class SentencePair:
    """The sentence of one text that best matches a sentence of the other, with offsets."""

    query: Span
    candidate: Span
    similarity: float


@dataclass(frozen=True, slots=True)
class Reason:
    """A structured reason code with its data, translated by templates."""

    code: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a candidate fits its query: the best sentence pair and the structured reasons."""

    sentence_pair: SentencePair | None
    reasons: list[Reason]

    @property
    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]


def embed_sentences(
    encoder: Encoder, text: str, *, as_query: bool
) -> tuple[list[Span], np.ndarray]:
    """The sentences of `text` and their vectors (cache these per listing in production)."""
    spans = split_sentences(text)
    texts = [span.text for span in spans]
    vectors = encoder.encode_queries(texts) if as_query else encoder.encode_passages(texts)
    return spans, vectors


def informative_sentences(text: str, spans: Sequence[Span]) -> np.ndarray:
    """Which sentences may be highlighted: not the title (the first line) and not a fragment.

    The title repeats what the card already shows and says little about fit; it is used only
    when it is all there is. Fragments (under MIN_HIGHLIGHT_WORDS words) likewise, only when the
    text has nothing longer.
    """
    title_end = text.find("\n")
    in_body = np.array([title_end >= 0 and span.start > title_end for span in spans], dtype=bool)
    long_enough = np.array(
        [len(span.text.split()) >= MIN_HIGHLIGHT_WORDS for span in spans], dtype=bool
    )
    for mask in (in_body & long_enough, in_body):
        if mask.any():
            return mask
    return np.ones(len(spans), dtype=bool)


def best_sentence_pair(
    query_text: str,
    candidate_text: str,
    *,
    encoder: Encoder | None = None,
    query_vectors: np.ndarray | None = None,
    candidate_vectors: np.ndarray | None = None,
    skip_titles: bool = True,
) -> SentencePair | None:
    """The most similar pair of informative sentences (query, candidate), from an encoder or vectors.

    Vectors, when given, must follow `split_sentences(text)` order. The query side is encoded
    as queries, the candidate side as passages. With `skip_titles` (the default) titles and
    fragments take part only when a text has no other sentence (`informative_sentences`).
    """
    query_spans = split_sentences(query_text)
    candidate_spans = split_sentences(candidate_text)
    if not query_spans or not candidate_spans:
        return None
    if query_vectors is None or candidate_vectors is None:
        if encoder is None:
            raise ValueError("give an encoder or both sets of sentence vectors")
        if query_vectors is None:
            query_vectors = encoder.encode_queries([span.text for span in query_spans])
        if candidate_vectors is None:
            candidate_vectors = encoder.encode_passages([span.text for span in candidate_spans])
    if len(query_vectors) != len(query_spans) or len(candidate_vectors) != len(candidate_spans):
        raise ValueError("one vector per sentence, in split_sentences order")
    similarity = np.asarray(query_vectors) @ np.asarray(candidate_vectors).T
    if skip_titles:
        allowed = np.outer(
            informative_sentences(query_text, query_spans),
            informative_sentences(candidate_text, candidate_spans),
        )
        similarity = np.where(allowed, similarity, -np.inf)
    row, col = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    return SentencePair(query_spans[row], candidate_spans[col], float(similarity[row, col]))


def region_reason(province: str, offer: OfferRecord) -> Reason:
    """Whether the offer names the need's province, serves the whole country, or neither."""
    regions = sorted(set(offer.regions) - {NATIONAL})
    if province and province in regions:
        return Reason("region_named", {"province": province})
    if offer.national or NATIONAL in offer.regions:
        return Reason("region_national", {})
    return Reason("region_outside", {"province": province, "regions": regions})


def eligibility_reasons(need: NeedRecord, offer: OfferRecord) -> list[Reason]:
    """How the initiative meets (or misses) the offer's structured eligibility rules."""
    rules = offer.eligibility
    reasons = []
    if rules.legal_forms:
        code = (
            "eligible_legal_form"
            if need.legal_form in rules.legal_forms
            else "ineligible_legal_form"
        )
        reasons.append(
            Reason(code, {"legal_form": need.legal_form, "allowed": sorted(rules.legal_forms)})
        )
    if rules.initiative_kinds:
        code = (
            "eligible_kind" if need.initiative_kind in rules.initiative_kinds else "ineligible_kind"
        )
        reasons.append(
            Reason(code, {"kind": need.initiative_kind, "allowed": sorted(rules.initiative_kinds)})
        )
    if rules.min_members:
        members = need.member_count or 0
        code = "eligible_members" if members >= rules.min_members else "ineligible_members"
        reasons.append(Reason(code, {"member_count": members, "min_members": rules.min_members}))
    if not reasons:
        reasons.append(Reason("eligible_open", {}))
    return reasons


def _shared(need: NeedRecord, other: OfferRecord | NeedRecord) -> list[Reason]:
    reasons = []
    if need.theme and need.theme == other.theme:
        reasons.append(Reason("theme", {"theme": need.theme}))
    shared_sdgs = sorted(need.sdgs & other.sdgs)
    if shared_sdgs:
        reasons.append(Reason("sdgs", {"sdgs": shared_sdgs}))
    return reasons


def explain_match(
    need: NeedRecord,
    offer: OfferRecord,
    *,
    from_offer: bool = False,
    encoder: Encoder | None = None,
    need_sentence_vectors: np.ndarray | None = None,
    offer_sentence_vectors: np.ndarray | None = None,
) -> Explanation:
    """Why `offer` suits `need` (or, `from_offer`, why the need is a lead for the offer)."""
    reasons = _shared(need, offer)
    reasons.append(region_reason(need.province, offer))
    reasons.extend(eligibility_reasons(need, offer))
    if type_fit(need.need_type, offer.offer_type) == 1:
        reasons.append(
            Reason("type_fits", {"need_type": need.need_type, "offer_type": offer.offer_type})
        )
    verdict = budget_fit(
        need_budget(need), parse_prices(offer.price_text), offer.offer_type,
        need_type=need.need_type,
    )
    if not math.isnan(verdict):
        reasons.append(Reason("budget_fits" if verdict > 0 else "budget_exceeded", {}))

    pair = None
    if encoder is not None or (
        need_sentence_vectors is not None and offer_sentence_vectors is not None
    ):
        if from_offer:
            pair = best_sentence_pair(
                offer.text,
                need.text,
                encoder=encoder,
                query_vectors=offer_sentence_vectors,
                candidate_vectors=need_sentence_vectors,
            )
        else:
            pair = best_sentence_pair(
                need.text,
                offer.text,
                encoder=encoder,
                query_vectors=need_sentence_vectors,
                candidate_vectors=offer_sentence_vectors,
            )
    return Explanation(sentence_pair=pair, reasons=reasons)


def explain_similar_need(
    need: NeedRecord,
    other: NeedRecord,
    *,
    encoder: Encoder | None = None,
    need_sentence_vectors: np.ndarray | None = None,
    other_sentence_vectors: np.ndarray | None = None,
) -> Explanation:
    """Why another initiative's need resembles this one (to pool demand)."""
    reasons = _shared(need, other)
    if need.province and need.province == other.province:
        reasons.append(Reason("same_province", {"province": need.province}))
    if need.need_type and need.need_type == other.need_type:
        reasons.append(Reason("same_need_type", {"need_type": need.need_type}))
    pair = None
    if encoder is not None or (
        need_sentence_vectors is not None and other_sentence_vectors is not None
    ):
        pair = best_sentence_pair(
            need.text,
            other.text,
            encoder=encoder,
            query_vectors=need_sentence_vectors,
            candidate_vectors=other_sentence_vectors,
        )
    return Explanation(sentence_pair=pair, reasons=reasons)


def has_good_match(
    items: Sequence[RankedItem], *, min_score: float = LINEAR_GOOD_MATCH_SCORE
) -> bool:
    """Whether the best allowed candidate scores at least `min_score` (ranker-specific)."""
    return bool(items) and items[0].score >= min_score


def why_no_good_match(
    excluded: Sequence[RankedItem],
    offers: Mapping[ListingId, OfferRecord],
    *,
    min_score: float | None = None,
    is_relevant: Callable[[RankedItem], bool] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """What the hard rules kept away, grouped to say what would open better matches.

    E.g. `{"reason": "region", "count": 3, "offer_type": "loan", "regions": ["Overijssel"]}`:
    three loan offers exist, but only for Overijssel. Only near misses that are relevant
    (`is_relevant`, e.g. above the shown bar by meaning; and scoring at least `min_score`) and
    that exactly one actionable rule keeps away count; groups are ordered by size, then by
    their best score. As many groups as there are (or `limit`): none when nothing relevant is
    near.
    """
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    best: dict[tuple[str, str], float] = defaultdict(lambda: -math.inf)
    for item, reason in _one_rule_away(excluded, min_score, is_relevant):
        offer = offers.get(item.id)
        if offer is None:
            continue
        key = (reason, offer.offer_type)
        group = groups.setdefault(
            key, {"reason": reason, "count": 0, "offer_type": offer.offer_type}
        )
        group["count"] += 1
        group.setdefault("offer_ids", []).append(offer.id)
        best[key] = max(best[key], item.score)
        rules = offer.eligibility
        if reason == "region":
            group["regions"] = sorted(
                set(group.get("regions", [])) | (set(offer.regions) - {NATIONAL})
            )
        elif reason == "legal_form":
            group["legal_forms"] = sorted(set(group.get("legal_forms", [])) | rules.legal_forms)
        elif reason == "initiative_kind":
            group["initiative_kinds"] = sorted(
                set(group.get("initiative_kinds", [])) | rules.initiative_kinds
            )
        elif reason == "min_members":
            group["min_members"] = min(group.get("min_members", math.inf), rules.min_members or 0)
    ordered = sorted(groups, key=lambda key: (-groups[key]["count"], -best[key], key))
    return [groups[key] for key in ordered[:limit]]


def why_no_good_lead(
    excluded: Sequence[RankedItem],
    needs: Mapping[ListingId, NeedRecord],
    *,
    is_relevant: Callable[[RankedItem], bool] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """For an offer without a good lead: relevant needs that one of the offer's rules keeps away.

    E.g. `{"side": "needs", "reason": "region", "count": 2, "regions": ["Drenthe"]}`: two needs
    would fit, but they are in Drenthe, where the offer is not offered.
    """
    groups: dict[str, dict[str, Any]] = {}
    best: dict[str, float] = defaultdict(lambda: -math.inf)
    for item, reason in _one_rule_away(excluded, None, is_relevant):
        need = needs.get(item.id)
        if need is None:
            continue
        group = groups.setdefault(reason, {"side": "needs", "reason": reason, "count": 0})
        group["count"] += 1
        group.setdefault("need_ids", []).append(need.id)
        best[reason] = max(best[reason], item.score)
        if reason == "region" and need.province:
            group["regions"] = sorted(set(group.get("regions", [])) | {need.province})
    ordered = sorted(groups, key=lambda key: (-groups[key]["count"], -best[key], key))
    return [groups[key] for key in ordered[:limit]]


def _one_rule_away(
    excluded: Sequence[RankedItem],
    min_score: float | None,
    is_relevant: Callable[[RankedItem], bool] | None,
) -> list[tuple[RankedItem, str]]:
    """Relevant near misses that exactly one actionable rule excludes, with that rule."""
    found = []
    for item in excluded:
        if min_score is not None and item.score < min_score:
            continue
        if is_relevant is not None and not is_relevant(item):
            continue
        reasons = [reason for reason in item.excluded_by if reason not in _UNACTIONABLE]
        if len(reasons) == 1 and len(item.excluded_by) == 1:
            found.append((item, reasons[0]))
    return found
