"""Calibrated strength: a ranker's score as the probability that a pair is relevant.

Pure (NumPy, SciPy and scikit-learn, no ORM). A `Calibration` maps the scores of one ranker in
one direction (offers for a need, needs for an offer) to P(grade >= 1), fitted offline on a
labelled set (`manage.py calibrate_matching`), and carries the bars: a pair is shown when its
probability reaches `shown_bar` and is labelled strong, good or possible. The fitted models are
small JSON files shipped in `matching/data/`, read lazily.

Two methods (docs/matching.md, "Calibration and strength"):

- "logistic" (format 2, the default): P = sigmoid(intercept + a * score + b * margin), where the
  margin is the score minus the best score among the same listing's allowed candidates (0 for
  the best one). Absolute scores shift with the pool and the query; the margin to the listing's
  own best carries over between sets. a, b >= 0, so a higher score for the same listing never
  lowers P. The shown bar is chosen on cross-validated predictions, never in-sample.
- "isotonic" (format 1 files, still read): a monotone curve of the score alone.
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
TARGET_PRECISION = 0.9  # what is shown: at least nine in ten pairs relevant
# The bar is read on the stricter of the cross-validated and the in-sample predictions. A margin
# above the target (0.01 for linear-v1) lowered both precision and recall of leads under
# cross-validation for linear-v2 on the dev set (a cliff in so few pairs), so none (docs/matching.md).
BAR_SAFETY_MARGIN = 0.0
BAR_TARGET = TARGET_PRECISION + BAR_SAFETY_MARGIN
SHOWN_PER_LISTING = 10
DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT = 2
READABLE_FORMATS = (1, 2)
LOGISTIC, ISOTONIC = "logistic", "isotonic"
METHODS = (LOGISTIC, ISOTONIC)
DEFAULT_METHOD = LOGISTIC
# Without a model (lexical fallback) the margin does not help under cross-validation: isotonic.
LEXICAL_METHOD = ISOTONIC
CV_FOLDS = 5
# Where the shown bar is read: "cv" predictions, "in_sample" ones, or the stricter ("max").
BAR_FROM = ("cv", "in_sample", "max")
# L2 penalty of the logistic fit (on standardised inputs): a little smoothing for 31 grade-2 pairs.
LOGISTIC_L2 = 0.01
# A linear ranker without its own file borrows the curve of this one (same kind of score: a sum
# of z-scores); a trained ranker's score is a probability already (services.calibration_for).
FALLBACK_RANKER = "linear-v1"
TRAINED_PREFIXES = ("logistic-", "gradient_boosting-")  # versions of matching.ranking.train_ranker


@dataclass(frozen=True)
class Calibration:
    """Score (and the listing's best score) -> P(relevant) for one ranker and direction."""

    ranker_version: str
    direction: str
    scores: tuple[float, ...] = ()  # isotonic: increasing knots
    probabilities: tuple[float, ...] = ()  # isotonic: non-decreasing, same length
    shown_bar: float = 0.0  # a pair below this probability is not shown
    good_bar: float = GOOD_PROBABILITY
    strong_bar: float = STRONG_PROBABILITY
    figures: Mapping[str, Any] = field(default_factory=dict)
    method: str = ISOTONIC
    # logistic: {"intercept", "score", "margin"} on the raw scale (score and margin >= 0)
    coefficients: Mapping[str, float] = field(default_factory=dict)

    def probability(self, score: float, best: float | None = None) -> float:
        """P(relevant) of one pair scored `score` in a listing whose best allowed candidate
        scored `best` (None: this pair is the listing's best). Isotonic curves ignore `best`."""
        if not math.isfinite(score):
            return 0.0
        return float(self._predict(np.array([score], dtype=float), best)[0])

    def probabilities_of(self, scores: Sequence[float], best: float | None = None) -> np.ndarray:
        """P(relevant) of the allowed candidates of one listing (its best: the highest of
        `scores` unless given). Non-finite scores get 0."""
        values = np.asarray(scores, dtype=float)
        if values.size == 0:
            return np.zeros(0)
        finite = np.isfinite(values)
        if best is None and finite.any():
            best = float(values[finite].max())
        out = np.zeros(values.shape)
        out[finite] = self._predict(values[finite], best)
        return out

    def _predict(self, scores: np.ndarray, best: float | None) -> np.ndarray:
        if self.method == LOGISTIC:
            c = self.coefficients
            if not c:
                return np.zeros(scores.shape)
            top = scores if best is None or not math.isfinite(best) else np.maximum(scores, best)
            z = c["intercept"] + c["score"] * scores + c["margin"] * (scores - top)
            return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        if not self.scores:
            return np.zeros(scores.shape)
        return np.interp(scores, self.scores, self.probabilities)

    def strength(self, probability: float) -> str | None:
        """"strong", "good", "possible", or None when the pair is below the shown bar."""
        if probability >= max(self.strong_bar, self.shown_bar):
            return STRONG
        if probability >= max(self.good_bar, self.shown_bar):
            return GOOD
        if probability >= self.shown_bar:
            return POSSIBLE
        return None

    def shown(self, score: float, best: float | None = None) -> bool:
        return self.probability(score, best) >= self.shown_bar

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scores"], data["probabilities"] = list(self.scores), list(self.probabilities)
        data["figures"] = dict(self.figures)
        data["coefficients"] = dict(self.coefficients)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, method: str = ISOTONIC) -> Calibration:
        """One direction of a file; `method` is the file's (format 1 files are isotonic)."""
        method = data.get("method", method)
        if method not in METHODS:
            raise ValueError(f"unknown calibration method {method!r}")
        return cls(
            ranker_version=data["ranker_version"],
            direction=data["direction"],
            scores=tuple(float(x) for x in data.get("scores", ())),
            probabilities=tuple(float(y) for y in data.get("probabilities", ())),
            shown_bar=float(data["shown_bar"]),
            good_bar=float(data.get("good_bar", GOOD_PROBABILITY)),
            strong_bar=float(data.get("strong_bar", STRONG_PROBABILITY)),
            figures=dict(data.get("figures", {})),
            method=method,
            coefficients={k: float(v) for k, v in data.get("coefficients", {}).items()},
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


def best_scores(pairs: Iterable[ScoredPair]) -> dict[str, float]:
    """The best allowed score of each query listing (NaN when a listing has none)."""
    best: dict[str, float] = {}
    for pair in pairs:
        current = best.setdefault(pair.query_id, math.nan)
        if pair.allowed and math.isfinite(pair.score) and not pair.score <= current:
            best[pair.query_id] = pair.score
    return best


def predict(calibration: Calibration, pairs: Sequence[ScoredPair]) -> np.ndarray:
    """P(relevant) of each pair, each with its own listing's best allowed score."""
    best = best_scores(pairs)
    return np.array([
        calibration.probability(p.score, None if math.isnan(best[p.query_id]) else best[p.query_id])
        for p in pairs
    ])


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


def fit_logistic(
    scores: Sequence[float], margins: Sequence[float], grades: Sequence[int], *,
    l2: float = LOGISTIC_L2,
) -> dict[str, float]:
    """Logistic regression of (grade >= 1) on the score and the margin to the listing's best,
    both slopes bounded at >= 0 (monotone), on standardised inputs with a small L2 penalty;
    returned on the raw scale."""
    from scipy.optimize import minimize

    x = np.column_stack([np.asarray(scores, dtype=float), np.asarray(margins, dtype=float)])
    y = (np.asarray(grades) >= RELEVANT_GRADE).astype(float)
    if len(x) == 0 or len(set(y.tolist())) < 2:
        raise ValueError("calibration needs relevant and irrelevant pairs")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z_inputs = np.column_stack([np.ones(len(x)), (x - mean) / scale])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = z_inputs @ w
        value = float(np.mean(np.logaddexp(0.0, z) - y * z)) + l2 * float(w[1:] @ w[1:])
        grad = z_inputs.T @ (1.0 / (1.0 + np.exp(-z)) - y) / len(y)
        grad[1:] += 2 * l2 * w[1:]
        return value, grad

    w = minimize(
        loss, np.zeros(3), jac=True, method="L-BFGS-B", bounds=[(None, None), (0, None), (0, None)]
    ).x
    slopes = w[1:] / scale
    return {
        "intercept": float(w[0] - slopes @ mean),
        "score": float(slopes[0]),
        "margin": float(slopes[1]),
    }


def fit_model(
    pairs: Sequence[ScoredPair], *, ranker_version: str, direction: str,
    method: str = DEFAULT_METHOD,
) -> Calibration:
    """The probability model alone (shown bar 0), fitted on the allowed pairs."""
    allowed = [p for p in pairs if p.allowed]
    if method == ISOTONIC:
        knots, probabilities = fit_curve([p.score for p in allowed], [p.grade for p in allowed])
        return Calibration(ranker_version, direction, knots, probabilities, method=ISOTONIC)
    if method != LOGISTIC:
        raise ValueError(f"unknown calibration method {method!r}")
    best = best_scores(allowed)
    coefficients = fit_logistic(
        [p.score for p in allowed], [p.score - best[p.query_id] for p in allowed],
        [p.grade for p in allowed],
    )
    return Calibration(ranker_version, direction, method=LOGISTIC, coefficients=coefficients)


def _values(pairs: Sequence[ScoredPair], probability: Any) -> np.ndarray:
    """Per pair: a Calibration's P (with the listing's best), a callable of the score, or given."""
    if isinstance(probability, Calibration):
        return predict(probability, pairs)
    if callable(probability):
        return np.array([float(probability(p.score)) for p in pairs])
    values = np.asarray(probability, dtype=float)
    if values.shape != (len(pairs),):
        raise ValueError("one value per pair")
    return values


def shown_figures(
    pairs: Iterable[ScoredPair],
    probability: Any,
    bar: float,
    *,
    per_listing: int = SHOWN_PER_LISTING,
) -> dict[str, float | int]:
    """Precision (grade >= 1) of what would be shown at `bar` and recall of the grade-2 pairs.

    `probability`: a Calibration, a function of the score, or one value per pair. Shown:
    allowed pairs with P >= bar, at most `per_listing` per query listing, best first. Grade-2
    pairs a hard rule excluded count as missed.
    """
    pairs = list(pairs)
    values = _values(pairs, probability)
    by_query: dict[str, list[int]] = {}
    excellent = 0
    for index, pair in enumerate(pairs):
        by_query.setdefault(pair.query_id, []).append(index)
        excellent += pair.grade >= EXCELLENT_GRADE
    shown = relevant = found = listings_with_items = 0
    for indices in by_query.values():
        allowed = sorted((i for i in indices if pairs[i].allowed), key=lambda i: -pairs[i].score)
        chosen = [pairs[i] for i in allowed if values[i] >= bar][:per_listing]
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
    Assumes P does not rise down a listing's list (true of every calibration here).
    """
    pairs = list(pairs)
    values = _values(pairs, probability)
    by_query: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        if pair.allowed:
            by_query.setdefault(pair.query_id, []).append(index)
    # Bars are stored with six decimals: round down so that the pair at the bar stays shown.
    candidates = np.unique(np.floor(values[[i for ix in by_query.values() for i in ix]] * 1e6) / 1e6)
    listed, relevant = [], []
    for indices in by_query.values():
        ordered = sorted(indices, key=lambda i: -pairs[i].score)[:per_listing]
        # The pairs a bar shows are the head of each list (down to the first one below it).
        running = np.minimum.accumulate(values[ordered]) if ordered else np.zeros(0)
        listed += running.tolist()
        relevant += [pairs[i].grade >= RELEVANT_GRADE for i in ordered]
    order = np.argsort(-np.asarray(listed), kind="stable")
    listed_sorted = np.asarray(listed)[order]
    cumulative = np.cumsum(np.asarray(relevant, dtype=float)[order])
    best, best_precision = 1.0, -1.0
    for bar in candidates:
        count = int(np.searchsorted(-listed_sorted, -bar, side="right"))
        if count == 0:
            continue
        precision = cumulative[count - 1] / count
        if precision >= target_precision:
            return float(bar)
        if precision >= best_precision:
            best, best_precision = float(bar), precision
    return best


def _folds(queries: Iterable[str], folds: int) -> dict[str, int]:
    """Query listings in sorted id order, round robin into `folds` groups."""
    return {query: index % folds for index, query in enumerate(sorted(set(queries)))}


def cross_validated_predictions(
    pairs: Sequence[ScoredPair], *, method: str = DEFAULT_METHOD, folds: int = CV_FOLDS,
    ranker_version: str = "", direction: str = "",
) -> np.ndarray:
    """P of each pair by a model fitted without its listing (folds by query listing)."""
    fold_of = _folds((p.query_id for p in pairs), folds)
    values = np.zeros(len(pairs))
    for fold in set(fold_of.values()):
        training = [p for p in pairs if fold_of[p.query_id] != fold]
        model = fit_model(training, ranker_version=ranker_version, direction=direction,
                          method=method)
        judged = [i for i, p in enumerate(pairs) if fold_of[p.query_id] == fold]
        values[judged] = predict(model, [pairs[i] for i in judged])
    return values


def fit_calibration(
    pairs: Sequence[ScoredPair],
    *,
    ranker_version: str,
    direction: str,
    method: str = DEFAULT_METHOD,
    target_precision: float = BAR_TARGET,
    bar_from: str = "max",
    figures: Mapping[str, Any] | None = None,
) -> Calibration:
    """Fit the model on the allowed pairs and choose the shown bar.

    The bar is the lowest reaching `target_precision` (BAR_TARGET: the target plus a safety
    margin) on `bar_from` predictions: "cv", cross-validated predictions of the same pairs (each
    listing judged by a model fitted without it, 5 folds); "in_sample", the fitted model's own
    (the format 1 way); "max" (default), the stricter of the two bars. The figures are what the
    fitted model shows at that bar on these pairs (in-sample).
    """
    if bar_from not in BAR_FROM:
        raise ValueError(f"bar_from must be one of {BAR_FROM}, not {bar_from!r}")
    model = fit_model(pairs, ranker_version=ranker_version, direction=direction, method=method)
    bars = []
    if bar_from != "in_sample" and len({p.query_id for p in pairs}) >= CV_FOLDS:
        judged = cross_validated_predictions(
            pairs, method=method, ranker_version=ranker_version, direction=direction
        )
        bars.append(choose_bar(pairs, judged, target_precision=target_precision))
    if bar_from != "cv" or not bars:
        bars.append(choose_bar(pairs, model, target_precision=target_precision))
    bar = max(bars)
    measured = shown_figures(pairs, model, bar)
    return Calibration(
        ranker_version, direction, model.scores, model.probabilities, shown_bar=bar,
        figures={**(figures or {}), **measured}, method=model.method,
        coefficients=model.coefficients,
    )


def cross_validated_figures(
    pairs: Sequence[ScoredPair],
    *,
    ranker_version: str,
    direction: str,
    folds: int = CV_FOLDS,
    clusters: Mapping[str, str] | None = None,
    method: str = DEFAULT_METHOD,
    target_precision: float = BAR_TARGET,
    bar_from: str = "max",
) -> dict[str, float | int]:
    """Precision and grade-2 recall when the model and the bar are fitted without the listings
    judged: the whole procedure of `fit_calibration` is rerun on the other folds.

    Folds: the query listings in sorted id order, round robin into `folds` groups; or, with
    `clusters` (query id -> cluster, e.g. the category), one fold per cluster (leave one
    cluster out). An honest figure for the set that the shipped model was fitted on.
    """
    if clusters is not None:
        fold_of = {p.query_id: clusters.get(p.query_id, "") for p in pairs}
    else:
        fold_of = _folds((p.query_id for p in pairs), folds)
    margins = np.zeros(len(pairs))
    for fold in sorted(set(fold_of.values())):
        training = [p for p in pairs if fold_of[p.query_id] != fold]
        calibration = fit_calibration(
            training, ranker_version=ranker_version, direction=direction, method=method,
            target_precision=target_precision, bar_from=bar_from,
        )
        judged = [i for i, p in enumerate(pairs) if fold_of[p.query_id] == fold]
        margins[judged] = predict(calibration, [pairs[i] for i in judged]) - calibration.shown_bar
    # Each pair now carries "how far above its own fold's bar" (shown when >= 0), and keeps its
    # order within its listing since one fold judges all of a listing's pairs.
    figures = shown_figures(pairs, margins, 0.0)
    figures["folds"] = len(set(fold_of.values()))
    return figures


# --------------------------------------------------------------------------------------------
# The shipped files


def calibration_path(ranker_version: str, directory: Path | None = None) -> Path:
    return (directory or DATA_DIR) / f"calibration-{ranker_version}.json"


def write_calibrations(
    calibrations: Sequence[Calibration], path: Path, *, about: Mapping[str, Any] | None = None
) -> Path:
    """One file per ranker version with a model per direction (sorted keys: stable diffs)."""
    versions = {c.ranker_version for c in calibrations}
    if len(versions) != 1:
        raise ValueError("one ranker version per calibration file")
    methods = sorted({c.method for c in calibrations})
    data = {
        "format": FORMAT,
        "ranker_version": versions.pop(),
        "relevant_grade": RELEVANT_GRADE,
        "method": methods[0] if len(methods) == 1 else "mixed",
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


def read_calibrations(path: Path) -> dict[str, Calibration]:
    """Every direction of one file, format 1 (isotonic curves) or 2 (a method per direction)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") not in READABLE_FORMATS:
        raise ValueError(f"{path} is not a calibration file of format {READABLE_FORMATS}")
    method = ISOTONIC if data["format"] == 1 else data.get("method", DEFAULT_METHOD)
    return {
        direction: Calibration.from_dict(entry, method=method)
        for direction, entry in data.get("directions", {}).items()
        if entry
    }


@lru_cache(maxsize=32)
def load_calibration(ranker_version: str, direction: str, directory: str = "") -> Calibration | None:
    """The shipped model of this ranker and direction, read once per process; None if absent."""
    path = calibration_path(ranker_version, Path(directory) if directory else None)
    if not path.is_file():
        return None
    return read_calibrations(path).get(direction)


def fallback_version(ranker_version: str) -> str:
    """The ranker whose file a linear ranker without its own borrows (same kind of score)."""
    return FALLBACK_RANKER + ("-lexical" if ranker_version.endswith("-lexical") else "")


# Which built-in ranker each one derives from: linear-v3 adds a feature to linear-v2 (its leads
# score exactly as linear-v2's; for offers a borrowed curve is approximate until refitted).
PARENT_RANKER = {
    "linear-v2": "linear-v1",
    "linear-v2-glossary": "linear-v2",
    "linear-v3": "linear-v2",
    "linear-v3-glossary": "linear-v3",
}


def fallback_chain(ranker_version: str) -> list[str]:
    """The files a linear ranker without its own tries, nearest relative first."""
    if ranker_version.endswith("-lexical"):
        return [fallback_version(ranker_version)]
    chain, version = [], ranker_version
    while version in PARENT_RANKER and PARENT_RANKER[version] not in chain:
        version = PARENT_RANKER[version]
        chain.append(version)
    if FALLBACK_RANKER not in chain:
        chain.append(FALLBACK_RANKER)
    return chain


def load_with_fallback(
    ranker_version: str, direction: str, directory: str = ""
) -> tuple[Calibration | None, str]:
    """This ranker's shipped model, or (a linear ranker not refitted yet) its nearest fitted
    relative's along `fallback_chain`; with the version whose file it is. A trained ranker
    gets only its own (None otherwise: its score is a probability already)."""
    fitted = load_calibration(ranker_version, direction, directory)
    if fitted is not None or ranker_version.startswith(TRAINED_PREFIXES):
        return fitted, ranker_version
    for fallback in fallback_chain(ranker_version):
        fitted = load_calibration(fallback, direction, directory)
        if fitted is not None:
            return fitted, fallback
    return None, ranker_version


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
        pool_vectors,
        rank_needs_for_offer,
        rank_offers_for_need,
        uses_sentences,
    )

    if direction not in (OFFERS_FOR_NEED, NEEDS_FOR_OFFER):
        raise ValueError(f"no calibration for {direction!r}")
    leads = direction == NEEDS_FOR_OFFER
    queries, candidates = (dataset.offers, dataset.needs) if leads else (dataset.needs, dataset.offers)
    rank = rank_needs_for_offer if leads else rank_offers_for_need
    # A ranker reading sentence vectors (linear-v3, offers for a need only) gets them on both
    # sides, as in evaluation and on the site.
    sentences = encoder is not None and not leads and uses_sentences(ranker)
    pool = build_pool(
        candidates, encoder=encoder, vectors=pool_vectors(ranker), sentences=sentences
    )
    options = RankingOptions(candidates=None, excluded=None)
    pairs: list[ScoredPair] = []
    version = ""
    for query_record in queries:
        query = (
            embed_query(encoder, query_record, sentences=sentences) if encoder is not None else None
        )
        ranking = rank(query_record, pool, query=query, ranker=ranker, options=options)
        version = ranking.ranker_version
        for item, allowed in [(i, True) for i in ranking.items] + [
            (i, False) for i in ranking.excluded
        ]:
            need_id, offer_id = (item.id, query_record.id) if leads else (query_record.id, item.id)
            grade = dataset.qrels.get(need_id, {}).get(offer_id, 0)
            pairs.append(ScoredPair(str(query_record.id), str(item.id), item.score, grade, allowed))
    return pairs, version


