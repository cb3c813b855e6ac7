"""Issue 13 §1, the proof: a provincial council's round (Cấu hình: level tỉnh,
standing office Sở Nội vụ, place Lạng Sơn; its members, units and texts
without the district's words) gives a decision, notices, minutes, plan and
report in which neither 'huyện' nor 'Phòng Nội vụ' appears — the code and the
templates add none of the 2024 district round's words."""
from __future__ import annotations

import copy
import re
import zipfile

import pytest

from tdkt_xl.documents.service import generate_documents
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.report import make_report
from tdkt_xl.vocabulary import cells, schema as S

# the 2024 example's district words -> a province's (longest first)
PROVINCE = (
    ("Phó Trưởng phòng Nội vụ", "Phó Giám đốc Sở Nội vụ"), ("Trưởng phòng Nội vụ", "Giám đốc Sở Nội vụ"),
    ("Chuyên viên Phòng Nội vụ", "Chuyên viên Sở Nội vụ"), ("Phòng Nội vụ", "Sở Nội vụ"),
    ("Văn phòng HĐND và UBND huyện", "Văn phòng UBND tỉnh"), ("TTr-PNV", "TTr-SNV"),
    ("Lưu: VT, PNV", "Lưu: VT, SNV"), ("Huyện ủy", "Tỉnh ủy"), ("huyện Chi Lăng", "tỉnh Lạng Sơn"),
    ("Chi Lăng", "Lạng Sơn"), ("huyện", "tỉnh"), ("Huyện", "Tỉnh"),
)
SETTINGS = {
    "level": "tỉnh", "standing_office": "Sở Nội vụ", "standing_office_code": "SNV",
    "standing_office_head": "", "upper_office": "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)",
    "place_name": "Lạng Sơn", "supervising_body": "UBND tỉnh Lạng Sơn",
    "council_name": "Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn", "signer_post": "Chủ tịch UBND tỉnh",
}
DISTRICT = re.compile(r"huyện|Phòng Nội vụ", re.I)


def _province(value):
    if not isinstance(value, str):
        return value
    for old, new in PROVINCE:
        value = value.replace(old, new)
    return value


def provincial_sheets(example: dict) -> dict:
    sheets = {name: [[_province(v) for v in row] for row in rows] for name, rows in copy.deepcopy(example).items()}
    labels = {s.field: s.label for s in S.SETTING_KEYS}
    by_label = {cells.key_text(labels[f]): v for f, v in SETTINGS.items()}
    rows = sheets[S.SETTINGS.name]
    for row in rows[1:]:
        k = cells.key_text(row[0])
        if k in by_label:
            row[1] = by_label.pop(k)
    rows += [[label, v, ""] for label, v in by_label.items()]
    return sheets


def docx_text(path) -> str:
    """Every XML part of a .docx (body, headers, properties), tags removed."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(re.sub(r"<[^>]+>", " ", re.sub(r"</w:p>", "\n", z.read(n).decode("utf-8")))
                         for n in z.namelist() if n.endswith(".xml"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from tdkt_xl.builder.example import example_sheets
    sheets = provincial_sheets(example_sheets())
    assert not [v for rows in sheets.values() for row in rows for v in row
                if isinstance(v, str) and DISTRICT.search(v)], "the test's own data must be provincial"
    read = read_round(sheets)
    rnd = read.round
    assert rnd.settings.level == "tỉnh" and rnd.settings.standing_office == "Sở Nội vụ"
    out = tmp_path_factory.mktemp("tinh")
    summary = generate_documents(copy.deepcopy(rnd), out / "docs", validate=False)
    report = make_report(copy.deepcopy(rnd), out / "report", check=False)
    files = sorted((out / "docs").rglob("*.docx")) + [report.docx]
    assert summary and len(files) > 20
    return {p.name: docx_text(p) for p in files}


def test_no_district_word_in_any_document_of_a_provincial_round(outputs):
    bad = {name: sorted(set(DISTRICT.findall(text))) for name, text in outputs.items()
           if DISTRICT.search(text)}
    assert not bad, bad


def test_the_provincial_offices_are_where_the_district_ones_were(outputs):
    decision = next(t for n, t in outputs.items() if n.startswith("QD"))
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 38/TTr-SNV" in decision
    assert "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ," in decision
    assert "- CT, các PCT UBND tỉnh;" in decision and "- Thành viên Hội đồng TĐKT tỉnh;" in decision
    assert "- Lưu: VT, SNV." in decision and "Lạng Sơn, ngày 27 tháng 5 năm 2024" in decision
    assert "UBND TỈNH LẠNG SƠN" in decision
    notice = next(t for n, t in outputs.items() if n.startswith("TB_") and "XQS" in n)
    assert "gửi về Sở Nội vụ (cơ quan thường trực Hội đồng)" in notice
    overview = next(t for n, t in outputs.items() if n.startswith("TB") and "XQS" not in n
                    and "đối với 06 " in t)
    assert "đối với 06 cơ quan, tổ chức, đơn vị cấp tỉnh và 08 xã" in overview    # the block's words
    report = next(t for n, t in outputs.items() if n.startswith("BC"))
    assert "- Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương) (b/c);" in report
    assert "- Thường trực Tỉnh ủy, HĐND tỉnh (b/c);" in report
    assert "2. Đối với Ủy ban nhân dân tỉnh, Hội đồng Thi đua - Khen thưởng tỉnh" in report


def test_the_report_outline_sent_to_units_names_the_provincial_council(tmp_path):
    """The đề cương báo cáo (sent with the Phụ lục) asks for proposals to the
    round's own council, not to a district's."""
    from tdkt_xl.appendices import load_spec
    from tdkt_xl.appendices.context import unit_context
    from tdkt_xl.appendices.outline import outline_bytes
    from tdkt_xl.builder.example import example_sheets
    rnd = read_round(provincial_sheets(example_sheets())).round
    for code in ("XQS", "BTCHU"):
        path = tmp_path / f"{code}.docx"
        path.write_bytes(outline_bytes(load_spec(), unit_context(rnd, rnd.unit(code))))
        text = docx_text(path)
        assert not DISTRICT.search(text), DISTRICT.findall(text)
        assert "Đề xuất, kiến nghị với Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn (nếu có)." in text
        assert "gửi về Sở Nội vụ" in text
