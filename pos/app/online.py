"""What the counter asks the services directly while online: member suggestions (merged with
the local cache) and a card's server history. Both run on the worker; when the service cannot
be reached they raise, and the flow falls back to local data."""

from __future__ import annotations

from typing import Any

from pos.services.terminal import Terminal
from stamps.models import Event
from sync.engine import Clients
from sync.pull import lookup_member


class OnlineLookups:
    def __init__(self, clients: Clients) -> None:
        self.clients = clients

    def search(self, terminal: Terminal, text: str) -> list[tuple[int, Any]]:
        found, online = lookup_member(terminal.store, self.clients.membership, text)
        return found if online else []

    def history(self, card_instance_id: str) -> list[Event]:
        return self.clients.fintiv.get_event_history(card_instance_id)
