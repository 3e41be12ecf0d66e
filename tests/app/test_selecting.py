"""Sorting and filtering the Memberships pane in a worker (issue 20, point 2): at a million rows a
first sort takes seconds, so it runs beside the screen. The table keeps its rows and answers keys
meanwhile, the header says what is being done, and a newer sort or filter cancels the one running.

The tests make the frozen dataset's table behave as a long one (MembershipTable.QUICK_ROWS = 0:
nothing is taken as quick) and hold a sort by its column until they let it go, so that every
state is waited for, none is raced."""

from __future__ import annotations

import threading

import pytest
from textual.worker import WorkerState

from tests.conftest import ready, until
from tui.ui.selecting import GROUP
from tui.views.memberships import MembershipTable


@pytest.fixture
def held(monkeypatch):
    """Sorts held until let go: `held[column key]` is the Event that lets that column's order be
    made; `made` lists the columns whose order was asked for."""
    monkeypatch.setattr(MembershipTable, "QUICK_ROWS", 0)
    gates: dict[str, threading.Event] = {key: threading.Event() for key in MembershipTable.KEYS}
    real = MembershipTable.order
    made: list[str] = []

    def order(self, column, cancelled=None):
        key = column if isinstance(column, str) else self.KEYS[column]
        made.append(key)
        gates[key].wait()
        return real(self, column, cancelled)

    monkeypatch.setattr(MembershipTable, "order", order)
    gates_made = (gates, made)
    yield gates_made
    for gate in gates.values():  # never leave a worker's thread waiting
        gate.set()


def count_text(pane) -> str:
    return str(pane.query_one(".count").render())


def workers(pane):
    return [w for w in pane.workers if w.group == GROUP and w.node is pane]


async def test_the_table_answers_keys_while_a_sort_runs(make_app, held):
    gates, made = held
    app = make_app(pane="memberships")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        pane = app.pane("memberships")
        before = pane.rows
        first = [r.id for r in before[:5]]
        await pilot.press("o")  # sort by Country: held
        await until(pilot, lambda: "sorting by Country…" in count_text(pane), "the header saying it sorts")
        assert made == ["country"]
        assert pane.rows is before and [r.id for r in pane.rows[:5]] == first  # the old order stays
        assert pane.table.sort is None  # no ▲ before the rows are sorted
        await pilot.press("j", "j")
        await until(pilot, lambda: pane.table.cursor_row == 2, "the cursor moved by the keys")
        held_row = pane.selected_row().id
        gates["country"].set()
        await until(pilot, lambda: not pane.selecting, "the sort done")
        names = [pane.source.country_names[pane.source.records[i].country].lower() for i in pane.rows.indexes]
        assert names == sorted(names)
        assert pane.table.sort == (0, False)
        assert "sorting" not in count_text(pane)
        assert pane.selected_row().id == held_row  # the cursor kept its record


async def test_a_second_sort_cancels_the_first(make_app, held):
    gates, made = held
    app = make_app(pane="memberships")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        pane = app.pane("memberships")
        shown = []
        show = pane.show_answer
        pane.show_answer = lambda answer: (shown.append(answer.request.sort), show(answer))
        await pilot.press("o")
        await until(pilot, lambda: made == ["country"], "the sort by Country started")
        first = workers(pane)[0]
        await pilot.press("o")  # now by ISO: the sort by Country is given up
        await until(pilot, lambda: made == ["country", "iso"], "the sort by ISO started")
        await until(pilot, lambda: first.state == WorkerState.CANCELLED, "the first sort cancelled")
        assert "sorting by ISO…" in count_text(pane)
        gates["country"].set()  # the first one's thread goes on, sees it is cancelled, and stops
        gates["iso"].set()
        await until(pilot, lambda: not pane.selecting and not any(w.is_running for w in workers(pane)),
                    "the sort by ISO done")
        assert shown == ["iso"]  # the cancelled sort's rows were never shown
        codes = [pane.source.records[i].country for i in pane.rows.indexes]
        assert codes == sorted(codes)
        assert pane.table.sort == (1, False)
        assert 0 not in pane.source._orders  # stopped before its order was made


