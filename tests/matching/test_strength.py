"""The shown bar on the marketplace, with the shipped curves: no padded lists, honest advice,
strength labels, lead alerts for strong leads only, and the match keeping its explanation."""

import pytest

from django.urls import reverse
from django.utils import translation

from marketplace import match_services
from marketplace import services as marketplace_services
from marketplace.models import Match, Plan, Province, Theme
from matching import calibration, services
from notifications.models import Notification
from tests.factories import MembershipFactory, NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

UNRELATED = [
    ("Shared electric cars", "Electric cars shared by neighbours with a booking app.", "mobility"),
    ("Bakery training", "Courses in baking bread for volunteers of food banks.", "food"),
    ("Choir coaching", "A singing coach for neighbourhood choirs every week.", "community"),
    ("Repair café toolkit", "Tools and manuals to repair toasters and bicycles.", "circular"),
    ("Bookkeeping software", "Online bookkeeping for associations with member lists.", "digital"),
    ("Care shuttle", "A shuttle bus that takes elderly residents to the doctor.", "care"),
]


@pytest.fixture(autouse=True)
def _shipped_curves(settings):
    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": ""}  # matching/data
    services.reset_pools()
    yield
    services.reset_pools()


@pytest.fixture
def provider(db):
    return OrganisationFactory(name="Sun BV")


@pytest.fixture
def unrelated(provider):
    return [
        OfferFactory(organisation=provider, published=True, title=title, description=text,
                     theme=Theme.objects.get(slug=theme), offer_type="service")
        for title, text, theme in UNRELATED
    ]


OTHER_NEEDS = [
    ("Volunteer drivers", "We look for volunteers who drive elderly neighbours to the doctor."),
    ("Planning software for volunteers", "Software to plan the shifts of our volunteers."),
    ("A bread oven for the food bank", "Our food bank wants to bake its own bread."),
    ("Tools for the repair café", "Screwdrivers and soldering irons for repairing toasters."),
    ("A singing teacher", "Our choir looks for a teacher for weekly rehearsals."),
    ("Insurance for our events", "Liability insurance for the summer street party."),
]


@pytest.fixture
def solar_need(initiative):
    for title, text in OTHER_NEEDS:
        NeedFactory(published=True, title=title, description=text, language="en",
                    need_type="service", theme=Theme.objects.get(slug="community"))
    return NeedFactory(
        organisation=initiative, published=True, title="Solar panels for the village hall",
        language="en", need_type="product",
        description="We want forty solar panels on the roof of our village hall. "
        "The energy cooperative will own the solar panels and sell the power.",
    )


def _solar_offer(provider, **kwargs):
    return OfferFactory(
        organisation=provider, published=True, title="Solar panels for village halls",
        theme=Theme.objects.get(slug="energy"), offer_type="product",
        description="We install solar panels on the roof of village halls for energy "
        "cooperatives. The cooperative owns the solar panels and sells the power.",
        **kwargs,
    )


def test_only_pairs_above_the_bar_are_shown_with_their_strength(solar_need, provider, unrelated):
    solar = _solar_offer(provider)
    result = services.recommend_offers_for_need(need=solar_need)
    curve = services.calibration_for("linear-v1", "offers_for_need")
    assert [item.listing for item in result.items] == [solar]
    assert result.has_good_match
    item = result.items[0]
    assert item.probability >= curve.shown_bar
    assert item.strength == curve.strength(item.probability) in calibration.STRENGTHS
    # The padded list of before would have shown the unrelated offers below it.
    ranked_all = services.recommend_offers_for_need(need=solar_need, limit=10)
    assert len(ranked_all.items) == 1


def test_an_offer_without_a_good_lead_gets_no_padded_leads(solar_need, provider, unrelated):
    cars = unrelated[0]
    leads = services.recommend_needs_for_offer(offer=cars)
    assert leads.items == []
    assert not leads.has_good_match
    row = services.suggestions_refresh(listing=cars)
    assert row == []
    assert not Match.objects.filter(offer=cars).exists()


