"""Forms of the marketplace pages: they read and check input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.template import loader
from django.utils.translation import gettext_lazy as _

from core.email import send_email
from core.validators import validate_multi_line, validate_single_line

from . import services
from .models import (
    SDG,
    CloseReason,
    ContentReport,
    InitiativeKind,
    Language,
    LegalForm,
    Membership,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)
from .selectors import ListingFilters

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PROVIDER_KIND_CHOICES = [
    (Organisation.Kind.COMPANY.value, Organisation.Kind.COMPANY.label),
    (Organisation.Kind.FUND.value, Organisation.Kind.FUND.label),
    (Organisation.Kind.PUBLIC_BODY.value, Organisation.Kind.PUBLIC_BODY.label),
]


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: beside the field it names, else on top."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def _service_values(form: forms.BaseForm) -> dict[str, Any]:
    """cleaned_data ready for a service: a cleared or missing upload becomes an empty file name."""
    values = dict(form.cleaned_data)
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) and not values.get(name):
            values[name] = ""
    return values


class FormSection:
    """One short section of a long form: its fields, for a fieldset and the section list."""

    def __init__(self, key: str, label: str, fields: list[forms.BoundField]) -> None:
        self.key = key
        self.label = label
        self.fields = fields

    @property
    def has_errors(self) -> bool:
        return any(field.errors for field in self.fields)


class SectionedForm:
    """A long form shown in short sections (`sections`: key, label, field names); display only.

    A field no section names goes into the last one, so nothing is ever left out.
    """

    sections: tuple[tuple[str, Any, tuple[str, ...]], ...] = ()

    def section_list(self) -> list[FormSection]:
        visible = {field.name: field for field in self.visible_fields()}  # type: ignore[attr-defined]
        result = []
        for key, label, names in self.sections:
            result.append(FormSection(key, label, [visible.pop(n) for n in names if n in visible]))
        if result and visible:
            result[-1].fields.extend(visible.values())
        return [section for section in result if section.fields]


# Browsing ---------------------------------------------------------------------------------


class BrowseFilterForm(forms.Form):
    """Filters of the public browse pages, read from the query string (GET)."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.SearchInput
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All provinces"),
    )
    sdg = forms.ModelChoiceField(
        label=_("Sustainable Development Goal"),
        queryset=SDG.objects.all(),
        to_field_name="number",
        required=False,
        empty_label=_("All goals"),
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    language = forms.ChoiceField(
        label=_("Written in"),
        required=False,
        choices=[("", _("Any language")), *Language.choices],
    )

    def __init__(
        self,
        data: QueryDict,
        *,
        type_choices: list[tuple[str, Any]] | None = None,
        kind_choices: list[tuple[str, Any]] | None = None,
        with_language: bool = True,
    ) -> None:
        super().__init__(data)
        if type_choices is None:
            del self.fields["type"]
        else:
            self.fields["type"].choices = [("", _("All types")), *type_choices]
        if kind_choices is None:
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = [("", _("All kinds")), *kind_choices]
        if not with_language:
            del self.fields["language"]
        # A filter form is never "wrong": unknown values are dropped, the rest still filters.
        self.is_valid()

    def value(self, name: str) -> Any:
        """The cleaned value of a filter, or None when it is absent or not understood."""
        return self.cleaned_data.get(name) or None

    @property
    def is_filtered(self) -> bool:
        return any(self.value(name) for name in self.fields)

    def listing_filters(self) -> ListingFilters:
        """The filters for offer_list_public / need_list_public."""
        theme, province, sdg = self.value("theme"), self.value("province"), self.value("sdg")
        return ListingFilters(
            theme=theme.slug if theme else "",
            type=self.value("type") or "",
            province=province.slug if province else "",
            sdg=sdg.number if sdg else None,
            organisation_kind=self.value("kind") or "",
            language=self.value("language") or "",
            q=(self.value("q") or "").strip(),
        )

    def organisation_filters(self) -> dict[str, Any]:
        """The keyword arguments for organisation_list_public."""
        filters = self.listing_filters()
        return {
            "kind": filters.organisation_kind,
            "province": filters.province,
            "theme": filters.theme,
            "sdg": filters.sdg,
            "q": filters.q,
        }


def offer_filter_form(data: QueryDict) -> BrowseFilterForm:
    return BrowseFilterForm(
        data, type_choices=Offer.OfferType.choices, kind_choices=PROVIDER_KIND_CHOICES
    )


def need_filter_form(data: QueryDict) -> BrowseFilterForm:
    return BrowseFilterForm(data, type_choices=Need.NeedType.choices)


def organisation_filter_form(data: QueryDict) -> BrowseFilterForm:
    return BrowseFilterForm(data, kind_choices=Organisation.Kind.choices, with_language=False)


def checkbox_choices(label, queryset, **kwargs) -> forms.ModelMultipleChoiceField:
    """An optional choice of several reference items (SDGs, themes, provinces) as checkboxes."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


# Offers and needs ------------------------------------------------------------------------


class OfferForm(SectionedForm, forms.ModelForm):
    """What a company, fund or public body writes about an offer."""

    sections = (
        ("about", _("What you offer"),
         ("title", "description", "theme", "offer_type", "language", "sdgs")),
        ("audience", _("Where and for whom"),
         ("is_national", "regions", "eligible_legal_forms", "eligible_initiative_kinds",
          "min_members")),
        ("terms", _("Terms"), ("price_terms", "valid_until")),
        ("picture", _("Picture"), ("image",)),
    )

    sdgs = checkbox_choices(_("Sustainable Development Goals"), SDG.objects.all())
    regions = checkbox_choices(
        _("Provinces served"),
        Province.objects.all(),
        help_text=_("Leave empty when the offer is available nationwide."),
    )
    eligible_legal_forms = forms.MultipleChoiceField(
        label=_("Eligible legal forms"),
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty when every legal form may use the offer."),
    )
    eligible_initiative_kinds = forms.MultipleChoiceField(
        label=_("Eligible kinds of initiative"),
        choices=InitiativeKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty when every kind of initiative may use the offer."),
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "theme",
            "offer_type",
            "sdgs",
            "language",
            "is_national",
            "regions",
            "eligible_legal_forms",
            "eligible_initiative_kinds",
            "min_members",
            "price_terms",
            "image",
            "valid_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "valid_until": DATE_INPUT,
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Shown beside the field here; the service checks it again for every other caller.
        try:
            services.offer_check_coverage(
                is_national=bool(cleaned.get("is_national")), regions=cleaned.get("regions") or []
            )
        except ValidationError as error:
            add_service_errors(self, error)
        return cleaned

    def service_values(self) -> dict[str, Any]:
        return _service_values(self)


class NeedForm(SectionedForm, forms.ModelForm):
    """What an initiative writes about a need."""

    sections = (
        ("about", _("What you need"),
         ("title", "description", "theme", "need_type", "language", "sdgs")),
        ("budget", _("Budget and deadline"), ("budget_min", "budget_max", "deadline")),
        ("place", _("Where"), ("municipality", "province")),
        ("picture", _("Picture"), ("image",)),
    )

    sdgs = checkbox_choices(_("Sustainable Development Goals"), SDG.objects.all())

    class Meta:
        model = Need
        fields = [
            "title",
            "description",
            "theme",
            "need_type",
            "sdgs",
            "language",
            "budget_min",
            "budget_max",
            "deadline",
            "municipality",
            "province",
            "image",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "deadline": DATE_INPUT,
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def service_values(self) -> dict[str, Any]:
        return _service_values(self)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you closing it?"),
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, listing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if listing is not None and listing.published_at is None:
            # Something never published cannot have been fulfilled through the platform.
            self.fields["reason"].choices = [(CloseReason.WITHDRAWN, CloseReason.WITHDRAWN.label)]
            self.fields["reason"].initial = CloseReason.WITHDRAWN


class RenewForm(forms.Form):
    until = forms.DateField(label=_("New end date"), widget=DATE_INPUT)


# Organisations and people ---------------------------------------------------------------


class OrganisationForm(SectionedForm, forms.ModelForm):
    """An organisation's public profile, edited by its owners."""

    sections = (
        ("profile", _("About the organisation"),
         ("name", "legal_form", "kvk_number", "website", "description", "initiative_kind",
          "member_count")),
        ("place", _("Where"), ("municipality", "province", "latitude", "longitude")),
        ("themes", _("Themes and goals"), ("themes", "sdgs")),
        ("logo", _("Logo"), ("logo",)),
    )

    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    themes = checkbox_choices(_("Themes"), Theme.objects.all())
    sdgs = checkbox_choices(_("Sustainable Development Goals"), SDG.objects.all())

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "kvk_number",
            "website",
            "description",
            "municipality",
            "province",
            "latitude",
            "longitude",
            "themes",
            "sdgs",
            "logo",
            "initiative_kind",
            "member_count",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.is_initiative:
            del self.fields["initiative_kind"]
            del self.fields["member_count"]

    def service_values(self) -> dict[str, Any]:
        return _service_values(self)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with the email address, which is also the username."""

    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class PasswordFieldsMixin(forms.Form):
    """Two password fields, checked against each other and Django's password validators."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def account_email(self) -> str:
        return self.cleaned_data.get("email", "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            person = get_user_model()(
                email=self.account_email(),
                username=self.account_email(),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, person)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def user_values(self) -> dict[str, str]:
        """The arguments for services.user_create."""
        return {
            "email": self.account_email(),
            "password": self.cleaned_data["password1"],
            "first_name": self.cleaned_data["first_name"],
            "last_name": self.cleaned_data["last_name"],
        }


class SignupForm(PasswordFieldsMixin, forms.Form):
    """A new account together with the organisation it represents."""

    SIDE_PROVIDER = "company"
    SIDE_INITIATIVE = "initiative"

    side = forms.ChoiceField(
        label=_("Who do you represent?"),
        choices=[
            (SIDE_PROVIDER, _("I represent a company, fund or public body")),
            (SIDE_INITIATIVE, _("I represent an initiative (a citizen collective)")),
        ],
        widget=forms.RadioSelect,
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[validate_single_line],
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[validate_single_line],
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput({"autocomplete": "email"})
    )
    kind = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", _("Choose…")), *PROVIDER_KIND_CHOICES],
        required=False,
        help_text=_("Only for companies, funds and public bodies."),
    )
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=160,
        validators=[validate_single_line],
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=[("", _("Choose…")), *LegalForm.choices]
    )
    kvk_number = forms.CharField(
        label=_("KvK number"),
        required=False,
        max_length=20,
        help_text=_("Chamber of Commerce number: 8 digits. Leave empty if you have none."),
        widget=forms.TextInput({"inputmode": "numeric", "autocomplete": "off"}),
    )
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    municipality = forms.CharField(
        label=_("Municipality"), max_length=100, required=False,
        validators=[validate_single_line],
    )
    initiative_kind = forms.ChoiceField(
        label=_("Kind of initiative"),
        choices=[("", _("Choose…")), *InitiativeKind.choices],
        required=False,
    )
    member_count = forms.IntegerField(label=_("Number of members"), min_value=0, required=False)

    field_order = [
        "side",
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "kind",
        "name",
        "legal_form",
        "kvk_number",
        "province",
        "municipality",
        "initiative_kind",
        "member_count",
    ]
    user_field_names = ("first_name", "last_name", "email", "password1", "password2")
    initiative_field_names = ("initiative_kind", "member_count")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("side") == self.SIDE_PROVIDER and not cleaned.get("kind"):
            self.add_error("kind", _("Choose the type of organisation."))
        return cleaned

    @property
    def is_initiative(self) -> bool:
        side = self.cleaned_data.get("side") if hasattr(self, "cleaned_data") else None
        return (side or self["side"].value()) == self.SIDE_INITIATIVE

    def organisation_values(self) -> dict[str, Any]:
        """The arguments for services.organisation_create (without the owner)."""
        data = self.cleaned_data
        values = {
            "kind": Organisation.Kind.INITIATIVE if self.is_initiative else data["kind"],
            "name": data["name"],
            "legal_form": data["legal_form"],
            "kvk_number": data["kvk_number"].replace(" ", ""),
            "province": data["province"],
            "municipality": data["municipality"],
        }
        if self.is_initiative:
            values["initiative_kind"] = data["initiative_kind"]
            values["member_count"] = data["member_count"]
        return values

    def user_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.user_field_names]

    def organisation_fields(self) -> list[forms.BoundField]:
        skip = {"side", *self.user_field_names, *self.initiative_field_names}
        return [self[name] for name in self.fields if name not in skip]

    def initiative_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.initiative_field_names]


class InvitationSignupForm(PasswordFieldsMixin, forms.Form):
    """A new account for somebody who accepts an invitation; the email address is the invited one."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[validate_single_line],
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[validate_single_line],
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    field_order = ["first_name", "last_name", "password1", "password2"]

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def account_email(self) -> str:
        return self.email


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form, sending its e-mail through the project's one send function."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        html_body = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        send_email(to=[to_email], subject=subject, body=body, html_body=html_body)


class ReportForm(forms.Form):
    """Report content: why, and optionally what the moderator should know."""

    reason = forms.ChoiceField(label=_("Why do you report this?"), choices=ContentReport.Reason.choices)
    note = forms.CharField(
        label=_("Anything the moderator should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_multi_line],
    )
