"""What the impact app stores: the supply-desert alerts sent (so each goes out at most weekly)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organisation, Province, Theme


class DesertAlert(models.Model):
    """One supply-desert alert sent to one provider about one theme in one province."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="+",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.CASCADE, related_name="+"
    )
    # The open needs without a good match behind the alert, as they were when it was sent.
    need_ids = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    # One alert per provider, theme and province a day even if two runs overlap.
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "theme", "province", "sent_on"],
                name="one_desert_alert_per_provider_cell_per_day",
            )
        ]
        indexes = [models.Index(fields=["theme", "province", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.theme_id}×{self.province_id} → {self.organisation_id} ({self.sent_on})"
