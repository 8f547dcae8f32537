"""Geometry for the server-drawn SVG charts: the dyad chart, the actor network and the map.

Functions here turn data into numbers and short labels only; templates draw them as SVG elements,
escaping every label, so the charts need no script and no third-party library in the browser.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from dyadwatch.web import worldmap

QUAD_COLOURS = {1: "#2b8cbe", 2: "#1a9850", 3: "#fdae61", 4: "#d73027", None: "#888888"}


def _day(value: str | None) -> int | None:
    if not value:
        return None
    value = {4: value + "-01-01", 7: value + "-01"}.get(len(value), value[:10])  # month or year precision
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def dyad_chart(series: list[dict[str, Any]], events: list[dict[str, Any]], bands: list[dict[str, Any]],
               *, width: int = 900, top: int = 200, bottom: int = 90) -> dict[str, Any]:
    """Goldstein of each event as points and its mean per period as a line (upper panel), quad-class
    counts per period as stacked bars (lower panel), and state periods as shaded bands behind both."""
    days = [d for d in (_day(e.get("date")) for e in events) if d is not None]
    days += [d for d in (_day(s.get("period")) for s in series) if d is not None]
    days += [d for b in bands for d in (_day(b.get("start")), _day(b.get("end"))) if d is not None]
    if not days:
        return {"empty": True, "width": width, "height": top + bottom}
    left, right = 40, width - 10
    lo, hi = min(days) - 15, max(days) + 15
    lanes = min(len(bands), 10)
    offset = lanes * 14 + (8 if lanes else 0)  # one lane per state above the Goldstein panel

    def x(day: int) -> float:
        return round(left + (day - lo) / (hi - lo) * (right - left), 1)

    def y(goldstein: float) -> float:
        return round(offset + 10 + (10 - goldstein) / 20 * (top - 20), 1)

    points = []
    for e in events:
        day = _day(e.get("date"))
        if day is None or e.get("goldstein") is None:
            continue
        points.append({"cx": x(day), "cy": y(e["goldstein"]), "fill": QUAD_COLOURS.get(e.get("quad_class"), "#888"),
                       "title": f"{e['date']} {e['event_type'] or ''} {e.get('cameo') or ''} ({e['goldstein']:+.1f}): "
                                f"{e['sentence']}",
                       "article_id": e["article_id"], "sentence_index": e["sentence_index"]})
    line = []
    peak = max((s.get("events") or 0 for s in series), default=0) or 1
    bars = []
    bar_width = max(3.0, min(30.0, (right - left) / max(len(series), 1) * 0.6))
    for s in series:
        day = _day(s.get("period"))
        if day is None:
            continue
        if s.get("goldstein_mean") is not None:
            line.append(f"{x(day)},{y(s['goldstein_mean'])}")
        base = offset + top + bottom - 15
        for quad in (1, 2, 3, 4):
            count = s.get(f"quad{quad}") or 0
            if not count:
                continue
            height = round(count / peak * (bottom - 30), 1)
            base -= height
            bars.append({"x": round(x(day) - bar_width / 2, 1), "y": round(base, 1), "w": round(bar_width, 1),
                         "h": height, "fill": QUAD_COLOURS[quad], "title": f"{s['period']}: {count} quad {quad}"})
    shaded = []
    for number, b in enumerate(bands[:lanes]):
        start, end = _day(b.get("start")), _day(b.get("end"))
        x1, x2 = x(lo if start is None else start), x(hi if end is None else end)
        near_end = x1 > right - 260
        shaded.append({"x": x1, "w": max(2.0, round(x2 - x1, 1)), "y": 4 + number * 14, "label": b["label"],
                       "tone": b.get("tone", "neutral"), "open": end is None,
                       "tx": round(x2 - 3 if near_end else x1 + 3, 1), "anchor": "end" if near_end else "start"})
    ticks = []
    first = dt.date.fromordinal(lo)
    step = max(1, (hi - lo) // 365 // 6 + 1) if hi - lo > 900 else 0
    if step:
        for year in range(first.year + 1, dt.date.fromordinal(hi).year + 1, step):
            ticks.append({"x": x(dt.date(year, 1, 1).toordinal()), "label": str(year)})
    else:
        month = dt.date(first.year, first.month, 1)
        every = max(1, (hi - lo) // 30 // 8)
        count = 0
        while month.toordinal() <= hi:
            if month.toordinal() >= lo and count % every == 0:
                ticks.append({"x": x(month.toordinal()), "label": month.strftime("%Y-%m")})
            count += 1
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return {"empty": False, "width": width, "height": offset + top + bottom, "top": offset + top, "left": left,
            "right": right, "offset": offset,
            "points": points, "line": " ".join(line), "bars": bars, "bands": shaded, "xticks": ticks,
            "yticks": [{"y": y(g), "label": f"{g:+d}" if g else "0"} for g in (10, 5, 0, -5, -10)],
            "zero": y(0)}


def network_layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, size: int = 640,
                   rounds: int = 150) -> dict[str, Any]:
    """Positions by a seeded Fruchterman–Reingold layout, so the same store always draws the same picture."""
    rng = random.Random(7)
    pos = {n["id"]: [rng.uniform(-1, 1), rng.uniform(-1, 1)] for n in nodes}
    k = math.sqrt(4.0 / max(len(nodes), 1))
    temperature = 0.2
    gravity = 2.0 * k
    for _ in range(rounds):
        shift = {n: [0.0, 0.0] for n in pos}
        names = list(pos)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 1e-3)
                push = k * k / dist
                shift[a][0] += dx / dist * push
                shift[a][1] += dy / dist * push
                shift[b][0] -= dx / dist * push
                shift[b][1] -= dy / dist * push
        for e in edges:
            a, b = e["source"], e["target"]
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            pull = dist * dist / k
            shift[a][0] -= dx / dist * pull
            shift[a][1] -= dy / dist * pull
            shift[b][0] += dx / dist * pull
            shift[b][1] += dy / dist * pull
        for n, (sx, sy) in shift.items():
            sx -= pos[n][0] * gravity  # gravity keeps separate components on one page
            sy -= pos[n][1] * gravity
            length = max(math.hypot(sx, sy), 1e-9)
            pos[n][0] += sx / length * min(length, temperature)
            pos[n][1] += sy / length * min(length, temperature)
        temperature *= 0.97
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
    margin = 40

    def place(p: list[float]) -> tuple[float, float]:
        return (round(margin + (p[0] - min(xs)) / span * (size - 2 * margin), 1),
                round(margin + (p[1] - min(ys)) / span * (size - 2 * margin), 1))

    peak = max((n["events"] for n in nodes), default=1)
    drawn_nodes = []
    for n in nodes:
        cx, cy = place(pos[n["id"]])
        drawn_nodes.append({**n, "cx": cx, "cy": cy, "r": round(5 + 12 * math.sqrt(n["events"] / peak), 1)})
    where = {n["id"]: (n["cx"], n["cy"], n["r"]) for n in drawn_nodes}
    pairs = {(e["source"], e["target"]) for e in edges}
    heaviest = max((e["events"] for e in edges), default=1)
    drawn_edges = []
    for e in edges:
        (x1, y1, r1), (x2, y2, r2) = where[e["source"]], where[e["target"]]
        length = max(math.hypot(x2 - x1, y2 - y1), 1e-6)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        bend = 3.0 if (e["target"], e["source"]) in pairs else 0.0  # both directions: two parallel lines
        x1, y1 = x1 + ux * r1 - uy * bend, y1 + uy * r1 + ux * bend
        x2, y2 = x2 - ux * (r2 + 2) - uy * bend, y2 - uy * (r2 + 2) + ux * bend
        drawn_edges.append({**e, "x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1),
                            "width": round(1 + 5 * e["events"] / heaviest, 1),
                            "stroke": QUAD_COLOURS[4] if e["tone"] == "conflict" else QUAD_COLOURS[2]})
    return {"size": size, "nodes": drawn_nodes, "edges": drawn_edges}


def world(points: list[dict[str, Any]], countries: list[dict[str, Any]]) -> dict[str, Any]:
    """Country outlines shaded by events located in them, and a dot per named place.

    A place with no coordinates of its own (a country named as the location) is drawn at the centre
    of that country's largest outline.
    """
    counts = {c["country"]: c["events"] for c in countries}
    peak = max(counts.values(), default=1)
    shapes = []
    for c in worldmap.countries():
        n = counts.get(c["iso3"], 0)
        share = n / peak
        red, green, blue = 253 - int(23 * share), 208 - int(123 * share), 162 - int(149 * share)
        shade = f"rgb({red},{green},{blue})" if n else "#eeeeee"
        shapes.append({"iso3": c["iso3"], "name": c["name"], "d": c["d"], "fill": shade, "events": n})
    dots = []
    centres = worldmap.centres()
    peak_dot = max((p["events"] for p in points), default=1)
    for p in points:
        if p.get("lat") is not None and p.get("lon") is not None:
            cx, cy = worldmap.project(p["lat"], p["lon"])
        elif p.get("country") in centres:
            cx, cy = centres[p["country"]]
        else:
            continue
        dots.append({**p, "cx": cx, "cy": cy, "r": round(1.2 + 2.5 * math.sqrt(p["events"] / peak_dot), 2),
                     "fill": QUAD_COLOURS[4] if p["conflict"] * 2 > p["events"] else QUAD_COLOURS[2]})
    return {"shapes": shapes, "dots": dots}
