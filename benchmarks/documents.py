"""Benchmark of document generation (issue 4).  Prints figures; not a test.

    python benchmarks/documents.py [N_UNITS ...]      (default: 14 2000)

For each size: the whole set (a notice and minutes per unit, plus the
decision and the combined notice = 2N + 2 documents) written to a temporary
folder through ``generate_documents`` (validation included, then without),
and the time per document.  The NĐ 30 layout check is not counted (timed
separately on a sample).  A naive docxtpl load-render-save is timed for
comparison.
"""
from __future__ import annotations

import copy
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tdkt_xl import model as m  # noqa: E402
from tdkt_xl.builder.example import example_sheets  # noqa: E402
from tdkt_xl.io.reader import read_round  # noqa: E402


def synthetic_round(n: int) -> m.Round:
    """The example round with its units cloned to ``n`` units (codes U0001…),
    one inspection slot per unit and session, dates spread over working days."""
    base = read_round(example_sheets()).round
    if n == len(base.units):
        return base
    rnd = copy.deepcopy(base)
    for name in ("units", "inspections", "delegation", "results", "evaluations",
                 "recommendations"):
        setattr(rnd, name, [])
    rnd.documents = [d for d in base.documents if not d.unit_code]
    day = dt.date(2024, 6, 3)
    slot = 0
    for i in range(n):
        src = base.units[i % len(base.units)]
        code = f"U{i + 1:04d}"
        u = copy.copy(src)
        u.code, u.name, u.origin = code, f"{src.name} ({code})", None
        rnd.units.append(u)
        insp = copy.copy(base.inspection(src.code))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        insp.unit_code, insp.date = code, day
        insp.notice_date = day - dt.timedelta(days=7)
        rnd.inspections.append(insp)
        slot += 1
        if slot % 4 == 0:
            day += dt.timedelta(days=1)
        for coll, getter in (("delegation", base.delegation_of), ("results", base.results_of),
                             ("recommendations", base.recommendations_of)):
            for rec in getter(src.code):
                r2 = copy.copy(rec)
                r2.unit_code = code
                getattr(rnd, coll).append(r2)
        ev = base.evaluation(src.code)
        if ev:
            e2 = copy.copy(ev)
            e2.unit_code = code
            rnd.evaluations.append(e2)
        for kind in (m.vocab.DOC_NOTICE, m.vocab.DOC_MINUTES):
            d = base.document(kind, src.code)
            if d:
                d2 = copy.copy(d)
                d2.unit_code, d2.number = code, str(i + 1)
                rnd.documents.append(d2)
    return rnd


def bench(n: int) -> None:
    from tdkt_xl.documents.nd30_check import check_docx
    from tdkt_xl.documents.render import load_template
    from tdkt_xl.documents import kinds as K
    from tdkt_xl.documents.service import generate_documents

    rnd = synthetic_round(n)
    for kind in K.KINDS.values():        # compile outside the timing, like a warm cache
        load_template(kind.template)
    from tdkt_xl.gate import validate
    t0 = time.perf_counter()
    rep = validate(rnd, max(i.date for i in rnd.inspections))
    tv = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        s = generate_documents(rnd, tmp, validate=False)
        t = time.perf_counter() - t0
        docs = len(s.written) + len(s.unchanged)
        print(f"{n:5d} units: {docs} documents in {t:6.2f} s = {1000 * t / max(docs, 1):5.2f} "
              f"ms/document (validation before it: {tv:.2f} s, {len(rep.errors)} errors in "
              "the synthetic data, not applied here)")
        sample = sorted(Path(tmp).glob("*.docx"))[:20]
        t1 = time.perf_counter()
        bad = sum(1 for p in sample if check_docx(p))
        tc = (time.perf_counter() - t1) / max(len(sample), 1)
        print(f"       layout check (not counted): {1000 * tc:.1f} ms/document, "
              f"{bad} of {len(sample)} sampled with problems")


def naive(n_docs: int = 30) -> None:
    from docxtpl import DocxTemplate
    from tdkt_xl.documents.contexts import build_context
    from tdkt_xl.documents.render import REPO_TEMPLATES
    rnd = synthetic_round(14)
    u = rnd.units[6]
    ctx = build_context("minutes", rnd, u)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        for i in range(n_docs):
            tpl = DocxTemplate(REPO_TEMPLATES / "bien_ban_kiem_tra.docx")
            tpl.render(ctx, autoescape=True)
            tpl.save(Path(tmp) / f"{i}.docx")
        t = (time.perf_counter() - t0) / n_docs
    print(f"naive docxtpl load-render-save (minutes): {1000 * t:.1f} ms/document")


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [14, 2000]
    for n in sizes:
        bench(n)
    naive()
