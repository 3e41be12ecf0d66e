"""coalition-tui validate: check a dataset, always from the YAML files."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    v = sub.add_parser("validate", help="check a dataset; exit 1 listing every problem (always "
                                        "from the YAML files: never from the cache)")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders to check (default: --data, else the bundled dataset)")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset
    from tui.cli.progress import progress_on_stderr

    with progress_on_stderr() as progress:  # on a terminal only, erased before anything else prints
        ds = dataset(args.paths or data_paths, use_cache=False, progress=progress)  # a real check, every time
    counts = ", ".join(f"{n} {k}" for k, n in ds.counts().items())
    print(f"valid: {counts}")
    return 0
