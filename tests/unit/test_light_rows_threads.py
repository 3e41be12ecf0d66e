"""The cache's light rows (tui.data.columns.Rows) when a sort or filter worker makes them all while
the screen makes single ones: a record stays one object, and neither side fails."""

from __future__ import annotations

import threading

from tui.data.columns import Rows


class _Made(list):
    """The list `all()` fills: the first store of a row already handed out lets another thread
    ask for a new row then, in the middle of `all()` (where the screen's next line could land)."""

    hook = None

    def __setitem__(self, i, value):
        if self.hook is not None:
            hook, self.hook = self.hook, None
            hook()
        super().__setitem__(i, value)


class _Section:
    name, count = "memberships", 10

    def row(self, i):
        return object()

    def rows(self):
        return _Made(object() for _ in range(self.count))


def test_a_row_asked_for_while_all_are_being_made_is_the_one_all_keeps():
    section = _Section()
    rows = Rows(section)
    first = rows[0]  # a row the screen made already
    asked: dict[int, object] = {}
    errors: list[BaseException] = []

    def screen_asks_for_row_3():
        asked[3] = rows[3]

    def during_all():  # the worker's all() is storing the rows handed out: the screen asks now
        screen = threading.Thread(target=screen_asks_for_row_3)
        screen.start()
        screen.join(timeout=0.2)  # with one maker at a time it waits for all() to finish
        made.append(screen)

    made: list[threading.Thread] = []
    original = section.rows

    def rows_with_hook():
        out = original()
        out.hook = during_all
        return out

    section.rows = rows_with_hook

    def worker():
        try:
            rows.all()
        except BaseException as e:  # RuntimeError: dictionary changed size during iteration
            errors.append(e)

    w = threading.Thread(target=worker)
    w.start()
    w.join(timeout=10)
    for t in made:
        t.join(timeout=10)
    assert not errors
    assert rows.all()[0] is first
    assert rows.all()[3] is asked[3]  # one object for record 3, whoever made it


def test_a_field_name_from_a_tampered_cache_never_runs_as_code(tmp_path):
    """Light classes are made with exec from the field names the cache holds: a name carrying a
    line break would run as a statement when the class is made. It is refused first."""
    import pytest

    from tui.data.columns import light_class

    marker = tmp_path / "ran"
    bad = f"a = f0\nopen({str(marker)!r}, 'w').close()\nif 0:\n    b"
    with pytest.raises(TypeError, match="not a Python name"):
        light_class("tui.core.model:Country", ("id", bad))
    assert not marker.exists()
    with pytest.raises(TypeError):
        light_class("tui.core.model:Country", ("id", "class"))
