"""Fit the score -> probability models of the rankers on a labelled set and write the files."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching import calibration
from matching.evaluation import DatasetError, load_dataset
from matching.ranking import NEEDS_FOR_OFFER, OFFERS_FOR_NEED, get_ranker
from semantic.encoders import EncoderUnavailable, MemoEncoder, get_encoder


class Command(BaseCommand):
    help = (
        "Refit the calibration of the current ranker with the default encoder AND of the "
        "lexical fallback (no model), both directions, on DIR: P(grade >= 1) from the score and "
        "its margin to the listing's best (logistic, monotone), the shown bar the stricter of "
        "the cross-validated and in-sample ones (precision >= --target), and write "
        "matching/data/calibration-<ranker>.json. Prints in-sample, 5-fold and "
        "leave-one-category-out figures. Fit on the development set only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="labelled set: offers.jsonl, needs.jsonl, qrels.tsv")
        parser.add_argument(
            "--encoder",
            help='dotted path of an encoder class (default: the configured one); "none": only '
                 "the lexical fallback",
        )
        parser.add_argument("--ranker", help="a built-in ranker by name (linear-v3) or a trained "
                                              "ranker artifact (default: the default ranker)")
        parser.add_argument(
            "--method", choices=calibration.METHODS,
            help="default: logistic with a model, isotonic for the lexical fallback (the best "
                 "of each under cross-validation on the dev set)",
        )
        parser.add_argument("--target", type=float, default=calibration.BAR_TARGET,
                            help="precision the shown bar must reach (the target 0.9 plus a "
                                 "safety margin)")
        parser.add_argument("--bar-from", choices=calibration.BAR_FROM,
                            help="read the bar on cross-validated predictions, in-sample ones, "
                                 "or the stricter of both (default: max for logistic, cv for "
                                 "isotonic)")
        parser.add_argument("--no-lexical", action="store_true",
                            help="do not refit the lexical fallback (linear-*-lexical)")
        parser.add_argument("--output-dir", help="folder to write to (default: matching/data)")

    def handle(self, *args, **options) -> None:
        try:
            dataset = load_dataset(options["directory"])
        except DatasetError as exc:
            raise CommandError(str(exc)) from exc
        encoders = []
        if (options["encoder"] or "").lower() != "none":
            try:
                encoders.append(MemoEncoder(
                    get_encoder(options["encoder"] or None, {} if options["encoder"] else None)
                ))
            except (EncoderUnavailable, TypeError) as exc:
                raise CommandError(f"cannot load the encoder: {exc}") from exc
        if not options["no_lexical"] or not encoders:
            encoders.append(None)
        ranker = get_ranker(options["ranker"]) if options["ranker"] else None
        directory = Path(options["output_dir"]) if options["output_dir"] else None
        for encoder in encoders:
            self._fit(dataset, encoder, ranker if encoder is not None else None, directory,
                      options)

    def _fit(self, dataset, encoder, ranker, directory, options) -> None:
        started = time.perf_counter()
        method = options["method"] or (
            calibration.DEFAULT_METHOD if encoder is not None else calibration.LEXICAL_METHOD
        )
        bar_from = options["bar_from"] or ("max" if method == calibration.LOGISTIC else "cv")
        settings = {
            "method": method, "target_precision": options["target"], "bar_from": bar_from,
        }
        fitted = []
        for direction in (OFFERS_FOR_NEED, NEEDS_FOR_OFFER):
            pairs, version = calibration.labelled_pairs(
                dataset, encoder, direction=direction, ranker=ranker
            )
            common = {"ranker_version": version, "direction": direction, **settings}
            honest = calibration.cross_validated_figures(pairs, **common)
            by_category = calibration.cross_validated_figures(
                pairs, clusters=calibration.query_clusters(dataset, direction=direction), **common
            )
            fitted.append(calibration.fit_calibration(
                pairs, **common,
                figures={"cross_validated": honest, "leave_one_category_out": by_category},
            ))
        path = calibration.calibration_path(fitted[0].ranker_version, directory)
        calibration.write_calibrations(fitted, path, about={
            "fitted_on": f"{Path(options['directory']).resolve().name}: "
                         f"{len(dataset.offers)} offers, {len(dataset.needs)} needs",
            "model": encoder.name if encoder else "none",
            "target_precision": options["target"],
            "bar_from": bar_from,
        })
        self.stdout.write(f"{fitted[0].ranker_version} ({encoder.name if encoder else 'no model'}"
                          f", {method}, bar from {bar_from}):")
        for item in fitted:
            self.stdout.write(
                f"  {item.direction}: shown bar P >= {item.shown_bar:.3f}; "
                f"in-sample {_figures(item.figures)}; "
                f"cross-validated (5 folds) {_figures(item.figures['cross_validated'])}; "
                f"leave one category out {_figures(item.figures['leave_one_category_out'])}"
            )
        self.stderr.write(f"fitted in {time.perf_counter() - started:.1f}s")
        self.stdout.write(f"  written to {path}")


def _figures(figures) -> str:
    return (
        f"precision {figures['precision']:.3f}, recall of grade 2 "
        f"{figures['recall_excellent']:.3f} ({figures['shown']} shown, "
        f"{figures['listings_with_items']}/{figures['listings']} listings with one)"
    )
