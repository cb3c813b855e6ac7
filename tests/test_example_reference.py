"""The reference of *example data* is recorded (tdkt_xl/data/example_reference.json,
``python -m tdkt_xl.gate.make_reference``) so that no process reads every example
round: the record equals what the example rounds' CSV files give, and it is used
only while the example rounds are exactly the files it was made from."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tdkt_xl.gate import examples as G
from tdkt_xl.gate import make_reference
from tdkt_xl.io import example as IE


def _canonical(ref):
    """The reference with each value's type spelt out (a date stays a date)."""
    return sorted((k, type(v).__name__, str(v)) for k, v in ref.values), ref.marked


def test_committed_record_is_the_example_rounds_recomputed():
    assert G.RECORD_FILE.read_text(encoding="utf-8") == make_reference.record(), (
        "example data changed (tdkt_xl/data): rebuild the record with "
        "`python -m tdkt_xl.gate.make_reference` and commit tdkt_xl/data/example_reference.json")


def test_recorded_reference_equals_the_computed_one_for_every_round():
    rounds = IE.example_rounds()
    assert len(rounds) >= 3
    got, want = G.recorded(G.fingerprint(rounds)), G.computed(rounds)
    assert got is not None
    assert got == want and _canonical(got) == _canonical(want)
    assert got.marked == want.marked                                # the same order
    dates = {v for _, v in got.values if isinstance(v, dt.date)}
    assert dates and all(type(v) is dt.date for v in dates)        # dates, not text
    assert G.reference() == want


def test_reference_reads_no_example_round_while_the_record_applies(monkeypatch):
    def no_reading(*a, **k):
        raise AssertionError("the example rounds were read")
    monkeypatch.setattr(G, "read_round", no_reading)
    monkeypatch.setattr(G, "example_sheets", no_reading)
    ref = G.reference.__wrapped__()
    monkeypatch.undo()
    assert ref == G.computed()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """The shipped data folder copied elsewhere, the example rounds read from there;
    returns (folder, a function giving the rounds of its example_rounds.csv,
    the shipped reference)."""
    shipped = G.computed()
    data = tmp_path / "data"
    shutil.copytree(IE.DATA_DIR, data)
    monkeypatch.setattr(IE, "DATA_DIR", data)
    rounds = lambda: IE.example_rounds(data / "example_rounds.csv")     # noqa: E731
    monkeypatch.setattr(G, "example_rounds", rounds)
    return data, rounds, shipped


def test_the_same_example_files_elsewhere_give_the_record(data_copy):
    _, rounds, shipped = data_copy
    assert G.recorded(G.fingerprint(rounds())) == shipped
    assert G.reference.__wrapped__() == shipped == G.computed(rounds())


def test_an_edited_example_csv_is_read_not_taken_from_the_record(data_copy):
    data, rounds, shipped = data_copy
    members = data / "example_2024" / "Thành viên.csv"
    old = "Nguyễn Văn A"
    text = members.read_text(encoding="utf-8")
    assert old in text
    members.write_text(text.replace(old, "Hoàng Văn Mới"), encoding="utf-8")
    assert G.recorded(G.fingerprint(rounds())) is None
    ref = G.reference.__wrapped__()
    assert ref == G.computed(rounds())
    assert ("person", "Hoàng Văn Mới") in ref.values
    assert ref != shipped and ref.values - shipped.values == {("person", "Hoàng Văn Mới")}


def test_an_added_example_round_is_read_not_taken_from_the_record(data_copy):
    data, rounds, shipped = data_copy
    shutil.copytree(data / "example_2024", data / "example_them")
    settings = data / "example_them" / "Cấu hình.csv"
    text = settings.read_text(encoding="utf-8")
    name = next(v for k, v in sorted(shipped.values) if k == "person" and v in text)
    settings.write_text(text.replace(name, "Lò Văn Thêm"), encoding="utf-8")
    listing = data / "example_rounds.csv"
    listing.write_text(listing.read_text(encoding="utf-8")
                       + 'them,example_them,workbook/x.xlsm,,31/12/2024,"Đợt thêm"\n', encoding="utf-8")
    assert [r.name for r in rounds()][-2:] == [IE.example_rounds()[-1].name, "them"]
    assert G.recorded(G.fingerprint(rounds())) is None
    ref = G.reference.__wrapped__()
    assert ref == G.computed(rounds())
    assert ("person", "Lò Văn Thêm") in ref.values
    assert {v for _, v in ref.values - shipped.values} == {"Lò Văn Thêm"}


def test_a_missing_or_damaged_record_means_computing(tmp_path):
    rounds = IE.example_rounds()
    sources = G.fingerprint(rounds)
    assert G.recorded(sources, tmp_path / "none.json") is None
    for text in ("{", "[]", '{"sources": "%s"}' % sources,
                 '{"sources": "%s", "marked": [], "values": [["plan_date", {"ngày": 1}]]}' % sources,
                 '{"sources": "%s", "marked": [], "values": [["plan_date", 5]]}' % sources):
        bad = tmp_path / "bad.json"
        bad.write_text(text, encoding="utf-8")
        assert G.recorded(sources, bad) is None, text
    good = tmp_path / "good.json"
    good.write_text(G.record_text(G.computed(rounds), sources), encoding="utf-8")
    assert G.recorded(sources, good) == G.computed(rounds)
    assert G.recorded("another", good) is None
