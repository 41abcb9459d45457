"""What every use case needs: the store, the settings, the clock and the sync wake-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from ledger import Ledger
from pos.services.settings import TerminalSettings
from stamps.clock import Clock
from stamps.rules import StampPolicy


def _no_wake() -> None:
    return None


@dataclass
class Context:
    store: Ledger
    settings: TerminalSettings
    #: business time: the ledger's own, so events and bookkeeping read one clock
    clock: Clock
    #: Called after every commit that queues work for the server (wakes the sync engine).
    wake: Callable[[], None] = field(default=_no_wake)

    def policy(self, stamp_card_id: str, *, stamp_value: str | None = None) -> StampPolicy:
        """The rules for this card; a named ``stamp_value`` must be one of its stamp codes."""
        accepted = None
        if stamp_value is not None:
            accepted = self.store.catalog.stamp_values(stamp_card_id)
        return StampPolicy(
            min_stamp_interval=timedelta(seconds=self.settings.min_stamp_interval),
            reward_validity=timedelta(days=self.settings.reward_validity_days),
            accepted_stamp_values=accepted,
        )
