"""Roadmap 2027: one row per capability area, a timeline from launch to the 2027 horizon with
milestones and today marked; the selected row's leads, members and milestones below."""

from __future__ import annotations

import datetime as _dt

from rich.text import Text

from tui.ui.panes.base import SideDetailPane, clip

START, END = _dt.date(2022, 1, 1), _dt.date(2027, 12, 31)
WIDTH = 36  # six columns a year


def _col(day: _dt.date) -> int:
    span = (END - START).days
    return max(0, min(WIDTH - 1, (day - START).days * WIDTH // span))


def timeline(start: _dt.date | None, milestones: list[tuple[_dt.date, str]], today: _dt.date,
             horizon: int | None) -> Text:
    """A bar from `start` to the horizon: ━ active, ◆ a milestone, │ today."""
    end = _dt.date(horizon, 12, 31) if horizon else END
    cells = ["·"] * WIDTH
    styles = ["dim"] * WIDTH
    if start:
        for i in range(_col(start), _col(min(end, END)) + 1):
            cells[i], styles[i] = "━", "bold"
    for day, _ in milestones:
        i = _col(day)
        cells[i], styles[i] = "◆", "bold"
    t = _col(today)
    if START <= today <= END:
        cells[t], styles[t] = "│", "bold underline"
    text = Text()
    for ch, st in zip(cells, styles):
        text.append(ch, st)
    return text


AXIS = "".join(f"{y:<6}" for y in range(2022, 2028))


class RoadmapPane(SideDetailPane):
    KIND = "area"
    COLUMNS = [("name", "Capability area"), ("timeline", AXIS), ("leads", "Leads"),
               ("coalitions", "Coalitions")]
    LEGEND = "━ active  ◆ milestone  │ today · Enter: every line with its link, s: sources"
    INLINE = True

    def fetch(self, as_of, text):
        return self.app.db.roadmap_rows(as_of)

    def cell(self, key, row):
        if key == "name":
            return clip(row["name"], 22)
        if key == "timeline":
            return timeline(row["start"], row["milestones"], self.app.today, row["horizon"])
        return super().cell(key, row)

    def side_detail(self, row):
        return self.app.db.detail("area", row["id"], self.app.as_of)
