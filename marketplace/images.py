"""Sized renditions of uploaded pictures, made once when the picture is saved (never on a read).

Pages show the rendition, never the original: a listing's picture is cropped to a 16:9 card, an
organisation's logo is fitted whole into a square (a logo must not lose its edges).
"""

from __future__ import annotations

import io
import os
from typing import Any

from django.core.files.base import ContentFile

LISTING_IMAGE_SIZE = (800, 450)
LOGO_SIZE = (256, 256)


def image_rendition(*, source: Any, size: tuple[int, int], crop: bool = True) -> ContentFile:
    """A WebP of exactly `size`: cropped to fill it (`crop`) or fitted whole on white."""
    from PIL import Image, ImageOps

    if hasattr(source, "seek"):
        source.seek(0)
    with Image.open(source) as opened:
        picture = ImageOps.exif_transpose(opened)
        has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
        if crop:
            picture = ImageOps.fit(picture, size, method=Image.Resampling.LANCZOS)
        else:
            picture = ImageOps.contain(picture, size, method=Image.Resampling.LANCZOS)
            canvas = Image.new("RGBA" if has_alpha else "RGB", size, (255, 255, 255, 0))
            canvas.paste(
                picture, ((size[0] - picture.width) // 2, (size[1] - picture.height) // 2)
            )
            picture = canvas
        buffer = io.BytesIO()
        picture.save(buffer, format="WEBP", quality=80, method=4)
    if hasattr(source, "seek"):
        source.seek(0)
    stem = os.path.splitext(os.path.basename(getattr(source, "name", "") or "image"))[0]
    return ContentFile(buffer.getvalue(), name=f"{stem}-{size[0]}x{size[1]}.webp")


def rendition_refresh(
    instance: Any, *, source: str, target: str, size: tuple[int, int], crop: bool = True
) -> None:
    """Set `target` from `source` when a new picture was given, or clear it with the picture.

    Call after `full_clean()` (the upload is validated) and before `save()`: the rendition is
    written to storage together with the row.
    """
    picture = getattr(instance, source)
    if not picture:
        setattr(instance, target, "")
        return
    if getattr(picture, "_committed", True) and getattr(instance, target):
        return  # the stored picture did not change and has its rendition
    setattr(instance, target, image_rendition(source=picture, size=size, crop=crop))
