"""Writes of search: the outbox of index changes and its replay, rebuilds, saved searches and alerts.

Index writes are explicit and never block a save: a marketplace service calls
`search_index_enqueue(instance=...)` inside its transaction, which writes one outbox row per
configured backend; after commit a task drains the outbox. A drain re-reads each object and asks
the marketplace selectors whether it is public: public objects are (re)indexed, anything else is
removed. That makes every row idempotent, so replaying after an outage loses and breaks nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import ratelimit
from core.email import send_email
from core.validators import single_line_text
from marketplace.models import Language, Need, Offer, Organisation
from semantic.encoders import EncoderUnavailable, get_encoder
from semantic.services import embeddings_refresh

from .backends import backend_aliases, get_search_backend
from .backends.base import (
    FACETS,
    MODES,
    QueryVector,
    SearchBackend,
    SearchBackendUnavailable,
    SearchDocument,
    SearchQuery,
    document_key,
    split_key,
)
from .models import SavedSearch, SavedSearchHit, SearchOutbox
from .sources import ALERT_DOC_TYPES, SOURCES, source_for_model

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "search.saved-search.unsubscribe"
# A description-mode saved search reports a new listing when it ranks this high for the description.
ALERT_TOP_N = 20
ALERT_MAX_HITS = 50


# Vectors ------------------------------------------------------------------------------------

def search_encode_documents(documents: Sequence[SearchDocument]) -> dict[str, QueryVector]:
    """Passage vectors of these documents from semantic's embedding table (none without encoder).

    Objects whose text and model are unchanged are not encoded again (the matcher's vectors of a
    listing are the same row), so with two backends each document is drained twice but encoded
    at most once."""
    if not documents:
        return {}
    try:
        encoder = get_encoder()
    except EncoderUnavailable:
        logger.warning("No text encoder: search runs on words only", exc_info=True)
        return {}
    by_type: dict[str, dict[int, str]] = {}
    for document in documents:
        by_type.setdefault(document.doc_type, {})[document.object_id] = document.embedding_text
    vectors: dict[str, QueryVector] = {}
    for doc_type, texts in by_type.items():
        try:
            rows = embeddings_refresh(model=SOURCES[doc_type].model, texts=texts, encoder=encoder)
        except EncoderUnavailable:
            logger.warning("Text encoder failed: %s documents indexed by words only", doc_type)
            continue
        for object_id, row in rows.items():
            vectors[document_key(doc_type, object_id)] = QueryVector(
                encoder.name, row.vector("passage")
            )
    return vectors


# The outbox ---------------------------------------------------------------------------------


def search_index_enqueue(*, instance: Model) -> None:
    """Note that an offer, need or organisation changed; every backend re-reads it after commit.

    Call it inside the transaction of the change. An organisation brings its offers and needs
    along (their documents carry its name and kind)."""
    source = source_for_model(type(instance))
    keys = [(source.doc_type, instance.pk)]
    if isinstance(instance, Organisation):
        keys += organisations_listing_keys([instance.pk])
    outbox_write(keys, action=SearchOutbox.Action.INDEX)


def organisations_listing_keys(organisation_ids: Iterable[int]) -> list[tuple[str, int]]:
    """The offer and need documents of these organisations (they carry its name and kind)."""
    ids = list(organisation_ids)
    return [
        (doc_type, pk)
        for doc_type, model in (("offer", Offer), ("need", Need))
        for pk in model.objects.filter(organisation_id__in=ids).values_list("pk", flat=True)
    ]


def search_index_remove(
    *, instance: Model | None = None, doc_type: str = "", object_id: int | None = None
) -> None:
    """Note that an object is gone: call it before deleting (with the instance) or after (type and id)."""
    if instance is not None:
        doc_type, object_id = source_for_model(type(instance)).doc_type, instance.pk
    if doc_type not in SOURCES or object_id is None:
        raise ValueError("Name the instance, or its doc_type and object_id")
    outbox_write([(doc_type, object_id)], action=SearchOutbox.Action.REMOVE)


def outbox_write(keys: Iterable[tuple[str, int]], *, action: str) -> None:
    """Queue documents for every engine; the drain runs after commit."""
    aliases = backend_aliases()
    SearchOutbox.objects.bulk_create(
        [
            SearchOutbox(backend=alias, doc_type=doc_type, object_id=object_id, action=action)
            for alias in aliases
            for doc_type, object_id in keys
        ]
    )
    for alias in aliases:
        # robust: a queue that cannot be reached must not turn a committed save into an error;
        # the rows wait in the outbox for the next drain or `replay_search_outbox`.
        transaction.on_commit(partial(_enqueue_drain, alias), robust=True)


def _enqueue_drain(alias: str) -> None:
    from .tasks import drain_search_outbox

    drain_search_outbox.enqueue(alias)


@dataclass
class DrainReport:
    """What one drain did for one backend."""

    backend: str
    indexed: int = 0
    removed: int = 0
    pending: int = 0
    error: str = ""


def search_sync(
    *, backend: SearchBackend, keys: Iterable[tuple[str, int]]
) -> tuple[list[SearchDocument], list[str]]:
    """Make the backend agree with the database for these objects: index the public, remove the rest."""
    by_type: dict[str, set[int]] = defaultdict(set)
    for doc_type, object_id in keys:
        by_type[doc_type].add(int(object_id))
    documents: list[SearchDocument] = []
    removals: list[str] = []
    for doc_type, ids in by_type.items():
        source = SOURCES.get(doc_type)
        public = source.public_by_id(ids) if source else {}
        documents.extend(source.to_document(public[pk]) for pk in sorted(public) if source)
        removals.extend(document_key(doc_type, pk) for pk in sorted(ids - set(public)))
    backend.index_documents(documents, search_encode_documents(documents))
    backend.delete_documents(removals)
    return documents, removals


def search_outbox_drain(*, backend_alias: str = "default", batch_size: int = 200) -> DrainReport:
    """Apply a backend's pending outbox rows, oldest first; on an outage they stay for later."""
    backend = get_search_backend(backend_alias)
    report = DrainReport(backend=backend_alias)
    pending = SearchOutbox.objects.filter(backend=backend_alias, processed_at__isnull=True)
    last_id = 0
    while True:
        rows = list(pending.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not rows:
            break
        ids = [row.pk for row in rows]
        last_id = ids[-1]
        try:
            documents, removals = search_sync(
                backend=backend, keys={(row.doc_type, row.object_id) for row in rows}
            )
        except SearchBackendUnavailable as exc:
            SearchOutbox.objects.filter(pk__in=ids).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:1000]
            )
            report.error = str(exc)
            break
        SearchOutbox.objects.filter(pk__in=ids).update(processed_at=timezone.now(), last_error="")
        report.indexed += len(documents)
        report.removed += len(removals)
        if backend_alias == "default":
            fresh = [d.key for d in documents if d.doc_type in ALERT_DOC_TYPES]
            if fresh:
                transaction.on_commit(partial(_enqueue_alerts, fresh), robust=True)
    report.pending = pending.count()
    return report