async def test_a_filter_typed_during_a_sort_replaces_it(make_app, held):
    gates, made = held
    app = make_app(pane="memberships")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        pane = app.pane("memberships")
        await pilot.press("o")
        await until(pilot, lambda: made == ["country"], "the sort by Country started")
        first = workers(pane)[0]
        await pilot.press("slash", "s", "w", "e")
        await until(pilot, lambda: first.state == WorkerState.CANCELLED, "the sort cancelled by the filter")
        assert pane.filter_text == "swe"
        gates["country"].set()
        await until(pilot, lambda: not pane.selecting and pane.table.sort == (0, False), "the filtered sort done")
        assert pane.rows and all("swe" in pane.source.search_text(i) for i in pane.rows.indexes)
        assert count_text(pane).startswith(f"{len(pane.rows):,} of ")


async def test_a_quick_answer_is_shown_at_once(make_app):
    """A small table (the frozen dataset) never waits for a worker: the rows are sorted when the
    key has been handled."""
    app = make_app(pane="memberships")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        pane = app.pane("memberships")
        await pilot.press("o")
        await pilot.pause()
        assert pane.table.sort == (0, False) and not pane.selecting and not workers(pane)


async def test_a_filter_over_a_made_sort_says_filtering(make_app, monkeypatch):
    """A filter typed before its search index is made (a million rows: about a second after the
    first frame) runs in the worker; with the sort's order made, the header says filtering."""
    from tui.views import field_search

    monkeypatch.setattr(MembershipTable, "QUICK_ROWS", 0)
    gate = threading.Event()
    real = field_search.FieldSearch.__init__

    def held(self, *args, **kwargs):
        gate.wait()
        real(self, *args, **kwargs)

    monkeypatch.setattr(field_search.FieldSearch, "__init__", held)
    app = make_app(pane="memberships")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await ready(pilot)
            pane = app.pane("memberships")
            await pilot.press("o")
            await until(pilot, lambda: not pane.selecting and pane.table.sort == (0, False), "the sort done")
            await pilot.press("slash", "s")
            await until(pilot, lambda: "filtering…" in count_text(pane), "the header saying it filters")
            assert "sorting" not in count_text(pane) and pane.source._search_index is None
            await pilot.press("j")  # typing on while the worker waits: the box answers at once
            gate.set()
            await until(pilot, lambda: not pane.selecting and pane.filter_text == "sj"
                        and count_text(pane).startswith(f"{len(pane.rows):,} of "), "the filter done")
            assert all("sj" in pane.source.search_text(i) for i in pane.rows.indexes)
    finally:
        gate.set()


async def test_the_first_keystroke_reads_the_letters_made_beside_the_screen(make_app, monkeypatch):
    """As at a million rows (nothing quick): the prepare worker makes the search index and each
    character's rows once the first frame is drawn; the first letter typed is then answered at
    once from them (no worker, no field searched) and the rows are those the plain filter keeps."""
    from tui.views import field_search

    monkeypatch.setattr(MembershipTable, "QUICK_ROWS", 0)
    searched = []
    real = field_search._Field.flags
    app = make_app(pane="memberships")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        pane = app.pane("memberships")
        await until(pilot, lambda: pane.source._search_index is not None
                    and pane.source._search_index.letters is not None, "the letters made")
        monkeypatch.setattr(field_search._Field, "flags", lambda self, *a: searched.append(1) or real(self, *a))
        shown = list(pane.rows.indexes)
        letter = next(ch for ch in "kuyzgjwv" if 0 < sum(ch in pane.source.search_text(i) for i in shown) < len(shown))
        await pilot.press("slash", letter)
        await until(pilot, lambda: pane.filter_text == letter and count_text(pane).startswith(f"{len(pane.rows):,} of "),
                    "the first letter's rows")
        assert not workers(pane) and searched == []
        assert list(pane.rows.indexes) == [i for i in shown if letter in pane.source.search_text(i)]
