"""The buttons' jobs are a static list; each job imports its engine inside its
run() (a click loads only its own engine), so a broken engine fails here, loudly,
instead of vanishing from the clerk's dropdown."""
from __future__ import annotations

import ast
import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import tdkt_xl
from tdkt_xl.excel import jobs as J
from tdkt_xl.io import controls as K

ROOT = Path(__file__).resolve().parents[1]
EXCEL = Path(tdkt_xl.__file__).parent / "excel"
HEAVY = ("pandas", "matplotlib", "docxtpl", "tdkt_xl.documents", "tdkt_xl.reports",
         "tdkt_xl.appendices")


def _function_imports(path: Path):
    """(module, name) of every ``from tdkt_xl… import name`` inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for n in ast.walk(fn):
                if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("tdkt_xl"):
                    for a in n.names:
                        yield n.module, a.name


def test_the_job_list_is_static_and_complete():
    assert sorted(j.name for j in J.JOBS) == sorted(K.ALL_JOBS)
    assert J.job_names() == tuple(K.ALL_JOBS)
    for j in J.JOBS:                 # each names a function of an excel job module
        assert inspect.isfunction(getattr(importlib.import_module(f"tdkt_xl.excel.{j.module}"),
                                          j.function)), j
    assert not hasattr(J, "available_jobs") and not any(hasattr(j, "ready") for j in J.JOBS)


def test_every_jobs_run_path_imports():
    """What each job's run() (and the job modules' functions) import lazily
    exists: a typo or a broken engine fails this test, not a clerk's click."""
    seen = set()
    for path in sorted(EXCEL.glob("*.py")):
        for module, name in _function_imports(path):
            mod = importlib.import_module(module)
            if not hasattr(mod, name):
                importlib.import_module(f"{module}.{name}")     # a submodule
            seen.add(module)
            if inspect.ismodule(getattr(mod, name)):
                seen.add(f"{module}.{name}")
    assert {"tdkt_xl.documents.service",
            "tdkt_xl.appendices.service", "tdkt_xl.reports.report",
            "tdkt_xl.reports.followup"} <= seen


def test_a_validation_click_loads_no_other_engine():
    code = (
        "import sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from tdkt_xl.excel.xlimport import xlwings\n"
        "xlwings()\n"
        "import tempfile, datetime as dt, xl_payload as X\n"
        "from tdkt_xl.excel import main\n"
        "from tdkt_xl.io import controls as K\n"
        "from tdkt_xl.vocabulary import schema as S\n"
        "arrays = X.shipped_or_example()[0]\n"
        "book = X.open_book(X.payload_from_arrays(arrays, active=S.SCHEDULE.name))\n"
        "out = main(folder=tempfile.mkdtemp(), clock=lambda: dt.datetime(2024, 7, 1, 9))\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print(out.ok, heavy)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XLWINGS_LICENSE_KEY="noncommercial")
    run = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "True []", run.stdout
