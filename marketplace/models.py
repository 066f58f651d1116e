"""The marketplace domain: organisations and their people, offers, needs and their history."""

from __future__ import annotations

import contextlib
import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line, validate_single_line

from .validators import validate_image_upload, validate_kvk_number

TITLE_MAX_LENGTH = 140
DESCRIPTION_MAX_LENGTH = 10_000


class BilingualName(models.Model):
    """Reference data named in Dutch and English; `name` follows the active language."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class Theme(BilingualName):
    """A field of work: energy, mobility, care, housing..."""

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class SDG(BilingualName):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(unique=True, verbose_name=_("number"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Province(models.Model):
    """One of the 12 Dutch provinces (named in Dutch in both languages)."""

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class LegalForm(models.TextChoices):
    COOPERATIVE_UA = "cooperatie_ua", _("Coöperatie U.A.")
    COOPERATIVE_BA = "cooperatie_ba", _("Coöperatie B.A.")
    FOUNDATION = "stichting", _("Stichting (foundation)")
    ASSOCIATION = "vereniging", _("Vereniging (association)")
    OWNERS_ASSOCIATION = "vve", _("VvE (owners' association)")
    BV = "bv", _("BV (private limited company)")
    NV = "nv", _("NV (public limited company)")
    SOLE_PROPRIETOR = "eenmanszaak", _("Eenmanszaak (sole proprietorship)")
    PARTNERSHIP = "vof", _("VOF (general partnership)")
    PUBLIC_BODY = "overheid", _("Public body")
    NONE = "none", _("No legal form (informal group)")


class InitiativeKind(models.TextChoices):
    ENERGY_COOP = "energy_coop", _("Energy cooperative")
    CARE_COOP = "care_coop", _("Care cooperative")
    HOUSING_COOP = "housing_coop", _("Housing cooperative")
    NEIGHBOURHOOD_ENTERPRISE = "neighbourhood_enterprise", _("Neighbourhood enterprise")
    VILLAGE_ASSOCIATION = "village_association", _("Village association")
    RESIDENT_INITIATIVE = "resident_initiative", _("Resident initiative")
    FOOD_COOP = "food_coop", _("Food cooperative")
    REPAIR_CAFE = "repair_cafe", _("Repair café")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class Plan(models.TextChoices):
    """What an organisation is entitled to; payments sets it through `organisation_set_plan`."""

    FREE = "free", _("Free")
    PARTNER = "partner", _("Partner")


# Live offers (published or waiting for review) a provider may have on the free plan, unless the
# setting PAYMENTS_FREE_OFFER_LIMIT says otherwise (None: no limit). Partners have no limit.
FREE_PLAN_OFFER_LIMIT_DEFAULT = 3


def free_plan_offer_limit() -> int | None:
    """How many live offers the free plan allows (setting PAYMENTS_FREE_OFFER_LIMIT; None: none)."""
    limit = getattr(settings, "PAYMENTS_FREE_OFFER_LIMIT", FREE_PLAN_OFFER_LIMIT_DEFAULT)
    return None if limit is None else int(limit)


class Organisation(models.Model):
    """A company, fund or public body offering to collectives, or a citizen initiative."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        INITIATIVE = "initiative", _("Initiative")
        FUND = "fund", _("Fund")
        PUBLIC_BODY = "public_body", _("Public body")

    PROVIDER_KINDS = (Kind.COMPANY, Kind.FUND, Kind.PUBLIC_BODY)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160, validators=[validate_single_line])
    slug = models.SlugField(max_length=180, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[validate_kvk_number],
        help_text=_("Chamber of Commerce number: 8 digits."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH), validate_multi_line],
    )
    municipality = models.CharField(
        _("municipality"), max_length=100, blank=True, validators=[validate_single_line]
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="+")
    is_verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Verified organisations publish without review by a hub editor."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, at most 2 MB. Shown whole in a square."),
    )
    # The logo fitted into a square, made by the services when a logo is saved; pages show this.
    logo_rendition = models.ImageField(upload_to="logos/sized/", blank=True, editable=False)
    initiative_kind = models.CharField(
        _("kind of initiative"), max_length=30, choices=InitiativeKind.choices, blank=True
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    plan = models.CharField(
        _("plan"),
        max_length=20,
        choices=Plan.choices,
        default=Plan.FREE,
        help_text=_("Set by the payments app when a Partner subscription starts or ends."),
    )
    onboarding_dismissed_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_hidden = models.BooleanField(
        _("hidden after reports"),
        default=False,
        help_text=_("Hidden from public pages after several reports, until a moderator decides."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="organisation_unique_kvk_number",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def profile_is_public(self) -> bool:
        """Whether the profile text (description, website, logo) may be shown to everybody.

        Until a hub editor verifies the organisation only its name, kind and place are public;
        its listings are reviewed one by one anyway.
        """
        return self.is_verified

    @property
    def is_initiative(self) -> bool:
        return self.kind == self.Kind.INITIATIVE

    @property
    def is_provider(self) -> bool:
        return self.kind in self.PROVIDER_KINDS

    @property
    def is_partner(self) -> bool:
        """Whether the organisation has the Partner plan (more offers, lead alerts, insights)."""
        return self.plan == Plan.PARTNER

    @property
    def offer_limit(self) -> int | None:
        """How many live offers the organisation's plan allows; None means no limit."""
        if not self.is_provider or self.is_partner:
            return None
        return free_plan_offer_limit()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.is_initiative and not self.initiative_kind:
            errors["initiative_kind"] = _("Say what kind of initiative this is.")
        if not self.is_initiative and (self.initiative_kind or self.member_count is not None):
            self.initiative_kind = ""
            self.member_count = None
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not (50 <= self.latitude <= 54):
            errors["latitude"] = _("The latitude lies outside the Netherlands.")
        if self.longitude is not None and not (3 <= self.longitude <= 8):
            errors["longitude"] = _("The longitude lies outside the Netherlands.")
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """A person's place in an organisation."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=14)


class Invitation(models.Model):
    """An owner's invitation to a colleague to join the organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    expires_at = models.DateTimeField(default=_invitation_expiry, verbose_name=_("expires at"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    FULFILLED = "fulfilled", _("Fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Why the platform moved a listing, stored as a code and translated when read: the history reads
# in the reader's language, not in the language of whoever (or whatever) caused the step.
TRANSITION_REASONS = {
    "edited_after_publication": _("Edited after publication; waiting for review again."),
    "published_verified": _("Published directly: verified organisation."),
    "approved": _("Approved."),
    "renewed": _("Renewed until %(date)s."),
    "expired": _("End date %(date)s passed."),
    "closed": _("Closed: %(close_reason)s."),
}


class ListingTransition(models.Model):
    """One recorded step in the life of an offer or need: who, when, from what to what, why.

    `reason` is what a person wrote (a rejection, a note when closing), shown as written;
    `reason_code` and `reason_params` are the platform's own reason, translated when shown."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    listing = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(max_length=20, choices=ListingStatus.choices, blank=True, verbose_name=_("from status"))
    to_status = models.CharField(max_length=20, choices=ListingStatus.choices, verbose_name=_("to status"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",verbose_name=_("actor")
    )
    reason = models.TextField(blank=True, validators=[validate_multi_line])
    reason_code = models.CharField(max_length=40, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"

    @property
    def reason_text(self) -> str:
        """The reason in the active language: the platform's own, then what a person wrote."""
        parts = []
        if self.reason_code in TRANSITION_REASONS:
            params = dict(self.reason_params or {})
            if "date" in params:
                with contextlib.suppress(TypeError, ValueError):
                    params["date"] = date_format(datetime.date.fromisoformat(params["date"]))
            if "close_reason" in params:
                labels = dict(CloseReason.choices)
                params["close_reason"] = str(labels.get(params["close_reason"], "")).lower()
            parts.append(str(TRANSITION_REASONS[self.reason_code]) % params)
        if self.reason:
            parts.append(self.reason)
        return "\n".join(parts)


class Listing(models.Model):
    """What offers and needs share: text, theme, SDGs, language and the publication lifecycle."""

    Status = ListingStatus

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_single_line]
    )
    slug = models.SlugField(max_length=180, unique=True)
    description = models.TextField(
        _("description"),
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH), validate_multi_line],
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="+")
    language = models.CharField(
        _("content language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    close_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True
    )
    rejection_reason = models.TextField(
        _("reason for rejection"), blank=True, validators=[validate_multi_line]
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_hidden = models.BooleanField(
        _("hidden after reports"),
        default=False,
        help_text=_("Hidden from public pages after several reports, until a moderator decides."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The organisation's own identifier, so a bulk re-import updates instead of duplicating.
    external_id = models.CharField(
        _("external ID"), max_length=100, blank=True, validators=[validate_single_line]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    transitions = GenericRelation(ListingTransition)

    # Subclasses name the date after which a published listing expires.
    end_date_field = ""

    class Meta:
        abstract = True
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="%(app_label)s_%(class)s_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def end_date(self) -> datetime.date | None:
        return getattr(self, self.end_date_field)

    @property
    def is_public(self) -> bool:
        return self.status == ListingStatus.PUBLISHED and not self.is_hidden

    @property
    def is_editable(self) -> bool:
        return self.status not in (ListingStatus.CLOSED,)


class Offer(Listing):
    """What a company, fund or public body offers to collectives."""

    class OfferType(models.TextChoices):
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")
        LOAN = "loan", _("Loan")
        GRANT = "grant", _("Grant")
        SUBSCRIPTION = "subscription", _("Subscription")
        ADVICE = "advice", _("Advice")

    offer_type = models.CharField(_("type of offer"), max_length=20, choices=OfferType.choices)
    is_national = models.BooleanField(
        _("available nationwide"), default=False, help_text=_("Serves all twelve provinces.")
    )
    regions = models.ManyToManyField(
        Province, verbose_name=_("provinces served"), blank=True, related_name="+"
    )
    eligible_legal_forms = models.JSONField(
        _("eligible legal forms"),
        default=list,
        blank=True,
        help_text=_("Leave empty when every legal form may use the offer."),
    )
    eligible_initiative_kinds = models.JSONField(
        _("eligible kinds of initiative"),
        default=list,
        blank=True,
        help_text=_("Leave empty when every kind of initiative may use the offer."),
    )
    min_members = models.PositiveIntegerField(
        _("minimum number of members"), null=True, blank=True
    )
    price_terms = models.CharField(
        _("price or terms"), max_length=300, blank=True, validators=[validate_single_line]
    )
    image = models.ImageField(
        _("image"),
        upload_to="offers/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, at most 2 MB. Shown cropped to a wide card (16:9)."),
    )
    # The picture cropped to a card, made by the services when a picture is saved.
    image_rendition = models.ImageField(upload_to="offers/sized/", blank=True, editable=False)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    end_date_field = "valid_until"

    class Meta(Listing.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["status", "-published_at"])]
        permissions = [("review_listing", _("Can review offers and needs"))]

    def serves_province(self, province: Province) -> bool:
        return self.is_national or self.regions.filter(pk=province.pk).exists()

    def eligibility_failures(self, organisation: Organisation) -> list[str]:
        """Reasons why `organisation` may not use this offer (empty when it may)."""
        failures = []
        if self.eligible_legal_forms and organisation.legal_form not in self.eligible_legal_forms:
            failures.append("legal_form")
        if (
            self.eligible_initiative_kinds
            and organisation.initiative_kind not in self.eligible_initiative_kinds
        ):
            failures.append("initiative_kind")
        if self.min_members and (organisation.member_count or 0) < self.min_members:
            failures.append("min_members")
        return failures


class Need(Listing):
    """What an initiative needs: money, a product, a service, knowledge or volunteers."""

    class NeedType(models.TextChoices):
        MONEY = "money", _("Money")
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")
        KNOWLEDGE = "knowledge", _("Knowledge")
        VOLUNTEERS = "volunteers", _("Volunteers")

    need_type = models.CharField(_("what is needed"), max_length=20, choices=NeedType.choices)
    budget_min = models.DecimalField(
        _("budget from (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_max = models.DecimalField(
        _("budget up to (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    municipality = models.CharField(
        _("municipality"), max_length=100, blank=True, validators=[validate_single_line]
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    image = models.ImageField(
        _("image"),
        upload_to="needs/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, at most 2 MB. Shown cropped to a wide card (16:9)."),
    )
    # The picture cropped to a card, made by the services when a picture is saved.
    image_rendition = models.ImageField(upload_to="needs/sized/", blank=True, editable=False)

    end_date_field = "deadline"

    class Meta(Listing.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["status", "-published_at"])]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.budget_min is not None
            and self.budget_max is not None
            and self.budget_min > self.budget_max
        ):
            raise ValidationError(
                {"budget_max": _("The upper budget must be at least the lower budget.")}
            )


# Matches: an offer and a need brought together, and what the two sides do with it ----------


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    INTERESTED = "interested", _("Interest expressed")
    INTRODUCED = "introduced", _("Introduced")
    DECLINED = "declined", _("Declined")
    AGREED = "agreed", _("Agreed")
    FULFILLED = "fulfilled", _("Fulfilled")
    CLOSED = "closed", _("Closed")


class MatchSide(models.TextChoices):
    NEED = "need", _("Initiative")
    OFFER = "offer", _("Provider")


class Match(models.Model):
    """A pairing of a need and an offer, suggested by the matcher or started by a person."""

    Status = MatchStatus
    Side = MatchSide
    OPEN_STATUSES = (MatchStatus.SUGGESTED, MatchStatus.INTERESTED)
    CONVERSATION_STATUSES = (MatchStatus.INTRODUCED, MatchStatus.AGREED, MatchStatus.FULFILLED)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED
    )
    interested_side = models.CharField(max_length=10, choices=MatchSide.choices, blank=True)
    declined_side = models.CharField(max_length=10, choices=MatchSide.choices, blank=True)
    agreed_by_need = models.BooleanField(default=False)
    agreed_by_offer = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    ranker_version = models.CharField(max_length=80, blank=True)
    # What the matcher last recorded for the pair (reasons, passages, strength, features).
    explanation = models.JSONField(default=dict, blank=True)
    # The explanation the pair was shown with when interest was expressed: kept as it was, for
    # the match page, whatever later refreshes of `explanation` say.
    suggested_explanation = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="match_unique_pair")]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.offer}"

    def organisation_for(self, side: str) -> Organisation:
        return self.need.organisation if side == MatchSide.NEED else self.offer.organisation

    @staticmethod
    def other(side: str) -> str:
        return MatchSide.OFFER if side == MatchSide.NEED else MatchSide.NEED


