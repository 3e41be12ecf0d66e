"""The Textual app (placeholder until the dashboard lands)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from tui.model import Dataset


class CoalitionApp(App):
    TITLE = "coalition-tui"

    def __init__(self, dataset: Dataset):
        super().__init__()
        self.dataset = dataset

    def compose(self) -> ComposeResult:
        yield Header()
        counts = ", ".join(f"{n} {k}" for k, n in self.dataset.counts().items())
        yield Static(f"Dataset loaded: {counts}")
        yield Footer()
