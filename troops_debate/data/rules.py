"""The project's own rules, beyond what a Table Schema can say: real calendar dates and their
precision, safe addresses, '|'-separated lists, fields required on a condition, dates in order,
sources graded 'other' explained. Each rule yields (column, message) pairs for a row."""
from __future__ import annotations

import re
from typing import Callable, Iterable
from urllib.parse import urlsplit

from . import dates
from .codebooks import HOLDER_OFFICES, OTHER_GRADE_MARK, OWN_TROOPS, QUESTIONS, STANCES
from .schema import SEPARATOR, Column, RowCheck


def url_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (a malformed host or port raises here)
    except ValueError:
        return f"expected an http(s) address, got {value!r}"
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
        return f"expected an http(s) address, got {value!r}"
    if any(ch in value for ch in "<>\"'`{}\\"):
        return f"the address contains a character that is not allowed in a link: {value!r}"
    return None


def cell_problem(col: Column, value: str, row: dict) -> str | None:
    """What the project's rules find wrong with one non-empty cell of its kind, or None."""
    if col.kind == "list":
        bad = [v for v in value.split(SEPARATOR) if v not in col.allowed]
        if bad:
            return f"expected '|'-separated values from {', '.join(col.allowed)}; got {', '.join(map(repr, bad))}"
    elif col.kind == "date":
        found = dates.problem(value)
        if found:
            return found
        precision = dates.precision_of(value)
        if col.precision and row.get(col.precision) in dates.FORMS and row[col.precision] != precision:
            return (f"the date {value!r} has {precision} precision but column "
                    f"'{col.precision}' says {row[col.precision]!r}")
    elif col.kind == "dates":  # one per address; an empty entry is an unknown date
        for number, part in enumerate(value.split(SEPARATOR), start=1):
            found = dates.problem(part) if part else None
            if found:
                return f"entry {number}: {found}"
    elif col.kind in ("url", "urls"):
        for url in value.split(SEPARATOR):
            found = url_problem(url)
            if found:
                return found
    return None


def requires_if(column: str, condition: Callable[[dict], bool], why: str) -> RowCheck:
    def check(row: dict):
        if condition(row) and not row[column]:
            yield column, f"a value is required when {why}"
    return check


def not_both(first: str, second: str) -> RowCheck:
    def check(row: dict):
        if row[first] and row[second]:
            yield second, f"expected either {first} or {second}, not both"
    return check


def differs_from(column: str, other: str) -> RowCheck:
    def check(row: dict):
        if row[column] and row[column] == row[other]:
            yield column, f"the {column} label must differ from the {other} ({row[other]!r})"
    return check


def starts_with(column: str, prefix_column: str) -> RowCheck:
    def check(row: dict):
        if row[prefix_column] and not row[column].startswith(row[prefix_column] + "-"):
            yield column, f"expected the {column} to start with the {prefix_column} {row[prefix_column]!r}"
    return check


def same_length_lists(*columns: str) -> RowCheck:
    def check(row: dict):
        lengths = {c: len(row[c].split(SEPARATOR)) for c in columns if row[c]}
        if len(set(lengths.values())) > 1:
            yield columns[-1], ("expected as many '|'-separated entries as in "
                                + ", ".join(f"'{c}' ({n})" for c, n in lengths.items()))
    return check


def as_many_as(column: str, of: str) -> RowCheck:
    """`column` has one '|'-separated entry (possibly empty) per entry of `of`."""
    def check(row: dict):
        want, got = len(row[of].split(SEPARATOR)), len(row[column].split(SEPARATOR))
        if row[of] and got != want:
            yield column, f"expected {want} '|'-separated entries, one per address in '{of}' (empty = unknown), got {got}"
    return check


def _bounds(first: str, second: str) -> tuple | None:
    try:
        return dates.period(first)[0], dates.period(second)[1]
    except (ValueError, TypeError, AttributeError):
        return None


def date_not_after(first: str, second: str, unless: str) -> RowCheck:
    def check(row: dict):
        bounds = _bounds(row[first], row[second]) if row[first] and row[second] else None
        if bounds and bounds[0] > bounds[1] and not row[unless]:
            yield unless, (f"'{first}' ({row[first]}) is after '{second}' ({row[second]}); "
                           f"explain why in '{unless}'")
    return check


def page_not_before_statement(row: dict) -> Iterable[tuple[str, str]]:
    """A page cannot be published before the statement it reports."""
    bounds = _bounds(row["date"], row["source_date"]) if row["source_date"] and row["date"] else None
    if bounds and bounds[1] < bounds[0]:
        yield "source_date", (f"the page ({row['source_date']}) cannot be older than the statement it reports "
                              f"({row['date']})")


