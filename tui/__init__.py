"""coalition-tui: a terminal dashboard of coalition membership, drawn from sourced YAML data."""

__version__ = "0.1.0"
