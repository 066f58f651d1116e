"""Builds the hub's page tree in Dutch and English from the data files, idempotently.

Pages are found again by their translation key (derived from a stable name), so a second run
creates nothing; pages editors changed since are left as they are. Used by `seed_hub` and
`seed_demo`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models import ArticlePage, HomePage, HubIndexPage, HubSettings, StandardPage, ThemePage
from marketplace.models import SDG, Theme

from .loader import LANGUAGES, ArticleRecord, DemoDataError, HubData, load_hub

KEY_NAMESPACE = uuid.UUID("6f2b9a64-5c1e-4d55-9a57-0c6f3b8e2a10")
HUB_EDITORS = "Hub editors"
MODERATORS = "Moderators"
# Wagtail creates it as "Moderators approval"; cms migration 0003 names it for both languages.
WORKFLOW_NAME = "Moderatie / moderation"


def translation_key(name: str) -> uuid.UUID:
    """A stable translation key, shared by a page and its translations."""
    return uuid.uuid5(KEY_NAMESPACE, f"b2c-hub:{name}")


def _ensure_page(
    *, parent: Page, model: type[Page], key: str, locale: Locale, fields: dict,
    m2m: dict | None = None, setup: Callable[[Page], None] | None = None,
) -> Page:
    """The page with this key in this locale; created and published when missing."""
    existing = model.objects.filter(translation_key=translation_key(key), locale=locale).first()
    if existing is not None:
        return existing
    page = model(translation_key=translation_key(key), locale=locale, **fields)
    parent.add_child(instance=page)
    for name, values in (m2m or {}).items():
        getattr(page, name).set(values)
    if setup:
        setup(page)
    page.save_revision().publish()
    # The search index is otherwise updated by the task queue; the seed must be searchable at once.
    index.insert_or_update_object(page)
    return page


def _checked_body(article: ArticleRecord, language: str) -> list[dict]:
    """The article's body in this language, validated the way the page editor validates it.

    Each block gets an id derived from the article, language and position (Wagtail would pick a
    random one), so that every seed stores the same body.
    """
    body_block = BodyBlock()
    body = [
        {**block, "id": str(uuid.uuid5(KEY_NAMESPACE, f"{article.slug}:{language}:{number}"))}
        for number, block in enumerate(article.texts[language].body)
    ]
    try:
        body_block.clean(body_block.to_python(body))
    except ValidationError as exc:
        errors = getattr(exc, "block_errors", None) or {}
        details = "; ".join(
            f"block {index + 1}: {' '.join(error.messages)}" for index, error in errors.items()
        ) if isinstance(errors, dict) else ""
        raise DemoDataError(
            f"{article.where}, {language!r}: the body is not valid: "
            + (details or " ".join(exc.messages))
        ) from exc
    return body


def _known(model: type, field: str, values: tuple, *, article: ArticleRecord) -> list:
    found = list(model.objects.filter(**{f"{field}__in": values}))
    missing = set(values) - {getattr(item, field) for item in found}
    if missing:
        raise DemoDataError(
            f"{article.where}: unknown {model._meta.verbose_name_plural} "
            + ", ".join(map(repr, sorted(missing)))
        )
    return found


@transaction.atomic
def hub_seed(*, data: HubData | None = None) -> dict[str, int]:
    """Create the hub tree (home, hub, themes, articles, standard pages) in nl and en."""
    data = data or load_hub()
    bodies = {
        (article.slug, code): _checked_body(article, code)
        for article in data.articles for code in LANGUAGES
    }
    article_links = {
        article.slug: {"themes": _known(Theme, "slug", article.themes, article=article),
                       "sdgs": _known(SDG, "number", article.sdgs, article=article)}
        for article in data.articles
    }
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    created_before = Page.objects.count()
    homes, hubs = {}, {}
    for code in LANGUAGES:
        home = data.home[code]
        homes[code] = _ensure_page(
            parent=root, model=HomePage, key="home", locale=locales[code],
            fields={"title": home.title, "slug": f"home-{code}", "intro": home.intro},
        )
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=homes["nl"], is_default_site=True)
    elif site.root_page_id != homes["nl"].pk:
        old_root = site.root_page
        site.root_page = homes["nl"]
        site.save(update_fields=["root_page"])
        if not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    for code in LANGUAGES:
        hub = data.hub[code]
        hubs[code] = _ensure_page(
            parent=homes[code], model=HubIndexPage, key="hub", locale=locales[code],
            fields={"title": hub.title, "slug": hub.slug, "intro": hub.intro},
        )
        for standard in data.standard_pages:
            text = standard.texts[code]
            _ensure_page(
                parent=homes[code], model=StandardPage, key=f"standard:{standard.key}",
                locale=locales[code],
                fields={"title": text.title, "slug": text.slug, "intro": text.intro},
            )
        for theme in Theme.objects.all():
            name = theme.name_nl if code == "nl" else theme.name_en
            _ensure_page(
                parent=hubs[code], model=ThemePage, key=f"theme:{theme.slug}",
                locale=locales[code],
                fields={"title": name, "slug": f"thema-{theme.slug}" if code == "nl"
                        else f"theme-{theme.slug}", "theme": theme},
            )
        for article in data.articles:
            text = article.texts[code]
            _ensure_page(
                parent=hubs[code], model=ArticlePage, key=f"article:{article.slug}",
                locale=locales[code],
                fields={"title": text.title, "slug": article.slug, "kind": article.kind,
                        "intro": text.intro, "body": bodies[article.slug, code]},
                m2m=article_links[article.slug],
            )
    hub_settings_seed(site=site, hub=hubs["nl"], home=homes["nl"])
    hub_permissions_seed(homes=list(homes.values()), hubs=list(hubs.values()))
    return {"pages_created": Page.objects.count() - created_before, "articles": len(data.articles)}


def hub_settings_seed(*, site: Site, hub: HubIndexPage, home: HomePage) -> HubSettings:
    """Menu and footer links, set once (editors may change them afterwards)."""
    settings_row = HubSettings.for_site(site)
    if not settings_row.menu_links:

        def link(page: Page, place: str) -> dict:
            block_id = uuid.uuid5(KEY_NAMESPACE, f"{place}:{page.slug}")  # the same every seed
            value = {"page": page.pk, "url": "", "label": ""}
            return {"type": "link", "value": value, "id": str(block_id)}

        settings_row.menu_links = [link(hub, "menu")]
        standard = StandardPage.objects.child_of(home).live().order_by("path")
        settings_row.footer_links = [link(page, "footer") for page in standard]
        settings_row.save()
    return settings_row


def hub_permissions_seed(*, homes: list[Page], hubs: list[Page]) -> None:
    """Hub editors add and edit hub pages and submit them; moderators approve and publish."""
    editors, _created = Group.objects.get_or_create(name=HUB_EDITORS)
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin",
                                          codename="access_admin")
    moderators.permissions.add(admin_access)
    editors.permissions.add(admin_access)
    page_permissions = {
        codename: Permission.objects.get(content_type__app_label="wagtailcore",
                                         codename=codename)
        for codename in ("add_page", "change_page", "publish_page")
    }
    granted = {
        editors: ("add_page", "change_page"),
        moderators: ("add_page", "change_page", "publish_page"),
    }
    for home in homes:
        for group, codenames in granted.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=page_permissions[codename]
                )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        for hub in hubs:
            WorkflowPage.objects.get_or_create(page=hub, defaults={"workflow": workflow})
