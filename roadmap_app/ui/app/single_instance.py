"""One writer window per data folder.

The first window takes a lock file in the data folder and listens on a local socket whose
name is derived from that folder. A second start finds the lock taken, asks the first
window to come to the front ("raise") and exits with code 0. A lock left by a window that
crashed is recovered: QLockFile sees that its process is gone.

Usage at start-up::

    instance = SingleInstance(paths.data_dir)
    if not instance.acquire():
        return 0  # the running window was asked to come to the front
    instance.activation_requested.connect(window.bring_to_front)
    ...
    instance.release()  # on quit (also done when the object is destroyed)
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "window.lock"
RAISE = b"raise\n"
CONNECT_TIMEOUT_MS = 1500


def server_name(data_dir: Path) -> str:
    """The local socket name for one data folder (and one OS user)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    key = f"{user}\0{Path(data_dir).resolve()}".encode()
    return f"roadmap-app-{hashlib.sha256(key).hexdigest()[:20]}"


class SingleInstance(QObject):
    """Holds the per-data-folder window lock; emits ``activation_requested`` when another start asks."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self._lock = QLockFile(str(self.data_dir / LOCK_NAME))
        # A live window holds the lock for hours: never treat it as stale by age. A lock
        # whose process has died is still recognised as stale by QLockFile.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self) -> bool:
        """True if this is the first window for the folder; False after asking the first to come forward.

        On False the caller exits with code 0.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._lock.tryLock(100):
            self._listen()
            return True
        # QLockFile has already recovered a lock whose process died; this one has a live holder.
        if self._ask_first_to_raise():
            return False
        # PySide6 answers (pid, hostname, appname), with pid 0 when the file names no holder.
        holder = self._lock.getLockInfo()
        if not holder[0]:
            # An empty or unreadable lock file (power lost while it was written) names no
            # holder, and a lock that never goes stale by age would block every start.
            self._lock.removeStaleLockFile()
            if self._lock.tryLock(100):
                self._listen()
                return True
        # The holder is alive but not listening yet: it is still starting.
        self._ask_first_to_raise(timeout_ms=CONNECT_TIMEOUT_MS * 2)
        return False

    def release(self) -> None:
        """Stop listening and give the lock up (at quit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    # --- the first instance ------------------------------------------------------------------

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A socket file left by a crashed window would make listen() fail.
        QLocalServer.removeServer(self.name)
        if not server.listen(self.name):
            # Still the only writer (the lock is ours); only raising from a second start is lost.
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The message is a few bytes: wait for it here rather than keep the socket around.
            arrived = bool(socket.bytesAvailable()) or socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
            if arrived and bytes(socket.readAll().data()).strip() == RAISE.strip():
                self.activation_requested.emit()
            socket.abort()
            socket.deleteLater()

    # --- a second instance -------------------------------------------------------------------

    def _ask_first_to_raise(self, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE)
        sent = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(200)
        return sent
