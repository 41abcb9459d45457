"""Wiring: the store's clock, the terminal, the three API clients and the sync engine, each
built from the declared settings and the secrets."""

from __future__ import annotations

import ssl
from datetime import tzinfo
from pathlib import Path
from typing import Any

from ledger import Ledger
from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal
from pos.settings import secrets
from pos.settings.config import Config, database_path, load
from stamps.clock import Clock, SystemClock, system_zone, zone_named
from sync.engine import Clients, EngineSettings, SyncEngine
from sync.fintiv import FintivClient
from sync.http import ClockSkew, HttpSettings, build_client
from sync.membership import MembershipClient
from sync.push import PushSettings
from sync.status import StatusListener
from sync.vvd import VvdClient


class MissingCredentials(Exception):
    """The Fintiv api-key or bearer token is not set; the message says how to set it."""


def store_zone(config: Config) -> tzinfo:
    """The store's time zone: the ``time_zone`` setting, or the system's when it is empty."""
    return zone_named(config.time_zone) if config.time_zone else system_zone()


def store_clock(config: Config) -> Clock:
    """The system clock seen from the store's zone: the one clock the app injects everywhere."""
    return SystemClock(store_zone(config))


def build_clients(config: Config, clock: Clock | None = None) -> Clients:
    """``clock``: the terminal's business clock, which the server's clock is compared with."""
    api_key, bearer = secrets.get("fintiv_api_key"), secrets.get("fintiv_bearer")
    if not api_key or not bearer:
        raise MissingCredentials(
            "The stamp service's API key and token are not set. Set them in the settings "
            "(or STAMP_POS_FINTIV_API_KEY and STAMP_POS_FINTIV_BEARER)."
        )
    skew = ClockSkew(clock)
    timeout = config.http_timeout

    trusted = ssl.create_default_context()  # one CA store for the three clients

    def http(base_url: str) -> HttpSettings:
        return HttpSettings(base_url, connect_timeout=min(3.0, timeout), read_timeout=timeout,
                            verify=trusted)

    fintiv = FintivClient(build_client(http(config.fintiv_base_url)), api_key=api_key,
                          token=bearer, skew=skew)
    membership = None
    token = secrets.get("membership_token")
    if token:
        base = config.membership_base_url.rstrip("/") + "/api/memberships/"
        membership = MembershipClient(build_client(http(base)), token=token,
                                      merchant=config.membership_merchant, skew=skew)
    # vvd.bz's create needs no key where the service asks for none (seed 000 names none), so the
    # issue queue always has its client; a key, when set, is sent.
    vvd = VvdClient(build_client(http(config.vvd_base_url)), api_key=secrets.get("vvd_key"),
                    skew=skew)
    return Clients(fintiv=fintiv, membership=membership, vvd=vvd, skew=skew)


def engine_settings(config: Config, *, in_app: bool = True) -> EngineSettings:
    """``in_app``: the engine shares its process with the GUI, so it pauses 1 ms after each
    busy round to let the GUI thread have the interpreter."""
    timeout = config.http_timeout
    return EngineSettings(
        push=PushSettings(
            batch_size=config.batch_size, max_retries=config.max_retries,
            # The service may finish a request after we stopped waiting for it.
            reconcile_grace=2 * timeout + 1.0,
        ),
        pull_interval=config.pull_interval, backoff_max=config.backoff_max,
        max_clock_skew=config.max_clock_skew,
        round_pause=0.001 if in_app else 0.0,
    )


def build_engine(
    config: Config, *, db_path: Path | None = None, on_state: StatusListener | None = None,
    in_app: bool = True,
) -> SyncEngine:
    clock = store_clock(config)
    return SyncEngine(db_path or database_path(), build_clients(config, clock),
                      engine_settings(config, in_app=in_app), on_state=on_state, clock=clock)


def terminal_settings(config: Config) -> TerminalSettings:
    """The use cases' share of the settings."""
    return TerminalSettings(
        terminal_id=config.terminal_id, terminal_slot=config.terminal_slot,
        stamp_domain=config.stamp_domain,
        extra_stamp_domains=tuple(config.extra_stamp_domains),
        min_stamp_interval=config.min_stamp_interval,
        reward_validity_days=config.reward_validity_days,
        undo_window=config.undo_window, velocity_limit=config.velocity_limit,
        idle_clear_seconds=config.idle_clear_seconds,
        membership_merchant=config.membership_merchant, store_id=config.store_id,
        max_clock_skew=config.max_clock_skew, fintiv_base_url=config.fintiv_base_url,
        country=config.country,
    )


def open_terminal(config: Config | None = None, **kwargs: Any) -> Terminal:
    """The terminal on its configured database, on the store's clock unless one is given."""
    config = config or load()
    clock = kwargs.pop("clock", None) or store_clock(config)
    return Terminal(Ledger(database_path(), clock=clock), terminal_settings(config),
                    clock=clock, **kwargs)
