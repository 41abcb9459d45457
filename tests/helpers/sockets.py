"""Real sockets that misbehave the way networks do: a server that accepts connections and
never answers, and one that speaks TLS with a certificate nobody trusts."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def _accepting(listener: socket.socket, stop: threading.Event,
               handle: Callable[[socket.socket], None]) -> threading.Thread:
    """A thread that hands every accepted connection to ``handle`` until ``stop`` is set."""

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            handle(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return thread


@contextmanager
def stalling_server() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` where every connection is accepted, read, and left hanging."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()
    thread = _accepting(listener, stop, held.append)  # each kept open and silent
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def untrusted_tls_server(tmp_path: Path) -> Iterator[str]:
    """``https://127.0.0.1:PORT`` with a self-signed certificate (made by openssl)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def handshake(conn: socket.socket) -> None:
        try:
            with context.wrap_socket(conn, server_side=True):
                pass  # the client refuses the certificate during the handshake
        except (ssl.SSLError, OSError):
            pass

    thread = _accepting(listener, stop, handshake)
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
