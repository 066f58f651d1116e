"""The API's behaviour: keys, scopes, isolation, review rules, pagination, problems, limits."""

from __future__ import annotations

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import keys, selectors
from api.models import ApiKey
from core import ratelimit
from marketplace import match_services
from marketplace.models import ListingStatus, Membership, Need, Offer
from matching import services as matching_services
from tests.api.conftest import ApiClient, make_key
from tests.factories import InitiativeFactory, MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db
FUTURE = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
PROBLEM = "application/problem+json"


def need_body(**overrides):
    return {
        "title": "Zonnepanelen voor het dorpshuis", "description": "Veertig panelen op het dak.",
        "theme": "energy", "need_type": "money", "province": "utrecht", "sdgs": [7, 11],
        "budget_min": 1000, "budget_max": 5000, "deadline": FUTURE, **overrides,
    }


def offer_body(**overrides):
    return {"title": "Deelauto's", "description": "Elektrische deelauto's voor de buurt.",
            "theme": "mobility", "offer_type": "service", "is_national": True, **overrides}


def assert_problem(response, status: int):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"] and body["title"]
    assert "detail" in body
    return body


# Keys ----------------------------------------------------------------------------------------


def test_a_key_is_stored_as_prefix_and_hash_and_shown_once(company, company_owner):
    key, full = make_key(company_owner, company)
    assert full.startswith(f"b2c_{key.prefix}_")
    secret = full.split("_", 2)[2]
    assert key.secret_hash == keys.secret_hash(secret) and secret not in key.secret_hash
    assert not ApiKey.objects.filter(secret_hash__contains=secret).exists()
    assert ApiClient(full).get("/me").json()["organisation"]["slug"] == company.slug
    # A key with the right prefix and a wrong secret, or no shape at all, is refused.
    assert_problem(ApiClient(f"b2c_{key.prefix}_wrong").get("/me"), 401)
    response = ApiClient("not-a-key").get("/me")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_dashboard_shows_a_new_key_once_then_only_its_prefix(client, company, company_owner):
    client.force_login(company_owner)
    response = client.post("/dashboard/api-keys/", {"name": "CRM", "scope": "read"})
    assert response.status_code == 200
    key = ApiKey.objects.get(organisation=company)
    full = response.context["new_key"]
    assert full in response.content.decode()
    assert ApiClient(full).get("/me").status_code == 200
    again = client.get("/dashboard/api-keys/")
    assert full not in again.content.decode()
    assert f"b2c_{key.prefix}_" in again.content.decode()


def test_a_member_sees_the_keys_but_only_an_owner_creates_or_revokes(client, company, company_owner):
    key, _full = make_key(company_owner, company)
    member = MembershipFactory(organisation=company, role=Membership.Role.MEMBER).user
    client.force_login(member)
    assert client.get("/dashboard/api-keys/").status_code == 200
    assert client.post("/dashboard/api-keys/", {"name": "x", "scope": "read"}).status_code == 403
    assert client.post(f"/dashboard/api-keys/{key.pk}/revoke/").status_code == 403
    assert ApiKey.objects.count() == 1 and ApiKey.objects.get().revoked_at is None


def test_a_revoked_key_is_refused(client, company, company_owner):
    key, full = make_key(company_owner, company)
    client.force_login(company_owner)
    response = client.post(f"/dashboard/api-keys/{key.pk}/revoke/")
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert_problem(ApiClient(full).get("/me"), 401)


def test_a_key_stops_when_its_creator_leaves_the_organisation(company, company_owner):
    _key, full = make_key(company_owner, company)
    Membership.objects.filter(user=company_owner).delete()
    assert_problem(ApiClient(full).get("/me"), 401)


def test_another_organisations_key_cannot_be_revoked_from_my_dashboard(client, company, company_owner, stranger):
    key, _full = make_key(company_owner, company)
    client.force_login(stranger)
    assert client.post(f"/dashboard/api-keys/{key.pk}/revoke/").status_code == 404


