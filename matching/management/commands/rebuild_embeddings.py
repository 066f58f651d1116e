"""Embed every offer and need with the configured model (only what changed, unless --all)."""

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError

from marketplace.models import Need, Offer
from matching.encoders import EncoderUnavailable, get_encoder
from matching.models import ListingEmbedding
from matching.services import embeddings_for, listings_with_related


class Command(BaseCommand):
    help = "Compute the vectors of all offers and needs whose text or model changed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=64)
        parser.add_argument(
            "--all", action="store_true", help="Drop this model's vectors first and embed anew."
        )
        parser.add_argument(
            "--suggestions", action="store_true",
            help="Also record the top suggestions of every published listing.",
        )

    def handle(self, *args, batch_size: int, all: bool, suggestions: bool, **options) -> None:  # noqa: A002
        try:
            encoder = get_encoder()
        except EncoderUnavailable as exc:
            raise CommandError(f"The encoder cannot be loaded: {exc}") from exc
        if all:
            ListingEmbedding.objects.filter(model=encoder.name).delete()
        total = Offer.objects.count() + Need.objects.count()
        with tqdm(total=total, desc=f"Embedding with {encoder.name}", unit="listing",
                  disable=options["verbosity"] == 0) as bar:
            for model in (Offer, Need):
                pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
                for start in range(0, len(pks), batch_size):
                    batch = listings_with_related(model, pks[start : start + batch_size])
                    embeddings_for(batch, encoder=encoder)
                    bar.update(len(batch))
        self.stdout.write(self.style.SUCCESS(
            f"{ListingEmbedding.objects.filter(model=encoder.name).count()} listing(s) embedded "
            f"with {encoder.name}."
        ))
        if suggestions:
            from matching.services import suggestions_refresh_all

            count = suggestions_refresh_all()
            self.stdout.write(self.style.SUCCESS(f"{count} suggestion(s) recorded."))