class MatchEvent(models.Model):
    """One recorded step of a match: who moved it, from what to what, with what note."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=MatchStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MatchStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    side = models.CharField(max_length=10, choices=MatchSide.choices, blank=True)
    note = models.TextField(blank=True, validators=[validate_multi_line])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"

    @property
    def label(self) -> str:
        """What happened, as the history lists it."""
        if self.from_status == self.to_status == MatchStatus.INTRODUCED and self.side:
            if self.side == MatchSide.NEED:
                return _("The initiative confirmed the deal")
            return _("The provider confirmed the deal")
        if self.to_status == MatchStatus.AGREED:
            return _("Both sides confirmed the deal")
        return self.get_to_status_display()


class MatchMessage(models.Model):
    """A message in a match's thread; the first one may carry a structured proposal."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=10, choices=MatchSide.choices)
    proposal = models.TextField(
        _("what you propose"), blank=True,
        validators=[MaxLengthValidator(2000), validate_multi_line],
    )
    timing = models.CharField(
        _("timing"), max_length=200, blank=True, validators=[validate_single_line]
    )
    question = models.TextField(
        _("question"), blank=True, validators=[MaxLengthValidator(2000), validate_multi_line]
    )
    body = models.TextField(
        _("message"), blank=True, validators=[MaxLengthValidator(5000), validate_multi_line]
    )
    is_hidden = models.BooleanField(
        _("hidden after reports"),
        default=False,
        help_text=_("Hidden from public pages after several reports, until a moderator decides."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return (self.body or self.proposal)[:60]


class Indicator(models.TextChoices):
    KWH = "kwh", _("kWh generated or saved")
    CO2_KG = "co2_kg", _("kg CO₂ avoided")
    MEMBERS = "members", _("members reached")
    HOUSEHOLDS = "households", _("households reached")
    VOLUNTEER_HOURS = "volunteer_hours", _("volunteer hours")
    EUROS = "euros", _("euros raised or saved")
    ITEMS_REPAIRED = "items_repaired", _("items repaired")


class OutcomeVisibility(models.TextChoices):
    """Who sees a recorded outcome; chosen by the side that reports it (docs/impact.md)."""

    PUBLIC = "public", _("Public: the figures count in the totals and the deal is shown on both organisations' pages")
    TOTALS = "totals", _("In the totals only: the figures count in the public totals, the details stay between us")
    PRIVATE = "private", _("Private: only our two organisations see the outcome")


class OutcomeReport(models.Model):
    """What a fulfilled match delivered, reported by one of its sides."""

    Visibility = OutcomeVisibility
    # Visibilities whose figures count in public totals (the platform's and each handprint's).
    IN_TOTALS = (OutcomeVisibility.PUBLIC, OutcomeVisibility.TOTALS)

    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="outcome")
    delivered = models.TextField(
        _("what was delivered"), validators=[MaxLengthValidator(5000), validate_multi_line]
    )
    visibility = models.CharField(
        _("who may see this outcome"),
        max_length=10,
        choices=OutcomeVisibility.choices,
        default=OutcomeVisibility.TOTALS,
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Outcome of {self.match}"

    @property
    def counts_in_totals(self) -> bool:
        return self.visibility in self.IN_TOTALS

    @property
    def details_are_public(self) -> bool:
        return self.visibility == OutcomeVisibility.PUBLIC


class OutcomeIndicator(models.Model):
    """One measured effect of a match, tagged to an SDG."""

    report = models.ForeignKey(OutcomeReport, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    sdg = models.ForeignKey(SDG, verbose_name=_("SDG"), on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.value} {self.indicator} (SDG {self.sdg_id})"


class Change(models.Model):
    """One change to an offer, need or organisation, written in the transaction that made it.

    Consumers named in settings.MARKETPLACE_CHANGE_CONSUMERS (search, the matcher) read these
    rows after commit, each from its own cursor, so no change is lost when a queue is down.
    """

    class Subject(models.TextChoices):
        OFFER = "offer", _("offer")
        NEED = "need", _("need")
        ORGANISATION = "organisation", _("organisation")

    subject = models.CharField(max_length=20, choices=Subject.choices)
    object_id = models.PositiveBigIntegerField()
    removed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.subject} {self.object_id}{' removed' if self.removed else ''}"


class ChangeCursor(models.Model):
    """How far one consumer has read the changes (the id of the last change it handled)."""

    consumer = models.CharField(max_length=200, unique=True)
    last_change_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.consumer} at {self.last_change_id}"


# Demand pooling: initiatives with similar needs join forces ----------------------------------


class Pool(models.Model):
    """Initiatives with similar needs talking together, and the joint need they may post.

    Started from a need ("join forces") by one initiative, which invites the initiatives of the
    similar needs; only the member organisations see it.
    """

    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT,
                              related_name="+")
    need_type = models.CharField(_("what is needed"), max_length=20,
                                 choices=Need.NeedType.choices)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="+")
    started_by = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    joint_need = models.OneToOneField(
        Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="joint_pool"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("pool")
        verbose_name_plural = _("pools")

    def __str__(self) -> str:
        return f"Pool {self.pk} ({self.theme_id}/{self.need_type})"


class PoolMember(models.Model):
    """One initiative in a pool, with the need it brought and whether it joined."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        JOINED = "joined", _("Joined")
        DECLINED = "declined", _("Declined")

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="pool_entries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "organisation"], name="pool_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in pool {self.pool_id} ({self.status})"


class PoolMessage(models.Model):
    """A message in a pool's shared conversation."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(
        _("message"), validators=[MaxLengthValidator(5000), validate_multi_line]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


# Nudges that complete the record --------------------------------------------------------------


class Nudge(models.Model):
    """One reminder sent about a match or a listing at one stage; the unique row makes it once.

    Stages: a match introduced without a deal, a deal without a reported outcome, a listing
    about to expire (`detail` holds its end date, so a renewed listing is reminded again).
    """

    class Stage(models.TextChoices):
        INTRODUCED = "introduced", _("Introduced without a deal")
        AGREED = "agreed", _("Deal without a reported outcome")
        EXPIRING = "expiring", _("Listing about to expire")

    stage = models.CharField(max_length=20, choices=Stage.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    detail = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "content_type", "object_id", "detail"], name="nudge_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} nudge for {self.content_type_id}/{self.object_id}"


class ContentReport(models.Model):
    """Somebody reports a listing, an organisation or a message; a moderator upholds or dismisses it."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        MISLEADING = "misleading", _("Misleading or false")
        SCAM = "scam", _("Fraud or scam")
        OFFENSIVE = "offensive", _("Offensive or discriminatory")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The reporter's organisation when they reported: reports count as independent per organisation.
    reporter_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(
        _("note"), blank=True, validators=[MaxLengthValidator(1000), validate_multi_line]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=models.Q(status="open"),
                name="content_report_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.get_status_display()})"


class Follow(models.Model):
    """A person follows an organisation or a theme: its new listings come in their digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, theme__isnull=True)
                    | models.Q(organisation__isnull=True, theme__isnull=False)
                ),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"], condition=models.Q(organisation__isnull=False),
                name="follow_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=models.Q(theme__isnull=False),
                name="follow_unique_theme",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.theme)
