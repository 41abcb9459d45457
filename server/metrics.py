"""``/healthz`` and ``/metrics`` (Prometheus text format) for whoever runs the service.

Counted per process: with ``--workers N`` each scrape sees the worker that answered it (the
data itself is the database's); a Prometheus job scraping each worker, or the sum of several
scrapes, is left to the operator. ``/metrics`` answers loopback clients only: publish it
through the reverse proxy only on purpose. ``/healthz`` needs no credentials and says only
whether the database answers.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.database import Database
from server.responses import JsonResponse

#: latency buckets, seconds (Prometheus ``le``)
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclass
class _Histogram:
    counts: list[int] = field(default_factory=lambda: [0] * (len(BUCKETS) + 1))
    total: float = 0.0


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Counter[tuple[str, str, int]] = Counter()
        self._latency: dict[tuple[str, str], _Histogram] = {}
        self._events_applied = 0
        self._rejections: Counter[int] = Counter()

    def request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[method, endpoint, status] += 1
            hist = self._latency.setdefault((method, endpoint), _Histogram())
            hist.counts[bisect_left(BUCKETS, seconds)] += 1
            hist.total += seconds

    def events(self, codes: list[int]) -> None:
        """Per-event result codes of one committed batch (0: applied)."""
        with self._lock:
            for code in codes:
                if code == 0:
                    self._events_applied += 1
                else:
                    self._rejections[code] += 1

    def render(self) -> str:
        lines = [
            "# HELP stamp_requests_total HTTP requests answered, by endpoint and status.",
            "# TYPE stamp_requests_total counter",
        ]
        with self._lock:
            for (method, endpoint, status), n in sorted(self._requests.items()):
                lines.append(f'stamp_requests_total{{method="{method}",endpoint="{endpoint}",'
                             f'status="{status}"}} {n}')
            lines += ["# HELP stamp_request_seconds Time to answer a request.",
                      "# TYPE stamp_request_seconds histogram"]
            for (method, endpoint), hist in sorted(self._latency.items()):
                labels = f'method="{method}",endpoint="{endpoint}"'
                running = 0
                for bound, n in zip((*BUCKETS, float("inf")), hist.counts, strict=True):
                    running += n
                    le = "+Inf" if bound == float("inf") else repr(bound)
                    lines.append(f'stamp_request_seconds_bucket{{{labels},le="{le}"}} {running}')
                lines.append(f"stamp_request_seconds_sum{{{labels}}} {hist.total:.6f}")
                lines.append(f"stamp_request_seconds_count{{{labels}}} {running}")
            lines += ["# HELP stamp_events_applied_total Events applied to cards.",
                      "# TYPE stamp_events_applied_total counter",
                      f"stamp_events_applied_total {self._events_applied}",
                      "# HELP stamp_events_rejected_total Events refused, by result code.",
                      "# TYPE stamp_events_rejected_total counter"]
            for code, n in sorted(self._rejections.items()):
                lines.append(f'stamp_events_rejected_total{{code="{code}"}} {n}')
        return "\n".join(lines) + "\n"


class MetricsMiddleware:
    """Times every HTTP request; the endpoint label is the matched route's path (so a vvd.bz
    code never becomes a label), ``unmatched`` otherwise."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            endpoint = getattr(route, "path", "unmatched")
            self.metrics.request(scope.get("method", ""), endpoint, status,
                                 time.monotonic() - started)


class OperationsApi:
    def __init__(self, db: Database, metrics: Metrics) -> None:
        self.db, self.metrics = db, metrics

    def routes(self) -> list[Route]:
        return [Route("/healthz", self.healthz, methods=["GET"]),
                Route("/metrics", self.render, methods=["GET"])]

    async def healthz(self, request: Request) -> Response:
        up = await run_in_threadpool(self.db.ping)
        return JsonResponse({"status": "ok" if up else "unavailable", "database": up},
                            status_code=200 if up else 503)

    async def render(self, request: Request) -> Response:
        host = request.client.host if request.client else ""
        if host not in LOOPBACK:
            return JsonResponse({"detail": "Metrics answer on loopback only."}, status_code=403)
        return PlainTextResponse(self.metrics.render(),
                                 media_type="text/plain; version=0.0.4; charset=utf-8")
