"""A person's role in the delegation: one rule, computed here once and used
by the decision, every notice, the combined notice, every minutes, the
validator and check-round.

The Thành phần đoàn sheet says who goes where and with which task.  The
decision names each person once, with their highest task; a deputy head
(Phó Trưởng đoàn) is a deputy in every inspection they attend (unless they
lead it), so the notice and minutes of any unit call them what the decision
calls them.  A head (Trưởng đoàn) leads only the inspections the sheet says:
the decision gives that role with its scope (a block or the units).
"""
from __future__ import annotations

from tdkt_xl.model.vocab import TASK_DEPUTY, TASK_HEAD, TASK_RANK

_LAST = len(TASK_RANK)


def rank(task: str) -> int:
    return TASK_RANK.get(task, _LAST)


class RoleBook:
    """The rule applied to a whole round in one pass over the delegation."""

    def __init__(self, rnd):
        self.decision: dict = {}              # name -> highest task (the decision's)
        self.attended: dict = {}              # name -> unit codes, sheet order
        for d in rnd.delegation:
            if not d.member_name:
                continue
            self.attended.setdefault(d.member_name, []).append(d.unit_code)
            if d.task and rank(d.task) < rank(self.decision.get(d.member_name, "")):
                self.decision[d.member_name] = d.task
        self.held: dict = {}                  # task -> name -> unit codes (after the rule)
        for d in rnd.delegation:
            if d.member_name:
                task = self.task_in(d.member_name, d.task)
                self.held.setdefault(task, {}).setdefault(d.member_name, []).append(d.unit_code)

    def decision_task(self, name: str) -> str:
        return self.decision.get(name, "")

    def task_in(self, name: str, recorded: str) -> str:
        """The person's task in one inspection whose row records ``recorded``:
        the decision's Phó Trưởng đoàn stays Phó Trưởng đoàn wherever they do
        not lead; every other task is the one the sheet records."""
        if recorded != TASK_HEAD and self.decision.get(name) == TASK_DEPUTY:
            return TASK_DEPUTY
        return recorded

    def units_holding(self, name: str, task: str) -> list:
        return self.held.get(task, {}).get(name, [])

    def units_with(self, task: str) -> set:
        return {c for codes in self.held.get(task, {}).values() for c in codes}


def task_in(rnd, unit_code: str, name: str, recorded: str) -> str:
    """One-off form of ``RoleBook.task_in`` (a loop should build the book once)."""
    return RoleBook(rnd).task_in(name, recorded)