def test_leads_above_the_bar_are_shown(solar_need, provider, unrelated):
    solar = _solar_offer(provider)
    leads = services.recommend_needs_for_offer(offer=solar)
    assert [item.listing for item in leads.items] == [solar_need]
    assert leads.items[0].strength


def test_why_no_good_match_names_only_relevant_offers_one_rule_away(solar_need, provider, unrelated):
    far = _solar_offer(provider, is_national=False)
    far.regions.set([Province.objects.get(slug="overijssel")])
    # Unrelated offers that the region rule also keeps away must not be named.
    for offer in unrelated[:3]:
        offer.is_national = False
        offer.save()
        offer.regions.set([Province.objects.get(slug="drenthe")])
    result = services.recommend_offers_for_need(need=solar_need)
    assert result.items == [] and not result.has_good_match
    assert [(a["reason"], a["offer_ids"]) for a in result.advice] == [("region", [far.pk])]


def test_nothing_relevant_nearby_gives_no_advice_lines(solar_need, provider, unrelated):
    for offer in unrelated[:3]:
        offer.is_national = False
        offer.save()
        offer.regions.set([Province.objects.get(slug="drenthe")])
    result = services.recommend_offers_for_need(need=solar_need)
    assert not result.has_good_match and result.advice == []


def test_lead_alerts_only_for_strong_leads(
    solar_need, provider, unrelated, django_capture_on_commit_callbacks, settings, tmp_path
):
    # A model that makes the best lead of a list strong (P = 0.95) and the others hopeless.
    _write_model(tmp_path, intercept=3.0, score=0.0, margin=100.0)
    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": str(tmp_path)}
    owner = MembershipFactory(organisation=provider).user
    marketplace_services.organisation_set_plan(organisation=provider, plan=Plan.PARTNER)
    solar = _solar_offer(provider)
    weak_need = NeedFactory(
        organisation=solar_need.organisation, published=True, language="en",
        title="Energy advice for members", need_type="knowledge",
        description="Our members want advice on saving energy at home and insulation.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestions_refresh(listing=solar, cascade=False)
    shown = services.recommend_needs_for_offer(offer=solar)
    strong = {item.listing.pk for item in shown.items if item.strength == "strong"}
    alerted = {n.target.need_id for n in Notification.objects.filter(recipient=owner, kind="lead")}
    assert alerted == strong
    assert solar_need.pk in strong
    assert weak_need.pk not in alerted


def test_the_match_page_shows_the_explanation_it_was_suggested_with(
    client, solar_need, provider, unrelated, initiative_owner
):
    solar = _solar_offer(provider)
    services.suggestions_refresh(listing=solar_need)
    match = match_services.match_express_interest(
        need=solar_need, offer=solar, actor=initiative_owner, proposal="Graag"
    )
    kept = match.suggested_explanation
    assert kept["reasons"] and kept["strength"] and kept["offer_sentence"]
    assert kept["offer_sentence"] != solar.title  # a sentence that says something
    # A later refresh changes the recorded explanation, not the kept one.
    Match.objects.filter(pk=match.pk).update(explanation={"codes": [], "features": {}})
    client.force_login(initiative_owner)
    with translation.override("en"):
        url = reverse("marketplace:match_detail", args=[match.pk])
    html = client.get(url).content.decode()
    assert "Why this match was suggested" in html
    assert kept["offer_sentence"] in html
    assert "Same theme" in html


def test_no_internal_names_on_user_pages(client, solar_need, provider, unrelated, initiative_owner):
    solar = _solar_offer(provider)
    provider_owner = MembershipFactory(organisation=provider).user
    services.suggestions_refresh(listing=solar_need)
    services.suggestions_refresh(listing=solar)
    match = match_services.match_express_interest(
        need=solar_need, offer=solar, actor=initiative_owner, proposal="Graag"
    )
    pages = [
        (initiative_owner, "marketplace:need_manage", solar_need.pk),
        (provider_owner, "marketplace:offer_manage", solar.pk),
        (initiative_owner, "marketplace:match_detail", match.pk),
        (provider_owner, "marketplace:match_detail", match.pk),
        (initiative_owner, "marketplace:dashboard", None),
    ]
    for user, name, pk in pages:
        client.force_login(user)
        for language in ("nl", "en"):
            with translation.override(language):
                url = reverse(name, args=[pk] if pk else [])
            page = client.get(url)
            html = page.content.decode()
            assert page.status_code == 200, url
            assert "linear-v1" not in html and "Ranked by" not in html, url
            assert "Gerangschikt door" not in html, url
            if name != "marketplace:dashboard":
                assert "badge--strength-" in html, url


def _write_model(directory, **coefficients):
    calibration.write_calibrations([
        calibration.Calibration(
            ranker_version="linear-v1", direction=direction, shown_bar=0.5,
            method=calibration.LOGISTIC, coefficients=coefficients,
        )
        for direction in ("offers_for_need", "needs_for_offer")
    ], directory / "calibration-linear-v1.json")


def test_services_read_each_score_against_the_lists_best(settings, tmp_path, solar_need,
                                                          provider, unrelated):
    # P = sigmoid(100 * margin): 0.5 for the best of each list, ~0 for the rest; bar 0.5.
    _write_model(tmp_path, intercept=0.0, score=0.0, margin=100.0)
    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": str(tmp_path)}
    _solar_offer(provider)
    result = services.recommend_offers_for_need(need=solar_need)
    assert len(result.items) == 1
    assert result.items[0].probability == pytest.approx(0.5)
    assert result.items[0].strength == calibration.POSSIBLE
    assert len(result.below_bar) >= len(unrelated)
    leads = services.recommend_needs_for_offer(offer=unrelated[0])
    assert len(leads.items) == 1 and leads.items[0].strength == calibration.POSSIBLE


def test_strength_labels_from_a_logistic_model(settings, tmp_path, solar_need, provider,
                                               unrelated):
    # Everything is shown (a high intercept): labels follow P, strong pairs alert.
    _write_model(tmp_path, intercept=5.0, score=0.0, margin=0.0)
    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": str(tmp_path)}
    result = services.recommend_offers_for_need(need=solar_need)
    assert result.items and {item.strength for item in result.items} == {calibration.STRONG}


def test_a_ranker_without_a_file_falls_back_sanely(settings, tmp_path):
    settings.MATCHING = {**settings.MATCHING, "CALIBRATION_DIR": ""}
    shipped = services.calibration_for("linear-v1", "offers_for_need")
    # A new linear ranker not refitted yet borrows linear-v1's model (same kind of score).
    # linear-v2 has its own file; a variant of it not refitted borrows v2's, the nearest relative.
    own = services.calibration_for("linear-v2", "offers_for_need")
    assert own != shipped
    assert services.calibration_for("linear-v2-glossary", "offers_for_need") == own
    # linear-v3 (not fitted) borrows its parent linear-v2's file, the nearest relative.
    assert services.calibration_for("linear-v3", "offers_for_need") == services.calibration_for(
        "linear-v2", "offers_for_need")
    assert calibration.fallback_chain("linear-v3-glossary") == ["linear-v3", "linear-v2", "linear-v1"]
    lexical = services.calibration_for("linear-v1-lexical", "needs_for_offer")
    assert services.calibration_for("linear-v2-lexical", "needs_for_offer") == lexical
    # A trained ranker's score is a probability already: used as it is, bar 0.5.
    trained = services.calibration_for("logistic-0123456789ab", "offers_for_need")
    assert trained.shown_bar == 0.5 and trained.probability(0.7) == pytest.approx(0.7)
