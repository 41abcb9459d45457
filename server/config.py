"""Settings of the reference stamp service, declared once with their defaults.

Credentials default to the demo values of :mod:`server.demo_data`; a merchant hosting the
service sets their own through flags or the ``STAMP_SERVER_*`` environment variables.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from pathlib import Path

import platformdirs

from server.demo_data import (
    DEMO_API_KEY,
    DEMO_BEARER_TOKEN,
    DEMO_MEMBERSHIP_TOKEN,
    DEMO_VVD_KEY,
)
from server.faults import Faults
from stamps.clock import Clock, SystemClock

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_PREFIX = "/stampcard/v2/"

#: environment variable -> ServerConfig field, for credentials kept out of shell history
ENV_CREDENTIALS = {
    "STAMP_SERVER_API_KEY": "api_key",
    "STAMP_SERVER_BEARER": "bearer_token",
    "STAMP_SERVER_MEMBERSHIP_TOKEN": "membership_token",
    "STAMP_SERVER_VVD_KEY": "vvd_key",
}


def default_data_dir() -> Path:
    """Where ``stamp-pos server`` keeps its database unless told: the product's data directory,
    or ``STAMP_POS_HOME`` when set (one directory for tests and demos)."""
    home = os.environ.get("STAMP_POS_HOME")
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir("stamp-pos"))
    path.mkdir(parents=True, exist_ok=True)
    return path


#: where ``stamp-pos server`` finds its database when ``--db`` is not given
ENV_DATABASE = "STAMP_POS_SERVER_DB"
#: the token of the test controls, required with ``--test-controls``
ENV_CONTROL_TOKEN = "STAMP_SERVER_CONTROL_TOKEN"
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass
class ServerConfig:
    #: SQLite file; None means a fresh temporary database removed when the service stops.
    db_path: Path | None = None
    #: ``postgresql://user@host/dbname``: PostgreSQL instead of the SQLite file (no password
    #: here: libpq takes it from ``PGPASSWORD`` or ``~/.pgpass``)
    db_url: str | None = None
    #: service processes sharing the database (PostgreSQL only; SQLite is one process)
    workers: int = 1
    #: PostgreSQL connections per process
    pool_size: int = 10
    host: str = DEFAULT_HOST
    #: 0 picks a free ephemeral port.
    port: int = DEFAULT_PORT
    #: base path of the Fintiv API, e.g. ``/stampcard/v2/`` or ``/stamp/v2/``
    prefix: str = DEFAULT_PREFIX
    #: Fintiv ``api-key`` header value
    api_key: str = DEMO_API_KEY
    #: Fintiv ``authorization: Bearer <token>``
    bearer_token: str = DEMO_BEARER_TOKEN
    #: whole Membership ``Authorization`` header value, e.g. ``Token demo-membership``
    membership_token: str = DEMO_MEMBERSHIP_TOKEN
    #: vvd.bz key, sent as ``Authorization: Bearer <key>``
    vvd_key: str = DEMO_VVD_KEY
    #: remember (api-key, eventId) and answer a resent event with its first result
    idempotency: bool = True
    #: a second STAMP on one card within this many seconds answers 33003; 0 is off
    min_stamp_interval: float = 0.0
    #: an event dated more than this many hours ahead of the service's clock answers 33010
    max_future_skew_hours: float = 24.0
    #: days an earned reward stays redeemable; None means forever
    reward_validity_days: int | None = 30
    #: seed the demo catalog, merchants, members and card instances into an empty database
    demo_data: bool = False
    #: SQLite ``synchronous`` pragma: FULL survives power loss, NORMAL (WAL) only crashes
    sqlite_synchronous: str = "NORMAL"
    faults: Faults = field(default_factory=Faults)
    #: business time: expiry, "today", the demo's dates; tests pass a FrozenClock
    clock: Clock = field(default_factory=lambda: SystemClock(UTC))
    #: the ``/_control/*`` test endpoints exist only with a token, sent as
    #: ``x-stamp-control-token``; None (the default) leaves them out
    control_token: str | None = None

    def __post_init__(self) -> None:
        self.prefix = "/" + self.prefix.strip("/") + "/"
        if self.db_path is not None:
            self.db_path = Path(self.db_path)

    @property
    def min_interval(self) -> timedelta:
        return timedelta(seconds=self.min_stamp_interval)

    @property
    def max_future_skew(self) -> timedelta:
        return timedelta(hours=self.max_future_skew_hours)

    @property
    def reward_validity(self) -> timedelta | None:
        days = self.reward_validity_days
        return None if days is None else timedelta(days=days)

    def credentials(self) -> tuple[str, ...]:
        """Every secret the service holds, for the log filter to mask."""
        return (self.api_key, self.bearer_token, self.membership_token, self.vvd_key,
                self.control_token or "")

    def exposure_problem(self) -> str | None:
        """Why this configuration must not listen beyond loopback, if it must not: anyone
        could use the public demo credentials (or none at all)."""
        if self.host in LOOPBACK_HOSTS:
            return None
        demo = {DEMO_API_KEY, DEMO_BEARER_TOKEN, DEMO_MEMBERSHIP_TOKEN, DEMO_VVD_KEY, ""}
        weak = [var for var, attr in ENV_CREDENTIALS.items() if getattr(self, attr) in demo]
        if weak:
            return (f"refusing to listen on {self.host} with the public demo credentials "
                    f"(or none) in {', '.join(weak)}; set them, or listen on 127.0.0.1")
        return None

    def credentials_from_env(self, environ: Mapping[str, str] | None = None) -> None:
        """Take each credential from its ``STAMP_SERVER_*`` variable, or from the file that
        ``STAMP_SERVER_*_FILE`` names (a secrets mount), when set. A missing file raises
        OSError."""
        env = os.environ if environ is None else environ
        for var, attr in ENV_CREDENTIALS.items():
            value = env.get(var)
            if not value and env.get(var + "_FILE"):
                value = Path(env[var + "_FILE"]).read_text(encoding="utf-8").strip()
            if value:
                setattr(self, attr, value)
