"""Embed every object of SEMANTIC["SOURCES"] (listings, articles) whose text or model changed."""

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError

from semantic.encoders import EncoderUnavailable, bulk_encoder
from semantic.services import BATCH_SIZE, embeddings_rebuild
from semantic.sources import embedding_sources


class Command(BaseCommand):
    help = "Compute the vectors of all listings and articles whose text or model changed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--all", action="store_true", help="Drop this model's vectors first and embed anew."
        )
        parser.add_argument(
            "--threads", type=int, default=None,
            help="Encoder threads for this run (0: all cores; default: as configured). Same model "
            "and vectors, only faster on an idle machine.",
        )

    def handle(self, *args, batch_size: int, all: bool, threads: int | None, **options) -> None:  # noqa: A002
        try:
            encoder = bulk_encoder(threads=threads)
        except EncoderUnavailable as exc:
            raise CommandError(f"The encoder cannot be loaded: {exc}") from exc
        total = sum(source.queryset().count() for source in embedding_sources())
        with tqdm(total=total, desc=f"Embedding with {encoder.name}", unit="text",
                  disable=options["verbosity"] == 0) as bar:
            report = embeddings_rebuild(
                encoder=encoder, batch_size=batch_size, drop=all, progress=bar.update
            )
        self.stdout.write(self.style.SUCCESS(
            f"{report.embedded} text(s) embedded, {report.skipped} already up to date, "
            f"with {encoder.name}."
        ))