def _enqueue_alerts(keys: list[str]) -> None:
    from .tasks import send_saved_search_alerts

    send_saved_search_alerts.enqueue(keys)


def search_outbox_replay(*, purge_days: int | None = 7) -> list[DrainReport]:
    """Drain every backend's outbox (after an outage), and forget rows processed long ago."""
    reports = [search_outbox_drain(backend_alias=alias) for alias in backend_aliases()]
    if purge_days is not None:
        cutoff = timezone.now() - timezone.timedelta(days=purge_days)
        SearchOutbox.objects.filter(processed_at__lt=cutoff).delete()
    return reports


def search_index_rebuild(
    *,
    backend_alias: str = "default",
    batch_size: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Rebuild a backend's whole index from the public set while search stays up; returns the count."""
    backend = get_search_backend(backend_alias)
    started_after = SearchOutbox.objects.aggregate(last=Max("id"))["last"] or 0
    total = sum(source.count_public() for source in SOURCES.values())

    def batches() -> Iterator[tuple[list[SearchDocument], dict[str, QueryVector]]]:
        for source in SOURCES.values():
            for objects in source.iter_public(batch_size=batch_size):
                documents = [source.to_document(obj) for obj in objects]
                yield documents, search_encode_documents(documents)

    count = backend.rebuild(batches(), total=total, progress=progress)
    # Changes saved while the rebuild ran may have gone to the old index only: apply them again.
    changed = set(
        SearchOutbox.objects.filter(backend=backend_alias, id__gt=started_after).values_list(
            "doc_type", "object_id"
        )
    )
    if changed:
        search_sync(backend=backend, keys=changed)
    return count


# Saved searches ---------------------------------------------------------------------------


def _clean_filters(filters: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(value) for name, value in filters.items() if name in FACETS and value}


@transaction.atomic
def saved_search_create(
    *,
    user: AbstractBaseUser,
    query: str = "",
    mode: str = "words",
    filters: Mapping[str, Any] | None = None,
    name: str = "",
    frequency: str = SavedSearch.Frequency.DAILY,
    language: str = Language.DUTCH,
) -> SavedSearch:
    """Save a search (words or a description, and filters) with how its owner wants alerts."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to save a search."))
    ratelimit.limit("saved_search", account=user.pk)
    filters = _clean_filters(filters or {})
    # Search words, not content: invisible characters go rather than refuse the search.
    query = single_line_text(query)
    if not query and not filters:
        raise ValidationError(_("Type some words or choose a filter before saving the search."))
    if mode not in MODES:
        raise ValidationError({"mode": _("Choose words or a description.")})
    saved = SavedSearch(
        user=user,
        query=query,
        mode=mode,
        filters=filters,
        name=(name or query or _("My search"))[:120],
        frequency=frequency,
        language=language,
    )
    saved.full_clean()
    saved.save()
    return saved


def _require_own(saved_search: SavedSearch, user: AbstractBaseUser) -> None:
    if saved_search.user_id != user.pk:
        raise PermissionDenied(_("This is not your saved search."))


@transaction.atomic
def saved_search_update(
    *, saved_search: SavedSearch, user: AbstractBaseUser, frequency: str, language: str,
    name: str | None = None,
) -> SavedSearch:
    """Change how often and in which language a saved search e-mails its owner."""
    _require_own(saved_search, user)
    saved_search.frequency = frequency
    saved_search.language = language
    if name:
        saved_search.name = name[:120]
    saved_search.full_clean()
    saved_search.save(update_fields=["frequency", "language", "name"])
    return saved_search


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch, user: AbstractBaseUser) -> None:
    """Forget a saved search and its alerts."""
    _require_own(saved_search, user)
    saved_search.delete()


def saved_search_unsubscribe_token(*, saved_search: SavedSearch) -> str:
    """The signed token of the unsubscribe link in every alert (no login needed)."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(saved_search.pk))


@transaction.atomic
def saved_search_unsubscribe(*, token: str) -> SavedSearch:
    """Stop the e-mails of the saved search a signed link names; the search itself stays saved."""
    try:
        pk = int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
        saved = SavedSearch.objects.select_for_update().get(pk=pk)
    except (signing.BadSignature, ValueError, SavedSearch.DoesNotExist) as exc:
        raise ValidationError(_("This unsubscribe link is not valid.")) from exc
    if saved.frequency != SavedSearch.Frequency.NEVER:
        saved.frequency = SavedSearch.Frequency.NEVER
        saved.save(update_fields=["frequency"])
    return saved


def saved_search_query(saved_search: SavedSearch, **overrides: Any) -> SearchQuery:
    """The SearchQuery a saved search stands for."""
    values: dict[str, Any] = {
        "text": saved_search.query,
        "mode": saved_search.mode,
        "filters": dict(saved_search.filters),
    }
    values.update(overrides)
    return SearchQuery(**values)


def _matching_keys(
    saved: SavedSearch, *, keys: Sequence[str] | None, since: Any
) -> list[str]:
    """New listings (published after `since`) that match the saved search."""
    from .selectors import search_run

    if saved.mode == "describe" and saved.query:
        # A description matches a listing that would be on the first page of its results.
        results = search_run(
            query=saved_search_query(saved, per_page=ALERT_TOP_N, with_facets=False)
        )
        found = [
            h.key for h in results.hits
            if h.published_at is not None and h.published_at > since
            and (keys is None or h.key in keys)
        ]
    else:
        results = search_run(
            query=saved_search_query(
                saved,
                published_after=since,
                keys=frozenset(keys) if keys is not None else None,
                per_page=ALERT_MAX_HITS,
                sort="newest",
                with_facets=False,
                with_vectors=False,
            )
        )
        found = [h.key for h in results.hits]
    return [key for key in found if split_key(key)[0] in ALERT_DOC_TYPES]


def _record_hits(saved: SavedSearch, keys: Sequence[str]) -> None:
    SavedSearchHit.objects.bulk_create(
        [SavedSearchHit(saved_search=saved, doc_type=split_key(k)[0], object_id=split_key(k)[1]) for k in keys],
        ignore_conflicts=True,
    )


def _claim(hits: Iterable[SavedSearchHit]) -> list[SavedSearchHit]:
    """Mark hits e-mailed before sending, one by one, so two workers never send the same one."""
    now = timezone.now()
    return [
        hit for hit in hits
        if SavedSearchHit.objects.filter(pk=hit.pk, emailed_at__isnull=True).update(emailed_at=now)
    ]


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _alert_items(hits: Sequence[SavedSearchHit]) -> list[dict[str, str]]:
    """Title and link of each hit that is still public (in the active language)."""
    by_type: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        by_type[hit.doc_type].append(hit.object_id)
    objects = {
        doc_type: SOURCES[doc_type].public_by_id(ids) for doc_type, ids in by_type.items()
    }
    items = []
    for hit in hits:
        obj = objects.get(hit.doc_type, {}).get(hit.object_id)
        if obj is not None:
            items.append({"title": str(obj), "url": _absolute(SOURCES[hit.doc_type].url(obj))})
    return items


def _section(saved: SavedSearch, hits: Sequence[SavedSearchHit]) -> dict[str, Any]:
    token = saved_search_unsubscribe_token(saved_search=saved)
    return {
        "saved_search": saved,
        "items": _alert_items(hits),
        "unsubscribe_url": _absolute(
            reverse("search:saved_search_unsubscribe", kwargs={"token": token})
        ),
    }


def _send(user: Any, subject: str, sections: list[dict[str, Any]]) -> bool:
    sections = [s for s in sections if s["items"]]
    if not sections or not user.email:
        return False
    body = render_to_string(
        "search/email/alert.txt",
        {
            "user": user,
            "sections": sections,
            "manage_url": _absolute(reverse("search:saved_search_list")),
        },
    )
    return bool(
        send_email(
            to=[user.email],
            subject=subject,
            body=body,
            headers={
                "List-Unsubscribe": f"<{sections[0]['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
    )


def saved_search_alerts_send(*, keys: Sequence[str]) -> int:
    """E-mail at once everyone whose instant saved searches match these newly indexed listings."""
    keys = [key for key in keys if split_key(key)[0] in ALERT_DOC_TYPES]
    if not keys:
        return 0
    sent = 0
    instant = SavedSearch.objects.filter(frequency=SavedSearch.Frequency.INSTANT)
    for saved in instant.select_related("user"):
        matched = _matching_keys(saved, keys=keys, since=saved.created_at)
        if not matched:
            continue
        _record_hits(saved, matched)
        pending = SavedSearchHit.objects.filter(saved_search=saved, emailed_at__isnull=True)
        hits = _claim(pending)
        with translation.override(saved.language):
            subject = _("New for your saved search “%(name)s”") % {"name": saved.name}
            if _send(saved.user, subject, [_section(saved, hits)]):
                sent += 1
    return sent


def saved_searches_send_daily_digest() -> int:
    """One e-mail per person and language with the new listings of their daily saved searches."""
    now = timezone.now()
    groups: dict[tuple[int, str], list[tuple[SavedSearch, list[SavedSearchHit]]]] = defaultdict(list)
    daily = SavedSearch.objects.filter(frequency=SavedSearch.Frequency.DAILY).select_related("user")
    for saved in daily:
        # Everything new since the search was saved; hits already recorded are not sent twice.
        _record_hits(saved, _matching_keys(saved, keys=None, since=saved.created_at))
        hits = _claim(SavedSearchHit.objects.filter(saved_search=saved, emailed_at__isnull=True))
        saved.last_digest_at = now
        saved.save(update_fields=["last_digest_at"])
        if hits:
            groups[(saved.user_id, saved.language)].append((saved, hits))
    sent = 0
    for (_user_id, language), entries in groups.items():
        user = entries[0][0].user
        with translation.override(language):
            subject = _("Your daily search digest from Business2Community")
            sections = [_section(saved, hits) for saved, hits in entries]
            if _send(user, subject, sections):
                sent += 1
    return sent
