"""The knowledge hub's pages, its site settings and the stored vectors of its articles."""

import math

from modelcluster.fields import ParentalManyToManyField

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.search import index

from .blocks import BodyBlock

WORDS_PER_MINUTE = 200
ARTICLES_PER_PAGE = 12


def stream_text(stream) -> str:
    """The plain text of a StreamField value (headings, paragraphs, quotes, answers...)."""
    parts: list[str] = []

    def collect(value) -> None:
        if value is None:
            return
        if hasattr(value, "source"):  # RichText
            parts.append(strip_tags(value.source))
        elif isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):  # StructValue
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
            for item in value:
                collect(getattr(item, "value", item))

    for block in stream:
        if block.block_type in {"listings", "organisations", "image"}:
            collect((block.value.get("heading") or "") if block.block_type != "image" else
                    block.value.get("caption") or "")
        else:
            collect(block.value)
    return "\n".join(part.strip() for part in parts if part and part.strip())


class HomePage(Page):
    """The front page of one language: the platform in short, live listings and new articles."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.HubIndexPage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        # One home page per content language, directly under the root.
        languages = len(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])) or 1
        return (
            super().can_create_at(parent)
            and parent.is_root()
            and cls.objects.count() < languages
        )

    def get_context(self, request, *args, **kwargs):
        from marketplace import selectors as marketplace_selectors

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template caches the figures (and the lists below) per content version.
        context["counts"] = SimpleLazyObject(marketplace_selectors.platform_counts)
        context["latest_offers"] = marketplace_selectors.offer_list_public()[:6]
        context["latest_needs"] = marketplace_selectors.need_list_public()[:6]
        context["latest_articles"] = SimpleLazyObject(
            lambda: list(selectors.articles_live(locale=self.locale)[:3])
        )
        context["hub"] = SimpleLazyObject(lambda: selectors.hub_index(locale=self.locale))
        return context


class HubIndexPage(Page):
    """The hub: all articles of one language, filtered by theme and kind, searchable."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage", "cms.ThemePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("hub index page")

    def get_context(self, request, *args, **kwargs):
        from marketplace.models import Theme

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        theme = request.GET.get("theme", "")
        kind = request.GET.get("kind", "")
        query = request.GET.get("q", "").strip()[:200]
        number = request.GET.get("page")

        def page_obj():
            articles = selectors.hub_articles(
                locale=self.locale, theme=theme, kind=kind, query=query
            )
            return Paginator(articles, ARTICLES_PER_PAGE).get_page(number)

        context.update(
            {
                # Lazy: the template's fragment cache (per content version) usually answers
                # without building, counting or reading these.
                "page_obj": SimpleLazyObject(page_obj),
                "themes": Theme.objects.all(),
                "kinds": ArticlePage.Kind.choices,
                "selected_theme": theme,
                "selected_kind": kind,
                "query": query,
                "theme_pages": SimpleLazyObject(
                    lambda: list(selectors.theme_pages(locale=self.locale))
                ),
            }
        )
        return context


class ArticlePage(Page):
    """A guide, case study, toolkit or news item for citizen collectives."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        CASE_STUDY = "case_study", _("Case study")
        TOOLKIT = "toolkit", _("Toolkit")
        NEWS = "news", _("News")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GUIDE)
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences, shown on cards."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    themes = ParentalManyToManyField("marketplace.Theme", blank=True, verbose_name=_("themes"))
    sdgs = ParentalManyToManyField("marketplace.SDG", blank=True, verbose_name=_("SDGs"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Themes and goals"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["cms.HubIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def plain_text(self) -> str:
        """Title, introduction and body as plain text (for reading time and embeddings)."""
        return "\n".join(part for part in (self.title, self.intro, stream_text(self.body)) if part)

    @property
    def reading_time(self) -> int:
        """Minutes to read the article, at least one."""
        words = len(self.plain_text().split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the template's fragment cache (per content version) misses.
        context["related"] = SimpleLazyObject(
            lambda: selectors.related_listings_for_article(article=self)
        )
        return context


class ThemePage(Page):
    """One theme: its articles and the live offers and needs in it."""

    theme = models.ForeignKey(
        "marketplace.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("theme"), FieldPanel("intro"),
                      FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HubIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("theme page")

    def get_context(self, request, *args, **kwargs):
        from marketplace import selectors as marketplace_selectors

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        filters = marketplace_selectors.ListingFilters(theme=self.theme.slug)
        context["articles"] = selectors.articles_live(locale=self.locale).filter(
            themes=self.theme
        )[:12]
        context["offers"] = marketplace_selectors.offer_list_public(filters=filters)[:6]
        context["needs"] = marketplace_selectors.need_list_public(filters=filters)[:6]
        return context


class StandardPage(Page):
    """A plain page: about, terms, privacy."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class LinkBlock(wagtail_blocks.StructBlock):
    """A menu link: a page (its title in the visitor's language) or an address."""

    page = wagtail_blocks.PageChooserBlock(label=_("page"), required=False)
    url = wagtail_blocks.CharBlock(label=_("or an address"), required=False, max_length=300)
    label = wagtail_blocks.CharBlock(
        label=_("label"), required=False, max_length=60, help_text=_("Defaults to the page title.")
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/link.html"


@register_setting(icon="list-ul")
class HubSettings(BaseSiteSetting):
    """Extra menu links and the footer, edited under Settings in the admin."""

    menu_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("menu links")
    )
    footer_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("footer links")
    )
    footer_text = models.TextField(_("footer text"), blank=True)

    panels = [FieldPanel("menu_links"), FieldPanel("footer_text"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("menu and footer")

    @classmethod
    def for_site(cls, site):
        """The site's row, or unsaved defaults: reading the menu never writes (the admin saves it)."""
        if site is None:
            return cls()
        return cls.objects.filter(site=site).first() or cls(site=site)


class PeerApprovalTask(AbstractGroupApprovalTask):
    """Group approval with a second pair of eyes: whoever submitted or last edited the page may
    not approve it, however many groups they are in (superusers too)."""

    @staticmethod
    def _authored_by(obj: object, user: object) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        if state is None or user is None or not getattr(user, "pk", None):
            return False
        revision = getattr(obj, "latest_revision", None)
        return state.requested_by_id == user.pk or (
            revision is not None and revision.user_id == user.pk
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self._authored_by(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self._authored_by(
            task_state.workflow_state.content_object, user
        ):
            raise PermissionDenied(_("Someone other than the author must approve this page."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user) if user.pk else states

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, but never the person who submitted it")

    class Meta:
        verbose_name = _("approval by a second person")
        verbose_name_plural = _("approvals by a second person")
