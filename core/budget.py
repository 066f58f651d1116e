"""Time budgets per request: how long one request may wait, in all, on one outside dependency.

A web request gets fresh budgets when it starts (`request_started`) and loses them when it ends;
outside a request (the task worker, management commands) there is none and callers use their own
timeouts. `semantic.encoders` (the text encoder) and `payments.stripe_api` (Stripe) spend theirs,
so a slow or hanging dependency costs a visitor at most its budget, never a stalled worker.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Budget:
    """Seconds one request may still spend waiting on one dependency."""

    seconds: float
    spent: float = 0.0

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.spent)

    @contextmanager
    def timed(self) -> Iterator[None]:
        """Count the time spent inside the block against the budget."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.spent += time.monotonic() - started


_budgets: ContextVar[dict[str, Budget] | None] = ContextVar("request_budgets", default=None)


def request_budget(name: str, seconds: float) -> Budget | None:
    """This request's budget for `name` (made at first use); None outside a request."""
    budgets = _budgets.get()
    if budgets is None:
        return None
    budget = budgets.get(name)
    if budget is None:
        budget = budgets[name] = Budget(float(seconds))
    return budget


@contextmanager
def budgets() -> Iterator[None]:
    """Run the block as a request does: with fresh budgets (tests, or work done for a visitor)."""
    token = _budgets.set({})
    try:
        yield
    finally:
        _budgets.reset(token)


def on_request_started(**kwargs) -> None:
    _budgets.set({})


def on_request_finished(**kwargs) -> None:
    _budgets.set(None)
