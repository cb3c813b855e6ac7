"""The merge cache on disk (tdkt_xl/appendices/cache.py): a re-merge writes
only what it examined, and a cache whose bytes are not what the merge wrote is
never trusted (every file read again, and the merge says so)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tdkt_xl.appendices import merge, merge_inbox
from tdkt_xl.appendices.service import merge_text

from test_appendices import COMMUNE_VALUES, _files_view, forms, good_file, mixed_inbox, rnd  # noqa: F401

CACHE = ".tdkt_cache"


def _with_figure(data: bytes, key: str, value) -> bytes:
    """A segment with one figure of its (only) entry changed, its hash left as written."""
    header, _nl, rest = data.partition(b"\n")
    names = next(v for v in json.loads(header)["keys"].values() if key in v)
    line, nl, tail = rest.partition(b"\n")
    digest, n, text = line.split(b" ", 2)
    entry = json.loads(text)
    packed = entry["parsed"]["ret"]["values"]["$v"][1]
    assert packed[names.index(key)] != value
    packed[names.index(key)] = value
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return b"\n".join([header, b" ".join([digest, n, text])]) + nl + tail


def _cache_files(out: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted((out / CACHE).iterdir())}


def _watch(monkeypatch) -> list:
    """The names of the files examined (read and parsed) from now on."""
    from tdkt_xl.appendices import examine
    seen = []
    real = examine.examine
    monkeypatch.setattr(examine, "examine", lambda p, *a: seen.append(p.name) or real(p, *a))
    return seen


def _merged_twice_ready(rnd, forms, tmp_path) -> tuple:
    """(inbox, output folder): XQS and XVL merged once, the cache written."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL")
    merge(rnd, inbox, out)
    return inbox, out


def test_a_remerge_adds_only_the_new_files_and_leaves_what_was_written(rnd, forms, tmp_path, monkeypatch):
    inbox, out = _merged_twice_ready(rnd, forms, tmp_path)
    before = _cache_files(out)
    good_file(forms, inbox, "XBM")
    seen = _watch(monkeypatch)
    merge(rnd, inbox, out)
    after = _cache_files(out)
    assert seen == ["XBM.xlsx"]
    assert {k: after[k] for k in before} == before                 # the first merge's cache left as it was
    added = [after[k] for k in after if k not in before]
    assert len(added) == 1 and added[0].count(b"\n") == 2          # its header and the one new file
    seen.clear()
    third = merge(rnd, inbox, out)                                 # nothing new: nothing read, nothing written
    assert seen == [] and _cache_files(out) == after
    assert _files_view(third) == _files_view(merge_inbox(rnd, inbox))


def test_the_segments_are_rewritten_as_one_when_many_files_are_gone(rnd, forms, tmp_path, monkeypatch):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    for code in ("XQS", "XVL", "XBM"):
        good_file(forms, inbox, code)
    merge(rnd, inbox, out)
    good_file(forms, inbox, "XQS", name="XQS moi.xlsx", values=dict(COMMUNE_VALUES, staff=30))
    merge(rnd, inbox, out)
    assert len(_cache_files(out)) == 2
    for code in ("XQS", "XVL"):
        (inbox / f"{code}.xlsx").unlink()
    seen = _watch(monkeypatch)
    res = merge(rnd, inbox, out)
    assert seen == [] and len(_cache_files(out)) == 1               # one segment, without the files gone
    (body,) = _cache_files(out).values()
    assert body.count(b"\n") == 3                                   # header + XQS moi + XBM
    assert res.units["XQS"].values["staff"] == 30


