"""Where the bundled dataset, its seeds and the examples live: inside the wheel, or the checkout."""

from __future__ import annotations

from pathlib import Path

# --- where the bundled data lives -----------------------------------------------------------------

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_root() -> Path:
    """The folder holding data/ and seeds/: inside the wheel, or the source checkout."""
    inside = _PACKAGE / "_bundled"
    if (inside / "data").is_dir():
        return inside
    return _PACKAGE.parent


def bundled_data() -> Path:
    return bundled_root() / "data"


def bundled_seeds() -> Path:
    return bundled_root() / "seeds"



def bundled_examples() -> Path:
    return bundled_root() / "examples"


def example_names() -> list[str]:
    """The bundled example datasets: each a folder of examples/ holding .yaml files."""
    folder = bundled_examples()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


class UnknownExample(ValueError):
    """No bundled example has that name; the message lists those there are."""


def example(name: str) -> Path:
    """The folder of the bundled example `name`."""
    if name not in example_names():
        raise UnknownExample(f"no bundled example {name!r}; there are: {', '.join(example_names()) or 'none'}"
                             " (coalition-tui examples lists them)")
    return bundled_examples() / name


def data_path(text: str) -> Path:
    """A dataset path as typed: a file or folder, or `example:NAME` for a bundled example."""
    return example(text[len("example:"):]) if text.startswith("example:") else Path(text)
