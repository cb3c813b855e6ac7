"""The delegation's assessments against the units' merged appendices
(``tdkt validate --appendices FILE``): an assessment that an appendix finding
contradicts (``Đạt`` on the authority item while the merge warned PL34 for
the same unit), and a figure a remark states that the unit's Phụ lục II
gives otherwise.  Both are warnings at the cell of the assessment or remark,
naming the appendix finding or figure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tdkt_xl.appendices.stats import load_consolidated
from tdkt_xl.model.vocab import PASS
from tdkt_xl.vocabulary import catalogue as C, cells, schema as S
from tdkt_xl.vocabulary.findings import finding_headers

REPORT_SHEET = "Báo cáo hợp nhất"          # written by appendices.output._report_sheet
_HEAD = tuple(finding_headers(with_file=True))     # the merge report's findings table
_CODE, _UNIT, _MESSAGE, _SEVERITY = (S.FINDINGS.col(f).header
                                     for f in ("code", "unit", "message", "severity"))

# appendix finding code -> words of the checklist items it contradicts when assessed Đạt
CONTRADICTED_ITEMS = {"PL34": ("thẩm quyền",)}

# (figure label, key in the consolidated data): counts a remark may state
FIGURES = (("Lao động tiên tiến", "awards.LDTT.total"),
           ("Chiến sĩ thi đua cơ sở", "awards.CSTDCS.total"))


@dataclass(frozen=True)
class AppendixNote:
    code: str
    unit: str
    message: str
    severity: str = ""            # as written in the consolidated workbook ("Lỗi" / "Cảnh báo")

    @property
    def is_error(self) -> bool:
        return self.severity.casefold().startswith("lỗi")


def appendix_notes(path) -> list[AppendixNote]:
    """The findings the merge recorded in its consolidated workbook."""
    from tdkt_xl.io.sources import read_file_arrays
    rows = read_file_arrays(path, [REPORT_SHEET]).get(REPORT_SHEET) or []
    out, head = [], None
    for r in rows:
        vals = [cells.norm_text(v) for v in r]
        if head is None:
            if tuple(vals[:len(_HEAD)]) == _HEAD:
                head = {h: i for i, h in enumerate(_HEAD)}
            continue
        if len(vals) < len(_HEAD) or not vals[head[_CODE]]:
            continue
        out.append(AppendixNote(vals[head[_CODE]], vals[head[_UNIT]], vals[head[_MESSAGE]],
                                vals[head[_SEVERITY]]))
    return out


def stated_figures(text: str) -> dict:
    """{consolidated key: number} for each count a text states
    ('18 cá nhân đạt Lao động tiên tiến, 03 Chiến sĩ thi đua cơ sở', or the minutes' own
    list line '- Lao động tiên tiến: 18 cá nhân;')."""
    out = {}
    for title, key in FIGURES:
        mm = (re.search(rf"(\d+)\s+(?:cá nhân\s+)?(?:đạt\s+)?(?:danh hiệu\s+)?{title}", text or "", re.I)
              or re.search(rf"(?:^|[-;]\s*){title}:\s*(\d+)", text or "", re.I))
        if mm:
            out[key] = int(mm.group(1))
    return out


def contradictions(rnd, path) -> list:
    """Warnings (KQ17, KQ18) for the assessments the appendices contradict."""
    path = Path(path)
    notes = appendix_notes(path)
    data = load_consolidated(path).units
    items = {i.code: i for i in rnd.checklist}
    names = {u.code: u.name for u in rnd.units}
    sheet = S.RESULTS.name
    out = []
    for res in rnd.results:
        item = items.get(res.item_code)
        unit_name = names.get(res.unit_code, res.unit_code)
        if item is not None and res.assessment == PASS:
            for note in notes:
                words = CONTRADICTED_ITEMS.get(note.code, ())
                if note.unit == res.unit_code and any(w in item.text.lower() for w in words):
                    out.append(C.ASSESSMENT_VS_APPENDIX.at(
                        sheet, res.origin.cell("assessment") if res.origin else "", res.unit_code,
                        item=res.item_code, unit_name=unit_name, assessment=res.assessment,
                        code=note.code, note=note.message, source=path.name))
        values = data.get(res.unit_code) or {}
        for key, said in stated_figures(res.remark).items():
            got = values.get(key)
            if got is not None and int(got) != said:
                label = next(t for t, k in FIGURES if k == key)
                out.append(C.FIGURE_VS_APPENDIX.at(
                    sheet, res.origin.cell("remark") if res.origin else "", res.unit_code,
                    item=res.item_code, unit_name=unit_name, label=label, said=said,
                    got=int(got), source=path.name))
    return out
