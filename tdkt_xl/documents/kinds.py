"""The document kinds this package generates (data, not code paths)."""
from __future__ import annotations

from dataclasses import dataclass

from tdkt_xl.model import vocab as V
from tdkt_xl.vocabulary.findings import JOB_DECISION, JOB_MINUTES, JOB_NOTICE


@dataclass(frozen=True)
class Kind:
    key: str            # identifier used in code and on the command line
    doc_kind: str       # 'Loại văn bản' in the Văn bản sheet
    template: str       # file in templates/
    type_code: str      # ký hiệu loại văn bản (NĐ 30, Phụ lục III)
    per_unit: bool
    job: str            # validation job that may block it
    file_name: str      # output file name ({code} for per-unit documents)
    label: str          # Vietnamese, for messages
    by_delegation: bool = False   # issued by the Đoàn kiểm tra (…/BB-ĐKT)


DECISION = Kind("decision", V.DOC_DECISION, "quyet_dinh_thanh_lap_doan.docx", "QĐ", False,
                JOB_DECISION, "QD_thanh_lap_doan.docx", "quyết định thành lập Đoàn kiểm tra")
NOTICE_ALL = Kind("notice_all", V.DOC_NOTICE_ALL, "thong_bao_tong_hop.docx", "TB", False,
                  JOB_NOTICE, "TB_tong_hop.docx", "thông báo lịch kiểm tra (tổng hợp)")
NOTICE = Kind("notice", V.DOC_NOTICE, "thong_bao_lich_kiem_tra.docx", "TB", True,
              JOB_NOTICE, "TB_{code}.docx", "thông báo lịch kiểm tra")
MINUTES = Kind("minutes", V.DOC_MINUTES, "bien_ban_kiem_tra.docx", "BB", True,
               JOB_MINUTES, "BB_{code}.docx", "biên bản kiểm tra", by_delegation=True)

KINDS = {k.key: k for k in (DECISION, NOTICE_ALL, NOTICE, MINUTES)}
ALL = tuple(KINDS)
