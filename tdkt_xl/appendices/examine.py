"""Examining returned files: each file read, checked, identified and parsed
on its own, in worker processes when there are many (two cores read 2,000
files in about half the time).  A file whose examination fails in any way
is that file's rejection, never the merge's end.

The parse runs for every identified file of a known unit, before the merge
knows which file of a unit is the newest; the merge uses the newest file's
result and drops the others' (a unit rarely sends two files).
"""
from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Optional

from tdkt_xl.appendices import codes as K
from tdkt_xl.appendices import unit_rows
from tdkt_xl.appendices.cache import entry_line
from tdkt_xl.model.succession import successor_unit
from tdkt_xl.appendices.returned import (REJECTED, FileOutcome, check_package, display_name, identify, load, parse,
                                         stat_of)

IDENT = ("status", "unit_code", "saved_at", "version", "commune", "findings")
PARALLEL_FROM = 64          # fewer files than this: one process (starting workers costs more)
_CONTEXT: tuple = ()        # (spec, rnd, known codes, as_of) inherited by forked workers


def ident_of(out: FileOutcome) -> dict:
    return {k: getattr(out, k) for k in IDENT} | {"findings": list(out.findings)}


def unexpected(p: Path, out: Optional[FileOutcome], e: BaseException) -> FileOutcome:
    """A file whose reading failed in a way no check foresaw: that file is
    rejected (with the technical reason), the merge of the others goes on."""
    out = out or FileOutcome(p, display_name(p))
    out.close()
    out.status = REJECTED
    detail = str(e).splitlines()[0][:160] if str(e) else ""
    out.findings.append(K.UNREADABLE.at("", "", out.unit_code, file=out.name,
                                        reason=f"lỗi khi đọc tệp ({type(e).__name__}{': ' + detail if detail else ''})"))
    return out


def land(out: FileOutcome, spec, rnd) -> None:
    """A form of a unit that has since merged (its code no longer in Đơn vị,
    a chain of Đơn vị kế thừa ending at a unit): its figures count for the
    successor, said by PL41 at the form's unit code cell."""
    unit = successor_unit(rnd, out.unit_code) if rnd is not None else None
    if unit is None:
        return
    out.findings.append(K.SUCCESSOR.at(spec.id_sheet, "B3", unit.code, file=out.name,
                                       old=out.unit_code, name=unit.name, code=unit.code))
    out.unit_code = unit.code


def examine(p: Path, spec, rnd, known, as_of) -> tuple:
    """(outcome after identification, its ident record, the parse record or
    None).  The outcome holds no open workbook and no bytes."""
    out = None
    try:
        out = load(p, spec)
        if out.status != REJECTED:
            check_package(out, out.pkg, spec)
        if out.status != REJECTED:
            identify(out, spec)
        if out.status != REJECTED:
            land(out, spec, rnd)
        ident = ident_of(out)
        parsed = None
        if out.status != REJECTED and out.unit_code in known:
            ret = parse(out, spec, rnd, as_of)
            parsed = {"status": out.status, "findings": out.findings[len(ident["findings"]):],
                      "ret": vars(ret).copy() if ret else None}
            out.status, out.findings = ident["status"], list(ident["findings"])
        out.close()
        return out, ident, parsed
    except Exception as e:      # noqa: BLE001 - one file never takes the merge down
        out = unexpected(p, out, e)
        return out, None, None


def _loaded(p: Path, spec) -> FileOutcome:
    try:
        out = load(p, spec)
    except Exception as e:          # noqa: BLE001
        out = unexpected(p, None, e)
    out.pkg = None
    return out


def hashed(paths: list, spec, seen: Optional[dict] = None) -> list:
    """``load`` of every path (its size checked, its content hash), without
    the bytes: a re-merge looks up 2,000 files in the cache this way.  A file
    ``seen`` by the last merge (absolute path -> [size, mtime_ns, ctime_ns,
    inode, content hash]) whose size, times and inode are all unchanged is
    not read again: its hash is the one recorded (any change to a file
    changes its change time).  In one thread: reading and hashing ~20 KB
    files is mostly Python work, and two threads fighting for the
    interpreter took 2.8 times as long (0.39 s against 0.14 s for the
    benchmark's 2,000 files)."""
    out = []
    for p in paths:
        rec = seen.get(os.path.abspath(p)) if seen else None
        if rec is not None:
            try:
                st = os.stat(p)
            except OSError:
                st = None
            if st is not None and list(stat_of(st)) == rec[:4]:
                same = FileOutcome(p, display_name(p), status="", mtime=st.st_mtime, digest=rec[4],
                                   stat=tuple(rec[:4]))
                out.append(same)
                continue
        out.append(_loaded(p, spec))
    return out


def _finished(got: tuple, spec, encode: bool, names: Optional[dict], styles: tuple) -> tuple:
    """``examine``'s result, the file's cache entry already encoded and its
    rows of the consolidated workbook rendered (in the worker, in parallel,
    instead of by the main process when it writes them); None for either
    when not asked (``encode`` false, ``names`` None) or not parsed."""
    out, ident, parsed = got
    done = ident is not None and parsed is not None
    line = entry_line(out.digest, {"ident": ident, "parsed": parsed}) if encode and out.digest and done else None
    rows = None
    if names is not None and done and parsed["ret"]:
        ret = parsed["ret"]
        name, block = names[out.unit_code]
        rows = unit_rows.render(unit_rows.layout(spec, styles), out.unit_code, name, block,
                                ret["values"], ret["tables"])
    return out, ident, parsed, line, rows


def _examine_chunk(paths: list) -> list:
    spec, rnd, names, as_of, encode, styles = _CONTEXT
    return [_finished(examine(p, spec, rnd, names, as_of), spec, encode, names, styles) for p in paths]


def examine_all(paths: list, spec, rnd, known, as_of, encode: bool = False) -> list:
    """(outcome, ident, parse record, encoded cache entry or None, rendered rows
    or None) for every path, in order.  ``known``: the round's unit codes, or
    a dict code -> (name, block): then each parsed file's rows of the
    consolidated workbook are rendered too (``unit_rows``).  In two worker
    processes when there are many files and the system can fork: there
    ``encode`` asks for the cache entries encoded as well."""
    global _CONTEXT
    workers = min(2, os.cpu_count() or 1)
    names = known if isinstance(known, dict) else None
    styles = unit_rows.workbook_styles() if names is not None else ()
    if len(paths) < PARALLEL_FROM or workers < 2 or not hasattr(os, "fork"):
        return [_finished(examine(p, spec, rnd, known, as_of), spec, False, names, styles) for p in paths]
    import multiprocessing
    _CONTEXT = (spec, rnd, known, as_of, encode, styles)
    chunks, i = [], 0
    while i < len(paths):       # each a sixteenth of what is left: few chunks, and small ones at the end,
        size = max(4, (len(paths) - i) // (workers * 8))      # so that neither worker waits long for the other
        chunks.append(paths[i:i + size])
        i += size
    results: list = []
    try:
        gc.freeze()         # what the workers inherit is never collected, never walked (nor copied) by their gc
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=gc.enable) as pool:     # the merge pauses it in the main process
            for part in pool.map(_examine_chunk, chunks):
                results.extend(part)
    except (BrokenProcessPool, OSError):
        # a worker died (or none could start): the files not yet done are examined here
        results.extend(_finished(examine(p, spec, rnd, known, as_of), spec, False, names, styles)
                       for p in paths[len(results):])
    finally:
        _CONTEXT = ()
        gc.unfreeze()
    return results
