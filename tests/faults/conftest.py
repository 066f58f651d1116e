"""Real broken pieces for the fault tests: a closed port and a port that accepts and never answers."""

from __future__ import annotations

import socket
import threading

import pytest


def closed_port() -> int:
    """A loopback port nobody listens on (bound, released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HangingServer:
    """A loopback server that accepts every connection, reads nothing, answers nothing."""

    def __init__(self) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _address = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted += 1
            self._held.append(connection)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for connection in self._held:
            connection.close()
        self.listener.close()


@pytest.fixture
def hanging_server():
    server = HangingServer()
    yield server
    server.close()
