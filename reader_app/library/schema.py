"""The library's schema, as an ordered list of migrations applied with `sqlite_utils.Migrations`.

Never edit a migration that has shipped: add a new one to STEPS. Each runs in one transaction,
and `Library.open` backs the file up before applying any to an existing library. sqlite-utils
is imported only when a migration is due, which keeps it off the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

SET_NAME = "reader_app"
# The full-text index. Prefix indexes for 1-6 characters make search-as-you-type fast (a
# prefix such as "diffu" would otherwise load the whole doclist of every term starting with
# it). It holds only the words (contentless; `papers` keeps the text) and keys each paper by
# -id, so its own ascending order is the list's default order, newest first: FTS5 walks a
# doclist backwards a quarter slower than forwards.
LONGEST_PREFIX = 6  # longer prefixes: see vocabulary.py
FTS_TABLE = f"""CREATE VIRTUAL TABLE papers_fts USING fts5(
            title, abstract, note,
            content='',
            tokenize='unicode61 remove_diacritics 2',
            prefix='{" ".join(str(n) for n in range(1, LONGEST_PREFIX + 1))}'
        )"""
TABLE = "_sqlite_migrations"  # where sqlite-utils records applied migrations


def m001_initial(db: Database) -> None:
    """Papers, tags, import history, full-text index.

    The index and the per-view counts follow updates and deletes through triggers. New papers
    are added to both by `Library.import_result`, once per import: a per-row insert trigger
    makes a 100,000-paper import twice as slow.
    """
    db.executescript(
        """
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            format TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE papers (
            id INTEGER PRIMARY KEY,
            arxiv_id TEXT UNIQUE,
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            abstract TEXT NOT NULL DEFAULT '',
            authors TEXT NOT NULL DEFAULT '[]',
            authors_count INTEGER,
            organization TEXT,
            published TEXT,
            upvotes INTEGER,
            comments INTEGER,
            links TEXT NOT NULL DEFAULT '[]',
            repo TEXT,
            project_page TEXT,
            paper_url TEXT,
            source_file TEXT,
            source_format TEXT,
            import_id INTEGER REFERENCES imports(id),
            added TEXT NOT NULL,
            updated TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'inbox'
                CHECK (status IN ('inbox', 'later', 'read', 'archived')),
            starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX papers_title_key ON papers(title_key);
        CREATE INDEX papers_status ON papers(status);
        CREATE INDEX papers_starred ON papers(starred) WHERE starred = 1;
        CREATE TABLE paper_tags (
            paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (paper_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX paper_tags_tag ON paper_tags(tag);

        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 1,
            at TEXT NOT NULL
        );
        CREATE TABLE view_counts (
            view TEXT PRIMARY KEY,
            papers INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        INSERT INTO view_counts (view) VALUES ('inbox'), ('later'), ('read'), ('archived'), ('starred');
        CREATE TRIGGER papers_count_update AFTER UPDATE OF status, starred ON papers
        WHEN old.status IS NOT new.status OR old.starred IS NOT new.starred BEGIN
            UPDATE view_counts SET papers = papers - 1 WHERE view = old.status;
            UPDATE view_counts SET papers = papers + 1 WHERE view = new.status;
            UPDATE view_counts SET papers = papers + new.starred - old.starred WHERE view = 'starred';
        END;
        CREATE TRIGGER papers_count_delete AFTER DELETE ON papers BEGIN
            UPDATE view_counts SET papers = papers - 1 WHERE view = old.status;
            UPDATE view_counts SET papers = papers - old.starred WHERE view = 'starred';
        END;

        CREATE VIRTUAL TABLE papers_fts USING fts5(
            title, abstract, note,
            content='papers', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2',
            prefix='1 2 3 4 5 6'
        );
        CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, abstract, note)
            VALUES ('delete', old.id, old.title, old.abstract, old.note);
        END;
        CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, note ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, abstract, note)
            VALUES ('delete', old.id, old.title, old.abstract, old.note);
            INSERT INTO papers_fts(rowid, title, abstract, note)
            VALUES (new.id, new.title, new.abstract, new.note);
        END;
        """
    )


def m002_query_indexes(db: Database) -> None:
    """Indexes for 100,000 papers: sorting by title, date, counts or source without a full sort,
    and finding annotated papers (the default export) without reading every row."""
    db.executescript(
        """
        CREATE INDEX papers_title ON papers(title COLLATE NOCASE);
        CREATE INDEX papers_published ON papers(published);
        CREATE INDEX papers_upvotes ON papers(upvotes);
        CREATE INDEX papers_comments ON papers(comments);
        CREATE INDEX papers_starred_order ON papers(starred);
        CREATE INDEX papers_source ON papers(COALESCE(organization, printf('%09d', authors_count), ''));
        CREATE INDEX papers_noted ON papers(id) WHERE note != '';
        """
    )


def m003_newest_first_search(db: Database) -> None:
    """The full-text index rebuilt as `FTS_TABLE`: keyed by -id, so that search results come
    newest first in the index's own order. Rows are added in ascending key order (FTS5 flushes
    its buffer whenever a key goes down)."""
    db.executescript(
        """
        DROP TRIGGER papers_fts_delete;
        DROP TRIGGER papers_fts_update;
        DROP TABLE papers_fts;
        """
        + FTS_TABLE
        + """;
        INSERT INTO papers_fts (rowid, title, abstract, note)
            SELECT -id, title, abstract, note FROM papers ORDER BY id DESC;
        CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, abstract, note)
            VALUES ('delete', -old.id, old.title, old.abstract, old.note);
        END;
        CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, note ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, abstract, note)
            VALUES ('delete', -old.id, old.title, old.abstract, old.note);
            INSERT INTO papers_fts(rowid, title, abstract, note)
            VALUES (-new.id, new.title, new.abstract, new.note);
        END;
        """
    )


def m004_sort_indexes(db: Database) -> None:
    """Sorting by Code, Note or Tags without sorting every paper for each page: indexes on
    whether a paper has a repository or a note, and each paper's first tag kept in a column
    (by triggers) so that it can be indexed."""
    db.executescript(
        """
        CREATE INDEX papers_has_repo ON papers((repo IS NOT NULL));
        CREATE INDEX papers_has_note ON papers((note != ''));
        ALTER TABLE papers ADD COLUMN first_tag TEXT;
        UPDATE papers SET first_tag = (SELECT min(tag) FROM paper_tags WHERE paper_id = papers.id)
            WHERE id IN (SELECT paper_id FROM paper_tags);
        CREATE INDEX papers_first_tag ON papers(first_tag);
        CREATE TRIGGER paper_tags_first_after_insert AFTER INSERT ON paper_tags BEGIN
            UPDATE papers SET first_tag = (SELECT min(tag) FROM paper_tags WHERE paper_id = new.paper_id)
                WHERE id = new.paper_id;
        END;
        CREATE TRIGGER paper_tags_first_after_delete AFTER DELETE ON paper_tags BEGIN
            UPDATE papers SET first_tag = (SELECT min(tag) FROM paper_tags WHERE paper_id = old.paper_id)
                WHERE id = old.paper_id;
        END;
        """
    )


STEPS: tuple[Callable[[Database], None], ...] = (
    m001_initial,
    m002_query_indexes,
    m003_newest_first_search,
    m004_sort_indexes,
)


def known_migrations() -> set[str]:
    """Names of every migration this version of the app knows."""
    return {step.__name__ for step in STEPS}


def migrations() -> Migrations:
    """The migration set, for sqlite-utils to apply."""
    from sqlite_utils import Migrations

    migration_set = Migrations(SET_NAME)
    for step in STEPS:
        migration_set()(step)
    return migration_set
