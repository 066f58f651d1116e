"""Background tasks of search (django-tasks): drain the index outbox, send instant alerts."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def drain_search_outbox(backend_alias: str = "default") -> dict[str, object]:
    """Apply the pending index changes of one backend; what cannot be applied waits for the next run."""
    report = services.search_outbox_drain(backend_alias=backend_alias)
    return {
        "backend": report.backend,
        "indexed": report.indexed,
        "removed": report.removed,
        "pending": report.pending,
        "error": report.error,
    }


@task()
def send_saved_search_alerts(keys: list[str]) -> int:
    """E-mail instant alerts for newly indexed listings."""
    return services.saved_search_alerts_send(keys=keys)
