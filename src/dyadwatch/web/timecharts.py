"""Geometry for the server-drawn charts over time: the dyad chart and the dashboard's weekly events.

Both share one time axis (ordinal days), year or month ticks, a count axis with round steps, and
the rule that a line never bridges a period without events: it is cut into segments there, so an
empty stretch is never drawn as a straight trend. Templates draw the numbers as SVG, escaping labels.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from dyadwatch.web.queries import QUAD_NAMES

QUAD_COLOURS = {1: "#2b8cbe", 2: "#1a9850", 3: "#fdae61", 4: "#d73027", None: "#888888"}
DIRECTION_COLOURS = ("#1f4e9c", "#c2185b")  # a → b, b → a: apart from the quad colours and each other
CHAR_WIDTH = 5.4  # a generous average advance of a 9 px sans-serif character, to fit band labels


def day(value: str | None) -> int | None:
    """The ordinal day of an ISO date, a month (its first day) or a year (1 January); None if invalid."""
    if not value:
        return None
    value = {4: value + "-01-01", 7: value + "-01"}.get(len(value), value[:10])
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def next_period(first: int, freq: str) -> int:
    """The first day of the period after the one starting on `first` (day, week, month or year)."""
    if freq == "day":
        return first + 1
    if freq == "week":
        return first + 7
    date = dt.date.fromordinal(first)
    if freq == "year":
        return dt.date(date.year + 1, 1, 1).toordinal()
    return dt.date(date.year + date.month // 12, date.month % 12 + 1, 1).toordinal()


def middle(first: int, freq: str) -> float:
    """The middle of the period starting on `first`: where its bar and its mean are drawn."""
    return first + (next_period(first, freq) - first - 1) / 2


def segments(points: list[tuple[int, float]], freq: str, x: Callable[[float], float],
             y: Callable[[float], float]) -> list[list[tuple[float, float]]]:
    """Runs of chart points, cut wherever a period without a value lies between two periods."""
    runs: list[list[tuple[float, float]]] = []
    previous: int | None = None
    for first, value in sorted(points):
        if previous is None or next_period(previous, freq) != first:
            runs.append([])
        runs[-1].append((x(middle(first, freq)), y(value)))
        previous = first
    return runs


def time_ticks(lo: int, hi: int, x: Callable[[float], float]) -> list[dict[str, Any]]:
    """Year ticks over spans of more than about 2.5 years, else month ticks (at most about eight)."""
    ticks = []
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    if hi - lo > 900:
        step = max(1, (last.year - first.year) // 8 + 1)
        for year in range(first.year + 1, last.year + 1, step):
            ticks.append({"x": x(dt.date(year, 1, 1).toordinal()), "label": str(year)})
        return ticks
    month = dt.date(first.year, first.month, 1)
    every = max(1, (hi - lo) // 30 // 8)
    count = 0
    while month.toordinal() <= hi:
        if month.toordinal() >= lo and count % every == 0:
            ticks.append({"x": x(month.toordinal()), "label": month.strftime("%Y-%m")})
        count += 1
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ticks


def count_ticks(peak: int) -> tuple[int, list[int]]:
    """A round axis maximum ≥ peak and its ticks from 0 (1, 2 or 5 times a power of ten per step)."""
    peak = max(peak, 1)
    raw = peak / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    top = math.ceil(peak / step) * step
    return top, list(range(0, top + 1, step))


def fit(label: str, room: float) -> str:
    """The label cut with an ellipsis to fit `room` pixels at 9 px (the full text stays in a tooltip)."""
    most = max(0, int(room // CHAR_WIDTH))
    if len(label) <= most:
        return label
    return label[:max(0, most - 1)].rstrip() + "…" if most > 1 else ""


def quad_legend(start: float) -> list[dict[str, Any]]:
    """Swatch positions for the four quad classes in a row, each after the previous name."""
    items = []
    for quad in (1, 2, 3, 4):
        items.append({"x": round(start, 1), "colour": QUAD_COLOURS[quad], "quad": quad})
        start += 14 + len(QUAD_NAMES[quad]) * 6.0 + 12
    return items


def stacked_bars(series: list[dict[str, Any]], x: Callable[[float], float], base: float, height: float,
                 width: float, top: int, freq: str) -> list[dict[str, Any]]:
    """One bar per period, stacked by quad class 1 → 4 from `base` upwards, scaled to `top` events."""
    bars = []
    for s in series:
        first = day(s.get("period"))
        if first is None:
            continue
        floor = base
        for quad in (1, 2, 3, 4):
            count = s.get(f"quad{quad}") or 0
            if not count:
                continue
            h = max(1.0, round(count / top * height, 1))  # one event stays visible beside thousands
            floor -= h
            bars.append({"x": round(x(middle(first, freq)) - width / 2, 1), "y": round(floor, 1),
                         "w": round(width, 1), "h": h,
                         "fill": QUAD_COLOURS[quad], "quad": quad, "period": s["period"],
                         "until": dt.date.fromordinal(next_period(first, freq) - 1).isoformat(),
                         "title": f"{freq} of {s['period']}: {count} event(s) of quad class {quad}"})
    return bars


def dyad_chart(a: str, b: str, directions: list[list[dict[str, Any]]], series: list[dict[str, Any]],
               events: list[dict[str, Any]], bands: list[dict[str, Any]], freq: str, *, width: int = 900,
               top: int = 200, bottom: int = 110) -> dict[str, Any]:
    """The dyad over time, in three stacked parts sharing one time axis:

    - state bands (one lane each, labels cut to fit inside the chart);
    - Goldstein (−10 … +10) of each event as a dot and the mean per period as a line, one colour per
      direction (a → b, b → a), the line cut where a period has no events;
    - events per period in both directions, stacked by quad class, on a count axis.
    """
    days = [d for d in (day(e.get("date")) for e in events) if d is not None]
    days += [d for d in (day(s.get("period")) for s in series) if d is not None]
    days += [d for band in bands for d in (day(band.get("start")), day(band.get("end"))) if d is not None]
    if not days:
        return {"empty": True, "width": width, "height": top + bottom}
    left, right = 58, width - 12
    lo, hi = min(days) - 15, max(days) + 15
    lanes = min(len(bands), 10)
    offset = lanes * 14 + (6 if lanes else 0) + 22  # band lanes, then a legend row, then the Goldstein panel

    def x(first: float) -> float:
        return round(left + (first - lo) / (hi - lo) * (right - left), 1)

    def y(goldstein: float) -> float:
        return round(offset + 8 + (10 - goldstein) / 20 * (top - 16), 1)

    names = (f"{a} → {b}", f"{b} → {a}")
    points = []
    for e in events:
        first = day(e.get("date"))
        if first is None or e.get("goldstein") is None:
            continue
        source = e.get("source") or {}
        side = source.get("country") or source.get("code")
        direction = 0 if side == a else 1
        precision = {4: "year", 7: "month"}.get(len(e["date"]))  # a month or a year sits at its middle
        nudge = -2.5 if direction == 0 else 2.5  # two directions on one day stay apart
        points.append({"cx": round(x(middle(first, precision) if precision else first) + nudge, 1),
                       "cy": y(e["goldstein"]),
                       "fill": DIRECTION_COLOURS[direction],
                       "direction": direction, "event_id": e["id"], "article_id": e["article_id"],
                       "linked": e.get("origin", "coded") == "coded",
                       "title": f"{names[direction]} {e['date']} {e['event_type']} {e.get('cameo') or ''} "
                                f"({e['goldstein']:+.1f}, quad class {e.get('quad_class')}): {e['sentence']}"})
    lines = []
    for direction, rows in enumerate(directions):
        values = [(first, s["goldstein_mean"]) for s in rows
                  if (first := day(s.get("period"))) is not None and s.get("goldstein_mean") is not None]
        for run in segments(values, freq, x, y):
            lines.append({"points": " ".join(f"{px},{py}" for px, py in run), "stroke": DIRECTION_COLOURS[direction],
                          "single": len(run) == 1, "x": run[0][0], "y": run[0][1], "direction": direction})
    floor = offset + top + bottom - 18
    panel = bottom - 34
    peak, counts = count_ticks(max((s.get("events") or 0 for s in series), default=0))
    bar_width = max(2.0, min(24.0, (right - left) / max(len(series), 1) * 0.6))
    bars = stacked_bars(series, x, floor, panel, bar_width, peak, freq)
    shaded = []
    for number, band in enumerate(bands[:lanes]):
        start, end = day(band.get("start")), day(band.get("end"))
        x1, x2 = x(lo if start is None else start), x(hi if end is None else end)
        places = [(x2 - x1 - 6, x1 + 3, "start"), (right - x2 - 6, x2 + 3, "start"), (x1 - left - 6, x1 - 3, "end")]
        fits = [p for p in places if fit(band["label"], p[0]) == band["label"]]
        room, tx, anchor = fits[0] if fits else max(places)
        shaded.append({"x": x1, "w": max(2.0, round(x2 - x1, 1)), "y": 4 + number * 14, "label": band["label"],
                       "text": fit(band["label"], room), "tone": band.get("tone", "neutral"), "open": end is None,
                       "tx": round(tx, 1), "anchor": anchor})
    legend_y = offset - 8
    legend, start = [], float(left)
    for i in range(2):  # a swatch of dot and line, then the direction, each after the previous
        legend.append({"x": round(start, 1), "y": legend_y, "colour": DIRECTION_COLOURS[i], "label": names[i]})
        start += 35 + len(names[i]) * 7.0 + 16
    return {"empty": False, "width": width, "height": offset + top + bottom, "left": left, "right": right,
            "offset": offset, "top": offset + top, "floor": floor, "freq": freq,
            "points": points, "lines": lines, "bars": bars, "bands": shaded, "legend": legend,
            "quad_legend": quad_legend(start + 16),
            "xticks": time_ticks(lo, hi, x),
            "yticks": [{"y": y(g), "label": f"{g:+d}" if g else "0"} for g in (10, 5, 0, -5, -10)],
            "goldstein_mid": y(0), "counts": [{"y": round(floor - c / peak * panel, 1), "label": str(c)}
                                              for c in counts],
            "count_mid": round(floor - panel / 2, 1), "zero": y(0)}


def weekly_chart(weeks: list[dict[str, Any]], freq: str, *, width: int = 900, height: int = 220
                 ) -> dict[str, Any]:
    """Events per period (week, or month over long spans) stacked by quad class, with a count axis."""
    days = [d for d in (day(w.get("period")) for w in weeks) if d is not None]
    if not days:
        return {"empty": True, "width": width, "height": height}
    left, right, floor = 52, width - 12, height - 22
    length = {"week": 7, "month": 30.4, "year": 365.25}[freq]
    lo, hi = int(min(days) - length / 2), int(next_period(max(days), freq) + length / 2)

    def x(first: float) -> float:
        return round(left + (first - lo) / (hi - lo) * (right - left), 1)

    panel = floor - 30
    peak, counts = count_ticks(max((w.get("events") or 0 for w in weeks), default=0))
    slot = (right - left) * length / (hi - lo)
    bars = stacked_bars(weeks, x, floor, panel, max(1.0, min(18.0, slot * 0.8)), peak, freq)
    return {"empty": False, "width": width, "height": height, "left": left, "right": right, "floor": floor,
            "freq": freq, "bars": bars, "xticks": time_ticks(lo, hi, x),
            "counts": [{"y": round(floor - c / peak * panel, 1), "label": str(c)} for c in counts],
            "count_mid": round(floor - panel / 2, 1),
            "quad_legend": quad_legend(left + 8)}
