"""Validators for organisation data and uploads (the rules for free text live in core.validators)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line

KVK_PATTERN = re.compile(r"^\d{8}$")
ALLOWED_IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_kvk_number(value: str) -> None:
    """A Chamber of Commerce (KvK) number is exactly eight digits."""
    if not KVK_PATTERN.match(value or ""):
        raise ValidationError(
            _("A KvK number has exactly 8 digits, for example 12345678."), code="invalid_kvk"
        )


def validate_image_upload(upload) -> None:
    """Accept only real JPEG, PNG or WebP images up to the configured size in bytes and pixels.

    The pixels are read from the header before anything is decoded: a PNG of a few kilobytes can
    declare 100 megapixels, which would take gigabytes to decode and to show.
    """
    FileExtensionValidator(ALLOWED_IMAGE_EXTENSIONS)(upload)
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The image is too large (%(size)s MB); the maximum is %(limit)s MB."),
            code="file_too_large",
            params={"size": round(upload.size / 1_048_576, 1), "limit": limit // 1_048_576},
        )
    from PIL import Image, UnidentifiedImageError

    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if width * height > settings.MAX_IMAGE_UPLOAD_PIXELS:
                raise _too_many_pixels(width, height)
            image.verify()
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(None, None) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This file is not a valid image. Upload a JPEG, PNG or WebP picture."),
            code="invalid_image",
        ) from exc
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG or WebP images are accepted."), code="invalid_image_type"
        )


def _too_many_pixels(width: int | None, height: int | None) -> ValidationError:
    limit = round(settings.MAX_IMAGE_UPLOAD_PIXELS / 1_000_000)
    if width is None or height is None:
        return ValidationError(
            _("The image has too many pixels; the maximum is %(limit)s megapixels."),
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "The image has too many pixels (%(width)s × %(height)s); the maximum is "
            "%(limit)s megapixels. Make it smaller and upload it again."
        ),
        code="too_many_pixels",
        params={"width": width, "height": height, "limit": limit},
    )


# The rule of multi-line text, under the name migrations 0001 and 0004 (and payments 0001) use.
validate_plain_text = validate_multi_line
