"""Rebuild the search index from the public offers, needs and organisations (search stays up)."""

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from search.backends import backend_aliases, get_search_backend
from search.backends.base import SearchBackendUnavailable
from search.services import search_index_rebuild


class ProgressBar:
    """A one-line progress bar on a terminal; a line per tenth of the work elsewhere."""

    def __init__(self, stdout: OutputWrapper, label: str, width: int = 30) -> None:
        self.stdout = stdout
        self.label = label
        self.width = width
        self.tty = stdout.isatty()
        self.last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        if self.tty:
            filled = int(self.width * fraction)
            bar = "#" * filled + "." * (self.width - filled)
            self.stdout.write(f"\r{self.label} [{bar}] {done}/{total}", ending="")
            self.stdout.flush()
        elif int(fraction * 10) != self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stdout.write(f"{self.label}: {done}/{total}")

    def close(self) -> None:
        if self.tty:
            self.stdout.write("")


class Command(BaseCommand):
    help = (
        "Rebuild the search index of one backend (or all) from the public set. Elasticsearch is "
        "filled into new indices and the aliases are swapped at the end."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--backend", default="", help="Alias in SEARCH_BACKENDS (default: every backend)."
        )
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Only rebuild a backend whose index holds no documents (e.g. after `seed_demo`).",
        )

    def handle(self, *args, backend: str, batch_size: int, if_empty: bool, **options) -> None:
        aliases = [backend] if backend else backend_aliases()
        for alias in aliases:
            if if_empty and self._count(alias):
                self.stdout.write(f"{alias}: already indexed, left as it is.")
                continue
            bar = ProgressBar(self.stdout, alias)
            try:
                count = search_index_rebuild(
                    backend_alias=alias, batch_size=batch_size, progress=bar
                )
            except SearchBackendUnavailable as exc:
                bar.close()
                raise CommandError(f"{alias}: the search engine cannot be reached ({exc}).") from exc
            bar.close()
            self.stdout.write(self.style.SUCCESS(f"{alias}: {count} document(s) indexed."))

    @staticmethod
    def _count(alias: str) -> int:
        try:
            return get_search_backend(alias).count()
        except SearchBackendUnavailable:
            return 0
