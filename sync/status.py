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

    @property
    def unsynced(self) -> int:
        return self.pending + self.in_flight

    def summary(self) -> str:
        """One sentence for the status bar."""
        if self.connectivity is Connectivity.STOPPED:
            text = ("Sending has stopped after an unexpected error; events are kept here. "
                    "Restart Stamp POS; if it happens again, tell a manager.")
        elif self.connectivity is Connectivity.AUTH_REFUSED:
            text = ("The stamp service refused this terminal's credentials; "
                    "events are kept and will be sent once a manager fixes them.")
        elif self.lock_held_elsewhere:
            text = "Another copy of Stamp POS is sending this terminal's events."
        elif self.connectivity is Connectivity.OFFLINE:
            text = f"Offline: {self.unsynced} events saved here, sent when back online."
        elif self.unsynced:
            text = f"Online: sending {self.unsynced} events."
        else:
            text = "Online: everything is sent."
        if self.held:
            text += f" {self.held} events wait for a manager."
        if self.clock_skew_warning and self.clock_offset is not None:
            text += (f" This terminal's clock is {abs(self.clock_offset):.0f} s off the "
                     "service's clock; ask a manager to set the time.")
        return text


StatusListener = Callable[[SyncStatus], None]
