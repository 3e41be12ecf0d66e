"""A choropleth of countries drawn in half-block text: each terminal cell holds two pixels (top and
bottom half), each pixel belongs to the country whose polygon holds its centre, and each country
is shaded by the state it is handed (member, lead, other role, left, unconfirmed, not a member).

Pure: no Textual, no Rich. `draw` returns lines of (text, style name) runs; a front end maps the
style names to colours. Every state has its own character, so the picture reads without colour
(NO_COLOR, a light theme, a PNG): █ member, ▓ lead, ▒ other role, ╱ left, ? unconfirmed,
░ not a member. Where a cell's two pixels are land and sea, a solid state draws the land half
(▀ or ▄); a patterned state fills the cell. Where two states meet in one cell, the one earlier in
STATES wins (an unconfirmed or member country is not hidden by a neighbour that is not a member).

The shapes (tui/views/map_shapes.bin, Natural Earth 1:110m, public domain; see map_shapes.txt and
tools/derive_map.py) are read when the first map is drawn, never at start-up.
"""

from __future__ import annotations

import datetime as _dt
import math
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ASSET = Path(__file__).with_name("map_shapes.bin")

STATES = ("unconfirmed", "lead", "member", "other", "left", "none")
"""Every state a country can be drawn in, strongest first (the stronger wins a shared cell)."""
FULL = {"unconfirmed": "?", "lead": "▓", "member": "█", "other": "▒", "left": "╱", "none": "░"}
SOLID = {"member"}
"""States drawn with half blocks at a coast (the others fill the whole cell with their pattern)."""
LEGEND = (("member", "member"), ("lead", "lead or co-lead"), ("other", "other role"),
          ("left", "left"), ("unconfirmed", "unconfirmed"), ("none", "not a member"))
SEA = "map-sea"
_ONE_DAY = _dt.timedelta(days=1)


def style_of(state: str) -> str:
    return f"map-{state}"


def legend() -> list[tuple[str, str, str]]:
    """(character, style name, words) for each state, in the legend's order."""
    return [(FULL[s], style_of(s), words) for s, words in LEGEND]


@dataclass(frozen=True)
class Frame:
    """The part of the world a frame must show (degrees); a window of another shape shows more
    around it, never less."""
    key: str
    title: str
    west: float
    east: float
    south: float
    north: float


FRAMES = (Frame("world", "World", -180.0, 180.0, -56.0, 84.0),
          Frame("euro-atlantic", "Euro-Atlantic", -125.0, 50.0, 24.0, 72.0))
FRAME = {f.key: f for f in FRAMES}

LAT_LIMIT = 85.0
STRETCH = 1.35
"""How far a frame may be stretched along one axis to fill a window before more of the world is
shown around it instead (a 160x48 world would otherwise show Antarctica)."""


def _miller(lat: float) -> float:
    """Miller's cylindrical projection's y (radians) of a latitude in degrees."""
    lat = max(-LAT_LIMIT, min(LAT_LIMIT, lat))
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


@dataclass
class Shapes:
    """The countries' rings in projected coordinates (x: longitude in radians, y: Miller's y),
    each ring with its bounding box, keyed by ISO alpha-2 code."""
    rings: dict[str, list[tuple[tuple[float, ...], tuple[float, ...], tuple[float, float, float, float]]]]

    def __contains__(self, iso: str) -> bool:
        return iso in self.rings

    def codes(self) -> list[str]:
        return sorted(self.rings)


def _read_varints(data: bytes, pos: int):
    n = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        n |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return n, pos
        shift += 7


def decode(data: bytes) -> dict[str, list[list[tuple[float, float]]]]:
    """The asset's countries as rings of (lon, lat) in degrees (layout: tools/derive_map.py)."""
    raw = zlib.decompress(data)
    if not raw.startswith(b"NEMAP1\n"):
        raise ValueError("not a map asset")
    pos = 7
    quant, pos = _read_varints(raw, pos)
    count, pos = _read_varints(raw, pos)
    out: dict[str, list] = {}
    for _ in range(count):
        iso = raw[pos:pos + 2].decode("ascii")
        pos += 2
        nrings, pos = _read_varints(raw, pos)
        rings = []
        for _ in range(nrings):
            npoints, pos = _read_varints(raw, pos)
            x = y = 0
            ring = []
            for _ in range(npoints):
                dx, pos = _read_varints(raw, pos)
                dy, pos = _read_varints(raw, pos)
                x += (dx >> 1) ^ -(dx & 1)
                y += (dy >> 1) ^ -(dy & 1)
                ring.append((x / quant - 180.0, y / quant - 90.0))
            rings.append(ring)
        out[iso] = rings
    return out


