"""The red-lines chapter's charts and tables, checked on small frames built here."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from troops_debate.data import codebooks as cb
from troops_debate import red_lines_charts as rc
from troops_debate.data.schemas import RED_LINES


def row(event_id: str, **values) -> dict:
    base = {name: "" for name in RED_LINES.names}
    base.update(event_id=event_id, step=f"Step {event_id}", category="weapons_supply", warning_date="2023-01-10",
                warning_date_precision="day", warned_by="An official", warning_quote="A warning",
                step_status="taken", step_date="2023-02-01", step_date_precision="day",
                step_description="It happened", response="Words only", response_category="rhetorical",
                response_date="2023-02-02", sources="https://example.org/a", source_outlets="Outlet A",
                source_kinds="original", checked="yes")
    base.update(values)
    return base


@pytest.fixture
def record() -> pd.DataFrame:
    return pd.DataFrame([
        row("rl01", warning_date="2022-03-01", step_date="2022-05-01", response_category="nuclear_signalling",
            response="Drills announced"),
        row("rl02", warning_date="2022-06-01", step_date="2022-06-20", response_category="strike_on_systems",
            response="The ministry claimed to have destroyed two launchers"),
        row("rl03", warning_date="2024-02-27", category="troops", step_status="not_taken", step_date="",
            step_date_precision="", response_date="2025-01-05", response="Statements"),
        row("rl04", warning_date="2023-07-16", step_date="2023-07-07", category="weapons_use",
            order_note="The warning followed the step"),
    ])


def test_key_numbers_count_the_record(record):
    k = rc.key_numbers(record)
    assert (k["n_red_lines"], k["n_taken"], k["n_not_taken"]) == (4, 3, 1)
    assert k["n_rhetorical"] == 2 and k["n_nuclear_signalling"] == 1 and k["n_attack_on_nato"] == 0
    assert k["n_claimed"] == 1  # the strike row says "claimed"
    assert k["first_warning"] == "1 March 2022" and k["last_warning"] == "27 February 2024"
    assert k["record_end"] == "5 January 2025"  # latest date anywhere in the rows
    assert k["n_step_first"] == 1  # rl04: step on 7 July, warning on 16 July


def test_a_step_known_to_the_month_only_comes_first_only_if_the_whole_month_does(record):
    # warning on 24 February, step "February": the step may have come after the warning
    record.loc[0, ["warning_date", "step_date", "step_date_precision"]] = ["2022-02-24", "2022-02", "month"]
    assert rc.key_numbers(record)["n_step_first"] == 1
    record.loc[0, "step_date"] = "2022-01"
    assert rc.key_numbers(record)["n_step_first"] == 2


def test_counts_are_written_as_a_reader_would():
    assert [rc.number(n) for n in (0, 1, 4, 9, 12, 13, 17)] == ["none", "one", "four", "nine", "twelve", "13", "17"]
    assert rc.counted(0, "warning") == "no warnings" and rc.counted(1, "warning") == "one warning"
    assert rc.share(16, 16) == "all 16" and rc.share(0, 16) == "none of the 16"
    assert rc.share(1, 16) == "one of 16" and rc.share(7, 34) == "7 of 34"
    assert rc.share(3, 4) == "three of four" and rc.share(7, 8) == "seven of eight"
    assert [rc.share(n, 2) for n in (0, 1, 2)] == ["neither", "one of the two", "both"]
    assert rc.share(1, 1) == "the only one"
    for n, total in ((5, 5), (12, 12), (3, 3)):
        assert not re.search(r"\b(\w+) of (the )?\1\b", rc.share(n, total))  # never "N of the N"
    assert rc.join(["a"]) == "a" and rc.join(["a", "b", "c"]) == "a, b and c"


def test_strongest_response_follows_the_codebook_scale(record):
    assert rc.strongest_response(record).code == "strike_on_systems"
    only_words = record.assign(response_category="rhetorical")
    assert rc.strongest_response(only_words).code == "rhetorical"


def test_title_and_description_state_the_computed_finding(record):
    figure = rc.timeline_chart(record)
    title = rc.timeline_title(record)
    assert title == "The step was taken in three of four cases; no warning was followed by an attack on a NATO state"
    assert "Timeline of 4 red lines" in figure.description
    assert "Step rl03: warning 27 February 2024, step Not taken, response Rhetorical" in figure.description
    # the title shown in the chart carries the same words, wrapped for phone and desktop
    spec = figure.spec()
    assert "three of four cases" in spec["title"]["text"]["expr"]
    record.loc[1, "response_category"] = "attack_on_nato"
    assert rc.timeline_title(record).endswith("; one warning was followed by an attack on a NATO state")


ARTICLES = pd.DataFrame([
    {"article_id": "late", "date_earliest": "2026-01-27", "date_latest": "2026-02-24"},
    {"article_id": "early", "date_earliest": "2024-12-12", "date_latest": "2025-01-19"},
])


def test_articles_are_drawn_as_their_date_windows(record):
    windows = rc.article_windows(ARTICLES)
    assert list(windows["article"]) == ["early", "late"]
    # the band runs to the end of the last possible day
    assert list(windows.iloc[1][["start", "end"]]) == ["2026-01-27", "2026-02-25"]
    assert windows.iloc[1]["t_window"] == "27 January – 24 February 2026 (inferred)"
    figure = rc.timeline_chart(record, ARTICLES)
    spec = figure.spec()
    bands = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "rect"
             and "field" in layer.get("encoding", {}).get("x2", {})]
    assert len(bands) == 1 and bands[0]["encoding"]["x2"]["field"] == "end"
    assert not [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "rule"
                and layer["encoding"].get("x", {}).get("field") == "day"]  # no single day per article
    assert "late, 27 January – 24 February 2026 (inferred)" in figure.description


def test_timeline_rows_are_ordered_by_warning_and_open_steps_run_to_the_end(record):
    spec = rc.timeline_chart(record).spec()
    values = next(iter(spec["datasets"].values()))
    assert [v["id"] for v in values] == ["rl01", "rl02", "rl04", "rl03"]
    open_row = next(v for v in values if v["id"] == "rl03")
    assert open_row["mark"] == "2024-02-27" and open_row["end"] == "2025-01-05"
    assert open_row["said"] == "Rhetorical \u00b7 not taken"
    back = next(v for v in values if v["id"] == "rl04")  # step before warning: the line runs back
    assert (back["start"], back["end"]) == ("2023-07-07", "2023-07-16")


def test_timeline_colours_and_shapes_come_from_the_codebook(record):
    spec = rc.timeline_chart(record).spec()
    encodings = [layer["encoding"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    colour, shape = encodings[0]["color"]["scale"], encodings[0]["shape"]["scale"]
    present = [lab for lab in cb.RESPONSES if lab.code in {"rhetorical", "nuclear_signalling", "strike_on_systems"}]
    assert colour["domain"] == [lab.name for lab in present]  # codebook order, only the responses present
    assert colour["range"] == [lab.colour for lab in present]
    assert shape["range"] == [lab.shape for lab in present]


def test_spec_is_deterministic(record):
    first = json.dumps(rc.timeline_chart(record).spec(), sort_keys=True)
    second = json.dumps(rc.timeline_chart(record.copy()).spec(), sort_keys=True)
    assert first == second
    assert rc.category_table(record).html == rc.category_table(record.copy()).html


def test_category_summary_counts_each_subject_and_all(record):
    summary = rc.category_summary(record).set_index("category")
    assert list(summary.index) == ["Weapons supply", "Use inside Russia", "Western troops", "All"]  # codebook order
    assert summary.loc["Weapons supply", ["warnings", "taken", "nuclear_signalling", "strike_on_systems"]].tolist() \
        == [2, 2, 1, 1]
    assert summary.loc["Western troops", ["warnings", "taken", "rhetorical"]].tolist() == [1, 0, 1]
    assert summary.loc["All", ["warnings", "taken", "rhetorical", "attack_on_nato"]].tolist() == [4, 3, 2, 0]


def test_category_table_lists_the_responses_strongest_first(record):
    out = rc.category_table(record)
    assert "the step was taken in three of four cases, and an attack on a NATO state followed none of the four" \
        in out.html
    supply = out.html.split("<td>Weapons supply</td>")[1].split("</tr>")[0]
    assert supply.index("Strike on the systems") < supply.index("Nuclear signalling")
    assert "(Russian claims)" in supply
    assert "Rhetorical" not in supply  # only the responses that occurred
    assert "red_lines.csv" in out.html


def test_prose_values_glue_sentences_that_stay_true(record):
    values = rc.prose_values(record, ["weapons_supply", "weapons_use"])
    assert values["taken"] == "three of four" and values["not_taken"] == "one"
    assert values["named_n"] == "three" and values["named_taken"] == "all three"
    assert values["named_attack"] == "none of the three" and values["named_not_taken_steps"] == "none"
    assert values["troops_n"] == "one" and values["troops_taken"] == "none"  # one troops row, step not taken
    assert values["strikes"] == "The one strike on the delivered systems is a Russian claim of battlefield destruction."
    record.loc[2, "response_category"] = "strike_on_systems"
    record.loc[2, "response"] = "Tanks claimed destroyed"
    assert rc.strikes_sentence(record) == "Both strikes on the delivered systems are Russian claims of battlefield destruction."
    record.loc[2, "response"] = "Tanks destroyed, confirmed"
    assert rc.strikes_sentence(record).startswith("Of the two strikes on the delivered systems, one is a Russian claim")


def test_warnings_and_responses_in_words(record):
    record.loc[2, ["warned_by", "warning_quote", "response_category"]] = [
        "Dmitry Peskov, Kremlin spokesman", 'it will cross the "red line"', "rhetorical"]
    assert rc.warnings_text(record, ["troops"]) == \
        "from Dmitry Peskov on 27 February 2024 (\u201cit will cross the \u2018red line\u2019\u201d)"
    assert rc.responses_text(record, ["troops"]) == "words alone (5 January 2025)"
    assert rc.steps_text(record, ["weapons_supply"]) == (
        "Step rl01 (taken; nuclear signalling) and Step rl02 (taken; strike on the systems)")
    from datetime import date
    first, last = date(2026, 1, 27), date(2026, 2, 24)
    assert [rc.relation(d, first, last) for d in (date(2026, 1, 8), date(2026, 2, 1), date(2026, 3, 1))] == [
        "before", "within", "after"]


def test_data_text_is_escaped_in_figures_and_cells(record):
    evil = "<script>alert(1)</script>"
    record.loc[0, "step"] = evil
    record.loc[0, "source_outlets"] = evil
    html = rc.timeline_chart(record).html()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    cell = rc.sources_cell(record.loc[0, "sources"], record.loc[0])
    assert "<script>" not in cell and "&lt;script&gt;" in cell
    assert "<script>" not in rc.red_line_cell(record.loc[0, "event_id"], record.loc[0]) + rc.sources_notes_cell(record.loc[0, "sources"], record.loc[0])


def test_only_http_sources_become_links(record):
    record.loc[1, "sources"] = "javascript:alert(1)|https://example.org/b"
    record.loc[1, "source_outlets"] = "Bad|Good"
    record.loc[1, "source_kinds"] = "repost|original"
    cell = rc.sources_cell(record.loc[1, "sources"], record.loc[1])
    assert 'href="javascript' not in cell
    assert '<a href="https://example.org/b"' in cell
    assert "repost" in cell  # a copy of another outlet's report is marked
