"""The 12 provinces as shapes: the packaged geometry (impact/data/provinces.json) as SVG paths.

Pure functions, no ORM: the geometry is read once per process and turned into path strings in
the map's own coordinates (the Dutch national grid, RD New, is already a flat projection in
metres, so drawing it needs no map projection; only the y axis is flipped for SVG).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.json"
# Room around the country inside the SVG, in the file's units (hectometres).
MARGIN = 40


@dataclass(frozen=True)
class ProvinceShape:
    """One province ready to draw: its slug, name, SVG path and where to put its label."""

    slug: str
    name: str
    cbs_code: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class CountryShape:
    """All provinces with the view box that holds them."""

    view_box: str
    width: int
    height: int
    provinces: tuple[ProvinceShape, ...]

    def by_slug(self) -> dict[str, ProvinceShape]:
        return {p.slug: p for p in self.provinces}


@lru_cache(maxsize=1)
def geometry() -> dict[str, Any]:
    """The packaged geometry file as it is stored (read once per process)."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def _ring_area_centroid(ring: list[list[int]]) -> tuple[float, float, float]:
    """Signed area and centroid of one closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, float(ring[0][0]), float(ring[0][1])
    return area, cx / (6 * area), cy / (6 * area)


@lru_cache(maxsize=1)
def country() -> CountryShape:
    """Every province as an SVG path in one view box, north up (read once per process)."""
    provinces = geometry()["provinces"]
    points = [
        point
        for province in provinces.values()
        for polygon in province["polygons"]
        for ring in polygon
        for point in ring
    ]
    min_x = min(p[0] for p in points) - MARGIN
    max_x = max(p[0] for p in points) + MARGIN
    min_y = min(p[1] for p in points) - MARGIN
    max_y = max(p[1] for p in points) + MARGIN

    def svg_point(point: list[int]) -> str:
        return f"{point[0] - min_x},{max_y - point[1]}"

    shapes = []
    for slug, province in provinces.items():
        parts = []
        largest = (0.0, 0.0, 0.0)
        for polygon in province["polygons"]:
            for ring in polygon:
                parts.append("M" + "L".join(svg_point(p) for p in ring) + "Z")
            outer = _ring_area_centroid(polygon[0])
            if abs(outer[0]) > abs(largest[0]):
                largest = outer
        shapes.append(
            ProvinceShape(
                slug=slug, name=province["name"], cbs_code=province["cbs_code"],
                path="".join(parts),
                label_x=round(largest[1] - min_x, 1), label_y=round(max_y - largest[2], 1),
            )
        )
    width, height = max_x - min_x, max_y - min_y
    return CountryShape(
        view_box=f"0 0 {width} {height}", width=width, height=height,
        provinces=tuple(sorted(shapes, key=lambda s: s.slug)),
    )
