"""One JSON-over-HTTP call, shared by the three API clients.

It builds the ``httpx.Client`` (timeouts, TLS verified), reads bodies with a size cap, turns
every failure into a :mod:`sync.errors` class, records the server's clock offset from its
``Date`` header, and never writes a secret to the log.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from stamps.clock import Clock, SystemClock
from stamps.redaction import redact
from sync.errors import (
    AmbiguousError,
    ApiValidationError,
    AuthError,
    ConfigurationError,
    InvalidResponse,
    RequestTooLarge,
    ServerError,
    TransportError,
)

log = logging.getLogger(__name__)

#: Header names whose values are secrets; they are shown as ``***`` wherever logged.
SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "cookie", "set-cookie"})

DEFAULT_MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """Connection settings of one service. ``verify`` may be False only for loopback tests; an
    ``ssl.SSLContext`` shared by several clients loads the CA store once (about 0.1 s each)."""

    base_url: str
    connect_timeout: float = 3.0
    read_timeout: float = 10.0
    verify: bool | str | ssl.SSLContext = True
    max_body: int = DEFAULT_MAX_BODY


def build_client(
    settings: HttpSettings, *, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """An ``httpx.Client`` for ``settings``; pass ``transport`` to talk to something else."""
    timeout = httpx.Timeout(
        settings.read_timeout, connect=settings.connect_timeout, pool=settings.connect_timeout
    )
    return httpx.Client(
        base_url=settings.base_url.rstrip("/") + "/",
        timeout=timeout,
        verify=settings.verify,
        transport=transport,
        follow_redirects=False,
        headers={"accept": "application/json;charset=UTF-8"},
    )


class ClockSkew:
    """Offset of the server's clock from ours, from the ``Date`` of its last answer.

    ``Date`` has one-second resolution, so the offset is accurate to about a second, which is
    plenty for a warning measured in minutes. ``clock`` is the terminal's business clock: the
    offset is the one its eventTimes carry."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock if clock is not None else SystemClock()
        self._lock = threading.Lock()
        self._offset: float | None = None

    @property
    def offset_seconds(self) -> float | None:
        """Server minus local time in seconds; None until a ``Date`` header was seen."""
        with self._lock:
            return self._offset

    def observe(self, date_header: str | None, sent: float, received: float) -> None:
        if not date_header:
            return
        try:
            server = parsedate_to_datetime(date_header).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return
        # Date is truncated to the second: its true value lies in [server, server + 1).
        offset = server + 0.5 - (sent + received) / 2
        with self._lock:
            self._offset = offset

    def exceeds(self, limit_seconds: float) -> bool:
        offset = self.offset_seconds
        return offset is not None and abs(offset) > limit_seconds


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    data: Any
    headers: httpx.Headers


class JsonHttp:
    """Sends one request and returns ``(status, json)`` for 2xx and 400 answers.

    401/403, 413, other 4xx and 5xx raise; so do transport failures, invalid JSON and bodies
    over ``max_body``. The caller validates the shape of the JSON it gets."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        headers: Mapping[str, str] | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        skew: ClockSkew | None = None,
        service: str = "the service",
    ) -> None:
        self.client = client
        self.headers = dict(headers or {})
        self.max_body = max_body
        self.skew = skew or ClockSkew()
        #: the service's name inside a sentence ("the stamp service") and at its start
        self.service = service
        self.subject = service[:1].upper() + service[1:]
        self._secrets = [v for k, v in self.headers.items() if k.lower() in SECRET_HEADERS]

    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> tuple[int, Any]:
        answer = self.exchange(method, path, body=body, params=params)
        return answer.status, answer.data

    def exchange(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        """:meth:`call` with request headers of its own and the answer's headers returned."""
        sent, started = self.skew.clock.epoch(), time.monotonic()
        content = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        headers = {**self.headers, **(headers or {})}
        if content is not None:
            headers["content-type"] = "application/json"
        try:
            with self.client.stream(
                method, path, content=content, params=params, headers=headers
            ) as response:
                raw = self._read_capped(response)
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
                self._log_failure(method, path, exc)
                raise TransportError(f"Could not reach {self.service} in time.") from exc
            self._log_failure(method, path, exc)
            raise AmbiguousError(f"{self.subject} did not answer in time.") from exc
        except httpx.ConnectError as exc:
            self._log_failure(method, path, exc)
            if _tls_failure(exc):
                raise ConfigurationError(
                    f"{self.subject}'s certificate is not trusted; check its address in the "
                    "settings and this computer's date.") from exc
            raise TransportError(f"Could not connect to {self.service}.") from exc
        except httpx.UnsupportedProtocol as exc:
            self._log_failure(method, path, exc)
            raise ConfigurationError(
                f"The address of {self.service} is not a web address; check it in the "
                "settings.") from exc
        except (httpx.TransportError, httpx.StreamError) as exc:
            # Reset, protocol error or broken write: the request may have been processed.
            self._log_failure(method, path, exc)
            raise AmbiguousError(f"The connection to {self.service} broke.") from exc
        received, took = self.skew.clock.epoch(), time.monotonic() - started
        self.skew.observe(response.headers.get("date"), sent, received)
        status = response.status_code
        log.debug(
            "%s %s -> %s (%d bytes, %.0f ms)",
            method, self._safe(path), status, len(raw), took * 1000,
        )
        if status in (401, 403):
            raise AuthError(
                f"{self.subject} refused the terminal's credentials. "
                "Ask a manager to check the API key and token in the settings.",
                status=status,
            )
        if status == 413:
            raise RequestTooLarge(f"{self.subject} found the request too large.", status=413)
        if status == 429 or status >= 500:
            raise ServerError(f"{self.subject} is having trouble (HTTP {status}).", status=status)
        if 300 <= status < 400 or (400 < status < 500):
            raise ApiValidationError(
                f"{self.subject} refused the request (HTTP {status}).", status=status
            )
        return Answer(status, self._parse(raw), response.headers)

    def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            raise InvalidResponse(
                f"{self.subject} sent an answer that is too large.",
                detail=f"content-length {declared} > {self.max_body}",
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_body:
                raise InvalidResponse(
                    f"{self.subject} sent an answer that is too large.",
                    detail=f"body over {self.max_body} bytes",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _parse(self, raw: bytes) -> Any:
        try:
            return json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise InvalidResponse(
                f"{self.subject} sent an answer that is not valid JSON.", detail=str(exc)[:200]
            ) from None

    def _safe(self, text: str) -> str:
        return redact(text, self._secrets)

    def _log_failure(self, method: str, path: str, exc: Exception) -> None:
        log.info(
            "%s %s failed: %s", method, self._safe(path), self._safe(type(exc).__name__ + ": "
                                                                      + str(exc))
        )


def _tls_failure(exc: BaseException) -> bool:
    """A certificate or TLS handshake failure anywhere in the chain of causes."""
    seen: BaseException | None = exc
    for _ in range(10):  # a chain of causes can loop
        if seen is None:
            break
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
