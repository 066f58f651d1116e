"""Index writes: the outbox, drained after commit through the task queue; rebuilds and refreshes."""

from __future__ import annotations

import datetime
import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from marketplace.models import ListingStatus
from search import services
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from search.backends.embedded import EmbeddedBackend
from search.models import SearchEntry, SearchOutbox
from search.selectors import search_page, search_run
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory
from tests.search.conftest import EMBEDDED, index_now

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_enqueue_writes_the_outbox_and_the_task_drains_it_after_commit(
    django_capture_on_commit_callbacks,
):
    offer = OfferFactory(published=True, title="Warmtepompen voor huurders")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.search_index_enqueue(instance=offer)
    row = SearchOutbox.objects.get()
    assert (row.backend, row.doc_type, row.object_id, row.processed_at) == (
        "default", "offer", offer.pk, None,
    )
    assert search_run(query=SearchQuery(text="warmtepompen")).total == 0  # nothing before commit
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.processed_at is not None
    assert search_run(query=SearchQuery(text="warmtepompen")).total == 1


def test_drafts_are_removed_not_indexed(django_capture_on_commit_callbacks):
    offer = OfferFactory(published=True, title="Buurtbatterij huren")
    index_now(offer)
    assert search_run(query=SearchQuery(text="buurtbatterij")).total == 1
    offer.status = ListingStatus.DRAFT
    offer.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        services.search_index_enqueue(instance=offer)
    assert search_run(query=SearchQuery(text="buurtbatterij")).total == 0
    assert SearchEntry.objects.get(object_id=offer.pk).removed


def test_remove_by_type_and_id_after_a_delete():
    need = NeedFactory(published=True, title="Moestuin bij de school")
    index_now(need)
    pk = need.pk
    need.delete()
    services.search_index_remove(doc_type="need", object_id=pk)
    services.search_outbox_drain()
    assert search_run(query=SearchQuery(text="moestuin")).total == 0


def test_an_organisation_change_reindexes_its_listings():
    organisation = OrganisationFactory(name="Zonnig BV")
    offer = OfferFactory(published=True, organisation=organisation, title="Laadpalen")
    index_now(organisation)
    assert {r.doc_type for r in SearchOutbox.objects.all()} == {"organisation", "offer"}
    organisation.name = "Stralend BV"
    organisation.save()
    index_now(organisation)
    page = search_page(query=SearchQuery(text="stralend", with_vectors=False))
    assert {item.object for item in page.items} == {organisation, offer}


def test_every_backend_gets_its_own_rows(settings):
    settings.SEARCH_BACKENDS = {"default": EMBEDDED, "embedded": EMBEDDED}
    services.search_index_enqueue(instance=OfferFactory(published=True))
    assert sorted(SearchOutbox.objects.values_list("backend", flat=True)) == ["default", "embedded"]


def test_a_failing_backend_keeps_rows_pending_with_the_error(monkeypatch):
    from search.backends.base import SearchBackendUnavailable

    offer = OfferFactory(published=True, title="Fietsenstalling")
    services.search_index_enqueue(instance=offer)

    def down(*args, **kwargs):
        raise SearchBackendUnavailable("engine down")

    monkeypatch.setattr(EmbeddedBackend, "index_documents", down)
    report = services.search_outbox_drain()
    assert report.pending == 1 and report.error == "engine down"
    assert SearchOutbox.objects.get().attempts == 1
    monkeypatch.undo()
    report = services.search_outbox_drain()
    assert (report.pending, report.indexed) == (0, 1)
    assert search_run(query=SearchQuery(text="fietsenstalling")).total == 1


def test_another_process_sees_changes_and_removals():
    offer = OfferFactory(published=True, title="Kringloopbus")
    index_now(offer)
    other = EmbeddedBackend("default", EMBEDDED)  # a second process's backend
    assert other.search(SearchQuery(text="kringloopbus")).total == 1
    OfferFactory(published=True, title="Tweede kringloopbus")
    index_now(OfferFactory._meta.model.objects.get(title="Tweede kringloopbus"))
    offer.status = ListingStatus.CLOSED
    offer.save(update_fields=["status"])
    index_now(offer)
    results = other.search(SearchQuery(text="kringloopbus"))
    assert [h.title for h in results.hits] == ["Tweede \ue000kringloopbus\ue001"]


def test_expiry_is_checked_when_searching_not_only_when_indexing():
    offer = OfferFactory(published=True, title="Subsidie voor isolatie")
    index_now(offer)
    SearchEntry.objects.filter(object_id=offer.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1), updated_at=timezone.now()
    )
    assert search_run(query=SearchQuery(text="isolatie")).total == 0
    assert search_run(query=SearchQuery()).total == 0


def test_rebuild_indexes_the_public_set_and_retires_the_rest():
    public = OfferFactory(published=True, title="Groen dak")
    draft = OfferFactory(title="Geheim groen plan")
    organisation = public.organisation
    backend = get_search_backend()
    # A stale entry for the draft, as if an old bug had indexed it.
    from search.sources import SOURCES

    backend.index_documents([SOURCES["offer"].to_document(draft)])
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    # The offer and both organisations (profiles are public); progress by tenths off a terminal.
    assert "default: 3/3" in out.getvalue()
    assert "default: 3 document(s) indexed." in out.getvalue()
    alive = set(SearchEntry.objects.filter(removed=False).values_list("doc_type", "object_id"))
    assert ("offer", public.pk) in alive and ("organisation", organisation.pk) in alive
    assert ("offer", draft.pk) not in alive
    assert search_run(query=SearchQuery(text="groen", with_vectors=False)).total == 1
    out = io.StringIO()
    call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert "default: already indexed" in out.getvalue()


def test_replay_command_reports_each_backend():
    services.search_index_enqueue(instance=OfferFactory(published=True))
    out = io.StringIO()
    call_command("replay_search_outbox", stdout=out)
    assert "default: 1 indexed, 0 removed, 0 pending" in out.getvalue()
