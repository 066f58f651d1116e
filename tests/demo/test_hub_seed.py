"""The knowledge hub built from demo/data/hub.yaml and articles.yaml: bilingual, idempotent."""

import pytest

from wagtail.models import Locale, Page, Site

from cms.models import ArticlePage, HomePage, HubIndexPage, HubSettings, StandardPage, ThemePage
from demo.hub import hub_seed
from demo.loader import load_hub
from marketplace.models import Theme

pytestmark = pytest.mark.django_db

HUB = load_hub()


def test_seed_builds_bilingual_tree_idempotently():
    pages_at_start = Page.objects.count()  # the root and Wagtail's welcome page
    created = hub_seed()
    assert created["articles"] == len(HUB.articles) >= 12
    # home, hub, standard pages, theme pages and articles, each in two languages; the welcome
    # page made way for the Dutch home page
    expected = 2 * (2 + len(HUB.standard_pages) + Theme.objects.count() + len(HUB.articles))
    assert Page.objects.count() == 1 + expected
    assert created["pages_created"] == 1 + expected - pages_at_start
    pages_before = list(Page.objects.order_by("path").values_list("path", "title", "latest_revision"))
    assert hub_seed()["pages_created"] == 0
    assert list(Page.objects.order_by("path").values_list("path", "title", "latest_revision")) == (
        pages_before
    )

    nl_articles = ArticlePage.objects.filter(locale__language_code="nl")
    en_articles = ArticlePage.objects.filter(locale__language_code="en")
    assert nl_articles.count() == en_articles.count() == len(HUB.articles)
    english = nl_articles.first().get_translation(Locale.objects.get(language_code="en"))
    assert english.title != nl_articles.first().title
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert nl_articles.filter(kind="case_study").count() >= 2
    assert all(article.reading_time >= 1 for article in nl_articles)
    assert HubSettings.objects.get().footer_links[0].value["page"].specific_class is StandardPage


def test_pages_carry_the_texts_of_the_data_files():
    hub_seed()
    for code in ("nl", "en"):
        hub = HubIndexPage.objects.get(locale__language_code=code)
        assert (hub.slug, hub.title, hub.intro) == (
            HUB.hub[code].slug, HUB.hub[code].title, HUB.hub[code].intro,
        )
        assert ThemePage.objects.child_of(hub).count() == Theme.objects.count()
        for record in HUB.articles:
            article = ArticlePage.objects.get(slug=record.slug, locale__language_code=code)
            text = record.texts[code]
            assert (article.title, article.intro, article.kind) == (
                text.title, text.intro, record.kind,
            )
            stored = article.body.get_prep_value()
            assert [(block["type"], block["value"]) for block in stored] == [
                (block["type"], block["value"]) for block in text.body
            ]
            assert set(article.themes.values_list("slug", flat=True)) == set(record.themes)
            assert set(article.sdgs.values_list("number", flat=True)) == set(record.sdgs)


def test_block_ids_are_the_same_in_every_seed():
    hub_seed()
    first = {
        page.pk: [block["id"] for block in page.body.get_prep_value()]
        for page in ArticlePage.objects.all()
    }
    ArticlePage.objects.all().delete()
    hub_seed()
    again = {
        (page.slug, page.locale_id): [block["id"] for block in page.body.get_prep_value()]
        for page in ArticlePage.objects.all()
    }
    assert sorted(first.values()) == sorted(again.values())
    assert len({block_id for ids in again.values() for block_id in ids}) == sum(
        len(ids) for ids in again.values()
    )
