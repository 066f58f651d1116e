"""Explanations: the best sentence pair, reason codes, and why nothing good was found."""

import dataclasses

import numpy as np
import pytest

from matching.explain import (
    best_sentence_pair,
    explain_match,
    explain_similar_need,
    has_good_match,
    informative_sentences,
    why_no_good_lead,
    why_no_good_match,
)
from matching.ranking import (
    Eligibility,
    NeedRecord,
    OfferRecord,
    RankedItem,
    RankingOptions,
    budget_comparable,
    build_pool,
    rank_offers_for_need,
)
from matching.text import split_sentences
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
    # Sentences: need 3 (title + 2), offer 3 (title + 2); make need#2 meet offer#1.
    need_vectors = np.eye(3, 4, dtype=np.float32)
    offer_vectors = np.array([[0, 0, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=np.float32)

    pair = best_sentence_pair(
        NEED.text, OFFER.text, query_vectors=need_vectors, candidate_vectors=offer_vectors
    )

    assert pair.query.text == "The choir meets every week."
    assert pair.candidate.text == "Installers of solar panels on school roofs."
    with pytest.raises(ValueError, match="one vector per sentence"):
        best_sentence_pair(
            NEED.text, OFFER.text, query_vectors=need_vectors[:2], candidate_vectors=offer_vectors
        )
    with pytest.raises(ValueError, match="encoder"):
        best_sentence_pair(NEED.text, OFFER.text)


def test_the_highlight_is_not_the_title_unless_the_title_is_all_there_is():
    # The titles match each other best (1.0); the best pair of body sentences only 0.6.
    need_vectors = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    offer_vectors = np.array([[1, 0, 0], [0, 0.6, 0.8], [0, 0, 0.5]], dtype=np.float32)

    pair = best_sentence_pair(
        NEED.text, OFFER.text, query_vectors=need_vectors, candidate_vectors=offer_vectors
    )
    assert pair.query.text == "The choir meets every week."
    assert pair.candidate.text == "Installers of solar panels on school roofs."
    assert pair.similarity == pytest.approx(0.8)

    before = best_sentence_pair(
        NEED.text, OFFER.text, query_vectors=need_vectors, candidate_vectors=offer_vectors,
        skip_titles=False,
    )
    assert (before.query.text, before.candidate.text) == (NEED.title, OFFER.title)

    # An offer with a title only: the title is all there is, so it is highlighted.
    title_only = best_sentence_pair(
        NEED.text, "Rooftop installers", query_vectors=need_vectors,
        candidate_vectors=np.array([[0, 1, 0]], dtype=np.float32),
    )
    assert title_only.candidate.text == "Rooftop installers"
    assert title_only.query.text == "We want solar panels on the school roof."


def test_fragments_are_highlighted_only_when_nothing_longer_exists():
    text = "Title\nShort bit. A sentence that says what the offer does."
    spans = split_sentences(text)
    assert informative_sentences(text, spans).tolist() == [False, False, True]
    assert informative_sentences("Title\nTiny.", split_sentences("Title\nTiny.")).tolist() == [
        False, True,
    ]
    assert informative_sentences("Only a title", split_sentences("Only a title")).tolist() == [True]


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


def test_advice_names_only_relevant_offers_blocked_by_exactly_one_rule():
    need = NeedRecord(id="n", title="Help with ANBI status", province="Utrecht",
                      initiative_kind="energy_coop")
    anbi = OfferRecord(id="anbi", title="ANBI status advice", offer_type="advice",
                       regions=frozenset({"Drenthe"}))
    unrelated = OfferRecord(id="solar", title="Solar panels", offer_type="product",
                            regions=frozenset({"Drenthe"}))
    two_rules = OfferRecord(id="two", title="ANBI advice for care", offer_type="advice",
                            regions=frozenset({"Drenthe"}),
                            eligibility=Eligibility(initiative_kinds=frozenset({"care_coop"})))
    offers = {o.id: o for o in (anbi, unrelated, two_rules)}
    excluded = [
        RankedItem("anbi", 5.0, None, {"semantic": 2.5}, excluded_by=("region",)),
        RankedItem("solar", 4.8, None, {"semantic": -0.5}, excluded_by=("region",)),
        RankedItem("two", 5.2, None, {"semantic": 2.6}, excluded_by=("region", "initiative_kind")),
    ]

    def by_meaning(item):
        return item.features["semantic"] >= 1.0

    advice = why_no_good_match(excluded, offers, is_relevant=by_meaning)
    assert advice == [{"reason": "region", "count": 1, "offer_type": "advice",
                       "offer_ids": ["anbi"], "regions": ["Drenthe"]}]
    # Nothing relevant nearby: no advice at all, rather than lines about unrelated offers.
    assert why_no_good_match(excluded[1:], offers, is_relevant=by_meaning) == []
    _ = need


def test_why_no_good_lead_groups_relevant_needs_by_the_rule_that_keeps_them_away():
    needs = {
        "a": NeedRecord(id="a", title="Heat pump", province="Drenthe"),
        "b": NeedRecord(id="b", title="Heat pump", province="Groningen"),
        "c": NeedRecord(id="c", title="Choir", province="Drenthe"),
    }
    excluded = [
        RankedItem("a", 5.0, None, {}, excluded_by=("region",)),
        RankedItem("b", 4.9, None, {}, excluded_by=("region",)),
        RankedItem("c", 1.0, None, {}, excluded_by=("region",)),
    ]
    advice = why_no_good_lead(excluded, needs, is_relevant=lambda item: item.score >= 4)
    assert advice == [{"side": "needs", "reason": "region", "count": 2, "need_ids": ["a", "b"],
                       "regions": ["Drenthe", "Groningen"]}]


def test_budget_fit_is_claimed_only_where_budget_and_price_are_comparable():
    service = dataclasses.replace(OFFER, eligibility=Eligibility(), price_text="€1.500 all-in")
    for need_type, claimed in [("service", True), ("product", True), ("money", False),
                               ("volunteers", False), ("", True)]:
        need = dataclasses.replace(NEED, need_type=need_type, budget_max=2000)
        codes = explain_match(need, service).codes
        assert ("budget_fits" in codes) is claimed, need_type
    advice = dataclasses.replace(service, offer_type="advice")  # does not answer a product need
    assert "budget_fits" not in explain_match(dataclasses.replace(NEED, need_type="product"), advice).codes
    loan = dataclasses.replace(service, offer_type="loan")
    assert "budget_fits" not in explain_match(dataclasses.replace(NEED, need_type="money"), loan).codes
    assert budget_comparable("service", "advice") and not budget_comparable("money", "service")
