"""The service's parts, built once per app from its :class:`ServerConfig`."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from server.cards import Cards
from server.catalog import Catalog
from server.config import ServerConfig
from server.database import Database, open_database
from server.demo_data import seed
from server.faults import FaultInjector
from server.member_store import MemberStore
from server.metrics import Metrics
from server.stamping import Stamping
from server.tenancy import Credentials


@dataclass
class Services:
    config: ServerConfig
    db: Database
    catalog: Catalog
    cards: Cards
    members: MemberStore
    stamping: Stamping
    faults: FaultInjector
    metrics: Metrics
    credentials: Credentials
    temp_dir: Path | None = None

    @classmethod
    def open(cls, config: ServerConfig) -> Services:
        temp_dir = None
        path = config.db_path
        if config.db_url is None and path is None:
            temp_dir = Path(tempfile.mkdtemp(prefix="stamp-server-"))
            path = temp_dir / "server.sqlite3"
        if path is not None and config.db_url is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = open_database(url=config.db_url, path=path, synchronous=config.sqlite_synchronous,
                           pool_size=config.pool_size)
        catalog = Catalog(db)
        if config.demo_data:
            db.run_write(lambda conn: seed(conn, config.clock.now()))
            catalog.invalidate()
        # Loaded now, not by the first batch: a batch inside its transaction must not wait
        # for a second pooled connection (a full PostgreSQL pool would never give it one).
        catalog.entries()
        cards = Cards(catalog, db.row_lock)
        metrics = Metrics()
        return cls(
            config=config, db=db, catalog=catalog, cards=cards, members=MemberStore(),
            stamping=Stamping(db, catalog, cards, config, metrics),
            faults=FaultInjector(config.faults), metrics=metrics,
            credentials=Credentials(db), temp_dir=temp_dir,
        )

    def close(self) -> None:
        self.db.close()
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
