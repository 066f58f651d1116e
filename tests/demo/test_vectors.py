"""The demo's shipped vectors: export -> import by text hash, never by id; only what differs is
embedded again."""

from __future__ import annotations

from io import StringIO

import numpy as np
import pytest

from django.core.management import call_command

from core.text import text_hash
from demo.vectors import demo_vectors_export, demo_vectors_import, vectors_path
from marketplace.models import Need, Offer
from semantic import services
from semantic.bundles import VectorBundle
from semantic.encoders import FakeEncoder, get_encoder
from semantic.models import Embedding
from semantic.sources import embedding_sources
from semantic.texts import listing_text
from tests.factories import InitiativeFactory, NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


class CountingEncoder(FakeEncoder):
    """The fake encoder, remembering every text it was asked to encode."""

    def __init__(self) -> None:
        super().__init__(dim=64)
        self.texts: list[str] = []

    def encode_passages(self, texts):
        self.texts += list(texts)
        return super().encode_passages(texts)

    def encode_queries(self, texts):
        self.texts += list(texts)
        return super().encode_queries(texts)


def stored() -> dict[str, Embedding]:
    return {row.text_hash: row for row in Embedding.objects.all()}


def test_export_then_import_on_a_fresh_database_embeds_only_the_changed_text(tmp_path):
    encoder = CountingEncoder()
    initiative = InitiativeFactory(name="Energie Coöperatie Zuid", description="Zon op elk dak.")
    company = OrganisationFactory(name="Wijkauto BV", description="Deelauto's. Overal.")
    NeedFactory(organisation=initiative, title="Zonnepanelen op de school",
                description="Veertig panelen op het dak. De buurt legt in.")
    NeedFactory(organisation=initiative, title="Een buurtbus", description="Elke dinsdag rijden.")
    OfferFactory(organisation=company, title="Deelauto's voor de wijk",
                 description="Elektrisch. Met app en verzekering.")
    services.embeddings_rebuild(encoder=encoder)
    before = stored()
    path, texts, missing = demo_vectors_export(model=encoder.name, directory=tmp_path)
    assert (path, missing) == (vectors_path(encoder.name, tmp_path), 0)
    assert texts == len(before) == 2 + 1 + 2  # two needs, an offer, two organisations

    # A fresh database: no vectors, and the same texts under other ids; one text was edited.
    Embedding.objects.all().delete()
    Need.objects.all().delete()
    Offer.objects.all().delete()
    NeedFactory.create_batch(3, organisation=initiative)  # other ids for what follows
    Need.objects.all().delete()
    school = NeedFactory(organisation=initiative, title="Zonnepanelen op de school",
                         description="Veertig panelen op het dak. De buurt legt in.")
    bus = NeedFactory(organisation=initiative, title="Een buurtbus",
                      description="Elke dinsdag en donderdag rijden.")
    offer = OfferFactory(organisation=company, title="Deelauto's voor de wijk",
                         description="Elektrisch. Met app en verzekering.")

    line, report = demo_vectors_import(directory=tmp_path, model=encoder.name)
    # A need, the offer and both organisations; the edited bus is left for rebuild_embeddings.
    assert (report.imported, report.current, report.missing) == (4, 0, 1)
    assert "4 imported" in line and "1 left for rebuild_embeddings" in line
    imported = stored()
    for instance in (school, offer):
        row = Embedding.objects.get(object_id=instance.pk, content_type__model=instance._meta.model_name)
        original = before[row.text_hash]
        assert row.text_hash == text_hash(listing_text(instance.title, instance.description))
        assert row.sentence_spans == original.sentence_spans
        for field in ("passage", "query", "sentences"):
            np.testing.assert_allclose(row.vector(field), original.vector(field), atol=2e-3)
    assert not Embedding.objects.filter(object_id=bus.pk, content_type__model="need").exists()

    encoder.texts.clear()
    report = services.embeddings_rebuild(encoder=encoder)
    assert (report.embedded, report.skipped) == (1, 4)
    bus_text = listing_text(bus.title, bus.description)
    assert bus_text in encoder.texts
    assert not {school.title, offer.title} & {text.split("\n")[0] for text in encoder.texts}
    assert all(stored()[digest].updated_at == row.updated_at for digest, row in imported.items())

    # Idempotent: a second import stores nothing.
    _line, again = demo_vectors_import(directory=tmp_path, model=encoder.name)
    assert (again.imported, again.current, again.missing) == (0, 5, 0)


def test_a_missing_file_or_another_model_imports_nothing(tmp_path):
    NeedFactory()
    services.embeddings_rebuild(encoder=FakeEncoder(dim=64))
    demo_vectors_export(model="fake/hashed-ngrams-64", directory=tmp_path)
    Embedding.objects.all().delete()

    line, report = demo_vectors_import(directory=tmp_path)  # the configured encoder: dim 256
    assert report is None and "none for fake/hashed-ngrams-256" in line

    bundle = VectorBundle.load(vectors_path("fake/hashed-ngrams-64", tmp_path))
    report = services.embeddings_import(bundle=bundle, model="other/model")
    assert report.imported == 0
    assert not Embedding.objects.exists()


def test_the_file_is_the_same_bytes_for_the_same_vectors(tmp_path):
    NeedFactory()
    services.embeddings_rebuild(encoder=FakeEncoder(dim=64))
    first, _, _ = demo_vectors_export(model="fake/hashed-ngrams-64", directory=tmp_path / "a")
    second, _, _ = demo_vectors_export(model="fake/hashed-ngrams-64", directory=tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_export_refuses_while_objects_have_no_vectors(tmp_path):
    NeedFactory()
    with pytest.raises(Exception, match="no current vectors"):
        call_command("demo_vectors", "export", "--dir", str(tmp_path), stdout=StringIO())
    assert not list(tmp_path.iterdir())
    services.embeddings_rebuild(encoder=get_encoder())
    out = StringIO()
    call_command("demo_vectors", "export", "--dir", str(tmp_path), stdout=out)
    assert "2 text(s) of fake/hashed-ngrams-256" in out.getvalue()
    assert [source.model.__name__ for source in embedding_sources()] == [
        "Offer", "Need", "Organisation", "ArticlePage"
    ]
