"""PRIO-GRID cells (0.5 degree grid, Tollefsen, Strand & Buhaug 2012) from coordinates.

Cell numbering starts at 1 in the south-west corner (90S, 180W) and runs east along each row,
then north: ``gid = (row - 1) * 720 + col`` with ``row = floor((lat + 90) / 0.5) + 1`` and
``col = floor((lon + 180) / 0.5) + 1``. Points on the north pole or the antimeridian fall in the
last row/column.
"""

from __future__ import annotations

import math

CELL = 0.5
COLUMNS = 720
ROWS = 360


def priogrid_gid(latitude: float | None, longitude: float | None) -> int | None:
    """The PRIO-GRID cell id of a point, ``None`` when a coordinate is missing or out of range."""
    if latitude is None or longitude is None:
        return None
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        return None
    row = min(math.floor((latitude + 90.0) / CELL) + 1, ROWS)
    col = min(math.floor((longitude + 180.0) / CELL) + 1, COLUMNS)
    return (row - 1) * COLUMNS + col


def cell_centre(gid: int) -> tuple[float, float]:
    """(latitude, longitude) of the centre of cell ``gid``."""
    row, col = divmod(gid - 1, COLUMNS)
    return -90.0 + (row + 0.5) * CELL, -180.0 + (col + 0.5) * CELL
