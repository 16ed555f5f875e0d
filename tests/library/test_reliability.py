"""Crash safety, concurrency, upgrades and backups: a reading list must survive them all."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from benchmarks.make_listing import make_listing
from reader_app.importing import import_bytes
from reader_app.library.library import Library, Sort
from reader_app.library.types import Status
from tests.helpers import AS_OF, first_version_library, run_cli


def user_layer(library: Library) -> dict[int, tuple]:
    return {p.id: (p.status, p.starred, p.tags, p.note) for p in library.papers()}


def annotate(library: Library) -> None:
    rows = library.rows(limit=5)
    library.set_starred([rows[0].id], True)
    library.set_status([rows[1].id], Status.LATER)
    library.add_tags([rows[2].id, rows[3].id], ["keep"])
    library.set_note(rows[4].id, "a note that must survive")


def integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_an_import_killed_at_any_moment_is_all_or_nothing(tmp_path, sample_bytes):
    library_path = tmp_path / "lib.db"
    with Library.open(library_path) as library:
        import_bytes(library, sample_bytes, "sample.txt", as_of=AS_OF)
        annotate(library)
        before_layer = user_layer(library)
    listing = tmp_path / "big.txt"
    listing.write_text(make_listing(6000))
    rng = random.Random(7)
    outcomes = set()
    for _attempt in range(5):
        process = subprocess.Popen(
            [sys.executable, "-m", "reader_app", "--library", str(library_path), "import", str(listing)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert integrity(library_path) == "ok"
        with Library.open(library_path) as library:
            count = library.count()
            assert count in (46, 46 + 6000), count
            outcomes.add(count)
            layer = user_layer(library)
            assert {paper_id: layer[paper_id] for paper_id in before_layer} == before_layer
            if count > 46:  # a run finished before the kill: start again from the sample
                break
    assert 46 in outcomes  # at least one kill landed mid-import


def test_two_imports_at_once_both_succeed(tmp_path):
    library_path = tmp_path / "lib.db"
    Library.open(library_path).close()
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(make_listing(3000, seed=1))
    two.write_text(make_listing(3000, seed=2).replace(" 00", " B00"))  # other titles
    command = [sys.executable, "-m", "reader_app", "--library", str(library_path), "import"]
    processes = [
        subprocess.Popen([*command, str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in (one, two)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    with Library.open(library_path) as library:
        assert library.count() == 6000


def test_an_import_waits_for_a_busy_library_instead_of_failing(tmp_path, sample_bytes):
    library_path = tmp_path / "lib.db"
    holder = Library.open(library_path)
    holder.conn.execute("BEGIN IMMEDIATE")  # another program is writing right now
    listing = tmp_path / "s.txt"
    listing.write_bytes(sample_bytes)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader_app", "--library", str(library_path), "import", str(listing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)
    holder.conn.execute("COMMIT")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert b"46 new" in out and b"locked" not in err
    holder.close()


def test_a_migration_backs_the_library_up_first_and_keeps_the_users_layer(tmp_path):
    library_path = tmp_path / "lib.db"
    first_version_library(library_path)
    for stamp in ("20200101-000000", "20210101-000000", "20220101-000000", "20230101-000000"):
        (tmp_path / f"lib.db.before-upgrade-{stamp}").write_bytes(b"old backup")

    with Library.open(library_path) as library:
        assert library.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'papers_title'").fetchone()[0] == 1
        paper = library.get(1)
        assert (paper.status, paper.starred, paper.tags, paper.note) == (Status.LATER, True, ("mine",), "kept")
        assert [row.title for row in library.rows("kept old")] == ["Old Paper"]  # still found by its words
        assert [row.title for row in library.rows()] == ["Newer Paper", "Old Paper"]
        assert [row.title for row in library.rows(sort=Sort("tags", True))] == ["Old Paper", "Newer Paper"]
    backups = sorted(tmp_path.glob("lib.db.before-upgrade-*"))
    assert len(backups) == 3  # the newest few are kept
    with Library.open(library_path):
        pass  # nothing to migrate: no new backup
    assert sorted(tmp_path.glob("lib.db.before-upgrade-*")) == backups
    backup_db = sqlite3.connect(backups[-1])
    names = {row[0] for row in backup_db.execute("SELECT name FROM _sqlite_migrations")}
    notes = backup_db.execute("SELECT note FROM papers WHERE id = 1").fetchall()
    backup_db.close()
    assert names == {"m001_initial"} and notes == [("kept",)]  # the library as it was before


def test_backup_command_while_the_app_has_the_library_open(tmp_path, sample_bytes):
    library_path = tmp_path / "lib.db"
    app = Library.open(library_path)
    import_bytes(app, sample_bytes, "sample.txt", as_of=AS_OF)
    annotate(app)
    app.conn.execute("BEGIN")  # the window is reading
    app.conn.execute("SELECT count(*) FROM papers").fetchone()
    target = tmp_path / "copies" / "copy.db"
    result = run_cli("backup", str(target), library=library_path)
    assert result.returncode == 0, result.stderr
    app.conn.execute("COMMIT")
    with Library.open(target) as copy:
        assert user_layer(copy) == user_layer(app)
    assert integrity(target) == "ok"
    default = run_cli("backup", library=library_path)
    assert default.returncode == 0 and "lib.db.backup-" in default.stdout.decode()
    app.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n\t ", "only whitespace"),
        (bytes(range(256)) * 10, "binary"),
        (b"Title\n\nAbstract with a \x00 NUL byte", "binary"),
        (b"Title\n\nCaf\xe9 in Latin-1 " * 20, "not UTF-8"),
        (b'[{"paper": {"id": "2410.1', "truncated JSON"),
        (b'{"colour": "red"}', "JSON of another shape"),
        (b"<!DOCTYPE html><html><body><h1>No papers</h1></body></html>", "no Hugging Face paper listing"),
        (b"z" * (30 * 1024 * 1024), "not part of a listing"),
    ],
    ids=[
        "empty",
        "whitespace",
        "binary",
        "nul",
        "latin-1",
        "truncated-json",
        "other-json",
        "no-papers-html",
        "30mb-line",
    ],
)
def test_malformed_input_has_one_clear_message_and_changes_nothing(tmp_path, library_with_sample, content, reason):
    before = list(library_with_sample.conn.iterdump())
    bad = tmp_path / "bad.input"
    bad.write_bytes(content)
    result = run_cli("import", str(bad), library=library_with_sample.path)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and reason in stderr and stderr.startswith("reader-app: bad.input: ")
    assert len(stderr.strip().splitlines()) == 1
    assert list(library_with_sample.conn.iterdump()) == before


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8-bom", "utf-16-bom", "crlf"],
)
def test_other_encodings_import(library, sample_text, encode):
    summary = import_bytes(library, encode(sample_text), "x.txt", as_of=AS_OF)
    assert summary.new == 46
    assert library.get_by_title("Layer Normalization").published == "2016-07-21"


def test_hostile_text_is_stored_literally_and_links_are_web_only(library):
    listing = (
        "<script>alert('t')</script> Title\n\n"
        'Abstract <img src=file:///etc/passwd> with <a href="javascript:alert(1)">x</a> and '
        "data:text/html;base64,AAAA and https://github.com/real/repo plus enough words to be an abstract.\n"
    )
    import_bytes(library, listing.encode(), "hostile.txt", as_of=AS_OF)
    [paper] = library.papers()
    assert paper.title == "<script>alert('t')</script> Title"
    assert "<img src=file:///etc/passwd>" in paper.abstract
    assert paper.links == ("https://github.com/real/repo",) and paper.repo == "https://github.com/real/repo"


def test_a_writer_killed_mid_transaction_leaves_nothing_half_written(tmp_path):
    library_path = tmp_path / "lib.db"
    code = (
        "import os, sys; from reader_app.library.library import Library; "
        f"lib = Library.open(r'{library_path}'); "
        "lib.conn.execute('BEGIN IMMEDIATE'); lib.conn.execute(\"UPDATE view_counts SET papers = 5\"); "
        "os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    assert os.path.exists(str(library_path) + "-wal")
    with Library.open(library_path) as library:
        assert library.view_counts()["inbox"] == 0  # the uncommitted write was rolled back
    assert integrity(library_path) == "ok"


def test_two_first_uses_of_a_new_library_at_once(tmp_path, sample_bytes):
    library_path = tmp_path / "new" / "lib.db"
    listing = tmp_path / "s.txt"
    listing.write_bytes(sample_bytes)
    command = [sys.executable, "-m", "reader_app", "--library", str(library_path), "import", str(listing)]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [p.communicate(timeout=60) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    assert sorted(out.decode().split(": ")[1].split(",")[0] for out, _ in outputs) == ["0 new", "0 new", "46 new"]
