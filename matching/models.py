"""What the matcher stores: the rankers it has learned (vectors live in semantic.Embedding)."""

from __future__ import annotations

from django.db import models


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