@lru_cache(maxsize=1)
def shapes() -> Shapes:
    """The bundled shapes, read and projected once."""
    projected = {}
    for iso, rings in decode(ASSET.read_bytes()).items():
        out = []
        for ring in rings:
            xs = tuple(math.radians(lon) for lon, _ in ring)
            ys = tuple(_miller(lat) for _, lat in ring)
            out.append((xs, ys, (min(xs), min(ys), max(xs), max(ys))))
        projected[iso] = out
    return Shapes(projected)


def contains(iso: str, lon: float, lat: float) -> bool:
    """Whether a point (degrees) lies in a country's shape (even-odd over its rings)."""
    x, y = math.radians(lon), _miller(lat)
    inside = False
    for xs, ys, _ in shapes().rings.get(iso, ()):
        n = len(xs)
        for i in range(n):
            x1, y1, x2, y2 = xs[i - 1], ys[i - 1], xs[i], ys[i]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


@dataclass
class Picture:
    """A drawn map: `lines` of (text, style name) runs, `cells[row][col]` the country shown in each
    cell (None: sea, or a shared cell no country wins), and the countries of the mapping that are
    not on it: `too_small` (a shape, but no cell shows it at this size), `outside` (off this
    frame), `no_shape` (no shape at 1:110m, or not a country: Malta, the EU)."""
    lines: list[list[tuple[str, str]]]
    cells: list[list[str | None]]
    too_small: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    no_shape: list[str] = field(default_factory=list)
    drawn: frozenset[str] = frozenset()
    """Every country some cell shows (whatever its state)."""
    in_view: frozenset[str] = frozenset()
    """Every country with a shape in this frame (drawn or too small to be)."""

    def text(self) -> list[str]:
        return ["".join(t for t, _ in line) for line in self.lines]


@dataclass(frozen=True)
class _View:
    x0: float
    y0: float
    sx: float   # pixels per radian across
    sy: float   # pixels per unit of Miller's y down


def _fit(frame: Frame, width: int, px_height: int) -> _View:
    """Scale the frame into width x px_height pixels and widen the shorter side to fill them,
    within the world's bounds."""
    west, east = math.radians(frame.west), math.radians(frame.east)
    north, south = _miller(frame.north), _miller(frame.south)
    sx, sy = width / (east - west), px_height / (north - south)
    least = min(sx, sy)
    sx, sy = min(sx, least * STRETCH), min(sy, least * STRETCH)
    half_w, half_h = width / sx / 2, px_height / sy / 2
    cx, cy = (west + east) / 2, (north + south) / 2
    world_w, top, bottom = math.pi, _miller(LAT_LIMIT), _miller(-LAT_LIMIT)
    cx = max(-world_w + half_w, min(world_w - half_w, cx)) if half_w <= world_w else 0.0
    cy = max(bottom + half_h, min(top - half_h, cy)) if half_h <= (top - bottom) / 2 else (top + bottom) / 2
    return _View(cx - half_w, cy + half_h, sx, sy)


def cell_of(frame: str, width: int, height: int, lon: float, lat: float) -> tuple[int, int] | None:
    """The (column, row) of the cell a point (degrees) falls in, on a map of that frame and size;
    None when it is off the map."""
    view = _fit(FRAME[frame], width, height * 2)
    col = math.floor((math.radians(lon) - view.x0) * view.sx)
    row = math.floor((view.y0 - _miller(lat)) * view.sy) // 2
    return (col, row) if 0 <= col < width and 0 <= row < height else None


