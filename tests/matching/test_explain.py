"""Explanations: the best sentence pair, reason codes, and why nothing good was found."""

import dataclasses

import numpy as np
import pytest

from matching.explain import (
    best_sentence_pair,
    explain_match,
    explain_similar_need,
    has_good_match,
    why_no_good_match,
)
from matching.ranking import (
    Eligibility,
    NeedRecord,
    OfferRecord,
    RankedItem,
    RankingOptions,
    build_pool,
    rank_offers_for_need,
)
from semantic.encoders import FakeEncoder

NEED = NeedRecord(
    id="n",
    title="Our village hall needs a new roof",
    description="We want solar panels on the school roof. The choir meets every week.",
    theme="energy",
    need_type="service",
    province="Utrecht",
    initiative_kind="energy_coop",
    legal_form="cooperatie_ua",
    member_count=80,
    sdgs=frozenset({7, 13}),
    budget_max=2000,
)
OFFER = OfferRecord(
    id="o",
    title="Rooftop installers",
    description="Installers of solar panels on school roofs. We also sell bicycles.",
    theme="energy",
    offer_type="service",
    regions=frozenset({"Utrecht"}),
    eligibility=Eligibility(initiative_kinds=frozenset({"energy_coop"}), min_members=50),
    sdgs=frozenset({7}),
    price_text="€1.500 all-in",
)


def test_best_sentence_pair_with_the_fake_encoder():
    pair = best_sentence_pair(NEED.text, OFFER.text, encoder=FakeEncoder())

    assert pair.query.text == "We want solar panels on the school roof."
    assert pair.candidate.text == "Installers of solar panels on school roofs."
    assert NEED.text[pair.query.start : pair.query.end] == pair.query.text
    assert OFFER.text[pair.candidate.start : pair.candidate.end] == pair.candidate.text
    assert 0 < pair.similarity <= 1


def test_best_sentence_pair_with_given_vectors():
    # Sentences: need 3 (title + 2), offer 3 (title + 2); make need#2 meet offer#0.
    need_vectors = np.eye(3, 4, dtype=np.float32)
    offer_vectors = np.array([[0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1]], dtype=np.float32)

    pair = best_sentence_pair(
        NEED.text, OFFER.text, query_vectors=need_vectors, candidate_vectors=offer_vectors
    )

    assert pair.query.text == "The choir meets every week."
    assert pair.candidate.text == "Rooftop installers"
    with pytest.raises(ValueError, match="one vector per sentence"):
        best_sentence_pair(
            NEED.text, OFFER.text, query_vectors=need_vectors[:2], candidate_vectors=offer_vectors
        )
    with pytest.raises(ValueError, match="encoder"):
        best_sentence_pair(NEED.text, OFFER.text)


def test_explain_match_gives_structured_reasons():
    explanation = explain_match(NEED, OFFER, encoder=FakeEncoder())

    assert explanation.codes == [
        "theme",
        "sdgs",
        "region_named",
        "eligible_kind",
        "eligible_members",
        "type_fits",
        "budget_fits",
    ]
    reasons = {reason.code: reason.data for reason in explanation.reasons}
    assert reasons["sdgs"] == {"sdgs": [7]}
    assert reasons["region_named"] == {"province": "Utrecht"}
    assert reasons["eligible_members"] == {"member_count": 80, "min_members": 50}
    assert explanation.sentence_pair.candidate.text == "Installers of solar panels on school roofs."


def test_explain_match_from_the_offers_side_and_misfits():
    small = dataclasses.replace(NEED, member_count=10, province="Zeeland", budget_max=100)
    explanation = explain_match(small, OFFER, from_offer=True, encoder=FakeEncoder())

    assert "region_outside" in explanation.codes
    assert "ineligible_members" in explanation.codes
    assert "budget_exceeded" in explanation.codes
    # Seen from the offer: the offer's sentence is the query, the need's the candidate.
    assert explanation.sentence_pair.query.text == "Installers of solar panels on school roofs."


def test_explanation_without_encoder_has_no_sentence_pair():
    explanation = explain_match(NEED, OFFER)

    assert explanation.sentence_pair is None
    national = OfferRecord(id="x", title="x", national=True)
    assert explain_match(NEED, national).codes[-2:] == ["region_national", "eligible_open"]


def test_explain_similar_need():
    other = NeedRecord(
        id="m",
        title="Solar panels on the school roof",
        theme="energy",
        province="Utrecht",
        need_type="service",
        sdgs=frozenset({13}),
    )

    explanation = explain_similar_need(NEED, other, encoder=FakeEncoder())

    assert explanation.codes == ["theme", "sdgs", "same_province", "same_need_type"]
    assert explanation.sentence_pair.candidate.text == "Solar panels on the school roof"


def test_why_no_good_match_says_what_would_open_better_matches():
    loans = [
        OfferRecord(
            id=f"loan{i}",
            title="Loan for energy cooperatives",
            offer_type="loan",
            regions=frozenset({"Overijssel"}),
        )
        for i in range(3)
    ]
    grant = OfferRecord(
        id="grant",
        title="Grant for energy cooperatives",
        offer_type="grant",
        national=True,
        eligibility=Eligibility(initiative_kinds=frozenset({"care_coop"})),
    )
    own = OfferRecord(
        id="own",
        title="Our own loan for energy",
        offer_type="loan",
        national=True,
        organisation_id="me",
    )
    need = NeedRecord(
        id="n",
        title="Loan for our energy cooperative",
        province="Utrecht",
        initiative_kind="energy_coop",
        organisation_id="me",
    )
    offers = {offer.id: offer for offer in [*loans, grant, own]}

    ranking = rank_offers_for_need(
        need, build_pool(list(offers.values())), options=RankingOptions(excluded=None)
    )
    summary = why_no_good_match(ranking.excluded, offers)

    assert ranking.items == []
    assert [{k: v for k, v in group.items() if k != "offer_ids"} for group in summary] == [
        {"reason": "region", "count": 3, "offer_type": "loan", "regions": ["Overijssel"]},
        {
            "reason": "initiative_kind",
            "count": 1,
            "offer_type": "grant",
            "initiative_kinds": ["care_coop"],
        },
    ]
    assert sorted(summary[0]["offer_ids"]) == ["loan0", "loan1", "loan2"]
    assert why_no_good_match(ranking.excluded, offers, min_score=1e9) == []


def test_has_good_match():
    item = RankedItem(id="o", score=4.5, similarity=None, features={})
    assert has_good_match([item])
    assert not has_good_match([item], min_score=5)
    assert not has_good_match([])
