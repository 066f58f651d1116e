"""Safe learning: a trained ranker is gated on a minimum of outcomes and on offline figures, kept
inactive with its figures when it is not better, and editors can switch back in the admin."""

from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from marketplace.models import Match, MatchStatus
from matching import ranking, services
from matching.models import RankerArtifact
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

TEST_SET = str(Path(__file__).parent / "data")


@pytest.fixture(autouse=True)
def _learning_settings(settings, tmp_path):
    settings.MATCHING = {
        **settings.MATCHING, "ARTIFACT_DIR": str(tmp_path), "TRAIN_MIN_OUTCOMES": 10,
        "ACTIVATION_MARGIN": 0.01, "LABELLED_SETS": [TEST_SET, str(tmp_path / "absent")],
    }
    services.reset_pools()


def _outcomes(n: int, *, meaning_helps: bool = True) -> None:
    """n shown suggestions: half taken up, half declined; taken-up ones close by meaning
    (or, with `meaning_helps=False`, the opposite)."""
    need = NeedFactory(published=True)
    for i in range(n):
        taken = i % 2 == 0
        close = taken if meaning_helps else not taken
        semantic = (2.0 if close else -1.0) + (i % 5) * 0.1
        Match.objects.create(
            need=need, offer=OfferFactory(published=True),
            status=MatchStatus.INTRODUCED if taken else MatchStatus.DECLINED,
            ranker_version="linear-v1",
            explanation={"features": {"semantic": semantic, "theme_match": 1.0 if close else 0.0}},
        )


def _stored(examples_helpful: bool, *, active: bool) -> RankerArtifact:
    """A trained ranker stored directly (as an earlier training would have)."""
    examples = [
        ranking.TrainingExample(
            features={"semantic": (2.0 if (i % 2 == 0) == examples_helpful else -1.0) + i * 0.01},
            outcome="interest" if i % 2 == 0 else "declined",
        )
        for i in range(40)
    ]
    trained = ranking.train_ranker(examples)
    path = ranking.save_ranker(trained, Path(services.settings.MATCHING["ARTIFACT_DIR"]) / "x.joblib")
    return RankerArtifact.objects.create(
        version=trained.version, estimator="logistic", path=str(path), n_examples=40,
        is_active=active,
    )


def test_too_few_real_outcomes_are_refused():
    _outcomes(8)
    with pytest.raises(ValidationError, match="8 real outcome"):
        services.ranker_train()
    assert not RankerArtifact.objects.exists()


def test_a_worse_candidate_is_stored_inactive_with_its_figures():
    _outcomes(30, meaning_helps=False)
    artifact = services.ranker_train()
    assert not artifact.is_active
    figures = artifact.figures
    assert figures["active_version"] == "linear-v2"
    assert figures["better"] is False
    assert figures["decision"].startswith("kept inactive")
    assert set(figures["measures"]) == {"held-out outcomes (ROC AUC)", "data (nDCG@10)"}
    test_set = figures["measures"]["data (nDCG@10)"]
    assert test_set["candidate"] < test_set["active"]
    assert services.active_ranker() is ranking.DEFAULT_RANKER


def test_a_candidate_better_by_the_margin_everywhere_is_activated():
    bad = _stored(examples_helpful=False, active=True)
    assert services.active_ranker().version == bad.version
    _outcomes(30)
    artifact = services.ranker_train()
    assert artifact.figures["better"] is True
    for row in artifact.figures["measures"].values():
        assert row["candidate"] >= row["active"] + 0.01
    assert artifact.is_active
    bad.refresh_from_db()
    assert not bad.is_active
    assert services.active_ranker().version == artifact.version


def test_no_activation_when_asked_not_to():
    _stored(examples_helpful=False, active=True)
    _outcomes(30)
    artifact = services.ranker_train(activate=False)
    assert not artifact.is_active and artifact.figures["better"] is True


@pytest.fixture
def ranker_editor(db):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="activate_ranker"),
        Permission.objects.get(codename="access_admin"),
    )
    return get_user_model().objects.get(pk=user.pk)


def test_editors_see_versions_with_figures_and_switch_back(client, ranker_editor):
    _outcomes(30, meaning_helps=False)
    kept_out = services.ranker_train()
    trained = _stored(examples_helpful=True, active=True)
    client.force_login(ranker_editor)
    page = client.get(reverse("matching_admin:rankers"))
    html = page.content.decode()
    assert page.status_code == 200
    assert kept_out.version in html and trained.version in html
    assert "held-out outcomes (ROC AUC)" in html

    # Back to the built-in ranker: a confirmation first (nothing changes), then the switch.
    confirm = client.get(reverse("matching_admin:activate", args=[0]))
    assert confirm.status_code == 200 and "linear-v2" in confirm.content.decode()
    assert RankerArtifact.objects.get(pk=trained.pk).is_active
    client.post(reverse("matching_admin:activate", args=[0]))
    assert not RankerArtifact.objects.filter(is_active=True).exists()
    assert services.active_ranker() is ranking.DEFAULT_RANKER

    # And to a stored version.
    client.post(reverse("matching_admin:activate", args=[kept_out.pk]))
    assert RankerArtifact.objects.get(is_active=True) == kept_out


def test_switching_needs_the_permission(client, editor):
    trained = _stored(examples_helpful=True, active=False)
    client.force_login(editor)  # a hub editor without matching.activate_ranker
    response = client.post(reverse("matching_admin:activate", args=[trained.pk]))
    assert response.status_code in (302, 403)
    assert not RankerArtifact.objects.filter(is_active=True).exists()
    assert client.get(reverse("matching_admin:rankers")).status_code in (302, 403)
    with pytest.raises(Exception, match="permission"):
        services.ranker_activate(artifact=trained, actor=editor)
