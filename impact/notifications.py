"""The impact app's kind of notice: a supply-desert alert for a provider.

Loaded by the notifications app at start-up. The notice's data is recorded in the recipient's
language (theme name, the list of needs), and it opens the map filtered on its theme and province.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification
from notifications.registry import register

SUPPLY_DESERT = "supply_desert"


def _map_path(notification: Notification) -> str:
    query = {
        key: notification.data[key]
        for key in ("theme", "province")
        if notification.data.get(key)
    }
    path = reverse("impact:map")
    return f"{path}?{urlencode(query)}" if query else path


register(
    SUPPLY_DESERT,
    label=_("Unmet demand in your field"),
    subject=_("%(count)s needs in %(province_name)s find no good offer for %(theme_name)s"),
    body=_(
        "%(line)s\n\n"
        "You offer %(theme_name)s elsewhere. These initiatives in %(province_name)s are looking "
        "for it and the matcher found no good offer for them:\n\n%(needs)s\n\n"
        "See them on the map: %(url)s\n\n"
        "Change how often we e-mail you: %(preferences_url)s"
    ),
    path=_map_path,
)
