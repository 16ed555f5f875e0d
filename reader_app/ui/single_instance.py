"""One window per library: a second start on the same library hands over to the first.

The first instance listens on a local socket named after the library's path; a second
instance sends it the files it was asked to import and exits, and the first comes to the
front (and imports them). On POSIX systems the second instance talks to the socket with
Python's own `socket` module, which keeps Qt's network module off the start-up path.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

TIMEOUT_S = 1.0


def server_name(library_path: Path) -> str:
    """A per-user, per-library socket: a file path on POSIX, a pipe name on Windows."""
    digest = hashlib.sha256(str(library_path.expanduser().resolve()).encode()).hexdigest()[:16]
    if os.name == "nt":
        return f"reader-app-{os.environ.get('USERNAME', 'user')}-{digest}"
    folder = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(folder, f"reader-app-{os.getuid()}-{digest}.sock")


def _message(files: list[str]) -> bytes:
    return json.dumps({"files": [str(Path(name).resolve()) for name in files]}).encode() + b"\n"


def hand_over(library_path: Path, files: list[str]) -> bool:
    """Ask a running instance on this library to come forward (and import `files`).
    True when one answered; False when this is the only instance."""
    name = server_name(library_path)
    if os.name == "nt":
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(name)
        if not socket.waitForConnected(int(TIMEOUT_S * 1000)):
            return False
        socket.write(_message(files))
        socket.waitForBytesWritten(int(TIMEOUT_S * 1000))
        socket.disconnectFromServer()
        return True
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(TIMEOUT_S)
        try:
            connection.connect(name)
            connection.sendall(_message(files))
        except OSError:  # no socket, or one left behind by a crash
            return False
    return True


class InstanceServer(QObject):
    """Listens for later instances; emits `activated(files)` when one hands over."""

    activated = Signal(list)

    def __init__(self, library_path: Path, parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(library_path)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a crash
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            buffer = b""
            while not buffer.endswith(b"\n") and socket.waitForReadyRead(int(TIMEOUT_S * 1000)):
                buffer += bytes(socket.readAll().data())
            buffer += bytes(socket.readAll().data())
            socket.disconnectFromServer()
            try:
                files = json.loads(buffer.decode() or "{}").get("files", [])
            except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
                files = []
            self.activated.emit([name for name in files if isinstance(name, str)])
