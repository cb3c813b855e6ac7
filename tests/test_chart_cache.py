"""The report's chart pictures are cached on disk: a repeat click with the same
data draws nothing (and imports no matplotlib); changed data or a damaged
entry draws again; the cached picture is the drawn one, byte for byte."""
from __future__ import annotations

import pytest

import xl_payload as X
from tdkt_xl.documents import template_cache as TC
from tdkt_xl.reports import chart_cache as CC
from tdkt_xl.reports import charts as ch


def spec(values=(3, 4)):
    return ch.ChartSpec("thu", "Biểu đồ thử", ["Xã A", "Xã B"],
                        [ch.Series("Đạt", list(values), ch.PASS_COLOR)], kind="barh_stacked")


@pytest.fixture
def drawn(tmp_path, monkeypatch):
    """Count the drawings; cache in tmp_path."""
    monkeypatch.setenv(TC.ENV_DIR, str(tmp_path / "cache"))
    calls = []
    real = ch.figure

    def counting(*a, **k):
        calls.append(a[0].key)
        return real(*a, **k)
    monkeypatch.setattr(ch, "figure", counting)
    return calls


def test_same_data_is_drawn_once_and_read_back_identical(drawn):
    first = ch.render_png(spec())
    again = ch.render_png(spec())
    assert drawn == ["thu"] and again == first and first.startswith(b"\x89PNG")


def test_changed_data_draws_a_new_picture(drawn, tmp_path):
    a = ch.render_png(spec((3, 4)))
    b = ch.render_png(spec((3, 5)))
    assert drawn == ["thu", "thu"] and a != b
    assert len(list((tmp_path / "cache" / "charts").iterdir())) == 1    # the old entry went


@pytest.mark.parametrize("damage", [lambda d: d[:len(d) // 2], lambda d: d[:40] + b"x" + d[41:],
                                    lambda d: b""])
def test_a_damaged_entry_is_drawn_again(drawn, tmp_path, damage):
    good = ch.render_png(spec())
    (entry,) = (tmp_path / "cache" / "charts").iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    assert ch.render_png(spec()) == good and drawn == ["thu", "thu"]
    assert ch.render_png(spec()) == good and drawn == ["thu", "thu"]    # repaired entry used


def test_the_key_covers_data_width_and_code():
    base = CC.key(spec(), 6.3)
    assert base == CC.key(spec(), 6.3)
    assert base != CC.key(spec((3, 5)), 6.3) != CC.key(spec(), 6.0)
    other = spec()
    other.extra = {"labels": ["3/4", "4/4"]}
    assert base != CC.key(other, 6.3)


def test_no_cache_folder_still_draws(monkeypatch, drawn):
    monkeypatch.setenv(TC.ENV_DIR, "")
    assert ch.render_png(spec()) == ch.render_png(spec()) and drawn == ["thu", "thu"]


def test_a_repeat_report_click_imports_no_matplotlib(tmp_path):
    """Two fresh click processes of *Tạo báo cáo* with unchanged data: the first
    draws the charts, the second reads them and never imports matplotlib."""
    from tdkt_xl.io import controls as K
    assert X.run_clicks(K.JOB_REPORT, tmp_path, ("matplotlib", "matplotlib.pyplot")) == \
        ["True ['matplotlib']", "True []"]
