"""The library: one SQLite file that owns every paper and the user's layer over it.

Only this module writes SQL for papers; the CLI and the GUI call the same methods.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from ..importers.fields import paper_url, title_key
from ..importers.records import PaperRecord, ParseResult
from . import query as query_language
from . import schema
from .history import Change, UserState, decode_states, encode_states
from .merge import merged_fields
from .types import ImportRecord, ImportSummary, LibraryError, ListRow, Paper, Source, Status, normalize_tag
from .vocabulary import Vocabulary

SQLITE_HEADER = b"SQLite format 3\x00"
Upgrade = Callable[[Callable[[], None]], None]  # runs an upgrade's work (see `Library.open`)
BUSY_TIMEOUT_S = 30.0
BATCH = 500
BACKUPS_KEPT = 3
HISTORY_KEPT = 100
STATUS_LABELS = {
    Status.INBOX: "Moved to Inbox",
    Status.LATER: "Moved to Later",
    Status.READ: "Marked read",
    Status.ARCHIVED: "Archived",
}


class ImportCancelled(Exception):
    """The user cancelled an import; nothing of it was kept."""


SORT_COLUMNS = {
    "added": "p.id",
    "title": "p.title COLLATE NOCASE",
    "source": "COALESCE(p.organization, printf('%09d', p.authors_count), '')",
    "published": "p.published",
    "upvotes": "p.upvotes",
    "comments": "p.comments",
    "starred": "p.starred",
    "repo": "p.repo IS NOT NULL",
    "status": "p.status",
    "note": "p.note != ''",
    "tags": "p.first_tag",
}
# Orders whose key is never NULL page by the last row shown (keyset); the others by OFFSET,
# which their indexes make cheap too.
_KEYSET_SORTS = {"added", "title", "source", "starred", "repo", "status", "note"}


@dataclass(frozen=True)
class Sort:
    """An order for paper lists; `added` is newest import first, then listing order."""

    key: str = "added"
    descending: bool = True

    @property
    def pages_by_key(self) -> bool:
        """Whether the next page is asked for with `after_id` (else with an offset)."""
        return self.key in _KEYSET_SORTS

    def sql(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        column = SORT_COLUMNS[self.key]
        if self.key == "added":
            return f"p.id {direction}"
        return f"{column} {direction}, p.id {direction}"


DEFAULT_SORT = Sort()

# A paper's tags, sorted and comma-joined (tags hold no commas).
_TAGS = "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM paper_tags WHERE paper_id = p.id ORDER BY tag))"

_LIST_COLUMNS = f"""p.id, p.title, p.starred, p.status, p.organization, p.authors_count, p.published,
    p.upvotes, p.comments, p.repo IS NOT NULL, p.note != '', {_TAGS}"""

_PAPER_COLUMNS = f"""p.id, p.arxiv_id, p.title, p.abstract, p.authors, p.authors_count, p.organization,
    p.published, p.upvotes, p.comments, p.links, p.repo, p.project_page, p.paper_url, p.source_file,
    p.source_format, p.added, p.updated, p.status, p.starred,
    {_TAGS},
    p.note"""

_LISTING_FIELDS = (
    "arxiv_id",
    "abstract",
    "authors",
    "authors_count",
    "organization",
    "published",
    "upvotes",
    "comments",
    "links",
    "repo",
    "project_page",
)


def _after(sort: Sort, paper_id: int, *, fts: bool) -> tuple[str, int]:
    """The condition (and its parameter) for the papers after `paper_id` in `sort`'s order."""
    if not sort.pages_by_key:
        raise ValueError(f"sorted by {sort.key}, pages go by offset, not after a paper")
    before = "<" if sort.descending else ">"
    if sort.key != "added":  # (key, id) beyond the last paper's
        key = SORT_COLUMNS[sort.key]
        return f"({key}, p.id) {before} (SELECT {key}, p.id FROM papers p WHERE p.id = ?)", paper_id
    if fts:  # the index's own key, -id, so that FTS5 itself starts there
        return f"papers_fts.rowid {'>' if sort.descending else '<'} ?", -paper_id
    return f"p.id {before} ?", paper_id