def test_a_cache_changed_on_disk_is_never_trusted(rnd, forms, tmp_path, monkeypatch):
    """Before: one figure changed inside the cache file (a disk fault, an
    editor) was merged as the unit's figure."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    merge(rnd, inbox, out)
    (path,) = (out / CACHE).iterdir()
    path.write_bytes(_with_figure(path.read_bytes(), "staff", 99))
    seen = _watch(monkeypatch)
    res = merge(rnd, inbox, out)
    assert seen == ["XQS.xlsx"] and res.units["XQS"].values["staff"] == 24
    assert "bị hỏng" in merge_text(res) and CACHE in merge_text(res)
    seen.clear()
    again = merge(rnd, inbox, out)                                  # rewritten whole: trusted again
    assert seen == [] and "bị hỏng" not in merge_text(again)


@pytest.mark.parametrize("damage", ["truncated", "header", "line"])
def test_a_damaged_segment_drops_the_whole_cache(rnd, forms, tmp_path, monkeypatch, damage):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    merge(rnd, inbox, out)
    good_file(forms, inbox, "XVL")
    merge(rnd, inbox, out)
    first, second = sorted((out / CACHE).iterdir())
    data = second.read_bytes()
    if damage == "truncated":
        second.write_bytes(data[:len(data) // 2])
    elif damage == "header":
        second.write_bytes(b"{not json\n" + data.partition(b"\n")[2])
    else:                           # a line whose hash was recomputed but whose text is no entry
        from tdkt_xl.appendices.cache import segment_bytes
        head = re.search(rb'"key": "([0-9a-f]+)"', data).group(1).decode()
        second.write_bytes(segment_bytes(head, [(b"0123456789abcdef", b"{\"parsed\": 1}")]))
    seen = _watch(monkeypatch)
    res = merge(rnd, inbox, out)
    assert sorted(seen) == ["XQS.xlsx", "XVL.xlsx"]                 # the intact first segment is not used either
    assert "bị hỏng" in merge_text(res)
    assert _files_view(res) == _files_view(merge_inbox(rnd, inbox))


def test_a_cache_of_an_older_format_is_replaced(rnd, forms, tmp_path, monkeypatch):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    (out / CACHE).mkdir(parents=True)
    (out / CACHE / "tong_hop_phu_luc.json").write_text('{"format": 1, "key": "x", "files": {}}', encoding="utf-8")
    res = merge(rnd, inbox, out)
    assert "bị hỏng" not in merge_text(res)                          # stale, not damaged
    assert list(_cache_files(out)) == ["tong_hop_phu_luc.0.jsonl"]


def test_entries_encoded_by_the_workers_are_those_the_main_process_writes(rnd, forms, tmp_path, monkeypatch):
    from tdkt_xl.appendices import examine
    inbox = mixed_inbox(forms, tmp_path)
    merge(rnd, inbox, tmp_path / "serial")
    monkeypatch.setattr(examine, "PARALLEL_FROM", 2)            # workers, and the look-up threads
    merge(rnd, inbox, tmp_path / "workers")
    assert _cache_files(tmp_path / "workers") == _cache_files(tmp_path / "serial")
    (inbox / "XQS.xlsx").unlink()
    good_file(forms, inbox, "XQS", name="XQS moi.xlsx", values=dict(COMMUNE_VALUES, staff=30))
    seen = _watch(monkeypatch)
    again = merge(rnd, inbox, tmp_path / "workers")
    assert seen == ["XQS moi.xlsx"] and again.units["XQS"].values["staff"] == 30
    assert _files_view(again) == _files_view(merge_inbox(rnd, inbox))


def test_a_merge_whose_outputs_fail_leaves_the_old_cache_and_no_temporary_file(rnd, forms, tmp_path, monkeypatch):
    """The cache is written while the outputs are, but put in place only after
    them: a run whose workbook cannot be written leaves yesterday's cache."""
    from tdkt_xl.appendices import service
    from tdkt_xl.io.atomic import OutputError
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    merge(rnd, inbox, out)
    before = _cache_files(out)
    good_file(forms, inbox, "XVL")

    def fail(*_a, **_k):
        raise OutputError(out, "ổ đĩa đã đầy")
    monkeypatch.setattr(service, "write_report", fail)
    with pytest.raises(OutputError):
        merge(rnd, inbox, out)
    assert _cache_files(out) == before                     # nothing new in place, no temporary file left


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(rnd, forms, tmp_path, monkeypatch):
    from tdkt_xl.appendices import cache as C

    def broken(*_a, **_k):
        raise OSError(28, "injected ENOSPC")
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    monkeypatch.setattr(C, "segment_parts", broken)
    res = merge(rnd, inbox, out)
    assert [p.name for p in res.outputs] == ["Tong_hop_phu_luc.xlsx", "Bao_cao_hop_nhat.txt"]
    assert not (out / CACHE).exists() or list((out / CACHE).iterdir()) == []


def test_a_segment_written_again_from_what_was_read_is_the_same_bytes():
    """A whole rewrite reuses each entry's line and rows as read (nothing
    encoded again): the segment it writes is byte for byte the one read."""
    from tdkt_xl.appendices.cache import entry_line, read_segment, segment_bytes
    keys: dict = {}
    lines = [entry_line("ab12cd34", _ENTRY, keys), (b"ef56ab78", b'{"ident":{}}')]
    data = segment_bytes("k", lines, [b"<row r=\"\x00\"><c r=\"A\x00\"><v>1</v></c></row>", None], keys=keys)
    got = read_segment(data, "k").entries
    assert got["ab12cd34"][0] == _ENTRY and got["ef56ab78"] == ({"ident": {}}, lines[1], None)
    assert segment_bytes("k", [got[d][1] for d in got], [got[d][2] for d in got], keys=keys) == data


