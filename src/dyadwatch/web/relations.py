"""The relation-state side of the web app, over `dyadwatch.store.state` and `dyadwatch.store.indicators`.

Those modules are imported on first use, so the rest of the app runs even in a build without them:
their pages and API routes then answer 503 (W006) and the dashboard leaves out its dyad tables.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import Any

from dyadwatch.store import Store
from dyadwatch.web.problems import WebError, WebErrors

FREQUENCIES = ("day", "week", "month")  # the periods of the store's dyad views (indicators.FREQUENCIES)


def _module(name: str) -> ModuleType:
    full = f"dyadwatch.store.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        raise WebError.of(WebErrors.W006, module=full) from exc


def available() -> dict[str, bool]:
    return {name: importlib.util.find_spec(f"dyadwatch.store.{name}") is not None for name in ("state", "indicators")}


def states_at(store: Store, at: str, actor: str | None, relation: str | None) -> list[dict[str, Any]]:
    return [s.to_dict() for s in _module("state").states_at(store, at, actor=actor, relation=relation)]


def top_dyads(store: Store, n: int) -> dict[str, list[dict[str, Any]]]:
    """Directed dyads: `active` (most events) and `hostile` (lowest Goldstein sum), one event per cluster."""
    return _module("indicators").top_dyads(store, n=n)


def dyad_series(store: Store, a: str, b: str, freq: str, *, directed: bool = False) -> list[dict[str, Any]]:
    return _module("indicators").dyad_series(store, a, b, freq=freq, directed=directed)


def dyad_timeline(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    return _module("state").timeline(store, a, b)
