"""How far a long load has got: what the loader reports through a plain callback.

The loader (tui.data.load.load_paths) and the cache (tui.data.cache.load_dataset) take an optional
`progress` callable and call it with a LoadProgress before each file is read, inside a long file
(every twentieth of a second at most: the records parsed and validated so far, its bytes counted
by how far through it the load is), after the last one (while the records are checked against
each other), and when the validated cache is read. They
know nothing of who listens: the dashboard draws a progress bar (tui.ui.loading), `validate` and
`export` print a line on a terminal's stderr (tui.cli.progress). A listener may raise to stop the
load (the dashboard does when it has quit); the exception reaches the loader's caller unchanged.

This module is core: it imports neither Textual nor Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from tui.core.text import visible


@dataclass(frozen=True, slots=True)
class LoadProgress:
    """One report: `stage` is "reading" (the file `file`), "checking" (every file read; the
    checks across records run) or "cache" (the validated cache is being read)."""

    stage: str
    file: str = ""
    files_done: int = 0
    files_total: int = 0
    records: int = 0           # records read so far, all files
    bytes_done: int = 0        # bytes of the files read so far
    bytes_total: int = 0       # bytes of every file to read
    records_about: int = 0     # about how many records every file holds (0: estimated from the bytes)

    @property
    def fraction(self) -> float:
        """How much of the reading is done, 0 to 1 (by bytes: every file's size is known before
        any is read, its number of records is not)."""
        if self.stage != "reading":
            return 1.0
        if self.bytes_total > 0:
            return min(1.0, self.bytes_done / self.bytes_total)
        return self.files_done / self.files_total if self.files_total else 0.0

    def describe(self) -> str:
        """One plain line, safe to draw or print: "reading memberships-03.yaml (file 3 of 12),
        200,000 records read"."""
        if self.stage == "cache":
            return "reading the validated cache"
        if self.stage == "checking":
            return f"checking {self.records:,} records across {self.files_total} file" + \
                ("s" if self.files_total != 1 else "")
        name = visible(PurePath(self.file).name or self.file)
        return f"reading {name} (file {self.files_done + 1} of {self.files_total}), {self.records_text()}"

    def records_text(self) -> str:
        """"200,000 of about 1,000,000 records read": the total estimated from the bytes read so
        far (a dataset's size in bytes is known at the start, its number of records is not)."""
        if self.records and 0 < self.bytes_done < self.bytes_total:
            about = self.records_about or self.records * self.bytes_total / self.bytes_done
            about = round(max(about, self.records), -3 if self.records >= 10_000 else 0)
            return f"{self.records:,} of about {int(about):,} records read"
        return f"{self.records:,} records read"


Progress = Callable[[LoadProgress], None]
"""What the loader calls with each report."""
