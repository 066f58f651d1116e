"""Admin hooks of the hub."""

from wagtail import hooks

from .models import ArticlePage
from .services import article_refresh_enqueue


@hooks.register("after_publish_page")
def enqueue_article_refresh(request, page) -> None:
    """Only enqueues: the article's vectors are recomputed by the task queue after commit."""
    if isinstance(page.specific, ArticlePage):
        article_refresh_enqueue(page_id=page.pk)