def _papers_suffix(ids: Sequence[int]) -> str:
    count = len(set(ids))
    return f" {count} papers" if count > 1 else ""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _tags(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(",")) if value else ()


_STATUSES = {status.value: status for status in Status}


def _list_row(row: tuple) -> ListRow:
    # Positional and without enum calls: this runs for every row of every page.
    return ListRow(
        row[0],
        row[1],
        row[2] == 1,
        _STATUSES[row[3]],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9] == 1,
        row[10] == 1,
        _tags(row[11]),
    )


def _paper(row: tuple) -> Paper:
    return Paper(
        id=row[0],
        arxiv_id=row[1],
        title=row[2],
        abstract=row[3],
        authors=tuple(json.loads(row[4])),
        authors_count=row[5],
        organization=row[6],
        published=row[7],
        upvotes=row[8],
        comments=row[9],
        links=tuple(json.loads(row[10])),
        repo=row[11],
        project_page=row[12],
        paper_url=row[13],
        source_file=row[14],
        source_format=row[15],
        added=row[16],
        updated=row[17],
        status=Status(row[18]),
        starred=bool(row[19]),
        tags=_tags(row[20]),
        note=row[21],
    )


def _check_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise LibraryError(f"{path} cannot be read: {error.strerror}") from None
    if header != SQLITE_HEADER:
        raise LibraryError(f"{path} is not a Reading List library (not an SQLite database); it was left untouched")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _applied(conn: sqlite3.Connection, tables: set[str]) -> set[str]:
    """Names of the migrations applied to this file."""
    if schema.TABLE not in tables:
        return set()
    query = f"SELECT name FROM {schema.TABLE} WHERE migration_set = ?"
    return {row[0] for row in conn.execute(query, [schema.SET_NAME])}


def _inspect(path: Path) -> tuple[set[str], bool]:
    """Applied migration names and whether the file holds any table, read without writing."""
    if not path.exists() or path.stat().st_size == 0:
        return set(), False
    uri = path.absolute().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            tables = _tables(conn)
            applied = _applied(conn, tables)
            # Touch every table's first page: cheap, and a damaged file fails here.
            for table in tables - {"papers_fts"}:
                if not table.startswith(("papers_fts_", "sqlite_")):
                    conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise LibraryError(
            f"{path} is damaged or not a Reading List library ({error}); it was left untouched"
        ) from None
    if tables and not applied:
        raise LibraryError(f"{path} is an SQLite database but not a Reading List library; it was left untouched")
    return applied, bool(tables)


