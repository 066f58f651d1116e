"""Background work of the marketplace, run by the task queue (django-tasks) after commit."""

from django_tasks import task

from .changes import changes_dispatch


@task()
def dispatch_changes() -> int:
    """Hand the recorded changes to their consumers (search, the matcher)."""
    return changes_dispatch()
