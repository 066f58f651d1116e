"""Validators for organisation data and uploads."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

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
    """Accept only real JPEG, PNG or WebP images up to the configured size."""
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
            image.verify()
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


def validate_plain_text(value: str) -> None:
    """Refuse control characters (other than newlines and tabs) in user text."""
    if any((ord(ch) < 32 and ch not in "\n\r\t") or ord(ch) == 127 for ch in value or ""):
        raise ValidationError(
            _("The text contains invisible control characters; please remove them."),
            code="control_characters",
        )
