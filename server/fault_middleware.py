"""ASGI middleware that breaks API requests as :class:`server.faults.FaultInjector` decides.

"Drop" commits the request's work and then closes the connection without a status line, the
ambiguous case a client cannot tell from a lost request: the client sees a protocol or read
error, never a 500.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server import errors
from server.faults import Decision, FaultInjector

#: scope key under which :class:`server.app.StampApp` keeps the server's own ``send``
RAW_SEND = "stamp.raw_send"
UNTOUCHED_PREFIXES = ("/_control", "/openapi.json", "/docs", "/healthz", "/metrics")


class FaultMiddleware:
    def __init__(self, app: ASGIApp, injector: FaultInjector) -> None:
        self.app, self.injector = app, injector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(UNTOUCHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        decision = self.injector.decide(path, batch=path.endswith("reportMultiStampEvents"))
        if decision == Decision():
            await self.app(scope, receive, send)
            return
        if decision.delay:
            await asyncio.sleep(decision.delay)
        if decision.fail_500:
            await _send_json(send, 500, {"result": {
                "code": errors.INJECTED_FAULT, "message": "server.fault.injected",
                "description": "Injected failure before processing."}})
            return
        if decision.drop:
            await self.app(scope, receive, _swallow)
            _close_without_answer(scope.get(RAW_SEND, send))
            return
        if decision.malformed or decision.partial_keep is not None:
            captured = _Captured()
            await self.app(scope, receive, captured.send)
            body = captured.body
            if decision.malformed:
                body = body[: max(1, len(body) // 2)]
            else:
                body = _partial(body, decision.partial_keep or 0.0)
            await captured.replay(send, body)
            return
        await self.app(scope, receive, send)


async def _swallow(message: Message) -> None:
    return None


def _close_without_answer(send: Send) -> None:
    """Close the socket under uvicorn's request cycle without sending anything."""
    cycle: Any = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise RuntimeError("cannot drop the connection: not running under uvicorn")
    cycle.disconnected = True  # tells uvicorn not to answer 500 for the missing response
    transport.close()


def _partial(body: bytes, keep: float) -> bytes:
    try:
        data = json.loads(body)
        results = data["eventResults"]
    except (ValueError, KeyError, TypeError):
        return body
    data["eventResults"] = results[: int(len(results) * keep)]
    return json.dumps(data, separators=(",", ":")).encode()


class _Captured:
    def __init__(self) -> None:
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)

    async def replay(self, send: Send, body: bytes) -> None:
        assert self.start is not None
        headers = [(k, v) for k, v in self.start.get("headers", [])
                   if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**self.start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
