"""The move of notifications out of the marketplace keeps every notice and preference."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("marketplace", "0007_change_records"), ("notifications", "0001_initial")]
AFTER = [("marketplace", "0009_delete_old_notifications")]


@pytest.mark.django_db(transaction=True)
def test_notifications_and_preferences_are_copied_with_the_match_as_target():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Organisation = old.get_model("marketplace", "Organisation")
    Need = old.get_model("marketplace", "Need")
    Offer = old.get_model("marketplace", "Offer")
    Match = old.get_model("marketplace", "Match")
    OldNotification = old.get_model("marketplace", "Notification")
    OldPreference = old.get_model("marketplace", "NotificationPreference")

    user = User.objects.create(username="anna@example.nl", email="anna@example.nl")
    province = old.get_model("marketplace", "Province").objects.first()
    theme = old.get_model("marketplace", "Theme").objects.first()
    org = Organisation.objects.create(name="Zonnedorp", slug="zonnedorp", kind="initiative",
                                      province=province)
    need = Need.objects.create(organisation=org, title="Zonnedak", slug="zonnedak",
                               description="d", language="nl", theme=theme,
                               province=province)
    offer = Offer.objects.create(organisation=org, title="Panelen", slug="panelen",
                                 description="d", language="nl", theme=theme)
    match = Match.objects.create(need=need, offer=offer)
    read_at = timezone.now()
    OldNotification.objects.create(user=user, kind="interest", match=match, read_at=read_at)
    OldPreference.objects.create(user=user, email_frequency="daily", language="en")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Notification = new.get_model("notifications", "Notification")
    Preference = new.get_model("notifications", "NotificationPreference")
    notice = Notification.objects.get()
    assert (notice.recipient_id, notice.kind, notice.target_object_id) == (
        user.pk, "interest", match.pk
    )
    assert (notice.target_content_type.app_label, notice.target_content_type.model) == (
        "marketplace", "match"
    )
    assert notice.data == {"title": "Zonnedak", "language": "nl"}
    assert notice.read_at == read_at
    preference = Preference.objects.get()
    assert (preference.user_id, preference.email_frequency, preference.language) == (
        user.pk, "daily", "en"
    )
    # And back again.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps
    assert back.get_model("marketplace", "Notification").objects.get().match_id == match.pk
    assert back.get_model("marketplace", "NotificationPreference").objects.get().language == "en"
    # Leave the database fully migrated (every app's latest migration, not just AFTER) for the
    # tests after this one.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