def test_reads_never_write_but_the_last_use_is_shown(company, company_owner, client):
    key, full = make_key(company_owner, company, scope="read")
    with CaptureQueriesContext(connection) as queries:
        assert ApiClient(full).get("/me/offers").status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    key.refresh_from_db()
    assert key.last_used_at is None
    assert selectors.api_key_last_used(key=key) is not None
    client.force_login(company_owner)
    assert "never" not in client.get("/en/dashboard/api-keys/").content.decode()


# Scopes and isolation -------------------------------------------------------------------------


def test_a_read_key_cannot_write(initiative, initiative_owner):
    _key, full = make_key(initiative_owner, initiative, scope=ApiKey.Scope.READ)
    body = assert_problem(ApiClient(full).post("/me/needs", need_body()), 403)
    assert "read" in body["detail"]
    assert not Need.objects.exists()


def test_one_organisation_never_sees_anothers_drafts_matches_or_messages(
    initiative, initiative_owner, company, company_owner, initiative_key
):
    draft = OfferFactory(organisation=company)
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True)
    match = match_services.match_express_interest(need=need, offer=offer, actor=initiative_owner,
                                                  proposal="Panels")
    other = MembershipFactory(organisation=InitiativeFactory()).user
    other_key = make_key(other, other.memberships.get().organisation)[1]
    api = ApiClient(other_key)
    assert api.get("/me/offers").json()["items"] == []
    assert api.get("/me/needs").json()["items"] == []
    for path in (f"/me/offers/{draft.pk}", f"/me/needs/{need.pk}", f"/me/matches/{match.pk}",
                 f"/me/matches/{match.pk}/messages", f"/me/offers/{offer.pk}/leads",
                 f"/me/needs/{need.pk}/recommendations"):
        assert_problem(api.get(path), 404)
    assert_problem(api.post(f"/me/matches/{match.pk}/messages", {"body": "Hi"}), 404)
    assert api.get("/me/matches").json()["items"] == []
    assert api.get("/me/contributions").json()["items"] == []
    # The public list never shows the draft either.
    assert [o["id"] for o in ApiClient().get("/offers").json()["items"]] == [offer.pk]
    # ...while the two sides do see their match and its thread.
    mine = ApiClient(initiative_key).get(f"/me/matches/{match.pk}/messages").json()
    assert [m["proposal"] for m in mine["items"]] == ["Panels"]


# Writes go through the services, so the review rules apply -----------------------------------


def test_create_and_submit_a_need_goes_to_review_for_an_unverified_initiative(initiative_key, initiative):
    api = ApiClient(initiative_key)
    response = api.post("/me/needs", need_body())
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["url"] is None
    assert created["sdgs"] == [7, 11] and created["budget_max"] == 5000.0
    response = api.post(f"/me/needs/{created['id']}/submit")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert Need.objects.get().status == ListingStatus.SUBMITTED
    assert ApiClient().get("/needs").json()["items"] == []
    # Submitting again is a conflict with the state machine.
    assert_problem(api.post(f"/me/needs/{created['id']}/submit"), 409)


def test_a_verified_initiative_publishes_at_once(initiative_key, initiative):
    initiative.is_verified = True
    initiative.save()
    api = ApiClient(initiative_key)
    need_id = api.post("/me/needs", need_body()).json()["id"]
    assert api.post(f"/me/needs/{need_id}/submit").json()["status"] == "published"
    assert [n["id"] for n in ApiClient().get("/needs").json()["items"]] == [need_id]
    # Editing a published need of a verified initiative keeps it published; closing ends it.
    assert api.patch(f"/me/needs/{need_id}", {"title": "Nieuwe titel"}).json()["status"] == "published"
    closed = api.post(f"/me/needs/{need_id}/close", {"reason": "fulfilled"}).json()
    assert closed["status"] == "closed" and closed["close_reason"] == "fulfilled"


