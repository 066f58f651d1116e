"""factory_boy factories for the marketplace; organisations and listings go through the models."""

import datetime

import factory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from marketplace.models import (
    LegalForm,
    ListingStatus,
    Membership,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    email = factory.Sequence(lambda n: f"person{n}@example.nl")
    username = factory.SelfAttribute("email")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    password = factory.django.Password(PASSWORD)


def hub_editor(**kwargs):
    """A person with the right to review marketplace submissions and use the Wagtail admin."""
    user = UserFactory(**kwargs)
    user.user_permissions.add(
        Permission.objects.get(codename="review_listing"),
        Permission.objects.get(codename="access_admin"),
    )
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.COMPANY
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    legal_form = LegalForm.BV
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    province = factory.LazyFunction(lambda: Province.objects.get(slug="utrecht"))
    municipality = "Utrecht"
    description = "We work with citizen collectives."
    is_verified = False


class InitiativeFactory(OrganisationFactory):
    kind = Organisation.Kind.INITIATIVE
    legal_form = LegalForm.COOPERATIVE_UA
    initiative_kind = "energy_coop"
    member_count = 120


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OWNER


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Shared electric cars for neighbourhoods {n}")
    slug = factory.Sequence(lambda n: f"offer-{n}")
    description = "Electric cars shared by residents, with booking app and insurance."
    theme = factory.LazyFunction(lambda: Theme.objects.get(slug="mobility"))
    offer_type = Offer.OfferType.SUBSCRIPTION
    language = "en"
    status = ListingStatus.DRAFT
    is_national = True
    valid_until = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=90)
    )

    class Params:
        published = factory.Trait(
            status=ListingStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    organisation = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Zonnepanelen op het dorpshuis {n}")
    slug = factory.Sequence(lambda n: f"need-{n}")
    description = "Ons dorpshuis wil 40 zonnepanelen op het dak, samen met de buurt."
    theme = factory.LazyFunction(lambda: Theme.objects.get(slug="energy"))
    need_type = Need.NeedType.MONEY
    language = "nl"
    status = ListingStatus.DRAFT
    province = factory.LazyFunction(lambda: Province.objects.get(slug="utrecht"))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))

    class Params:
        published = factory.Trait(
            status=ListingStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
