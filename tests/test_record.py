"""The record, to the word (issue 23): each error the audit of December 2026 found is put back into a copy of
the data, and the data check (`make validate`: `python -m troops_debate validate`) must stop on it, naming the
file, the line and the problem. Then the same kinds of error in rows no audit looked at."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import clear_loader_caches
from troops_debate.data import load as tdio
from troops_debate.data.coding import coding_problems
from troops_debate.paths import ROOT


def edit(path: Path, key: str, changes: dict[str, dict[str, str]]) -> dict[str, int]:
    """Change cells of rows by their key; return each changed row's line number."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    lines = {}
    for number, row in enumerate(rows[1:], start=2):
        if row[0] in changes:
            for column, value in changes[row[0]].items():
                row[rows[0].index(column)] = value
            lines[row[0]] = number
    assert set(lines) == set(changes), f"no rows {set(changes) - set(lines)} in {path.name}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return lines


def cell(path: Path, key: str, column: str) -> str:
    return next(r[column] for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))) if r[next(iter(r))] == key)


def edit_entry(path: Path, key: str, row_id: str, column: str, index: int, value: str) -> int:
    """Change one entry of a '|'-separated cell; return the row's line number."""
    entries = cell(path, row_id, column).split("|")
    entries[index] = value
    return edit(path, key, {row_id: {column: "|".join(entries)}})[row_id]


def problems() -> list:
    clear_loader_caches()
    found = tdio.validate_all()
    return found or coding_problems()


def assert_named(found, file: str, line: int, column: str, *words: str) -> None:
    hits = [p for p in found if p.file.endswith(file) and p.line == line and p.column == column]
    assert hits, f"nothing reported for {file}, line {line}, column {column!r}; got:\n" + "\n".join(map(str, found))
    text = str(hits[0])
    assert f"{file}, line {line}, column '{column}'" in text, text
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


# ---------------------------------------------------------------- the rows the audit found wrong, put back


def test_a_quote_from_a_repost_that_misquotes_the_speaker_is_stopped(data):
    """s015: 'security guarantees for Ukraine', as the repost had it; the op-ed reads 'to Ukraine'."""
    quote = cell(data / "stances.csv", "s015", "quote").replace("to Ukraine", "for Ukraine")
    line = edit(data / "stances.csv", "stance_id", {"s015": {"quote": quote}})["s015"]
    assert_named(problems(), "stances.csv", line, "quote", "not in any stored excerpt", "for Ukraine")


def test_an_unmarked_translation_is_stopped(data):
    """s027: DutchNews.nl's English rendering of Schoof's Dutch, cited as his words with nothing to say so."""
    line = edit(data / "stances.csv", "stance_id", {"s027": {
        "quote": "I think we need to look at it seriously and graciously",
        "source_url": "https://dutchnews.nl/2025/02/dutch-pm-says-nl-may-join-ukraine-peacekeeping-effort",
        "source_outlet": "DutchNews.nl", "translated_by": "", "translation": ""}})["s027"]
    found = problems()
    assert_named(found, "stances.csv", line, "translated_by", "English translation of the speaker's Dutch", "whose")


def test_a_small_outlet_graded_as_a_wire_or_major_outlet_is_stopped(data):
    """s027 and the grades: a small outlet relaying a report is graded as what it is (outlets.csv)."""
    line = edit(data / "stances.csv", "stance_id", {"s027": {"source_grade": "wire_or_major"}})["s027"]
    assert_named(problems(), "stances.csv", line, "source_grade", "'NH Nieuws' is a minor outlet", "'other'")


def test_a_holder_that_does_not_follow_the_speakers_office_is_stopped(data):
    """s016: Starmer's remarks, holder 'government', though the speaker is the Prime Minister."""
    line = edit(data / "stances.csv", "stance_id", {"s016": {"holder": "government"}})["s016"]
    assert_named(problems(), "stances.csv", line, "holder", "'Prime Minister'", "'head_of_government'")


def test_a_note_that_argues_for_another_label_is_stopped(data):
    """s035: coded willing, runner-up open; the note said 'open … willing is the runner-up'."""
    note = ("General readiness, not an own-troop pledge: open. Research lead (Daily Sabah) not found; only a repost "
            "citing it. willing is the runner-up.")
    line = edit(data / "stances.csv", "stance_id", {"s035": {"note": note}})["s035"]
    assert_named(problems(), "stances.csv", line, "note", "'willing is the runner-up'", "'open'")


