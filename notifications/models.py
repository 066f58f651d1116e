"""A notice for one person about any object, and how each person wants to be e-mailed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry


class NotificationPreference(models.Model):
    """How a person wants to hear about notices: at once, in a daily digest, or not by e-mail."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("At once")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        NEVER = "never", _("Only on the site")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference", verbose_name=_("user")
    )
    email_frequency = models.CharField(
        _("email"), max_length=10, choices=Frequency.choices, default=Frequency.INSTANT
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # When the last digest went out: the weekly digest waits a week, and "new since" starts here.
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.user}: {self.email_frequency}"


class Notification(models.Model):
    """A notice on the site for one person about one object, e-mailed at once or in the digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    # A registered kind (notifications/registry.py); it knows the subject, body and link.
    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    target_content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_content_type", "target_object_id")
    # What the texts need, recorded when the notice was made: no query per line to show it.
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["target_content_type", "target_object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"

    @property
    def text(self) -> str:
        """The one-line text of this notice in the active language."""
        return registry.render_line(self)

    @property
    def url(self) -> str:
        """The page this notice opens (a path on this site), or ''."""
        return registry.path_for(self)

    @property
    def label(self) -> str:
        """The name of this notice's kind in the active language."""
        kind = registry.get_kind(self.kind)
        return str(kind.label) if kind else self.kind
