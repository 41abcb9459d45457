"""The few settings the use cases read, as one frozen value built by :mod:`pos.app` from the
declared settings. The services never see the config file, the environment or the keyring."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class TerminalSettings:
    #: this counter's name in the audit log and on issued cards' memo
    terminal_id: str = "counter-1"
    #: this counter's slot of the millisecond in eventTimes, unique per merchant
    #: (:mod:`stamps.event_slots`)
    terminal_slot: int = 0
    #: the domain this store issues stamp URLs on, and the others it accepts
    stamp_domain: str = "https://vvd.bz"
    extra_stamp_domains: tuple[str, ...] = ()
    min_stamp_interval: float = 0.0
    reward_validity_days: int = 30
    undo_window: float = 120.0
    #: seconds without any action before the counter clears the customer, for their privacy
    idle_clear_seconds: float = 60.0
    velocity_limit: int = 10
    membership_merchant: int = 14
    store_id: int = 1
    max_clock_skew: float = 120.0
    #: shown by ``status`` as where events go
    fintiv_base_url: str = ""
    #: how a phone number typed without its country code is read (ISO 3166 alpha-2)
    country: str = "ID"

    @property
    def stamp_domains(self) -> tuple[str, ...]:
        return (self.stamp_domain, *self.extra_stamp_domains)

    def updated(self, changes: Mapping[str, object]) -> TerminalSettings:
        """These settings with the changed values among ``changes`` (already validated by the
        settings declarations); other names are ignored."""
        mine = {f.name: f.type for f in fields(self)}
        picked: dict[str, object] = {}
        for name, value in changes.items():
            if name not in mine:
                continue
            picked[name] = tuple(value) if isinstance(value, list) else value
        return replace(self, **picked)  # type: ignore[arg-type]
