"""Full-text search over documents (title and text), for the ``q`` filter.

SQLite: an FTS5 index (``document_search``, porter stemming) kept by triggers on ``documents``
(migration 0008), contentless so the text is not stored twice; ``document_search_ids`` gives each
document a stable integer row (a table with a text key may renumber its rowids on VACUUM).
PostgreSQL: a GIN index on ``to_tsvector('english', title || ' ' || text)``. Both stem English
("attacked" finds "attack") and need every word of the query; a quoted phrase must appear as
written; ``OR`` between two words takes either. Claim quotes are sentences of their documents,
so searching documents searches them too.

``matching(column, q)`` is a boolean SQL expression: the document id in ``column`` is of a
document that matches ``q``. It compiles per dialect, so the filter code stays one.
"""

from __future__ import annotations

import re

from sqlalchemy import literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def terms(q: str) -> list[str]:
    """The query as FTS5 terms: quoted phrases and words, each double-quoted (so no user text is
    read as FTS5 syntax), ``OR`` kept between terms; punctuation-only pieces dropped."""
    out: list[str] = []
    for phrase, word in _TERM.findall(q):
        if word == "OR":
            if out and out[-1] != "OR":
                out.append("OR")
            continue
        words = _WORD.findall(phrase if phrase else word)
        if words:
            out.append('"' + " ".join(words) + '"')
    while out and out[-1] == "OR":
        out.pop()
    return out


def fts5_query(q: str) -> str:
    return " ".join(terms(q))


def has_terms(q: str) -> bool:
    return bool(terms(q))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stems(text: str) -> str:
    return " " + " ".join(_stem(w) for w in _WORD.findall(text.lower())) + " "


def text_matches(text: str, q: str) -> bool:
    """The in-memory store's reading of ``q``: every term (of ``a OR b``, either) is in
    ``text`` as whole words, case-insensitive, after stripping -ing, -ed, -es and -s (a rough
    stand-in for the databases' English stemming: "killed" finds "killing")."""
    low = _stems(text)
    groups: list[list[str]] = []
    either = False
    for t in terms(q):
        if t == "OR":
            either = True
            continue
        if either and groups:
            groups[-1].append(_stems(t.strip('"')))
        else:
            groups.append([_stems(t.strip('"'))])
        either = False
    return all(any(t in low for t in g) for g in groups)


class _Matching(ColumnElement):
    # Both forms of the query are bound parameters of the element itself, so SQLAlchemy's
    # statement cache substitutes them on every execution (a parameter made while compiling
    # would keep the first query's value).
    type = Boolean()
    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("fts5", InternalTraversal.dp_clauseelement),
                           ("web", InternalTraversal.dp_clauseelement)]

    def __init__(self, column, query: str) -> None:
        self.column = column
        self.fts5 = literal(fts5_query(query))
        self.web = literal(query)


def matching(column, q: str) -> ColumnElement:
    """``column`` (a document id) belongs to a document matching the user's query ``q``."""
    return _Matching(column, q)


@compiles(_Matching, "sqlite")
def _sqlite(element: _Matching, compiler, **kw) -> str:
    col = compiler.process(element.column, **kw)
    q = compiler.process(element.fts5, **kw)
    return (f"{col} IN (SELECT document_id FROM document_search_ids WHERE n IN "
            f"(SELECT rowid FROM document_search WHERE document_search MATCH {q}))")


@compiles(_Matching, "postgresql")
def _postgresql(element: _Matching, compiler, **kw) -> str:
    col = compiler.process(element.column, **kw)
    q = compiler.process(element.web, **kw)
    return (f"{col} IN (SELECT id FROM documents WHERE {POSTGRES_VECTOR} @@ "
            f"websearch_to_tsquery('english', {q}))")


@compiles(_Matching)
def _other(element: _Matching, compiler, **kw) -> str:  # pragma: no cover - two dialects only
    raise NotImplementedError(f"full-text search is not built for {compiler.dialect.name}")


# The indexed expression: a query must repeat it exactly for PostgreSQL to use the index.
POSTGRES_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"

# The two row statements the triggers are made of: a contentless FTS5 table forgets a row only
# when told its old values ('delete'), and takes a row under the document's stable number.
_ROW = "(SELECT n FROM document_search_ids WHERE document_id = {r}.id)"
_ADD_ROW = f"INSERT INTO document_search(rowid, title, text) VALUES ({_ROW.format(r='new')}, new.title, new.text);"
_DROP_ROW = ("INSERT INTO document_search(document_search, rowid, title, text) "
             f"VALUES ('delete', {_ROW.format(r='old')}, old.title, old.text);")

SQLITE_DDL = [
    "CREATE TABLE document_search_ids (n INTEGER PRIMARY KEY, document_id VARCHAR(32) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE document_search USING fts5(title, text, content='', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER document_search_insert AFTER INSERT ON documents BEGIN "
    f"INSERT INTO document_search_ids(document_id) VALUES (new.id); {_ADD_ROW} END",
    "CREATE TRIGGER document_search_delete AFTER DELETE ON documents BEGIN "
    f"{_DROP_ROW} DELETE FROM document_search_ids WHERE document_id = old.id; END",
    f"CREATE TRIGGER document_search_update AFTER UPDATE OF title, text ON documents BEGIN {_DROP_ROW} {_ADD_ROW} END",
    "INSERT INTO document_search_ids(document_id) SELECT id FROM documents ORDER BY id",
    """INSERT INTO document_search(rowid, title, text)
         SELECT s.n, d.title, d.text FROM documents d JOIN document_search_ids s ON s.document_id = d.id""",
]

SQLITE_DROP = ["DROP TRIGGER IF EXISTS document_search_update", "DROP TRIGGER IF EXISTS document_search_delete",
               "DROP TRIGGER IF EXISTS document_search_insert", "DROP TABLE IF EXISTS document_search",
               "DROP TABLE IF EXISTS document_search_ids"]

POSTGRES_DDL = [f"CREATE INDEX ix_documents_search ON documents USING GIN ({POSTGRES_VECTOR})"]
POSTGRES_DROP = ["DROP INDEX IF EXISTS ix_documents_search"]

__all__ = ["fts5_query", "has_terms", "matching", "terms", "text_matches"]
