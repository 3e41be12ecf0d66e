"""Property tests: whatever the input, the loader raises DatasetError or returns a Dataset, and
every problem it reports has a file of the dataset and a real line and column.

Inputs: arbitrary bytes, arbitrary text, YAML-ish text made of YAML's own punctuation and this
format's words, and mutations of the bundled dataset (lines deleted, duplicated, swapped,
indented; characters changed; fragments inserted; the file cut short), loaded with all its files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.data.bundled import bundled_data

from tui.data.load import load_data

from tui.data.problems import DatasetError

from tui.data.yaml_safe import CLoader, PyLoader, check_text, parse_text

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DATA_FILES = sorted(bundled_data().glob("*.yaml"))
BUNDLED = [(str(p), p.read_text(encoding="utf-8")) for p in DATA_FILES]
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_LOADERS = [CLoader, PyLoader] if CLoader is not None else [PyLoader]


def _lines(content: str | bytes) -> int:
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    return len(_BREAK.findall(content)) + 1


def check(files: list[tuple[str, str | bytes]], loader=None):
    """Load; only DatasetError may come out, and each problem must be located in a real file."""
    try:
        return load_data(files, loader=loader)
    except DatasetError as exc:
        assert exc.problems
        sizes = {name: _lines(content) for name, content in files}
        for p in exc.problems:
            assert p.file in sizes, p
            assert 1 <= p.line <= sizes[p.file], p
            assert p.column >= 1, p
            assert "internal error" not in p.message, p
            assert p.message, p
        return exc.problems


# --- YAML-ish text --------------------------------------------------------------------------------

_PIECES = [
    "\n", "\n", "\n", "  ", "  ", "    ", "- ", "-", ": ", ":", "? ", ",", "[", "]", "{", "}", "#", " # c",
    "'", '"', "\\", "|", ">", "|-", "&a ", "&b ", "*a", "*b", "<<: ", "!", "!!str ", "!!int ", "!!map ",
    "!!python/object/apply:os.system ", "!x ", "%YAML 1.1\n", "%TAG ! tag:yaml.org,2002:python/\n",
    "---\n", "...\n", "\t", "\r\n", "\r", "\ufeff", "\x00", "\x07", "\x85", "\u2028", "ü", "日本",
    "~", "null", "yes", "no", "true", "1", "0", "012", "0x1F", "1:30", "1e3", ".nan", "=", "9" * 30,
    "2022-02-30", "2022-04-26", "id", "name", "sources", "countries", "meetings", "meta", "title",
    "coalitions", "people", "quotes", "claims", "roadmap", "memberships", "DE", "udcg", "art#2", "x",
]
yamlish = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data):
    check([("bytes.yaml", data)])


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    check([("text.yaml", text)])


@SETTINGS
@given(yamlish, st.sampled_from(_LOADERS))
def test_yamlish_text(text, loader):
    check([("yamlish.yaml", text)], loader=loader)


# libyaml takes a tab as a space between words and `|#` as a block scalar; PyYAML's scanner refuses
# both. Without those, the two loaders must agree on every text: the same data, or both refuse.
_AGREEING = [p for p in _PIECES if p not in ("\t", "#")]


@SETTINGS
@given(st.lists(st.sampled_from(_AGREEING), max_size=60).map("".join))
def test_both_loaders_agree(text):
    if CLoader is None:
        pytest.skip("PyYAML built without libyaml")
    outcomes = []
    for loader in (CLoader, PyLoader):
        try:
            outcomes.append(("data", parse_text(check_text(text, "agree.yaml"), "agree.yaml", loader)))
        except DatasetError:
            outcomes.append(("refused", None))
    assert repr(outcomes[0]) == repr(outcomes[1])  # repr: nan == nan


# --- mutations of the bundled dataset -------------------------------------------------------------

_CHARS = st.sampled_from(list(" -:#[]{},&*!|>'\"\t\n\\%@`?~0ü\x00\ufeff") + ["\r\n", "  ", "<<"])


@st.composite
def mutations(draw):
    """Some edits, each a function of one file's lines."""
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "insert", "indent", "dedent", "cut"]))
        at, other = draw(st.floats(0, 1, exclude_max=True)), draw(st.floats(0, 1, exclude_max=True))
        text = draw(_CHARS) if kind in ("char", "insert") else ""
        edits.append((kind, at, other, text))
    return edits


def _apply(text: str, edits) -> str:
    lines = text.splitlines(keepends=True)
    for kind, at, other, piece in edits:
        if not lines:
            break
        i, j = int(at * len(lines)), int(other * len(lines))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind in ("char", "insert"):
            line = lines[i]
            k = int(other * len(line))
            lines[i] = line[:k] + piece + line[k + (kind == "char"):]
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i].lstrip(" ")
        elif kind == "cut":
            text = "".join(lines)
            return text[: int(at * len(text))]
    return "".join(lines)


@SETTINGS
@given(st.integers(0, len(BUNDLED) - 1), mutations())
def test_mutated_bundled_dataset(which, edits):
    files = list(BUNDLED)
    name, text = files[which]
    files[which] = (name, _apply(text, edits))
    check(files)


@settings(SETTINGS, max_examples=60)
@given(mutations())
def test_mutated_file_alone_with_both_loaders(edits):
    name, text = min(BUNDLED, key=lambda f: len(f[1]))  # the smallest file, so the pure-Python loader is quick
    mutated = _apply(text, edits)
    for loader in _LOADERS:
        check([(name, mutated)], loader=loader)


def test_bundled_data_is_untouched():
    assert all(Path(name).read_text(encoding="utf-8") == text for name, text in BUNDLED)
