"""The dashboard in a real browser: `coalition-tui serve` on a free loopback port, opened in
Debian's headless Chromium driven by Playwright, keys pressed as a user would, and what the user
gets asserted: downloads (names, content types, the CSV's rows), the clipboard, the session
closing on q, no console error, no request to any other host.

Needs Playwright for Python (the `test` extra) and a Chromium (.ci/run installs Debian's; never
`playwright install`). Without them the test skips, saying what is missing; with CI=true it fails
instead. The server runs in a process group of its own, stopped in the fixture's teardown even
when the test fails. Waits are on events (Playwright's wait_for_* and its event pump
`page.wait_for_timeout`, which is what lets events arrive in the sync API), with deadlines."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow  # a real browser: `make test` runs it; -m 'not slow' leaves it out

from serving import isolated_env, start

FROZEN = Path(__file__).parents[1] / "data" / "frozen"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
TOP = {"x": 0, "y": 0, "width": 1280, "height": 72}
"""The page's first three rows of cells (see Browser.look)."""
WORD = "ramstein"
"""Typed into the Meetings filter: some meetings were held there, most were not."""


def _need(what: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the browser test cannot run: {what}")
    pytest.skip(f"browser test skipped: {what}")


@pytest.fixture(scope="module")
def chromium() -> str:
    try:
        import playwright  # noqa: F401
    except ImportError:
        _need("Playwright for Python is not installed (pip install playwright; its browser download "
              "is not needed)")
    path = next((p for p in CHROMIUM if os.access(p, os.X_OK)), None) or shutil.which("chromium")
    if path is None:
        _need("no Chromium at /usr/bin/chromium (apt-get install chromium fonts-dejavu-core)")
    return path


@pytest.fixture
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    work = tmp_path_factory.mktemp("work")
    running = start(["--data", str(FROZEN), "--no-config", "--no-watch"], env=isolated_env(home), cwd=work)
    running.home, running.work = home, work
    try:
        yield running
    finally:
        running.stop()
        print("serve printed:", *running.lines, sep="\n  ")  # shown when the test fails
        for log in home.rglob("crash.log"):
            print(f"{log}:", log.read_text(errors="replace"))


def _expected(pane: str, words: str = ""):
    """The pane's rows as the dashboard selects them (no terminal involved)."""
    from tui.data.load import load
    from tui.views import Views

    views = Views(load(FROZEN))
    source = views.source(pane)
    return views, source, source.select(views.latest, words)


class Browser:
    """One page of headless Chromium and what it has seen."""

    def __init__(self, page, context):
        self.page, self.context = page, context
        self.downloads: list = []  # (download, content type)
        self.content_types: dict[str, str] = {}
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("download", lambda d: self.downloads.append(d))

    def wait(self, what: str, done, timeout: float = 20.0):
        """Pump Playwright's events until `done()` holds, or fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not (result := done()):
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout} s for {what} (the page: {self.shot()}); errors: {self.errors}")
            self.page.wait_for_timeout(50)
        return result

    def download(self, suffix: str, after: int):
        """The first download after the first `after`, once it has arrived: its name, content
        type and bytes."""
        self.wait(f"download {after + 1} ({suffix})", lambda: len(self.downloads) > after)
        d = self.downloads[after]
        assert d.failure() is None
        name = d.suggested_filename
        assert name.endswith(suffix), name
        key = urlsplit(d.url).path
        return name, self.content_types.get(key), Path(d.path()).read_bytes()

    def first_copy(self, tries: int = 10, each: float = 3.0) -> int:
        """Press y until a copy arrives as a download; how many downloads there are then. A
        pane is built when first shown: keys typed before it is (as fast as a script types)
        find no table, and y says "Nothing to copy here"; a person never types that fast."""
        for _ in range(tries):
            before = len(self.downloads)
            self.press("y")
            deadline = time.monotonic() + each
            while len(self.downloads) == before and time.monotonic() < deadline:
                self.page.wait_for_timeout(50)
            if len(self.downloads) > before:
                return before
        pytest.fail(f"y gave no download in {tries} tries (the page: {self.shot()}); errors: {self.errors}")

    def shot(self) -> Path:
        """A screenshot of the page for the failure message, outside the repository."""
        path = Path(tempfile.gettempdir()) / f"coalition-tui-browser-{os.getpid()}-{time.time_ns()}.png"
        self.page.screenshot(path=path)
        return path

    def look(self) -> bytes:
        """The top of the page (title, status, tabs): what tells a pane from a screen over it;
        notices show at the bottom, so they do not change it."""
        return self.page.screenshot(clip=TOP)

    def wait_for_look(self, what: str, look: bytes) -> None:
        self.wait(what, lambda: self.look() == look)

    def clipboard(self) -> str:
        return self.page.evaluate("navigator.clipboard.readText()")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)


def test_the_dashboard_in_a_browser(chromium, server, tmp_path, capsys, monkeypatch):
    from playwright.sync_api import sync_playwright

    from tui.export.data import table_to_csv
    from tui.views.copy import row_text

    loopback = {"127.0.0.1", "localhost", "[::1]", "::1"}
    env = isolated_env(server.home)  # the browser and Playwright's driver: no real home either
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME",
                 "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, env[name])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, env=env)
        try:
            with capsys.disabled():  # in the log of every run, passed or not
                print(f"\nbrowser test: Playwright {_playwright_version()}, Chromium {browser.version} "
                      f"({chromium})")
            context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
            page = context.new_page()
            b = Browser(page, context)

            def route(r):
                host = urlsplit(r.request.url).hostname or ""
                if r.request.url.startswith(("data:", "blob:")) or host in loopback:
                    r.continue_()
                else:
                    b.foreign.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            context.on("page", b.watch)  # downloads open in a new tab, which becomes the download
            context.on("response", lambda resp: "/download/" in resp.url and b.content_types.__setitem__(
                urlsplit(resp.url).path, resp.headers.get("content-type", "")))
            b.watch(page)
            page.goto(server.url + "/")
            assert page.title() == "Ukraine Defense Contact Group (Ramstein format) and NATO"
            page.wait_for_selector("body.-first-byte", timeout=30000)
            assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")
            page.focus(".xterm-helper-textarea")

            # 2: the Meetings pane; y copies its first row (pressed until the pane is built)
            views, source, rows = _expected("meetings")
            b.press("2")
            n = b.first_copy()
            name, ctype, body = b.download(".txt", n)
            assert name.startswith("coalition-tui-meetings-")
            assert body.decode("utf-8") == row_text(views, source.columns, rows[0], "text")

            # j: the next row; y copies it: to the clipboard and as a .txt download
            n = len(b.downloads)
            b.press("j", "y")
            name, ctype, body = b.download(".txt", n)
            assert name.startswith("coalition-tui-meetings-")
            assert ctype == "text/plain; charset=utf-8"
            copied = body.decode("utf-8")
            assert copied == row_text(views, source.columns, rows[1], "text")
            assert b.wait("the clipboard", lambda: b.clipboard() == copied)

            # Enter: the row's detail; y copies the detail (and its download is named after it)
            pane_look = b.look()
            n = len(b.downloads)
            b.press("Enter")  # the detail opens by a message from the table: wait for it, as
            b.wait("the detail", lambda: b.look() != pane_look)  # a person would, before y
            b.press("y")
            name, _, body = b.download(".txt", n)
            meeting_id = rows[1].link[1]
            assert name.startswith(f"coalition-tui-meeting-{meeting_id}-"), name
            from tui.views.copy import detail_text

            assert body.decode("utf-8") == detail_text(views, views.detail("meeting", meeting_id), "text")

            # Escape: back to the pane. A terminal cannot tell Escape from the start of a key
            # sequence until a moment passes with no other key (Textual's ESCAPE_DELAY): a key
            # sent at once would make alt+KEY. So wait for the pane to be back, as a person would.
            b.press("Escape")
            b.wait_for_look("the pane after Escape", pane_look)

            # / and a word filter the table; Enter leaves the box for the table
            b.press("/")
            page.keyboard.type(WORD)
            b.press("Enter")
            _, _, filtered = _expected("meetings", WORD)
            assert 0 < len(filtered) < len(rows)

            # ctrl+s: the screen as SVG; e: the table as filtered, as CSV
            n = len(b.downloads)
            b.press("Control+s")
            name, ctype, body = b.download(".svg", n)
            assert name.startswith("coalition-tui-meetings-") and ctype == "image/svg+xml; charset=utf-8"
            assert body.startswith(b"<svg") and b"Ramstein" in body
            b.press("e")
            name, ctype, body = b.download(".csv", n + 1)
            assert name.startswith("coalition-tui-meetings-") and ctype == "text/csv; charset=utf-8"
            text = body.decode("utf-8")
            assert text == table_to_csv(source.columns, filtered)
            table = list(csv.reader(io.StringIO(text)))
            assert len(table) == 1 + len(filtered)  # the header and the rows the filter kept

            # y on the filtered table copies its first row
            b.press("y")
            _, _, body = b.download(".txt", n + 2)
            assert body.decode("utf-8") == row_text(views, source.columns, filtered[0], "text")
            assert b.wait("the clipboard", lambda: b.clipboard() == body.decode("utf-8"))

            # q: the session ends, and the page says so
            b.press("q")
            page.wait_for_selector("body.-closed", timeout=20000)
            page.screenshot(path=tmp_path / "closed.png")
            assert b.errors == []
            assert b.foreign == []
            assert not list(server.work.iterdir())  # nothing saved on the server
        finally:
            browser.close()
    assert server.proc.poll() is None  # the server outlives a session


def _playwright_version() -> str:
    from importlib.metadata import version

    return version("playwright")