def dated_backup_path(path: Path, kind: str = "backup") -> Path:
    """`NAME.KIND-YYYYMMDD-HHMMSS` next to the library."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.{kind}-{stamp}")


def backup_before_migration(path: Path, conn: sqlite3.Connection) -> Path:
    """Copy the library next to itself before its schema changes, keeping the newest few copies."""
    target = dated_backup_path(path, "before-upgrade")
    _online_copy(conn, target)
    for stale in sorted(path.parent.glob(f"{path.name}.before-upgrade-*"))[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def _online_copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, written whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    try:
        conn.backup(destination)
    finally:
        destination.close()
    shutil.move(partial, target)


class Library:
    """The reading list stored in one SQLite file. Open with `Library.open(path)`."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        # The index's long words, read off the UI thread by the window (`read_vocabulary`);
        # searches spell long prefixes out with it while it is current. None: not in use.
        self.vocabulary: Vocabulary | None = None

    # --- opening and closing ------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, upgrade: Upgrade | None = None) -> Library:
        """Open (creating if needed) the library at `path`: checks, backup, migrations, WAL.
        Upgrading an existing library takes a while for a big one (about 30 s for 100,000
        papers): `upgrade`, if given, is handed that work as a function to call once, for
        example in a thread behind a busy dialog (it must re-raise what the work raises)."""
        path = Path(path).expanduser()
        _check_file(path)
        applied, has_tables = _inspect(path)
        newer = applied - schema.known_migrations()
        if newer:
            raise LibraryError(
                f"{path} was written by a newer version of Reading List "
                f"(it has {', '.join(sorted(newer))}); update the app. The library was left untouched."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise LibraryError(f"{path} cannot be opened: {error}") from None
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            library = cls(path, conn)
            if schema.known_migrations() - applied:
                if has_tables and upgrade is not None:
                    upgrade(lambda: library._migrate(has_tables))
                else:
                    library._migrate(has_tables)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise LibraryError(f"{path} cannot be used: {error}") from None
        return library

    @contextmanager
    def _expansion(self, query: query_language.Query) -> Iterator[query_language.Expand | None]:
        """How to spell out the query's prefix if it is longer than the prefix indexes: the
        vocabulary's, while it matches the index. It is checked, and the query runs, in one read
        transaction. Every other query gets None and no transaction."""
        if self.vocabulary is None or query.longest_prefix <= schema.LONGEST_PREFIX:
            yield None
            return
        began = not self.conn.in_transaction  # (inside a write, that is already one snapshot)
        if began:
            self.conn.execute("BEGIN")
        try:
            if not self.vocabulary.is_current(self.conn):
                self.vocabulary = None  # the index changed: the owner reads a new one (vocabulary.py)
            yield self.vocabulary.expand if self.vocabulary is not None else None
        finally:
            if began and self.conn.in_transaction:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.OperationalError:  # (an interrupted read) nothing to keep anyway
                    self.conn.execute("ROLLBACK")

    def _migrate(self, has_tables: bool) -> None:
        """Apply pending migrations under the write lock (another process may be doing it too),
        backing the file up first when it already held a library."""
        from sqlite_utils import Database

        if has_tables:
            backup_before_migration(self.path, self.conn)  # (SQLite's backup cannot run inside our write)
        with self._write() as conn:
            if schema.known_migrations() - _applied(conn, _tables(conn)):  # unless another process has just done it
                schema.migrations().apply(Database(conn))

    def close(self) -> None:
        """Close the connection (checkpointing the write-ahead log)."""
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock up front so it waits rather than fails."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- importing ------------------------------------------------------------------------------

    def import_result(
        self,
        result: ParseResult,
        source: Source,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportSummary:
        """Merge a parsed listing into the library in one transaction; all of it or none of it.

        New papers land in the inbox. Known papers (same arXiv id, else same normalized title)
        get refreshed listing fields; their status, star, tags and note are never touched.
        """
        records = list(reversed(result.records))  # inserted last-to-first: `id DESC` is listing order
        now = _now()
        new = updated = unchanged = 0
        touched: set[int] = set()
        with self._write() as conn:
            last_id = conn.execute("SELECT coalesce(max(id), 0) FROM papers").fetchone()[0]
            import_id = conn.execute(
                "INSERT INTO imports (file_name, content_hash, format, imported_at, warnings) VALUES (?, ?, ?, ?, ?)",
                (source.name, source.content_hash, source.format, now, len(result.warnings)),
            ).lastrowid
            for start in range(0, len(records), BATCH):
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                batch = records[start : start + BATCH]
                n, u, c = self._merge_batch(batch, source, import_id, now, touched)
                new, updated, unchanged = new + n, updated + u, unchanged + c
                if progress is not None:
                    progress(min(start + BATCH, len(records)), len(records))
            conn.execute(
                "INSERT INTO papers_fts (rowid, title, abstract, note) "  # keys ascending (see schema)
                "SELECT -id, title, abstract, note FROM papers WHERE id > ? ORDER BY id DESC",
                [last_id],
            )
            conn.execute("UPDATE view_counts SET papers = papers + ? WHERE view = 'inbox'", [new])
            conn.execute(
                "UPDATE imports SET new = ?, updated = ?, unchanged = ? WHERE id = ?",
                (new, updated, unchanged, import_id),
            )
        return ImportSummary(source, new, updated, unchanged, tuple(result.warnings), import_id)

    def _merge_batch(
        self, batch: list[PaperRecord], source: Source, import_id: int, now: str, touched: set[int]
    ) -> tuple[int, int, int]:
        keys = [title_key(record.title) for record in batch]
        by_id, by_key = self._existing(batch, keys)
        inserts: list[tuple] = []
        pending_ids: set[str] = set()  # papers this batch inserts: their arXiv ids and title keys
        pending_keys: dict[str, set[str | None]] = {}
        new = updated = unchanged = 0
        for record, key in zip(batch, keys, strict=True):
            row = by_id.get(record.arxiv_id) if record.arxiv_id else None
            if row is None:
                row = next((r for r in by_key.get(key, ()) if r["arxiv_id"] in (None, record.arxiv_id)), None)
            if row is None:
                same_key = pending_keys.get(key, set())
                if record.arxiv_id in pending_ids or (
                    same_key and (record.arxiv_id is None or None in same_key or record.arxiv_id in same_key)
                ):
                    continue  # the same paper twice in one listing: the first description is kept
                pending_keys.setdefault(key, set()).add(record.arxiv_id)
                if record.arxiv_id:
                    pending_ids.add(record.arxiv_id)
                inserts.append(self._insert_values(record, key, source, import_id, now))
                continue
            if row["id"] in touched or row["import_id"] == import_id:
                continue  # the same paper twice in one listing: counted once
            touched.add(row["id"])
            changes = merged_fields(row, record)
            if not changes:
                unchanged += 1
                continue
            updated += 1
            if "arxiv_id" in changes:
                changes["paper_url"] = paper_url(changes["arxiv_id"])
            changes["updated"] = now
            assignments = ", ".join(f"{column} = ?" for column in changes)
            self.conn.execute(f"UPDATE papers SET {assignments} WHERE id = ?", [*changes.values(), row["id"]])
            if changes.get("arxiv_id"):
                by_id[changes["arxiv_id"]] = {**row, **changes}
        if inserts:
            cursor = self.conn.executemany(
                """INSERT INTO papers (arxiv_id, title, title_key, abstract, authors, authors_count,
                    organization, published, upvotes, comments, links, repo, project_page, paper_url,
                    source_file, source_format, import_id, added, updated)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                inserts,
            )
            new = cursor.rowcount
        return new, updated, unchanged

    @staticmethod
    def _insert_values(record: PaperRecord, key: str, source: Source, import_id: int, now: str) -> tuple:
        return (
            record.arxiv_id,
            record.title,
            key,
            record.abstract,
            json.dumps(list(record.authors)),
            record.authors_count if record.authors_count is not None else (len(record.authors) or None),
            record.organization,
            record.published.isoformat() if record.published else None,
            record.upvotes,
            record.comments,
            json.dumps(list(record.links)),
            record.repo,
            record.project_page,
            paper_url(record.arxiv_id),
            source.name,
            source.format,
            import_id,
            now,
            now,
        )

    def _existing(self, batch: list[PaperRecord], keys: list[str]) -> tuple[dict[str, dict], dict[str, list[dict]]]:
        """Papers already stored that share an arXiv id or a title key with the batch."""
        columns = "id, title_key, import_id, " + ", ".join(_LISTING_FIELDS)
        ids = sorted({record.arxiv_id for record in batch if record.arxiv_id})
        by_id: dict[str, dict] = {}
        by_key: dict[str, list[dict]] = {}
        rows: list[dict] = []
        for column, values in (("arxiv_id", ids), ("title_key", sorted(set(keys)))):
            if values:
                marks = ", ".join("?" * len(values))
                cursor = self.conn.execute(f"SELECT {columns} FROM papers WHERE {column} IN ({marks})", values)
                names = [d[0] for d in cursor.description]
                rows.extend(dict(zip(names, row, strict=True)) for row in cursor)
        for row in sorted({row["id"]: row for row in rows}.values(), key=lambda r: r["arxiv_id"] is not None):
            if row["arxiv_id"]:
                by_id[row["arxiv_id"]] = row
            by_key.setdefault(row["title_key"], []).append(row)
        return by_id, by_key

    # --- reading -----------------------------------------------------------------------------

    def _select(
        self,
        columns: str,
        query: query_language.Query,
        sort: Sort = DEFAULT_SORT,
        limit: int | None = None,
        offset: int = 0,
        *,
        after_id: int | None = None,
        among: Sequence[int] | None = None,
    ) -> list[tuple]:
        with self._expansion(query) as expand:
            compiled = query_language.compile(query, expand)
            conditions, params = [compiled.where], list(compiled.params)
            fts = compiled.fts is not None
            order = sort.sql()
            if fts and sort.key == "added":  # the index keys papers by -id: its own order is newest first
                order = f"papers_fts.rowid {'ASC' if sort.descending else 'DESC'}"
            if after_id is not None:
                condition, param = _after(sort, after_id, fts=fts)
                conditions.append(condition)
                params.append(param)
            if among is not None:
                conditions.append(f"p.id IN ({', '.join('?' * len(among))})")
                params.extend(among)
            source = "papers_fts JOIN papers p ON p.id = -papers_fts.rowid" if fts else "papers p"
            match = "papers_fts MATCH ? AND " if fts else ""
            sql = f"SELECT {columns} FROM {source} WHERE {match}{' AND '.join(conditions)}"
            if fts:
                params.insert(0, compiled.fts)
            if columns != "count(*)":
                sql += f" ORDER BY {order}"
            if limit is not None:
                sql += " LIMIT ? OFFSET ?"
                params += [limit, offset]
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:
                if "fts5" in str(error).lower():
                    raise query_language.QueryError(f"this search cannot be run: {error}") from None
                raise

    def rows(
        self,
        query: query_language.Query | str = "",
        *,
        sort: Sort = DEFAULT_SORT,
        limit: int | None = None,
        offset: int = 0,
        after_id: int | None = None,
    ) -> list[ListRow]:
        """Rows for the paper list matching a query, in order: the next page after the paper
        `after_id` when `sort.pages_by_key`, else from `offset`."""
        rows = self._select(_LIST_COLUMNS, _query(query), sort, limit, offset, after_id=after_id)
        return [_list_row(row) for row in rows]

    def quick_rows(
        self, query: query_language.Query, *, sort: Sort = DEFAULT_SORT, limit: int, budget_ms: float
    ) -> list[ListRow] | None:
        """`rows`, or None when the query needs more than `budget_ms` (it is stopped then).
        Lets a caller answer at once when it can and hand slow queries to a worker."""
        deadline = time.perf_counter() + budget_ms / 1000
        self.conn.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)
        try:
            return self.rows(query, sort=sort, limit=limit)
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                return None
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    def rows_for(self, ids: Sequence[int]) -> dict[int, ListRow]:
        """List rows of the given papers, by id."""
        return {row[0]: _list_row(row) for row in self._select(_LIST_COLUMNS, query_language.Query(), among=ids)}

    def matching(self, query: query_language.Query | str, ids: Sequence[int]) -> set[int]:
        """Which of the given papers match a query."""
        return {row[0] for row in self._select("p.id", _query(query), among=list(ids))}

    def papers(
        self,
        query: query_language.Query | str = "",
        *,
        sort: Sort = DEFAULT_SORT,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Paper]:
        """Whole papers matching a query, in order."""
        return [_paper(row) for row in self._select(_PAPER_COLUMNS, _query(query), sort, limit, offset)]

    def count(self, query: query_language.Query | str = "") -> int:
        """How many papers match a query."""
        return self._select("count(*)", _query(query))[0][0]

    def get(self, paper_id: int) -> Paper | None:
        """One paper by its library id."""
        row = self.conn.execute(f"SELECT {_PAPER_COLUMNS} FROM papers p WHERE p.id = ?", [paper_id]).fetchone()
        return _paper(row) if row else None

    def find(self, reference: str) -> Paper | None:
        """A paper by library id (`12`) or arXiv id (`2410.17243`)."""
        reference = reference.strip()
        if reference.isdigit():
            return self.get(int(reference))
        row = self.conn.execute(f"SELECT {_PAPER_COLUMNS} FROM papers p WHERE p.arxiv_id = ?", [reference]).fetchone()
        return _paper(row) if row else None

    def get_by_title(self, title: str) -> Paper | None:
        """The paper with this title (compared as identity is: case and punctuation ignored)."""
        row = self.conn.execute(
            f"SELECT {_PAPER_COLUMNS} FROM papers p WHERE p.title_key = ? ORDER BY p.id LIMIT 1", [title_key(title)]
        ).fetchone()
        return _paper(row) if row else None

    def view_counts(self) -> dict[str, int]:
        """Papers per view: each status, `starred` and `all`."""
        counts = dict(self.conn.execute("SELECT view, papers FROM view_counts").fetchall())
        counts["all"] = sum(counts[status.value] for status in Status)
        return counts

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with its number of papers, alphabetically."""
        return self.conn.execute("SELECT tag, count(*) FROM paper_tags GROUP BY tag ORDER BY tag").fetchall()

    def imports(self, limit: int = 20) -> list[ImportRecord]:
        """The most recent imports, newest first."""
        rows = self.conn.execute(
            """SELECT id, file_name, content_hash, format, imported_at, new, updated, unchanged, warnings
               FROM imports ORDER BY id DESC LIMIT ?""",
            [limit],
        ).fetchall()
        return [ImportRecord(*row) for row in rows]

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM papers)").fetchone()[0] == 1

    # --- the user's layer ------------------------------------------------------------------------

    def states(self, ids: Sequence[int]) -> dict[int, UserState]:
        """The triage state (status, star, tags) of existing papers, by id."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT p.id, p.status, p.starred, {_TAGS} FROM papers p WHERE p.id IN ({marks})",
            ids,
        ).fetchall()
        found = {row[0]: UserState(Status(row[1]), bool(row[2]), _tags(row[3])) for row in rows}
        return {paper_id: found[paper_id] for paper_id in ids if paper_id in found}

    def _write_states(self, states: dict[int, UserState], current: dict[int, UserState] | None = None) -> None:
        """Write papers' triage states; `current` saves reading them again when the caller has."""
        current = self.states(list(states)) if current is None else current
        for paper_id, state in states.items():
            old = current.get(paper_id)
            if old is None:
                continue
            if old.status != state.status or old.starred != state.starred:
                self.conn.execute(
                    "UPDATE papers SET status = ?, starred = ? WHERE id = ?",
                    (state.status.value, int(state.starred), paper_id),
                )
            if old.tags != state.tags:
                self.conn.execute("DELETE FROM paper_tags WHERE paper_id = ?", (paper_id,))
                self.conn.executemany(
                    "INSERT INTO paper_tags (paper_id, tag) VALUES (?, ?)", [(paper_id, tag) for tag in state.tags]
                )

    def _change(self, label: str, ids: Sequence[int], edit: Callable[[UserState], UserState]) -> Change:
        """Apply `edit` to papers' triage state in one transaction and record it for undo."""
        with self._write():
            current = self.states(ids)
            after = {paper_id: edit(state) for paper_id, state in current.items()}
            before = {i: s for i, s in current.items() if after[i] != s}
            after = {i: after[i] for i in before}
            change = Change(label, before, after)
            if before:
                self._write_states(after, current)
                self.conn.execute("DELETE FROM history WHERE done = 0")
                self.conn.execute(
                    "INSERT INTO history (label, before, after, done, at) VALUES (?, ?, ?, 1, ?)",
                    (label, encode_states(before), encode_states(after), _now()),
                )
                self.conn.execute(
                    "DELETE FROM history WHERE id <= (SELECT id FROM history ORDER BY id DESC LIMIT 1 OFFSET ?)",
                    [HISTORY_KEPT],
                )
        return change

    def set_status(self, ids: Sequence[int], status: Status | str) -> Change:
        """Move papers to a triage status."""
        status = Status(status)
        label = STATUS_LABELS[status] + _papers_suffix(ids)
        return self._change(label, ids, lambda s: replace(s, status=status))

    def set_starred(self, ids: Sequence[int], starred: bool) -> Change:
        """Star or unstar papers."""
        label = ("Starred" if starred else "Unstarred") + _papers_suffix(ids)
        return self._change(label, ids, lambda s: replace(s, starred=starred))

    def toggle_star(self, ids: Sequence[int]) -> Change:
        """Star the papers, or unstar them when all of them are starred already."""
        states = self.states(ids)
        return self.set_starred(ids, not all(state.starred for state in states.values()))

    def edit_tags(self, ids: Sequence[int], add: Iterable[str] = (), remove: Iterable[str] = ()) -> Change:
        """Add and remove tags on papers (normalized; others kept)."""
        add = {t for t in map(normalize_tag, add) if t}
        remove = {t for t in map(normalize_tag, remove) if t} - add
        label = "Tags changed" + _papers_suffix(ids)
        return self._change(label, ids, lambda s: replace(s, tags=tuple(sorted((set(s.tags) - remove) | add))))

    def add_tags(self, ids: Sequence[int], tags: Iterable[str]) -> Change:
        """Add tags to papers."""
        return self.edit_tags(ids, add=tags)

    def remove_tags(self, ids: Sequence[int], tags: Iterable[str]) -> Change:
        """Remove tags from papers."""
        return self.edit_tags(ids, remove=tags)

    def undo(self) -> Change | None:
        """Take back the latest change still done; None when there is nothing to undo."""
        return self._step_history(undo=True)

    def redo(self) -> Change | None:
        """Do again the earliest undone change; None when there is nothing to redo."""
        return self._step_history(undo=False)

    def _step_history(self, *, undo: bool) -> Change | None:
        order = "DESC" if undo else "ASC"
        with self._write():
            row = self.conn.execute(
                f"SELECT id, label, before, after FROM history WHERE done = ? ORDER BY id {order} LIMIT 1",
                [int(undo)],
            ).fetchone()
            if row is None:
                return None
            change = Change(row[1], decode_states(row[2]), decode_states(row[3]))
            self._write_states(change.before if undo else change.after)
            self.conn.execute("UPDATE history SET done = ? WHERE id = ?", [int(not undo), row[0]])
        return change

    def history_labels(self) -> tuple[str | None, str | None]:
        """Labels of what undo and redo would do now."""
        undo = self.conn.execute("SELECT label FROM history WHERE done = 1 ORDER BY id DESC LIMIT 1").fetchone()
        redo = self.conn.execute("SELECT label FROM history WHERE done = 0 ORDER BY id LIMIT 1").fetchone()
        return (undo[0] if undo else None, redo[0] if redo else None)

    def set_note(self, paper_id: int, note: str) -> None:
        """Replace a paper's Markdown note."""
        with self._write() as conn:
            conn.execute("UPDATE papers SET note = ? WHERE id = ? AND note != ?", (note, paper_id, note))

    def backup(self, target: Path | str) -> Path:
        """A consistent copy of the library (SQLite's online backup), safe while others write."""
        target = Path(target)
        _online_copy(self.conn, target)
        return target


def _query(query: query_language.Query | str) -> query_language.Query:
    return query_language.parse(query) if isinstance(query, str) else query
