"""One window per library: a second start on the same library hands over to the first.

The first instance listens on a local socket named after the library's path; a second
instance sends it the files it was asked to import and exits, and the first comes to the
front (and imports them).
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 1000


def server_name(library_path: Path) -> str:
    """A per-user, per-library socket name."""
    digest = hashlib.sha256(str(library_path.expanduser().resolve()).encode()).hexdigest()[:16]
    return f"reader-app-{getpass.getuser()}-{digest}"


def hand_over(library_path: Path, files: list[str]) -> bool:
    """Ask a running instance on this library to come forward (and import `files`).
    True when one answered; False when this is the only instance."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(library_path))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = json.dumps({"files": [str(Path(name).resolve()) for name in files]}).encode() + b"\n"
    socket.write(message)
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later instances; emits `activated(files)` when one hands over."""

    activated = Signal(list)

    def __init__(self, library_path: Path, parent: QObject | None = None):
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
            while not buffer.endswith(b"\n") and socket.waitForReadyRead(TIMEOUT_MS):
                buffer += bytes(socket.readAll().data())
            buffer += bytes(socket.readAll().data())
            socket.disconnectFromServer()
            try:
                files = json.loads(buffer.decode() or "{}").get("files", [])
            except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
                files = []
            self.activated.emit([name for name in files if isinstance(name, str)])
