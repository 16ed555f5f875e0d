"""Writing export files whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path


def atomic_write(path: Path, content: bytes) -> None:
    """Write a file whole or not at all (a failure leaves what was there), never through a
    symlink planted at the temporary name."""
    temporary = path.with_name(f".{path.name}.partial")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
