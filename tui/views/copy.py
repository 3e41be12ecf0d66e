"""What `y` and `Y` copy: the selected row or the detail in view, as plain text or Markdown, with
its sources (title, publisher, URL), so that what is pasted can be cited.

Every field from the data goes through for_clipboard (tui/core/text.py): a line break or control
character inside a title or URL is an escape, so no field can put a command on a line of its own
when pasted (pastejacking). Only the lines this module writes end in line breaks."""

from __future__ import annotations

from tui.core.text import for_clipboard as clip
from tui.views.cells import display
from tui.views.lines import shown


def _sources(views, refs, markdown: bool) -> list[str]:
    out = []
    for ref in refs:
        src = views.ix.sources.get(ref.source)
        if src is None:
            continue
        label = clip(views.details.source_label(ref))
        url = clip(src.url) if src.url else None
        if markdown:
            out.append(f"- [{label}]({url})" if url else f"- {label}")
        else:
            out.append(f"  {label}" + (f" <{url}>" if url else ""))
    return out


def row_text(views, columns, row, fmt: str = "text") -> str:
    markdown = fmt == "markdown"
    pairs = [(clip(c.heading), clip(display(cell))) for c, cell in zip(columns, row.cells) if cell.text]
    if markdown:
        lines = ["| " + " | ".join(h for h, _ in pairs) + " |", "|" + "---|" * len(pairs),
                 "| " + " | ".join(v.replace("|", "\\|") for _, v in pairs) + " |", "", "Sources:"]
    else:
        lines = [f"{h}: {v}" for h, v in pairs] + ["Sources:"]
    refs = row.sources or (views.sources_of(*row.link) if row.link else ())
    return "\n".join(lines + _sources(views, refs, markdown)) + "\n"


def detail_text(views, detail, fmt: str = "text") -> str:
    markdown = fmt == "markdown"
    title = clip(detail.title)
    lines = [f"# {title}" if markdown else title]
    refs = []
    for heading, items in detail.sections:
        heading = clip(heading)
        lines.append(f"\n## {heading}" if markdown else f"\n{heading}")
        for line in items:
            text = clip(shown(line))
            lines.append(f"- {text}" if markdown else f"  {text}")
            refs += [r for r in line.sources if r not in refs]
    lines.append("\n## Sources" if markdown else "\nSources")
    return "\n".join(lines + _sources(views, refs, markdown)) + "\n"
