"""What the engine reports to the UI and to ``stamp-pos status``: a plain value object,
passed to listeners (``on_state(SyncStatus)``) so the engine needs no Qt."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class Connectivity(enum.StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    AUTH_REFUSED = "auth_refused"
    #: a service cannot be used as set up (certificate, address, path): a manager must fix it
    MISCONFIGURED = "misconfigured"
    STOPPED = "stopped"  # the engine died of a bug: nothing is sent until it is restarted


@dataclass(frozen=True, slots=True)
class SyncStatus:
    connectivity: Connectivity = Connectivity.UNKNOWN
    pending: int = 0
    in_flight: int = 0
    held: int = 0
    rejected: int = 0
    queued_members: int = 0
    queued_issues: int = 0
    #: epoch seconds of the last batch the service answered
    last_sync: float | None = None
    last_error: str | None = None
    #: server clock minus local clock, seconds
    clock_offset: float | None = None
    clock_skew_warning: bool = False
    #: another engine holds this database's sync lease
    lock_held_elsewhere: bool = False
    #: one sentence per queue that has items but cannot be sent as set up (no client)
    unsendable: tuple[str, ...] = ()

    @property
    def unsynced(self) -> int:
        return self.pending + self.in_flight

    @property
    def waiting(self) -> int:
        """Everything not yet sent, in every queue."""
        return self.unsynced + self.queued_members + self.queued_issues

    @property
    def problem(self) -> str | None:
        """What stops sending and needs a manager, in one or more sentences; None if nothing."""
        parts = list(self.unsendable)
        if self.connectivity is Connectivity.MISCONFIGURED:
            parts.insert(0, f"Not sending: {self.last_error or 'a service is set up wrongly.'}")
        return " ".join(parts) or None

    def summary(self) -> str:
        """One sentence for the status bar."""
        if self.connectivity is Connectivity.STOPPED:
            text = ("Sending has stopped after an unexpected error; events are kept here. "
                    "Restart Stamp POS; if it happens again, tell a manager.")
        elif self.connectivity is Connectivity.AUTH_REFUSED:
            # The error names the service that refused (stamp, membership or card issuing).
            text = (f"{self.last_error} Everything is kept here and sent once they are fixed."
                    if self.last_error else
                    "The stamp service refused this terminal's credentials; "
                    "events are kept and will be sent once a manager fixes them.")
        elif self.lock_held_elsewhere:
            text = "Another copy of Stamp POS is sending this terminal's events."
        elif self.connectivity is Connectivity.MISCONFIGURED:
            text = (f"Not sending: {self.last_error or 'a service is set up wrongly.'} "
                    f"{self.waiting} items are kept here.")
        elif self.connectivity is Connectivity.OFFLINE:
            text = f"Offline: {self.waiting} items saved here, sent when back online."
        elif self.unsynced:
            text = f"Online: sending {self.unsynced} events."
        elif self.waiting:
            text = f"Online: sending {self.waiting} queued requests."
        else:
            text = "Online: everything is sent."
        if self.unsendable:
            text += " " + " ".join(self.unsendable)
        if self.held:
            text += f" {self.held} events wait for a manager."
        if self.clock_skew_warning and self.clock_offset is not None:
            text += (f" This terminal's clock is {abs(self.clock_offset):.0f} s off the "
                     "service's clock; ask a manager to set the time.")
        return text


StatusListener = Callable[[SyncStatus], None]
