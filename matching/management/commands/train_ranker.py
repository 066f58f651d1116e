"""Learn a ranker from what people did with suggestions; use it only when it is better."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matching.services import ranker_train


class Command(BaseCommand):
    help = (
        "Train a ranker on match outcomes (interest, accepted, declined, fulfilled), compare it "
        "offline with the active one (held-out outcomes, every labelled set) and activate it only "
        "when it is better by MATCHING['ACTIVATION_MARGIN'] on every figure."
    )

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
        figures = artifact.figures
        for name, row in figures.get("measures", {}).items():
            self.stdout.write(
                f"  {name}: candidate {row['candidate']}, active ({figures['active_version']}) "
                f"{row['active']}"
            )
        state = "active" if artifact.is_active else "stored, not active"
        self.stdout.write(self.style.SUCCESS(
            f"Ranker {artifact.version} ({artifact.estimator}) trained on "
            f"{artifact.n_examples} outcome(s) {artifact.outcome_counts}: {state} "
            f"({figures.get('decision', '')}; margin {figures.get('margin')}). "
            f"Artifact: {artifact.path}"
        ))
