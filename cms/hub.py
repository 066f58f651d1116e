"""Builds the hub's page tree in Dutch and English, idempotently (seed_hub, seed_demo)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from html import escape

from django.contrib.auth.models import Group, Permission
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

from marketplace.models import SDG, Theme

from .content import ARTICLES
from .models import ArticlePage, HomePage, HubIndexPage, HubSettings, StandardPage, ThemePage

KEY_NAMESPACE = uuid.UUID("6f2b9a64-5c1e-4d55-9a57-0c6f3b8e2a10")
LANGUAGES = ("nl", "en")
HUB_EDITORS = "Hub editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"

HOME = {
    "nl": ("Waar bedrijven en burgercollectieven elkaar vinden",
           "Energiecoöperaties, zorgcoöperaties, dorpsverenigingen en andere "
           "burgerinitiatieven plaatsen wat ze nodig hebben. Bedrijven, fondsen en overheden "
           "bieden producten, diensten, leningen, subsidies en advies. Business2Community brengt "
           "ze samen, met een kennisbank vol praktische gidsen."),
    "en": ("Where companies and citizen collectives meet",
           "Energy cooperatives, care cooperatives, village associations and other citizen "
           "initiatives post what they need. Companies, funds and public bodies offer products, "
           "services, loans, grants and advice. Business2Community brings them together, with a "
           "knowledge hub full of practical guides."),
}
HUB = {
    "nl": ("kennisbank", "Kennisbank",
           "Gidsen, praktijkvoorbeelden en toolkits voor burgercollectieven: van energie tot zorg."),
    "en": ("hub", "Knowledge hub",
           "Guides, case studies and toolkits for citizen collectives: from energy to care."),
}
STANDARD = [
    ("about", {"nl": ("over-ons", "Over Business2Community",
                      "Business2Community is een platform dat bedrijven, fondsen en overheden "
                      "verbindt met burgercollectieven in Nederland. Redacteuren beoordelen "
                      "aanbod en vragen en schrijven de kennisbank."),
               "en": ("about", "About Business2Community",
                      "Business2Community is a platform connecting companies, funds and public "
                      "bodies with citizen collectives in the Netherlands. Editors review offers "
                      "and needs and write the knowledge hub.")}),
    ("terms", {"nl": ("voorwaarden", "Gebruiksvoorwaarden",
                      "Door het platform te gebruiken gaat u akkoord met deze voorwaarden. "
                      "Organisaties zijn zelf verantwoordelijk voor wat zij aanbieden en vragen."),
               "en": ("terms", "Terms of use",
                      "By using the platform you accept these terms. Organisations are "
                      "responsible for what they offer and ask.")}),
    ("privacy", {"nl": ("privacy", "Privacyverklaring",
                        "Wij verwerken alleen de gegevens die nodig zijn om aanbod en vragen te "
                        "koppelen, volgens de AVG. U kunt uw gegevens altijd inzien en laten "
                        "verwijderen."),
                 "en": ("privacy", "Privacy statement",
                        "We process only the data needed to match offers and needs, under the "
                        "GDPR. You can always view your data and have it deleted.")}),
]


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


def _article_body(article: dict, language: str) -> list[dict]:
    text = article[language]
    body = []
    for heading, paragraphs in text["sections"]:
        html = f"<h2>{escape(heading)}</h2>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        body.append({"type": "text", "value": html})
    if text.get("quote"):
        quote, who = text["quote"]
        body.append({"type": "quote", "value": {"text": quote, "attribution": who}})
    if text.get("faq"):
        body.append({
            "type": "faq",
            "value": {
                "heading": "Veelgestelde vragen" if language == "nl" else "Frequently asked questions",
                "items": [{"question": q, "answer": f"<p>{escape(a)}</p>"} for q, a in text["faq"]],
            },
        })
    body.append({
        "type": "listings",
        "value": {
            "heading": "Actuele vragen" if language == "nl" else "Current needs",
            "kind": "needs", "theme": article["themes"][0], "listing_type": "", "province": "",
            "count": 3,
        },
    })
    return body


@transaction.atomic
def hub_seed() -> dict[str, int]:
    """Create the hub tree (home, hub, themes, articles, standard pages) in nl and en."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    created_before = Page.objects.count()
    homes, hubs = {}, {}
    for code in LANGUAGES:
        title, intro = HOME[code]
        homes[code] = _ensure_page(
            parent=root, model=HomePage, key="home", locale=locales[code],
            fields={"title": title, "slug": f"home-{code}", "intro": intro},
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
        slug, title, intro = HUB[code]
        hubs[code] = _ensure_page(
            parent=homes[code], model=HubIndexPage, key="hub", locale=locales[code],
            fields={"title": title, "slug": slug, "intro": intro},
        )
        for name, texts in STANDARD:
            page_slug, page_title, page_intro = texts[code]
            _ensure_page(
                parent=homes[code], model=StandardPage, key=f"standard:{name}",
                locale=locales[code],
                fields={"title": page_title, "slug": page_slug, "intro": page_intro},
            )
        for theme in Theme.objects.all():
            name = theme.name_nl if code == "nl" else theme.name_en
            _ensure_page(
                parent=hubs[code], model=ThemePage, key=f"theme:{theme.slug}",
                locale=locales[code],
                fields={"title": name, "slug": f"thema-{theme.slug}" if code == "nl"
                        else f"theme-{theme.slug}", "theme": theme},
            )
        for article in ARTICLES:
            text = article[code]
            _ensure_page(
                parent=hubs[code], model=ArticlePage, key=f"article:{article['slug']}",
                locale=locales[code],
                fields={"title": text["title"], "slug": article["slug"], "kind": article["kind"],
                        "intro": text["intro"], "body": _article_body(article, code)},
                m2m={"themes": list(Theme.objects.filter(slug__in=article["themes"])),
                     "sdgs": list(SDG.objects.filter(number__in=article["sdgs"]))},
            )
    hub_settings_seed(site=site, hub=hubs["nl"], home=homes["nl"])
    hub_permissions_seed(homes=list(homes.values()), hubs=list(hubs.values()))
    return {"pages_created": Page.objects.count() - created_before, "articles": len(ARTICLES)}


def hub_settings_seed(*, site: Site, hub: HubIndexPage, home: HomePage) -> HubSettings:
    """Menu and footer links, set once (editors may change them afterwards)."""
    settings_row = HubSettings.for_site(site)
    if not settings_row.menu_links:
        settings_row.menu_links = [{"type": "link", "value": {"page": hub.pk, "url": "", "label": ""}}]
        standard = StandardPage.objects.child_of(home).live().order_by("path")
        settings_row.footer_links = [
            {"type": "link", "value": {"page": page.pk, "url": "", "label": ""}} for page in standard
        ]
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
