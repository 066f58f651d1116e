"""What the matcher stores: listing vectors per model, and the rankers it has learned."""

from __future__ import annotations

import numpy as np

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ListingEmbedding(models.Model):
    """The vectors of one offer or need under one model, with the hash of the text they encode.

    A change of text changes the hash; a change of model finds no row for the new model name:
    both lead to re-embedding, so vectors of different models are never mixed.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    listing = GenericForeignKey("content_type", "object_id")
    model = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64)
    dim = models.PositiveIntegerField()
    passage = models.BinaryField()  # float32 bytes: the listing as a candidate
    query = models.BinaryField()  # float32 bytes: the listing as the one we rank for
    audience = models.BinaryField(null=True, blank=True)  # offers: eligibility profile
    sentences = models.BinaryField(null=True, blank=True)  # float32 (n, dim): for highlights
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "model"], name="embedding_unique_per_model"
            )
        ]
        indexes = [models.Index(fields=["model", "content_type"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} @ {self.model}"

    @staticmethod
    def pack(vector: np.ndarray) -> bytes:
        return np.ascontiguousarray(vector, dtype=np.float32).tobytes()

    def vector(self, field: str) -> np.ndarray | None:
        raw = getattr(self, field)
        if raw is None:
            return None
        array = np.frombuffer(bytes(raw), dtype=np.float32)
        return array.reshape(-1, self.dim) if field == "sentences" else array


class RankerArtifact(models.Model):
    """A ranker learned by `train_ranker`: its version, the file, and how it was trained."""

    version = models.CharField(max_length=80, unique=True)
    estimator = models.CharField(max_length=40)
    path = models.CharField(max_length=500)
    n_examples = models.PositiveIntegerField()
    outcome_counts = models.JSONField(default=dict)
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.version


class SuggestionList(models.Model):
    """What the matcher last recorded for one listing in one direction, ready to show.

    Written by the background refresh after a listing changes (and by `refresh_suggestions` on a
    schedule); pages only read it, so showing recommendations never writes or ranks.
    """

    class Direction(models.TextChoices):
        OFFERS_FOR_NEED = "offers_for_need"
        NEEDS_FOR_OFFER = "needs_for_offer"
        SIMILAR_NEEDS = "similar_needs"

    listing_id = models.PositiveBigIntegerField()  # a need, or an offer for NEEDS_FOR_OFFER
    direction = models.CharField(max_length=20, choices=Direction.choices)
    ranker_version = models.CharField(max_length=80, blank=True)
    model = models.CharField(max_length=200, blank=True)
    degraded = models.BooleanField(default=False)
    has_good_match = models.BooleanField(default=True)
    advice = models.JSONField(default=list, blank=True)
    # [{"id", "score", "match", "reasons": [{"code", "data"}], "highlight", "query_sentence"}]
    items = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["listing_id", "direction"], name="one_suggestion_list_per_direction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} for {self.listing_id}"
