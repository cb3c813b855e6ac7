"""Compiled templates kept on disk between clicks (documents/template_cache.py):
a click that finds its templates compiled needs neither docxtpl nor Jinja's
compiler and writes the same bytes; a changed template, another docxtpl or a
damaged entry is compiled again; a broken template still names its tag."""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

import xl_payload as X
from tdkt_xl.documents import render as R
from tdkt_xl.documents import template_cache as TC
from tdkt_xl.documents.contexts import build_context
from tdkt_xl.io.reader import read_round

NAMES = ("thong_bao_tong_hop.docx", "quyet_dinh_thanh_lap_doan.docx", "bien_ban_kiem_tra.docx")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(TC.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setattr(R, "_CACHE", {})
    return tmp_path / "cache" / "templates"


def _contexts():
    rnd = read_round(X.shipped_or_example()[0]).round
    unit = rnd.unit(rnd.inspections[0].unit_code)
    return {"thong_bao_tong_hop.docx": build_context("notice_all", rnd),
            "quyet_dinh_thanh_lap_doan.docx": build_context("decision", rnd),
            "bien_ban_kiem_tra.docx": build_context("minutes", rnd, unit)}


def _no_compiler(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("compiled again")
    monkeypatch.setattr(R, "_docx_tpl", refuse)
    monkeypatch.setattr(R._ENV, "compile", refuse)
    monkeypatch.setattr(R, "lint_tags", refuse)


def test_a_stored_compilation_renders_the_same_bytes_without_compiling(cache, monkeypatch):
    contexts = _contexts()
    first = {n: R.load_template(n).render_bytes(contexts[n]) for n in NAMES}
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == sorted(Path(n).stem for n in NAMES)
    R._CACHE.clear()
    with monkeypatch.context() as mp:
        _no_compiler(mp)
        again = {n: R.load_template(n) for n in NAMES}
    for n in NAMES:
        assert again[n].render_bytes(contexts[n]) == first[n], n
        fresh = R._compile(n, R.REPO_TEMPLATES / n)
        assert (again[n].tags, again[n].order) == (fresh.tags, fresh.order)
        assert [nm for nm, _ in again[n].static] == [nm for nm, _ in fresh.static]


def test_a_changed_template_is_compiled_again_and_its_old_entry_goes(cache, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    name = "quyet_dinh_thanh_lap_doan.docx"
    shutil.copy(R.REPO_TEMPLATES / name, folder / name)
    R.load_template(name, folder)
    old = list(cache.iterdir())
    # the clerk edits the template in Word: another file, another key
    import zipfile
    src = zipfile.ZipFile(R.REPO_TEMPLATES / name)
    with zipfile.ZipFile(folder / name, "w") as z:
        for i in src.infolist():
            data = src.read(i.filename)
            if i.filename == R.DOCUMENT_PART:
                data = data.replace("QUYẾT ĐỊNH".encode(), "QUYẾT  ĐỊNH".encode(), 1)
            z.writestr(i, data)
    R._CACHE.clear()
    ct = R.load_template(name, folder)
    assert any("QUYẾT  ĐỊNH" in "\n".join(src) for _, src in ct.jinja.values())
    new = list(cache.iterdir())
    assert len(new) == 1 and new != old


def test_another_docxtpl_or_renderer_makes_another_key(cache, monkeypatch):
    name = NAMES[0]
    raw = (R.REPO_TEMPLATES / name).read_bytes()
    before = TC._entry(name, raw)
    TC._salt.cache_clear()
    monkeypatch.setattr(TC, "_package_sources", lambda pkg: b"docxtpl 0.99")
    try:
        assert TC._entry(name, raw) != before
    finally:
        TC._salt.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", None])
def test_a_damaged_entry_is_compiled_again(cache, damage):
    name = NAMES[1]
    R.load_template(name)
    entry, = cache.iterdir()
    if damage is None:
        entry.write_bytes(entry.read_bytes()[:-40])          # cut short
    else:
        entry.write_bytes(damage)
    R._CACHE.clear()
    ct = R.load_template(name)
    assert ct.jinja and entry.read_bytes() != damage


def test_broken_template_still_names_its_tag_and_is_not_stored(cache, tmp_path):
    import docx
    folder = tmp_path / "tpl"
    folder.mkdir()
    d = docx.Document()
    d.add_paragraph("Kính gửi: {{ unit.name }")
    d.save(folder / "hong.docx")
    for _ in range(2):
        R._CACHE.clear()
        with pytest.raises(R.TemplateProblem) as e:
            R.load_template("hong.docx", folder)
        assert "{{ unit.name }" in str(e.value)
    assert not cache.exists() or not any(cache.iterdir())


def test_no_cache_folder_changes_nothing_but_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(TC.ENV_DIR, str(blocked))        # cannot be created
    monkeypatch.setattr(R, "_CACHE", {})
    assert R.load_template(NAMES[0]).jinja
    monkeypatch.setenv(TC.ENV_DIR, "")                   # turned off
    monkeypatch.setattr(R, "_CACHE", {})
    assert R.load_template(NAMES[0]).jinja and TC.cache_dir() is None


def test_a_document_click_with_its_templates_compiled_loads_no_docxtpl(tmp_path):
    """Two fresh click processes of *Tạo quyết định*: the second imports
    neither docxtpl nor python-docx."""
    from tdkt_xl.io import controls as K
    assert X.run_clicks(K.JOB_DECISION, tmp_path, ("docxtpl", "docx")) == \
        ["True ['docx', 'docxtpl']", "True []"]


def test_a_notice_click_with_its_templates_compiled_loads_no_docxtpl(tmp_path):
    """The notices' text holds a line break: docxtpl was imported (~50 ms) to turn it
    into Word's ``<w:br/>`` on every notice click."""
    from tdkt_xl.io import controls as K
    assert X.run_clicks(K.JOB_NOTICES, tmp_path, ("docxtpl", "docx"))[-1] == "True []"


@pytest.mark.parametrize("job, absent", [
    ("followup", ("docx", "docxtpl", "tdkt_xl.reports.make_templates", "tdkt_xl.documents.make_templates")),
    ("report", ("docxtpl", "tdkt_xl.reports.make_templates", "tdkt_xl.documents.make_templates")),
])
def test_report_and_followup_clicks_load_no_template_builder(tmp_path, job, absent):
    """The report and the follow-up took their template's file name from the
    template *builder*, which imported python-docx into every such click
    (~0.1 s); the name is the kinds table's."""
    from tdkt_xl.io import controls as K
    name = {"followup": K.JOB_FOLLOWUP, "report": K.JOB_REPORT}[job]
    assert X.run_clicks(name, tmp_path, absent)[-1] == "True []"
