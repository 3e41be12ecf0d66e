"""The man page, docs/coalition-tui.1, from the real parser (argparse-manpage, a build and test
tool: `python -m tui.cli.manpage > docs/coalition-tui.1`; a test keeps the committed file current)."""

from __future__ import annotations

MAN_DATE = "December 2026"
"""The page's date: fixed, so the page changes only when the commands do (update it then)."""


def manpage() -> str:
    from build_manpages.manpage import Manpage

    from tui import __version__
    from tui.cli import _parser
    from tui.cli.completion import stable_parser

    data = {"project_name": "coalition-tui", "version": __version__,
            "description": "a terminal dashboard of coalition membership, drawn from sourced YAML data",
            "author": "coalition-tui contributors", "manual_section": 1, "manual_title": "User Commands",
            "date": MAN_DATE, "url": None}
    return str(Manpage(stable_parser(_parser()), _data=data))


if __name__ == "__main__":
    import sys

    sys.stdout.write(manpage())
