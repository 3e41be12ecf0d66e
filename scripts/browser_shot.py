"""The README's picture of the dashboard in a browser (`make browser-shot`): `coalition-tui serve`
on a free loopback port, Debian's headless Chromium (Playwright drives it; never `playwright
install`), the Countries pane, `e` pressed (its CSV goes to the browser as a download, and the
notice says so), the page saved as a PNG.

    python scripts/browser_shot.py [-o docs/browser.png] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serving import isolated_env, start  # noqa: E402  (tests/serving.py: start and stop serve)


def settle(page, timeout: float = 30.0) -> None:
    """Wait until two screenshots a frame apart are the same: the dashboard has drawn."""
    deadline = time.monotonic() + timeout
    last = page.screenshot()
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)  # Playwright's event pump: the page keeps drawing meanwhile
        now = page.screenshot()
        if now == last:
            return
        last = now
    raise SystemExit(f"browser_shot: the page did not settle in {timeout} s")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "browser.png")
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--size", default="1200x720", help="the browser window in pixels")
    args = p.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser_shot: needs Playwright for Python (pip install playwright)", file=sys.stderr)
        return 2
    if not Path(args.chromium).exists():
        print(f"browser_shot: no Chromium at {args.chromium} (apt-get install chromium fonts-dejavu-core)",
              file=sys.stderr)
        return 2
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="coalition-tui-shot-") as tmp:
        tmp = Path(tmp)
        (tmp / "work").mkdir()
        server = start(["--no-config", "--no-watch"], env=isolated_env(tmp / "home"), cwd=tmp / "work")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=args.chromium)
                try:
                    page = browser.new_page(viewport={"width": width, "height": height},
                                            accept_downloads=True)
                    page.goto(server.url + "/")
                    page.wait_for_selector("body.-first-byte", timeout=30000)
                    page.focus(".xterm-helper-textarea")
                    settle(page)
                    with page.context.expect_page():  # the download opens in a new tab
                        page.keyboard.press("e")
                    settle(page)
                    args.output.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=args.output)
                finally:
                    browser.close()
        finally:
            server.stop()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
