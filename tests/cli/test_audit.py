"""coalition-tui audit on a small dataset whose tiers are known."""

from __future__ import annotations

import json
from pathlib import Path

from tui.cli import main
from tui.core.audit import audit
from tui.data.load import load

DATA = """
meta: {title: Tiers, last_checked: 2026-12-01}
sources:
  - {id: gov, kind: reference, title: A ministry, publisher: Ministry, tier: primary}
  - {id: news, kind: reference, title: A report, publisher: Agency, tier: established}
  - {id: wiki, kind: reference, title: An encyclopedia, publisher: Wiki, tier: secondary}
  - {id: copy, kind: reference, title: A copy, publisher: Mirror, tier: mirror}
  - {id: old, kind: reference, title: Untiered, publisher: Somebody}
countries:
  - {id: AA, name: Aland, sources: [gov]}
  - {id: BB, name: Bland, sources: [wiki, copy]}
  - {id: CC, name: Cland, sources: [news]}
  - {id: DD, name: Dland, sources: [wiki, old], unconfirmed: true}
coalitions:
  - {id: pact, name: A Pact, kind: partnership, founded: 2001-02-03, leads: [AA], sources: [copy]}
people:
  - id: pat
    name: Pat
    roles:
      - {title: Minister, since: 2026-05-01, sources: [gov]}
    sources: [wiki]
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "tiers.yaml"
    path.write_text(DATA)
    return path


def test_audit_counts_tiers_and_weak_records(tmp_path):
    a = audit(load(_write(tmp_path)))
    assert a.sources_by_tier == {"primary": 1, "established": 1, "secondary": 1, "mirror": 1, "none": 1}
    assert a.records == 6
    # BB and the pact rest only on secondary or mirror; DD cites an untiered source too (not
    # counted weak, counted as without a primary); Pat's role cites a primary source
    assert a.weak == {"countries": ["BB"], "coalitions": ["pact"]}
    assert a.no_primary == {"countries": ["BB", "CC", "DD"], "coalitions": ["pact"]}
    assert a.unconfirmed == {"countries": ["DD"]}
    assert (a.newest, a.last_checked) == ("2026-05-01", "2026-12-01")
    assert round(a.weak_share, 3) == round(2 / 6, 3)
    assert a.unbacked_leads == ["pact:AA"]  # coalitions[].leads must agree with the memberships


def test_audit_command_text_json_and_a_broken_dataset(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["audit", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Resting only on secondary or mirror sources: 2 (33.3%)" in out
    assert "  countries (1): BB" in out
    assert main(["audit", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["resting_only_on_secondary_or_mirror"]["by_section"] == {"countries": ["BB"], "coalitions": ["pact"]}
    assert data["sources_by_tier"]["none"] == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text(DATA.replace("tier: mirror", "tier: copy"))
    assert main(["audit", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:7:" in err and "sources[3].tier" in err


def test_the_bundled_dataset_meets_the_ten_percent_target(bundled):
    a = audit(bundled)
    assert a.sources_by_tier["none"] == 0          # every bundled reference has a tier
    assert a.weak_share <= 0.10
