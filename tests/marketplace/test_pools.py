"""Join forces end to end: invite, answer, talk, post a joint need; who sees a pool."""

import datetime
from decimal import Decimal

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marketplace import pool_services
from marketplace.models import (
    Change,
    ListingStatus,
    Need,
    Pool,
    PoolMember,
    PoolMessage,
    Province,
    Theme,
)
from matching import services as matching_services
from matching.models import NeedCluster
from notifications.models import Notification
from tests.factories import InitiativeFactory, MembershipFactory, NeedFactory, UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Laadpalen voor onze deelauto's"
TEXT = "Wij zoeken laadpalen voor de elektrische deelauto's van onze buurtcoöperatie."


@pytest.fixture(autouse=True)
def _fresh():
    matching_services.reset_pools()
    yield
    matching_services.reset_pools()


def _initiative_with_need(name, members, budget_min, budget_max, *, verified=True, **need):
    initiative = InitiativeFactory(name=name, member_count=members, is_verified=verified)
    owner = MembershipFactory(organisation=initiative).user
    defaults = {
        "title": TITLE, "description": TEXT, "theme": Theme.objects.get(slug="mobility"),
        "need_type": "product", "province": Province.objects.get(slug="utrecht"),
        "budget_min": budget_min, "budget_max": budget_max,
    }
    need = NeedFactory(organisation=initiative, published=True, **{**defaults, **need})
    return initiative, owner, need


@pytest.fixture
def three():
    return [
        _initiative_with_need("Buurtauto Oost", 40, Decimal(1000), Decimal(4000)),
        _initiative_with_need("Deelrijden Zuid", 60, Decimal(2000), Decimal(6000)),
        _initiative_with_need("Wijkauto West", 80, None, Decimal(5000)),
    ]


def test_join_forces_end_to_end(client, three, django_capture_on_commit_callbacks):
    (org_a, owner_a, need_a), (org_b, owner_b, need_b), (org_c, owner_c, need_c) = three
    matching_services.embeddings_refresh(listings=[need_a, need_b, need_c])
    matching_services.need_clusters_refresh()

    # A starts from its need's page: B and C are invited and told (notice + e-mail).
    client.force_login(owner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("marketplace:need_join_forces", args=[need_a.pk]))
    pool = Pool.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:pool_detail", args=[pool.pk])
    assert {(m.organisation, m.status) for m in pool.members.all()} == {
        (org_a, "joined"), (org_b, "invited"), (org_c, "invited"),
    }
    invited = Notification.objects.filter(kind="pool_invitation")
    assert set(invited.values_list("recipient", flat=True)) == {owner_b.pk, owner_c.pk}
    assert {m.to[0] for m in mail.outbox} >= {owner_b.email, owner_c.email}

    # Nobody can post the joint need while an invitation is open.
    with pytest.raises(ValidationError):
        pool_services.pool_joint_need_create(pool=pool, actor=owner_a, title="Samen",
                                             description="Samen laadpalen")

    # B and C accept; they talk.
    for owner in (owner_b, owner_c):
        client.force_login(owner)
        assert client.get(reverse("marketplace:pool_detail", args=[pool.pk])).status_code == 200
        response = client.post(reverse("marketplace:pool_action", args=[pool.pk, "join"]))
        assert response.status_code == 302
    client.force_login(owner_b)
    client.post(reverse("marketplace:pool_action", args=[pool.pk, "message"]),
                {"body": "Zullen we samen 30 laadpalen bestellen?"})
    assert PoolMessage.objects.get().organisation == org_b
    assert Notification.objects.filter(kind="pool_message").count() == 2  # A and C

    # C posts the joint need: it names all three, sums members and budgets, is published
    # (C is verified) and recorded as a change.
    changes_before = Change.objects.count()
    client.force_login(owner_c)
    page = client.get(reverse("marketplace:pool_detail", args=[pool.pk]))
    assert page.context["joint_form"] is not None
    response = client.post(
        reverse("marketplace:pool_action", args=[pool.pk, "joint_need"]),
        {"title": "Samen 30 laadpalen voor deelauto's", "description": "Wij bestellen samen."},
    )
    pool.refresh_from_db()
    joint = pool.joint_need
    assert response["Location"] == reverse("marketplace:need_manage", args=[joint.pk])
    assert joint.organisation == org_c and joint.status == ListingStatus.PUBLISHED
    assert joint.budget_min == Decimal(3000) and joint.budget_max == Decimal(15000)
    for name in ("Buurtauto Oost", "Deelrijden Zuid", "Wijkauto West"):
        assert name in joint.description
    assert "180" in joint.description
    assert (joint.theme.slug, joint.need_type, joint.province.slug) == ("mobility", "product", "utrecht")
    assert joint.deadline == max(need_a.deadline, need_b.deadline, need_c.deadline)
    assert Change.objects.filter(subject="need", object_id=joint.pk).exists()
    assert Change.objects.count() > changes_before
    assert Notification.objects.filter(kind="pool_joint_need").count() == 2  # A and B

    # Everyone sees the joint need on the pool page; it cannot be posted twice.
    client.force_login(owner_a)
    page = client.get(reverse("marketplace:pool_detail", args=[pool.pk]))
    assert "Samen 30 laadpalen" in page.content.decode()
    assert page.context["totals"].members == 180
    with pytest.raises(ValidationError):
        pool_services.pool_joint_need_create(pool=pool, actor=owner_a, title="Nog eens",
                                             description="x")
    # The joint need's page links its pool; its demand is pooled already: neither it nor the
    # needs behind it are clustered again.
    client.force_login(owner_c)
    page = client.get(reverse("marketplace:need_manage", args=[joint.pk]))
    assert reverse("marketplace:pool_detail", args=[pool.pk]) in page.content.decode()
    matching_services.embeddings_refresh(listings=[joint])
    matching_services.need_clusters_refresh()
    assert not NeedCluster.objects.exists()


