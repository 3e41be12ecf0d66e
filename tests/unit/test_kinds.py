"""Kinds of record, declared once (tui.core.kinds): every list of kinds is derived from the
registry, and every kind has what each consumer needs. A kind that lacks its model, section,
label, search text, citation link or detail builder fails here."""

from __future__ import annotations

import pytest

from tui.core.kinds import ABOUT_KINDS, EXPORT_ORDER, KINDS
from tui.core.model import SECTIONS, DataFile
from tui.export.data import TABLES
from tui.views import Views
from tui.views.detail import BUILDERS
from tui.views.records import VIEWS
from tui.views.search import KIND_NAMES, search


def test_every_list_of_kinds_is_the_registry():
    sections = [k.section for k in KINDS]
    assert list(SECTIONS) == sections
    assert [f for f in DataFile.model_fields if f != "meta"] == sections  # the YAML sections
    assert sorted(TABLES) == sorted(sections) and TABLES == EXPORT_ORDER
    assert set(KIND_NAMES) == {k.name for k in KINDS}
    assert set(ABOUT_KINDS) == {k.name for k in KINDS if k.claimable}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_what_every_consumer_needs(kind, frozen):
    assert kind.model is SECTIONS[kind.section]
    assert kind.singular and kind.plural and kind.title[0].isupper()
    assert kind.name in VIEWS, f"{kind.name}: no label, search text or link in tui.views.records"
    assert kind.name in BUILDERS, f"{kind.name}: no detail builder (@builds) in tui.views.detail"
    views = Views(frozen)
    records = getattr(frozen, kind.section)
    assert records, f"the frozen data has no {kind.plural} to try"
    rec = records[0]
    shown = VIEWS[kind.name]
    label = shown.label(views.ix, rec)
    assert label and label != rec.id or kind.name == "country"  # screens name records, never ids
    link = shown.link(rec)
    detail = views.detail(*link)
    assert detail is not None and detail.sections, f"{kind.name}: the citation link {link} leads nowhere"
    words = " ".join(t for t in shown.search(views.ix, rec) if t).split()
    assert words and any(h.link == link for h in search(views.ix, words[0]))
