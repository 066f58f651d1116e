"""Calibrated strength: a ranker's score as the probability that a pair is relevant.

Pure (NumPy and scikit-learn, no ORM). A `Calibration` maps the scores of one ranker in one
direction (offers for a need, needs for an offer) to P(grade >= 1), fitted offline with
isotonic regression on a labelled set (`manage.py calibrate_matching`), and carries the bars:
a pair is shown when its probability reaches `shown_bar` and is labelled strong, good or
possible. The fitted curves are small JSON files shipped in `matching/data/`, read lazily.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

RELEVANT_GRADE = 1  # "relevant" = grade >= 1 (partial or excellent)
EXCELLENT_GRADE = 2
STRONG, GOOD, POSSIBLE = "strong", "good", "possible"
STRENGTHS = (STRONG, GOOD, POSSIBLE)
# Probability bars of the labels above the shown bar (the shown bar itself is fitted):
# strong = nine in ten such pairs were relevant on the labelled set, good = three in four.
STRONG_PROBABILITY = 0.9
GOOD_PROBABILITY = 0.75
TARGET_PRECISION = 0.9
SHOWN_PER_LISTING = 10
DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT = 1


@dataclass(frozen=True)
class Calibration:
    """Score -> P(relevant) for one ranker and direction, with the bars of the labels."""

    ranker_version: str
    direction: str
    scores: tuple[float, ...]  # increasing knots of the isotonic fit
    probabilities: tuple[float, ...]  # non-decreasing, same length
    shown_bar: float  # a pair below this probability is not shown
    good_bar: float = GOOD_PROBABILITY
    strong_bar: float = STRONG_PROBABILITY
    figures: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, score: float) -> float:
        """P(relevant) of one score (linear between the knots, flat beyond them)."""
        if not self.scores or not math.isfinite(score):
            return 0.0
        return float(np.interp(score, self.scores, self.probabilities))

    def probabilities_of(self, scores: Sequence[float]) -> np.ndarray:
        if not self.scores:
            return np.zeros(len(scores))
        return np.interp(np.asarray(scores, dtype=float), self.scores, self.probabilities)

    def strength(self, probability: float) -> str | None:
        """"strong", "good", "possible", or None when the pair is below the shown bar."""
        if probability >= max(self.strong_bar, self.shown_bar):
            return STRONG
        if probability >= max(self.good_bar, self.shown_bar):
            return GOOD
        if probability >= self.shown_bar:
            return POSSIBLE
        return None

    def shown(self, score: float) -> bool:
        return self.probability(score) >= self.shown_bar

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scores"], data["probabilities"] = list(self.scores), list(self.probabilities)
        data["figures"] = dict(self.figures)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Calibration:
        return cls(
            ranker_version=data["ranker_version"],
            direction=data["direction"],
            scores=tuple(float(x) for x in data["scores"]),
            probabilities=tuple(float(y) for y in data["probabilities"]),
            shown_bar=float(data["shown_bar"]),
            good_bar=float(data.get("good_bar", GOOD_PROBABILITY)),
            strong_bar=float(data.get("strong_bar", STRONG_PROBABILITY)),
            figures=dict(data.get("figures", {})),
        )


def uncalibrated(ranker_version: str, direction: str, *, bar: float = 0.5) -> Calibration:
    """For a ranker without a fitted curve whose score is already a probability (trained)."""
    return Calibration(
        ranker_version=ranker_version, direction=direction, scores=(0.0, 1.0),
        probabilities=(0.0, 1.0), shown_bar=bar, figures={"fitted": False},
    )


# --------------------------------------------------------------------------------------------
# Fitting


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """One ranked pair of a labelled set: who it was ranked for, the score, the grade."""

    query_id: str
    candidate_id: str
    score: float
    grade: int
    allowed: bool = True  # False: a hard rule excluded it (never shown)


def fit_curve(scores: Sequence[float], grades: Sequence[int]) -> tuple[tuple, tuple]:
    """Isotonic regression of (grade >= RELEVANT_GRADE) on the score: the knots of the curve."""
    from sklearn.isotonic import IsotonicRegression

    x = np.asarray(scores, dtype=float)
    y = (np.asarray(grades) >= RELEVANT_GRADE).astype(float)
    if len(x) == 0 or len(set(y.tolist())) < 2:
        raise ValueError("calibration needs relevant and irrelevant pairs")
    model = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(x, y)
    return (
        tuple(float(v) for v in model.X_thresholds_),
        tuple(float(v) for v in model.y_thresholds_),
    )


def shown_figures(
    pairs: Iterable[ScoredPair],
    probability: Any,
    bar: float,
    *,
    per_listing: int = SHOWN_PER_LISTING,
) -> dict[str, float | int]:
    """Precision (grade >= 1) of what would be shown at `bar` and recall of the grade-2 pairs.

    Shown: allowed pairs with P >= bar, at most `per_listing` per query listing, best first.
    Grade-2 pairs a hard rule excluded count as missed.
    """
    by_query: dict[str, list[ScoredPair]] = {}
    excellent = 0
    for pair in pairs:
        by_query.setdefault(pair.query_id, []).append(pair)
        excellent += pair.grade >= EXCELLENT_GRADE
    shown = relevant = found = listings_with_items = 0
    for items in by_query.values():
        allowed = sorted((p for p in items if p.allowed), key=lambda p: -p.score)
        chosen = [p for p in allowed if probability(p.score) >= bar][:per_listing]
        shown += len(chosen)
        relevant += sum(p.grade >= RELEVANT_GRADE for p in chosen)
        found += sum(p.grade >= EXCELLENT_GRADE for p in chosen)
        listings_with_items += bool(chosen)
    return {
        "shown": shown,
        "precision": relevant / shown if shown else math.nan,
        "excellent": excellent,
        "recall_excellent": found / excellent if excellent else math.nan,
        "listings": len(by_query),
        "listings_with_items": listings_with_items,
    }


def choose_bar(
    pairs: Sequence[ScoredPair],
    probability: Any,
    *,
    target_precision: float = TARGET_PRECISION,
    per_listing: int = SHOWN_PER_LISTING,
) -> float:
    """The lowest probability bar whose shown pairs reach `target_precision`.

    The lowest such bar shows the most, so it keeps the most grade-2 pairs. When no bar
    reaches the target, the bar with the best precision (the highest one on a tie) is taken.
    """
    # Bars are stored with six decimals: round down so that the pair at the bar stays shown.
    candidates = sorted(
        {math.floor(float(probability(p.score)) * 1e6) / 1e6 for p in pairs if p.allowed}
    )
    best, best_precision = 1.0, -1.0
    for bar in candidates:
        precision = shown_figures(pairs, probability, bar, per_listing=per_listing)["precision"]
        if math.isnan(precision):
            continue
        if precision >= target_precision:
            return bar
        if precision >= best_precision:
            best, best_precision = bar, precision
    return best


def fit_calibration(
    pairs: Sequence[ScoredPair],
    *,
    ranker_version: str,
    direction: str,
    target_precision: float = TARGET_PRECISION,
    figures: Mapping[str, Any] | None = None,
) -> Calibration:
    """Fit the curve on the allowed pairs and choose the shown bar on the same set."""
    allowed = [p for p in pairs if p.allowed]
    knots, probabilities = fit_curve([p.score for p in allowed], [p.grade for p in allowed])
    curve = Calibration(ranker_version, direction, knots, probabilities, shown_bar=0.0)
    bar = choose_bar(pairs, curve.probability, target_precision=target_precision)
    measured = shown_figures(pairs, curve.probability, bar)
    return Calibration(
        ranker_version, direction, knots, probabilities, shown_bar=bar,
        figures={**(figures or {}), **measured},
    )


def cross_validated_figures(
    pairs: Sequence[ScoredPair],
    *,
    ranker_version: str,
    direction: str,
    folds: int = 5,
    target_precision: float = TARGET_PRECISION,
) -> dict[str, float | int]:
    """Precision and grade-2 recall when the curve and bar are fitted without the listing judged.

    The query listings are split into `folds` groups (in sorted id order, round robin); each
    group is judged by a calibration fitted on the others. An honest figure for the set that
    the shipped curve was fitted on.
    """
    queries = sorted({p.query_id for p in pairs})
    fold_of = {query: index % folds for index, query in enumerate(queries)}
    judged: list[tuple[ScoredPair, float]] = []
    for fold in range(folds):
        training = [p for p in pairs if fold_of[p.query_id] != fold]
        calibration = fit_calibration(
            training, ranker_version=ranker_version, direction=direction,
            target_precision=target_precision,
        )
        judged += [
            (p, calibration.probability(p.score) - calibration.shown_bar)
            for p in pairs
            if fold_of[p.query_id] == fold
        ]
    # Each pair now carries "how far above its own fold's bar" (shown when >= 0), and keeps its
    # order within its listing since one fold judges all of a listing's pairs.
    shifted = [
        ScoredPair(p.query_id, p.candidate_id, margin, p.grade, p.allowed) for p, margin in judged
    ]
    return shown_figures(shifted, lambda value: value, 0.0)


# --------------------------------------------------------------------------------------------
# The shipped files


def calibration_path(ranker_version: str, directory: Path | None = None) -> Path:
    return (directory or DATA_DIR) / f"calibration-{ranker_version}.json"


def write_calibrations(
    calibrations: Sequence[Calibration], path: Path, *, about: Mapping[str, Any] | None = None
) -> Path:
    """One file per ranker version with a curve per direction (sorted keys: stable diffs)."""
    versions = {c.ranker_version for c in calibrations}
    if len(versions) != 1:
        raise ValueError("one ranker version per calibration file")
    data = {
        "format": FORMAT,
        "ranker_version": versions.pop(),
        "relevant_grade": RELEVANT_GRADE,
        "method": "isotonic",
        **dict(about or {}),
        "directions": {c.direction: _rounded(c.as_dict()) for c in calibrations},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=32)
def load_calibration(ranker_version: str, direction: str, directory: str = "") -> Calibration | None:
    """The shipped curve of this ranker and direction, read once per process; None if absent."""
    path = calibration_path(ranker_version, Path(directory) if directory else None)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a calibration file of format {FORMAT}")
    entry = data.get("directions", {}).get(direction)
    return Calibration.from_dict(entry) if entry else None


# --------------------------------------------------------------------------------------------
# Scored pairs of a labelled set (matching.evaluation's format), in both directions


def labelled_pairs(
    dataset: Any, encoder: Any, *, direction: str, ranker: Any = None
) -> tuple[list[ScoredPair], str]:
    """Every pair of a labelled set scored by the production pipeline, in one direction.

    `direction` is "offers_for_need" (every offer ranked for every need) or "needs_for_offer"
    (every need for every offer, the judgements read the other way). Returns the pairs and the
    ranker version that scored them.
    """
    from .ranking import (
        NEEDS_FOR_OFFER,
        OFFERS_FOR_NEED,
        RankingOptions,
        build_pool,
        embed_query,
        rank_needs_for_offer,
        rank_offers_for_need,
    )

    if direction not in (OFFERS_FOR_NEED, NEEDS_FOR_OFFER):
        raise ValueError(f"no calibration for {direction!r}")
    leads = direction == NEEDS_FOR_OFFER
    queries, candidates = (dataset.offers, dataset.needs) if leads else (dataset.needs, dataset.offers)
    rank = rank_needs_for_offer if leads else rank_offers_for_need
    pool = build_pool(candidates, encoder=encoder)
    options = RankingOptions(candidates=None, excluded=None)
    pairs: list[ScoredPair] = []
    version = ""
    for query_record in queries:
        query = embed_query(encoder, query_record) if encoder is not None else None
        ranking = rank(query_record, pool, query=query, ranker=ranker, options=options)
        version = ranking.ranker_version
        for item, allowed in [(i, True) for i in ranking.items] + [
            (i, False) for i in ranking.excluded
        ]:
            need_id, offer_id = (item.id, query_record.id) if leads else (query_record.id, item.id)
            grade = dataset.qrels.get(need_id, {}).get(offer_id, 0)
            pairs.append(ScoredPair(str(query_record.id), str(item.id), item.score, grade, allowed))
    return pairs, version


def calibration_table(
    dataset: Any, encoder: Any, *, ranker: Any = None, directory: str = ""
) -> str:
    """What the shipped curves show on a labelled set, both directions, as a Markdown table:
    the bar, how many pairs are shown, their precision (grade >= 1), the recall of grade-2
    pairs, and how many listings get at least one item."""
    lines = [
        "| direction | ranker | shown bar (P) | shown | precision | recall of grade 2 | listings with one |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for direction in ("offers_for_need", "needs_for_offer"):
        pairs, version = labelled_pairs(dataset, encoder, direction=direction, ranker=ranker)
        curve = load_calibration(version, direction, directory)
        if curve is None:
            lines.append(f"| {direction} | {version} | no fitted curve | | | | |")
            continue
        figures = shown_figures(pairs, curve.probability, curve.shown_bar)
        lines.append(
            f"| {direction} | {version} | {curve.shown_bar:.3f} | {figures['shown']} | "
            f"{figures['precision']:.3f} | {figures['recall_excellent']:.3f} | "
            f"{figures['listings_with_items']} / {figures['listings']} |"
        )
    return "\n".join(lines)
