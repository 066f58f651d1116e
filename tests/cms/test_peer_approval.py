"""A second pair of eyes on the hub: nobody approves a page they submitted; names in Dutch."""

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from wagtail.models import TaskState

from cms.models import ArticlePage, HubIndexPage, PeerApprovalTask
from demo.hub import hub_seed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(db):
    hub_seed()
    return HubIndexPage.objects.get(locale__language_code="nl")


def _submitted(hub, author):
    article = ArticlePage(title="Samen een buurtbatterij", slug="buurtbatterij",
                          intro="Zo deelt u opslag.", kind="guide", live=False)
    hub.add_child(instance=article)
    article.save_revision(user=author)
    state = article.get_workflow().start(article, author)
    return article, state.current_task_state


def test_the_default_workflow_step_is_a_peer_approval(hub):
    task = hub.get_workflow().tasks.get().specific
    assert isinstance(task, PeerApprovalTask)
    assert task.groups.filter(name="Moderators").exists()


def test_a_moderator_cannot_approve_what_they_submitted(hub):
    author = UserFactory(email="schrijver@example.nl")
    author.groups.add(Group.objects.get(name="Moderators"), Group.objects.get(name="Hub editors"))
    article, task_state = _submitted(hub, author)
    task = task_state.task.specific
    assert "approve" not in [name for name, _label, _modal in task.get_actions(article, author)]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, author, "approve")
    assert task_state not in task.get_task_states_user_can_moderate(author)

    colleague = UserFactory(email="collega@example.nl")
    colleague.groups.add(Group.objects.get(name="Moderators"))
    assert "approve" in [name for name, _label, _modal in task.get_actions(article, colleague)]
    task.on_action(TaskState.objects.get(pk=task_state.pk), colleague, "approve")
    article.refresh_from_db()
    assert article.live


def test_the_workflow_is_named_for_both_languages_in_the_admin(hub, client):
    author = UserFactory(email="redacteur@example.nl")
    author.groups.add(Group.objects.get(name="Hub editors"))
    article, _task_state = _submitted(hub, author)
    client.force_login(author)
    client.cookies["django_language"] = "nl"
    html = client.get(f"/admin/pages/{article.pk}/edit/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Moderators approval" not in html
    assert "Moderatie / moderation" in html
