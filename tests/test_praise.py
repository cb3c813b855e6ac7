"""A recommendation that only asks a unit to keep up good work ('Tiếp tục duy trì…') is
praise: the minutes give it a deadline to carry out, not to remedy, and ask for no report
of remedies when it is all there is; the follow-up and the round's status do not track it,
so their counts agree with the report's ('19 nội dung … Ngoài ra … 2 đơn vị')."""
from __future__ import annotations

import datetime as dt

import docx

from tdkt_xl.documents.service import generate_documents
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.followup import make_followup

END_2024 = dt.date(2024, 12, 31)


def _minutes(rnd, out, unit):
    generate_documents(rnd, out, kinds=["minutes"], unit=unit, validate=False)
    return "\n".join(p.text for p in docx.Document(str(out / f"BB_{unit}.docx")).paragraphs)


def test_minutes_with_only_praise_ask_for_no_remedy(example_sheets, tmp_path):
    rnd = read_round(example_sheets).round
    text = _minutes(rnd, tmp_path, "HLHPN")
    assert "Tiếp tục duy trì" in text and "(thời hạn thực hiện: chậm nhất ngày 31/12/2024)" in text
    assert "khắc phục" not in text.split("IV. KIẾN NGHỊ")[1].split("V. Ý KIẾN")[0]


def test_minutes_with_fixes_still_ask_for_the_remedy_report(example_sheets, tmp_path):
    rnd = read_round(example_sheets).round
    text = _minutes(rnd, tmp_path, "XQS")
    assert "(thời hạn khắc phục: chậm nhất ngày 31/7/2024)" in text
    assert "báo cáo kết quả khắc phục bằng văn bản" in text


def test_followup_and_status_do_not_track_praise(example_sheets, tmp_path):
    from tdkt_xl.overview.status import round_status
    rnd = read_round(example_sheets).round
    res = make_followup(rnd, tmp_path, END_2024)
    fixes = [r for r in rnd.recommendations if not r.text.startswith("Tiếp tục")]
    assert res.n_recs == len(fixes) == len(rnd.recommendations) - 2
    st = round_status(rnd, END_2024)
    hlhpn = next(u for u in st.units if u.code == "HLHPN")
    assert (hlhpn.open_recs, hlhpn.overdue_recs, hlhpn.remedied_recs) == (0, 0, 0)
