"""The validated cache (tui.data.cache) and the Memberships pane's virtual table.

The cache must give the same Dataset as loading the YAML, be invalidated by any change to any
data file, be ignored (with one warning) when its file is corrupt or not this user's own, and never
serve one dataset's records for another.
"""

from __future__ import annotations

from conftest import ready

import datetime as _dt
import importlib.util
import hashlib
import marshal
import os
import shutil
import sys
from pathlib import Path

import pytest

from tui.data import cache
from tui.cli import main
from tui.data.load import load_paths
from tui.core.dates import date_start

ROOT = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


def _generate_module():
    """benchmarks/generate.py (benchmarks/ is not a package)."""
    name = "coalition_tui_benchmarks_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "generate.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """A generated dataset of 2,000 memberships in six files."""
    folder = tmp_path_factory.mktemp("generated")
    gen = _generate_module()
    gen.write_dataset(folder, gen.Params(countries=60, memberships=2000))
    return folder


@pytest.fixture(scope="session")
def generated_ds(generated):
    return load_paths([generated])


def test_generated_datasets_are_the_general_case(generated_ds):
    """No generated dataset names a real body: the views must work from the data alone."""
    from tui.views import Views

    ids = {c.id for c in generated_ds.coalitions}
    assert not ids & {"nato", "udcg"}
    views = Views(generated_ds)
    assert views.ix.dashboard.headline == ("alliance-1", "group-1")
    assert [c.heading for c in views.source("countries").columns][2:4] == ["SA", "SCG"]


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def loads(monkeypatch) -> list:
    """Every call of the YAML loader made through the cache."""
    calls: list = []
    import tui.data.load

    original = tui.data.load.load_paths

    def counting(paths, *args, **kwargs):
        calls.append([Path(p) for p in paths])
        return original(paths, *args, **kwargs)

    monkeypatch.setattr(tui.data.load, "load_paths", counting)
    monkeypatch.setattr(cache, "_warned", False)
    return calls


def _dataset_copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def test_second_load_comes_from_the_cache_and_equals_the_yaml(generated, generated_ds, folder, loads):
    first = cache.load_dataset([generated], folder=folder)
    assert len(loads) == 1
    second = cache.load_dataset([generated], folder=folder)
    assert len(loads) == 1, "the second load must not parse the YAML again"
    assert second == first == generated_ds
    assert second.model_dump() == generated_ds.model_dump()
    m = second.memberships[5]
    assert type(m).__name__ == "Membership" and m.sources[0].source.startswith("ref-")
    assert len(list(folder.glob("dataset-*.columns"))) == 1


def test_any_changed_file_invalidates_the_cache(generated, tmp_path, folder, loads):
    data = _dataset_copy(generated, tmp_path / "data")
    cache.load_dataset([data], folder=folder)
    for n, f in enumerate(sorted(data.glob("*.yaml")), start=2):
        f.write_text(f.read_text() + f"# edited {n}\n")  # a comment: the same records, new bytes
        cache.load_dataset([data], folder=folder)
        assert len(loads) == n, f"a change to {f.name} must invalidate the cache"
        cache.load_dataset([data], folder=folder)
        assert len(loads) == n


def test_a_changed_record_is_seen(tmp_path, folder, loads):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    before = cache.load_dataset([data], folder=folder)
    data.write_text(MINI.read_text().replace("number: 1\n", "number: 7\n"))
    after = cache.load_dataset([data], folder=folder)
    assert [m.number for m in before.meetings] == [1]
    assert [m.number for m in after.meetings] == [7]
    assert len(loads) == 2


def test_a_file_added_or_removed_invalidates_the_cache(generated, tmp_path, folder, loads):
    data = _dataset_copy(generated, tmp_path / "data")
    before = cache.load_dataset([data], folder=folder)
    extra = data / "zz-more.yaml"
    extra.write_text("sources:\n- id: extra-ref\n  kind: reference\n  title: Extra\n  publisher: X\n")
    added = cache.load_dataset([data], folder=folder)
    assert len(loads) == 2 and len(added.sources) == len(before.sources) + 1
    extra.unlink()
    again = cache.load_dataset([data], folder=folder)
    assert len(loads) == 2, "the same files as the first time: the first cache entry is good again"
    assert again == before


