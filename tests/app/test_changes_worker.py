"""The Changes pane of a big dataset works its interval out in a thread worker (every membership
is read): the screen answers meanwhile, and the rows and caption it then shows are those made
at once on a small dataset."""

from __future__ import annotations

from textual.widgets import Static

from conftest import ready, until
from tui.views import cells


async def _shown(make_app, monkeypatch) -> tuple[list[str], str, bool]:
    from tui.ui.panes.base import TablePane

    app = make_app(pane="changes")
    worked: list[str] = []  # what the pane said while a worker selected its rows
    shown = TablePane.show_selecting

    def show_selecting(pane):
        worked.append(pane.selecting)
        shown(pane)

    monkeypatch.setattr(TablePane, "show_selecting", show_selecting)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        pane = app.pane("changes")
        await until(pilot, lambda: not pane.selecting and "change" in
                    str(pane.query_one("#changes-interval", Static).render()), "the interval's changes")
        ids = [pane.rows[i].id for i in range(len(pane.rows))]
        return ids, str(pane.query_one("#changes-interval", Static).render()), "working out the rows…" in worked


async def test_a_big_datasets_changes_are_worked_out_in_a_worker_with_the_same_rows(make_app, monkeypatch):
    at_once = await _shown(make_app, monkeypatch)
    monkeypatch.setattr(cells, "QUICK_ROWS", 10)  # the frozen dataset's 238 memberships count as many
    in_worker = await _shown(make_app, monkeypatch)
    assert at_once[0] and in_worker[0] == at_once[0]
    assert in_worker[1] == at_once[1]
    assert not at_once[2] and in_worker[2]
