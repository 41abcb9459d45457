"""A throwaway PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` in a temporary
directory, on a free loopback port, with no system service. PostgreSQL refuses to run as root,
so a root test run starts it as the ``postgres`` user (``runuser``)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

#: what a test run on a machine without PostgreSQL says, once, for every skipped test
MISSING = ("PostgreSQL is not installed (Debian: apt-get install postgresql; `make setup` "
           "does it): the PostgreSQL half of the server tests is skipped")
#: a fixture's maker of config overrides that put one new service on its own empty database
Database = Callable[[], dict[str, Any]]
START_SECONDS = 60
SERVER_SETTINGS = {
    # A test cluster: durability is not what is tested, speed on 2 shared cores is.
    "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
    "max_connections": "300", "shared_buffers": "128MB", "listen_addresses": "127.0.0.1",
}


def postgres_bin() -> Path | None:
    """The newest installed server's bin directory (Debian keeps them off PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """``start()``, then ``new_database()`` for each service under test; ``stop()`` removes all."""

    def __init__(self, bin_dir: Path, settings: dict[str, str] | None = None) -> None:
        self.bin = bin_dir
        self.settings = {**SERVER_SETTINGS, **(settings or {})}
        self.base = Path(tempfile.mkdtemp(prefix="stamp-pg-"))
        self.port = 0
        self._names = itertools.count(1)
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_postgres, *args], check=True, capture_output=True, text=True,
                       cwd=self.base, timeout=START_SECONDS)

    def start(self) -> Cluster:
        data = self.base / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")
        self.port = free_port()
        options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.base / "log"),
                  "-w", "-t", str(START_SECONDS),
                  "-o", f"-p {self.port} -k {self.base} {options}", "start")
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """An empty database of its own, for one service under test."""
        name = f"stamp_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def postmaster(self) -> int:
        """The server's process id (its first line of ``postmaster.pid``)."""
        return int((self.base / "data" / "postmaster.pid").read_text().split()[0])

    def log(self) -> str:
        path = self.base / "log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.base / "data"), "-m", "immediate",
                      "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
