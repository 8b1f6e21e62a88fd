"""The red-lines chapter's charts and tables, checked on small frames built here."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from troops_debate import codebooks as cb
from troops_debate import red_lines_charts as rc
from troops_debate.io import RED_LINES


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
    assert k["n_order_note"] == 1


def test_strongest_response_follows_the_codebook_scale(record):
    assert rc.strongest_response(record).code == "strike_on_systems"
    only_words = record.assign(response_category="rhetorical")
    assert rc.strongest_response(only_words).code == "rhetorical"


def test_title_and_description_state_the_computed_finding(record):
    figure = rc.timeline_chart(record)
    title = rc.timeline_title(record)
    assert title.startswith("In 3 of 4 cases the step was taken")
    assert "strike on the systems" in title and "1 case, all Russian claims" in title
    assert "none was an attack on a NATO state" in title
    assert "Timeline of 4 red lines" in figure.description
    assert "Step rl03: warning 27 February 2024, step Not taken, response Rhetorical" in figure.description
    # the title shown in the chart carries the same words, wrapped for phone and desktop
    spec = figure.spec()
    assert "In 3 of 4 cases" in spec["title"]["text"]["expr"]


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
    assert rc.response_chart(record).html() == rc.response_chart(record.copy()).html()


def test_response_counts_keep_the_scale_and_zeros(record):
    counts = rc.response_counts(record)
    assert list(counts["code"]) == list(cb.codes(cb.RESPONSES))
    assert dict(zip(counts["code"], counts["warnings"])) == {
        "none_found": 0, "rhetorical": 2, "military_signalling": 0, "nuclear_signalling": 1,
        "strike_on_systems": 1, "attack_on_nato": 0}
    figure = rc.response_chart(record)
    assert "Rhetorical: 2" in figure.description and "Attack on a NATO state: 0" in figure.description
    assert "1 of the 1 strikes on the systems are Russian battlefield claims" in figure.description


def test_response_by_category_totals(record):
    table = rc.response_by_category(record, ["weapons_supply", "weapons_use"])
    assert list(table["category"]) == ["Weapons supply", "Use inside Russia", "All"]
    total = table.set_index("category").loc["All"]
    assert total["warnings"] == 3 and total["Rhetorical"] == 1 and total["Strike on the systems"] == 1


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


def test_troops_milestones_mark_article_rows():
    red = pd.DataFrame([row("rl13", category="troops", step_status="not_taken", step_date="",
                            warning_date="2024-02-27", response_date="2024-05-06",
                            response_category="nuclear_signalling")])
    stances = pd.DataFrame([
        {"stance_id": "s001", "actor": "France", "actor_code": "FR", "date": "2024-12", "speaker": "Macron",
         "stance": "pushing", "question": "settlement", "quote": "a plan", "article_id": "rs2024"},
        {"stance_id": "s038", "actor": "Russia", "actor_code": "RU", "date": "2025-09-05", "speaker": "Putin",
         "stance": "hostile", "question": "unspecified", "quote": "targets", "article_id": ""},
        {"stance_id": "s050", "actor": "Italy", "actor_code": "IT", "date": "2025-03-03", "speaker": "Meloni",
         "stance": "distant", "question": "settlement", "quote": "no", "article_id": ""},
    ])
    articles = pd.DataFrame([{"article_id": "rs2024", "outlet": "Outlet", "date_earliest": "2024-12-12",
                              "position": "against"}])
    frame = rc.troops_milestones(red, stances, articles)
    assert list(frame["ref"]) == ["rl13", "rl13", "s001", "rs2024", "s038"]  # date order; Italy not chosen
    assert list(frame["origin"]) == ["record", "record", "rs2024", "rs2024", "record"]
    assert "article rs2024" in rc.origin_badge("rs2024") and "other source" in rc.origin_badge("record")
