"""Working days in Vietnam's civil service: Monday–Friday, minus public
holidays (python-holidays, country VN, which knows the swapped days), plus
the làm-bù Saturdays, plus any local days off the clerk lists in Cấu hình.

python-holidays is the source.  Its answers for 2020–2040 are recorded in
``vn_holidays`` (built by ``python -m tdkt_xl.builder.holiday_table``) and
read from there while the installed python-holidays is the version they were
recorded from: importing the library costs a click more than its job."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache


MAX_LEAD_DAYS = 366     # a lead time beyond a year is a typo, not a rule


def valid_lead(n) -> bool:
    return isinstance(n, int) and 0 <= n <= MAX_LEAD_DAYS


def _holidays_version():
    """The installed python-holidays' version, without importing it; None
    when it cannot be told for sure."""
    from .installed import dist_version
    return dist_version("holidays")


class _Table:
    """python-holidays' answers as recorded in ``vn_holidays`` (same questions:
    ``get`` a holiday's name, ``is_working_day``)."""

    def __init__(self, data):
        self.first, self.last = data.FIRST_YEAR, data.LAST_YEAR
        self.weekend = frozenset(data.WEEKEND)
        self.names = {dt.date.fromisoformat(k): v for k, v in data.HOLIDAYS.items()}
        self.workdays = frozenset(dt.date.fromisoformat(k) for k in data.WEEKEND_WORKDAYS)

    def covers(self, years) -> bool:
        return self.first <= min(years) and max(years) <= self.last

    def get(self, d: dt.date):
        return self.names.get(d)

    def is_working_day(self, d: dt.date) -> bool:
        if d.weekday() in self.weekend:
            return d in self.workdays
        return d not in self.names


@lru_cache(maxsize=1)
def _table():
    """The recorded table, when it was recorded from the installed python-holidays."""
    from tdkt_xl.model import vn_holidays
    return _Table(vn_holidays) if _holidays_version() == vn_holidays.HOLIDAYS_VERSION else None


def _vietnam():
    """python-holidays' Vietnam class, without its 250 other countries.

    ``holidays.country_holidays("VN")`` and ``import holidays.countries.vietnam``
    both run ``holidays/countries/__init__.py``, which imports every country
    module (0.1-0.2 s per click).  Here the package is stood in for by an empty
    one with the same path while ``vietnam`` alone is imported, then taken
    away again, so a later ``import holidays.countries`` works as usual."""
    import importlib
    import importlib.util
    import sys
    import types
    import holidays
    name = "holidays.countries"
    if name in sys.modules:
        return importlib.import_module(name + ".vietnam").Vietnam
    spec = importlib.util.find_spec(name)
    stub = types.ModuleType(name)
    stub.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = stub
    try:
        return importlib.import_module(name + ".vietnam").Vietnam
    finally:
        if sys.modules.get(name) is stub:
            del sys.modules[name]
        if getattr(holidays, "countries", None) is stub:
            delattr(holidays, "countries")


@lru_cache(maxsize=32)
def _vn(years: tuple):
    try:
        vietnam = _vietnam()
    except Exception:   # another python-holidays layout: the documented way
        import holidays
        return holidays.country_holidays("VN", years=list(years), language="vi")
    return vietnam(years=list(years), language="vi")


class WorkCalendar:
    def __init__(self, extra_holidays=(), years=None, working_days: bool = False):
        self.extra = set(extra_holidays or ())
        self.working_days = working_days
        self._years = tuple(sorted(set(years or ())))

    def _cal(self, d: dt.date):
        years = set(self._years) | {d.year - 1, d.year, d.year + 1}
        table = _table()
        if table is not None and table.covers(years):
            return table
        return _vn(tuple(sorted(years)))

    def holiday_name(self, d: dt.date) -> str | None:
        if d in self.extra:
            return "Ngày nghỉ của địa phương"
        return self._cal(d).get(d)

    def previous_working_day(self, d: dt.date) -> dt.date:
        """``d`` itself when the office is open that day, else the last
        working day before it (a làm-bù Saturday counts as working)."""
        for _ in range(MAX_LEAD_DAYS):
            if self.is_working_day(d):
                return d
            d -= dt.timedelta(days=1)
        return d

    def is_working_day(self, d: dt.date) -> bool:
        if d in self.extra:
            return False
        return self._cal(d).is_working_day(d)

    def days_before(self, d: dt.date, n: int) -> dt.date:
        """The date n days before d, counting calendar or working days
        (n within 0..MAX_LEAD_DAYS, else ValueError)."""
        if not valid_lead(n):
            raise ValueError(f"lead time {n} out of range")
        if not self.working_days:
            return d - dt.timedelta(days=n)
        cur, left = d, n
        while left > 0:
            cur -= dt.timedelta(days=1)
            if self.is_working_day(cur):
                left -= 1
        return cur

    def due_date(self, d: dt.date, n: int) -> dt.date:
        """A deadline ``n`` days before ``d``: nobody sets a deadline on a
        day the office is closed, so one that falls on a non-working day moves
        to the previous working day."""
        return self.previous_working_day(self.days_before(d, n))

    @classmethod
    def for_settings(cls, settings) -> "WorkCalendar":
        years = [y for y in (settings.year,) if y]
        return cls(settings.extra_holidays, years, settings.working_days)


def report_due(settings, date) -> dt.date | None:
    """THE due date of a unit's written report (Hạn nộp báo cáo): the
    inspection date minus the lead time of Cấu hình, moved back to a working
    day.  The reader, the builder's cached cell value, the rules and every
    document use this one function.  None when it cannot be computed."""
    if not isinstance(date, dt.date) or not valid_lead(settings.report_lead_days):
        return None
    try:
        return WorkCalendar.for_settings(settings).due_date(date, settings.report_lead_days)
    except OverflowError:                  # a date near year 1
        return None
