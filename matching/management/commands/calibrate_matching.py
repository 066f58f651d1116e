"""Fit the score -> probability curves of a ranker on a labelled set and write the shipped file."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching import calibration
from matching.evaluation import DatasetError, load_dataset
from matching.ranking import NEEDS_FOR_OFFER, OFFERS_FOR_NEED, get_ranker
from semantic.encoders import EncoderUnavailable, MemoEncoder, get_encoder


class Command(BaseCommand):
    help = (
        "Fit the calibration (isotonic, P(grade >= 1)) of the ranker on DIR in both directions, "
        "choose the shown bar (precision >= --target of what is shown) and write "
        "matching/data/calibration-<ranker>.json. Fit on the development set only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="labelled set: offers.jsonl, needs.jsonl, qrels.tsv")
        parser.add_argument("--encoder", help='dotted path of an encoder class; "none": lexical')
        parser.add_argument("--ranker", help="a built-in ranker by name (linear-v3) or a trained ranker artifact (default: the default ranker)")
        parser.add_argument("--target", type=float, default=calibration.TARGET_PRECISION)
        parser.add_argument("--output", help="file to write (default: the shipped file)")

    def handle(self, *args, **options) -> None:
        try:
            dataset = load_dataset(options["directory"])
        except DatasetError as exc:
            raise CommandError(str(exc)) from exc
        encoder = None
        if (options["encoder"] or "").lower() != "none":
            try:
                encoder = MemoEncoder(
                    get_encoder(options["encoder"] or None, {} if options["encoder"] else None)
                )
            except (EncoderUnavailable, TypeError) as exc:
                raise CommandError(f"cannot load the encoder: {exc}") from exc
        ranker = get_ranker(options["ranker"]) if options["ranker"] else None
        started = time.perf_counter()
        fitted = []
        for direction in (OFFERS_FOR_NEED, NEEDS_FOR_OFFER):
            pairs, version = calibration.labelled_pairs(
                dataset, encoder, direction=direction, ranker=ranker
            )
            honest = calibration.cross_validated_figures(
                pairs, ranker_version=version, direction=direction, target_precision=options["target"]
            )
            fitted.append(calibration.fit_calibration(
                pairs, ranker_version=version, direction=direction,
                target_precision=options["target"],
                figures={"cross_validated": honest},
            ))
        path = Path(options["output"]) if options["output"] else calibration.calibration_path(
            fitted[0].ranker_version
        )
        calibration.write_calibrations(fitted, path, about={
            "fitted_on": f"{Path(options['directory']).resolve().name}: "
                         f"{len(dataset.offers)} offers, {len(dataset.needs)} needs",
            "model": encoder.name if encoder else "none",
            "target_precision": options["target"],
        })
        for item in fitted:
            figures = item.figures
            self.stdout.write(
                f"{item.direction}: shown bar P >= {item.shown_bar:.3f}; "
                f"precision {figures['precision']:.3f}, recall of grade 2 "
                f"{figures['recall_excellent']:.3f} ({figures['shown']} shown, "
                f"{figures['listings_with_items']}/{figures['listings']} listings with one); "
                f"cross-validated {figures['cross_validated']['precision']:.3f} / "
                f"{figures['cross_validated']['recall_excellent']:.3f}"
            )
        self.stderr.write(f"fitted in {time.perf_counter() - started:.1f}s")
        self.stdout.write(f"written to {path}")
