"""coalition-tui schema: the JSON Schema of a dataset file, for editors (docs/coalition-tui.schema.json
is this command's output, committed)."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    s = sub.add_parser("schema", help="print the JSON Schema of a dataset file (for editors that check YAML)",
                       description="Print the JSON Schema (draft 2020-12) of one dataset file. Point "
                                   "yaml-language-server at it with a first line such as `# "
                                   "yaml-language-server: $schema=../docs/coalition-tui.schema.json`. "
                                   "It checks the shape of each record; `coalition-tui validate` checks "
                                   "the rest (ids that resolve, real dates).")
    s.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")


def run(args, data_paths: list[Path]) -> int:
    import sys

    from tui.cli.common import fail
    from tui.core.schema import schema
    from tui.core.text import for_terminal, json_text
    from tui.data.files import OutputError, write_atomic

    text = json_text(schema(), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text)
    except OutputError as exc:
        return fail("coalition-tui schema", str(exc))
    print(f"wrote {for_terminal(str(args.output))}", file=sys.stderr)
    return 0
