"""Full text in the database itself: SQLite FTS5 or PostgreSQL text search, behind one small class.

Both store a folded (lower case, accent-free) copy of each entry's title, extra words and body
followed by their Dutch or English stems (search.stemming), keyed by the `SearchEntry` id, and
answer a list of query terms with (entry id, score) pairs, higher scores better. A term may be a
group of alternatives (the word and its stems): any of them matches. The tables are created by migration search/0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from django.db import connection

from core.text import fold

from ..stemming import with_stems

Term = str | Sequence[str]  # one word, or alternatives of which any may match

# PostgreSQL text search configuration per content language (profiles carry none: Dutch).
PG_CONFIGS = {"nl": "dutch", "en": "english", "": "dutch"}


class FullText:
    """The database's own full-text engine for the embedded backend."""

    def write(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        """Replace the text of these entries: (entry id, title, body, extra, language)."""
        raise NotImplementedError

    def delete(self, entry_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def match(
        self, terms: Sequence[Term], *, any_term: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Entry ids matching all terms (or any, with `any_term`) and their scores."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError


def _empty() -> tuple[np.ndarray, np.ndarray]:
    return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)


def _clean(term: str) -> str:
    return "".join(char for char in term if char.isalnum())


def _alternatives(term: Term) -> list[str]:
    """The cleaned, distinct alternatives of one term."""
    found: list[str] = []
    for alternative in [term] if isinstance(term, str) else term:
        cleaned = _clean(alternative)
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return found


class SqliteFullText(FullText):
    """FTS5 table `search_fts(title, body, extra)`, unicode61 tokens without diacritics, BM25."""

    # BM25 column weights: a word in the title counts ten times one in the body.
    WEIGHTS = (10.0, 1.0, 3.0)

    def write(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(row[0],) for row in rows]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, extra) VALUES (%s, %s, %s, %s)",
                [
                    (pk, with_stems(title, language), with_stems(body, language), fold(extra))
                    for pk, title, body, extra, language in rows
                ],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in entry_ids]
                )

    def expression(self, terms: Sequence[Term], *, any_term: bool = False) -> str:
        """The FTS5 MATCH expression: quoted terms, prefixes from four letters on; a term's
        alternatives in brackets joined by OR."""
        parts = []
        for term in terms:
            quoted = [f'"{t}"*' if len(t) >= 4 else f'"{t}"' for t in _alternatives(term)]
            if len(quoted) == 1:
                parts.append(quoted[0])
            elif quoted:
                parts.append("(" + " OR ".join(quoted) + ")")
        return (" OR " if any_term else " AND ").join(parts)

    def match(
        self, terms: Sequence[Term], *, any_term: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        expression = self.expression(terms, any_term=any_term)
        if not expression:
            return _empty()
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        sql = f"SELECT rowid, bm25(search_fts, {weights}) FROM search_fts WHERE search_fts MATCH %s"  # noqa: S608 - constants only
        params: list = [expression]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return _empty()
        data = np.asarray(rows, dtype=np.float64)
        # FTS5's bm25() is lower-is-better; flip it so that every engine answers higher-is-better.
        return data[:, 0].astype(np.int64), -data[:, 1]

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")


class PostgresFullText(FullText):
    """A weighted `tsvector` column on search_searchentry: stemmed in the content's language and
    unstemmed ('simple'), queried in Dutch, English and simple at once, ranked with ts_rank."""

    def write(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                """
                UPDATE search_searchentry SET search_vector =
                    setweight(to_tsvector(%(config)s::regconfig, %(title)s), 'A')
                    || setweight(to_tsvector('simple', %(title)s), 'A')
                    || setweight(to_tsvector('simple', %(extra)s), 'B')
                    || setweight(to_tsvector(%(config)s::regconfig, %(body)s), 'C')
                    || setweight(to_tsvector('simple', %(body)s), 'D')
                WHERE id = %(id)s
                """,
                [
                    {
                        "id": pk,
                        "config": PG_CONFIGS.get(language, "dutch"),
                        "title": with_stems(title, language),
                        "body": with_stems(body, language),
                        "extra": fold(extra),
                    }
                    for pk, title, body, extra, language in rows
                ],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE search_searchentry SET search_vector = NULL WHERE id = ANY(%s)",
                    [list(entry_ids)],
                )

    def expression(self, terms: Sequence[Term], *, any_term: bool = False) -> str:
        """A to_tsquery() expression: terms joined with & (or |), prefixes from four letters on;
        a term's alternatives in brackets joined by |."""
        parts = []
        for term in terms:
            found = [f"{t}:*" if len(t) >= 4 else t for t in _alternatives(term)]
            if len(found) == 1:
                parts.append(found[0])
            elif found:
                parts.append("(" + " | ".join(found) + ")")
        return (" | " if any_term else " & ").join(parts)

    def match(
        self, terms: Sequence[Term], *, any_term: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        expression = self.expression(terms, any_term=any_term)
        if not expression:
            return _empty()
        sql = """
            SELECT e.id, ts_rank(e.search_vector, q.query)
            FROM search_searchentry e,
                 (SELECT to_tsquery('dutch', %s) || to_tsquery('english', %s)
                         || to_tsquery('simple', %s) AS query) q
            WHERE e.search_vector @@ q.query
        """
        params: list = [expression, expression, expression]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return _empty()
        data = np.asarray(rows, dtype=np.float64)
        return data[:, 0].astype(np.int64), data[:, 1]

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE search_searchentry SET search_vector = NULL")


def fulltext_for_connection() -> FullText:
    """The full-text engine of the default database."""
    if connection.vendor == "postgresql":
        return PostgresFullText()
    if connection.vendor == "sqlite":
        return SqliteFullText()
    raise NotImplementedError(f"no embedded full-text search for {connection.vendor}")
