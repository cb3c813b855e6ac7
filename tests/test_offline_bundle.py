"""Installing on a PC without internet: the Windows lock is complete (markers
evaluated for Windows, not for the Linux machine that wrote it), and
`tdkt bundle` assembles a folder that installs offline.  No download here: the
downloader and the package builder are replaced by fakes."""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tdkt_xl.release import winlock as W
from tdkt_xl.io.atomic import OutputError
from tdkt_xl.release.bundle import make_bundle

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / W.LOCK_NAME


def _pins(path: Path, python: str) -> dict:
    out = {}
    for line in W.pins_for(W.read_lock(path), python):
        r = Requirement(line)
        out[canonicalize_name(r.name)] = next(iter(r.specifier)).version
    return out


def _fake(dists: dict):
    def lookup(name, python):
        return dists.get(canonicalize_name(name))
    return lookup


def test_markers_are_evaluated_for_windows_and_each_python():
    dists = {
        "app": W.Dist("app", "1.0", ('winonly>=2 ; sys_platform == "win32"',
                                     "maconly ; platform_system == 'Darwin'",
                                     'old ; python_version < "3.12"', "lib[fast]")),
        "winonly": W.Dist("winonly", "2.1"), "maconly": W.Dist("maconly", "1"),
        "old": W.Dist("old", "0.1"),
        "lib": W.Dist("lib", "3.0", ('speed ; extra == "fast"', 'docs ; extra == "docs"')),
        "speed": W.Dist("speed", "5"), "docs": W.Dist("docs", "1"),
    }
    roots = [Requirement("app==1.0")]
    assert set(W.resolve(roots, "3.11", _fake(dists))) == {"app", "winonly", "old", "lib", "speed"}
    assert set(W.resolve(roots, "3.12", _fake(dists))) == {"app", "winonly", "lib", "speed"}
    lines = W.lock_lines({py: W.resolve(roots, py, _fake(dists)) for py in W.TARGET_PYTHONS})
    assert 'old==0.1 ; python_version == "3.11"' in lines
    assert "winonly==2.1" in lines and not any(x.startswith(("maconly", "docs")) for x in lines)


def test_a_version_that_breaks_a_requirement_is_refused():
    dists = {"app": W.Dist("app", "1.0", ("lib>=4",)), "lib": W.Dist("lib", "3.0")}
    with pytest.raises(W.LockError, match="lib 3.0"):
        W.resolve([Requirement("app==1.0")], "3.12", _fake(dists))


def test_committed_windows_lock_holds_every_dependency_for_windows():
    """Walk the installed distributions' metadata from requirements.txt with
    markers evaluated for Windows; every distribution reached (and the
    Windows-only ones not installed here, taken from the lock with no further
    requirement) is pinned in the lock at the installed version."""
    locked = {py: _pins(LOCK, py) for py in W.TARGET_PYTHONS}

    def lookup(name, python):
        d = W.installed_lookup(name, python)
        if d is None and canonicalize_name(name) in locked[python]:
            return W.Dist(name, locked[python][canonicalize_name(name)])
        return d

    roots = W.top_requirements(ROOT / "requirements.txt")
    for py in W.TARGET_PYTHONS:
        need = W.resolve(roots, py, lookup)
        assert {"pywin32", "tzdata"} <= set(need), py
        missing = sorted(set(need) - set(locked[py]))
        assert not missing, f"{W.LOCK_NAME} lacks {missing}: run python -m tdkt_xl.release.winlock"
        stale = {k: (locked[py][k], d.version) for k, d in need.items() if locked[py][k] != d.version}
        assert not stale, f"{W.LOCK_NAME} pins other versions than installed: {stale}"
        extra = sorted(set(locked[py]) - set(need))
        assert not extra, f"{W.LOCK_NAME} pins what nothing needs: {extra}"
    assert "pytest" not in locked["3.12"] and "oletools" not in locked["3.12"]


def test_a_linux_resolution_would_miss_the_windows_only_dependencies():
    """What pip on this machine resolves: pywin32 is not installed, so a lock
    made from the installed set alone (the old way) lacks it."""
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("pywin32")
    xlwings = [Requirement(r) for r in metadata.requires("xlwings")]
    pywin32 = next(r for r in xlwings if r.name == "pywin32")
    assert not pywin32.marker.evaluate() and pywin32.marker.evaluate(W.windows_env("3.12"))


@pytest.fixture()
def bundle(tmp_path):
    fetched = {}

    def download(pins, python, dest):
        fetched[python] = list(pins)
        for p in pins:
            name, version = p.split("==")
            (dest / f"{name}-{version}-cp{python.replace('.', '')}-win_amd64.whl").write_bytes(b"PK")
        return []

    def build(source, dest):
        w = dest / "tdkt_xl-0.1.0-py3-none-any.whl"
        w.write_bytes(b"PK")
        return w

    out = tmp_path / "USB" / "Bộ cài tdkt"
    rep = make_bundle(out, ROOT / "workbook" / "tdkt_2024.xlsm", ROOT / "templates",
                      download=download, build=build)
    return out, rep, fetched