def test_service_rules_come_back_as_a_validation_problem(initiative_key, company_key):
    body = assert_problem(
        ApiClient(initiative_key).post("/me/needs", need_body(budget_min=9000, budget_max=10)), 422
    )
    assert body["errors"] and all({"field", "message"} <= set(e) for e in body["errors"])
    body = assert_problem(ApiClient(initiative_key).post("/me/needs", need_body(theme="nope")), 422)
    assert body["errors"][0]["field"] == "body.theme"
    body = assert_problem(ApiClient(initiative_key).post("/me/needs", {"title": ""}), 422)
    assert {e["field"] for e in body["errors"]} >= {"body.title", "body.description"}
    # A company posts offers, not needs; a provider's offer without a region is refused.
    assert_problem(ApiClient(company_key).post("/me/needs", need_body()), 403)
    body = assert_problem(ApiClient(company_key).post("/me/offers", offer_body(is_national=False)), 422)
    assert body["errors"][0]["field"] == "body.regions"


def test_an_offer_through_the_api(company_key, company, no_plan_limit):
    api = ApiClient(company_key)
    response = api.post("/me/offers", offer_body(regions=["utrecht"], sdgs=[11]))
    assert response.status_code == 201, response.content
    offer_id = response.json()["id"]
    patched = api.patch(f"/me/offers/{offer_id}", {"title": "Deelfietsen", "valid_until": FUTURE})
    assert patched.status_code == 200 and patched.json()["title"] == "Deelfietsen"
    assert Offer.objects.get().title == "Deelfietsen"
    assert_problem(api.patch(f"/me/offers/{offer_id}", {"title": None}), 422)
    assert api.post(f"/me/offers/{offer_id}/submit").json()["status"] == "submitted"


def test_messages_and_recommendations_with_explanations(
    initiative, initiative_owner, company, company_owner, initiative_key, company_key
):
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True)
    matching_services.suggestions_refresh(listing=need)
    recommendations = ApiClient(initiative_key).get(f"/me/needs/{need.pk}/recommendations").json()
    assert recommendations["pending"] is False
    assert [item["listing"]["id"] for item in recommendations["items"]] == [offer.pk]
    assert all(r["text"] for r in recommendations["items"][0]["reasons"])
    match = match_services.match_express_interest(need=need, offer=offer, actor=initiative_owner,
                                                  proposal="Panels")
    # Before the introduction there is no conversation yet: 409.
    assert_problem(ApiClient(company_key).post(f"/me/matches/{match.pk}/messages", {"body": "Hoi"}), 409)
    match_services.match_accept(match=match, actor=company_owner)
    response = ApiClient(company_key).post(f"/me/matches/{match.pk}/messages", {"body": "Hoi"})
    assert response.status_code == 201 and response.json()["side"] == "offer"
    thread = ApiClient(initiative_key).get(f"/me/matches/{match.pk}/messages").json()["items"]
    assert [m["body"] for m in thread] == ["", "Hoi"]
    assert ApiClient(company_key).get("/me/matches").json()["items"][0]["my_side"] == "offer"


# Pagination ---------------------------------------------------------------------------------


