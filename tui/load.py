"""YAML text -> Dataset. Every problem becomes one DatasetError with file, line and column.

Loading is two steps: parse each file with libyaml's C loader where present (the pure-Python
loader otherwise; same results), validate it with pydantic, then join the files and run the
cross-record checks. Positions are found only when something is wrong: the node tree is
composed again for the failing file and the record path walked to its line and column.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from tui.model import SECTIONS, DataFile, Dataset, Finding

# --- where the bundled data lives -----------------------------------------------------------------

_PACKAGE = Path(__file__).resolve().parent


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


# --- the YAML loaders -----------------------------------------------------------------------------


def _without_timestamps(base: type) -> type:
    """A loader class like `base` that leaves dates as text, so pydantic checks them with a
    position instead of PyYAML raising on 2022-02-30 while it builds the document."""
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    return type(base.__name__ + "NoDates", (base,), {"yaml_implicit_resolvers": resolvers})


PyLoader = _without_timestamps(yaml.SafeLoader)
CLoader = _without_timestamps(yaml.CSafeLoader) if getattr(yaml, "__with_libyaml__", False) else None


def default_loader() -> type:
    return CLoader or PyLoader


# --- errors ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One located finding: FILE:LINE:COL: path: message (hint)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class DatasetError(Exception):
    """Everything wrong with a dataset, each problem with its file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def format_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _find_node(root: yaml.Node | None, loc: tuple) -> tuple[yaml.Node | None, yaml.Node | None]:
    """Walk `loc` down the node tree: (deepest node reached, the key node of the last step)."""
    node, key_node = root, None
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == part:
                    node, key_node = v, k
                    break
            else:
                return node, None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node, key_node = node.value[part], None
            else:
                return node, None
        else:
            return node, None
    return node, key_node


class _Locator:
    """Finds line and column for a record path in one file's text, composing it once."""

    def __init__(self, name: str, text: str):
        self.name, self.text, self._root, self._composed = name, text, None, False

    def problem(self, loc: tuple, message: str, hint: str | None = None, at_key: bool = False,
                missing: bool = False) -> Problem:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=PyLoader)
            except yaml.YAMLError:
                self._root = None
        node, key = _find_node(self._root, loc)
        mark = (key if at_key and key is not None else node).start_mark if node is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(self.name, line, col, format_path(loc), message, hint)


_HINTS = {
    "missing": "add the field",
    "extra_forbidden": "remove it, or check its spelling against docs/DATA-FORMAT.md",
    "literal_error": None,
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "string_type": "write text (quote it if YAML reads it as something else)",
    "list_type": "write a list: [a, b] or one '- item' per line",
    "model_type": "write a mapping of field: value",
    "too_short": None,
    "string_pattern_mismatch": None,
}


def _pydantic_problems(exc: ValidationError, where: _Locator, prefix: tuple = ()) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        if kind == "missing":
            message = f"missing field {loc[-1]!r}"
            problems.append(where.problem(loc[:-1], message, _HINTS["missing"]))
        elif kind == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
            problems.append(where.problem(loc, message, _HINTS[kind], at_key=True))
        else:
            if ("input" in err and kind != "model_type" and not isinstance(err["input"], (dict, list))
                    and repr(err["input"]) not in message):
                message = f"{message} (got {err['input']!r})"
            problems.append(where.problem(loc, message, _HINTS.get(kind)))
    return problems


# --- loading --------------------------------------------------------------------------------------


def parse_text(text: str, name: str, loader: type | None = None) -> Any:
    """YAML text -> Python data, or DatasetError at the syntax error's line and column."""
    try:
        return yaml.load(text, Loader=loader or default_loader())  # noqa: S506 - safe loaders only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "unreadable YAML"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            cm = exc.context_mark
            what += f"; {exc.context.removeprefix('while parsing ')} started at line {cm.line + 1}, column {cm.column + 1}"
        raise DatasetError([Problem(name, line, col, "", f"YAML syntax: {what}",
                                    "check indentation, colons and quotes on this line")]) from None
    except yaml.YAMLError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"YAML: {exc}")]) from None


def read_text(path: Path, name: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"cannot read file: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DatasetError([Problem(name, line, col, "", "the file is not UTF-8 text",
                                    "save it as UTF-8")]) from None


@dataclass
class _Part:
    name: str
    text: str
    data: DataFile
    locator: _Locator


def load_file_text(text: str, name: str, loader: type | None = None) -> _Part:
    raw = parse_text(text, name, loader)
    locator = _Locator(name, text)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DatasetError([locator.problem((), "the top level must be a mapping of sections",
                                            "start the file with a section such as `countries:`")])
    try:
        return _Part(name, text, DataFile.model_validate(raw), locator)
    except ValidationError as exc:
        raise DatasetError(_pydantic_problems(exc, locator)) from None


def dataset_files(path: Path) -> list[Path]:
    """The YAML files a path names: the file itself, or a folder's *.yaml and *.yml, sorted."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise DatasetError([Problem(str(path), 1, 1, "", "the folder has no .yaml files",
                                        "point --data at a .yaml file or a folder holding them")])
        return files
    if not path.exists():
        raise DatasetError([Problem(str(path), 1, 1, "", "no such file or folder")])
    return [path]


def load_paths(paths: Iterable[Path], loader: type | None = None) -> Dataset:
    """Load and join every YAML file the paths name; raise DatasetError listing every problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        try:
            files.extend(dataset_files(Path(p)))
        except DatasetError as exc:
            problems.extend(exc.problems)
    parts: list[_Part] = []
    for f in files:
        name = str(f)
        try:
            parts.append(load_file_text(read_text(f, name), name, loader))
        except DatasetError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DatasetError(problems)
    return join(parts)


def load(path: Path | str | None = None, loader: type | None = None) -> Dataset:
    """Load a dataset from a file or folder (default: the bundled one)."""
    return load_paths([Path(path) if path is not None else bundled_data()], loader)


def join(parts: list[_Part]) -> Dataset:
    """Join files' sections into one Dataset and locate every cross-record finding."""
    joined: dict[str, list] = {name: [] for name in SECTIONS}
    origin: dict[str, list[tuple[_Part, int]]] = {name: [] for name in SECTIONS}
    meta, problems = None, []
    for part in parts:
        if part.data.meta is not None:
            if meta is not None:
                problems.append(part.locator.problem(("meta",), "a second `meta:` section",
                                                     "keep `meta:` in one file only", at_key=True))
            meta = part.data.meta
        for name in SECTIONS:
            records = getattr(part.data, name)
            joined[name].extend(records)
            origin[name].extend((part, i) for i in range(len(records)))
    dataset = Dataset.model_construct(meta=meta, **joined)
    for f in dataset.findings():
        problems.append(_locate(f, origin))
    if problems:
        raise DatasetError(problems)
    return dataset


def _locate(f: Finding, origin: dict[str, list[tuple[_Part, int]]]) -> Problem:
    part, local = origin[f.section][f.index]
    return part.locator.problem((f.section, local) + f.path, f.message, f.hint)


def main_error_exit(exc: DatasetError, stream=None) -> int:
    """Print every problem on stderr; the exit code for an invalid dataset."""
    stream = stream or sys.stderr
    for p in exc.problems:
        print(p, file=stream)
    n = len(exc.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=stream)
    return 1
