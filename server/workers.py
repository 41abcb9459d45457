"""``stamp-pos server --workers N``: N uvicorn worker processes on one listening socket, all on
one PostgreSQL database.

The parent migrates and seeds the database once, binds the socket, then starts the workers
(spawned, so each builds its own app from the configuration handed over in its environment,
where the credentials already are); uvicorn's supervisor restarts a worker that dies and stops
them all on SIGINT/SIGTERM. Each worker has its own catalog cache and fault settings; the data
and its locks are the database's.
"""

from __future__ import annotations

import base64
import os
import pickle
import socket
from dataclasses import replace

import uvicorn
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

from server.config import ServerConfig

#: the workers' configuration, from parent to spawned child (pickled, base64)
ENV_WORKER_CONFIG = "STAMP_SERVER_WORKER_CONFIG"


def listening_socket(host: str, port: int) -> socket.socket:
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted sockets only when proto says
    # TCP; without it every keep-alive answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)  # connections wait in the backlog until the workers accept them
    sock.set_inheritable(True)
    return sock


class WorkerPool:
    """Prepare with the constructor (database ready, socket bound: ``base_url`` is known), then
    ``run()`` blocks until a signal stops every worker."""

    def __init__(self, config: ServerConfig) -> None:
        from server.services import Services

        Services.open(config).close()  # migrations and demo data, once, before any worker
        self.config = replace(config, demo_data=False)
        self._sock = listening_socket(config.host, config.port)
        self.port: int = self._sock.getsockname()[1]
        self.base_url = f"http://{config.host}:{self.port}"

    def run(self) -> None:
        os.environ[ENV_WORKER_CONFIG] = base64.b64encode(pickle.dumps(self.config)).decode()
        uv_config = uvicorn.Config(
            "server.workers:worker_app", factory=True, workers=self.config.workers,
            log_level="warning", access_log=False, lifespan="on", http="h11", loop="asyncio",
            timeout_graceful_shutdown=5,
        )
        try:
            Multiprocess(uv_config, sockets=[self._sock]).run()
        finally:
            self._sock.close()


def worker_app() -> Starlette:
    """The app of one worker process (uvicorn's factory)."""
    from server import logs
    from server.app import create_app

    config = pickle.loads(base64.b64decode(os.environ[ENV_WORKER_CONFIG]))
    assert isinstance(config, ServerConfig)
    logs.setup(config.credentials())
    return create_app(config)
