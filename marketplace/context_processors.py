"""Template context shared by every page: the user's organisation and editor status."""

from django.http import HttpRequest

from .selectors import user_is_hub_editor, user_organisation


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_organisation": None, "is_hub_editor": False}
    return {
        "current_organisation": user_organisation(user),
        "is_hub_editor": user_is_hub_editor(user),
    }
