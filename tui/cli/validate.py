"""coalition-tui validate: check a dataset, always from the YAML files."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    v = sub.add_parser("validate", help="check a dataset; exit 1 listing every problem (always "
                                        "from the YAML files: never from the cache)")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders to check (default: --data, else the bundled dataset)")
    v.add_argument("--verbose", "-v", action="store_true",
                   help="also list the files of a folder that were skipped as editor debris (.#NAME "
                        "lock files, ._NAME AppleDouble files, NAME~ backups, Vim swap files)")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset
    from tui.cli.progress import progress_on_stderr
    from tui.core.text import for_terminal
    from tui.data.bundled import bundled_data
    from tui.data.files import skipped_files

    paths = args.paths or data_paths
    if args.verbose:  # before the check: what was skipped matters most when the check fails
        for path, why in skipped_files(paths or [bundled_data()]):
            print(f"skipped {for_terminal(str(path))}: {why}")
    with progress_on_stderr() as progress:  # on a terminal only, erased before anything else prints
        ds = dataset(paths, use_cache=False, progress=progress)  # a real check, every time
    counts = ", ".join(f"{n} {k}" for k, n in ds.counts().items())
    print(f"valid: {counts}")
    return 0
