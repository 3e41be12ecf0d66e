"""The YAML builder (tui.data.yaml_safe._build) handles the usual events inline (a text key, its
value, an item) and counts sizes only under an anchor: whatever it accepts, it builds as PyYAML's
own safe constructor does (anchors, aliases, merges, nesting), on both parsers."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.data.problems import DatasetError, Limits
from tui.data.yaml_safe import CLoader, PyLoader, check_text, parse_text

_PIECES = ["\n", "\n", "  ", "    ", "- ", ": ", "[", "]", "{", "}", ", ", "&a ", "&b ", "*a", "*b", "<<: ",
           "a", "b", "c", "1", "x: ", "y: ", "'q'", "~", "yes", "2022-04-26", "[*a, *b]", "{k: v}"]


def _same(text: str, loader) -> None:
    try:
        ours = parse_text(check_text(text, "t.yaml"), "t.yaml", loader, Limits())
    except DatasetError:
        return  # refused (a duplicate key, a limit): PyYAML has no say
    theirs = yaml.load(text, Loader=PyLoader)  # noqa: S506 - our safe loader class
    assert ours == theirs, text  # (the keys a merge brings in may come in another order)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_what_the_builder_accepts_is_what_pyyaml_builds(text):
    for loader in (PyLoader, CLoader):
        if loader is not None:
            try:
                yaml.load(text, Loader=PyLoader)  # noqa: S506
            except yaml.YAMLError:
                return
            _same(text, loader)


@pytest.mark.parametrize("text", [
    "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  z: 3\n  w: 4\n",  # keys after a merge are the mapping's own
    "a: &a [1, 2]\nb: {<<: [{p: 1}, {q: 2}], r: *a}\n",
    "- &x {k: [1, {j: 2}]}\n- [*x, *x]\n- {m: *x}\n",
    "top: &t\n  list: [1, 2, {deep: &d [3]}]\n  again: *d\nnext: *t\n",
])
def test_anchors_merges_and_nesting_build_as_pyyaml(text):
    for loader in (PyLoader, CLoader):
        if loader is not None:
            _same(text, loader)


def test_an_alias_counts_every_value_it_repeats():
    """Sizes are counted only under an anchor, and then in full: a list of 3 lists of 2 values is
    10 values, an alias to it 10 more."""
    text = "a: &x [[1, 2], [3, 4], [5, 6]]\nb: *x\nc: *x\n"
    parse_text(text, "t.yaml", None, Limits(max_alias_values=20))
    with pytest.raises(DatasetError, match="aliases here expand to more than 19 values"):
        parse_text(text, "t.yaml", None, Limits(max_alias_values=19))
