"""The signatures of a biên bản (the unit's representative, THƯ KÝ, TRƯỞNG ĐOÀN side
by side): the names line up whatever the length of a post above them.  The post of
the unit's head ('GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO', tinh-2026) wrapped to two or
three lines in its cell and pushed that name below the two others; the names now
start a row of their own.  Checked on the table's structure (the names in one row,
after the same empty lines, no post above them in that row), for every minutes of
every example round, and by the NĐ 30 checker."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from tdkt_xl.documents import contexts as X
from tdkt_xl.documents.nd30_check import check_docx
from tdkt_xl.io.example import example_rounds, example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.register import shipped_rows
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.vocabulary.schema import LEGAL
from docx_render import render_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LONG_POST = "Giám đốc Sở Giáo dục và Đào tạo kiêm Chủ tịch Hội đồng Thi đua - Khen thưởng ngành"


def _round(data_dir):
    return read_round({**example_sheets(data_dir), LEGAL.name: shipped_rows()}).round


@pytest.fixture(scope="module", params=[r.name for r in example_rounds()])
def minutes_of_round(request):
    """(round name, [(unit code, context, .docx bytes)]) of every unit's minutes."""
    r = next(r for r in example_rounds() if r.name == request.param)
    rnd = _round(r.data_dir)
    units, _ = X.scheduled_units(rnd)
    out = []
    for u in units:
        ctx = X.build_context(K.MINUTES.key, rnd, u)
        out.append((u.code, ctx, render_document(K.MINUTES.template, ctx)))
    return r.name, out


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t")).strip()


def _signature_table(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return root.findall(".//w:body/w:tbl", NS)[-1]


def name_places(data: bytes, names: list) -> set:
    """Where each signer's name stands in the signature table: (row, number of
    paragraphs before it in its cell, the texts before it in that cell)."""
    places = set()
    for name in names:
        found = []
        for i, tr in enumerate(_signature_table(data).findall("w:tr", NS)):
            for tc in tr.findall("w:tc", NS):
                paras = tc.findall("w:p", NS)
                for k, p in enumerate(paras):
                    if _text(p) == name:
                        found.append((i, k, tuple(t for t in map(_text, paras[:k]) if t)))
        assert len(found) == 1, (name, found)
        places.add(found[0])
    return places


def _signers(ctx) -> list:
    names = [ctx["sign_secretary"], ctx["sign_head"]]
    return names + ([ctx["sign_unit"]["name"]] if ctx["sign_unit"]["name"] else [])


def _assert_lined_up(code, ctx, data, folder):
    places = name_places(data, _signers(ctx))
    assert len(places) == 1, (code, places)          # same row, same empty lines above
    (_, _, above), = places
    assert above == (), (code, above)                # no role or post above a name in its row
    path = folder / f"BB_{code}.docx"
    path.write_bytes(data)
    assert check_docx(path, "minutes") == [], code


def test_every_minutes_has_its_signers_names_on_one_line(minutes_of_round, tmp_path):
    name, docs = minutes_of_round
    assert docs, name
    for code, ctx, data in docs:
        _assert_lined_up(code, ctx, data, tmp_path)


def test_a_post_on_several_lines_leaves_the_names_lined_up(tmp_path):
    rnd = _round(example_rounds()[0].data_dir)
    unit = rnd.unit("XQS")
    unit.head_title = LONG_POST                       # three lines in a 55 mm column
    ctx = X.build_context(K.MINUTES.key, rnd, unit)
    assert ctx["sign_unit"]["post"] == LONG_POST.upper()
    _assert_lined_up("XQS", ctx, render_document(K.MINUTES.template, ctx), tmp_path)


def _names_under_their_titles(xml: bytes) -> bytes:
    """The earlier layout: each signer's role, post and name stacked in one cell of
    one row (the names row's paragraphs appended to the titles row's cells)."""
    root = etree.fromstring(xml)
    tbl = root.findall(".//w:body/w:tbl", NS)[-1]
    titles, names = tbl.findall("w:tr", NS)[:2]
    for top, bottom in zip(titles.findall("w:tc", NS), names.findall("w:tc", NS)):
        for p in bottom.findall("w:p", NS):
            top.append(p)
    tbl.remove(names)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def test_the_checker_reports_names_stacked_under_posts_of_any_length(tmp_path):
    rnd = _round(example_rounds()[0].data_dir)
    ctx = X.build_context(K.MINUTES.key, rnd, rnd.unit("XQS"))
    good = tmp_path / "good.docx"
    good.write_bytes(render_document(K.MINUTES.template, ctx))
    assert check_docx(good, "minutes") == []
    bad = tmp_path / "stacked.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = _names_under_their_titles(data)
            z.writestr(info, data)
    found = [p.message for p in check_docx(bad, "minutes") if p.rule == "signature"]
    assert any("không thẳng hàng" in m for m in found), found
