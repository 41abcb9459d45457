"""What the engine is handed: its settings (one frozen value, built by the app from the
terminal's configuration) and its API clients (built with their ``httpx`` transports)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sync.fintiv import FintivClient
from sync.http import ClockSkew
from sync.membership import MembershipClient
from sync.push import PushSettings
from sync.vvd import VvdClient


@dataclass(frozen=True, slots=True)
class EngineSettings:
    push: PushSettings = field(default_factory=PushSettings)
    #: seconds between catalog/stamps/merchants refreshes; 0 turns periodic pulls off
    pull_interval: float = 300.0
    max_clock_skew: float = 120.0
    backoff_initial: float = 0.5
    #: longest wait between retries while the service fails; a success resets the backoff
    backoff_max: float = 10.0
    #: seconds between retries while the credentials are refused
    auth_retry: float = 60.0
    #: seconds between status reports while busy (an idle engine reports only changes)
    status_interval: float = 0.25
    #: pause after each busy round, handing the interpreter to other threads; set in the app
    #: so the GUI thread never waits long for the GIL while a backlog drains
    round_pause: float = 0.0

    @property
    def lease_ttl(self) -> float:
        # The lease must outlive one request plus the reconcile grace (sync.lock): were it to
        # lapse while a batch is unanswered, another engine could reconcile or resend that
        # batch while this one still waits for the answer. A minute covers the request.
        return 2 * self.push.reconcile_grace + 60.0


@dataclass
class Clients:
    """The three services' clients; membership and vvd.bz are optional (their queues then
    wait), and ``skew`` is shared with the HTTP layer that measures the service's clock."""

    fintiv: FintivClient
    membership: MembershipClient | None = None
    vvd: VvdClient | None = None
    skew: ClockSkew = field(default_factory=ClockSkew)
