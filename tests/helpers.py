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
