"""Give every organisation with an active Partner subscription the Partner plan (the entitlement)."""

from django.db import migrations

# As PartnerSubscription.ACTIVE_STATUSES when this migration was written.
ACTIVE_STATUSES = ("active", "trialing", "past_due")


def fill_plans(apps, schema_editor):
    PartnerSubscription = apps.get_model("payments", "PartnerSubscription")
    Organisation = apps.get_model("marketplace", "Organisation")
    partner_ids = PartnerSubscription.objects.filter(status__in=ACTIVE_STATUSES).exclude(
        stripe_subscription_id=""
    ).values("organisation_id")
    Organisation.objects.filter(pk__in=partner_ids).update(plan="partner")


def clear_plans(apps, schema_editor):
    apps.get_model("marketplace", "Organisation").objects.update(plan="free")


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("marketplace", "0006_organisation_plan"),
    ]

    operations = [migrations.RunPython(fill_plans, clear_plans)]
