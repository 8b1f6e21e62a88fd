"""Every claim about the data is checked (issue 24): a change to the data that a reader would care about, one under
each finding of the opening page at least, makes the pages that state the finding fail, naming the sentence. (That
a change no sentence depends on builds the book is shown by the data edit of tests/test_cache.py.)

Each case edits a copy of the data that still passes validation (checked, as `make book` checks before it executes:
so the page fails on its sentence, not on the data), and executes only the pages it concerns, as the build would."""
from __future__ import annotations

import concurrent.futures
import csv
import io
from pathlib import Path

import pytest

from pages import copy_data, edit, errors_each, sentences, validated


def _premises(data: Path):
    """The article's concession of a need for a force becomes an argument of its own."""
    path = data / "arguments.csv"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("rs2024-c15,5,concession,force_role", "rs2024-c15,5,argument,force_role")
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _timing(data: Path):
    edit(data / "stances.csv", "stance_id", {"s016": {"question": "settlement"}})


def _own_troops(data: Path):
    edit(data / "stances.csv", "stance_id", {"s026": {"own_troops": "conditional"}})


def _russia(data: Path):
    edit(data / "stances.csv", "stance_id", {"s039": {"stance": "opposed"}})


def _attack(data: Path):
    edit(data / "red_lines.csv", "event_id", {"rl07": {"response_category": "attack_on_nato"}})


def _troops_sent(data: Path):
    edit(data / "red_lines.csv", "event_id", {"rl16": {"step_status": "taken", "step_date": "2026-01-10",
                                                      "step_date_precision": "day"}})


def _timing_agreed(data: Path):
    """The second coder agrees with the first on every timing code (and so no resolution is needed)."""
    first = {r["stance_id"]: r["question"] for r in
             csv.DictReader(io.StringIO((data / "coding/stances_coder1.csv").read_text(encoding="utf-8")))}
    edit(data / "coding/stances_coder2.csv", "stance_id", {k: {"question": v} for k, v in first.items()})
    rows = list(csv.reader(io.StringIO((data / "coding/resolutions.csv").read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r for r in rows if r[2] != "question"])
    (data / "coding/resolutions.csv").write_text(out.getvalue(), encoding="utf-8")


def _readme_example(data: Path):
    """The README's worked example: Tusk's words of December 2024 read as a refusal of the force itself."""
    edit(data / "stances.csv", "stance_id", {"s002": {"stance": "opposed"}})


# (what changes, the change, the pages to execute, the page whose sentence must be named, words of that sentence)
CASES = [
    ("finding 1: the Responsible Statecraft article no longer grants the need for a force", _premises,
     ["book/index", "book/articles/rs2024"], "index", "premises"),
    ("finding 2: the UK–France hubs no longer wait for a ceasefire", _timing, ["book/index"], "index",
     "following a ceasefire"),
    ("finding 3: Italy offers its troops on conditions", _own_troops, ["book/index", "book/analysis/stances"],
     "index", "ruled their own out"),
    ("finding 4: Zakharova opposes, rather than threatens, the force", _russia,
     ["book/index", "book/analysis/stances"], "index", "rejects it"),
    ("finding 5: a red line followed by an attack on a NATO state", _attack,
     ["book/index", "book/analysis/red_lines"], "index", "none drew an attack"),
    ("finding 6: the post-ceasefire force deployed", _troops_sent, ["book/index", "book/analysis/red_lines"],
     "index", "not yet taken"),
    ("finding 7: the coders agree on timing", _timing_agreed, ["book/index", "book/analysis/debate"], "index",
     "less on timing"),
    ("the README's example: Poland opposed in December 2024", _readme_example, ["book/analysis/stances"],
     "stances", "Germany and Ukraine moved"),
]


@pytest.fixture(scope="module")
def failures(tmp_path_factory) -> dict[str, dict[str, list[str]]]:
    """For each case, the errors of each of its pages, executed against a copy of the data with the change: one
    kernel per page, for all the cases that concern it, two pages at a time."""
    datas = {}
    for what, change, *_ in CASES:
        datas[what] = copy_data(tmp_path_factory.mktemp("claims") / "data")
        change(datas[what])
        validated(datas[what])
    pages = sorted({p for case in CASES for p in case[2]})
    todo = {page: [what for what, _, wanted, *_ in CASES if page in wanted] for page in pages}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        done = dict(zip(pages, pool.map(lambda page: errors_each(page, [datas[w] for w in todo[page]]), pages)))
    found: dict[str, dict[str, list[str]]] = {what: {} for what, *_ in CASES}
    for page in pages:
        for what, errors in zip(todo[page], done[page]):
            found[what][page] = errors
    return found


@pytest.mark.parametrize("what, pages, page, words", [(c[0], c[2], c[3], c[4]) for c in CASES],
                         ids=[c[0].split(":")[0] for c in CASES])
def test_a_change_that_makes_a_sentence_false_stops_the_page_naming_it(failures, what, pages, page, words):
    found = failures[what]
    named = [s for p in pages for s in sentences(found[p])]
    assert [e for p in pages for e in found[p]], f"{what}: no page failed"
    assert all(e.startswith("AssertionError: ") for p in pages for e in found[p]), \
        f"{what}: a page failed on something other than a sentence:\n" + "\n".join(e for p in pages for e in found[p])
    assert any(s.startswith(f"{page}") and words in s for s in named), \
        f"{what}: no sentence of {page} with {words!r} named; named:\n" + "\n".join(named)
    for p in pages:  # every page that states the finding names it
        assert found[p], f"{what}: {p} did not fail"
