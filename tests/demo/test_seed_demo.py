"""`manage.py seed_demo`: a realistic, bilingual, idempotent demo data set built through the services.

The only tests that seed the whole demo data set (demo/data/). It is seeded once for this module
inside a transaction that is rolled back afterwards, so no other test ever sees it.
"""

import re
from collections import Counter
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from demo.loader import load_demo
from demo.seed import POOLED_CLUSTER
from marketplace import selectors
from marketplace.models import (
    InitiativeKind,
    ListingStatus,
    ListingTransition,
    Membership,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)

User = get_user_model()
DATA = load_demo()
PASSWORD = DATA.people.password
COMPANY_LOGIN, INITIATIVE_LOGIN = (record.owner.email for record in DATA.owner_logins)
EDITOR_LOGIN = DATA.people.editor.email
ADMIN_LOGIN = DATA.people.administrator.email
ALL_THEMES = {
    "energy", "mobility", "care", "housing", "food", "circular",
    "community", "digital", "finance", "legal_admin", "insurance",
}
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9€'‘“]|\s*$)")


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker):
    """Seed once for the whole module, and roll it all back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with translation.override("nl"):  # the default language, as on the command line
            call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_output, db):
    """The seeded database for one test (its own changes are rolled back after it)."""
    return seed_output


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "offers": Offer.objects.count(),
        "needs": Need.objects.count(),
        "transitions": ListingTransition.objects.count(),
    }


def placements(templates) -> int:
    return sum(len(template.placements) for template in templates)


# The data itself, without a database --------------------------------------------------------


def test_demo_data_is_consistent_before_it_reaches_the_database():
    keys = [data.key for data in DATA.organisations]
    kvk_numbers = [data.kvk_number for data in DATA.organisations]
    assert len(set(keys)) == len(keys)
    assert len(set(kvk_numbers)) == len(kvk_numbers)
    assert all(re.fullmatch(r"\d{8}", number) for number in kvk_numbers)
    by_key = {data.key: data for data in DATA.organisations}
    for data in DATA.organisations:
        province = DATA.places[data.municipality].province
        assert DATA.places[data.place].province == province
    for template in DATA.offers:
        for placement in template.placements:
            assert by_key[placement.organisation].kind != "initiative"
            assert placement.language in ("nl", "en")
            assert placement.regions is None or 1 <= len(placement.regions) <= 3
    for template in DATA.needs:
        for placement in template.placements:
            assert by_key[placement.organisation].kind == "initiative"
            assert placement.language in ("nl", "en")
    assert [(record.kind, record.is_verified) for record in DATA.owner_logins] == [
        ("company", True), ("initiative", False),
    ]
    assert any(p.regions is None for template in DATA.offers for p in template.placements)


def test_every_text_reads_like_a_real_listing_in_both_languages():
    for template in [*DATA.offers, *DATA.needs]:
        for language in ("nl", "en"):
            text = template.texts[language]
            assert text["title"] and "lorem" not in text["description"].lower()
            assert 2 <= len(SENTENCE_END.findall(text["description"])) <= 5, text["title"]
        assert template.texts["nl"]["description"] != template.texts["en"]["description"]


# The seeded database --------------------------------------------------------------------


def test_counts_meet_the_minimums_and_every_placement_was_created(seeded):
    assert Organisation.objects.count() >= 40
    assert Offer.objects.count() == placements(DATA.offers) >= 120
    assert Need.objects.count() == placements(DATA.needs) + len(POOLED_CLUSTER)
    assert placements(DATA.needs) >= 80
    assert Offer.objects.filter(status=ListingStatus.PUBLISHED).count() >= 100
    assert Need.objects.filter(status=ListingStatus.PUBLISHED).count() >= 70


def test_every_kind_of_organisation_and_initiative_is_present(seeded):
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(Organisation.Kind.values)
    kinds = set(Organisation.objects.values_list("initiative_kind", flat=True)) - {""}
    assert kinds == set(InitiativeKind.values)
    verified = Organisation.objects.exclude(kind="initiative").filter(is_verified=True).count()
    providers = Organisation.objects.exclude(kind="initiative").count()
    assert 0.35 <= verified / providers <= 0.65


def test_every_province_and_theme_is_among_the_public_listings(seeded):
    offers, needs = selectors.offer_list_public(), selectors.need_list_public()
    all_provinces = set(Province.objects.values_list("slug", flat=True))
    assert len(all_provinces) == 12
    assert set(Theme.objects.values_list("slug", flat=True)) == ALL_THEMES
    assert set(offers.values_list("theme__slug", flat=True)) == ALL_THEMES
    assert set(needs.values_list("theme__slug", flat=True)) == ALL_THEMES
    assert set(needs.values_list("province__slug", flat=True)) == all_provinces
    assert set(offers.values_list("regions__slug", flat=True)) - {None} == all_provinces
    assert offers.filter(is_national=True).exists()


def test_listings_are_roughly_half_dutch_and_half_english(seeded):
    for model in (Offer, Need):
        languages = Counter(model.objects.values_list("language", flat=True))
        assert set(languages) == {"nl", "en"}
        assert 0.4 <= languages["nl"] / sum(languages.values()) <= 0.6


def test_needs_are_placed_in_real_municipalities_of_their_province(seeded):
    for need in Need.objects.select_related("province"):
        assert DATA.places[need.municipality].province == need.province.slug
        assert need.deadline > timezone.localdate()
        if need.budget_min is not None:
            assert need.budget_min <= need.budget_max


def test_offers_mix_types_and_eligibility_rules(seeded):
    assert set(Offer.objects.values_list("offer_type", flat=True)) == set(Offer.OfferType.values)
    assert Offer.objects.exclude(eligible_legal_forms=[]).exists()
    assert Offer.objects.exclude(eligible_initiative_kinds=[]).exists()
    assert Offer.objects.filter(min_members__isnull=False).exists()
    assert Offer.objects.filter(valid_until__isnull=True).exists()
    assert not Offer.objects.filter(price_terms="").exists()


def test_the_four_demo_logins_have_their_roles(seeded):
    def login(email):
        user = User.objects.get(username=email)
        assert user.check_password(PASSWORD)
        return user

    company_owner = login(COMPANY_LOGIN)
    company = selectors.user_organisation(company_owner)
    assert company.kind == "company" and company.is_verified
    assert selectors.user_is_owner(company_owner, company)

    initiative_owner = login(INITIATIVE_LOGIN)
    initiative = selectors.user_organisation(initiative_owner)
    assert initiative.initiative_kind == "energy_coop" and not initiative.is_verified
    assert selectors.user_is_owner(initiative_owner, initiative)

    editor = login(EDITOR_LOGIN)
    assert editor.has_perm("marketplace.review_listing")
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.groups.filter(name="Hub editors").exists()
    assert editor.groups.filter(name="Moderators").exists()  # publishes hub articles too
    assert not editor.is_superuser

    admin = login(ADMIN_LOGIN)
    assert admin.is_superuser and admin.is_staff

    for user in (company_owner, initiative_owner):
        assert not user.has_perm("marketplace.review_listing")
    other_owners = User.objects.filter(username__startswith="owner-")
    assert other_owners.count() == Organisation.objects.count() - 2
    assert not any(user.has_usable_password() for user in other_owners)


def test_the_output_prints_a_summary_and_the_logins(seeded):
    for email in (
        COMPANY_LOGIN,
        INITIATIVE_LOGIN,
        EDITOR_LOGIN,
        ADMIN_LOGIN,
    ):
        assert email in seeded
    assert PASSWORD in seeded
    assert f"Offers: {Offer.objects.count()}" in seeded
    assert f"Needs: {Need.objects.count()}" in seeded
    assert "Review queue: " in seeded
    # The report is English throughout: no Dutch model or choice labels mixed into it.
    assert re.search(
        r"^Organisations: \d+ \(company \d+, initiative \d+, fund \d+, public body \d+\)$",
        seeded,
        re.MULTILINE,
    )
    assert re.search(r"^Offers: \d+ — draft \d+, submitted \d+", seeded, re.MULTILINE)
    assert re.search(rf"^  Company +{COMPANY_LOGIN} +owner of ", seeded, re.MULTILINE)
    assert re.search(rf"^  Initiative +{INITIATIVE_LOGIN} +owner of ", seeded, re.MULTILINE)


def test_logins_alone_print_only_the_logins(seeded):
    out = StringIO()
    with translation.override("nl"):
        call_command("seed_demo", "--logins", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"Demo logins (password for all: {PASSWORD})"
    assert [line.split()[0] for line in lines[1:5]] == ["Company", "Initiative", "Hub", "Administrator"]
    assert "owner of Zonnewende Energie BV (verified: publishes directly)" in lines[1]
    assert "created now" not in out.getvalue()


def test_a_second_run_creates_nothing_and_fails_nowhere(seeded):
    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "created now: 0 users, 0 organisations, 0 offers, 0 needs" in out.getvalue()
    assert "(0 page(s) created)" in out.getvalue()


def test_the_hub_editor_has_a_review_queue_of_offers_and_needs(seeded):
    queue = selectors.review_queue()
    assert {type(item) for item in queue} == {Offer, Need}
    assert all(not item.organisation.is_verified for item in queue)


def test_every_listing_has_a_history_that_ends_in_its_status(seeded):
    for model in (Offer, Need):
        content_type = ContentType.objects.get_for_model(model)
        history: dict[int, list[ListingTransition]] = {}
        for transition in ListingTransition.objects.filter(content_type=content_type):
            history.setdefault(transition.object_id, []).append(transition)
        for listing in model.objects.all():
            steps = history[listing.pk]
            assert (steps[0].from_status, steps[0].to_status) == ("", ListingStatus.DRAFT)
            assert steps[-1].to_status == listing.status


def test_listings_come_in_every_state_with_reasons_where_due(seeded):
    statuses = Counter(
        [*Offer.objects.values_list("status", flat=True), *Need.objects.values_list("status", flat=True)]
    )
    assert set(statuses) == set(ListingStatus.values)
    assert statuses[ListingStatus.PUBLISHED] > 0.85 * sum(statuses.values())
    for listing in [*Offer.objects.filter(status="rejected"), *Need.objects.filter(status="rejected")]:
        assert listing.rejection_reason
    assert Need.objects.filter(status="closed", close_reason="fulfilled").exists()
    expired = Offer.objects.get(status=ListingStatus.EXPIRED)
    assert expired.valid_until < timezone.localdate()
    approved = ListingTransition.objects.filter(
        actor__username=EDITOR_LOGIN, to_status=ListingStatus.PUBLISHED
    )
    assert approved.count() >= 50


def test_the_demo_dashboards_show_several_states(seeded):
    company_owner = User.objects.get(username=COMPANY_LOGIN)
    summary = selectors.dashboard_summary(user=company_owner)
    assert {listing.status for listing in summary.listings} >= {
        "published", "draft", "expired", "closed",
    }
    assert {why for _listing, why in summary.attention} == {"draft", "expired", "expiring"}

    initiative_owner = User.objects.get(username=INITIATIVE_LOGIN)
    summary = selectors.dashboard_summary(user=initiative_owner)
    assert {listing.status for listing in summary.listings} == {
        "published", "draft", "submitted", "rejected", "closed",
    }
    editor = User.objects.get(username=EDITOR_LOGIN)
    assert selectors.dashboard_summary(user=editor).review_queue_count == len(
        selectors.review_queue()
    )


def test_the_shipped_vectors_cover_every_demo_text_of_the_default_model(seeded):
    """demo/data/vectors/ holds a vector for every text the seeded demo embeds (offers, needs,
    organisations, articles), under the default encoder's model name; read from the file's keys,
    without loading the model. After editing a demo text, regenerate it (docs/demo.md)."""
    from django.conf import settings

    from core.text import text_hash
    from demo.vectors import vectors_path
    from semantic.bundles import VectorBundle
    from semantic.encoders import E5TorchEncoder, import_backend
    from semantic.sources import embedding_sources

    assert "Shipped vectors: none for fake/hashed-ngrams-256" in seeded  # the tests' encoder
    default = "semantic.encoders.E5TorchEncoder"  # settings.base: SEMANTIC["ENCODER"] by default
    assert import_backend(default) is E5TorchEncoder
    assert settings.SEMANTIC["SOURCES"]  # the same sources rebuild_embeddings embeds
    name = E5TorchEncoder.model_name()
    model, shipped = VectorBundle.hashes_in(vectors_path(name))
    assert model == name
    texts = {
        (source.model.__name__, instance.pk): text_hash(source.text(instance))
        for source in embedding_sources()
        for instance in source.queryset()
    }
    assert {name for name, _pk in texts} == {"Offer", "Need", "Organisation", "ArticlePage"}
    missing = sorted(key for key, digest in texts.items() if digest not in shipped)
    assert not missing, f"{len(missing)} demo text(s) without shipped vectors, e.g. {missing[:5]}"


def test_the_demo_seeds_one_pooled_cluster(seeded):
    """The pooled needs are published, of different initiatives, of one theme, need type and
    province; with the shipped vectors of the default model and its threshold they form one
    cluster among all the demo's open needs."""
    import numpy as np

    from django.conf import settings

    from core.text import text_hash
    from demo.seed import listing_slug
    from demo.vectors import vectors_path
    from marketplace.selectors import need_list_public
    from matching import pooling
    from matching.services import _pool_candidate
    from semantic.bundles import VectorBundle
    from semantic.encoders import E5TorchEncoder
    from semantic.sources import embedding_sources

    pooled = [Need.objects.get(slug=listing_slug(item["title"])) for item in POOLED_CLUSTER]
    assert {need.status for need in pooled} == {ListingStatus.PUBLISHED}
    assert len({need.organisation_id for need in pooled}) == len(pooled) >= 2
    assert len({(n.theme_id, n.need_type, n.province_id) for n in pooled}) == 1

    name = E5TorchEncoder.model_name()
    bundle = VectorBundle.load(vectors_path(name))
    source = next(source for source in embedding_sources() if source.model is Need)
    needs = list(need_list_public().filter(organisation__kind="initiative").order_by("pk"))
    vectors = np.stack([bundle.get(text_hash(source.text(need))).passage for need in needs])
    threshold = pooling.distance_threshold_for(name, settings.MATCHING["POOL_DISTANCE_THRESHOLDS"])
    clusters = pooling.cluster_needs([_pool_candidate(n) for n in needs], vectors,
                                     distance_threshold=threshold)
    [cluster] = [c for c in clusters if pooled[0].pk in c.need_ids]
    assert set(cluster.need_ids) == {need.pk for need in pooled}
    assert cluster.members == sum(need.organisation.member_count for need in pooled)
