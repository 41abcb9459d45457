"""Test controls: ``GET/POST /_control/faults`` and ``GET /_control/stats``. They exist only
when the service was given a control token (``--test-controls``), answer only loopback
clients, and only with the token in ``x-stamp-control-token`` (a reverse proxy on the same
host makes every client look local).

Stats let a test check "applied exactly once" without eventIds: the number of logged events per
(card instance, event type, event time, stampValue) must be 1.
"""

from __future__ import annotations

import hmac
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.faults import Faults
from server.request_fields import BodyError, json_object
from server.responses import JsonResponse
from server.services import Services

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
TOKEN_HEADER = "x-stamp-control-token"


class ControlApi:
    def __init__(self, services: Services) -> None:
        self.s = services

    def routes(self) -> list[Route]:
        if not self.s.config.control_token:
            return []
        return [
            Route("/_control/faults", self.faults, methods=["GET", "POST"]),
            Route("/_control/stats", self.stats, methods=["GET"]),
        ]

    async def faults(self, request: Request) -> Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        if request.method == "POST":
            try:
                self.s.faults.set(Faults.from_api(await json_object(request)))
            except (BodyError, ValueError) as exc:
                return JsonResponse({"detail": str(exc)}, status_code=400)
        return JsonResponse(self.s.faults.get().to_api())

    async def stats(self, request: Request) -> Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        return JsonResponse(await run_in_threadpool(self._stats))

    def _stats(self) -> dict[str, Any]:
        with self.s.db.read() as conn:
            by_type = dict(conn.execute(
                "SELECT event_type, count(*) FROM events GROUP BY event_type").fetchall())
            duplicates = [
                {"cardInstanceId": c, "eventType": t, "eventTime": time, "stampValue": v,
                 "count": n}
                for c, t, time, v, n in conn.execute(
                    "SELECT card_instance_id, event_type, event_time, stamp_value, count(*)"
                    " FROM events"
                    " GROUP BY card_instance_id, event_type, event_ms, event_time, stamp_value"
                    " HAVING count(*) > 1 LIMIT 1000")
            ]
            remembered = conn.execute("SELECT count(*) FROM applied_events").fetchone()[0]
            cards = conn.execute("SELECT count(*) FROM card_instances").fetchone()[0]
            rewards = dict(conn.execute(
                "SELECT status, count(*) FROM reward_instances GROUP BY status").fetchall())
        return {
            "events": sum(by_type.values()), "eventsByType": by_type,
            "duplicateEvents": duplicates, "rememberedEventIds": remembered,
            "cardInstances": cards, "rewardInstancesByStatus": rewards,
        }


    def _refuse(self, request: Request) -> Response | None:
        host = request.client.host if request.client else ""
        if host not in LOOPBACK:
            return JsonResponse({"detail": "Test controls answer on loopback only."},
                                status_code=403)
        given = request.headers.get(TOKEN_HEADER, "").encode()
        expected = (self.s.config.control_token or "").encode()
        if not expected or not hmac.compare_digest(given, expected):
            return JsonResponse({"detail": f"Test controls need the {TOKEN_HEADER} header."},
                                status_code=401)
        return None
