"""coalition-tui examples: the bundled datasets, one per line: name, title, counts."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    sub.add_parser("examples", help="list the bundled example datasets (open one with --example NAME)",
                   description="List the bundled datasets, one per line: the name to give --example, "
                               "then the title and what it holds.")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset
    from tui.core.text import for_terminal
    from tui.data.bundled import bundled_data, example, example_names

    def line(name: str, path: Path) -> str:
        ds = dataset([path], not args.no_cache)
        counts = ds.counts()
        title = for_terminal(ds.meta.title) if ds.meta else "(no title)"
        held = ", ".join(f"{counts[k]} {k}" for k in ("countries", "coalitions", "memberships", "meetings")
                         if counts[k])
        return f"{name}\t{title}\t{held}"

    print(line("(default)", bundled_data()))
    for name in example_names():
        print(line(name, example(name)))
    return 0
