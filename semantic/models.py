"""The one embedding table: the vectors of any object's text under one model."""

from __future__ import annotations

import numpy as np

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Embedding(models.Model):
    """The vectors of one object (offer, need, organisation, article...) under one model.

    `text_hash` names the text they encode: a change of text changes the hash and a change of
    model finds no row under the new name; both lead to re-embedding, so vectors of different
    models or texts are never mixed.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    model = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64)
    dim = models.PositiveIntegerField()
    passage = models.BinaryField()  # float32 bytes: the object as something to be found
    query = models.BinaryField()  # float32 bytes: the object as what we look for
    sentences = models.BinaryField(null=True, blank=True)  # float32 (n, dim): for highlights
    sentence_spans = models.JSONField(default=list, blank=True)  # [[start, end], ...] of the text
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "model"],
                name="semantic_embedding_unique_per_model",
            )
        ]
        indexes = [models.Index(fields=["model", "content_type", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} @ {self.model}"

    @staticmethod
    def pack(vector: np.ndarray) -> bytes:
        return np.ascontiguousarray(vector, dtype=np.float32).tobytes()

    def vector(self, field: str) -> np.ndarray | None:
        """`passage`, `query` (dim,) or `sentences` (n, dim) as float32, None when absent."""
        raw = getattr(self, field)
        if raw is None:
            return None
        array = np.frombuffer(bytes(raw), dtype=np.float32)
        return array.reshape(-1, self.dim) if field == "sentences" else array