def explained_if_other(grade_column: str) -> RowCheck:
    """A source graded `other` is used only with a note saying why nothing better was found."""
    def check(row: dict):
        if "other" in row[grade_column].split(SEPARATOR) and OTHER_GRADE_MARK.lower() not in row["note"].lower():
            yield "note", (f"'{grade_column}' grades a source 'other': say in the note why nothing better was "
                           f"found, in a sentence starting '{OTHER_GRADE_MARK}'")
    return check


def holder_follows_office(row: dict) -> Iterable[tuple[str, str]]:
    """The holder is the one the speaker's office defines (codebooks.HOLDER_OFFICES): 'Keir Starmer, Prime
    Minister (…)' is a head of government. A speaker without an office after the name is not checked."""
    name, _, office = row["speaker"].partition(",")
    office = office.split("(")[0].strip()
    titles = sorted((t for t in HOLDER_OFFICES if office == t or office.startswith(t + " ")), key=len)
    if titles and row["holder"] and row["holder"] != HOLDER_OFFICES[titles[-1]]:
        yield "holder", (f"the speaker's office {titles[-1]!r} makes the holder {HOLDER_OFFICES[titles[-1]]!r} "
                         f"(codebook), got {row['holder']!r}")
    if "(unnamed)" in row["speaker"] and row["holder"] not in ("government", "institution", ""):
        yield "holder", (f"unnamed officials speak for their government: the holder is 'government' (codebook), "
                         f"got {row['holder']!r}")


# How a note names a label. Each pattern's group is a code; the column it must agree with is given. A note
# may say more than these, but where it says one of them, the columns must agree with it.
_STANCE, _OWN, _QUESTION = ("(" + "|".join(book.codes) + ")" for book in (STANCES, OWN_TROOPS, QUESTIONS))
NOTE_LABELS: tuple[tuple[str, str], ...] = (
    (rf"\b{_STANCE} is (?:now )?the runner-up\b", "stance_runner_up"),
    (rf"\bRunner-up: {_STANCE}\b", "stance_runner_up"),
    (rf"\bkeeps {_STANCE} as the runner-up\b", "stance_runner_up"),
    (rf"\bCoded {_STANCE}\b", "stance"),
    (rf"\bstays {_STANCE}\b", "stance"),
    (rf"\b[Rr]ecoded from {_STANCE} to {_STANCE}\b", "stance"),
    (rf"\bSecond coding: stance {_STANCE} -> {_STANCE} on resolution\b", "stance"),
    (rf"\bSecond coding: own_troops {_OWN} -> {_OWN} on resolution\b", "own_troops"),
    (rf"\bSecond coding: question {_QUESTION} -> {_QUESTION} on resolution\b", "question"),
    (rf"\bown_troops {_OWN}\b(?! ->)", "own_troops"),
)
_NOT_STANCE = re.compile(rf"\bnot {_STANCE}\b")


def labels_in_note_agree(row: dict) -> Iterable[tuple[str, str]]:
    """A note does not name a label that its own row contradicts: where it says 'Coded open', 'willing is
    the runner-up', 'recoded from open to pushing', 'Second coding: stance open -> willing on resolution' or
    'own_troops no', the column says the same (the last label named, for a change); where it says 'not
    opposed', the stance is not 'opposed'."""
    note = row.get("note") or ""
    for pattern, column in NOTE_LABELS:
        for match in re.finditer(pattern, note):
            said = match.groups()[-1]
            if row[column] != said:
                yield "note", f"the note says {match.group(0)!r}, but {column} is {row[column] or 'empty'!r}"
    for match in _NOT_STANCE.finditer(note):
        if match.group(1) == row["stance"]:
            yield "note", f"the note says {match.group(0)!r}, but the stance is {row['stance']!r}"


# Words of plan, intention or present feeling, and words of refusal (the own-troops codebook's rule).
PLAN_WORDS = ("not planning", "do not plan", "don't plan", "no plans", "not plan to", "cannot imagine",
              "can't imagine", "at the moment")
REFUSAL_WORDS = ("will not", "won't", "rule out", "ruled out", "exclusion", "there will be no", "will be no",
                 "not send", "not take part", "in any of the scenarios", "determination not to",
                 "non manderemo", "indisponibilità", "esclusione")


def own_troops_follow_the_words(row: dict) -> Iterable[tuple[str, str]]:
    """`no` (rules out) needs words of refusal or decision; a quote with words of plan or present feeling and none
    of refusal is `no_plan` (codebook)."""
    words = " ".join(row.get(c) or "" for c in ("quote", "translation")).lower().replace("\u2019", "'")
    if row["own_troops"] == "no" and any(w in words for w in PLAN_WORDS) and not any(w in words for w in REFUSAL_WORDS):
        yield "own_troops", ("the quote gives words of plan or present feeling, not of refusal: the codebook's label "
                             "is 'no_plan' (no plan at present), not 'no' (rules out)")
