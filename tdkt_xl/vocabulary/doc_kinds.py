"""The one table of document kinds: everything the code knows about a kind of
official document is a row here.

Adding a kind touches this table, one template (a builder function in
``documents/make_templates.py``, then the rebuilt ``templates/*.docx``) and one
context builder in ``documents/contexts.py``; the documents service, the
``tdkt`` command, the workbook's buttons and dropdowns, the 'Loại văn bản'
list of the Văn bản sheet, its validation rules and the NĐ 30 layout checker
all read this table (see docs/architecture.md, "Where to add a document kind").

Number series (the Số of each document) and issuer codes are the round's data:
they live in the workbook (Văn bản, Cấu hình), never here.
"""
from __future__ import annotations

from dataclasses import dataclass

from tdkt_xl.vocabulary.findings import JOB_DECISION, JOB_MINUTES, JOB_NOTICE, JOB_PLAN, JOB_REPORT

DOCUMENTS_SERVICE, REPORTS_SERVICE = "documents", "reports"


@dataclass(frozen=True)
class Kind:
    key: str            # identifier in code, `tdkt check-docx --kind`, manifest entries
    doc_kind: str       # 'Loại văn bản' in the Văn bản sheet (the clerk's word)
    template: str       # file in templates/
    type_code: str      # ký hiệu loại văn bản (NĐ 30, Phụ lục III); "" = công văn
    per_unit: bool      # one document per inspected unit (else one for the round)
    job: str            # job key whose blocking findings stop it ("" = never blocked)
    file_name: str      # output file name ({code} = the unit code of per-unit documents)
    label: str          # Vietnamese, for messages ("thông báo lịch kiểm tra")
    command: str        # `tdkt` subcommand that writes it
    button: str         # the button's job ('Việc cần làm' dropdown) that writes it
    context: str = ""   # context builder in documents/contexts.py (documents service kinds)
    service: str = DOCUMENTS_SERVICE   # documents: generate_documents; reports: report/follow-up
    by_delegation: bool = False        # issued by the Đoàn kiểm tra (…/BB-ĐKT), own number series

    @property
    def profile(self) -> str:
        """The NĐ 30 layout checker's profile: the type code, 'CV' for a công văn."""
        return self.type_code or "CV"


PLAN = Kind("plan", "Kế hoạch kiểm tra", "ke_hoach_kiem_tra.docx", "KH", False, JOB_PLAN,
            "KH_kiem_tra.docx", "kế hoạch kiểm tra", "plan", "Tạo kế hoạch",
            context="plan_context")
DECISION = Kind("decision", "Quyết định thành lập Đoàn kiểm tra", "quyet_dinh_thanh_lap_doan.docx",
                "QĐ", False, JOB_DECISION, "QD_thanh_lap_doan.docx",
                "quyết định thành lập Đoàn kiểm tra", "decision", "Tạo quyết định",
                context="decision_context")
NOTICE = Kind("notice", "Thông báo lịch kiểm tra", "thong_bao_lich_kiem_tra.docx", "TB", True,
              JOB_NOTICE, "TB_{code}.docx", "thông báo lịch kiểm tra", "notices", "Tạo thông báo",
              context="notice_context")
NOTICE_ALL = Kind("notice_all", "Thông báo lịch kiểm tra (tổng hợp)", "thong_bao_tong_hop.docx",
                  "TB", False, JOB_NOTICE, "TB_tong_hop.docx", "thông báo lịch kiểm tra (tổng hợp)",
                  "notices", "Tạo thông báo", context="notice_all_context")
MINUTES = Kind("minutes", "Biên bản kiểm tra", "bien_ban_kiem_tra.docx", "BB", True, JOB_MINUTES,
               "BB_{code}.docx", "biên bản kiểm tra", "minutes", "Tạo biên bản",
               context="minutes_context", by_delegation=True)
REPORT = Kind("report", "Báo cáo kết quả kiểm tra", "bao_cao_ket_qua.docx", "BC", False, JOB_REPORT,
              "BC_ket_qua_kiem_tra.docx", "báo cáo kết quả kiểm tra", "report", "Tạo báo cáo",
              service=REPORTS_SERVICE)
REMINDER = Kind("reminder", "Công văn đôn đốc khắc phục", "cong_van_don_doc.docx", "", True, "",
                "CV_don_doc_{code}.docx", "công văn đôn đốc khắc phục", "followup",
                "Theo dõi khắc phục", service=REPORTS_SERVICE)

KINDS = {k.key: k for k in (PLAN, DECISION, NOTICE, NOTICE_ALL, MINUTES, REPORT, REMINDER)}
# the kinds generate_documents writes, in the order it writes them
GENERATED = tuple(k for k, kind in KINDS.items() if kind.service == DOCUMENTS_SERVICE)
DOC_KINDS = tuple(k.doc_kind for k in KINDS.values())        # the Văn bản sheet's dropdown


def of_name(doc_kind: str):
    """The kind whose 'Loại văn bản' is ``doc_kind`` (None if no kind has it)."""
    return next((k for k in KINDS.values() if k.doc_kind == doc_kind), None)


def grouped(field: str, service: str = DOCUMENTS_SERVICE) -> dict:
    """{command or button: (kind keys…)} of one service, in table order."""
    out: dict = {}
    for k in KINDS.values():
        if k.service == service:
            out.setdefault(getattr(k, field), ())
            out[getattr(k, field)] += (k.key,)
    return out
