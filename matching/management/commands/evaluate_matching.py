"""Rank every offer for every need of a labelled data set and print the matcher beside baselines."""

import time

from django.core.management.base import BaseCommand, CommandError

from matching.evaluation import (
    DatasetError,
    evaluate,
    evaluate_leads,
    format_language_gaps,
    format_table,
    language_gaps,
    load_dataset,
    write_run,
)
from matching.ranking import get_ranker
from semantic.encoders import EncoderUnavailable, get_encoder


class Command(BaseCommand):
    help = (
        "Evaluate the matcher on DIR (offers.jsonl, needs.jsonl, qrels.tsv): nDCG@5, nDCG@10, "
        "recall@10 and MRR for the matcher, BM25, TF-IDF char n-grams and dense-only; "
        "--direction leads ranks every need for every offer instead."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="folder with offers.jsonl, needs.jsonl, qrels.tsv")
        parser.add_argument(
            "--run-file",
            help="write the matcher's ranking as TSV: need_id, offer_id, rank, score "
            "(leads: offer_id, need_id, rank, score)",
        )
        parser.add_argument(
            "--direction",
            choices=("offers", "leads"),
            default="offers",
            help="offers: every offer ranked for every need (default); leads: every need "
            "ranked for every offer, the judgements read the other way",
        )
        parser.add_argument(
            "--encoder",
            help='dotted path of an encoder class (default: settings.MATCHING); "none" '
            "evaluates the lexical fallback without a model",
        )
        parser.add_argument(
            "--ranker",
            help="a built-in ranker by version (linear-v1, linear-v2) or a trained ranker "
            "artifact (default: linear-v2)",
        )
        parser.add_argument(
            "--calibration", action="store_true",
            help="also print, both directions, the precision of what the shipped curves show "
            "and the recall of grade-2 pairs at their bar",
        )

    def handle(self, *args, **options) -> None:
        try:
            dataset = load_dataset(options["directory"])
        except DatasetError as exc:
            raise CommandError(str(exc)) from exc

        encoder = None
        if (options["encoder"] or "").lower() != "none":
            started = time.perf_counter()
            try:
                encoder = get_encoder(
                    options["encoder"] or None, {} if options["encoder"] else None
                )
            except (EncoderUnavailable, TypeError) as exc:
                raise CommandError(f"cannot load the encoder: {exc}") from exc
            self.stderr.write(
                f"encoder {encoder.name} loaded in {time.perf_counter() - started:.1f}s"
            )
        ranker = get_ranker(options["ranker"]) if options["ranker"] else None

        started = time.perf_counter()
        leads = options["direction"] == "leads"
        run_all = evaluate_leads if leads else evaluate
        results, run, versions = run_all(dataset, encoder, ranker=ranker)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{len(dataset.needs)} needs, {len(dataset.offers)} offers, "
            f"{'needs ranked for each offer (leads)' if leads else 'offers ranked for each need'}, "
            f"ranker {', '.join(sorted(versions))}, encoder {encoder.name if encoder else 'none'}"
        )
        self.stdout.write("")
        self.stdout.write(format_table(results, queries="offers" if leads else "needs"))
        self.stdout.write("")
        self.stdout.write(
            format_language_gaps(language_gaps(dataset, {"matcher": run}, leads=leads))
        )
        self.stderr.write(f"evaluated in {elapsed:.1f}s")
        if options["calibration"]:
            self._calibration(dataset, encoder, ranker)
        if options["run_file"]:
            write_run(run, options["run_file"])
            self.stdout.write(f"run written to {options['run_file']}")

    def _calibration(self, dataset, encoder, ranker) -> None:
        """The --calibration table (matching.calibration): what is shown at the shipped bar."""
        from django.conf import settings

        from matching.calibration import calibration_table

        self.stdout.write("")
        self.stdout.write("### Shown at the calibrated bar (relevant = grade >= 1)")
        self.stdout.write("")
        self.stdout.write(calibration_table(
            dataset, encoder, ranker=ranker,
            directory=str(settings.MATCHING.get("CALIBRATION_DIR", "")),
        ))
