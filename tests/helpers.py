"""Helpers for tests: the pinned "today", test data, and running the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

DATA = Path(__file__).parent / "data"
# The sample's date heading reads "Apr 17" with no year; tests pin the day they are "run" on.
AS_OF = date(2026, 11, 29)


def run_cli(*args: str, library: Path | None = None, stdin: bytes | None = None, env: dict | None = None):
    """Run `reader-app` in a subprocess, as a user's script would."""
    command = [sys.executable, "-m", "reader_app"]
    if library is not None:
        command += ["--library", str(library)]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(command + list(args), input=stdin, capture_output=True, env=environment, timeout=120)


def first_version_library(path: Path) -> None:
    """A library as the first version wrote it (only m001): an annotated paper, "Old Paper",
    and a newer one without annotations, "Newer Paper"."""
    from sqlite_utils import Database

    from reader_app.library import schema

    old = Database(path)
    schema.migrations().apply(old, stop_before="m002_query_indexes")
    old.execute(
        """INSERT INTO papers (id, title, title_key, added, updated, status, starred, note)
           VALUES (1, 'Old Paper', 'old paper', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'later', 1, 'kept')"""
    )
    old.execute(
        """INSERT INTO papers (id, title, title_key, added, updated)
           VALUES (2, 'Newer Paper', 'newer paper', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z')"""
    )
    old.execute("INSERT INTO paper_tags (paper_id, tag) VALUES (1, 'mine')")
    old.execute("INSERT INTO papers_fts (rowid, title, abstract, note) VALUES (1, 'Old Paper', '', 'kept')")
    old.execute("INSERT INTO papers_fts (rowid, title, abstract, note) VALUES (2, 'Newer Paper', '', '')")
    old.close()
