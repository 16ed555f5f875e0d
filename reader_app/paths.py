"""Where the app keeps its files: the library, settings and key bindings."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reader-app"
LIBRARY_ENV = "READER_APP_LIBRARY"


def default_library_path() -> Path:
    """`$READER_APP_LIBRARY`, else `library.db` in the user data folder."""
    override = os.environ.get(LIBRARY_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "library.db"


def library_path(explicit: str | Path | None) -> Path:
    """The library to use: `--library PATH` first, then the default."""
    return Path(explicit).expanduser() if explicit else default_library_path()


def config_dir() -> Path:
    """The folder of the user's settings files (key bindings)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)
