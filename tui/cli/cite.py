"""coalition-tui cite: how to cite the dataset itself (title, version, publisher, last checked)."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    c = sub.add_parser("cite", help="the dataset's own citation (title, version, last checked)",
                       description="Print how to cite the dataset: its title, version (meta.version, "
                                   "else the date it was last checked), publisher (meta.publisher, if "
                                   "given) and the date it was last checked. Its sources: `export "
                                   "--format csl-json|bibtex|ris`.")
    c.add_argument("--format", choices=("text", "csl-json", "bibtex", "ris"), default="text")


def run(args, data_paths: list[Path]) -> int:
    import sys

    from tui.cli.common import dataset, fail
    from tui.export.cite import WRITERS, dataset_item, text_citation

    ds = dataset(data_paths, not args.no_cache)
    try:
        item = dataset_item(ds)
    except ValueError as exc:
        return fail("coalition-tui cite", str(exc))
    sys.stdout.write(text_citation(item) + "\n" if args.format == "text" else WRITERS[args.format]([item]))
    return 0
