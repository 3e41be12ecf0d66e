"""One date grammar for the model, the CLI and the app: full ISO dates, and YYYY-MM or YYYY
where only those are known."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any

from tui.core.text import quoted


_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only


CACHED_VALUES = 1 << 16
"""How many distinct values each check below remembers (a big dataset repeats a few thousand
dates and source references across a million records: each is checked once, not each time)."""


def _check_date(value: Any) -> str:
    """A real date as text: YYYY-MM-DD, or YYYY-MM / YYYY where only those are known."""
    if type(value) is str:
        return _date_text(value)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be text like 2022-04-26, 2022-04 or 2022")
    return _date_text(str(value))


@functools.lru_cache(maxsize=CACHED_VALUES)
def _date_text(value: str) -> str:
    """_check_date of text, remembered by value (a ValueError is raised again each time: only
    results are remembered)."""
    match = _DATE_RE.match(value.strip())
    if not match:
        raise ValueError("not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("not a real date (no such day in the calendar)") from None
    return value.strip()


DATE_JSON_SCHEMA = {"anyOf": [
    {"type": "string", "pattern": r"^\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\s*$"},
    {"type": "integer", "minimum": 1000, "maximum": 9999}],
    "description": "YYYY-MM-DD, or YYYY-MM / YYYY where only those are known"}
"""How `coalition-tui schema` describes a date: text (YAML 1.2 reads an unquoted 2022-04-26 as
text) or a bare year, which YAML reads as a number."""

def __getattr__(name: str):
    """`Date`, the model's date type (pydantic), made when the model first asks for it: the
    dashboard's first frame uses the functions below and never imports pydantic."""
    if name == "Date":
        from pydantic import BeforeValidator, WithJsonSchema

        global Date
        Date = Annotated[str, BeforeValidator(_check_date), WithJsonSchema(DATE_JSON_SCHEMA)]
        """A date kept as ISO text, possibly partial (YYYY or YYYY-MM)."""
        return Date
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=CACHED_VALUES)
def date_start(value: str | None) -> _dt.date | None:
    """The first day a (possibly partial) ISO date can mean: '2022-04' -> 2022-04-01."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return _dt.date(parts[0], parts[1], parts[2])


@functools.lru_cache(maxsize=CACHED_VALUES)
def date_end(value: str | None) -> _dt.date | None:
    """The last day a (possibly partial) ISO date can mean: '2022-04' -> 2022-04-30."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return _dt.date(*parts)
    if len(parts) == 1:
        return _dt.date(parts[0], 12, 31)
    year, month = parts
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


_TYPED = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def parse_typed(text: str) -> _dt.date:
    """A date as a user types it (`--as-of`, the palette): YYYY-MM-DD, or YYYY-MM / YYYY, which
    stand for their LAST day ("2023" is 2023-12-31: everything in 2023 has happened). ASCII
    digits only. Raises ValueError with a message that says what to write."""
    value = text.strip()
    if not _TYPED.match(value):
        raise ValueError(f"bad date {quoted(text)}: write YYYY-MM-DD (or YYYY-MM, YYYY for its last day)")
    try:
        _check_date(value)
    except ValueError as exc:
        raise ValueError(f"{quoted(text)} is {exc}") from None
    return date_end(value)


def recorded(ds) -> Iterator[str]:
    """Every date the dataset records as past, as written: meetings, joins and leavings,
    foundings, people's offices taken and left, statements. The audit's newest date and the
    dashboard's latest date (its default as-of) both read this."""
    for m in ds.meetings:
        yield m.date
    distinct = getattr(ds, "distinct", None)
    if distinct is not None:  # the cache's columns (tui.data.columns.Store): each distinct date once, no row made
        for field in ("since", "until"):
            yield from (d for d in distinct("memberships", field) if d)
    else:
        for m in ds.memberships:
            yield from (d for d in (m.since, m.until) if d)
    for c in ds.coalitions:
        if c.founded:
            yield c.founded
    for p in ds.people:
        for r in p.roles:
            yield from (d for d in (r.since, r.until) if d)
    for q in ds.quotes:
        if q.date:
            yield q.date
