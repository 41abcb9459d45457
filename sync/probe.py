"""One harmless request to each service, and what its outcome means for whoever sets the
terminal up: answered with the credentials accepted, wrong key, wrong address, no answer, a
certificate that is not trusted, nothing listening, or a service that is failing.

Used by ``stamp-pos doctor`` and by set-up's "Test connection", so a wrong URL or key is found
when it is typed, not by a sync that fails hours later.
"""

from __future__ import annotations

import enum
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from sync.errors import (
    AmbiguousError,
    ApiValidationError,
    AuthError,
    ConfigurationError,
    InvalidResponse,
    ServerError,
    SyncError,
    TransportError,
)
from sync.fintiv import FintivClient
from sync.membership import MembershipClient
from sync.vvd import CREATE_PATH, VvdClient


class Verdict(enum.StrEnum):
    OK = "ok"
    WRONG_KEY = "wrong key"
    NOT_FOUND = "not found"
    NO_ANSWER = "no answer"
    CERTIFICATE = "certificate"
    UNREACHABLE = "unreachable"
    FAILING = "failing"
    NOT_A_SERVICE = "not a stamp service"


#: what to do, per verdict; ``{name}`` is the service, ``{url}`` its base URL
ADVICE: dict[Verdict, str] = {
    Verdict.OK: "{name} answers and accepts the credentials.",
    Verdict.WRONG_KEY: "{name} refused the credentials. Check the key or token for it in "
                       "Settings, Services.",
    Verdict.NOT_FOUND: "{name} has no such address ({url}). Check the base URL, including "
                       "its path.",
    Verdict.NO_ANSWER: "{name} did not answer in time. Check the network, or that the "
                       "service at {url} is running.",
    Verdict.CERTIFICATE: "{name}'s certificate is not trusted. Check that {url} is the right "
                         "address and that this computer's date is right.",
    Verdict.UNREACHABLE: "Nothing answers at {url}. Check the address and the network.",
    Verdict.FAILING: "{name} is having trouble. Try again later, or ask its operator.",
    Verdict.NOT_A_SERVICE: "Something answers at {url}, but it is not {name}. Check the base "
                           "URL.",
}


@dataclass(frozen=True, slots=True)
class ProbeResult:
    service: str
    url: str
    verdict: Verdict
    #: what happened and what to do, one sentence
    advice: str

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK


def verdict_of(exc: SyncError) -> Verdict:
    if isinstance(exc, ConfigurationError) and exc.status is not None:
        return Verdict.NOT_FOUND if exc.status == 404 else Verdict.NOT_A_SERVICE
    if isinstance(exc, AuthError):
        return Verdict.WRONG_KEY
    if isinstance(exc, ApiValidationError):
        return Verdict.NOT_FOUND if exc.status == 404 else Verdict.NOT_A_SERVICE
    if isinstance(exc, ServerError):
        return Verdict.FAILING
    if isinstance(exc, InvalidResponse):
        return Verdict.NOT_A_SERVICE
    if _tls_failure(exc):
        return Verdict.CERTIFICATE
    if isinstance(exc, AmbiguousError) or "in time" in str(exc):
        return Verdict.NO_ANSWER
    if isinstance(exc, TransportError):
        return Verdict.UNREACHABLE
    return Verdict.FAILING


def _tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def probe(name: str, url: str, call: Callable[[], object]) -> ProbeResult:
    try:
        call()
        verdict = Verdict.OK
    except SyncError as exc:
        verdict = verdict_of(exc)
    return ProbeResult(name, url, verdict, ADVICE[verdict].format(name=name, url=url))


def probe_fintiv(client: FintivClient, url: str) -> ProbeResult:
    return probe("The stamp service", url, client.get_merchants)


def probe_membership(client: MembershipClient, url: str) -> ProbeResult:
    return probe("The membership service", url, lambda: client.suggestions("zz"))


def probe_vvd(client: VvdClient, url: str) -> ProbeResult:
    """vvd.bz has no read-only call: a GET on ``create`` is checked for the key and then
    refused for its method (405), which proves both without creating anything."""

    def call() -> None:
        try:
            client.http.call("GET", CREATE_PATH)
        except ApiValidationError as exc:
            if exc.status != 405:
                raise

    return probe("The card issuing service", url, call)
