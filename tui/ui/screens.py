"""Screens pushed over the dashboard: a record's detail (every line a link) and the key help."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.data.problems import problem_lines
from tui.ui.messages import ShowDetail, ShowSources
from tui.ui.widgets.provenance import ProvenanceBar
from tui.views.cells import visible
from tui.views.lines import shown

if TYPE_CHECKING:  # the detail module is imported when the first detail is built
    from tui.views.detail import Detail, Line


class DetailList(OptionList):
    BINDINGS: ClassVar = [
        Binding("j", "cursor_down", "Down", show=False, id="detail.down", tooltip="Move down"),
        Binding("k", "cursor_up", "Up", show=False, id="detail.up", tooltip="Move up"),
        Binding("g", "first", "First", show=False, id="detail.first", tooltip="First line"),
        Binding("G", "last", "Last", show=False, id="detail.last", tooltip="Last line"),
    ]


class DetailScreen(Screen):
    """A record's detail. Enter follows the selected line's link; s shows its sources. It follows
    the as-of date (`[` and `]` redraw it) and its title says which date it is drawn for."""

    BINDINGS: ClassVar = [
        Binding("escape,q", "app.pop_screen", "Back", id="detail.back",
                tooltip="Back to where you were (q too: it closes this view, as in less and lazygit)"),
        Binding("s", "sources", "Sources", id="detail.sources", tooltip="Sources of the selected line"),
        Binding("t", "timeline", "Timeline", id="detail.timeline",
                tooltip="This country's history in date order"),
    ]

    def __init__(self, detail: Detail, link: tuple[str, str] | None = None, as_of=None) -> None:
        super().__init__()
        self.detail = detail
        self.link = link  # the record shown, so the screen can be drawn again for another date
        self.as_of = as_of  # the date it is drawn for (the app draws it again when that changes)
        self.lines: list[Line | None] = []

    def compose(self) -> ComposeResult:
        yield ProvenanceBar()
        with Vertical(id="detail"):
            yield Static("", id="detail-title")
            yield DetailList(id="detail-list")
            yield Static(Text("Enter: open (→) · s: sources · [ ]: another date · Esc: back", style="dim"),
                         classes="caption")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.detail)
        self.query_one(DetailList).focus()

    def show(self, detail: Detail, as_of=None) -> None:
        """Draw `detail` (for the date `as_of`), keeping the highlighted line where it can."""
        self.detail = detail
        if as_of is not None:
            self.as_of = as_of
        lst = self.query_one(DetailList)
        before = lst.highlighted
        as_of = self.as_of
        dated = f" · as of {as_of.isoformat()}" if as_of and self.link and self.link[0] not in ("source", "paragraph") else ""
        self.query_one("#detail-title", Static).update(Text(visible(detail.title) + dated))
        options: list[Option] = []
        self.lines = []
        for heading, lines in detail.sections:
            options.append(Option(Text(visible(heading), style="bold"), disabled=True))
            self.lines.append(None)
            for line in lines:
                text = Text("  " + visible(shown(line)))
                if line.link:
                    text.append(" →", style="dim")
                options.append(Option(text))
                self.lines.append(line)
        lst.clear_options()
        lst.add_options(options)
        first = next((i for i, line in enumerate(self.lines) if line is not None), None)
        if before is not None and before < len(self.lines) and self.lines[before] is not None:
            lst.highlighted = before
        elif first is not None:
            lst.highlighted = first

    def _current(self) -> Line | None:
        index = self.query_one(DetailList).highlighted
        return self.lines[index] if index is not None and 0 <= index < len(self.lines) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        line = self._current()
        if line and line.link:
            self.post_message(ShowDetail(*line.link))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "timeline":  # on a country's detail only
            return self.link is not None and self.link[0] == "country"
        return True

    def action_timeline(self) -> None:
        if self.link and self.link[0] == "country":
            self.post_message(ShowDetail("timeline", self.link[1]))

    def action_sources(self) -> None:
        line = self._current()
        if line and line.sources:
            self.post_message(ShowSources(self.detail.title, line.sources))
        elif line:
            self.notify("This line has no sources of its own.", severity="warning")


class HelpScreen(ModalScreen):
    """The keys of the screen in view, then the app's, then what every mark means. It scrolls
    with the usual keys, and has the focus when it opens."""

    BINDINGS: ClassVar = [
        Binding("escape,q,f1,question_mark", "app.pop_screen", "Close", id="help.close",
                tooltip="Close the help"),
        # what is under the help can still be saved (a modal screen hides the app's own keys)
        Binding("ctrl+s", "app.screenshot('svg')", "Screenshot", show=False, id="help.screenshot",
                tooltip="Save the screen as SVG"),
        Binding("e", "app.export_csv", "Export CSV", show=False, id="help.export_csv",
                tooltip="Save the table under the help as CSV"),
    ]

    def __init__(self, title: str, keys: list[tuple[str, str]], marks: list[tuple[str, str]] = ()) -> None:
        super().__init__()
        self.help_title, self.keys, self.marks = title, keys, list(marks)

    def compose(self) -> ComposeResult:
        width = min(16, max((len(k) for k, _ in self.keys + self.marks), default=4))
        room = max(20, min(100, int(self.app.size.width * 0.9)) - 4 - width - 4)
        text = Text()
        text.append(self.help_title + "\n", style="bold")

        def rows(pairs):
            for key, description in pairs:
                lines = textwrap.wrap(description, room) or [""]
                text.append(f"  {key.ljust(width)}  ", style="bold")
                text.append(lines[0] + "\n")
                for more in lines[1:]:  # wrapped lines hang under the description
                    text.append(" " * (width + 4) + more + "\n")

        rows(self.keys)
        if self.marks:
            text.append("Marks\n", style="bold")
            rows(self.marks)
        text.append("↑ ↓ PgUp PgDn scroll · Escape closes this help", style="dim")
        with VerticalScroll(id="help") as scroll:
            scroll.can_focus = True
            yield Static(text)

    def on_mount(self) -> None:
        self.query_one("#help").focus()


class ProblemsScreen(ModalScreen):
    """The problems found in the data files; the last good data stays underneath."""

    BINDINGS: ClassVar = [
        Binding("escape,exclamation_mark,q", "app.pop_screen", "Close", id="problems.close",
                tooltip="Close this panel"),
    ]

    LIMIT = 100
    """Lines of problems at most (validate --all-problems lists every one)."""

    def __init__(self, problems: list) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        text = Text()
        n = len(self.problems)
        text.append(f"{n} problem{'s' if n != 1 else ''} in the data files\n", style="bold")
        text.append("The dashboard shows the last good data. Fix the files and it reloads.\n\n",
                    style="dim")
        lines, cut = problem_lines(self.problems, self.LIMIT)
        for line in lines:  # escaped, cut and grouped as validate prints them
            where, _, rest = line.partition(": ")
            text.append(where, style="bold")
            text.append(f": {rest}\n")
        if cut:
            text.append(f"\nOnly the first {self.LIMIT} lines are shown: `coalition-tui validate "
                        "--all-problems` lists every one.\n", style="dim")
        text.append("\nEscape closes this panel", style="dim")
        with VerticalScroll(id="problems"):
            yield Static(text)


class SearchScreen(Screen):
    """Search everything (ctrl+f): every record's text; hits listed by kind, Enter opens one."""

    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", "Back", id="detail.search_back", tooltip="Back to where you were"),
        Binding("down", "results", "Results", show=False, id="detail.search_results",
                tooltip="Move from the search box to the hits"),
    ]

    def __init__(self, ix) -> None:
        super().__init__()
        self.ix = ix                   # the dataset's index, searched as you type
        self.hits: list = []           # the hits for the words typed so far (none before any)
        self.rows: list = []           # per option: its hit, or None for a kind's heading

    def compose(self) -> ComposeResult:
        yield ProvenanceBar()
        with Vertical(id="detail"):
            yield Static(Text("Search everything: names, notes, highlights, quotes, claims, sources", style="bold"),
                         id="detail-title")
            yield Input(placeholder="words (all must match)", id="search-box")
            yield Static("", id="search-count", classes="caption")
            yield DetailList(id="detail-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-box", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        from tui.views.search import KIND_NAMES, search

        event.stop()
        self.hits = search(self.ix, event.value)
        lst = self.query_one(DetailList)
        lst.clear_options()
        options, self.rows = [], []
        kind = None
        for hit in self.hits:
            if hit.kind != kind:
                kind = hit.kind
                n = sum(1 for h in self.hits if h.kind == kind)
                options.append(Option(Text(f"{KIND_NAMES[kind]} ({n})", style="bold"), disabled=True))
                self.rows.append(None)
            text = Text("  " + hit.label, style="bold")
            text.append("  " + hit.snippet + " →")
            options.append(Option(text))
            self.rows.append(hit)
        lst.add_options(options)
        n = len(self.hits)
        self.query_one("#search-count", Static).update(
            Text(f"{n} hit{'s' if n != 1 else ''}" if event.value.strip() else ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_results()

    def action_results(self) -> None:
        lst = self.query_one(DetailList)
        lst.focus()
        first = next((i for i, row in enumerate(self.rows) if row is not None), None)
        if first is not None:
            lst.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.rows[event.option_index] if 0 <= event.option_index < len(self.rows) else None
        if hit is not None:
            self.post_message(ShowDetail(*hit.link))
