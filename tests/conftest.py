"""Shared fixtures: people in organisations, and the markers' skip rules."""

import importlib
import os
import shutil

import pytest

from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    hub_editor,
)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip = pytest.mark.skip(
            reason=f"Chromium not installed at {CHROMIUM}: `apt-get install chromium` "
            "(as .ci/run does) to run the real-browser journeys"
        )
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached fragments are keyed by a content version the rolled-back database cannot move back.

    Process-wide outage marks start closed too: an encoder breaker or a Redis outage opened by
    one test (they last 30 s) must not make the next test's pages degraded."""
    from django.core.cache import caches

    from config.cache import reset_outages
    from semantic import encoders

    for cache in caches.all(initialized_only=True):  # default and any other alias in use
        cache.clear()
    reset_outages()
    for breaker in list(encoders._breakers.values()):
        breaker.success()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an /en/ URL leaves English active in the thread: start every test in Dutch."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """Transactional tests flush the database, migration-seeded rows included: put them back."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and (marker.kwargs.get("transaction") or "live_server" in request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    reference = importlib.import_module("marketplace.migrations.0002_reference_data")
    reference.load(apps, None)
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    from django.contrib.auth.models import Group, Permission

    _wagtail_basics()
    group, _ = Group.objects.get_or_create(name="Hub editors")
    group.permissions.add(
        Permission.objects.get(codename="review_listing"),
        Permission.objects.get(codename="access_admin"),
    )


def _wagtail_basics():
    """The locales, root page and default site that Wagtail's migrations create."""
    from django.conf import settings

    from wagtail.models import Locale, Page, Site

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Page.objects.exists():
        root = Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.get_default())
        )
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)


@pytest.fixture
def company_owner(db):
    """The owner of a (unverified) company."""
    return MembershipFactory(organisation=OrganisationFactory()).user


@pytest.fixture
def company(company_owner):
    return company_owner.memberships.get().organisation


@pytest.fixture
def initiative_owner(db):
    return MembershipFactory(organisation=InitiativeFactory()).user


@pytest.fixture
def initiative(initiative_owner):
    return initiative_owner.memberships.get().organisation


@pytest.fixture
def editor(db):
    return hub_editor(email="editor@example.nl")


@pytest.fixture
def stranger(db):
    """Somebody logged in who belongs to another organisation."""
    return MembershipFactory(organisation=OrganisationFactory(name="Other BV")).user


@pytest.fixture
def outsider(db):
    """Somebody logged in without any organisation."""
    return UserFactory()
