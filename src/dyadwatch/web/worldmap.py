"""The offline world map: country outlines as SVG paths, built once from a PyPI package.

The outlines are Natural Earth's 1:110m admin-0 countries (public domain) as bundled in the wheel of
`geopandas==0.14.4` (`geopandas/datasets/naturalearth_lowres`, removed from later releases). `build()`
reads that shapefile with pyshp and writes `static/world.json`: one SVG path per country in an
equirectangular projection (x = lon + 180, y = 90 − lat, 0.1° steps), which the map page draws
inline, so no tile server or CDN is ever needed. Rebuild with `python -m dyadwatch.web.worldmap`.
"""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

ASSET = Path(__file__).parent / "static" / "world.json"
SOURCE_PACKAGE = "geopandas==0.14.4"
SHAPEFILE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
WIDTH, HEIGHT = 360.0, 180.0
# Natural Earth leaves a few codes as -99; these have an ISO 3166 user-assigned or CAMEO code.
CODE_FIXES = {"Kosovo": "XKX"}


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection into the map's 360 × 180 viewBox."""
    return round(lon + 180.0, 2), round(90.0 - lat, 2)


@cache
def countries() -> list[dict[str, Any]]:
    """The country outlines (iso3, name, continent, SVG path), loaded once."""
    return json.loads(ASSET.read_text(encoding="utf-8"))["countries"]


@cache
def centres() -> dict[str, tuple[float, float]]:
    """Per country, the centre of the bounding box of its largest ring, in map coordinates."""
    out = {}
    for c in countries():
        best: list[tuple[float, float]] = []
        for ring in c["d"].split("M")[1:]:
            pts = [tuple(map(float, p.split())) for p in ring.rstrip("Z").split("L")]
            if len(pts) > len(best):
                best = pts  # type: ignore[assignment]
        xs, ys = [p[0] for p in best], [p[1] for p in best]
        out[c["iso3"]] = (round((min(xs) + max(xs)) / 2, 2), round((min(ys) + max(ys)) / 2, 2))
    return out


def build(wheel: Path | None = None, out: Path = ASSET) -> int:
    """Write `out` from the geopandas wheel (downloaded with pip when not given); returns the country count."""
    import shapefile  # build-time only: pyshp

    if wheel is None:
        folder = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder),
                        SOURCE_PACKAGE], check=True)
        wheel = next(folder.glob("geopandas-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{SHAPEFILE}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = zf.read(f"{SHAPEFILE}.cpg").decode("ascii").strip()
    reader = shapefile.Reader(**parts, encoding=encoding)
    rows = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        iso3 = record["iso_a3"] if record["iso_a3"] != "-99" else CODE_FIXES.get(record["name"], "")
        rows.append({"iso3": iso3, "name": record["name"], "continent": record["continent"],
                     "d": _path(shape.points, list(shape.parts))})
    rows.sort(key=lambda r: (r["iso3"], r["name"]))
    payload = {"source": f"Natural Earth 1:110m admin-0 countries, from the PyPI wheel {SOURCE_PACKAGE} "
                         f"({SHAPEFILE}.shp); public domain",
               "projection": "equirectangular: x = lon + 180, y = 90 - lat, viewBox 0 0 360 180",
               "countries": rows}
    out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(rows)


def _path(points: list[tuple[float, float]], parts: list[int]) -> str:
    """One SVG path for all rings of a shape, rounded to 0.1° with repeated points dropped."""
    out = []
    bounds = [*parts, len(points)]
    for start, end in itertools.pairwise(bounds):
        ring: list[str] = []
        for lon, lat in points[start:end]:
            x, y = f"{lon + 180:.1f}", f"{90 - lat:.1f}"
            point = f"{x} {y}".replace(".0 ", " ").removesuffix(".0")
            if not ring or ring[-1] != point:
                ring.append(point)
        if len(ring) >= 3:
            out.append("M" + "L".join(ring) + "Z")
    return "".join(out)


if __name__ == "__main__":
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"wrote {build(given)} countries to {ASSET}")
