"""Search storage: the embedded index, the outbox of pending index changes, saved searches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from marketplace.models import Language


class SearchEntry(models.Model):
    """One document of the embedded index; removed documents stay as tombstones until a rebuild.

    Full text lives beside it in the database's own engine (SQLite FTS5 table `search_fts`, or the
    PostgreSQL column `search_vector`, both created by migration 0001); its meaning vector is the
    object's row in `semantic.Embedding`.
    """

    doc_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    language = models.CharField(max_length=2, blank=True)
    status = models.CharField(max_length=20, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    facets = models.JSONField(default=dict, blank=True)
    removed = models.BooleanField(default=False)
    # The SearchIndexState generation of the write that last changed this entry.
    generation = models.BigIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "object_id"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}:{self.object_id}"


class SearchIndexState(models.Model):
    """One row: the embedded index's generation, raised by every write transaction.

    Writers update this row first, so they queue on its lock and commit in generation order: a
    process that has seen generation g has seen every entry written at g or before, and brings its
    in-memory snapshot up to date by reading the entries of later generations only.
    """

    generation = models.BigIntegerField(default=0)
    # Raised when entries disappear without a tombstone (clear, purge): every process reloads.
    epoch = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"generation {self.generation} (epoch {self.epoch})"


class SearchOutbox(models.Model):
    """A change one backend still has to apply; written in the same transaction as the change."""

    class Action(models.TextChoices):
        INDEX = "index", "index"
        REMOVE = "remove", "remove"

    backend = models.CharField(max_length=40)
    doc_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.INDEX)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["backend", "processed_at"], name="search_outbox_pending")]

    def __str__(self) -> str:
        return f"{self.action} {self.doc_type}:{self.object_id} on {self.backend}"


class SavedSearch(models.Model):
    """A person's saved query with its filters, and how they want to hear about new matches."""

    class Mode(models.TextChoices):
        WORDS = "words", _("Words")
        DESCRIBE = "describe", _("Description")

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("At once")
        DAILY = "daily", _("Daily digest")
        NEVER = "never", _("No e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    query = models.CharField(
        _("search"), max_length=500, blank=True, validators=[validate_single_line]
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.WORDS)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    language = models.CharField(
        _("language of the e-mails"), max_length=2, choices=Language.choices,
        default=Language.DUTCH,
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name


class SavedSearchHit(models.Model):
    """A new listing that matched a saved search; e-mailed once, at once or in the digest."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="hits")
    doc_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "doc_type", "object_id"], name="saved_search_hit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}:{self.object_id} for {self.saved_search_id}"
