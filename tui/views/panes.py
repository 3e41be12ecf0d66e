"""The dashboard's panes, kept once: their ids, keys, titles and what each shows. The app, the
help, the CLI's `--pane` and the tests all read this list."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.index import Index


@dataclass(frozen=True)
class PaneSpec:
    id: str
    key: str
    title: str
    about: str
    legend: str = "? unconfirmed  ≠ sources disagree (Enter: the claims)"

    def title_for(self, ix: Index) -> str:
        """The pane's tab title in the dataset's own terms."""
        return ix.roadmap_title if self.id == "roadmap" else self.title

    def absent(self, ix: Index) -> str | None:
        """Why this dataset has nothing for the pane, or None when it has something."""
        section = {"countries": "countries", "meetings": "meetings", "roadmap": "roadmap",
                   "quotes": "quotes", "memberships": "memberships", "growth": "memberships",
                   "changes": "memberships"}.get(self.id)
        if section and not getattr(ix.ds, section):
            return f"This dataset has no {NOUNS[self.id]}, so it has no {self.title_for(ix)} pane."
        return None


PANES: tuple[PaneSpec, ...] = (
    PaneSpec("countries", "1", "Countries", "every country, its standing in each headline coalition, "
             "the coalitions it leads and joins"),
    PaneSpec("meetings", "2", "Meetings", "every meeting, named within its coalition, with its stated count",
             legend=""),  # the chart's caption carries the legend
    PaneSpec("roadmap", "3", "Roadmap", "the capability areas on the dataset's timeline, with milestones",
             legend="━ active  ◆ milestone  ◇ unconfirmed one  │ today  ◂ ▸ goes on past the axis  ? unconfirmed · "
                    "Enter: every line with its link, s: sources"),
    PaneSpec("quotes", "4", "Quotes", "who said what, when and where; quotes and paraphrases told apart",
             legend="“quote” in quotation marks in the source · paraphr. the source's words · ⇄ via a "
                    "translation or rendering · ? unconfirmed · ≠ sources disagree"),
    PaneSpec("sources", "5", "Sources", "paragraphs, references and what each supports; conflicting claims"),
    PaneSpec("memberships", "6", "Memberships", "every membership spell, one row each"),
    PaneSpec("growth", "7", "Growth", "each headline coalition's members over time, drawn and as a table",
             legend="█ confirmed  ░ unconfirmed  ▲ as-of date · rows: the dates the count changed"),
    PaneSpec("changes", "8", "Changes", "who joined and left, role changes, meetings, offices, between two dates",
             legend="From the date before the as-of date (or the palette's 'changes from DATE') to the as-of "
                    "date; [ ] move it · ? the date is only partly inside"),
)

NOUNS = {"countries": "countries", "meetings": "meetings", "roadmap": "roadmap areas",
         "quotes": "statements", "memberships": "memberships", "growth": "memberships",
         "changes": "memberships"}

PANE_IDS = tuple(p.id for p in PANES)


def pane(pane_id: str) -> PaneSpec:
    return next(p for p in PANES if p.id == pane_id)
