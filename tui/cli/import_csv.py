"""coalition-tui import csv: placeholder filled in by the next commit."""

from __future__ import annotations


def add_parser(kinds, common) -> None:
    pass


def read_table(args, text: str, origin: str):
    raise ValueError("csv import is not built yet")
