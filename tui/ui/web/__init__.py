"""The dashboard served to web browsers by textual-serve (the `[web]` extra): our own page (the
dataset's title, the monospace font served from the installed package so it works offline, no
request to any other host) and a one-line start message."""

from __future__ import annotations

import sys
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
"""The page template (textual-serve's, with the font served locally and a <title>)."""


def make_server(command: str, *, host: str, port: int, public_url: str, title: str):
    """A textual-serve Server for `command` (a shell command line, every word quoted)."""
    from textual_serve.server import Server

    class DashboardServer(Server):
        sessions: set = set()
        """The tasks serving a browser tab's websocket (one session each)."""

        async def on_startup(self, app) -> None:
            pass  # textual-serve prints a logo and the command (server paths), before it listens

        async def handle_websocket(self, request):
            import asyncio

            task = asyncio.current_task()
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_shutdown(self, app) -> None:
            """ctrl+c or SIGTERM: end every session now (each is told to quit and is waited for),
            rather than wait up to a minute for the browser tabs to close their connections."""
            import asyncio

            tasks = [t for t in self.sessions if not t.done()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        def serve(self, debug: bool = False) -> None:
            """textual-serve's, but the start line is printed once the port is bound (aiohttp's
            `print` hook), so whoever waits for it can connect at once."""
            import asyncio
            import signal

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            try:
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            except NotImplementedError:
                pass

            def started(*_args) -> None:
                print(f"coalition-tui serve: serving {title!r} on {self.public_url} (ctrl+c stops)",
                      file=sys.stderr, flush=True)

            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                        loop=loop, print=started, access_log=None)

    # templates_path: absolute, so textual-serve's own folder is not joined to it
    return DashboardServer(command, host=host, port=port, title=title, public_url=public_url,
                           templates_path=TEMPLATES)


def serve(command: str, *, host: str, port: int, public_url: str, title: str) -> int:
    """Serve until interrupted (ctrl+c, SIGTERM); the exit code. A port already in use, or an
    address this machine does not have, is one line and exit 1."""
    server = make_server(command, host=host, port=port, public_url=public_url, title=title)
    try:
        server.serve()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"coalition-tui serve: cannot listen on {host} port {port}: {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
