"""The notifications and preferences now live in the notifications app (copied in 0006)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0008_move_notifications")]

    operations = [
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="NotificationPreference"),
    ]
