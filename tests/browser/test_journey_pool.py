"""In real Chromium: an initiative sees that another initiative needs something similar, joins
forces with it, they talk in the shared conversation, and a joint need results that names both
and adds up their members and budgets."""

from decimal import Decimal

import pytest

from marketplace.models import ListingStatus, Pool, PoolMember, PoolMessage, Province, Theme
from matching import services as matching_services
from tests.factories import PASSWORD, InitiativeFactory, MembershipFactory, NeedFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANNA = "anna@buurtauto-oost.nl"
BERT = "bert@deelrijden-zuid.nl"
TEXT = "Wij zoeken laadpalen voor de elektrische deelauto's van onze buurtcoöperatie."
MESSAGE = "Zullen we samen 20 laadpalen bestellen? Dan krijgen we korting."
SCREENSHOT = "/tmp/pool.png"


@pytest.fixture(autouse=True)
def _fresh_pools():
    matching_services.reset_pools()
    yield
    matching_services.reset_pools()


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/dashboard/")


def _log_out(page, live_server):
    page.locator('form[action="/accounts/logout/"] button[type=submit]').click()
    page.wait_for_url(f"{live_server.url}/")


def _initiative(name, email, members, budget_min, budget_max, title):
    initiative = InitiativeFactory(name=name, member_count=members, is_verified=True)
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=initiative)
    return NeedFactory(
        organisation=initiative, published=True, title=title, description=TEXT,
        theme=Theme.objects.get(slug="mobility"), need_type="product",
        province=Province.objects.get(slug="utrecht"),
        budget_min=Decimal(budget_min), budget_max=Decimal(budget_max),
    )


def test_an_initiative_joins_forces_and_a_joint_need_results(page, live_server):
    need_a = _initiative("Buurtauto Oost", ANNA, 40, 1000, 4000, "Laadpalen voor onze deelauto's")
    need_b = _initiative("Deelrijden Zuid", BERT, 60, 2000, 6000, "Laadpalen voor deelauto's in Zuid")
    # The background job: vectors, then the recorded clusters.
    matching_services.embeddings_refresh(listings=[need_a, need_b])
    matching_services.need_clusters_refresh()

    # Anna sees on her need's page that another initiative needs something similar.
    _log_in(page, ANNA)
    page.goto(f"/dashboard/needs/{need_a.pk}/")
    panel = page.locator("section.pooled-demand")
    assert "1 ander initiatief heeft iets vergelijkbaars nodig" in panel.inner_text()
    assert "Deelrijden Zuid" in panel.inner_text()
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    pool = Pool.objects.get()
    page.wait_for_url(f"**/pools/{pool.pk}/")
    assert "Deelrijden Zuid" in page.locator("main").inner_text()
    _log_out(page, live_server)

    # Bert opens his notifications, follows the invitation and joins; he writes to Anna.
    _log_in(page, BERT)
    page.goto("/dashboard/notifications/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]", has_text="Buurtauto Oost").first.click()
    page.wait_for_url(f"**/pools/{pool.pk}/")
    with page.expect_navigation():
        page.locator(f'form[action="/pools/{pool.pk}/join/"] button[type=submit]').click()
    assert PoolMember.objects.get(pool=pool, organisation=need_b.organisation).status == "joined"
    page.fill("textarea[name=body]", MESSAGE)
    with page.expect_navigation():
        page.locator(f'form[action="/pools/{pool.pk}/message/"] button[type=submit]').click()
    assert MESSAGE in page.locator("main").inner_text()
    _log_out(page, live_server)

    # Anna reads the message and posts the joint need.
    _log_in(page, ANNA)
    page.goto(f"/pools/{pool.pk}/")
    assert MESSAGE in page.locator("main").inner_text()
    form = page.locator(f'form[action="/pools/{pool.pk}/joint_need/"]')
    form.locator("input[name=title]").fill("Samen 20 laadpalen voor deelauto's in Utrecht")
    form.locator("textarea[name=description]").fill("Wij bestellen samen laadpalen met korting.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    pool.refresh_from_db()
    joint = pool.joint_need
    page.wait_for_url(f"**/dashboard/needs/{joint.pk}/")
    assert joint.status == ListingStatus.PUBLISHED
    assert joint.budget_min == Decimal(3000) and joint.budget_max == Decimal(10000)
    assert "Buurtauto Oost" in joint.description and "Deelrijden Zuid" in joint.description
    assert "Samen 100 leden." in joint.description
    page.screenshot(path=SCREENSHOT, full_page=True)

    # The public page of the joint need names both initiatives.
    page.goto(f"/needs/{joint.slug}/")
    text = page.locator("main").inner_text()
    assert "Deelrijden Zuid" in text and "Samen 100 leden" in text
    assert PoolMessage.objects.count() == 1