# an entry as the merge makes one: figures (a date, a blank), table rows, a finding
_ENTRY = {"ident": {"status": "", "unit_code": "XQS", "saved_at": dt.datetime(2024, 6, 3, 8, 30)},
          "parsed": {"status": "merged", "findings": [], "ret": {
              "code": "XQS", "file": "XQS.xlsx", "commune": True,
              "values": {"staff": 24, "plan": "Có", "ratio": 0.5, "note": None, "t": "đơn vị"},
              "tables": {"docs": [{"stt": 1, "date": dt.date(2024, 1, 10), "name": "Kế hoạch"},
                                  {"stt": 2, "date": None, "name": "Báo cáo"}],
                         "awards": [], "odd": [{"a": 1}, {"b": 2}]}}}}


def test_an_entry_keeps_its_figures_keys_once_in_the_header():
    """Format 5: a file's figures and table rows are arrays; their keys are
    written once per segment (before: in every entry, two thirds of it)."""
    from tdkt_xl.appendices.cache import entry_line, read_segment, segment_bytes
    keys: dict = {}
    digest, text = entry_line("ab12cd34", _ENTRY, keys)
    assert b'"staff"' not in text and b'"stt"' not in text and b'"a":1' in text      # rows of other keys: as they are
    data = segment_bytes("k", [(digest, text)] * 1, keys=keys)
    head = data.partition(b"\n")[0]
    assert b'"staff"' in head and b'"stt"' in head
    assert read_segment(data, "k").entries["ab12cd34"][0] == _ENTRY


@pytest.mark.parametrize("damage", ["unknown id", "fewer values", "key list changed"])
def test_packed_figures_that_do_not_match_their_keys_are_damage(damage):
    from tdkt_xl.appendices.cache import CacheDamaged, entry_line, read_segment, segment_bytes
    keys: dict = {}
    digest, text = entry_line("ab12cd34", _ENTRY, keys)
    if damage == "unknown id":
        keys = {}
    elif damage == "fewer values":
        text = text.replace(b'24,"C', b'"C')
    else:
        keys = {i: [n.upper() for n in names] for i, names in keys.items()}
    data = segment_bytes("k", [(digest, text)], keys=keys)       # its hash right: only the keys are wrong
    with pytest.raises(CacheDamaged):
        read_segment(data, "k")


def _watch_reads(monkeypatch) -> list:
    """The names of the files whose bytes are read to be hashed from now on."""
    from tdkt_xl.appendices import examine
    seen = []
    real = examine._loaded
    monkeypatch.setattr(examine, "_loaded", lambda p, spec: seen.append(p.name) or real(p, spec))
    return seen


def test_a_remerge_reads_again_only_files_whose_size_times_or_inode_changed(rnd, forms, tmp_path, monkeypatch):
    """A file the last merge read is not read again while its size, its
    modification and change times and its inode are all unchanged (any
    write changes its change time, even with the modification time put
    back); every other file is read and hashed."""
    import os
    inbox, out = _merged_twice_ready(rnd, forms, tmp_path)
    reads = _watch_reads(monkeypatch)
    merge(rnd, inbox, out)
    assert reads == []                                             # nothing touched: nothing read
    before = merge_inbox(rnd, inbox).units["XQS"].values["staff"]
    path = inbox / "XQS.xlsx"
    st = path.stat()
    other = tmp_path / "other.xlsx"
    good_file(forms, other.parent, "XQS", name=other.name, values={**COMMUNE_VALUES, "staff": before + 1})
    path.write_bytes(other.read_bytes())
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))          # the modification time put back
    reads.clear()
    res = merge(rnd, inbox, out)
    assert reads == ["XQS.xlsx"]
    assert res.units["XQS"].values["staff"] == before + 1


def test_a_file_list_of_the_wrong_shape_only_costs_a_read(rnd, forms, tmp_path, monkeypatch):
    from tdkt_xl.appendices.cache import _files
    good = {"/a.xlsx": [1, 2, 3, 4, "ab12cd34"]}
    bad = {"/b.xlsx": [1, 2, 3, "4", "ab12cd34"], "/c.xlsx": [1, 2, 3, 4, "xyz"], "/d.xlsx": [1, 2, 3, 4],
           "/e.xlsx": "ab12cd34"}
    assert _files({**good, **bad}) == good and _files(["x"]) == {}


def test_same_size_new_bytes_with_the_old_modification_time_are_read_again(tmp_path):
    import os
    from tdkt_xl.appendices.examine import hashed
    from tdkt_xl.appendices.spec import load_spec
    path = tmp_path / "XQS.xlsx"
    path.write_bytes(b"PK" + b"a" * 1000)
    first, = hashed([path], load_spec())
    seen = {os.path.abspath(path): [*first.stat, first.digest]}
    again, = hashed([path], load_spec(), seen)
    assert again.digest == first.digest and again.stat == first.stat
    st = path.stat()
    path.write_bytes(b"PK" + b"b" * 1000)                          # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))          # same modification time
    changed, = hashed([path], load_spec(), seen)
    assert changed.digest != first.digest                          # its change time gave it away
