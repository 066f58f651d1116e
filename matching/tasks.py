"""Background work of the matcher, run by the task queue (django-tasks) after commit."""

from django_tasks import task

from . import services


@task()
def refresh_listing(kind: str, pk: int) -> None:
    """Re-embed one offer or need and refresh its suggestions."""
    services.listing_refresh(kind=kind, pk=pk)
