"""The knowledge hub: page tree rules, rendering, blocks, search and recommendations, workflow."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction, Workflow

from cms import selectors
from cms.blocks import BodyBlock
from cms.models import (
    ArticlePage,
    HomePage,
    HubIndexPage,
    StandardPage,
    ThemePage,
)
from demo.hub import WORKFLOW_NAME, hub_seed
from semantic.models import Embedding
from semantic.services import embeddings_rebuild
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(db):
    hub_seed()
    return HubIndexPage.objects.get(locale__language_code="nl")


def _article(hub_page, *, title, intro, slug, publish=True):
    article = ArticlePage(title=title, slug=slug, intro=intro, kind="guide")
    hub_page.add_child(instance=article)
    if publish:
        article.save_revision().publish()
    else:
        article.live = False
        article.save()
    return article


def test_page_tree_rules():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert set(HomePage.allowed_subpage_models()) == {HubIndexPage, StandardPage}
    assert ArticlePage.allowed_parent_page_models() == [HubIndexPage]
    assert ThemePage.allowed_parent_page_models() == [HubIndexPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert HubIndexPage.allowed_parent_page_models() == [HomePage]


def test_home_page_limited_to_one_per_language(hub):
    root = Page.get_first_root_node()
    assert HomePage.objects.count() == 2
    assert not HomePage.can_create_at(root)
    assert not ArticlePage.can_create_at(root)
    assert ArticlePage.can_create_at(hub)


def test_every_page_type_renders_in_both_languages(hub, client):
    OfferFactory(published=True, title="Zonnepanelen tegen inkoopprijs")
    home = client.get(reverse("marketplace:home"))
    assert home.status_code == 200
    assert b"Waar bedrijven en burgercollectieven" in home.content
    assert b"Zonnepanelen tegen inkoopprijs" in home.content
    assert b"<style" not in home.content and b"style=" not in home.content
    assert client.get("/en/").content.count(b"Where companies and citizen collectives") >= 1
    urls = [hub.url, "/en/hub/", "/kennisbank/energy-cooperative/",
            "/en/hub/energy-cooperative/", "/kennisbank/thema-energy/", "/over-ons/",
            "/en/privacy/", "/kennisbank/?theme=energy&kind=guide&page=1"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    article = client.get("/en/hub/energy-cooperative/").content.decode()
    assert "Starting an energy cooperative" in article
    assert "Related offers and needs" in article
    assert "minutes read" in article
    menu = client.get("/over-ons/").content.decode()
    assert 'href="/kennisbank/"' in menu  # menu link from the site settings


def test_every_block_renders_and_rich_text_is_sanitised(hub, client, company):
    OfferFactory(organisation=company, published=True, title="Lening voor zonnedaken")
    body = [
        {"type": "text", "value": '<p>Veilig</p><script>alert("x")</script>'},
        {"type": "image", "value": {"image": None, "caption": "Een bijschrift", "attribution": ""}},
        {"type": "quote", "value": {"text": "Samen staan we sterk", "attribution": "Een lid"}},
        {"type": "call_to_action", "value": {"heading": "Doe mee", "text": "", "button_label":
                                              "Plaats een vraag", "page": None, "url": "/needs/"}},
        {"type": "faq", "value": {"heading": "Vragen", "items": [
            {"question": "Wat kost het?", "answer": "<p>Niets</p>"}]}},
        {"type": "key_figures", "value": {"heading": "", "figures": [
            {"value": "700+", "label": "energiecoöperaties"}]}},
        {"type": "listings", "value": {"heading": "Aanbod", "kind": "offers", "theme": "",
                                       "listing_type": "", "province": "", "count": 3}},
        {"type": "organisations", "value": {"heading": "Wie helpt",
                                            "organisations": [company.slug]}},
    ]
    page = StandardPage(title="Alle blokken", slug="alle-blokken", body=body)
    HomePage.objects.get(locale__language_code="nl").add_child(instance=page)
    page.save_revision().publish()
    content = client.get("/alle-blokken/").content.decode()
    assert "Veilig" in content
    assert "<script>alert" not in content  # the tag is stripped; its text stays inert
    for text in ("Een bijschrift", "Samen staan we sterk", "Plaats een vraag", "Wat kost het?",
                 "700+", "Lening voor zonnedaken", company.name):
        assert text in content, text
    assert set(BodyBlock().child_blocks) == {b["type"] for b in body}


def test_every_block_has_icon_template_and_preview():
    for name, block in BodyBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template.startswith("cms/blocks/"), name
        assert block.get_preview_value() is not None, name
        assert block.get_preview_template(block.get_preview_value()), name


def test_drafts_and_private_pages_are_absent_from_search_and_recommendations(hub):
    public = _article(hub, title="Buurtbatterij voor zonnestroom", slug="public-battery",
                      intro="Een buurtbatterij slaat zonnestroom op voor de wijk.")
    draft = _article(hub, title="Buurtbatterij concept", slug="draft-battery", publish=False,
                     intro="Een buurtbatterij in concept, nog niet gepubliceerd.")
    private = _article(hub, title="Buurtbatterij intern", slug="private-battery",
                       intro="Een buurtbatterij voor interne lezers.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    found = selectors.hub_search(query="buurtbatterij", locale=hub.locale)
    assert public in found
    assert draft not in found and private not in found

    need = NeedFactory(published=True, title="Buurtbatterij voor ons zonnedak",
                       description="We zoeken een buurtbatterij om zonnestroom op te slaan.")
    embeddings_rebuild()
    related = selectors.related_articles_for_listing(listing=need, limit=20, locale=hub.locale)
    assert public in related
    assert draft not in related and private not in related
    assert Embedding.objects.filter(content_type__model="articlepage", object_id=public.pk).exists()


def test_need_page_shows_related_articles(hub, client):
    need = NeedFactory(published=True, title="Vrijwilligers verzekeren bij ons repair café",
                       description="Hoe verzekeren we de vrijwilligers van ons repair café?")
    embeddings_rebuild()
    content = client.get(reverse("marketplace:need_detail", args=[need.slug])).content.decode()
    assert "Related articles" in content or "Gerelateerde artikelen" in content
    assert "/kennisbank/insuring-volunteers/" in content or "/kennisbank/repair-cafe/" in content


def test_editor_submits_and_moderator_approves(hub):
    editor = UserFactory(email="hub-editor@example.nl")
    editor.groups.add(Group.objects.get(name="Hub editors"))
    moderator = UserFactory(email="moderator@example.nl")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    article = _article(hub, title="Energie delen met de buren", slug="energie-delen",
                       intro="Zo deelt u zonnestroom met de buren.", publish=False)
    assert hub.permissions_for_user(editor).can_add_subpage()
    workflow = article.get_workflow()
    assert workflow is not None and workflow == Workflow.objects.get(name=WORKFLOW_NAME)
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(article, moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    article.refresh_from_db()
    assert article.live
    assert article in selectors.articles_live(locale=hub.locale)
