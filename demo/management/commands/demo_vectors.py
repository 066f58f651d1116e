"""Write (export) or load (import) the demo's shipped vectors in demo/data/vectors/."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo.vectors import VECTORS_DIR, demo_vectors_export, demo_vectors_import
from semantic.encoders import EncoderUnavailable, get_encoder


class Command(BaseCommand):
    help = (
        "export: write the stored vectors of every demo object under the configured encoder's "
        "model to demo/data/vectors/<model>.npz (after seed_demo and rebuild_embeddings). "
        "import: store the shipped vectors of that model for every object whose text they encode "
        "(seed_demo does this)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("--dir", type=Path, default=VECTORS_DIR, help="Where the files are.")
        parser.add_argument(
            "--partial", action="store_true",
            help="export: write the file even when some objects have no current vectors.",
        )
        parser.add_argument(
            "--model", default="", help="Model name (default: the configured encoder's)."
        )

    def handle(self, *args, action: str, dir: Path, model: str, partial: bool, **options) -> None:  # noqa: A002
        if action == "import":
            line, _report = demo_vectors_import(directory=dir, model=model or None)
            self.stdout.write(line)
            return
        if not model:
            try:
                model = get_encoder().name
            except EncoderUnavailable as exc:
                raise CommandError(f"The encoder cannot be loaded: {exc}") from exc
        path, texts, missing = demo_vectors_export(model=model, directory=dir, partial=partial)
        if path is None:
            raise CommandError(
                f"{missing} object(s) have no current vectors under {model}: run "
                "rebuild_embeddings first (or pass --partial). Nothing written."
            )
        self.stdout.write(self.style.SUCCESS(
            f"{texts} text(s) of {model} written to {path} ({path.stat().st_size / 1e6:.2f} MB)"
            + (f"; {missing} object(s) without current vectors left out." if missing else ".")
        ))
