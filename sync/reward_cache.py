"""Parsed reward instances by their exact JSON: a card's answer repeats all its rewards on
every stamp, and parsing them again each time would dominate a long drain."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stamps.models import RewardInstance


class RewardCache:
    LIMIT = 4096

    def __init__(self) -> None:
        self._parsed: dict[tuple[Any, ...], RewardInstance] = {}

    def parse(self, raw: Any, parse: Callable[[Any], RewardInstance]) -> RewardInstance:
        """``parse(raw)``, or the value parsed for the same JSON before."""
        key = _key(raw)
        if key is not None:
            hit = self._parsed.get(key)
            if hit is not None:
                return hit
        value = parse(raw)
        if key is not None:
            if len(self._parsed) >= self.LIMIT:
                self._parsed.clear()
            self._parsed[key] = value
        return value


def _key(raw: Any) -> tuple[Any, ...] | None:
    """A hashable copy of a JSON object one level deep; None when it cannot be one."""
    if not isinstance(raw, Mapping):
        return None
    try:
        items = []
        for k, v in raw.items():
            if isinstance(v, Mapping):
                v = tuple(sorted(v.items()))
            items.append((k, v))
        key = tuple(sorted(items))
        hash(key)
    except TypeError:
        return None
    return key