def test_never_used_for_a_different_dataset(tmp_path, folder, loads, generated):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(MINI.read_text())
    b.write_text(MINI.read_text().replace("number: 1\n", "number: 2\n"))
    ds_a = cache.load_dataset([a], folder=folder)
    ds_b = cache.load_dataset([b], folder=folder)
    assert ds_a.meetings[0].number == 1 and ds_b.meetings[0].number == 2
    # the same bytes under another name are another dataset too (the key holds the file names)
    c = tmp_path / "c.yaml"
    c.write_text(a.read_text())
    cache.load_dataset([c], folder=folder)
    assert len(loads) == 3
    # a cache file renamed to another dataset's key is refused: its header names its own key
    key_a, key_b = cache.dataset_key([a]), cache.dataset_key([b])
    shutil.copy(folder / f"dataset-{key_a}.columns", folder / f"dataset-{key_b}.columns")
    assert cache.load_dataset([b], folder=folder).meetings[0].number == 2
    assert len(loads) == 4


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "not-a-dataset", "not-marshal", "old-version"])
def test_a_corrupt_cache_file_is_ignored_with_one_warning(damage, tmp_path, folder, loads, capsys):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    good = cache.load_dataset([data], folder=folder)
    path = folder / f"dataset-{cache.dataset_key([data])}.columns"
    blob = path.read_bytes()
    header = blob[: blob.index(b"\n", len(cache._MAGIC)) + 1]

    def signed(body: bytes) -> bytes:  # a well-formed header and digest over other bytes
        return header + f"{hashlib.sha256(body).hexdigest()} {len(body)}\n".encode() + body

    path.write_bytes({
        "garbage": header + b"\x80\x05not marshal at all",
        "truncated": blob[: len(blob) // 2],
        "empty": b"",
        "not-a-dataset": signed(marshal.dumps({"countries": []})),
        "not-marshal": signed(b"\xff\x00 not marshal at all"),
        "old-version": signed(marshal.dumps({"version": 0, "meta": None, "sections": {}})),
    }[damage])
    for _ in range(2):
        assert cache.load_dataset([data], folder=folder) == good
    err = capsys.readouterr().err
    assert err.count("coalition-tui: ignoring the dataset cache") == 1, err
    assert str(path) in err
    assert len(loads) == 2, "loaded from YAML once more, then cached again"
    assert cache.read(folder, cache.dataset_key([data])).full() == good


def test_a_cache_file_others_can_write_is_refused(tmp_path, folder, loads, capsys):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    cache.load_dataset([data], folder=folder)
    path = folder / f"dataset-{cache.dataset_key([data])}.columns"
    os.chmod(path, 0o666)
    cache.load_dataset([data], folder=folder)
    assert "others can write it" in capsys.readouterr().err
    assert len(loads) == 2


def test_a_cache_file_of_another_user_is_refused(tmp_path, folder, loads, capsys, monkeypatch):
    """A file (and folder) owned by someone else is never read: seen as another user would see
    this user's cache (os.getuid made to answer another uid)."""
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    cache.load_dataset([data], folder=folder)
    key = cache.dataset_key([data])
    monkeypatch.setattr(cache.os, "getuid", lambda: os.stat(folder).st_uid + 1)
    with pytest.raises(cache.CacheError, match="another user|not this user's own"):
        cache.read(folder, key)
    assert cache.load_dataset([data], folder=folder).countries[0].id == "DE"
    assert len(loads) == 2
    monkeypatch.undo()
    assert cache.read(folder, key) is not None  # this user's own again: read


def test_the_warm_store_reads_light_rows_equal_to_the_models(generated, generated_ds, folder, loads):
    """The dashboard's warm start (load_store) gives light rows with the models' attribute
    values, and the same pydantic Dataset, made from the same columns, when asked."""
    cache.load_store([generated], folder=folder)
    store = cache.load_store([generated], folder=folder)
    assert len(loads) == 1 and getattr(store, "is_light", False)
    assert not hasattr(store.memberships[0], "model_dump")  # light: no pydantic object
    for light, model in zip(store.memberships, generated_ds.memberships):
        assert (light.id, light.country, light.coalition, light.role, light.since, light.until,
                light.unconfirmed, light.note) == (model.id, model.country, model.coalition, model.role,
                                                   model.since, model.until, model.unconfirmed, model.note)
        assert tuple(light.sources) == tuple(model.sources)
    assert [c.flag for c in store.countries] == [c.flag for c in generated_ds.countries]
    assert [[r.title for r in p.roles] for p in store.people] == [[r.title for r in p.roles] for p in generated_ds.people]
    assert store.meta.title == generated_ds.meta.title
    full = store.full()
    assert full == generated_ds and full.model_dump() == generated_ds.model_dump()
    assert [r.model_fields_set for r in full.memberships] == [r.model_fields_set for r in generated_ds.memberships]


def test_an_unwritable_cache_folder_only_costs_the_cache(tmp_path, loads):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    for _ in range(2):
        assert cache.load_dataset([data], folder=blocker / "cache").meetings[0].id == "udcg-1"
    assert len(loads) == 2


def test_cache_folder_from_the_environment(tmp_path):
    assert cache.cache_dir({cache.CACHE_DIR_ENV: str(tmp_path)}) == tmp_path
    assert cache.cache_dir({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/coalition-tui")
    assert cache.cache_dir({"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache" / "coalition-tui"


def test_cli_no_cache_and_validate_never_read_the_cache(tmp_path, monkeypatch, loads, capsys):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    folder = tmp_path / "cli-cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    assert main(["--data", str(data), "export"]) == 0
    assert len(list(folder.glob("dataset-*.columns"))) == 1
    assert main(["--data", str(data), "export"]) == 0
    assert len(loads) == 1
    assert main(["--data", str(data), "--no-cache", "export"]) == 0
    assert main(["--data", str(data), "validate"]) == 0
    assert len(loads) == 3, "--no-cache and validate load the YAML"
    capsys.readouterr()
    next(folder.glob("dataset-*.columns")).write_bytes(b"junk")
    assert main(["--data", str(data), "validate"]) == 0
    assert "cache" not in capsys.readouterr().err


# --- the Memberships pane's virtual table ----------------------------------------------------------


def _matches(ds, m, needle: str) -> bool:
    """The filter's rule, written out plainly: any shown or named field holds the text."""
    country = next((c for c in ds.countries if c.id == m.country), None)
    coalition = next((c for c in ds.coalitions if c.id == m.coalition), None)
    fields = [country.name if country else "", m.country, m.coalition, m.role, m.since or "", m.until or ""]
    if coalition:
        fields += [coalition.short or "", coalition.name]
    return any(needle in f.lower() for f in fields)


async def test_memberships_pane_filters_and_moves_over_2000_rows(make_app, generated_ds):
    from tui.ui.screens import DetailScreen

    ds = generated_ds
    app = make_app(ds, pane="memberships")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        pane = app.pane("memberships")
        table = pane.table
        assert table.has_focus
        assert len(pane.rows) == len(ds.memberships) == 2000  # every one has begun by the latest date
        assert pane.selected_row().id == ds.memberships[0].id

        await pilot.press("j", "j", "j")
        assert pane.selected_row().id == ds.memberships[3].id
        await pilot.press("pagedown")
        assert table.cursor_row == 3 + table.page_rows
        await pilot.press("G")
        await pilot.pause()
        assert pane.selected_row().id == ds.memberships[-1].id
        top = table.scroll_offset.y
        assert top <= table.cursor_row < top + table.page_rows, "the cursor row is in view"
        last_line = table.render_line(table.page_rows).text
        assert ds.memberships[-1].since in last_line
        await pilot.press("g", "k")
        assert table.cursor_row == 0 and table.scroll_offset.y == 0

        # the filter: every match in dataset order, none else
        country = ds.countries[len(ds.countries) // 2]
        needle = country.name.lower()
        await pilot.press("slash", *needle)
        await pilot.pause()
        expected = [m for m in ds.memberships if _matches(ds, m, needle)]
        assert any(m.country == country.id for m in expected)
        assert [r.id for r in pane.rows] == [m.id for m in expected]
        assert country.name in table.render_line(1).text
        await pilot.press("enter", "j")  # leave the box, move down within the matches
        assert pane.selected_row().id == expected[1].id

        # Enter opens the coalition, c the country, s the sources
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        coalition = next(c for c in ds.coalitions if c.id == expected[1].coalition)
        assert app.screen.detail.title.startswith(coalition.name)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert app.screen.detail.title.startswith(f"{country.name} ({country.id})")
        await pilot.press("escape", "s")
        await pilot.pause()
        m = expected[1]  # named by what the row shows, never by its internal id
        names = {c.id: c.name for c in ds.countries}
        assert app.screen.detail.title.startswith(f"Sources: {names[m.country]} · {m.country} · ")
        assert m.id not in app.screen.detail.title
        await pilot.press("escape")
        await pilot.pause()

        # editing the filter keeps the cursor on its membership while it still matches
        await pilot.press("slash", "backspace", *needle[-1], "enter")
        await pilot.pause()
        assert pane.selected_row().id == expected[1].id

        # sorted by ISO code, and reversed
        await pilot.press("escape")
        pane.query_one("Input").value = ""
        await pilot.pause()
        await pilot.press("o", "o")  # by country, then by ISO code
        await pilot.pause()
        codes = [r.cells[1].text for r in pane.rows]
        assert codes == sorted(codes) and len(codes) == 2000
        await pilot.press("O")
        await pilot.pause()
        assert [r.cells[1].text for r in pane.rows] == sorted(codes, reverse=True)
        pane.sort_column, pane.sort_reverse = None, False  # back to the dataset's order

        # an earlier as-of date shows only the memberships begun by then
        app.set_as_of("2024-01-01")
        await pilot.pause()
        founded = {c.id: c.founded for c in ds.coalitions}
        begun = [m.id for m in ds.memberships
                 if date_start(m.since or founded[m.coalition]) <= _dt.date(2024, 1, 1)]
        assert [r.id for r in pane.rows] == begun and 0 < len(begun) < 2000


def test_the_cache_and_validate_import_no_textual(tmp_path):
    import subprocess

    out = tmp_path / "out.json"
    code = ("import sys, tui.data.cache; from tui.cli import main;"
            f"main(['validate']); main(['export', '-o', {str(out)!r}]); main(['export', '-o', {str(out)!r}]);"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_key_covers_every_module_that_loading_imports(tmp_path, monkeypatch):
    import subprocess

    code = ("import sys, tui.data.load, tui.data.cache; from tui.data.load import load; load();"
            "print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items() if n.startswith('tui.')"
            " and getattr(m, '__file__', None))))")
    used = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    covered = {str(p) for p in cache.loading_modules()}
    assert used and set(used) <= covered, set(used) - covered

    # changing any one of them changes the key
    copies = []
    for module in cache.loading_modules():
        copy = tmp_path / module.parent.name / module.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(module.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(cache, "loading_modules", lambda: copies)
    data = [Path(__file__).parents[1] / "data" / "mini.yaml"]
    before = cache.dataset_key(data)
    for copy in copies:
        original = copy.read_bytes()
        copy.write_bytes(original + b"\n# changed\n")
        assert cache.dataset_key(data) != before, copy
        copy.write_bytes(original)
    assert cache.dataset_key(data) == before


def test_a_changed_byte_in_the_body_is_caught_by_the_digest(tmp_path, folder, loads, capsys):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    cache.load_dataset([data], folder=folder)
    path = folder / f"dataset-{cache.dataset_key([data])}.columns"
    blob = path.read_bytes()
    assert b"Germany" in blob
    path.write_bytes(blob.replace(b"Germany", b"Germanx", 1))
    assert cache.load_dataset([data], folder=folder).countries[0].name == "Germany"
    assert "digest does not match" in capsys.readouterr().err and len(loads) == 2
    # a header that claims more than the file holds is refused before anything is read
    lines = path.read_bytes().split(b"\n", 3)
    digest, size = lines[2].split(b" ")
    path.write_bytes(b"\n".join([lines[0], lines[1], digest + b" 99999999999", lines[3]]))
    with pytest.raises(cache.CacheError, match="damaged header"):
        cache.read(folder, cache.dataset_key([data]))


def test_a_fifo_or_a_link_at_the_cache_path_never_hangs_and_is_refused(tmp_path, folder, loads):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    key = cache.dataset_key([data])
    folder.mkdir(mode=0o700)
    path = folder / f"dataset-{key}.columns"
    os.mkfifo(path, 0o600)
    with pytest.raises(cache.CacheError, match="not a regular file"):
        cache.read(folder, key)  # returns at once: opened without waiting for a writer
    path.unlink()
    target = tmp_path / "elsewhere.columns"
    target.write_bytes(b"x")
    path.symlink_to(target)
    with pytest.raises(cache.CacheError):
        cache.read(folder, key)


def test_a_cache_folder_others_can_write_is_refused(tmp_path, loads, capsys):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert cache.load_dataset([data], folder=shared).countries[0].id == "DE"
    assert not list(shared.glob("dataset-*"))  # nothing written there
    with pytest.raises(cache.CacheError, match=r"others can write the cache folder .* \(mode 0777\)"):
        cache.read(shared, cache.dataset_key([data]))


def test_stale_part_files_are_pruned(tmp_path, folder):
    from tui.data.files import prune_parts

    folder.mkdir(mode=0o700)
    old = folder / ".dataset-x.pickle.abc.part"
    old.write_bytes(b"half")
    os.utime(old, (1, 1))
    fresh = folder / ".dataset-y.pickle.def.part"
    fresh.write_bytes(b"being written")
    assert prune_parts(folder) == 1
    assert not old.exists() and fresh.exists()


def test_writes_keep_modes_links_and_devices(tmp_path, capsys):
    from tui.data.files import write_atomic

    private = tmp_path / "private.csv"
    private.write_text("old")
    os.chmod(private, 0o600)
    write_atomic(private, "new")
    assert private.read_text() == "new" and (os.stat(private).st_mode & 0o777) == 0o600
    old_umask = os.umask(0o027)
    try:
        fresh = write_atomic(tmp_path / "fresh.csv", "x")
    finally:
        os.umask(old_umask)
    assert os.stat(fresh).st_mode & 0o777 == 0o640  # a new file follows the umask
    linked = tmp_path / "a.csv"
    linked.write_text("old")
    os.link(linked, tmp_path / "b.csv")
    write_atomic(linked, "new")  # several links: written in place, both names see it
    assert (tmp_path / "b.csv").read_text() == "new"
    target = tmp_path / "target.csv"
    target.write_text("old")
    (tmp_path / "link.csv").symlink_to(target)
    write_atomic(tmp_path / "link.csv", "new")
    assert (tmp_path / "link.csv").is_symlink() and target.read_text() == "new"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(5)
    assert got == ["through the pipe"] and fifo.exists()
    write_atomic("-", "to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"


def test_the_key_names_pydantic_versions_without_importing_pydantic(tmp_path):
    """The key holds the installed pydantic and pydantic-core versions (a new pydantic may
    validate differently), read without importing either (nor importlib.metadata, slower still)."""
    import subprocess
    from importlib import metadata

    for package in ("pydantic", "pydantic-core"):
        assert metadata.version(package) in cache._version(package)
    assert cache._version("no-such-package-here") == "none"
    code = ("import sys; from pathlib import Path; from tui.data import cache;"
            f"cache.dataset_key([Path({str(MINI)!r})]);"
            "bad = [m for m in ('pydantic', 'pydantic_core', 'importlib.metadata') if m in sys.modules];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_key_covers_the_kinds_of_record(monkeypatch):
    """A kind a plugin registers is a section the cache must hold: the key changes with it."""
    from tui.core import kinds

    data = [MINI]
    before = cache.dataset_key(data)
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, kinds.Kind("toy", "toys", "toy", "toys", "toy_model:Toy")))
    assert cache.dataset_key(data) != before


def test_the_pickles_of_the_format_before_are_removed(tmp_path, folder, loads):
    """A cache folder of the previous format (pickles) is not left to grow: writing a new file
    removes them; they are never read."""
    folder.mkdir(mode=0o700)
    old = folder / f"dataset-{'0' * 64}.pickle"
    old.write_bytes(b"\x80\x05an old pickle")
    keep = tmp_path / "mine.pickle"  # not a cache file: outside the folder, left alone
    keep.write_bytes(b"x")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    assert cache.load_dataset([data], folder=folder).countries[0].id == "DE"
    assert not old.exists() and keep.exists()
    assert len(list(folder.glob("dataset-*.columns"))) == 1
