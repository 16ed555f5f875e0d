"""Opening a library file: creation, WAL, refusing what is not ours, and backups before upgrades."""

from __future__ import annotations

import sqlite3

import pytest

from reader_app.library import schema
from reader_app.library.library import Library
from reader_app.library.types import LibraryError


def test_creates_folder_and_uses_wal(tmp_path):
    path = tmp_path / "deep" / "folder" / "library.db"
    with Library.open(path) as library:
        assert library.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert library.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert path.exists()


def test_a_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my precious notes\n" * 100)
    with pytest.raises(LibraryError, match="not an SQLite database"):
        Library.open(path)
    assert path.read_bytes() == b"my precious notes\n" * 100


def test_another_apps_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a Reading List library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_a_corrupt_library_is_refused_and_left_untouched(library_with_sample, library_path):
    library_with_sample.close()
    data = bytearray(library_path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the first is garbage
    library_path.write_bytes(bytes(data))
    with pytest.raises(LibraryError, match=r"damaged|not a Reading List"):
        Library.open(library_path)
    assert library_path.read_bytes() == bytes(data)


def test_a_library_from_a_newer_version_is_refused(library, library_path):
    library.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, 'm999_future', 'later')",
        [schema.SET_NAME],
    )
    library.close()
    before = library_path.read_bytes()
    with pytest.raises(LibraryError, match="newer version"):
        Library.open(library_path)
    assert library_path.read_bytes() == before