def test_an_unverified_initiatives_joint_need_waits_for_review(three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), _c = three
    org_d, owner_d, need_d = _initiative_with_need("Nieuw", 10, None, None, verified=False)
    pool = pool_services.pool_start(need=need_d, actor=owner_d, others=[need_a])
    pool_services.pool_answer(pool=pool, actor=owner_a, join=True)
    joint = pool_services.pool_joint_need_create(pool=pool, actor=owner_d, title="Samen",
                                                 description="Samen laadpalen")
    assert joint.status == ListingStatus.SUBMITTED
    assert joint.organisation == org_d


def test_a_decline_leaves_the_others_to_go_ahead(three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), (_c, owner_c, need_c) = three
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b, need_c])
    pool_services.pool_answer(pool=pool, actor=owner_b, join=False)
    with pytest.raises(ValidationError):  # C has not answered yet
        pool_services.pool_joint_need_create(pool=pool, actor=owner_a, title="S", description="S")
    pool_services.pool_answer(pool=pool, actor=owner_c, join=True)
    with pytest.raises(ValidationError):  # answered once
        pool_services.pool_answer(pool=pool, actor=owner_c, join=False)
    joint = pool_services.pool_joint_need_create(pool=pool, actor=owner_a, title="Samen",
                                                 description="Samen laadpalen")
    assert "Deelrijden Zuid" not in joint.description
    assert "Wijkauto West" in joint.description
    assert joint.budget_max == Decimal(9000)


def test_a_single_initiative_cannot_post_a_joint_need(three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), _c = three
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b])
    pool_services.pool_answer(pool=pool, actor=owner_b, join=False)
    with pytest.raises(ValidationError):
        pool_services.pool_joint_need_create(pool=pool, actor=owner_a, title="S", description="S")


