"""Pictures of offers and needs and organisation logos: validated uploads, sized renditions made by
the services (the pages never serve the original), and a generated picture per theme otherwise."""

import io

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace import services
from marketplace.images import LISTING_IMAGE_SIZE, LOGO_SIZE
from marketplace.models import Province, Theme
from marketplace.themes import LOOKS, placeholder_svg, theme_icon_svg
from tests.factories import InitiativeFactory, MembershipFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def picture(name: str = "photo.png", size: tuple[int, int] = (1600, 1200), fmt: str = "PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 140, 90)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def opened(field_file) -> Image.Image:
    field_file.open("rb")
    try:
        image = Image.open(io.BytesIO(field_file.read()))
        image.load()
        return image
    finally:
        field_file.close()


@pytest.fixture
def company_owner():
    return MembershipFactory(organisation=OrganisationFactory()).user


@pytest.fixture
def initiative_owner():
    return MembershipFactory(organisation=InitiativeFactory()).user


def _offer(owner, **extra):
    return services.offer_create(
        organisation=owner.memberships.get().organisation, actor=owner, title="Repair workshops",
        description="Monthly.", theme=Theme.objects.get(slug="circular"), offer_type="service",
        is_national=True, **extra,
    )


def test_an_offer_picture_gets_a_cropped_webp_rendition(company_owner):
    offer = _offer(company_owner, image=picture(size=(1600, 1200)))
    assert offer.image and offer.image_rendition
    rendition = opened(offer.image_rendition)
    assert rendition.format == "WEBP"
    assert rendition.size == LISTING_IMAGE_SIZE  # cropped 4:3 → 16:9, not squeezed
    assert offer.image_rendition.name != offer.image.name


def test_a_need_picture_gets_its_rendition_and_clearing_it_clears_both(initiative_owner):
    organisation = initiative_owner.memberships.get().organisation
    need = services.need_create(
        organisation=organisation, actor=initiative_owner, title="Panels", description="Forty.",
        theme=Theme.objects.get(slug="energy"), need_type="money",
        province=Province.objects.get(slug="utrecht"), image=picture("dak.jpg", fmt="JPEG"),
    )
    assert opened(need.image_rendition).size == LISTING_IMAGE_SIZE
    kept = need.image_rendition.name
    need = services.need_update(need=need, actor=initiative_owner, title="Fifty panels")
    assert need.image_rendition.name == kept  # an edit without a new picture keeps it
    need = services.need_update(need=need, actor=initiative_owner, image="")
    assert not need.image and not need.image_rendition


def test_a_logo_is_fitted_whole_into_a_square(company_owner):
    organisation = company_owner.memberships.get().organisation
    organisation = services.organisation_update(
        organisation=organisation, actor=company_owner, logo=picture("logo.png", size=(900, 300))
    )
    logo = opened(organisation.logo_rendition)
    assert logo.size == LOGO_SIZE
    # Fitted, not cropped: the wide logo keeps its ends, with white above and below.
    assert logo.convert("RGB").getpixel((128, 5)) == (255, 255, 255)
    assert logo.convert("RGB").getpixel((3, 128)) != (255, 255, 255)


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("fake.png", b"<html>not a picture</html>", "image/png"), "invalid_image"),
        (SimpleUploadedFile("drawing.svg", b"<svg/>", "image/svg+xml"), "invalid_extension"),
    ],
)
def test_the_service_refuses_what_is_not_a_picture(company_owner, upload, code):
    with pytest.raises(ValidationError) as excinfo:
        _offer(company_owner, image=upload)
    assert code in str(excinfo.value.error_dict["image"][0].code)


def test_the_service_refuses_a_picture_with_too_many_pixels(company_owner, settings):
    settings.MAX_IMAGE_UPLOAD_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as excinfo:
        _offer(company_owner, image=picture(size=(1200, 1000)))
    assert excinfo.value.error_dict["image"][0].code == "too_many_pixels"


def test_cards_and_detail_show_the_rendition_not_the_original(client, company_owner):
    offer = _offer(company_owner, image=picture())
    services.listing_submit(listing=offer, actor=company_owner)
    offer.status = "published"
    offer.save(update_fields=["status"])
    for url in (reverse("marketplace:offer_list"), reverse("marketplace:offer_detail", args=[offer.slug])):
        html = client.get(url).content.decode()
        assert offer.image_rendition.url in html
        assert offer.image.url not in html


@pytest.mark.parametrize("slug", sorted(LOOKS))
def test_every_theme_has_a_generated_picture_in_its_own_colours(client, slug):
    response = client.get(reverse("marketplace:theme_placeholder", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age" in response["Cache-Control"]
    svg = response.content.decode()
    assert svg.startswith("<svg") and LOOKS[slug].tint in svg and LOOKS[slug].icon in svg
    assert Theme.objects.filter(slug=slug).exists()


def test_every_theme_of_the_reference_data_has_an_icon():
    assert set(Theme.objects.values_list("slug", flat=True)) <= set(LOOKS)
    pictures = {placeholder_svg(slug) for slug in LOOKS}
    assert len(pictures) == len(LOOKS)  # all different
    assert 'aria-hidden="true"' in theme_icon_svg("energy")


def test_a_listing_without_a_picture_shows_its_themes_placeholder(client):
    offer = OfferFactory(published=True)
    html = client.get(reverse("marketplace:offer_list")).content.decode()
    assert reverse("marketplace:theme_placeholder", args=[offer.theme.slug]) in html