def query_clusters(dataset: Any, *, direction: str) -> dict[str, str]:
    """The category (theme) of each query listing: the clusters of leave-one-cluster-out."""
    leads = direction == "needs_for_offer"
    return {str(r.id): r.theme or "" for r in (dataset.offers if leads else dataset.needs)}


def calibration_table(
    dataset: Any, encoder: Any, *, ranker: Any = None, directory: str = ""
) -> str:
    """What the shipped models show on a labelled set, both directions, as a Markdown table:
    the bar, how many pairs are shown, their precision (grade >= 1), the recall of grade-2
    pairs, and how many listings get at least one item."""
    lines = [
        "| direction | ranker | shown bar (P) | shown | precision | recall of grade 2 | listings with one |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for direction in ("offers_for_need", "needs_for_offer"):
        pairs, version = labelled_pairs(dataset, encoder, direction=direction, ranker=ranker)
        curve, source = load_with_fallback(version, direction, directory)
        label = version if source == version else f"{version} (curve of {source})"
        if curve is None:
            lines.append(f"| {direction} | {version} | no fitted curve | | | | |")
            continue
        figures = shown_figures(pairs, curve, curve.shown_bar)
        lines.append(
            f"| {direction} | {label} | {curve.method} {curve.shown_bar:.3f} | {figures['shown']} | "
            f"{figures['precision']:.3f} | {figures['recall_excellent']:.3f} | "
            f"{figures['listings_with_items']} / {figures['listings']} |"
        )
    return "\n".join(lines)