def test_the_rules_of_a_pool_hold_whatever_asks(three):
    (org_a, owner_a, need_a), (_b, owner_b, need_b), _c = three
    other_theme = NeedFactory(published=True, theme=Theme.objects.get(slug="energy"),
                              need_type="product")
    other_province = NeedFactory(published=True, theme=Theme.objects.get(slug="mobility"),
                                 need_type="product",
                                 province=Province.objects.get(slug="friesland"))
    draft = NeedFactory(theme=Theme.objects.get(slug="mobility"), need_type="product")
    for bad in (other_theme, other_province, draft):
        with pytest.raises(ValidationError):
            pool_services.pool_start(need=need_a, actor=owner_a, others=[bad])
    with pytest.raises(ValidationError):  # only one's own needs
        pool_services.pool_start(need=need_a, actor=owner_a, others=[need_a])
    with pytest.raises(PermissionDenied):  # a need of somebody else's initiative
        pool_services.pool_start(need=need_b, actor=owner_a, others=[need_a])
    # Starting again returns the open pool.
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b])
    assert pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b]) == pool
    assert Pool.objects.count() == 1


def test_only_members_of_the_pool_see_it(client, three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), (_c, owner_c, need_c) = three
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b, need_c])
    pool_services.pool_answer(pool=pool, actor=owner_b, join=True)
    pool_services.pool_message_send(pool=pool, actor=owner_b, body="Geheim voorstel")
    pool_services.pool_answer(pool=pool, actor=owner_c, join=False)
    outsider_org, outsider, outsider_need = _initiative_with_need("Buiten", 5, None, None)
    url = reverse("marketplace:pool_detail", args=[pool.pk])

    for user in (outsider, UserFactory(), owner_c):  # owner_c declined: no longer a member
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("marketplace:pool_action", args=[pool.pk, "message"]),
                           {"body": "hallo"}).status_code == 404
    with pytest.raises(PermissionDenied):
        pool_services.pool_message_send(pool=pool, actor=outsider, body="hallo")
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(owner_a)
    page = client.get(url)
    assert "Geheim voorstel" in page.content.decode()
    assert PoolMessage.objects.count() == 1


def test_an_invited_initiative_reads_but_writes_only_after_joining(client, three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), _c = three
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b])
    with pytest.raises(ValidationError):
        pool_services.pool_message_send(pool=pool, actor=owner_b, body="hallo")
    client.force_login(owner_b)
    page = client.get(reverse("marketplace:pool_detail", args=[pool.pk]))
    assert page.context["can_answer"] and not page.context["can_talk"]


def test_the_need_page_links_its_pool_and_the_drafts_of_others_stay_hidden(client, three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), _c = three
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b])
    client.force_login(owner_b)
    page = client.get(reverse("marketplace:need_manage", args=[need_b.pk]))
    assert reverse("marketplace:pool_detail", args=[pool.pk]) in page.content.decode()
    # B cannot open A's need page nor A's draft through the pool.
    draft = NeedFactory(organisation=need_a.organisation, title="Geheim concept")
    assert client.get(reverse("marketplace:need_manage", args=[need_a.pk])).status_code == 404
    assert "Geheim concept" not in client.get(
        reverse("marketplace:pool_detail", args=[pool.pk])).content.decode()
    assert draft.status == ListingStatus.DRAFT


def test_join_forces_without_a_cluster_says_so(client, three):
    (_a, owner_a, need_a), _b, _c = three
    client.force_login(owner_a)
    response = client.post(reverse("marketplace:need_join_forces", args=[need_a.pk]), follow=True)
    assert not Pool.objects.exists()
    assert "geen vergelijkbare vragen" in response.content.decode()


def test_a_joint_need_takes_the_given_deadline(three):
    (_a, owner_a, need_a), (_b, owner_b, need_b), _c = three
    pool = pool_services.pool_start(need=need_a, actor=owner_a, others=[need_b])
    pool_services.pool_answer(pool=pool, actor=owner_b, join=True)
    deadline = timezone.localdate() + datetime.timedelta(days=200)
    joint = pool_services.pool_joint_need_create(pool=pool, actor=owner_b, title="Samen",
                                                 description="Samen", deadline=deadline)
    assert joint.deadline == deadline
    assert Need.objects.get(pk=joint.pk).joint_pool == pool
    assert PoolMember.objects.filter(pool=pool, status="joined").count() == 2
