"""The matcher on the marketplace: stored vectors, recommendations both ways, suggestions, learning."""

import json

import pytest

from django.urls import reverse

from marketplace import match_services
from marketplace.models import Match, MatchStatus, Province
from matching import services
from semantic.encoders import get_encoder
from semantic.models import Embedding
from tests.factories import InitiativeFactory, NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_pools(settings, tmp_path):
    settings.MATCHING = {**settings.MATCHING, "ARTIFACT_DIR": str(tmp_path)}
    services.reset_pools()
    yield
    services.reset_pools()


@pytest.fixture
def solar_need(initiative):
    return NeedFactory(
        organisation=initiative, published=True, title="Solar panels for the village hall",
        description="We want forty solar panels on the roof of our village hall. "
        "The energy cooperative will own the installation.",
    )


@pytest.fixture
def offers(db):
    provider = OrganisationFactory(name="Sun BV")
    solar = OfferFactory(
        organisation=provider, published=True, title="Collective rooftop solar installation",
        description="We install solar panels on village halls and schools for energy cooperatives. "
        "Maintenance for ten years is included.",
    )
    solar.theme_id = solar_need_theme()
    solar.save()
    cars = OfferFactory(
        organisation=provider, published=True, title="Shared electric cars",
        description="Electric cars shared by neighbours with a booking app.",
    )
    return solar, cars


def solar_need_theme():
    from marketplace.models import Theme

    return Theme.objects.get(slug="energy").pk


def test_recommendations_rank_the_fitting_offer_first_and_explain_it(solar_need, offers):
    solar, cars = offers
    result = services.recommend_offers_for_need(need=solar_need)
    assert [item.listing for item in result.items][:2] == [solar, cars]
    best = result.items[0]
    assert "theme" in best.explanation.codes
    assert best.highlight is not None and "solar" in best.highlight[1].lower()
    assert result.ranker_version == "linear-v2"


def test_vectors_are_stored_per_model_and_refreshed_when_the_text_changes(solar_need, offers):
    services.recommend_offers_for_need(need=solar_need)
    row = Embedding.objects.get(object_id=solar_need.pk, content_type__model="need")
    assert row.model == get_encoder().name
    assert row.dim == len(row.vector("passage")) == get_encoder().dim
    first_hash = row.text_hash
    solar_need.description = "Completely different: we need volunteers for a repair café."
    solar_need.save()
    services.embeddings_refresh(listings=[solar_need])
    row.refresh_from_db()
    assert row.text_hash != first_hash


def test_hard_rules_keep_out_other_regions_and_say_what_would_open_matches(initiative, settings):
    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": ""}  # the shipped bar
    need = NeedFactory(organisation=initiative, published=True,
                       province=Province.objects.get(slug="friesland"),
                       title="Loan for a heat network", language="en",
                       description="We need a loan for a heat network.")
    far = OfferFactory(is_national=False, published=True, offer_type="loan", language="en",
                       theme_id=solar_need_theme(), title="Loan for heat networks",
                       description="We give a loan for a heat network.")
    far.regions.set([Province.objects.get(slug="overijssel")])
    # Other offers, so that the loan stands out by meaning (advice names only relevant offers).
    for title in ("Shared cars", "Choir coaching", "Bakery courses", "Repair tools",
                  "Bookkeeping software", "Care shuttle", "Singing lessons", "Bicycle repairs"):
        OfferFactory(published=True, title=title, description=f"{title} for neighbourhoods.")
    result = services.recommend_offers_for_need(need=need)
    assert far not in [item.listing for item in result.items]
    assert not result.has_good_match
    assert result.advice and result.advice[0]["reason"] == "region"
    assert result.advice[0]["regions"] == ["Overijssel"]


def test_declined_offers_are_never_suggested_again(solar_need, offers):
    from tests.factories import MembershipFactory

    solar, cars = offers
    provider_owner = MembershipFactory(organisation=solar.organisation).user
    match = match_services.match_suggest(need=solar_need, offer=solar, score=1.0)
    match_services.match_decline(match=match, actor=provider_owner)
    result = services.recommend_offers_for_need(need=solar_need)
    assert solar not in [item.listing for item in result.items]
    assert cars in [item.listing for item in result.items]


def test_leads_for_an_offer_and_similar_needs(solar_need, offers, initiative):
    solar, _cars = offers
    other = NeedFactory(organisation=InitiativeFactory(name="Other coop"), published=True,
                        title="Solar roof on our school", description="Solar panels for the school roof.")
    leads = services.recommend_needs_for_offer(offer=solar)
    assert {item.listing for item in leads.items} >= {solar_need, other}
    similar = services.recommend_similar_needs(need=solar_need)
    assert [item.listing for item in similar.items] == [other]


def test_suggestions_are_recorded_with_the_ranker_version(solar_need, offers):
    matches = services.suggestions_refresh(listing=solar_need)
    assert matches
    assert all(m.status == MatchStatus.SUGGESTED and m.ranker_version == "linear-v2" for m in matches)
    assert "semantic" in matches[0].explanation["features"]


