"""In real Chromium: a hub editor writes an article, a moderator approves it, and a visitor finds
it among the related articles of a need about the same subject."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Locale, Page, Site, Workflow, WorkflowTask

from cms.models import ArticlePage, HomePage, HubIndexPage
from demo.hub import HUB_EDITORS, MODERATORS, WORKFLOW_NAME, hub_permissions_seed
from marketplace import changes
from marketplace.models import Theme
from tests.factories import PASSWORD, NeedFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR_EMAIL = "redacteur@example.nl"
MODERATOR_EMAIL = "moderator@example.nl"
ARTICLE_TITLE = "Zo verzekert u de vrijwilligers van uw collectief"
ARTICLE_INTRO = (
    "Een vrijwilligersverzekering dekt ongevallen en aansprakelijkheid van vrijwilligers. "
    "Veel gemeenten bieden een collectieve verzekering voor vrijwilligers gratis aan."
)
NEED_TITLE = "Verzekering voor onze vrijwilligers"
SCREENSHOT = "/tmp/article.png"
# Published straight away (no browser): they compete with the new article for the three places.
OTHER_ARTICLES = [
    ("zonnepanelen", "Zonnepanelen op het dak van het dorpshuis",
     "Een energiecoöperatie legt zonnepanelen op daken en verdeelt de stroom."),
    ("deelautos", "Elektrische deelauto's in de wijk",
     "Bewoners delen elektrische auto's met een boekingsapp."),
    ("moestuin", "Een moestuin voor de hele buurt",
     "Buurtbewoners telen samen groenten op een braakliggend terrein."),
]


def _hub_tree() -> HubIndexPage:
    """The minimum of hub_seed (Dutch home and hub, permissions, moderation) and three articles."""
    dutch = Locale.objects.get(language_code="nl")
    home = HomePage(title="Business2Community", slug="home-nl", locale=dutch)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    hub = HubIndexPage(title="Kennisbank", slug="kennisbank", locale=dutch)
    home.add_child(instance=hub)
    hub.save_revision().publish()
    # Wagtail's migration creates this workflow, but a flush of an earlier transactional test
    # removes it: make sure the hub is moderated in every run, as hub_seed leaves it.
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    hub_permissions_seed(homes=[home], hubs=[hub])
    for slug, title, intro in OTHER_ARTICLES:
        article = ArticlePage(title=title, slug=slug, intro=intro, kind="guide", locale=dutch)
        hub.add_child(instance=article)
        article.save_revision().publish()
    return hub


def _admin_log_in(page, email):
    page.goto("/admin/login/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url("**/admin/")


def _footer_action(page, selector):
    """Open the footer's "more actions" dropdown and click one of its buttons (a form submit)."""
    footer = page.locator("footer .actions--primary")
    footer.locator(".w-dropdown__toggle").click()
    with page.expect_navigation():
        footer.locator(selector).click()


def test_editor_article_approved_and_related_to_need(page, chromium_browser, live_server):
    hub = _hub_tree()
    insurance = Theme.objects.get(slug="insurance")
    need = NeedFactory(
        published=True,
        title=NEED_TITLE,
        theme=insurance,
        description="Onze vrijwilligers helpen in het buurthuis en bij het repair café. "
        "Wij zoeken een goede verzekering voor ongevallen en aansprakelijkheid van "
        "vrijwilligers.",
    )
    # What the background work does after a need is published: its vectors are stored.
    changes.change_record(instance=need)
    changes.changes_dispatch()
    editor = UserFactory(email=EDITOR_EMAIL, first_name="Eva")
    editor.groups.add(Group.objects.get(name=HUB_EDITORS))
    moderator = UserFactory(email=MODERATOR_EMAIL, first_name="Mo")
    moderator.groups.add(Group.objects.get(name=MODERATORS))

    # The hub editor adds an article under the Dutch hub and submits it for moderation.
    _admin_log_in(page, EDITOR_EMAIL)
    page.goto(f"/admin/pages/{hub.pk}/add_subpage/")
    page.locator(f'a[href^="/admin/pages/add/cms/articlepage/{hub.pk}/"]').click()
    page.wait_for_url(f"**/admin/pages/add/cms/articlepage/{hub.pk}/**")
    page.fill("#id_title", ARTICLE_TITLE)
    page.locator("#id_title").blur()  # the slug follows the title
    page.select_option("#id_kind", "guide")
    page.fill("#id_intro", ARTICLE_INTRO)
    page.locator(f'input[name="themes"][value="{insurance.pk}"]').check()
    _footer_action(page, 'button[name="action-submit"]')
    article = ArticlePage.objects.get(title=ARTICLE_TITLE)
    assert not article.live
    assert list(article.themes.all()) == [insurance]
    assert article.get_parent().pk == hub.pk
    assert article.current_workflow_state is not None

    # Not visible to anybody yet.
    assert article.slug
    visitor_context = chromium_browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    try:
        visitor = visitor_context.new_page()
        visitor.set_default_timeout(15_000)
        assert visitor.goto(f"/kennisbank/{article.slug}/").status == 404
        visitor.goto(reverse("marketplace:need_detail", args=[need.slug]))
        assert ARTICLE_TITLE not in visitor.locator("main").inner_text()
    finally:
        visitor_context.close()

    # A moderator approves it in the editor, which publishes it.
    moderator_context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    try:
        moderation = moderator_context.new_page()
        moderation.set_default_timeout(15_000)
        _admin_log_in(moderation, MODERATOR_EMAIL)
        moderation.goto(f"/admin/pages/{article.pk}/edit/")
        _footer_action(
            moderation,
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])',
        )
    finally:
        moderator_context.close()
    article.refresh_from_db()
    assert article.live
    article_url = f"/kennisbank/{article.slug}/"
    assert article.url == article_url

    # An anonymous visitor finds it first among the need's related articles, and reads it.
    visitor_context = chromium_browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    try:
        visitor = visitor_context.new_page()
        visitor.set_default_timeout(15_000)
        assert visitor.goto(reverse("marketplace:need_detail", args=[need.slug])).status == 200
        related = visitor.locator("section.related-articles")
        assert related.is_visible()
        links = related.locator(f'a[href="{article_url}"]')
        assert links.count() >= 1
        assert ARTICLE_TITLE in related.inner_text()
        cards = related.inner_text()
        others = [cards.index(title) for _slug, title, _intro in OTHER_ARTICLES if title in cards]
        assert others and cards.index(ARTICLE_TITLE) < min(others)  # closest in meaning first
        visitor.screenshot(path=SCREENSHOT, full_page=True)
        links.first.click()
        visitor.wait_for_url(f"**{article_url}")
        assert ARTICLE_TITLE in visitor.locator("h1").inner_text()
        assert "vrijwilligersverzekering" in visitor.locator("main").inner_text()
    finally:
        visitor_context.close()
