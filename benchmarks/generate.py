"""Synthetic datasets that pass `coalition-tui validate`, for benchmarks and tests.

Seeded: the same parameters and seed give the same bytes every time. A dataset is a folder of
YAML files laid out like the bundled one (dataset.yaml with the header, sources and people,
then countries, coalitions, memberships, meetings and quotes), written in the block style people
write by hand. Every record names its sources; every membership starts on or after its
coalition's founding; (country, coalition) pairs are unique.

More than 100,000 memberships are split into files of 100,000 (memberships-01.yaml, ...), as
benchmarks/flood.py does: the loader takes at most 5,000,000 values a file.

Country ids must look like ISO codes (two capital letters: at most 26 x 26 = 676 countries), so
many memberships need many coalitions: by default there are just enough coalitions for the
memberships asked for (676 countries x 148 coalitions hold 100,000).

    python benchmarks/generate.py --memberships 10000 -o /tmp/ds10k        # a folder
    python benchmarks/generate.py --memberships 10000 -o /tmp/ds10k --csv /tmp/ds10k.csv

The CSV holds the memberships as the Memberships pane shows them (country, coalition, role,
since, until, sources), for comparing with other table viewers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import io
import math
import random
import string
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_COUNTRIES = 26 * 26

_ROLES = [("member", 70), ("participant", 14), ("co-lead", 4), ("lead", 2), ("observer", 4),
          ("partner", 4), ("host", 2)]
_SYLLABLES = ["ar", "bel", "cor", "da", "el", "fin", "gar", "hu", "is", "jor", "ka", "lon", "mar",
              "nor", "os", "pel", "qua", "ros", "sar", "tal", "ur", "var", "wen", "xan", "yor", "zan"]
_CAPABILITIES = ["air defence", "artillery", "armour", "drones", "maritime", "demining", "IT",
                 "air force", "logistics", "medical", "training", "electronic warfare"]
_TOPICS = ["training", "equipment", "burden-sharing", "air-defence", "industry", "ammunition"]
_START = _dt.date(2022, 4, 26)
_END = _dt.date(2026, 6, 30)


@dataclass(frozen=True)
class Params:
    """What to generate. `coalitions=None`: just enough for the memberships."""

    countries: int = 60
    coalitions: int | None = None
    memberships: int = 200
    meetings: int = 30
    quotes: int = 60
    people: int | None = None
    sources: int = 20
    seed: int = 1

    def resolved(self) -> Params:
        countries = max(1, min(self.countries, MAX_COUNTRIES))
        coalitions = self.coalitions or max(2, math.ceil(self.memberships / countries))
        if countries * coalitions < self.memberships:
            raise ValueError(f"{countries} countries x {coalitions} coalitions hold at most "
                             f"{countries * coalitions:,} memberships, not {self.memberships:,}")
        people = self.people if self.people is not None else max(5, min(100, self.quotes // 4 or 5))
        return Params(countries, coalitions, self.memberships, self.meetings, self.quotes, people,
                      max(1, self.sources), self.seed)

    def records(self) -> int:
        """Every record the dataset holds, all sections (what the loader's record limit counts)."""
        p = self.resolved()
        return p.sources + p.countries + p.coalitions + p.memberships + p.people + p.meetings + p.quotes


PER_FILE = 100_000
"""Memberships per file: more are split into memberships-01.yaml, memberships-02.yaml ... (the
loader's limit is 5,000,000 values a file; 100,000 memberships are about 1,000,000)."""


def _part_name(n: int, parts: int) -> str:
    """The file of the n-th membership (1-based), of `parts` files."""
    return "memberships.yaml" if parts <= 1 else f"memberships-{(n - 1) // PER_FILE + 1:02d}.yaml"


def _q(text: str) -> str:
    """A single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


def _date(day: _dt.date) -> str:
    return _q(day.isoformat())


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _day_between(rng: random.Random, first: _dt.date, last: _dt.date) -> _dt.date:
    return first + _dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


@dataclass(frozen=True)
class Row:
    """One membership as the pane and the CSV show it."""

    id: str
    country: str
    coalition: str
    role: str
    since: str
    until: str
    sources: int


def generate(params: Params) -> tuple[dict[str, str], list[Row]]:
    """The dataset's files (name -> YAML text) and its memberships as rows."""
    p = params.resolved()
    rng = random.Random(p.seed)
    src_ids = [f"ref-{i:03d}" for i in range(1, p.sources + 1)]

    def refs(most: int = 3) -> str:
        return "[" + ", ".join(sorted(rng.sample(src_ids, rng.randint(1, min(most, len(src_ids)))))) + "]"

    # --- header, sources, people
    out = io.StringIO()
    w = out.write
    w(f"# Synthetic dataset: seed {p.seed}, {p.countries} countries, {p.coalitions} coalitions, "
      f"{p.memberships} memberships, {p.meetings} meetings, {p.quotes} quotes.\n")
    w(f"meta:\n  title: Synthetic coalition dataset (seed {p.seed})\n  last_checked: '2026-07-01'\n")
    w("sources:\n")
    for i, sid in enumerate(src_ids, 1):
        w(f"- id: {sid}\n  kind: reference\n  title: {_q('Synthetic reference ' + str(i))}\n"
          f"  publisher: Synthetic Press\n  url: https://example.org/{sid}\n"
          f"  accessed: '2026-07-01'\n")
    codes = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    countries = sorted(rng.sample(codes, p.countries))
    people = [f"person-{i:03d}" for i in range(1, p.people + 1)]
    w("people:\n")
    for pid in people:
        since = _day_between(rng, _dt.date(2015, 1, 1), _START)
        w(f"- id: {pid}\n  name: {_q(_name(rng, 2) + ' ' + _name(rng, 3))}\n"
          f"  country: {_q(rng.choice(countries))}\n  roles:\n"
          f"  - title: Minister of Defence\n    since: {_date(since)}\n    sources: {refs(2)}\n"
          f"  sources: {refs()}\n")
    files = {"dataset.yaml": out.getvalue()}

    # --- countries
    out = io.StringIO()
    w = out.write
    w("countries:\n")
    for code in countries:
        w(f"- id: {_q(code)}\n  name: {_q(_name(rng, rng.randint(2, 4)))}\n  sources: {refs()}\n")
    files["countries.yaml"] = out.getvalue()

    # --- coalitions: an alliance and a contact group first (no real body's ids), then capability coalitions
    coalitions: list[tuple[str, _dt.date]] = []
    out = io.StringIO()
    w = out.write
    w("coalitions:\n")
    for i in range(p.coalitions):
        if i == 0:
            cid, name, short, kind, founded = "alliance-1", "Synthetic Alliance", "SA", "alliance", _dt.date(1949, 4, 4)
        elif i == 1:
            cid, name, short, kind, founded = "group-1", "Synthetic Contact Group", "SCG", "contact-group", _START
        else:
            cap = _CAPABILITIES[i % len(_CAPABILITIES)]
            cid, kind = f"co-{i:04d}", "capability-coalition"
            name, short = f"{cap[0].upper()}{cap[1:]} coalition {i}", f"{cap.split()[0].capitalize() if cap.islower() else cap} {i}"
            founded = _day_between(rng, _START, _dt.date(2025, 6, 30))
        coalitions.append((cid, founded))
        w(f"- id: {cid}\n  name: {_q(name)}\n  short: {_q(short)}\n  kind: {kind}\n"
          f"  founded: {_date(founded)}\n")
        if kind == "capability-coalition":
            w(f"  parent: group-1\n  leads: [{_q(rng.choice(countries))}]\n")
        w(f"  sources: {refs()}\n")
    files["coalitions.yaml"] = out.getvalue()

    # --- memberships: unique (country, coalition) pairs, dates after the founding
    pairs = rng.sample(range(p.countries * p.coalitions), p.memberships)
    pairs.sort()
    roles = [r for r, _ in _ROLES]
    weights = [n for _, n in _ROLES]
    rows: list[Row] = []
    parts = math.ceil(p.memberships / PER_FILE)
    for n, pair in enumerate(pairs, 1):
        if (n - 1) % PER_FILE == 0:  # a file holds at most 5,000,000 values: split
            if n > 1:
                files[_part_name(n - 1, parts)] = out.getvalue()
            out = io.StringIO()
            w = out.write
            w("memberships:\n")
        ci, co = divmod(pair, p.coalitions)
        country = countries[ci]
        cid, founded = coalitions[co]
        role = rng.choices(roles, weights)[0]
        since = _day_between(rng, max(founded, _dt.date(1949, 4, 4)), _END)
        until = _day_between(rng, since, _END) if rng.random() < 0.08 else None
        mid = f"m-{n:06d}"
        nsrc = rng.randint(1, 3)
        src = "[" + ", ".join(sorted(rng.sample(src_ids, min(nsrc, len(src_ids))))) + "]"
        w(f"- id: {mid}\n  country: {_q(country)}\n  coalition: {cid}\n  role: {role}\n"
          f"  since: {_date(since)}\n")
        if until is not None:
            w(f"  until: {_date(until)}\n")
        if n % 50 == 0:
            w("  unconfirmed: true\n")
        w(f"  sources: {src}\n")
        rows.append(Row(mid, country, cid, role, since.isoformat(),
                        until.isoformat() if until else "", min(nsrc, len(src_ids))))
    files[_part_name(p.memberships, parts) if p.memberships else "memberships.yaml"] = \
        out.getvalue() if p.memberships else "memberships: []\n"

    # --- meetings of the contact group, about monthly
    meetings: list[tuple[str, _dt.date]] = []
    out = io.StringIO()
    w = out.write
    w("meetings:\n" if p.meetings else "meetings: []\n")
    for n in range(1, p.meetings + 1):
        day = _START + _dt.timedelta(days=int((n - 1) * 30.5))
        mid = f"cg-{n}"
        meetings.append((mid, day))
        w(f"- id: {mid}\n  coalition: group-1\n  number: {n}\n  date: {_date(day)}\n"
          f"  city: {_q(_name(rng, 2))}\n  country: {_q(rng.choice(countries))}\n"
          f"  format: {rng.choice(['in-person', 'virtual', 'hybrid'])}\n"
          f"  chairs: [{rng.choice(people)}]\n  participants: {rng.randint(30, 60)}\n"
          f"  sources: {refs()}\n")
    files["meetings.yaml"] = out.getvalue()

    # --- quotes
    out = io.StringIO()
    w = out.write
    w("quotes:\n" if p.quotes else "quotes: []\n")
    for n in range(1, p.quotes + 1):
        occasion, day = rng.choice(meetings) if meetings else (None, _START)
        topics = sorted(rng.sample(_TOPICS, rng.randint(1, 3)))
        w(f"- id: q-{n:05d}\n  speaker: {rng.choice(people)}\n  date: {_date(day)}\n")
        if occasion:
            w(f"  occasion: {occasion}\n")
        w(f"  text: {_q('Statement ' + str(n) + ' on ' + ', '.join(topics) + '.')}\n"
          f"  kind: {rng.choice(['quote', 'paraphrase'])}\n  topics: [{', '.join(topics)}]\n"
          f"  sources: {refs()}\n")
    files["quotes.yaml"] = out.getvalue()
    return files, rows


def write_dataset(folder: Path | str, params: Params) -> list[Row]:
    """Write the dataset's files into `folder` (created if missing); its memberships as rows."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files, rows = generate(params)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return rows


def write_csv(path: Path | str, rows: list[Row]) -> None:
    """The memberships as CSV: the columns the Memberships pane shows."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["country", "coalition", "role", "since", "until", "sources"])
        for r in rows:
            out.writerow([r.country, r.coalition, r.role, r.since, r.until, r.sources])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, required=True, help="the folder to write")
    ap.add_argument("--countries", type=int, default=Params.countries)
    ap.add_argument("--coalitions", type=int, default=None, help="default: enough for --memberships")
    ap.add_argument("--memberships", type=int, default=Params.memberships)
    ap.add_argument("--meetings", type=int, default=Params.meetings)
    ap.add_argument("--quotes", type=int, default=Params.quotes)
    ap.add_argument("--seed", type=int, default=Params.seed)
    ap.add_argument("--csv", type=Path, help="also write the memberships as CSV here")
    args = ap.parse_args(argv)
    params = Params(countries=args.countries, coalitions=args.coalitions, memberships=args.memberships,
                    meetings=args.meetings, quotes=args.quotes, seed=args.seed)
    try:
        rows = write_dataset(args.output, params)
    except ValueError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    if args.csv:
        write_csv(args.csv, rows)
    print(f"wrote {args.output} ({params.records():,} records)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
