"""Running the service: :class:`ServerThread` embeds it in the current process (tests, the
terminal's demo); :func:`serve_forever` is what ``stamp-pos server`` runs."""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any

import uvicorn

from server.app import create_app
from server.config import ServerConfig

START_TIMEOUT = 30.0


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the embedding process owns signals
        pass


class ServerThread:
    """The service on ``config.host`` (default 127.0.0.1) and ``config.port`` (0 = ephemeral)
    in a background thread. ``base_url`` is set once it listens; ``stop()`` shuts it down."""

    def __init__(self, config: ServerConfig | None = None) -> None:
        self.config = config or ServerConfig(port=0)
        self.app = create_app(self.config)
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted sockets only when proto says
        # TCP; without it every keep-alive answer waits ~40 ms for a delayed ACK.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.config.host, self.config.port))
        self.port: int = self._sock.getsockname()[1]
        self.base_url = f"http://{self.config.host}:{self.port}"
        # h11 and asyncio pinned: dropping a connection (fault injection) relies on their
        # request cycle, and httptools/uvloop measured no faster here.
        uv_config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="on", http="h11",
            loop="asyncio", timeout_graceful_shutdown=5,
        )
        self._server = _Server(uv_config)
        self._thread = threading.Thread(target=self._run, name="stamp-server", daemon=True)
        self._error: BaseException | None = None

    @property
    def services(self) -> Any:
        return self.app.state.services

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:  # reported by start()
            self._error = exc

    def start(self) -> ServerThread:
        self._thread.start()
        deadline = START_TIMEOUT
        step = 0.01
        while not self._server.started and self._thread.is_alive() and deadline > 0:
            threading.Event().wait(step)
            deadline -= step
        if not self._server.started:
            raise RuntimeError(f"stamp service did not start: {self._error!r}")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self._sock.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
