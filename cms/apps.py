from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Knowledge hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import pagecache

        pagecache.connect_invalidation()
