"""The plain pipeline, the baseline for loading: each file read with PyYAML's C loader
(`yaml.load(text, Loader=yaml.CSafeLoader)`), then validated by pydantic in one call
(`DataFile.model_validate`). No limits, no positions, no checks across records, no garbage
collector tuning: what a straightforward loader of the same files does.

    python benchmarks/plain.py DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from tui.core.model import DataFile


def main() -> None:
    folder = Path(sys.argv[1])
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")) if folder.is_dir() else [folder]
    records = 0
    for f in files:
        data = DataFile.model_validate(yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
        records += sum(len(getattr(data, name)) for name in DataFile.model_fields if name != "meta")
    print(f"{records} records")


if __name__ == "__main__":
    main()