@lru_cache(maxsize=8)
def _pixels(frame_key: str, width: int, px_height: int) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...],
                                                                 frozenset[str]]:
    """(codes, rows of pixel owners as indexes into codes or -1, codes with any ring in view):
    the part of a map that does not depend on states, kept for stepping through time."""
    view = _fit(FRAME[frame_key], width, px_height)
    x0, y0, sx, sy = view.x0, view.y0, view.sx, view.sy
    x1, y1 = x0 + width / sx, y0 - px_height / sy
    sh = shapes()
    codes = tuple(sh.codes())
    crossings: list[list[tuple[int, float]]] = [[] for _ in range(px_height)]
    in_view = set()
    for idx, iso in enumerate(codes):
        for xs, ys, (bx0, by0, bx1, by1) in sh.rings[iso]:
            if bx1 < x0 or bx0 > x1 or by1 < y1 or by0 > y0:
                continue
            in_view.add(iso)
            px = [(x - x0) * sx for x in xs]
            py = [(y0 - y) * sy for y in ys]
            n = len(px)
            for i in range(n):
                ax, ay, bx, by = px[i - 1], py[i - 1], px[i], py[i]
                if ay == by:
                    continue
                if ay > by:
                    ax, ay, bx, by = bx, by, ax, ay
                first = max(0, math.ceil(ay - 0.5))
                last = min(px_height, math.ceil(by - 0.5))
                if first >= last:
                    continue
                slope = (bx - ax) / (by - ay)
                for j in range(first, last):
                    crossings[j].append((idx, ax + (j + 0.5 - ay) * slope))
    rows = []
    for j in range(px_height):
        row = [-1] * width
        found = crossings[j]
        found.sort()
        k = 0
        while k < len(found) - 1:  # closed rings cross a line an even number of times: pair them
            (ia, xa), (ib, xb) = found[k], found[k + 1]
            if ia != ib:
                k += 1
                continue
            lo, hi = max(0, math.ceil(xa - 0.5)), min(width, math.ceil(xb - 0.5))
            for i in range(lo, hi):
                row[i] = ia
            k += 2
        rows.append(tuple(row))
    return codes, tuple(rows), frozenset(in_view)


def draw(frame: str | Frame, width: int, height: int, states: dict[str, str]) -> Picture:
    """The map of `frame` in `width` x `height` cells, each country shaded by `states`
    (ISO alpha-2 -> one of STATES; a country not named is "none")."""
    key = frame.key if isinstance(frame, Frame) else frame
    width, height = max(1, width), max(1, height)
    codes, rows, in_view = _pixels(key, width, height * 2)
    rank = {s: i for i, s in enumerate(STATES)}
    code_state = [states.get(c, "none") for c in codes]
    code_rank = [rank.get(s, len(STATES) - 1) for s in code_state]
    shown: set[int] = set()
    lines, cells = [], []
    for r in range(height):
        top, bottom = rows[2 * r], rows[2 * r + 1]
        runs: list[tuple[str, str]] = []
        owners: list[str | None] = []
        text, style = [], None
        for t, b in zip(top, bottom):
            if t < 0 and b < 0:
                ch, st, who = " ", SEA, None
            else:
                if t < 0 or (b >= 0 and code_rank[b] < code_rank[t]):
                    win = b
                else:
                    win = t
                state = code_state[win]
                st = style_of(state)
                if t >= 0 and b >= 0:
                    ch = FULL[state]
                    if code_state[t] == state:
                        shown.add(t)
                    if code_state[b] == state:
                        shown.add(b)
                else:
                    shown.add(win)
                    ch = ("▀" if b < 0 else "▄") if state in SOLID else FULL[state]
                who = codes[win]
            if st != style and text:
                runs.append(("".join(text), style))
                text = []
            style = st
            text.append(ch)
            owners.append(who)
        runs.append(("".join(text), style))
        lines.append(runs)
        cells.append(owners)
    drawn = {codes[i] for i in shown}
    sh = shapes()
    too_small, outside, no_shape = [], [], []
    for iso in sorted(states):
        if iso not in sh:
            no_shape.append(iso)
        elif iso not in in_view:
            outside.append(iso)
        elif iso not in drawn:
            too_small.append(iso)
    return Picture(lines, cells, too_small, outside, no_shape, frozenset(drawn), in_view)


# --- states from a dataset ----------------------------------------------------------------------

MEMBERSHIP_ROLES = frozenset(("member", "participant"))
"""Roles that make a country a member on the map where the index has no rule of its own
(`Index.member_roles`, per coalition, where it has one); lead and co-lead shade "lead", every
other role (observer, host, partner) "other role"."""


