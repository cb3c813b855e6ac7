"""The merge cache on disk (tdkt_xl/appendices/cache.py): a re-merge writes
only what it examined, and a cache whose bytes are not what the merge wrote is
never trusted (every file read again, and the merge says so)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tdkt_xl.appendices import merge, merge_inbox
from tdkt_xl.appendices.service import merge_text

from test_appendices import COMMUNE_VALUES, _files_view, forms, good_file, mixed_inbox, rnd  # noqa: F401

CACHE = ".tdkt_cache"


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
    (path,) = [p for p in (out / CACHE).iterdir() if b'"staff":24' in p.read_bytes()]
    path.write_bytes(path.read_bytes().replace(b'"staff":24', b'"staff":99'))
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
        second.write_bytes(segment_bytes(head, [b"0123456789abcdef {\"parsed\": 1}\n"]))
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
    from tdkt_xl.appendices.cache import read_segment, segment_bytes
    lines = [b"ab12cd34 {\"parsed\":{\"x\":1,\"t\":\"\xc4\x91\xc6\xa1n v\xe1\xbb\x8b\"}}\n", b"ef56ab78 {\"ident\":{}}\n"]
    data = segment_bytes("k", lines, [b"<row r=\"\x00\"><c r=\"A\x00\"><v>1</v></c></row>", None])
    got = read_segment(data, "k")
    assert got["ab12cd34"][0] == {"parsed": {"x": 1, "t": "đơn vị"}} and got["ef56ab78"][2] is None
    assert segment_bytes("k", [got[d][1] for d in got], [got[d][2] for d in got]) == data


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
