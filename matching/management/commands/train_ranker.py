"""Learn a ranker from what people did with suggestions, and use it from now on."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matching.services import ranker_train


class Command(BaseCommand):
    help = "Train a ranker on match outcomes (interest, accepted, declined, fulfilled)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--estimator", choices=["logistic", "gradient_boosting"], default="logistic"
        )
        parser.add_argument(
            "--no-activate", action="store_true", help="Store the artifact without using it."
        )

    def handle(self, *args, estimator: str, no_activate: bool, **options) -> None:
        try:
            artifact = ranker_train(estimator=estimator, activate=not no_activate)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        state = "active" if artifact.is_active else "stored, not active"
        self.stdout.write(self.style.SUCCESS(
            f"Ranker {artifact.version} ({artifact.estimator}) trained on "
            f"{artifact.n_examples} outcome(s) {artifact.outcome_counts}: {state}. "
            f"Artifact: {artifact.path}"
        ))