def test_cursor_pagination_is_stable_while_items_are_added(company):
    moment = timezone.now()
    offers = [OfferFactory(organisation=company, published=True, published_at=moment) for _ in range(5)]
    api = ApiClient()
    first = api.get("/offers", limit=2).json()
    assert [o["id"] for o in first["items"]] == [offers[4].pk, offers[3].pk]
    # A newer offer arrives between pages: the next page goes on after the cursor, no repeats.
    OfferFactory(organisation=company, published=True)
    seen = [o["id"] for o in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = api.get("/offers", limit=2, cursor=cursor).json()
        seen += [o["id"] for o in page["items"]]
        cursor = page["next_cursor"]
    assert seen == [o.pk for o in reversed(offers)]
    assert_problem(api.get("/offers", cursor="bm9wZQ"), 400)


def test_filters_of_the_browse_pages(company):
    OfferFactory(organisation=company, published=True, title="Zonnepanelen lease", offer_type="loan")
    OfferFactory(organisation=company, published=True, title="Deelauto")
    api = ApiClient()
    assert [o["title"] for o in api.get("/offers", type="loan").json()["items"]] == ["Zonnepanelen lease"]
    assert [o["title"] for o in api.get("/offers", q="deelauto").json()["items"]] == ["Deelauto"]
    organisations = api.get("/organisations", kind="company").json()["items"]
    assert organisations[0]["live_offer_count"] == 2
    assert organisations[0]["description"] == ""  # not verified yet


# Rate limits -------------------------------------------------------------------------------


def test_rate_limit_per_key_answers_a_429_problem(company_key, company, company_owner):
    ratelimit.local_counter.clear()
    cache.clear()
    other_key = make_key(company_owner, company, name="second")[1]
    with override_settings(RATE_LIMITS={"api": {"account": "2/h", "address": "3/h"}}):
        api = ApiClient(company_key)
        assert api.get("/me").status_code == 200
        assert api.get("/me").status_code == 200
        response = api.get("/me")
        assert_problem(response, 429)
        assert int(response["Retry-After"]) > 0
        # Counted per key: another key goes on.
        assert ApiClient(other_key).get("/me").status_code == 200
        # Public calls are counted per address.
        anonymous = ApiClient()
        assert [anonymous.get("/themes").status_code for _ in range(3)] == [200, 200, 200]
        assert_problem(anonymous.get("/themes"), 429)


def test_unknown_api_paths_and_methods_answer_problems():
    client = Client()
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert_problem(client.delete("/api/v1/themes"), 405)


def test_an_unreadable_address_is_a_400_problem():
    assert_problem(Client().get("/api/v1/offers?q=%00"), 400)


def test_the_schema_documents_problem_answers_and_the_bearer_key():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    responses = schema["paths"]["/api/v1/me/needs"]["post"]["responses"]
    assert set(responses) >= {"201", "401", "403", "409", "422", "429"}
    assert list(responses["422"]["content"]) == ["application/problem+json"]
    assert schema["components"]["securitySchemes"]["ApiKeyAuth"]["scheme"] == "bearer"
    assert "security" not in schema["paths"]["/api/v1/offers"]["get"]


def test_external_id_is_kept_found_unique_per_organisation_and_private(initiative_key, initiative):
    api = ApiClient(initiative_key)
    created = api.post("/me/needs", need_body(external_id="CRM-17"))
    assert created.status_code == 201, created.content
    assert created.json()["external_id"] == "CRM-17"
    found = api.get("/me/needs", external_id="CRM-17").json()["items"]
    assert [n["id"] for n in found] == [created.json()["id"]]
    assert api.get("/me/needs", external_id="CRM-18").json()["items"] == []
    # The same id twice in one organisation is refused with the field named; nothing is added.
    body = assert_problem(api.post("/me/needs", need_body(external_id="CRM-17")), 422)
    assert [e["field"] for e in body["errors"]] == ["body.external_id"], body
    assert Need.objects.filter(external_id="CRM-17").count() == 1
    # Another organisation may use the same id, and never sees ours.
    other_owner = MembershipFactory(organisation=InitiativeFactory()).user
    other_api = ApiClient(make_key(other_owner, other_owner.memberships.get().organisation)[1])
    assert other_api.get("/me/needs", external_id="CRM-17").json()["items"] == []
    assert other_api.post("/me/needs", need_body(external_id="CRM-17")).status_code == 201
    # A line break is not an identifier.
    assert_problem(api.post("/me/needs", need_body(external_id="a\nb")), 422)
    # The public listing does not show it.
    assert "external_id" not in ApiClient().get("/needs").content.decode()
