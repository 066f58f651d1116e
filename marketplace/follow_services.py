"""Follow and unfollow organisations and themes (their new listings come in the digest)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import ratelimit

from .models import Follow, Organisation, Theme


def _target(organisation: Organisation | None, theme: Theme | None) -> dict[str, object]:
    if (organisation is None) == (theme is None):
        raise ValidationError(_("Follow either an organisation or a theme."))
    return {"organisation": organisation} if organisation else {"theme": theme}


def follow(
    *, user: AbstractBaseUser, organisation: Organisation | None = None, theme: Theme | None = None
) -> Follow:
    """Follow an organisation or a theme; following twice keeps the one row."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to follow."))
    target = _target(organisation, theme)
    ratelimit.limit("follow", account=user.pk)
    existing = Follow.objects.filter(user=user, **target).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, **target)
    except IntegrityError:  # a double click raced us to the same row
        return Follow.objects.get(user=user, **target)


@transaction.atomic
def unfollow(
    *, user: AbstractBaseUser, organisation: Organisation | None = None, theme: Theme | None = None
) -> int:
    """Stop following; how many rows went (0 when not following)."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to follow."))
    deleted, _rows = Follow.objects.filter(user=user, **_target(organisation, theme)).delete()
    return deleted
