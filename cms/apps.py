from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Knowledge hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import pagecache
        from .services import article_published

        # Every way of publishing (editor, workflow approval, schedule, code) only enqueues the
        # article's embedding after commit; the task queue computes it, never the request.
        page_published.connect(article_published, dispatch_uid="cms.article_published")
        pagecache.connect_invalidation()
