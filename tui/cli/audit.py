"""coalition-tui audit: what a fact-checker asks of a dataset (sources by tier, weak records)."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    a = sub.add_parser("audit", help="report sources by tier, records resting only on secondary or mirror "
                                     "sources, records with no primary source, unconfirmed records",
                       description="Report, for any dataset, the figures a fact-checker asks for. Exit 0 "
                                   "on a valid dataset (it reports, it does not judge); on one that does "
                                   "not load, its located problems and exit 1, as validate.")
    a.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders (default: --data, else the bundled dataset)")
    a.add_argument("--format", choices=("text", "json"), default="text")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset
    from tui.core.audit import audit, to_text
    from tui.core.text import json_text

    ds = dataset(args.paths or data_paths, use_cache=False)
    report = audit(ds)
    if args.format == "json":
        print(json_text(report.to_data(), indent=2))
    else:
        print(to_text(report), end="")
    return 0
