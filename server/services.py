"""The service's parts, built once per app from its :class:`ServerConfig`."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from server.cards import Cards
from server.catalog import Catalog
from server.config import ServerConfig
from server.database import Database
from server.demo_data import seed
from server.faults import FaultInjector
from server.member_store import MemberStore
from server.stamping import Stamping


@dataclass
class Services:
    config: ServerConfig
    db: Database
    catalog: Catalog
    cards: Cards
    members: MemberStore
    stamping: Stamping
    faults: FaultInjector
    temp_dir: Path | None = None

    @classmethod
    def open(cls, config: ServerConfig) -> Services:
        temp_dir = None
        path = config.db_path
        if path is None:
            temp_dir = Path(tempfile.mkdtemp(prefix="stamp-server-"))
            path = temp_dir / "server.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path, synchronous=config.sqlite_synchronous)
        catalog = Catalog(db)
        if config.demo_data:
            with db.write() as conn:
                seed(conn, config.clock.now())
            catalog.invalidate()
        cards = Cards(catalog)
        return cls(
            config=config, db=db, catalog=catalog, cards=cards, members=MemberStore(),
            stamping=Stamping(db, catalog, cards, config),
            faults=FaultInjector(config.faults), temp_dir=temp_dir,
        )

    def close(self) -> None:
        self.db.close()
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
