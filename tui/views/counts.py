"""Frequency counts of a column (VisiData's `F`): each distinct value with how many rows hold it,
its share of the rows, and a bar; the rows behind each value, to open or filter them. Pure: the
caller hands the column's values (one per row, in row order) and gets rows of text back.

    >>> [(c.value, c.count, c.percent) for c in frequencies(["NATO", "UDCG", "NATO", ""])]
    [('NATO', 2, '50.0%'), ('UDCG', 1, '25.0%'), ('(empty)', 1, '25.0%')]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

EMPTY = "(empty)"
"""How a row with no value in the column is counted and shown."""
PART = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 20
HEADINGS = ("Value", "Count", "Share", "")


@dataclass(frozen=True)
class Count:
    value: str           # the value as shown (EMPTY for a row with none)
    count: int           # rows holding it
    share: float         # count / all rows, 0..1
    bar: str             # count against the largest count, in BAR_WIDTH columns of eighths
    rows: tuple[int, ...]  # the indexes of the rows holding it, in row order

    @property
    def percent(self) -> str:
        return f"{self.share:.1%}"


def bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """A bar of `count` against `most` in `width` columns (eighths of a column; at least one
    eighth for any count above zero)."""
    if most <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / most))
    return "█" * (eighths // 8) + (PART[eighths % 8] if eighths % 8 else "")


def frequencies(values: Iterable[Hashable], label: Callable[[Hashable], str] = str,
                order: Callable[[Hashable], object] | None = None, width: int = BAR_WIDTH) -> list[Count]:
    """The distinct values of a column, most frequent first; values equally frequent in the
    column's own order (`order`, a sort key such as a cell's sort value; default: the label,
    numbers by their size). None and "" count as EMPTY, after the values it ties with."""
    rows: dict[Hashable, list[int]] = {}
    total = 0
    for i, v in enumerate(values):
        key = None if v is None or v == "" else v
        rows.setdefault(key, []).append(i)
        total += 1
    if not total:
        return []

    def natural(key: Hashable) -> tuple:
        if key is None:
            return (2, "")
        if order is not None:
            return (0, order(key))
        if isinstance(key, (int, float)) and not isinstance(key, bool):
            return (0, key, "")
        text = label(key)
        try:
            return (0, float(text), text)
        except ValueError:
            return (1, text.casefold(), text)

    keys = sorted(rows, key=lambda k: (-len(rows[k]), natural(k)))
    most = len(rows[keys[0]])
    return [Count(EMPTY if k is None else label(k), len(rows[k]), len(rows[k]) / total,
                  bar(len(rows[k]), most, width), tuple(rows[k])) for k in keys]


def table(counts: list[Count]) -> list[tuple[str, str, str, str]]:
    """The counts as rows of text (value, count, share, bar) under HEADINGS: what a screen draws
    and a CSV holds (a CSV leaves the bar column empty: it is a picture of the count)."""
    return [(c.value, str(c.count), c.percent, c.bar) for c in counts]
