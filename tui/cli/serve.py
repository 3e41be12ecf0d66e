"""coalition-tui serve: the dashboard in a web browser, one session per browser tab (textual-serve,
the optional extra `[web]`). Loopback only unless --allow-remote: textual-serve has no
authentication, so anyone who can reach the port can open the dashboard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LOOPBACK = ("127.0.0.1", "::1", "localhost")
"""The hosts `serve` listens on without --allow-remote."""

INSTALL = "pip install 'coalition-tui[web]'"
"""What to run when textual-serve is missing."""

NO_AUTH = ("there is no authentication: anyone who can reach {url} can open the dashboard. "
           "Put it behind a reverse proxy that asks for a login (and serves https).")


class ServeError(Exception):
    """A mistake in serve's own options: one line, exit 2."""


def add_parser(sub) -> None:
    from tui.cli.common import add_as_of

    s = sub.add_parser(
        "serve", help="the dashboard in a web browser (needs the [web] extra)",
        description="Serve the dashboard to web browsers: each browser tab gets a session of its "
                    "own, with the dashboard options given before `serve` (--data, --example, "
                    "--as-of, --no-watch ...). Screenshots, CSV exports and copied text arrive "
                    "as browser downloads. There is no authentication: by default only this "
                    f"machine can connect. Needs textual-serve: {INSTALL}. Example: "
                    "coalition-tui --example small serve --port 8080")
    add_as_of(s, argparse.SUPPRESS)
    s.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default: 127.0.0.1); any other than 127.0.0.1, "
                        "::1 or localhost needs --allow-remote")
    s.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    s.add_argument("--public-url", metavar="URL",
                   help="the address browsers use to reach the server, e.g. https://dash.example.org "
                        "behind a reverse proxy (default: http://HOST:PORT)")
    s.add_argument("--allow-remote", action="store_true",
                   help="listen on an address other machines can reach; there is no "
                        "authentication, so put it behind a reverse proxy that has one")


FORWARDED = ("data", "example", "as_of", "screenshot_dir", "flags", "all_problems", "no_config",
             "no_watch", "no_cache")
"""The dashboard options a session is started with (every option before `serve` but --version);
tests/app/test_serve.py checks that none is forgotten."""


def session_argv(args) -> list[str]:
    """The dashboard's arguments for each browser session, from the options given before `serve`.
    Paths are made absolute: a session's folder is the server's, but the server may be moved."""
    out: list[str] = []
    data = args.data or args.example
    if data is not None:
        out += ["--data", str(Path(data).absolute())]
    if args.as_of is not None:
        out += ["--as-of", args.as_of]
    if args.screenshot_dir is not None:
        out += ["--screenshot-dir", str(Path(args.screenshot_dir).absolute())]
    for flag in ("flags", "all_problems", "no_config", "no_watch", "no_cache"):
        if getattr(args, flag):
            out.append("--" + flag.replace("_", "-"))
    return out


def session_command(argv: list[str], python: str | None = None) -> str:
    """The shell command textual-serve runs for each session (it starts sessions through a shell):
    every word quoted, so a folder named `a b$(touch x)` is one argument, never a command."""
    import shlex

    return shlex.join([python or sys.executable, "-m", "tui", *argv])


def check_address(host: str, port: int, public_url: str | None, allow_remote: bool) -> tuple[str, str | None]:
    """The URL browsers use and the warning to print (None on loopback); ServeError for a host
    refused or an address a browser cannot use."""
    if not 0 < port < 65536:
        raise ServeError(f"--port {port}: choose a port from 1 to 65535")
    if public_url is not None:
        from urllib.parse import urlsplit  # here: `validate` and the rest never need it

        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ServeError(f"--public-url {public_url!r}: give an address such as "
                             "http://dash.example.org:8000 or https://dash.example.org/coalition")
        public_url = public_url.rstrip("/")
    if host not in LOOPBACK and not allow_remote:
        raise ServeError(f"--host {host}: other machines could connect, and there is no "
                         "authentication; add --allow-remote to mean it (and put it behind a "
                         "reverse proxy that asks for a login), or leave --host out for 127.0.0.1")
    if public_url is None:
        if _wildcard(host):
            raise ServeError(f"--host {host} listens on every address, which a browser cannot "
                             "open: say the address browsers use, e.g. "
                             f"--public-url http://{_hostname()}:{port}")
        shown = f"[{host}]" if ":" in host else host
        public_url = f"http://{shown}:{port}"
    warning = None if host in LOOPBACK else NO_AUTH.format(url=public_url)
    return public_url, warning


def _wildcard(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _hostname() -> str:
    import socket

    return socket.gethostname() or "HOST"


def page_title(ds) -> str:
    """The browser tab's title: the dataset's own (textual-serve's default is the command, server
    paths included)."""
    from tui.core.text import visible

    title = visible(ds.meta.title) if ds.meta and ds.meta.title else ""
    return title.strip() or "coalition-tui"


def run(args, data_paths: list[Path]) -> int:
    """Check the options and the dataset, then serve until interrupted."""
    from tui.cli.common import dataset, fail

    prog = "coalition-tui serve"
    try:
        public_url, warning = check_address(args.host, args.port, args.public_url, args.allow_remote)
    except ServeError as exc:
        return fail(prog, str(exc))
    try:
        import textual_serve  # noqa: F401  (the optional extra)
    except ImportError:
        import shlex

        return fail(prog, f"serving to a browser needs textual-serve, which is not installed: {INSTALL} "
                          f"(or {shlex.quote(sys.executable)} -m pip install textual-serve)")
    if args.screenshot_dir is not None and not args.screenshot_dir.is_dir():
        return fail(prog, f"--screenshot-dir {args.screenshot_dir} is not a folder")
    if args.as_of is not None:
        from tui.core.dates import parse_typed

        try:
            parse_typed(args.as_of)
        except ValueError as exc:
            return fail(prog, f"--as-of: {exc}")
    ds = dataset(data_paths, not args.no_cache)  # a dataset that does not load stops here, once
    if warning:
        print(f"{prog}: warning: {warning}", file=sys.stderr)
    from tui.ui.web import serve

    return serve(session_command(session_argv(args)), host=args.host, port=args.port,
                 public_url=public_url, title=page_title(ds))
