"""Reason codes and advice of the matcher, in the reader's language."""

import time

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from marketplace.models import InitiativeKind, LegalForm, Need, Offer, Theme

register = template.Library()


def _labels(choices, values) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(value, value)) for value in values)


_THEMES_TTL = 300.0  # seconds: themes are reference data, edited rarely in the admin
_themes: dict[str, Theme] = {}
_themes_loaded_at = -_THEMES_TTL


def _theme(slug: str) -> str:
    """A theme's name in the active language, from a per-process copy (no query per reason)."""
    global _themes_loaded_at
    now = time.monotonic()
    if now - _themes_loaded_at > _THEMES_TTL or slug not in _themes:
        _themes.clear()
        _themes.update({theme.slug: theme for theme in Theme.objects.all()})
        _themes_loaded_at = now
    theme = _themes.get(slug)
    return theme.name if theme else slug


@register.simple_tag
def reason_text(reason) -> str:
    """One reason code of an explanation as a sentence (a Reason, or its dict as a match keeps it)."""
    if isinstance(reason, dict):
        code, data = reason.get("code", ""), reason.get("data") or {}
    else:
        code, data = reason.code, reason.data
    offer_types = dict(Offer.OfferType.choices)
    need_types = dict(Need.NeedType.choices)
    texts = {
        "theme": lambda: _("Same theme: %(theme)s") % {"theme": _theme(data.get("theme", ""))},
        "sdgs": lambda: _("Shared goals: %(sdgs)s")
        % {"sdgs": ", ".join(f"SDG {n}" for n in data.get("sdgs", []))},
        "region_named": lambda: _("Offered in %(province)s") % {"province": data.get("province")},
        "region_national": lambda: _("Available nationwide"),
        "region_outside": lambda: _("Not offered in %(province)s (only in %(regions)s)")
        % {"province": data.get("province"), "regions": ", ".join(data.get("regions", []))},
        "eligible_open": lambda: _("Open to every initiative"),
        "eligible_kind": lambda: _("Meant for initiatives like yours"),
        "ineligible_kind": lambda: _("Only for: %(kinds)s")
        % {"kinds": _labels(InitiativeKind.choices, data.get("allowed", []))},
        "eligible_legal_form": lambda: _("Your legal form qualifies"),
        "ineligible_legal_form": lambda: _("Only for these legal forms: %(forms)s")
        % {"forms": _labels(LegalForm.choices, data.get("allowed", []))},
        "eligible_members": lambda: _("Enough members (%(count)s, at least %(min)s needed)")
        % {"count": data.get("member_count"), "min": data.get("min_members")},
        "ineligible_members": lambda: _("Needs at least %(min)s members (you have %(count)s)")
        % {"count": data.get("member_count"), "min": data.get("min_members")},
        "type_fits": lambda: _("%(offer_type)s answers a need for %(need_type)s")
        % {
            "offer_type": offer_types.get(data.get("offer_type"), data.get("offer_type")),
            "need_type": str(need_types.get(data.get("need_type"), data.get("need_type"))).lower(),
        },
        "budget_fits": lambda: _("Fits the budget"),
        "budget_exceeded": lambda: _("Above the budget"),
        "same_province": lambda: _("Also in %(province)s") % {"province": data.get("province")},
        "same_need_type": lambda: _("Also needs %(need_type)s")
        % {"need_type": str(need_types.get(data.get("need_type"), "")).lower()},
    }
    text = texts.get(code)
    return text() if text else ""


@register.simple_tag
def strength_label(strength: str) -> str:
    """The calibrated strength of a suggestion in words (matching.calibration)."""
    labels = {
        "strong": pgettext("match strength", "Strong"),
        "good": pgettext("match strength", "Good"),
        "possible": pgettext("match strength", "Possible"),
    }
    return labels.get(strength, "")


@register.simple_tag
def advice_text(advice: dict) -> str:
    """What would open better matches, e.g. "3 loan offers exist, but only for Overijssel"."""
    count = advice.get("count", 0)
    if advice.get("side") == "needs":
        return _lead_advice_text(advice, count)
    offer_type = str(dict(Offer.OfferType.choices).get(advice.get("offer_type"), "")).lower()
    reason = advice.get("reason")
    if reason == "region":
        return ngettext(
            "%(count)s %(type)s offer fits, but it is only offered in %(regions)s.",
            "%(count)s %(type)s offers fit, but they are only offered in %(regions)s.",
            count,
        ) % {"count": count, "type": offer_type, "regions": ", ".join(advice.get("regions", []))}
    if reason == "legal_form":
        return ngettext(
            "%(count)s %(type)s offer fits, but only for these legal forms: %(forms)s.",
            "%(count)s %(type)s offers fit, but only for these legal forms: %(forms)s.",
            count,
        ) % {"count": count, "type": offer_type,
             "forms": _labels(LegalForm.choices, advice.get("legal_forms", []))}
    if reason == "initiative_kind":
        return ngettext(
            "%(count)s %(type)s offer fits, but only for: %(kinds)s.",
            "%(count)s %(type)s offers fit, but only for: %(kinds)s.",
            count,
        ) % {"count": count, "type": offer_type,
             "kinds": _labels(InitiativeKind.choices, advice.get("initiative_kinds", []))}
    if reason == "min_members":
        return ngettext(
            "%(count)s %(type)s offer fits, but only for initiatives with at least %(min)s members.",
            "%(count)s %(type)s offers fit, but only for initiatives with at least %(min)s members.",
            count,
        ) % {"count": count, "type": offer_type, "min": advice.get("min_members")}
    return ""


def _lead_advice_text(advice: dict, count: int) -> str:
    """What would open better leads: relevant needs that one of the offer's own rules keeps away."""
    reason = advice.get("reason")
    if reason == "region":
        return ngettext(
            "%(count)s need fits, but it is in %(regions)s, where your offer is not offered.",
            "%(count)s needs fit, but they are in %(regions)s, where your offer is not offered.",
            count,
        ) % {"count": count, "regions": ", ".join(advice.get("regions", []))}
    if reason == "legal_form":
        return ngettext(
            "%(count)s need fits, but its initiative's legal form is not one your offer accepts.",
            "%(count)s needs fit, but their initiatives' legal forms are not ones your offer accepts.",
            count,
        ) % {"count": count}
    if reason == "initiative_kind":
        return ngettext(
            "%(count)s need fits, but its kind of initiative is not one your offer accepts.",
            "%(count)s needs fit, but their kinds of initiative are not ones your offer accepts.",
            count,
        ) % {"count": count}
    if reason == "min_members":
        return ngettext(
            "%(count)s need fits, but its initiative has fewer members than your offer asks.",
            "%(count)s needs fit, but their initiatives have fewer members than your offer asks.",
            count,
        ) % {"count": count}
    return ""
