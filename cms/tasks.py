"""Background work of the hub, run by the task queue (django-tasks) after commit."""

from django_tasks import task

from . import services


@task()
def refresh_article(page_id: int) -> None:
    """Re-embed one article after it was published."""
    services.article_refresh(page_id=page_id)
