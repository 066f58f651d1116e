"""Template context shared by every page: the user's organisation and editor status.

Both are lazy: a page that never shows them costs no query for them.
"""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import user_is_hub_editor, user_organisation


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_organisation": None, "is_hub_editor": False}
    return {
        "current_organisation": SimpleLazyObject(lambda: user_organisation(user)),
        "is_hub_editor": SimpleLazyObject(lambda: user_is_hub_editor(user)),
    }
