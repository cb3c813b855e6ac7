"""Which job a finding blocks: the policy, in one place.

A value finding's jobs come from the sheet it is on (with the row's unit, it
blocks only that unit's documents); a catalogue entry may name its own."""
from __future__ import annotations

from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import (JOB_ALL, JOB_DECISION, JOB_FOLLOWUP, JOB_FORMS, JOB_MERGE,
                                         JOB_MINUTES, JOB_NOTICE, JOB_PLAN, JOB_REPORT)

# Jobs a bad or missing value blocks, by the sheet it is on (with the row's
# unit, a value finding blocks only that unit's documents).
_JOBS_OF_SHEET = {
    S.SETTINGS.name: (JOB_ALL,),
    S.UNITS.name: (JOB_NOTICE, JOB_MINUTES, JOB_FORMS),
    S.MEMBERS.name: (JOB_DECISION,),
    S.SCHEDULE.name: (JOB_NOTICE, JOB_MINUTES),
    S.DELEGATION.name: (JOB_DECISION, JOB_MINUTES),
    S.CHECKLIST.name: (JOB_MINUTES, JOB_FORMS, JOB_REPORT),
    S.RESULTS.name: (JOB_MINUTES, JOB_REPORT),
    S.EVALUATIONS.name: (JOB_MINUTES,),
    S.RECOMMENDATIONS.name: (JOB_MINUTES,),
    S.DOCUMENTS.name: (JOB_DECISION, JOB_NOTICE, JOB_MINUTES, JOB_REPORT),
    S.PLAN_TEXT.name: (JOB_PLAN,),
    S.SUCCESSION.name: (JOB_REPORT,),
    S.LEGAL.name: (JOB_DECISION, JOB_PLAN),     # the kinds whose Căn cứ lines the register gives
}


# Jobs a bad or missing value blocks besides its sheet's, by column: the merge
# of the returned appendices files each unit under its code, name, block and
# whether it was selected.
_MORE_JOBS_OF_COLUMN = {(S.UNITS.name, f): (JOB_MERGE,) for f in ("code", "name", "block", "selected")}


# Jobs that cannot be done when a sheet the reader may do without (an old copy
# of the workbook) is missing: without 'Kết quả kiểm tra' a report would say
# every unit passed, without 'Kiến nghị' that nothing is left to remedy.
_JOBS_NEEDING_SHEET = {
    S.RESULTS.name: (JOB_MINUTES, JOB_REPORT),
    S.EVALUATIONS.name: (JOB_MINUTES, JOB_REPORT),
    S.RECOMMENDATIONS.name: (JOB_MINUTES, JOB_REPORT, JOB_FOLLOWUP),
    S.DOCUMENTS.name: (JOB_DECISION, JOB_NOTICE, JOB_MINUTES, JOB_REPORT, JOB_FOLLOWUP, JOB_PLAN),
    S.PLAN_TEXT.name: (JOB_PLAN,),
}


def jobs_needing_sheet(sheet_name: str) -> tuple:
    """The jobs a missing (deleted or renamed) sheet stops; () when none needs it."""
    return _JOBS_NEEDING_SHEET.get(sheet_name, ())


def jobs_of_sheet(sheet_name: str) -> tuple:
    return _JOBS_OF_SHEET.get(sheet_name, ())


def jobs_of_cell(sheet_name: str, field: str) -> tuple:
    """The jobs a bad or missing value of column ``field`` of the sheet blocks."""
    return jobs_of_sheet(sheet_name) + _MORE_JOBS_OF_COLUMN.get((sheet_name, field), ())
