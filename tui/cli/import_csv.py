"""coalition-tui import csv: a table of membership spells (one row per country and coalition)."""

from __future__ import annotations


def add_parser(kinds, common) -> None:
    c = kinds.add_parser(
        "csv", help="a CSV table of membership spells (e.g. the Correlates of War alliance by-member file)",
        description="One row per country and coalition. --map names the columns: country, coalition "
                    "(required), country_name, coalition_name, role, note, and the dates as since/until "
                    "(ISO text) or since_day, since_month, since_year, until_day, until_month, until_year; "
                    "-9 or a blank day, month or year is unknown. --layout cow-alliance reads the COW "
                    "formal alliances by-member file (states by COW code, through a committed COW-to-ISO "
                    "table; a blank end is a spell still in effect).")
    c.add_argument("file", type=__import__("pathlib").Path, metavar="FILE")
    c.add_argument("--map", metavar="FIELD=COLUMN,...", help="which column holds what")
    c.add_argument("--layout", choices=("cow-alliance",), help="a known layout (its --map, codes and names)")
    c.add_argument("--codes", choices=("iso", "cow"), help="what the country column holds (default: iso; "
                                                           "cow with --layout cow-alliance)")
    c.add_argument("--coalition", action="append", default=[], metavar="VALUE=ID[:NAME]",
                   help="the id (and name) to give the coalition the table calls VALUE, e.g. 1=nato")
    c.add_argument("--kind", default=None, metavar="KIND",
                   help="the coalitions' kind (default: alliance with --layout cow-alliance, else organisation)")
    c.add_argument("--source-url", metavar="URL", help="where the table comes from")
    c.add_argument("--publisher", metavar="NAME", help="who publishes the table (a url or a publisher is needed)")
    c.add_argument("--accessed", metavar="YYYY-MM-DD", help="when you downloaded it")
    common(c)


def read_table(args, text: str, origin: str):
    import datetime as _dt

    from tui.imports.spells import Options, TableError, parse_map, read, table_source

    if not (args.source_url or args.publisher):
        raise ValueError("say where the table comes from: --source-url URL and/or --publisher NAME "
                         "(every record names its source)")
    cow = args.layout == "cow-alliance"
    coalitions = {}
    for item in args.coalition:
        value, sep, rest = item.partition("=")
        rid, _, name = rest.partition(":")
        if not sep or not value or not rid:
            raise TableError(f"--coalition {item!r}: write VALUE=ID or VALUE=ID:NAME")
        coalitions[value] = (rid, name or None)
    options = Options(codes=args.codes or ("cow" if cow else "iso"),
                      kind=args.kind or ("alliance" if cow else "organisation"), coalitions=coalitions,
                      name_pattern="COW alliance {value}" if cow else "{value}",
                      id_pattern="cow-alliance-{value}" if cow else "{value}")
    try:
        accessed = _dt.date.fromisoformat(args.accessed) if args.accessed else None
    except ValueError:
        raise ValueError(f"--accessed {args.accessed!r} is not YYYY-MM-DD") from None
    mapping = parse_map(args.map, args.layout)
    return read(text, origin, mapping, table_source(origin, args.source_url, args.publisher, accessed), options)
