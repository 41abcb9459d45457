"""JSON answers encoded with orjson: compact UTF-8, several times faster than the json module
on the large batch answers of reportMultiStampEvents."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse


class JsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
