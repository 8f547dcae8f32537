"""Dyad indicators: how much two actors deal with each other, and how, period by period.

The counts come from the store's views `dyad_day`, `dyad_week` and `dyad_month` (schema 3), which
count each real event once (one per deduplicated cluster, `dyadwatch.store.dedup`), only asserted or
reported ones, with a dyad side being the actor's country or, without one, its code. Each period
gives the events per quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict), the Goldstein sum and mean, and the number of mentions behind the events.
"""

from __future__ import annotations

from typing import Any

from dyadwatch.store import Store

FREQUENCIES: tuple[str, ...] = ("day", "week", "month")


def dyad_series(store: Store, a: str, b: str, freq: str = "month", *, directed: bool = False) -> list[dict[str, Any]]:
    """Per period (its first day): events, quad1–quad4, goldstein_sum, goldstein_mean, mentions.

    Both directions count unless `directed` (then only a → b)."""
    return store.dyad_periods(a, b, freq=freq, directed=directed)


def top_dyads(store: Store, n: int = 10, *, international: bool = True,
              min_confidence: float | None = None) -> dict[str, list[dict[str, Any]]]:
    """The `n` most active dyads (most events) and the `n` most hostile (lowest Goldstein sum, and
    below zero: a dyad of cooperation is never listed as hostile).

    Directed dyads, between two different sides unless `international` is False; with `min_confidence`,
    counted over the events whose confidence reaches it (imported events carry none)."""
    active, hostile = (store.dyad_totals(order=order, limit=n, international=international,
                                         min_confidence=min_confidence) for order in ("active", "hostile"))
    return {"active": active, "hostile": [d for d in hostile if (d["goldstein_sum"] or 0) < 0]}
