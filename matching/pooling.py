"""Demand pooling: group similar open needs of different initiatives into clusters.

Pure code, no ORM: the services hand over plain records and their stored passage vectors. Needs
are only ever pooled with needs of the same theme, the same need type and the same province
(a pool is something its initiatives can buy or ask for together, nearby). Within such a group
the needs are clustered by meaning with scikit-learn's agglomerative clustering on cosine
distance (average linkage) cut at `distance_threshold`; a cluster needs needs of at least
`min_organisations` different initiatives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering

# Average cosine distance under which needs count as "something similar": 1 - cosine similarity.
DEFAULT_DISTANCE_THRESHOLD = 0.45
DEFAULT_MIN_ORGANISATIONS = 2


def distance_threshold_for(model: str, thresholds: Mapping[str, float]) -> float:
    """The threshold for an encoder: the longest key found in its name, else "default".

    Encoders spread distances differently (an e5 model puts unrelated texts at ~0.18 and close
    paraphrases at ~0.09; a hashed bag of words at ~0.6 and ~0.2), so each gets its own."""
    found = [key for key in thresholds if key != "default" and key in model]
    if found:
        return float(thresholds[max(found, key=len)])
    return float(thresholds.get("default", DEFAULT_DISTANCE_THRESHOLD))


@dataclass(frozen=True)
class PoolCandidate:
    """One open need as the clustering sees it."""

    id: int
    organisation_id: int
    title: str
    theme: str
    need_type: str
    province: str
    members: int | None = None
    budget_min: float | None = None
    budget_max: float | None = None


@dataclass(frozen=True)
class NeedClusterResult:
    """Similar needs of several initiatives: same theme, need type and province."""

    key: str  # stable: theme, need type, province and the smallest need id
    theme: str
    need_type: str
    province: str
    need_ids: tuple[int, ...]  # ordered: the most central need first
    organisation_ids: tuple[int, ...]
    label_need_id: int  # the need closest to the cluster's centre (its title names the cluster)
    members: int  # sum of the initiatives' members (each initiative once)
    budget_min: float
    budget_max: float
    cohesion: float  # mean cosine similarity to the centre, 0..1


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def _labels(vectors: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels of the rows (cosine distance, average linkage, cut at `threshold`)."""
    if len(vectors) == 1:
        return np.zeros(1, dtype=int)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    return model.fit_predict(vectors)


def _summary(
    members: list[PoolCandidate], vectors: np.ndarray
) -> NeedClusterResult:
    centre = vectors.mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    similarity = vectors @ centre
    order = sorted(range(len(members)), key=lambda i: (-similarity[i], members[i].id))
    ordered = [members[i] for i in order]
    organisations: dict[int, int | None] = {}
    for need in ordered:
        organisations.setdefault(need.organisation_id, need.members)
    first = ordered[0]
    return NeedClusterResult(
        key=f"{first.theme}/{first.need_type}/{first.province}/{min(m.id for m in members)}",
        theme=first.theme,
        need_type=first.need_type,
        province=first.province,
        need_ids=tuple(need.id for need in ordered),
        organisation_ids=tuple(organisations),
        label_need_id=first.id,
        members=sum(count or 0 for count in organisations.values()),
        budget_min=float(sum(n.budget_min or 0 for n in members)),
        budget_max=float(sum(n.budget_max or n.budget_min or 0 for n in members)),
        cohesion=float(np.clip(similarity.mean(), 0.0, 1.0)),
    )


def cluster_needs(
    candidates: Sequence[PoolCandidate],
    vectors: np.ndarray,
    *,
    distance_threshold: float = DEFAULT_DISTANCE_THRESHOLD,
    min_organisations: int = DEFAULT_MIN_ORGANISATIONS,
) -> list[NeedClusterResult]:
    """Clusters of similar needs; `vectors[i]` is the passage vector of `candidates[i]`.

    Only needs of the same theme, need type and province are compared. A cluster is kept when
    it holds needs of at least `min_organisations` initiatives. Deterministic: the same input
    gives the same clusters in the same order (largest first, then by key).
    """
    if len(candidates) != len(vectors):
        raise ValueError("one vector per candidate")
    if not candidates:
        return []
    unit = _normalised(vectors)
    groups: dict[tuple[str, str, str], list[int]] = {}
    for index, need in enumerate(candidates):
        groups.setdefault((need.theme, need.need_type, need.province), []).append(index)
    clusters: list[NeedClusterResult] = []
    for _key, indices in sorted(groups.items()):
        if len({candidates[i].organisation_id for i in indices}) < min_organisations:
            continue
        indices = sorted(indices, key=lambda i: candidates[i].id)
        labels = _labels(unit[indices], distance_threshold)
        for label in sorted(set(labels.tolist())):
            chosen = [indices[j] for j, value in enumerate(labels) if value == label]
            members = [candidates[i] for i in chosen]
            if len({m.organisation_id for m in members}) < min_organisations:
                continue
            clusters.append(_summary(members, unit[chosen]))
    clusters.sort(key=lambda c: (-len(c.organisation_ids), -len(c.need_ids), c.key))
    return clusters
