"""The model of the toy kind: a gadget, with a name and the country that made it."""

from __future__ import annotations

from typing import ClassVar

from tui.core.model import Name, Record


class Gadget(Record):
    CHECKED: ClassVar[bool] = False       # checked by the generic pass: its sources and REFS
    REFS: ClassVar[dict[str, str]] = {"country": "countries"}

    name: Name
    country: str | None = None
