"""Background work of meaning, run by the task queue (django-tasks) after commit."""

import logging

from django_tasks import task

from . import services
from .encoders import EncoderUnavailable

logger = logging.getLogger(__name__)


@task()
def refresh_embedding(label: str, pk: int) -> None:
    """Re-embed one object (e.g. an article after it was published)."""
    try:
        services.embedding_refresh(label=label, pk=pk)
    except EncoderUnavailable:
        logger.warning("encoder unavailable: %s %s keeps its old vectors", label, pk)
