"""Uploads: only real JPEG, PNG or WebP images of at most 2 MB (pixel limit: tests/faults/test_input.py)."""

import io
import os

import pytest
from PIL import Image, features

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.models import Organisation
from marketplace.validators import validate_image_upload
from tests.factories import OrganisationFactory


def image_bytes(image_format: str, size: tuple[int, int] = (64, 48), noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def error_code(uploaded: SimpleUploadedFile) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(uploaded)
    return excinfo.value.code


@pytest.mark.parametrize(
    ("name", "image_format", "content_type"),
    [
        ("logo.png", "PNG", "image/png"),
        ("photo.jpg", "JPEG", "image/jpeg"),
        ("photo.JPEG", "JPEG", "image/jpeg"),
        pytest.param(
            "picture.webp",
            "WEBP",
            "image/webp",
            marks=pytest.mark.skipif(not features.check("webp"), reason="Pillow without WebP"),
        ),
    ],
)
def test_real_images_of_the_allowed_kinds_pass(name, image_format, content_type):
    uploaded = upload(name, image_bytes(image_format), content_type)
    validate_image_upload(uploaded)
    # The validator leaves the file where it was, so it can still be saved.
    assert uploaded.tell() == 0
    assert uploaded.read() == image_bytes(image_format)


def test_an_image_over_two_megabytes_is_refused_with_the_size_message():
    content = image_bytes("PNG", size=(1100, 1000), noise=True)
    assert len(content) > 2 * 1024 * 1024
    uploaded = upload("huge.png", content)
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(uploaded)
    assert excinfo.value.code == "file_too_large"
    assert "maximum is 2 MB" in excinfo.value.messages[0]


def test_a_text_file_renamed_to_png_is_refused():
    assert error_code(upload("notes.png", b"just some text, not a picture\n")) == "invalid_image"


def test_html_pretending_to_be_a_png_is_refused():
    content = b"<html><script>alert(1)</script></html>"
    assert error_code(upload("page.png", content, "image/png")) == "invalid_image"


@pytest.mark.parametrize("name", ["setup.exe", "drawing.svg", "page.html", "logo.png.html", "logo"])
def test_other_extensions_are_refused_even_with_image_content(name):
    assert error_code(upload(name, image_bytes("PNG"))) == "invalid_extension"


def test_svg_with_a_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert error_code(upload("logo.svg", svg, "image/svg+xml")) == "invalid_extension"


def test_a_gif_is_refused_under_its_own_name_and_disguised_as_png():
    gif = image_bytes("GIF")
    assert error_code(upload("anim.gif", gif, "image/gif")) == "invalid_extension"
    assert error_code(upload("anim.png", gif, "image/png")) == "invalid_image_type"


def test_a_truncated_png_is_refused():
    assert error_code(upload("broken.png", image_bytes("PNG")[:60])) == "invalid_image"


@pytest.mark.django_db
def test_the_organisation_logo_field_uses_the_validator():
    organisation = OrganisationFactory()
    organisation.logo = upload("logo.png", b"not an image")
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "logo" in excinfo.value.message_dict
    assert Organisation.objects.filter(pk=organisation.pk, logo="").exists()
