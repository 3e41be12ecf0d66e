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

