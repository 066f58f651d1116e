"""The backend factory: `get_search_backend(alias)` reads `settings.SEARCH_BACKENDS`, like CACHES."""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from .base import SearchBackend, SearchBackendUnavailable

__all__ = [
    "SearchBackend",
    "SearchBackendUnavailable",
    "backend_aliases",
    "get_search_backend",
    "reset_search_backends",
]

_backends: dict[str, SearchBackend] = {}
_lock = threading.Lock()


def backend_aliases() -> list[str]:
    """Every configured alias, "default" first: each one is kept up to date through the outbox."""
    aliases = list(getattr(settings, "SEARCH_BACKENDS", {}) or {"default": {}})
    return sorted(aliases, key=lambda alias: alias != "default")


def get_search_backend(alias: str = "default") -> SearchBackend:
    """The backend configured under this alias, built once per process."""
    backend = _backends.get(alias)
    if backend is not None:
        return backend
    with _lock:
        backend = _backends.get(alias)
        if backend is None:
            config = getattr(settings, "SEARCH_BACKENDS", {}) or {
                "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend"}
            }
            if alias not in config:
                raise ImproperlyConfigured(f"SEARCH_BACKENDS has no {alias!r} backend")
            params = config[alias]
            backend_class = import_string(
                params.get("BACKEND", "search.backends.embedded.EmbeddedBackend")
            )
            backend = backend_class(alias, params)
            _backends[alias] = backend
    return backend


def reset_search_backends() -> None:
    """Forget the built backends (after a settings change, in tests)."""
    with _lock:
        _backends.clear()


def _on_setting_changed(*, setting: str, **kwargs: object) -> None:
    if setting in ("SEARCH_BACKENDS", "MATCHING"):
        reset_search_backends()


setting_changed.connect(_on_setting_changed)
