"""What `y` and `Y` copy: the selected row or the detail in view, as plain text or Markdown, with
its sources (title, publisher, URL), so that what is pasted can be cited."""

from __future__ import annotations

from tui.views.cells import display
from tui.views.lines import shown


def _sources(views, refs, markdown: bool) -> list[str]:
    out = []
    for ref in refs:
        src = views.ix.sources.get(ref.source)
        if src is None:
            continue
        label = views.details.source_label(ref)
        if markdown:
            out.append(f"- [{label}]({src.url})" if src.url else f"- {label}")
        else:
            out.append(f"  {label}" + (f" <{src.url}>" if src.url else ""))
    return out


def row_text(views, columns, row, fmt: str = "text") -> str:
    markdown = fmt == "markdown"
    pairs = [(c.heading, display(cell)) for c, cell in zip(columns, row.cells) if cell.text]
    if markdown:
        lines = ["| " + " | ".join(h for h, _ in pairs) + " |", "|" + "---|" * len(pairs),
                 "| " + " | ".join(v.replace("|", "\\|") for _, v in pairs) + " |", "", "Sources:"]
    else:
        lines = [f"{h}: {v}" for h, v in pairs] + ["Sources:"]
    refs = row.sources or (views.sources_of(*row.link) if row.link else ())
    return "\n".join(lines + _sources(views, refs, markdown)) + "\n"


def detail_text(views, detail, fmt: str = "text") -> str:
    markdown = fmt == "markdown"
    lines = [f"# {detail.title}" if markdown else detail.title]
    refs = []
    for heading, items in detail.sections:
        lines.append(f"\n## {heading}" if markdown else f"\n{heading}")
        for line in items:
            lines.append(f"- {shown(line)}" if markdown else f"  {shown(line)}")
            refs += [r for r in line.sources if r not in refs]
    lines.append("\n## Sources" if markdown else "\nSources")
    return "\n".join(lines + _sources(views, refs, markdown)) + "\n"
