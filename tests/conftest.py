"""Fixtures shared by every test: real libraries in tmp_path built from the real samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader_app.importing import import_bytes, sample_listing
from reader_app.library.library import Library

from .helpers import AS_OF, DATA

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's library, settings or key bindings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("READER_APP_LIBRARY", raising=False)


@pytest.fixture
def sample_bytes() -> bytes:
    return sample_listing()


@pytest.fixture
def sample_text(sample_bytes) -> str:
    return sample_bytes.decode("utf-8")


@pytest.fixture
def api_json_bytes() -> bytes:
    return (DATA / "hf_daily_papers_api_sample_2024-10.json").read_bytes()


@pytest.fixture
def library_path(tmp_path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def library(library_path):
    with Library.open(library_path) as opened:
        yield opened


@pytest.fixture
def library_with_sample(library, sample_bytes):
    import_bytes(library, sample_bytes, "sample_listing.txt", as_of=AS_OF)
    return library
