"""The embedded engine: no server. Full text in the database, facets and vectors in process memory.

Entries live in `SearchEntry` (text, facet values, dates), their words in the database's full-text
engine (search.backends.fulltext), their vectors in semantic's one embedding table (written before
the entry). Each process keeps a columnar
snapshot of every entry — masks per facet value, dates, the vector matrix — and brings it up to
date before each search: one tiny query reads the index generation (`SearchIndexState`), and only
when it moved are the entries of the newer generations read. Filters and facet counts are boolean
algebra on those columns, vector search one matrix product, and words and vectors are fused by
reciprocal rank.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from django.db import transaction
from django.utils import timezone

from semantic.encoders import EncoderUnavailable, get_encoder, relevance_floor
from semantic.vectors import cosine, top_k

from ..text import (
    fold_aligned,
    mark_terms,
    query_term_groups,
    snippet,
    term_matches,
    term_pattern,
)
from .base import (
    FACETS,
    ProgressCallback,
    QueryVector,
    SearchBackend,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
    document_key,
    mode_weights,
    reciprocal_rank_fusion,
)
from .fulltext import FullText, fulltext_for_connection

NO_EXPIRY = np.iinfo(np.int32).max
# Describe mode: a language needs this many listings with vectors to be standardised on its own.
MIN_LANGUAGE_GROUP = 5
# Describe mode: weight of the words in common (standardised per language) beside the meaning.
DESCRIBE_LEXICAL_WEIGHT = 0.25


class _FacetColumn:
    """One facet: the values seen so far and a boolean matrix slot × value."""

    def __init__(self, capacity: int) -> None:
        self.values: list[str] = []
        self.codes: dict[str, int] = {}
        self.matrix = np.zeros((capacity, 8), dtype=bool)

    def grow(self, capacity: int) -> None:
        grown = np.zeros((capacity, self.matrix.shape[1]), dtype=bool)
        grown[: self.matrix.shape[0]] = self.matrix
        self.matrix = grown

    def _code(self, value: str) -> int:
        code = self.codes.get(value)
        if code is None:
            code = len(self.values)
            self.values.append(value)
            self.codes[value] = code
            if code >= self.matrix.shape[1]:
                wider = np.zeros((self.matrix.shape[0], self.matrix.shape[1] * 2), dtype=bool)
                wider[:, : self.matrix.shape[1]] = self.matrix
                self.matrix = wider
        return code

    def set(self, slot: int, values: Iterable[str]) -> None:
        self.matrix[slot, :] = False
        for value in values:
            code = self._code(str(value))  # may widen the matrix: look it up afterwards
            self.matrix[slot, code] = True

    def mask(self, value: str, n: int) -> np.ndarray:
        code = self.codes.get(value)
        if code is None:
            return np.zeros(n, dtype=bool)
        return self.matrix[:n, code]

    def counts(self, mask: np.ndarray) -> dict[str, int]:
        n = mask.shape[0]
        sums = self.matrix[:n][mask].sum(axis=0)
        return {self.values[i]: int(c) for i, c in enumerate(sums[: len(self.values)]) if c}


class _Snapshot:
    """Every entry of the index as columns, slot by slot; slots of removed entries stay, not alive."""

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.capacity = capacity
        self.keys: list[str] = []
        self.slot_of: dict[str, int] = {}
        self.entry_id = np.zeros(capacity, dtype=np.int64)
        self.slot_by_entry = np.full(capacity, -1, dtype=np.int64)
        self.alive = np.zeros(capacity, dtype=bool)
        self.public = np.zeros(capacity, dtype=bool)
        self.expires = np.full(capacity, NO_EXPIRY, dtype=np.int32)
        self.published = np.zeros(capacity, dtype=np.float64)
        self.vectors: np.ndarray | None = None
        self.vector_encoder = np.full(capacity, -1, dtype=np.int16)
        self.encoders: dict[str, int] = {}
        self.facets = {name: _FacetColumn(capacity) for name in FACETS}
        self.alive_count = 0
        self.vector_model: str | None = None  # the encoder whose stored vectors were read
        self.generation = 0
        self.epoch = 0

    def _grow(self, needed: int) -> None:
        if needed <= self.capacity:
            return
        capacity = max(needed, self.capacity * 2)
        for name, fill in (
            ("entry_id", 0), ("alive", False), ("public", False), ("expires", NO_EXPIRY),
            ("published", 0.0), ("vector_encoder", -1),
        ):
            old = getattr(self, name)
            new = np.full(capacity, fill, dtype=old.dtype)
            new[: self.capacity] = old
            setattr(self, name, new)
        if self.vectors is not None:
            vectors = np.zeros((capacity, self.vectors.shape[1]), dtype=np.float32)
            vectors[: self.capacity] = self.vectors
            self.vectors = vectors
        for column in self.facets.values():
            column.grow(capacity)
        self.capacity = capacity

    def _map_entry(self, entry_id: int, slot: int) -> None:
        if entry_id >= self.slot_by_entry.shape[0]:
            grown = np.full(max(entry_id + 1, self.slot_by_entry.shape[0] * 2), -1, dtype=np.int64)
            grown[: self.slot_by_entry.shape[0]] = self.slot_by_entry
            self.slot_by_entry = grown
        self.slot_by_entry[entry_id] = slot

    def apply(self, row: tuple) -> None:
        """Bring one entry row up to date: (id, doc_type, object_id, removed, status,
        expires_on, published_at, facets); its vector comes separately (`set_vector`)."""
        entry_id, doc_type, object_id, removed, status, expires_on, published_at, facets = row
        key = document_key(doc_type, object_id)
        slot = self.slot_of.get(key)
        if slot is None:
            if removed:
                return
            slot = self.n
            self._grow(slot + 1)
            self.n += 1
            self.keys.append(key)
            self.slot_of[key] = slot
        old_entry = int(self.entry_id[slot])
        if old_entry and old_entry != entry_id and old_entry < self.slot_by_entry.shape[0]:
            self.slot_by_entry[old_entry] = -1
        self.entry_id[slot] = entry_id
        self._map_entry(entry_id, slot)
        was_alive = bool(self.alive[slot])
        self.alive[slot] = not removed
        self.alive_count += int(not removed) - int(was_alive)
        self.public[slot] = status == "published"
        self.expires[slot] = expires_on.toordinal() if expires_on else NO_EXPIRY
        self.published[slot] = published_at.timestamp() if published_at else 0.0
        for name in FACETS:
            self.facets[name].set(slot, (facets or {}).get(name, ()) if not removed else ())
        self.vector_encoder[slot] = -1

    def set_vector(self, slot: int, array: np.ndarray, encoder: str) -> None:
        """The stored passage vector of the entry in `slot`, made by `encoder`."""
        if self.vectors is None:
            self.vectors = np.zeros((self.capacity, array.shape[0]), dtype=np.float32)
        if array.shape[0] == self.vectors.shape[1]:
            self.vectors[slot] = array
            self.vector_encoder[slot] = self.encoders.setdefault(encoder, len(self.encoders))


ENTRY_COLUMNS = (
    "id", "doc_type", "object_id", "removed", "status", "expires_on", "published_at", "facets",
)


class EmbeddedBackend(SearchBackend):
    """Search without a server: database full text, in-process facets and vectors, RRF fusion."""

    def __init__(self, alias: str, params: Mapping[str, Any]) -> None:
        super().__init__(alias, params)
        self.min_similarity = float(self.options.get("VECTOR_MIN_SIMILARITY", 0.0))
        # Describe mode's relevance bar: how far above the other listings of its language a
        # listing must be (z-score), and the raw cosine floor (None: the encoder's own).
        self.describe_min_z = float(self.options.get("DESCRIBE_MIN_Z", 1.0))
        floor = self.options.get("DESCRIBE_MIN_SIMILARITY")
        self.describe_min_similarity = None if floor is None else float(floor)
        # Seconds between two looks for changes made by other processes (0: before every search).
        self.refresh_interval = float(self.options.get("REFRESH_INTERVAL", 0))
        self._lock = threading.RLock()
        self._snapshot: _Snapshot | None = None
        self._last_refresh = 0.0

    @property
    def fulltext(self) -> FullText:
        return fulltext_for_connection()

    # Writing -------------------------------------------------------------------------------

    def index_documents(
        self, documents: Sequence[SearchDocument], vectors: Mapping[str, QueryVector] | None = None
    ) -> None:
        """Write the entries; their vectors are read from semantic's table (`vectors` is unused)."""
        from ..models import SearchEntry

        if not documents:
            return
        now = timezone.now()
        with transaction.atomic():
            generation = _next_generation()
            existing = self._existing_entries([d.key for d in documents])
            new, changed = [], []
            for document in documents:
                entry = existing.get(document.key) or SearchEntry(
                    doc_type=document.doc_type, object_id=document.object_id
                )
                entry.title = document.title
                entry.body = document.body
                entry.extra = document.extra
                entry.language = document.language
                entry.status = document.status
                entry.published_at = document.published_at
                entry.expires_on = document.expires_on
                entry.facets = {name: list(values) for name, values in document.facets.items()}
                entry.removed = False
                entry.generation = generation
                entry.updated_at = now
                (changed if entry.pk else new).append(entry)
            SearchEntry.objects.bulk_create(new, batch_size=500)
            SearchEntry.objects.bulk_update(
                changed,
                ["title", "body", "extra", "language", "status", "published_at", "expires_on",
                 "facets", "removed", "generation", "updated_at"],
                batch_size=500,
            )
            self.fulltext.write(
                [(e.pk, e.title, e.body, e.extra, e.language) for e in (*new, *changed)]
            )

    def _existing_entries(self, keys: Sequence[str]) -> dict[str, Any]:
        from ..models import SearchEntry

        by_type: dict[str, list[int]] = {}
        for key in keys:
            doc_type, _, object_id = key.partition(":")
            by_type.setdefault(doc_type, []).append(int(object_id))
        found: dict[str, Any] = {}
        for doc_type, ids in by_type.items():
            for start in range(0, len(ids), 500):
                for entry in SearchEntry.objects.filter(
                    doc_type=doc_type, object_id__in=ids[start : start + 500]
                ).defer("body", "title", "extra"):
                    found[entry_key(entry)] = entry
        return found

    def delete_documents(self, keys: Iterable[str]) -> None:
        from ..models import SearchEntry

        keys = list(keys)
        if not keys:
            return
        with transaction.atomic():
            entries = [e for e in self._existing_entries(keys).values() if not e.removed]
            ids = [e.pk for e in entries]
            if not ids:
                return
            generation = _next_generation()
            for start in range(0, len(ids), 500):
                SearchEntry.objects.filter(pk__in=ids[start : start + 500]).update(
                    removed=True, title="", body="", extra="", facets={},
                    generation=generation, updated_at=timezone.now(),
                )
            self.fulltext.delete(ids)

    def rebuild(
        self,
        batches: Iterable[tuple[Sequence[SearchDocument], Mapping[str, QueryVector]]],
        *,
        total: int,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Upsert every public document, then retire whatever was not among them; search stays up."""
        from ..models import SearchEntry

        seen: set[str] = set()
        done = 0
        for documents, vectors in batches:
            self.index_documents(documents, vectors)
            seen.update(d.key for d in documents)
            done += len(documents)
            if progress:
                progress(done, total)
        stale = [
            key
            for key in (
                document_key(doc_type, object_id)
                for doc_type, object_id in SearchEntry.objects.filter(removed=False).values_list(
                    "doc_type", "object_id"
                )
            )
            if key not in seen
        ]
        self.delete_documents(stale)
        with transaction.atomic():
            SearchEntry.objects.filter(removed=True).delete()
            _next_generation(new_epoch=True)  # tombstones gone: every process reloads
        self.reset()
        return done

    def clear(self) -> None:
        from ..models import SearchEntry

        with transaction.atomic():
            SearchEntry.objects.all().delete()
            self.fulltext.clear()
            _next_generation(new_epoch=True)
        self.reset()

    def reset(self) -> None:
        """Drop this process's snapshot; the next search loads it afresh."""
        with self._lock:
            self._snapshot = None

    def count(self) -> int:
        from ..models import SearchEntry

        return SearchEntry.objects.filter(removed=False).count()

    # Reading -------------------------------------------------------------------------------

    def _fresh_snapshot(self) -> _Snapshot:
        """This process's snapshot, brought up to date with what any process wrote since."""
        from ..models import SearchEntry, SearchIndexState

        now = time.monotonic()
        snapshot = self._snapshot
        if snapshot is not None and now - self._last_refresh < self.refresh_interval:
            return snapshot
        self._last_refresh = now
        state = SearchIndexState.objects.filter(pk=1).values_list("generation", "epoch").first()
        generation, epoch = state or (0, 0)
        encoder = _encoder_name()
        if snapshot is not None and (epoch != snapshot.epoch or generation < snapshot.generation):
            snapshot = None  # entries vanished without tombstones (clear, purge): start afresh
        if snapshot is not None and snapshot.vector_model != encoder:
            snapshot = None  # another model: its vectors are other rows of the embedding table
        if snapshot is None:
            snapshot = _Snapshot()
            snapshot.vector_model = encoder
            rows = SearchEntry.objects.filter(removed=False).values_list(*ENTRY_COLUMNS)
            self._load(snapshot, rows.iterator(chunk_size=2000))
            snapshot.generation, snapshot.epoch = generation, epoch
            self._snapshot = snapshot
        elif generation > snapshot.generation:
            rows = SearchEntry.objects.filter(generation__gt=snapshot.generation).values_list(
                *ENTRY_COLUMNS
            )
            self._load(snapshot, rows.iterator(chunk_size=2000))
            snapshot.generation = generation
        return snapshot

    @staticmethod
    def _load(snapshot: _Snapshot, rows: Iterable[tuple]) -> None:
        """Apply entry rows, then read the stored passage vectors of the live ones."""
        from semantic.neighbours import stored_embeddings

        from ..sources import SOURCES

        live: dict[str, list[int]] = {}
        for row in rows:
            snapshot.apply(row)
            if not row[3]:  # removed
                live.setdefault(row[1], []).append(row[2])
        if snapshot.vector_model is None:
            return
        for doc_type, ids in live.items():
            source = SOURCES.get(doc_type)
            if source is None:
                continue
            stored = stored_embeddings(source.model, ids, encoder_name=snapshot.vector_model)
            for object_id, embedding in stored.items():
                slot = snapshot.slot_of[document_key(doc_type, object_id)]
                snapshot.set_vector(slot, embedding.vector("passage"), snapshot.vector_model)

    def _base_mask(self, snapshot: _Snapshot, query: SearchQuery) -> np.ndarray:
        """Public, unexpired documents (checked again here: defence in depth), narrowed by date and keys."""
        n = snapshot.n
        mask = snapshot.alive[:n] & snapshot.public[:n]
        mask &= snapshot.expires[:n] >= timezone.localdate().toordinal()
        if query.published_after is not None:
            mask &= snapshot.published[:n] > query.published_after.timestamp()
        if query.keys is not None:
            keep = np.zeros(n, dtype=bool)
            slots = [snapshot.slot_of[k] for k in query.keys if k in snapshot.slot_of]
            keep[slots] = True
            mask &= keep
        return mask

    def _filter_masks(self, snapshot: _Snapshot, filters: Mapping[str, str]) -> dict[str, np.ndarray]:
        return {
            name: snapshot.facets[name].mask(str(value), snapshot.n)
            for name, value in filters.items()
            if value and name in FACETS
        }

    def _vector_scores(
        self, snapshot: _Snapshot, vector: QueryVector | None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Cosine similarity of every slot to the query vector, and which slots have a comparable vector."""
        if vector is None or snapshot.vectors is None:
            return None
        code = snapshot.encoders.get(vector.encoder)
        query = np.asarray(vector.vector, dtype=np.float32).reshape(-1)
        if code is None or query.shape[0] != snapshot.vectors.shape[1]:
            return None
        n = snapshot.n
        valid = snapshot.vector_encoder[:n] == code
        sims = cosine(snapshot.vectors[:n], query)
        if self.min_similarity:
            valid &= sims >= self.min_similarity
        return sims, valid

    @staticmethod
    def _top(scores: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
        """Slots of the k highest scores among the masked ones, best first."""
        return top_k(scores, k, mask)

    def search(self, query: SearchQuery, *, vector: QueryVector | None = None) -> SearchResults:
        """Words decide what matches and meaning helps to order it (fused by reciprocal rank).
        A description matches the listings whose meaning clears the relevance bar, ranked by
        how far each stands above the others of its language, words in common helping a little."""
        groups = query_term_groups(query.text) if query.text.strip() else []
        terms = [group[0] for group in groups]
        describe = query.mode == "describe"
        with self._lock:
            snapshot = self._fresh_snapshot()
            n = snapshot.n
            base = self._base_mask(snapshot, query)
            filter_masks = self._filter_masks(snapshot, query.filters)
            vectors = None
            if terms and (describe or query.with_vectors):
                vectors = self._vector_scores(snapshot, vector)
            # A description is matched by meaning; without vectors, by any of its words.
            by_meaning = describe and vectors is not None
            k = self.vector_candidates

            lexical = np.full(n, -np.inf)
            if terms and not by_meaning:
                entry_ids, scores = self.fulltext.match(groups, any_term=describe)
                slots = self._slots(snapshot, entry_ids)
                lexical[slots[slots >= 0]] = scores[slots >= 0]
            lexical_mask = np.isfinite(lexical)
            relevance = relevant = None
            if by_meaning:
                relevance, relevant = self._relevance(snapshot, vectors)

            def matching(mask: np.ndarray) -> np.ndarray:
                """The result set under a filter mask."""
                if not terms:
                    return mask
                if by_meaning:
                    return relevant & mask
                return lexical_mask & mask

            combined = base.copy()
            for mask in filter_masks.values():
                combined &= mask
            result = matching(combined)

            facets: dict[str, dict[str, int]] = {}
            if query.with_facets:
                for name in FACETS:
                    mask = base.copy()
                    for other, other_mask in filter_masks.items():
                        if other != name:
                            mask &= other_mask
                    facets[name] = snapshot.facets[name].counts(matching(mask))

            slots = np.flatnonzero(result)
            total = int(slots.shape[0])
            if not terms or query.sort == "newest":
                order = slots[np.argsort(-snapshot.published[slots], kind="stable")]
                scores = {int(s): 0.0 for s in order[: query.window]}
            elif by_meaning:
                ranked = self._describe_scores(snapshot, slots, relevance, groups)
                order = slots[np.lexsort((-snapshot.published[slots], -ranked))]
                scores = dict(zip(slots.tolist(), ranked.tolist(), strict=True))
            else:
                neighbours = np.empty(0, dtype=np.int64)
                if vectors is not None:
                    neighbours = self._top(vectors[0], result & vectors[1], k)
                lexical_slots = slots[np.isfinite(lexical[slots])]
                lexical_ranking = lexical_slots[np.argsort(-lexical[lexical_slots], kind="stable")]
                fused = reciprocal_rank_fusion(
                    [lexical_ranking.tolist(), neighbours.tolist()], weights=mode_weights(query.mode)
                )
                order = np.array(
                    sorted(fused, key=lambda s: (-fused[s], -snapshot.published[s])), dtype=np.int64
                )
                scores = {int(s): fused[int(s)] for s in order[: query.window]}
            page = [int(s) for s in order[query.offset : query.window]]
            keys = [snapshot.keys[s] for s in page]
            entry_ids = [int(snapshot.entry_id[s]) for s in page]
            published = [snapshot.published[s] for s in page]
            hit_scores = [scores.get(s, 0.0) for s in page]
        marked = list(dict.fromkeys(term for group in groups for term in group))
        hits = self._hits(keys, entry_ids, hit_scores, published, marked)
        return SearchResults(hits=hits, total=total, facets=facets, backend=self.alias)

    def _relevance(
        self, snapshot: _Snapshot, vectors: tuple[np.ndarray, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """How far each listing's cosine stands above the others of its language (z-score over
        the public listings with vectors), and which listings clear the relevance bar.

        The multilingual encoder rates a same-language pair higher than an equally good pair
        across languages; within each language the offset is gone, so the best Dutch listing
        for an English description can come first. The bar does not depend on the filters, so
        the facet counts are those of the list.
        """
        sims, valid = vectors
        n = snapshot.n
        population = self._base_mask(snapshot, SearchQuery()) & valid
        relevance = np.full(n, -np.inf)
        rest = population.copy()
        languages = snapshot.facets["language"]
        for value in languages.values:
            group = languages.mask(value, n) & population
            if group.sum() >= MIN_LANGUAGE_GROUP:
                relevance[group] = _standardise(sims[group])
                rest &= ~group
        if rest.any():
            relevance[rest] = _standardise(sims[rest])
        floor = self.describe_min_similarity
        if floor is None:
            floor = _relevance_floor()
        relevant = population & (sims >= floor)
        if population.sum() >= MIN_LANGUAGE_GROUP:  # a handful of listings has no "above the rest"
            relevant &= relevance >= self.describe_min_z
        return relevance, relevant

    def _describe_scores(
        self,
        snapshot: _Snapshot,
        slots: np.ndarray,
        relevance: np.ndarray,
        groups: Sequence[Sequence[str]],
    ) -> np.ndarray:
        """Relevance plus a little for words in common, standardised per language, for `slots`.

        Words in common are counted for the best `VECTOR_CANDIDATES` only (one query for a few
        dozen texts); the others keep their relevance.
        """
        scores = relevance[slots].astype(np.float64)
        if not len(slots):
            return scores
        best = np.argsort(-scores, kind="stable")[: self.vector_candidates]
        overlap = words_in_common(snapshot.entry_id[slots[best]].tolist(), groups)
        counts = np.array(
            [overlap.get(int(snapshot.entry_id[slots[i]]), 0.0) for i in best], dtype=np.float64
        )
        languages = snapshot.facets["language"]
        in_language = np.zeros(len(best), dtype=bool)
        for value in languages.values:
            group = languages.mask(value, snapshot.n)[slots[best]]
            if group.sum() > 1:
                scores[best[group]] += DESCRIBE_LEXICAL_WEIGHT * _standardise(counts[group])
                in_language |= group
        if (~in_language).sum() > 1:
            scores[best[~in_language]] += DESCRIBE_LEXICAL_WEIGHT * _standardise(
                counts[~in_language]
            )
        return scores

    @staticmethod
    def _slots(snapshot: _Snapshot, entry_ids: np.ndarray) -> np.ndarray:
        slots = np.full(entry_ids.shape[0], -1, dtype=np.int64)
        inside = entry_ids < snapshot.slot_by_entry.shape[0]
        slots[inside] = snapshot.slot_by_entry[entry_ids[inside]]
        return slots

    def _hits(
        self,
        keys: list[str],
        entry_ids: list[int],
        scores: list[float],
        published: list[float],
        terms: list[str],
    ) -> list[SearchHit]:
        from ..models import SearchEntry

        texts = {
            pk: (title, body)
            for pk, title, body in SearchEntry.objects.filter(pk__in=entry_ids).values_list(
                "pk", "title", "body"
            )
        }
        hits = []
        for key, entry_id, score, stamp in zip(keys, entry_ids, scores, published, strict=True):
            title, body = texts.get(entry_id, ("", ""))
            hits.append(
                SearchHit(
                    key=key,
                    score=score,
                    title=mark_terms(title, terms),
                    snippet=snippet(body, terms),
                    published_at=datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
                    if stamp
                    else None,
                )
            )
        return hits

    def vector_search(
        self,
        vector: QueryVector,
        *,
        k: int = 50,
        filters: Mapping[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        with self._lock:
            snapshot = self._fresh_snapshot()
            scored = self._vector_scores(snapshot, vector)
            if scored is None:
                return []
            sims, valid = scored
            mask = self._base_mask(snapshot, SearchQuery()) & valid
            for filter_mask in self._filter_masks(snapshot, filters or {}).values():
                mask &= filter_mask
            slots = self._top(sims, mask, k)
            return [(snapshot.keys[s], float(sims[s])) for s in slots]


def _encoder_name() -> str | None:
    """The configured encoder's model name; None without an encoder (words only)."""
    try:
        return get_encoder().name
    except EncoderUnavailable:
        return None


def entry_key(entry: Any) -> str:
    return document_key(entry.doc_type, entry.object_id)


def words_in_common(entry_ids: list[int], groups: Sequence[Sequence[str]]) -> dict[int, float]:
    """How well each entry's text shares the query's words: 3 per term in the title, 2 in the
    extra words, 1 in the body (a cheap stand-in for BM25 over a few dozen candidates). A term
    is a group of alternatives (the word and its stems): any of them counts."""
    from ..models import SearchEntry

    pattern = term_pattern(tuple(term for group in groups for term in group))
    if pattern is None:
        return {}
    scores: dict[int, float] = {}
    rows = SearchEntry.objects.filter(pk__in=entry_ids).values_list("pk", "title", "extra", "body")
    for pk, *fields in rows:
        found: set[int] = set()
        score = 0.0
        for weight, text in zip((3.0, 2.0, 1.0), fields, strict=True):
            words = {match.group() for match in pattern.finditer(fold_aligned(text))}
            new = {
                index
                for index, group in enumerate(groups)
                if index not in found and any(term_matches(w, group) for w in words)
            }
            score += weight * len(new)
            found |= new
        scores[pk] = score
    return scores


def _standardise(values: np.ndarray) -> np.ndarray:
    """z-scores (all zero when the values do not vary)."""
    values = np.asarray(values, dtype=np.float64)
    std = values.std()
    if not len(values) or std < 1e-9:
        return np.zeros(len(values))
    return (values - values.mean()) / std


def _relevance_floor() -> float:
    """The configured encoder's cosine floor for a relevant listing (0 without an encoder)."""
    try:
        return relevance_floor(get_encoder())
    except EncoderUnavailable:
        return 0.0


def _next_generation(*, new_epoch: bool = False) -> int:
    """Raise the index generation inside the caller's transaction (writers queue on this row)."""
    from django.db.models import F

    from ..models import SearchIndexState

    changes = {"generation": F("generation") + 1}
    if new_epoch:
        changes["epoch"] = F("epoch") + 1
    if not SearchIndexState.objects.filter(pk=1).update(**changes):
        SearchIndexState.objects.get_or_create(pk=1)
        SearchIndexState.objects.filter(pk=1).update(**changes)
    return SearchIndexState.objects.values_list("generation", flat=True).get(pk=1)
