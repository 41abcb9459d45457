"""The ASGI application: ``create_app(config)`` builds a fresh service on its own database."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from server.config import ServerConfig
from server.control_api import ControlApi
from server.errors import ApiErrorAnswer
from server.fault_middleware import RAW_SEND, FaultMiddleware
from server.fintiv_api import FintivApi
from server.membership_api import MembershipApi
from server.metrics import MetricsMiddleware, OperationsApi
from server.openapi import openapi_document
from server.responses import JsonResponse
from server.services import Services
from server.vvd_api import VvdApi

log = logging.getLogger(__name__)


def create_app(config: ServerConfig) -> Starlette:
    services = Services.open(config)
    spec = openapi_document(config)

    async def openapi(request: Request) -> Response:
        return JsonResponse(spec)

    routes = [
        *FintivApi(services).routes(),
        *MembershipApi(services).routes(),
        *VvdApi(services).routes(),
        *ControlApi(services).routes(),
        *OperationsApi(services.db, services.metrics).routes(),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        services.close()

    app = StampApp(
        routes=routes,
        middleware=[Middleware(MetricsMiddleware, metrics=services.metrics),
                    Middleware(FaultMiddleware, injector=services.faults)],
        exception_handlers={
            ApiErrorAnswer: _server_error, ClientDisconnect: _gone, Exception: _bug,
            404: _not_found,
        },
        lifespan=lifespan,
    )
    app.state.services = services
    return app


class StampApp(Starlette):
    """Starlette that keeps the server's own ``send`` in the scope, so fault injection can
    drop a connection from under the middleware stack."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[RAW_SEND] = send
        await super().__call__(scope, receive, send)


async def _server_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiErrorAnswer)
    return JsonResponse(exc.body(), status_code=exc.status)


async def _not_found(request: Request, exc: Exception) -> Response:
    return JsonResponse({"result": {"code": 40401, "message": "endpoint.not.found"},
                         "detail": "Not found."}, status_code=404)


async def _gone(request: Request, exc: Exception) -> Response:
    return Response(status_code=400)  # nobody is listening any more


async def _bug(request: Request, exc: Exception) -> Response:
    log.error("Unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JsonResponse({"result": {"code": 50000, "message": "server.error",
                                    "description": "The stamp service failed; try again."}},
                        status_code=500)
