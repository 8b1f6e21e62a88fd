"""Dates as the data writes them (YYYY-MM-DD, YYYY-MM, YYYY, or a window YYYY-MM-DD/YYYY-MM-DD):
the period each covers, its place on a time axis, and how a sentence writes it. One implementation
for the loaders, the charts and the prose."""
from __future__ import annotations

import calendar
import re
from datetime import date

FORMS = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
         "year": re.compile(r"^\d{4}$"),
         # an ISO 8601 interval of two days: a date known only to lie in a window (an article's date)
         "window": re.compile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")}
EARLIEST, LATEST = date(1990, 1, 1), date(2026, 12, 31)


def precision_of(value: str) -> str | None:
    """day, month, year or window; None for anything else."""
    return next((p for p, form in FORMS.items() if form.match(value)), None)


def period(value: str) -> tuple[date, date]:
    """The first and last day of a YYYY-MM-DD, YYYY-MM or YYYY period, or of a window
    YYYY-MM-DD/YYYY-MM-DD. Raises ValueError."""
    if "/" in value:
        first, last = value.split("/")
        start, end = period(first)[0], period(last)[1]
        if len(first) != 10 or len(last) != 10 or end < start:
            raise ValueError(value)
        return start, end
    if not re.fullmatch(r"[0-9]{1,4}(-[0-9]{1,2}){0,2}", value):
        raise ValueError(value)  # also keeps int() off digits it would read ('²') and years it cannot hold
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        start = end = date(*parts)
    elif len(parts) == 2:
        start = date(parts[0], parts[1], 1)
        end = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    elif len(parts) == 1:
        start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
    else:
        raise ValueError(value)
    return start, end


def midpoint(value: str) -> date:
    """Where a date sits on a time axis: a day is its own place; a month sits on the 15th, a
    year on 1 July; a window (YYYY-MM-DD/YYYY-MM-DD) at its middle day."""
    start, end = period(value)
    if start == end:
        return start
    if "/" in value:
        return start + (end - start) // 2
    return start.replace(day=15) if start.month == end.month else date(start.year, 7, 1)


def problem(value: str) -> str | None:
    """What is wrong with a date as the data writes it, or None."""
    if precision_of(value) is None:
        return f"expected a date as YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD, got {value!r}"
    try:
        start, end = period(value)
    except ValueError:
        return f"expected a real calendar date (a window must not end before it starts), got {value!r}"
    if start < EARLIEST or end > LATEST:
        return f"expected a date between {EARLIEST} and {LATEST}, got {value!r}"
    return None


def human(value: str) -> str:
    """'2024-12-07' -> '7 December 2024'; '2024-12' -> 'December 2024'; '2024' -> '2024';
    a window '2026-01-27/2026-02-24' -> '27 January – 24 February 2026'."""
    if "/" in value:
        first, last = (date.fromisoformat(v) for v in value.split("/"))
        if first.year != last.year:
            return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"
        if first.month != last.month:
            return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
        return f"{first.day}–{last.day} {last:%B %Y}"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return f"{d.day} {d:%B %Y}"
    if len(parts) == 2:
        return f"{date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])


def window(first: str, last: str) -> str:
    """A date window as the data writes it: one day when both ends agree."""
    return first if first == last else f"{first}/{last}"
