"""Calibrated strength as pure functions with fixed figures: the curve, the labels, the bar."""

import json
import math

import pytest

from matching.calibration import (
    Calibration,
    ScoredPair,
    choose_bar,
    cross_validated_figures,
    fit_calibration,
    fit_curve,
    load_calibration,
    shown_figures,
    write_calibrations,
)

CURVE = Calibration(
    ranker_version="linear-v1", direction="offers_for_need",
    scores=(0.0, 2.0, 4.0, 6.0), probabilities=(0.0, 0.2, 0.8, 1.0), shown_bar=0.7,
)


def test_probability_interpolates_between_knots_and_is_flat_beyond():
    assert CURVE.probability(-5) == 0.0
    assert CURVE.probability(3.0) == pytest.approx(0.5)
    assert CURVE.probability(5.0) == pytest.approx(0.9)
    assert CURVE.probability(99) == 1.0
    assert CURVE.probability(math.nan) == 0.0


def test_strength_labels_follow_the_documented_bars():
    assert CURVE.strength(0.95) == "strong"
    assert CURVE.strength(0.9) == "strong"
    assert CURVE.strength(0.8) == "good"
    assert CURVE.strength(0.72) == "possible"
    assert CURVE.strength(0.69) is None
    assert not CURVE.shown(3.5) and CURVE.shown(4.0)


def test_isotonic_fit_is_monotone():
    scores = [0, 1, 2, 3, 4, 5, 6, 7]
    grades = [0, 0, 1, 0, 1, 1, 2, 2]
    knots, probabilities = fit_curve(scores, grades)
    assert list(probabilities) == sorted(probabilities)
    assert probabilities[0] == 0.0 and probabilities[-1] == 1.0
    with pytest.raises(ValueError):
        fit_curve([1, 2], [0, 0])


def _pairs():
    # Two needs: n1 has an excellent pair at 6, a partial at 5, irrelevant at 3 and 1;
    # n2 an excellent pair at 4.5, irrelevant at 4 and 2, and an excellent one a rule excludes.
    return [
        ScoredPair("n1", "a", 6.0, 2), ScoredPair("n1", "b", 5.0, 1),
        ScoredPair("n1", "c", 3.0, 0), ScoredPair("n1", "d", 1.0, 0),
        ScoredPair("n2", "a", 4.5, 2), ScoredPair("n2", "b", 4.0, 0),
        ScoredPair("n2", "c", 2.0, 0), ScoredPair("n2", "e", 5.5, 2, allowed=False),
    ]


def test_shown_figures_count_precision_and_excellent_recall():
    figures = shown_figures(_pairs(), lambda score: score / 10, 0.45)
    # Shown: n1 a, b; n2 a. All relevant; 2 of 3 excellent pairs (the excluded one is missed).
    assert figures["shown"] == 3
    assert figures["precision"] == 1.0
    assert figures["recall_excellent"] == pytest.approx(2 / 3)
    assert figures["listings_with_items"] == 2
    limited = shown_figures(_pairs(), lambda score: score / 10, 0.0, per_listing=1)
    assert limited["shown"] == 2


def test_the_bar_is_the_lowest_that_reaches_the_target_precision():
    bar = choose_bar(_pairs(), lambda score: score / 10, target_precision=0.9)
    assert bar == pytest.approx(0.45)
    assert choose_bar(_pairs(), lambda score: score / 10, target_precision=0.7) == pytest.approx(0.4)


def test_fit_and_cross_validation_report_figures():
    pairs = _pairs() * 3
    pairs = [ScoredPair(f"{p.query_id}-{i // 8}", p.candidate_id, p.score, p.grade, p.allowed)
             for i, p in enumerate(pairs)]
    fitted = fit_calibration(pairs, ranker_version="linear-v1", direction="offers_for_need")
    assert fitted.figures["precision"] >= 0.9
    assert 0 < fitted.shown_bar <= 1
    honest = cross_validated_figures(
        pairs, ranker_version="linear-v1", direction="offers_for_need", folds=3
    )
    assert set(honest) >= {"precision", "recall_excellent", "shown"}


def test_written_file_is_read_back(tmp_path):
    path = write_calibrations([CURVE], tmp_path / "calibration-linear-v1.json",
                              about={"fitted_on": "test"})
    data = json.loads(path.read_text())
    assert data["relevant_grade"] == 1
    loaded = load_calibration("linear-v1", "offers_for_need", str(tmp_path))
    assert loaded.probability(3.0) == pytest.approx(0.5)
    assert loaded.shown_bar == 0.7
    assert load_calibration("linear-v1", "needs_for_offer", str(tmp_path)) is None
    assert load_calibration("unknown", "offers_for_need", str(tmp_path)) is None


def test_the_shipped_curves_exist_for_both_directions_and_meet_the_target_on_dev():
    for direction in ("offers_for_need", "needs_for_offer"):
        shipped = load_calibration("linear-v1", direction)
        assert shipped is not None
        assert shipped.figures["precision"] >= 0.9
        assert list(shipped.probabilities) == sorted(shipped.probabilities)


def test_calibrate_command_writes_both_directions_and_evaluate_prints_the_table(tmp_path):
    import io
    from pathlib import Path

    from django.core.management import call_command

    data = Path(__file__).parent / "data"
    output = tmp_path / "calibration-linear-v1.json"
    out = io.StringIO()
    call_command("calibrate_matching", str(data), "--encoder", "semantic.encoders.FakeEncoder",
                 "--output", str(output), stdout=out, stderr=io.StringIO())
    written = json.loads(output.read_text())
    assert set(written["directions"]) == {"offers_for_need", "needs_for_offer"}
    assert "cross-validated" in out.getvalue()

    table = io.StringIO()
    call_command("evaluate_matching", str(data), "--encoder", "semantic.encoders.FakeEncoder",
                 "--calibration", stdout=table, stderr=io.StringIO())
    text = table.getvalue()
    assert "| offers_for_need | linear-v2 |" in text and "| needs_for_offer | linear-v2 |" in text
