"""The API's background work: sending webhook deliveries, with retries (like core.tasks)."""

from __future__ import annotations

from django_tasks import task

from .webhooks import webhook_attempt


@task()
def deliver_webhook(delivery_id: int, attempt: int = 1) -> str:
    """Send one webhook delivery; when it fails, queue the next attempt after its delay."""
    can_retry = deliver_webhook.get_backend().supports_defer
    outcome = webhook_attempt(delivery_id=delivery_id, attempt=attempt, can_retry=can_retry)
    if outcome.startswith("retry"):
        from .models import WebhookDelivery

        run_after = WebhookDelivery.objects.get(pk=delivery_id).next_attempt_at
        deliver_webhook.using(run_after=run_after).enqueue(delivery_id, attempt + 1)
    return outcome
