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
    # The offline comparison with the ranker that was active when it was trained (held-out
    # outcomes, every labelled set) and the activation decision: see services.ranker_train.
    figures = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("activate_ranker", "Can switch the active ranker")]

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


class NeedCluster(models.Model):
    """Similar open needs of several initiatives (same theme, need type and province).

    Written by the background job (`matching.services.need_clusters_refresh`: the change
    consumer and `record_need_clusters`); pages only read it.
    """

    key = models.CharField(max_length=200, unique=True)
    theme = models.SlugField()
    need_type = models.CharField(max_length=20)
    province = models.CharField(max_length=60)
    need_ids = models.JSONField(default=list)  # the most central need first
    organisation_ids = models.JSONField(default=list)
    label_need_id = models.PositiveBigIntegerField()
    members = models.PositiveIntegerField(default=0)
    budget_min = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    budget_max = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    cohesion = models.FloatField(default=0)
    model = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} ({len(self.need_ids)} needs)"


class NeedClusterMember(models.Model):
    """Which recorded cluster a need belongs to (a need is in one cluster at most)."""

    cluster = models.ForeignKey(NeedCluster, on_delete=models.CASCADE, related_name="entries")
    need_id = models.PositiveBigIntegerField(unique=True)

    def __str__(self) -> str:
        return f"need {self.need_id} in {self.cluster_id}"