def test_bundle_holds_workbook_templates_wheels_and_installer(bundle):
    out, rep, fetched = bundle
    assert (out / "workbook" / "tdkt_2024.xlsm").read_bytes() == (ROOT / "workbook" / "tdkt_2024.xlsm").read_bytes()
    assert (out / "workbook" / "tdkt_2024.py").exists()
    assert sorted(p.name for p in (out / "templates").glob("*.docx")) == \
        sorted(p.name for p in (ROOT / "templates").glob("*.docx"))
    assert set(fetched) == set(W.TARGET_PYTHONS)
    for py in W.TARGET_PYTHONS:
        assert any(p.startswith("pywin32==") for p in fetched[py])
        assert any(p.startswith("tzdata==") for p in fetched[py])
    req = (out / "requirements.txt").read_text(encoding="utf-8")
    assert "pywin32==" in req and req.rstrip().endswith("tdkt_xl==0.1.0") and "-e" not in req
    assert rep.package == "tdkt_xl-0.1.0-py3-none-any.whl" and not rep.missing


def test_install_script_is_offline_utf8_and_vietnamese(bundle):
    out, _, _ = bundle
    raw = (out / "cai-dat.bat").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "a BOM breaks cmd's first line"
    text = raw.decode("utf-8")
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert lines[:2] == ["@echo off", "chcp 65001 >nul"]
    assert ('python -m pip install --no-index --find-links "%~dp0wheelhouse" '
            '-r "%~dp0requirements.txt"') in lines
    assert 'python -m tdkt_xl.cli doctor "%~dp0workbook\\tdkt_2024.xlsm"' in lines
    assert any(ln.startswith('for %%F in ("%~dp0python-3.1*-amd64.exe")') for ln in lines)
    assert "cài cho mọi người dùng" in text and "Install Python for all users" in text
    assert "KHÔNG có chữ có dấu" in text and "https://www.python.org/downloads/windows/" in text
    # cmd cannot parse an unescaped parenthesis inside a ( ... ) block: no blocks at all
    assert not any(ln.rstrip().endswith("(") for ln in lines)


def test_bundle_refuses_a_folder_with_content(tmp_path):
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="đã có nội dung"):
        make_bundle(tmp_path, ROOT / "workbook" / "tdkt_2024.xlsm", ROOT / "templates",
                    download=lambda *a: [], build=lambda *a: None)


def test_requirements_install_the_package_not_in_editable_mode():
    """An editable install ties `tdkt` and the buttons to the folder it was
    installed from: moving D:\\tdkt broke them (ModuleNotFoundError)."""
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    assert "." in lines and not any(ln.startswith("-e") for ln in lines)


def test_doctor_imports_every_locked_distribution_by_its_module_name():
    """The bundle's requirements.txt is the Windows lock (transitive
    dependencies included): doctor must not call python-dateutil, pillow,
    fonttools or MarkupSafe 'broken' because their module names differ."""
    import importlib
    from tdkt_xl.cli import doctor as D
    broken = []
    for dist, _ in D.requirements(LOCK):
        try:
            metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue                       # Windows-only here (pywin32, tzdata)
        try:
            importlib.import_module(D.import_name(dist))
        except ImportError:
            broken.append(dist)
    assert broken == []
    assert D.import_name("pywin32") == "win32api" and D.import_name("Pillow") == "PIL"


@pytest.mark.parametrize("at", ["mkdir", "mkstemp", "write"])
def test_bundle_into_a_folder_that_cannot_be_written_exits_2(tmp_path, monkeypatch, capsys, at):
    """Exit-code policy: an output folder that cannot be used is 2, not 1."""
    import errno
    from tdkt_xl.cli import main
    from tdkt_xl.io import atomic
    from tdkt_xl.release import bundle as B

    class ReadOnly(atomic.Disk):
        def mkdir(self, path):
            if at == "mkdir":
                raise OSError(errno.EROFS, "injected")
            super().mkdir(path)

        def mkstemp(self, folder):
            if at == "mkstemp":
                raise OSError(errno.EROFS, "injected")
            return super().mkstemp(folder)

        def write(self, fd, data):
            if at == "write":
                raise OSError(errno.ENOSPC, "injected")
            return super().write(fd, data)

    real = B.make_bundle
    monkeypatch.setattr(B, "make_bundle", lambda out, wb, tpl: real(
        out, wb, tpl, download=lambda *a: [],
        build=lambda source, dest: (dest / "tdkt_xl-0.1.0-py3-none-any.whl", )[0]))
    monkeypatch.setattr(atomic, "disk", ReadOnly())
    out = tmp_path / "USB"
    assert main(["bundle", "--out", str(out), "--workbook", str(ROOT / "workbook" / "tdkt_2024.xlsm")]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "Traceback" not in err
    assert not [p for p in tmp_path.rglob(atomic.TEMP_PREFIX + "*")]
