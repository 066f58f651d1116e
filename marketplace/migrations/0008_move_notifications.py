"""Copy notifications and e-mail preferences to the notifications app (target = the match)."""

from django.db import migrations

BATCH = 1000


def copy_forward(apps, schema_editor):
    OldPreference = apps.get_model("marketplace", "NotificationPreference")
    OldNotification = apps.get_model("marketplace", "Notification")
    Preference = apps.get_model("notifications", "NotificationPreference")
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")

    Preference.objects.bulk_create(
        [
            Preference(user_id=old.user_id, email_frequency=old.email_frequency,
                       language=old.language)
            for old in OldPreference.objects.all()
        ],
        batch_size=BATCH,
    )
    if not OldNotification.objects.exists():
        return
    match_type, _created = ContentType.objects.get_or_create(app_label="marketplace", model="match")
    rows = OldNotification.objects.select_related("match__need").order_by("pk").iterator(
        chunk_size=BATCH
    )
    batch = []
    for old in rows:
        batch.append(
            Notification(
                recipient_id=old.user_id, kind=old.kind, target_content_type=match_type,
                target_object_id=old.match_id,
                data={"title": old.match.need.title, "language": old.match.need.language},
                created_at=old.created_at, read_at=old.read_at, emailed_at=old.emailed_at,
            )
        )
        if len(batch) >= BATCH:
            Notification.objects.bulk_create(batch)
            batch = []
    Notification.objects.bulk_create(batch)


def copy_backward(apps, schema_editor):
    OldPreference = apps.get_model("marketplace", "NotificationPreference")
    OldNotification = apps.get_model("marketplace", "Notification")
    Preference = apps.get_model("notifications", "NotificationPreference")
    Notification = apps.get_model("notifications", "Notification")
    Match = apps.get_model("marketplace", "Match")

    OldPreference.objects.bulk_create(
        [
            OldPreference(user_id=p.user_id, email_frequency=p.email_frequency,
                          language=p.language)
            for p in Preference.objects.all()
        ],
        batch_size=BATCH,
    )
    match_ids = set(Match.objects.values_list("pk", flat=True))
    kinds = {"interest", "accepted", "declined", "message", "agreed", "fulfilled", "lead"}
    OldNotification.objects.bulk_create(
        [
            OldNotification(
                user_id=n.recipient_id, kind=n.kind, match_id=n.target_object_id,
                created_at=n.created_at, read_at=n.read_at, emailed_at=n.emailed_at,
            )
            for n in Notification.objects.filter(
                kind__in=kinds, target_content_type__app_label="marketplace",
                target_content_type__model="match",
            )
            if n.target_object_id in match_ids
        ],
        batch_size=BATCH,
    )
    # Back to one home: the old tables hold them again (notices about other objects are dropped).
    Notification.objects.all().delete()
    Preference.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("marketplace", "0007_change_records"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_backward)]
