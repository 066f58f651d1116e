"""Calibrated strength as pure functions with fixed figures: the curve, the labels, the bar."""

import json
import math

import pytest

from matching.calibration import (
    LOGISTIC,
    Calibration,
    ScoredPair,
    choose_bar,
    cross_validated_figures,
    cross_validated_predictions,
    fit_calibration,
    fit_curve,
    fit_logistic,
    fit_model,
    load_calibration,
    predict,
    read_calibrations,
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


def test_the_shipped_models_exist_for_both_directions_and_are_monotone():
    for version in ("linear-v1", "linear-v1-lexical"):
        for direction in ("offers_for_need", "needs_for_offer"):
            shipped = load_calibration(version, direction)
            assert shipped is not None
            if version == "linear-v1":
                assert shipped.method == LOGISTIC
                assert shipped.coefficients["score"] > 0 and shipped.coefficients["margin"] >= 0
            else:
                assert list(shipped.probabilities) == sorted(shipped.probabilities)
            assert shipped.figures["precision"] >= 0.9
            assert {"cross_validated", "leave_one_category_out"} <= set(shipped.figures)
            assert 0 < shipped.shown_bar < 1


def test_calibrate_command_writes_both_directions_and_evaluate_prints_the_table(tmp_path):
    import io
    from pathlib import Path

    from django.core.management import call_command

    data = Path(__file__).parent / "data"
    output = tmp_path / "calibration-linear-v2.json"  # the default ranker's
    out = io.StringIO()
    call_command("calibrate_matching", str(data), "--encoder", "semantic.encoders.FakeEncoder",
                 "--output-dir", str(tmp_path), stdout=out, stderr=io.StringIO())
    written = json.loads(output.read_text())
    assert written["format"] == 2 and written["method"] == "logistic"
    assert set(written["directions"]) == {"offers_for_need", "needs_for_offer"}
    # One command refits the lexical fallback too.
    lexical = json.loads((tmp_path / "calibration-linear-v1-lexical.json").read_text())
    assert set(lexical["directions"]) == {"offers_for_need", "needs_for_offer"}
    assert lexical["method"] == "isotonic"
    text = out.getvalue()
    assert "in-sample" in text and "cross-validated" in text and "leave one category out" in text

    table = io.StringIO()
    call_command("evaluate_matching", str(data), "--encoder", "semantic.encoders.FakeEncoder",
                 "--calibration", stdout=table, stderr=io.StringIO())
    text = table.getvalue()
    assert "| offers_for_need | linear-v2" in text and "| needs_for_offer | linear-v2" in text


# --- the logistic model of format 2 ----------------------------------------------------------

LOGIT = Calibration(
    ranker_version="linear-v1", direction="offers_for_need", shown_bar=0.6, method=LOGISTIC,
    coefficients={"intercept": -3.0, "score": 0.8, "margin": 0.4},
)


def test_logistic_probability_reads_the_score_against_the_listings_best():
    # The best of its list: margin 0.
    assert LOGIT.probability(4.0) == pytest.approx(1 / (1 + math.exp(-(-3 + 3.2))))
    assert LOGIT.probability(4.0, best=4.0) == LOGIT.probability(4.0)
    # The same score far below its list's best is less likely relevant.
    assert LOGIT.probability(4.0, best=6.0) < LOGIT.probability(4.0, best=4.5)
    # A best below the score (a near miss a rule excluded) counts as margin 0.
    assert LOGIT.probability(4.0, best=3.0) == LOGIT.probability(4.0)
    assert LOGIT.probability(math.nan, best=3.0) == 0.0
    listing = LOGIT.probabilities_of([6.0, 4.0, 2.0])
    assert listing[0] == pytest.approx(LOGIT.probability(6.0))
    assert listing[1] == pytest.approx(LOGIT.probability(4.0, best=6.0))


def test_logistic_probability_never_falls_when_the_score_rises_for_the_same_listing():
    scores = [x / 4 for x in range(-20, 40)]
    for best in (2.0, 5.0, 8.0):
        values = [LOGIT.probability(s, best) for s in scores]
        assert values == sorted(values)


def _listings(n=12):
    """n needs; each: a relevant top pair, a weaker relevant one, irrelevant ones below; the
    score scale shifts from listing to listing (as it does between pools and queries)."""
    pairs = []
    for i in range(n):
        shift = (i % 4) * 0.8
        grades = [2, 1 if i % 3 else 0, 0, 0, 0]
        scores = [5.0 + shift, 3.9 + shift, 3.0 + shift, 1.0 + shift, -1.0 + shift]
        if i % 5 == 0:
            grades[0] = 0  # a listing without a good match
        pairs += [ScoredPair(f"n{i:02d}", f"o{k}", s, g) for k, (s, g) in
                  enumerate(zip(scores, grades, strict=True))]
    return pairs


def test_fitted_logistic_model_is_monotone_and_uses_the_margin():
    pairs = _listings()
    model = fit_model(pairs, ranker_version="linear-v1", direction="offers_for_need")
    assert model.method == LOGISTIC
    assert model.coefficients["score"] >= 0 and model.coefficients["margin"] >= 0
    assert model.coefficients["margin"] > 0  # the shifted scale: the margin tells more
    # Slopes are bounded at 0 even when the data would pull one below.
    flipped = fit_logistic([1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0], [2, 2, 0, 0, 0, 1])
    assert flipped["score"] >= 0 and flipped["margin"] >= 0
    with pytest.raises(ValueError):
        fit_logistic([1, 2], [0, 0], [0, 0])


def test_bar_is_chosen_on_cross_validated_predictions_and_max_is_the_stricter():
    pairs = _listings(15)
    cv = fit_calibration(pairs, ranker_version="v", direction="offers_for_need", bar_from="cv")
    inside = fit_calibration(pairs, ranker_version="v", direction="offers_for_need",
                             bar_from="in_sample")
    both = fit_calibration(pairs, ranker_version="v", direction="offers_for_need")
    assert both.shown_bar == max(cv.shown_bar, inside.shown_bar)
    values = cross_validated_predictions(pairs)
    assert cv.shown_bar == choose_bar(pairs, values, target_precision=0.91)
    assert inside.shown_bar == choose_bar(pairs, inside, target_precision=0.91)
    with pytest.raises(ValueError):
        fit_calibration(pairs, ranker_version="v", direction="offers_for_need", bar_from="x")


def test_shown_figures_take_a_calibration_a_function_or_values():
    pairs = _listings(6)
    values = predict(LOGIT, pairs)
    assert shown_figures(pairs, LOGIT, 0.6) == shown_figures(pairs, values, 0.6)
    with pytest.raises(ValueError):
        shown_figures(pairs, values[:3], 0.6)


def test_cross_validation_by_listing_and_by_cluster():
    pairs = _listings(15)
    by_listing = cross_validated_figures(pairs, ranker_version="v", direction="offers_for_need")
    assert by_listing["folds"] == 5 and by_listing["listings"] == 15
    clusters = {f"n{i:02d}": "abc"[i % 3] for i in range(15)}
    by_cluster = cross_validated_figures(
        pairs, ranker_version="v", direction="offers_for_need", clusters=clusters,
        target_precision=0.91,
    )
    assert by_cluster["folds"] == 3
    assert by_cluster["precision"] > 0.5


def test_format_2_round_trip(tmp_path):
    fitted = fit_calibration(_listings(), ranker_version="linear-v9", direction="needs_for_offer")
    path = write_calibrations([fitted], tmp_path / "calibration-linear-v9.json")
    data = json.loads(path.read_text())
    assert data["format"] == 2 and data["method"] == "logistic"
    read = read_calibrations(path)["needs_for_offer"]
    assert read.method == LOGISTIC and read.shown_bar == pytest.approx(fitted.shown_bar, abs=1e-6)
    for score, best in ((1.0, 5.0), (4.0, 4.0), (6.0, None)):
        assert read.probability(score, best) == pytest.approx(
            fitted.probability(score, best), abs=1e-5
        )


def test_format_1_files_are_still_read_as_isotonic_curves(tmp_path):
    old = {
        "format": 1, "method": "isotonic", "ranker_version": "linear-v0", "relevant_grade": 1,
        "directions": {"offers_for_need": {
            "direction": "offers_for_need", "figures": {}, "good_bar": 0.75,
            "probabilities": [0.0, 0.2, 0.8, 1.0], "ranker_version": "linear-v0",
            "scores": [0.0, 2.0, 4.0, 6.0], "shown_bar": 0.7, "strong_bar": 0.9,
        }},
    }
    (tmp_path / "calibration-linear-v0.json").write_text(json.dumps(old))
    curve = load_calibration("linear-v0", "offers_for_need", str(tmp_path))
    assert curve.method == "isotonic"
    assert curve.probability(3.0) == pytest.approx(0.5)
    assert curve.probability(3.0, best=6.0) == pytest.approx(0.5)  # the best does not matter
    (tmp_path / "calibration-linear-v7.json").write_text(json.dumps({**old, "format": 7}))
    with pytest.raises(ValueError):
        load_calibration("linear-v7", "offers_for_need", str(tmp_path))
