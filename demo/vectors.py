"""The demo's own vectors, shipped in demo/data/vectors/ so a fresh `make run` embeds nothing.

One file per model name (`semantic.bundles`), keyed by text hash: after seeding, every demo object
whose current text has a shipped vector gets its embedding row from the file; anything whose text
or model differs is left for `rebuild_embeddings`. `manage.py demo_vectors export` writes the file
from a database where the demo has been seeded and embedded.
"""

from __future__ import annotations

from pathlib import Path

from semantic.bundles import VectorBundle, bundle_filename
from semantic.encoders import EncoderUnavailable, get_encoder
from semantic.services import ImportReport, embeddings_export, embeddings_import

from .loader import DATA_DIR

VECTORS_DIR = DATA_DIR / "vectors"


def vectors_path(model: str, directory: Path = VECTORS_DIR) -> Path:
    """Where the demo's vectors of this model are (or would be) shipped."""
    return directory / bundle_filename(model)


def demo_vectors_export(
    *, model: str, directory: Path = VECTORS_DIR, partial: bool = False
) -> tuple[Path | None, int, int]:
    """Write the stored vectors of every demo object under `model`: (file, texts, objects without
    current vectors). With objects lacking vectors nothing is written unless `partial`."""
    bundle, missing = embeddings_export(model=model)
    if missing and not partial:
        return None, len(bundle), missing
    path = vectors_path(model, directory)
    bundle.save(path)
    return path, len(bundle), missing


def demo_vectors_import(
    *, directory: Path = VECTORS_DIR, model: str | None = None
) -> tuple[str, ImportReport | None]:
    """Fill the embedding table from the shipped file of the configured encoder's model.

    Returns a line for the output and the report (None when nothing could be imported: no encoder,
    no file for this model)."""
    if model is None:
        try:
            model = get_encoder().name
        except EncoderUnavailable as exc:
            return f"Shipped vectors: none imported, the encoder cannot be loaded ({exc}).", None
    path = vectors_path(model, directory)
    if not path.exists():
        return (
            f"Shipped vectors: none for {model} ({path.name} absent); "
            "rebuild_embeddings embeds the demo.", None,
        )
    bundle = VectorBundle.load(path)
    report = embeddings_import(bundle=bundle, model=model)
    return (
        f"Shipped vectors ({model}): {report.imported} imported, {report.current} already "
        f"current, {report.missing} left for rebuild_embeddings.", report,
    )