def test_train_ranker_learns_from_outcomes_and_is_used(
    solar_need, offers, initiative_owner, settings
):
    from pathlib import Path

    settings.MATCHING = {**settings.MATCHING, "TRAIN_MIN_OUTCOMES": 1,
                         "LABELLED_SETS": [str(Path(__file__).parent / "data")]}
    solar, cars = offers
    extra = [OfferFactory(published=True, title=f"Offer {i}", description="Something else entirely.")
             for i in range(3)]
    services.suggestions_refresh(listing=solar_need, limit=10)
    match = Match.objects.get(need=solar_need, offer=solar)
    match_services.match_express_interest(need=solar_need, offer=solar, actor=initiative_owner,
                                          proposal="Yes please")
    artifact = services.ranker_train()
    assert artifact.outcome_counts["interest"] == 1
    assert artifact.outcome_counts["ignored"] == len(extra) + 1
    # One taken-up suggestion cannot beat linear-v1 everywhere: stored, with its figures.
    assert artifact.is_active is artifact.figures["better"]
    services.ranker_activate(artifact=artifact)
    result = services.recommend_offers_for_need(need=solar_need)
    assert result.ranker_version == artifact.version
    match.refresh_from_db()
    assert match.status == MatchStatus.INTERESTED


def test_train_ranker_refuses_without_both_kinds_of_outcome(solar_need, offers, settings):
    from django.core.exceptions import ValidationError

    services.suggestions_refresh(listing=solar_need)
    settings.MATCHING = {**settings.MATCHING, "TRAIN_MIN_OUTCOMES": 0}
    with pytest.raises(ValidationError):
        services.ranker_train()


def test_publishing_refreshes_vectors_and_suggestions_after_commit(
    initiative, initiative_owner, offers, editor, django_capture_on_commit_callbacks
):
    from marketplace import services as marketplace_services

    need = NeedFactory(organisation=initiative, title="Solar panels for our hall",
                       description="Solar panels on the roof of the hall.")
    with django_capture_on_commit_callbacks(execute=True):
        need = marketplace_services.listing_submit(listing=need, actor=initiative_owner)
    with django_capture_on_commit_callbacks(execute=True):
        marketplace_services.listing_approve(listing=need, actor=editor)
    assert Embedding.objects.filter(object_id=need.pk, content_type__model="need").exists()
    assert Match.objects.filter(need=need, status=MatchStatus.SUGGESTED).exists()


