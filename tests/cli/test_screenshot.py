"""Screenshots and exports: headless SVG and PNG of every pane, the CLI's errors, atomic writes,
and the in-app keys and palette commands that save the screen or the table in view."""

from __future__ import annotations

from conftest import palette_offers, until

import csv
import html
import io
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.export.png import PNG_HINT, ScreenshotError, svg_to_png
from tui.ui.shots import format_of, parse_date, parse_size

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")
TODAY = "2026-11-25"
CELL_W, CELL_H = 12.2, 24.4  # one terminal cell in Rich's SVG: 0.61 x 20 px wide, 1.22 x 20 px high

# Text each pane must show at 80x24: its first column headings and something only it draws.
EXPECTED = {
    "countries": ["Country", "ISO", "NATO", "UDCG", "/ filter", "? unconfirmed", "Member of"],
    "meetings": ["Meeting", "Date", "Venue", "UDCG 1", "Ramstein Air Base", "~ about < nearly"],
    "roadmap": ["Area", "2023", "Air defence", "◆", "━ active"],
    "quotes": ["Kind", "Speaker", "Statement", "“quote”", "paraphr."],
    "sources": ["What", "Text / title", "¶1", "Records drawn from it"],
}


# --- helpers ---------------------------------------------------------------------------------------


def screen_text(svg: str) -> str:
    """The characters a Textual SVG shows, one line per terminal row."""
    rows: dict[float, dict[int, str]] = {}
    for x, y, text in re.findall(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        row = rows.setdefault(float(y), {})
        col = round(float(x) / CELL_W)
        for i, ch in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[col + i] = ch
    return "\n".join("".join(r.get(i, " ") for i in range(max(r) + 1)).rstrip()
                     for _, r in sorted(rows.items()))


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height of Textual's SVG (its viewBox: the SVG has no width/height attributes)."""
    m = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert m, "no viewBox in the SVG"
    return float(m[1]), float(m[2])


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, after checking the signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    """Exit code and stderr of `coalition-tui ARGV`, in this process."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    return code, capsys.readouterr().err


# --- headless, through the command line ------------------------------------------------------------


@pytest.fixture(scope="module")
def all_svg(tmp_path_factory) -> Path:
    """`screenshot --all` at the default 80x24, drawn once for the tests that read it."""
    out = tmp_path_factory.mktemp("all")
    assert main(["screenshot", "--all", "--today", TODAY, "-o", str(out)]) == 0
    return out


def test_all_writes_one_svg_per_pane_and_nothing_else(all_svg):
    from tui.ui.shots import pane_names

    assert sorted(p.name for p in all_svg.iterdir()) == sorted(f"{p}.svg" for p in pane_names())


@pytest.mark.parametrize("pane", sorted(EXPECTED))
def test_svg_of_each_pane_shows_that_pane(all_svg, pane):
    svg = (all_svg / f"{pane}.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    text = screen_text(svg)
    lines = text.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 80
    # provenance on every image: the title (cut at 80 columns), the as-of date, the date the
    # data was last checked and the version (never cut)
    from tui import __version__
    from tui.data.load import load

    meta = load().meta
    first = lines[0]
    assert first.lstrip().startswith("◆ " + meta.title[:12]), first
    assert f"as of {lines[0].split('as of ')[1][:10]}" in first and f"checked {meta.last_checked}" in first
    assert f"coalition-tui {__version__}" in first
    assert "Roadmap" in text and "Map" in text  # the tabs (at 80 columns the short labels: Roadmap, not Roadmap 2027)
    for expected in EXPECTED[pane]:
        assert expected in text, f"{expected!r} not on the {pane} screenshot:\n{text}"
    others = {w for p, ws in EXPECTED.items() if p != pane for w in ws[-1:]}
    assert not any(w in text for w in others), "another pane's text leaked into this one"


def test_png_decodes_at_the_size_of_its_svg(all_svg, tmp_path, capsys):
    out = tmp_path / "countries.png"
    code, err = run_cli(capsys, "screenshot", "--pane", "countries", "--today", TODAY, "-o", str(out))
    assert code == 0, err
    assert err.strip() == f"wrote {out}"
    w, h = svg_size((all_svg / "countries.svg").read_text(encoding="utf-8"))
    assert png_size(out.read_bytes()) == (round(w), round(h)) == (994, 636)
    assert not [p for p in tmp_path.iterdir() if p != out]


def test_select_theme_and_date_apply_and_png_grows_with_the_terminal(all_svg, tmp_path, capsys):
    out = tmp_path / "de.svg"
    code, err = run_cli(capsys, "screenshot", "--pane", "meetings", "--select", "de", "--as-of",
                        "2023-01-01", "--theme", "textual-light", "--size", "120x36", "-o", str(out))
    assert code == 0, err
    svg = out.read_text(encoding="utf-8")
    text = screen_text(svg)
    assert "Germany (DE)" in text and "Memberships" in text
    assert "Coalitions it leads" not in text  # Germany co-leads IAMD only since 2024
    dark = (all_svg / "countries.svg").read_text(encoding="utf-8")
    assert _background(svg) != _background(dark)

    # 120x36 is 40 columns and 12 rows more than 80x24: the image grows by that many cells
    w80, h80 = svg_size(dark)
    w, h = svg_size(svg)
    assert (w - w80, h - h80) == pytest.approx((40 * CELL_W, 12 * CELL_H))
    assert png_size(svg_to_png(svg)) == (round(w), round(h))


def _background(svg: str) -> str:
    """The colour most cells are painted."""
    from collections import Counter

    return Counter(re.findall(r'<rect fill="(#[0-9a-fA-F]{6})" x=', svg)).most_common(1)[0][0]


def test_select_names_a_country_by_code_a_meeting_by_number_or_any_record_by_id():
    from tui.data.load import load_paths
    from tui.ui.shots import resolve_select
    from tui.views import Views

    q = Views(load_paths([Path(MINI)]))
    assert resolve_select(q, "de") == ("country", "DE")
    assert resolve_select(q, "1") == ("meeting", "udcg-1")
    assert resolve_select(q, "udcg-1") == ("meeting", "udcg-1")
    assert resolve_select(q, "mark-rutte") == ("person", "mark-rutte")
    assert resolve_select(q, "nato-DE") == ("membership", "nato-DE")  # every kind the registry has
    for unknown in ("2", "XX", "nobody"):
        with pytest.raises(ScreenshotError, match="unknown record"):
            resolve_select(q, unknown)


# --- bad arguments: one line on stderr, exit 2 -----------------------------------------------------


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """A folder no file can be created in (as root, chmod does not stop writes: use /sys)."""
    if os.geteuid() == 0:
        yield Path("/sys")
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


BAD = [
    (["--size", "0x0"], "bad --size '0x0'"),
    (["--size", "abc"], "bad --size 'abc'"),
    (["--size", "100"], "bad --size '100'"),
    (["--pane", "charts"], "unknown pane 'charts'"),
    (["--theme", "no-such-theme"], "unknown theme 'no-such-theme'"),
    (["--select", "ZZ"], "unknown record 'ZZ'"),
    (["--select", "999"], "unknown record '999'"),
    (["--select", "2"], "unknown record '2'"),  # the bundled data has meeting 2; --data's has not
    (["--as-of", "2024-13-01"], "bad --as-of date '2024-13-01'"),
    (["--as-of", "last week"], "bad --as-of date 'last week'"),
    (["--today", "tomorrow"], "bad --today date 'tomorrow'"),
    (["--all", "--select", "DE"], "cannot go with --all"),
    (["--format", "png"], "--format goes with --all"),
    (["--size"], "argument --size: expected one argument"),
    (["--bogus"], "unrecognized arguments: --bogus"),
]


@pytest.mark.parametrize("args,message", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_argument_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    out = tmp_path if "--all" in args else tmp_path / "shot.svg"
    code, err = run_cli(capsys, "--data", MINI, "screenshot", *args, "-o", str(out))
    _one_line_error(code, err, message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where,message", [
    ("missing", "does not exist"), ("unwritable", "ermission denied"), ("file", "is not a folder"),
    ("bad-extension", "name it .svg or .png"), ("none", "say where to write"),
])
def test_bad_output_is_one_line_and_exit_2(tmp_path, capsys, unwritable, where, message):
    (tmp_path / "a-file").write_text("x")
    argv = {"missing": ["-o", str(tmp_path / "nope" / "shot.svg")],
            "unwritable": ["-o", str(unwritable / "shot.png")],
            "file": ["--all", "-o", str(tmp_path / "a-file")],
            "bad-extension": ["-o", str(tmp_path / "shot.jpg")],
            "none": []}[where]
    code, err = run_cli(capsys, "--data", MINI, "screenshot", *argv)
    _one_line_error(code, err, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_png_without_cairosvg_names_the_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import cairosvg now raises ImportError
    with pytest.raises(ScreenshotError, match=re.escape(PNG_HINT)):
        svg_to_png("<svg/>")
    code, err = run_cli(capsys, "--data", MINI, "screenshot", "-o", str(tmp_path / "x.png"))
    assert (code, err) == (2, f"coalition-tui screenshot: {PNG_HINT}\n")
    assert PNG_HINT == "PNG needs the png extra: pip install 'coalition-tui[png]'"


def test_dashboard_screenshot_dir_must_be_a_folder(tmp_path, capsys):
    code, err = run_cli(capsys, "--screenshot-dir", str(tmp_path / "nope"))
    _one_line_error(code, err, "is not a folder")


def _one_line_error(code, err, message):
    assert code == 2
    assert err.count("\n") == 1 and err.endswith("\n"), f"not one line: {err!r}"
    assert message in err and "Traceback" not in err
    assert err.startswith("coalition-tui")


def test_parsers():
    assert parse_size("100x30") == (100, 30) and parse_size(" 80 X 24 ") == (80, 24)
    for bad in ("0x0", "19x10", "100x4", "1001x30", "x", "100x30x2", "-80x24"):
        with pytest.raises(ScreenshotError):
            parse_size(bad)
    # a partial date stands for its last day: "2024" has all happened by 2024-12-31
    assert str(parse_date("2024")) == "2024-12-31" and str(parse_date("2024-06")) == "2024-06-30"
    with pytest.raises(ScreenshotError):
        parse_date("２０２２")  # ASCII digits only
    assert format_of("a/b.PNG") == "png" and format_of("b.svg") == "svg"
    with pytest.raises(ScreenshotError):
        format_of("shot")


# --- safe files ------------------------------------------------------------------------------------


@pytest.fixture
def canned(monkeypatch):
    """Skip the drawing: these tests are about the write."""
    import tui.ui.shots

    monkeypatch.setattr(tui.ui.shots, "render_panes", lambda ds, shot, panes: {p: "<svg>new</svg>" for p in panes})


@pytest.mark.parametrize("fail", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path, capsys, monkeypatch, canned, fail):
    target = tmp_path / "shot.svg"
    target.write_text("<svg>old</svg>")

    def boom(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, fail, boom)
    code, err = run_cli(capsys, "--data", MINI, "screenshot", "-o", str(target))
    monkeypatch.undo()
    _one_line_error(code, err, "Input/output error")
    assert [p.name for p in tmp_path.iterdir()] == ["shot.svg"]
    assert target.read_text() == "<svg>old</svg>"


def test_ctrl_c_during_the_write_leaves_no_partial_file(tmp_path, monkeypatch, canned):
    target = tmp_path / "shot.svg"
    target.write_text("<svg>old</svg>")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        main(["--data", MINI, "screenshot", "-o", str(target)])
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["shot.svg"]
    assert target.read_text() == "<svg>old</svg>"


def test_screenshot_module_does_not_import_textual():
    code = "import sys, tui.ui.shots, tui.export.png; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --- in the app ------------------------------------------------------------------------------------


def _notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_e_exports_the_filtered_table_as_csv(make_app, tmp_path):
    from tui.ui.screens import DetailScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"iamd", "enter")
        await pilot.pause()
        pane = app.pane("countries")
        total = len(app.db.source("countries").select(app.as_of))
        assert 1 < len(pane.rows) < total
        await pilot.press("e")
        await pilot.pause()
        files = sorted(tmp_path.glob("*.csv"))
        assert len(files) == 1 and files[0].name.startswith("coalition-tui-countries-")
        rows = list(csv.reader(io.StringIO(files[0].read_text(encoding="utf-8"))))
        headings = [c.heading for c in pane.columns]
        marks = [f"{c.key}_{m}" for c in pane.columns for m in c.marks]
        assert rows[0] == headings + ["id", "unconfirmed"] + marks
        at = {h: i for i, h in enumerate(rows[0])}
        assert [r[at["ISO"]] for r in rows[1:]] == [r.id for r in pane.rows]
        assert all("IAMD" in (r[at["Leads"]] + r[at["Member of"]]) for r in rows[1:])
        assert {r[at["unconfirmed"]] for r in rows[1:]} <= {"true", "false"}
        assert not any(r[at["Leads"]].endswith("?") or "?;" in r[at["Leads"]] for r in rows[1:])  # marks are data
        assert f"Saved {len(pane.rows)} rows to {files[0].resolve()}" in _notes(app)

        # a detail screen has no table: e is not offered there (not in its help) and writes nothing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert not any(b.binding.action == "export_csv" and b.enabled
                       for b in app.screen.active_bindings.values())
        await pilot.press("e")
        await pilot.pause()
        assert len(list(tmp_path.glob("*.csv"))) == 1


async def _palette(pilot, app, typed: str, expected: str) -> None:
    """Run the palette command `expected`, found by typing `typed`: it must be the only such hit."""
    await pilot.press("ctrl+p", *typed)
    await until(pilot, lambda: palette_offers(app, expected), f"{expected!r} in the palette")
    hits = [str(o.prompt).split("\n")[0] for o in app.screen.query_one("CommandList")._options]
    assert hits[0] == expected and hits.count(expected) == 1, hits
    await pilot.press("enter")


async def test_ctrl_s_and_the_palette_save_svg_and_png(make_app, tmp_path, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles  # Textual's, which writes to ~/Downloads
        assert {"Save screenshot (SVG)", "Save screenshot (PNG)", "Export table as CSV"} <= set(titles)

        await pilot.press("ctrl+s")
        await pilot.pause()
        [svg] = tmp_path.glob("*.svg")
        assert svg.name.startswith("coalition-tui-countries-")
        assert "Country" in screen_text(svg.read_text(encoding="utf-8"))
        assert f"Saved {svg.resolve()}" in _notes(app)

        # from the palette: the palette has left the screen before the shot is taken
        await _palette(pilot, app, "svg", "Save screenshot (SVG)")
        await pilot.pause()
        [second] = set(tmp_path.glob("*.svg")) - {svg}
        text = screen_text(second.read_text(encoding="utf-8"))
        assert "Country" in text and "Save screenshot" not in text

        await _palette(pilot, app, "png", "Save screenshot (PNG)")
        await until(pilot, lambda: list(tmp_path.glob("*.png")), "the PNG (rendered in a thread)")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [png] = tmp_path.glob("*.png")
        assert png.name.startswith("coalition-tui-countries-")
        w, h = svg_size(svg.read_text(encoding="utf-8"))
        assert png_size(png.read_bytes()) == (round(w), round(h))
        assert f"Saved {png.resolve()}" in _notes(app)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]

        # without cairosvg, PNG says which extra brings it
        monkeypatch.setitem(sys.modules, "cairosvg", None)
        app.action_screenshot("png")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert PNG_HINT in _notes(app)
        assert len(list(tmp_path.glob("*.png"))) == 1


def test_readme_shows_a_png_made_by_the_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"coalition-tui screenshot [^\n`]*-o (docs/\S+\.png)", readme)
    assert m, "README gives the command that made its screenshot"
    assert f"]({m[1]})" in readme
    assert png_size((ROOT / m[1]).read_bytes())[0] > 0