def test_not_planning_coded_as_ruling_out_is_stopped(data):
    """s002: 'At the moment we're not planning such activities' coded own troops 'no' (rules out)."""
    line = edit(data / "stances.csv", "stance_id", {"s002": {"own_troops": "no"}})["s002"]
    assert_named(problems(), "stances.csv", line, "own_troops", "'no_plan'")


def test_a_resolution_that_keeps_one_label_without_the_other_as_runner_up_is_stopped(data):
    """s020: the second coder said willing, the resolution kept open, and the runner-up was left empty."""
    note = cell(data / "stances.csv", "s020", "note").replace("willing, for the offer of German forces, is the "
                                                              "runner-up", "the offer of German forces is noted")
    line = edit(data / "stances.csv", "stance_id", {"s020": {"stance_runner_up": "", "note": note}})["s020"]
    assert_named(problems(), "stances.csv", line, "stance_runner_up", "r03", "'willing'")


def test_a_page_date_left_empty_though_the_page_shows_one_is_stopped(data):
    """Interfax-Ukraine's page for Stubb (s030) shows 26 March 2025; the row had no date."""
    line = edit(data / "stances.csv", "stance_id", {"s030": {"source_date": ""}})["s030"]
    assert_named(problems(), "stances.csv", line, "source_date", "2025-03-26")


def test_a_red_line_page_date_left_empty_is_stopped(data):
    """TASS 1550947 (rl07) shows 15 December 2022; the row's date for it was empty."""
    line = edit_entry(data / "red_lines.csv", "event_id", "rl07", "source_dates", 0, "")
    assert_named(problems(), "red_lines.csv", line, "source_dates", "2022-12-15")


# ---------------------------------------------------------------- the same kinds of error, elsewhere


def test_the_speakers_own_words_must_stand_in_their_page_in_the_speakers_language(data):
    original = cell(data / "stances.csv", "s038", "original_quote")
    line = edit(data / "stances.csv", "stance_id", {"s038": {"original_quote": original[:-5] + "целей"}})["s038"]
    assert_named(problems(), "stances.csv", line, "original_quote", "not in any stored excerpt")


def test_a_quote_in_another_language_than_english_needs_an_english_translation(data):
    line = edit(data / "stances.csv", "stance_id", {"s024": {"translation": "", "translated_by": ""}})["s024"]
    assert_named(problems(), "stances.csv", line, "translation", "Italian", "English translation")


def test_a_translation_credited_to_an_outlet_must_stand_in_its_stored_page(data):
    line = edit(data / "stances.csv", "stance_id", {"s026": {"translation": "no Italian boots on the ground"}})["s026"]
    assert_named(problems(), "stances.csv", line, "translation", "not in any stored English excerpt")


def test_a_red_line_warning_must_stand_in_the_page_it_names(data):
    line = edit(data / "red_lines.csv", "event_id", {"rl10": {
        "warning_quote": "Russia is extremely negative about the supply of Storm Shadow missiles"}})["rl10"]
    assert_named(problems(), "red_lines.csv", line, "warning_quote", "not in any stored excerpt")


def test_a_red_line_source_from_an_outlet_not_in_the_registry_is_stopped(data):
    line = edit_entry(data / "red_lines.csv", "event_id", "rl05", "source_outlets", 1, "Some Blog")
    assert_named(problems(), "red_lines.csv", line, "source_outlets", "entry 2", "'Some Blog'", "outlets.csv")


def test_unnamed_officials_hold_as_their_government(data):
    line = edit(data / "stances.csv", "stance_id", {"s011": {"holder": "official"}})["s011"]
    assert_named(problems(), "stances.csv", line, "holder", "unnamed officials", "'government'")


def test_make_validate_stops_and_names_the_row(tmp_path):
    """The command the build runs first, on a copy with one error put back: it exits 1 and names file and line."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    line = edit(copy / "stances.csv", "stance_id", {"s016": {"holder": "government"}})["s016"]
    result = subprocess.run([sys.executable, "-m", "troops_debate", "validate"], capture_output=True, text=True,
                            env={**os.environ, "TROOPS_DEBATE_DATA": str(copy)}, cwd=ROOT, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"stances.csv, line {line}, column 'holder'" in result.stderr, result.stderr


def test_the_record_as_it_stands_passes(data):
    assert not problems()