def test_manage_page_shows_recommendations_with_reasons(client, solar_need, offers, initiative_owner):
    services.suggestions_refresh(listing=solar_need)  # what the background refresh records
    client.force_login(initiative_owner)
    page = client.get(reverse("marketplace:need_manage", args=[solar_need.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert offers[0].title in html
    assert "<mark>" in html
    assert Match.objects.filter(need=solar_need, offer=offers[0]).exists()


def test_search_reuses_the_matchers_vectors_instead_of_encoding_again(offers, monkeypatch):
    from search import services as search_services
    from search.sources import OfferSource

    solar, _cars = offers
    services.embeddings_refresh(listings=[solar])
    stored = Embedding.objects.get(object_id=solar.pk, content_type__model="offer")
    document = OfferSource().to_document(solar)
    encoder = get_encoder()

    def must_not_encode(texts):
        raise AssertionError(f"encoded again: {texts}")

    monkeypatch.setattr(encoder, "encode_passages", must_not_encode)
    vectors = search_services.search_encode_documents([document])
    assert (vectors[document.key].vector == stored.vector("passage")).all()

    solar.description = "A changed text must be encoded anew."
    document = OfferSource().to_document(solar)
    with pytest.raises(AssertionError, match="encoded again"):
        search_services.search_encode_documents([document])


def test_candidates_can_come_from_the_search_backend(settings, solar_need, offers, monkeypatch):
    from search.services import search_index_rebuild

    solar, cars = offers
    OfferFactory(published=True, title="Repair café tool kit",
                 description="Tools and spare parts for repair cafés.")
    search_index_rebuild(backend_alias="default")
    settings.MATCHING = {**settings.MATCHING, "CANDIDATES_FROM_SEARCH": True, "CANDIDATES": 1}
    calls = []
    monkeypatch.setattr(services, "listing_pool", lambda kind: calls.append(kind))
    result = services.recommend_offers_for_need(need=solar_need)
    assert calls == []  # the whole pool was never built
    record = services.need_record(solar_need)
    query = services._query_embedding(solar_need, record, get_encoder())
    candidates = services._search_candidates("offer", record, query)
    assert solar.pk in candidates and len(candidates) < 3  # one nearest plus one by words
    assert {item.listing.pk for item in result.items} <= candidates
    assert result.items[0].listing == solar


def test_search_outage_falls_back_to_the_whole_pool(settings, solar_need, offers, monkeypatch):
    from search.backends.base import SearchBackendUnavailable

    settings.MATCHING = {**settings.MATCHING, "CANDIDATES_FROM_SEARCH": True}

    def unavailable(*args, **kwargs):
        raise SearchBackendUnavailable("down")

    monkeypatch.setattr("search.candidates.get_search_backend", unavailable)
    result = services.recommend_offers_for_need(need=solar_need)
    assert [item.listing for item in result.items][0] == offers[0]


def test_the_pool_holds_the_stored_vectors_the_ranker_compares_with(solar_need, offers):
    from matching import ranking

    services.recommend_offers_for_need(need=solar_need)  # stores the vectors
    solar, cars = offers
    rows = {row.object_id: row for row in Embedding.objects.filter(content_type__model="offer")}
    for field in ("query", "passage"):
        pool, _by_id, _stored = services.listing_pool("offer", vectors=field)
        for index, pk in enumerate(pool.ids):
            assert (pool.vectors[index] == rows[pk].vector(field)).all()
    # linear-v2 (the default) ranks against the query vectors, linear-v1 against the passages.
    assert ranking.pool_vectors(services.active_ranker()) == "query"
    assert ranking.pool_vectors(ranking.LINEAR_V1) == "passage"


def test_linear_v2_without_its_own_curve_borrows_linear_v1s(settings, tmp_path):
    import shutil

    from matching import calibration

    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": str(tmp_path)}
    shutil.copy(calibration.DATA_DIR / "calibration-linear-v1.json", tmp_path)
    calibration.load_calibration.cache_clear()
    try:
        v1 = services.calibration_for("linear-v1", "offers_for_need")
        v2 = services.calibration_for("linear-v2", "offers_for_need")
        assert v2.figures.get("fitted", True) is not False  # a fitted curve, not the raw score
        assert v2.shown_bar == v1.shown_bar and v2.scores == v1.scores
        # Its own curve, once calibrate_matching wrote it, wins.
        data = json.loads((tmp_path / "calibration-linear-v1.json").read_text())
        data["ranker_version"] = "linear-v2"
        for entry in data["directions"].values():
            entry["ranker_version"] = "linear-v2"
            entry["shown_bar"] = 0.5
        (tmp_path / "calibration-linear-v2.json").write_text(json.dumps(data))
        calibration.load_calibration.cache_clear()
        assert services.calibration_for("linear-v2", "offers_for_need").shown_bar == 0.5
        # A trained ranker without a curve keeps the uncalibrated bar.
        assert services.calibration_for("logistic-abc", "offers_for_need").figures == {
            "fitted": False
        }
    finally:
        calibration.load_calibration.cache_clear()


def test_linear_v3_selected_by_name_reads_the_stored_sentence_vectors(settings, solar_need, offers):
    import math

    from matching import ranking

    solar, cars = offers
    settings.MATCHING = {**settings.MATCHING, "RANKER_PATH": "linear-v3"}
    services._ranker_cache.clear()
    try:
        assert services.active_ranker() is ranking.LINEAR_V3
        result = services.recommend_offers_for_need(need=solar_need)
        assert result.ranker_version == "linear-v3"
        assert result.items and all(
            math.isfinite(item.features["sentence_max"]) for item in result.items
        )
        # Until its own curve is fitted, linear-v3 borrows linear-v2's, else linear-v1's.
        shown = settings.MATCHING
        settings.MATCHING = {**shown, "CALIBRATION_DIR": ""}  # the shipped curves
        v3 = services.calibration_for("linear-v3", "offers_for_need")
        assert v3.scores == services.calibration_for("linear-v1", "offers_for_need").scores
        assert v3.figures.get("fitted", True) is not False
        settings.MATCHING = shown

        # A listing whose sentence vectors are not stored yet: NaN (neutral), no error.
        from django.contrib.contenttypes.models import ContentType

        from marketplace.models import Offer

        Embedding.objects.filter(
            content_type=ContentType.objects.get_for_model(Offer), object_id=cars.pk
        ).update(sentences=None)
        services.reset_pools()
        pool, _, _ = services.listing_pool("offer")
        assert pool.sentence_vectors(pool.position[cars.pk]) is None
        assert pool.sentence_vectors(pool.position[solar.pk]) is not None
        result = services.recommend_offers_for_need(need=solar_need, limit=10)
        assert result.items[0].listing == solar
        assert math.isfinite(result.items[0].features["sentence_max"])
        # Leads keep linear-v2's scores.
        leads_v3 = services.recommend_needs_for_offer(offer=solar)
        settings.MATCHING = {**settings.MATCHING, "RANKER_PATH": ""}
        services.reset_pools()
        leads_v2 = services.recommend_needs_for_offer(offer=solar)
        assert leads_v3.items and leads_v3.ranker_version == "linear-v3"
        assert [i.listing.pk for i in leads_v3.items] == [i.listing.pk for i in leads_v2.items]
        # (freshness moves with the clock between the two calls)
        assert [i.score for i in leads_v3.items] == pytest.approx(
            [i.score for i in leads_v2.items], abs=1e-6
        )
    finally:
        services._ranker_cache.clear()