def states_on(ix, coalition: str, as_of) -> dict[str, str]:
    """Each country's state in `coalition` on `as_of` (a tui.views.index.Index; as_of None: every
    spell that ever held): lead, member or other role by the roles of the spells that hold, left
    when every spell has ended, and unconfirmed when any spell that decides the state is
    unconfirmed (unconfirmed wins). Countries never in the coalition are left out ("none")."""
    from tui.views.index import LEADING

    roles = ix.member_roles(coalition) if hasattr(ix, "member_roles") else MEMBERSHIP_ROLES
    out: dict[str, str] = {}
    spells: dict[str, list] = {}
    for m in ix.by_coalition.get(coalition, []):
        if ix.begun(m, as_of):
            spells.setdefault(m.country, []).append(m)
    for country, found in spells.items():
        holding = [m for m in found if ix.active(m, as_of)]
        deciding = holding or found
        if any(m.unconfirmed for m in deciding):
            out[country] = "unconfirmed"
        elif not holding:
            out[country] = "left"
        elif any(m.role in LEADING for m in holding):
            out[country] = "lead"
        elif any(m.role in roles for m in holding):
            out[country] = "member"
        else:
            out[country] = "other"
    return out


def change_dates(ix, coalition: str) -> list:
    """The dates on which some country's state in `coalition` changes (a spell begins, or ends the
    day after its `until`): the steps of `[` and `]` on the Map."""
    from tui.views.index import date_end, date_start

    days = set()
    for m in ix.by_coalition.get(coalition, []):
        start = ix.start_of(m)
        if start:
            days.add(date_start(start))
        if m.until:
            days.add(date_end(m.until) + _ONE_DAY)
    return sorted(days)


@dataclass(frozen=True)
class Listed:
    """A country of the map's states that the picture does not show, and why."""
    iso: str
    name: str
    state: str
    why: str


WHY = {"too_small": "too small at this size", "outside": "outside this frame", "no_shape": "no shape at 1:110m",
       "not_country": "not a country"}
DRAWN = "yes"
"""The Map table's 'On the map' for a country some cell shows; otherwise it gives the reason in
the words of the list beside the map (WHY), so the two always agree."""
UNDRAWN = "has a shape"
"""The same column before any map is drawn (an export with no picture): it has a shape to draw."""

NOT_COUNTRIES = frozenset({"EU", "UN", "EZ"})
"""ISO 3166-1's exceptionally reserved codes that name bodies, not countries (European Union,
United Nations, euro area): a member such a code names is no country to draw."""


def is_country(iso: str) -> bool:
    """False for a body's code (NOT_COUNTRIES) and ISO's user-assigned codes (AA, QM-QZ, XA-XZ,
    ZZ; Kosovo's XK is a country), which a dataset may give an organisation as its member."""
    if iso in NOT_COUNTRIES:
        return False
    if iso == "XK":
        return True
    return not (iso in ("AA", "ZZ") or (iso[:1] == "Q" and iso[1:] >= "M") or iso[:1] == "X")


def place(picture: Picture | None, iso: str) -> str:
    """Whether a country is on the map in view, in the words of the list beside it: "yes", or
    why not (too small at this size, outside this frame, no shape at 1:110m, not a country);
    with no picture drawn yet, "has a shape" where it has one."""
    if not is_country(iso):
        return WHY["not_country"]
    if iso not in shapes():
        return WHY["no_shape"]
    if picture is None:
        return UNDRAWN
    if iso in picture.drawn:
        return DRAWN
    return WHY["too_small"] if iso in picture.in_view else WHY["outside"]


def not_drawn(picture: Picture, states: dict[str, str], name=lambda iso: iso) -> list[Listed]:
    """Every country in a state other than "none" that the picture leaves out (the list beside the
    map: never silently missing), strongest state first, then by name."""
    rank = {s: i for i, s in enumerate(STATES)}
    out = []
    for key, codes in (("too_small", picture.too_small), ("outside", picture.outside), ("no_shape", picture.no_shape)):
        for iso in codes:
            state = states.get(iso, "none")
            if state != "none":
                out.append(Listed(iso, name(iso), state, place(picture, iso)))
    return sorted(out, key=lambda x: (rank.get(x.state, len(STATES)), x.name.casefold(), x.iso))


STATE_WORDS = dict(LEGEND)
CSV_HEADER = ["country", "name", "state", "shape"]
