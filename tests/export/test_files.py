"""Export files are written whole or not at all."""

from __future__ import annotations

import os

import pytest

from reader_app.export import files
from tests.helpers import run_cli


def test_a_failed_write_leaves_the_previous_file_and_no_leftovers(tmp_path, monkeypatch):
    digest = tmp_path / "digest.md"
    digest.write_text("last week's digest")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        files.atomic_write(digest, b"this week's digest")
    assert digest.read_text() == "last week's digest" and os.listdir(tmp_path) == ["digest.md"]


def test_a_digest_exported_to_a_link_updates_the_file_it_points_to(tmp_path, sample_bytes):
    library = tmp_path / "lib.db"
    listing = tmp_path / "listing.txt"
    listing.write_bytes(sample_bytes)
    run_cli("import", str(listing), library=library)
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "papers.md").write_text("old")
    (tmp_path / "papers.md").symlink_to(vault / "papers.md")
    result = run_cli("export", "year:2016", "-o", str(tmp_path / "papers.md"), library=library)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "papers.md").is_symlink() and "## Layer Normalization" in (vault / "papers.md").read_text()
