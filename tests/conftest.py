"""Shared fixtures: people in organisations, and the markers' skip rules."""

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
