"""Behaviour of the stances chapter's chart and tables (troops_debate.stances_charts)."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from troops_debate import codebooks as cb
from troops_debate import stances_charts as sc
from troops_debate.io import midpoint, parse_partial_date
from troops_debate.pages import human_date
from troops_debate.render import content_id

COLUMNS = ["stance_id", "actor", "actor_code", "actor_type", "date", "date_precision", "holder", "speaker",
           "question", "stance", "own_troops", "quote", "article_id", "source_url", "source_outlet",
           "source_kind", "checked", "note"]


def row(sid, actor, when, stance, *, article="", url="https://example.org/a", outlet="Example Post",
        quote="A quote.", own="not_stated", question="unspecified", speaker="A Speaker"):
    precision = {3: "day", 2: "month", 1: "year"}[len(when.split("-"))]
    return {"stance_id": sid, "actor": actor, "actor_code": "XX", "actor_type": "state", "date": when,
            "date_precision": precision, "holder": "head_of_government", "speaker": speaker,
            "question": question, "stance": stance, "own_troops": own, "quote": quote,
            "article_id": article, "source_url": "" if article else url,
            "source_outlet": "" if article else outlet, "source_kind": "article" if article else "original",
            "checked": "yes", "note": ""}


def frame(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["from_article"] = out["article_id"] != ""
    return out


@pytest.fixture
def small() -> pd.DataFrame:
    return frame([
        row("s001", "Alpha", "2024-12", "distant", article="rs2024"),
        row("s002", "Beta", "2024-12", "pushing", article="rs2024"),
        row("s003", "Alpha", "2025-06-02", "willing", own="conditional"),
        row("s004", "Beta", "2025-07-01", "open", own="no"),
        row("s005", "Gamma", "2025-03-03", "cool", own="no"),
        row("s006", "Delta", "2024-12", "not_stated", article="rs2024"),
        row("s007", "Gamma", "2025-09-09", "cool"),
    ])


def test_month_dates_sit_mid_month_days_stay_put_and_windows_sit_at_their_middle():
    assert midpoint("2024-12") == date(2024, 12, 15)
    assert midpoint("2025-02-03") == date(2025, 2, 3)
    assert midpoint("2025") == date(2025, 7, 1)
    assert midpoint("2026-01-27/2026-02-24") == date(2026, 2, 10)
    assert parse_partial_date("2024-12-12/2025-01-19") == (date(2024, 12, 12), date(2025, 1, 19))


def test_a_window_reads_as_a_window():
    assert human_date("2026-01-27/2026-02-24") == "27 January – 24 February 2026"
    assert human_date("2024-12-12/2025-01-19") == "12 December 2024 – 19 January 2025"
    with pytest.raises(ValueError):
        parse_partial_date("2026-02-24/2026-01-27")


def test_movement_compares_first_and_last_position_on_the_scale(small):
    moves = sc.movement(small).set_index("actor")
    assert moves.loc["Alpha", "direction"] == "towards"    # distant -> willing
    assert moves.loc["Beta", "direction"] == "away"        # pushing -> open
    assert moves.loc["Gamma", "direction"] == "unchanged"  # cool -> cool
    assert moves.loc["Delta", "direction"] == "none"       # only 'not stated'


def test_not_stated_rows_do_not_count_as_a_position():
    moves = sc.movement(frame([
        row("s001", "Alpha", "2024-12", "not_stated", article="rs2024"),
        row("s002", "Alpha", "2025-02-01", "willing"),
    ])).set_index("actor")
    assert moves.loc["Alpha", "direction"] == "single"
    assert moves.loc["Alpha", "first"] == "willing"


def test_title_and_description_state_the_computed_finding(small):
    fig = sc.stance_timeline(small)
    title = " ".join(fig.spec()["title"]["text"])
    assert "Alpha moved towards backing a European force" in title
    assert "Beta moved away" in title
    assert "Gamma" not in title
    assert "7 dated statements by 4 actors" in fig.description
    assert "3 reported in the two articles" in fig.description and "4 by other outlets" in fig.description
    assert "Alpha (Distant, December 2024 \u2192 Willing, 2 June 2025)" in fig.description
    assert "No position recorded: Delta" in fig.description


def test_legend_follows_the_codebook_order_and_shapes(small):
    spec = sc.stance_timeline(small).spec()
    points = spec["layer"][-1]["encoding"]
    present = [lab for lab in cb.STANCES if lab.code in set(small["stance"])]
    assert points["color"]["scale"]["domain"] == [lab.name for lab in present]
    assert points["color"]["scale"]["range"] == [lab.colour for lab in present]
    assert points["shape"]["scale"]["range"] == [lab.shape for lab in present]
    # article rows filled, other rows hollow
    assert points["fillOpacity"]["scale"]["domain"] == [sc.FROM_ARTICLE, sc.FROM_ELSEWHERE]
    assert points["fillOpacity"]["scale"]["range"] == [1, 0]


def test_actors_are_ordered_by_entry_into_the_record(small):
    spec = sc.stance_timeline(small).spec()
    assert spec["layer"][-1]["encoding"]["y"]["sort"] == ["Alpha", "Beta", "Delta", "Gamma"]


def test_spec_is_deterministic(small):
    a, b = sc.stance_timeline(small).spec(), sc.stance_timeline(small).spec()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert content_id(a, "td") == content_id(b, "td")


def test_markup_in_the_data_is_escaped_everywhere():
    evil = "<script>alert(1)</script>"
    data = frame([
        row("s001", evil, "2025-01-02", "open", quote=evil, speaker=evil, outlet=evil),
        row("s002", "Beta", "2024-12", "cool", article="rs2024", quote=evil),
    ])
    fig = sc.stance_timeline(data)
    html = fig.html()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    for out in (sc.record_table(data, evil), sc.snapshot_table(data, "rs2024", evil), sc.record_list(data, evil)):
        assert "<script>alert" not in out.html and "&lt;script&gt;" in out.html


def test_only_http_links_become_links():
    data = frame([row("s001", "Alpha", "2025-01-02", "open", url="javascript:alert(1)", outlet="Bad"),
                  row("s002", "Beta", "2025-01-03", "open", url="https://example.org/x", outlet="Good")])
    html = sc.record_table(data, "t").html
    assert 'href="javascript' not in html
    assert 'href="https://example.org/x"' in html


def test_tables_tell_article_rows_from_other_rows(small):
    html = sc.record_table(small, "t").html
    assert html.count("td-source-article") == 3
    assert html.count("td-source-external") == 4
    snap = sc.snapshot_table(small, "rs2024", "t").html
    assert "td-source-external" not in snap and snap.count("td-source-article") == 3


def test_snapshot_is_ordered_from_most_to_least_supportive(small):
    snap = sc.snapshot_table(small, "rs2024", "t").html
    assert snap.index("Beta") < snap.index("Alpha") < snap.index("Delta")


def test_paraphrase_rows_say_there_is_no_quote():
    data = frame([row("s001", "Alpha", "2025-01-02", "cool", quote="")])
    assert "paraphrase only" in sc.record_table(data, "t").html


def test_codebook_table_is_rendered_from_the_codebook():
    html = sc.codebook_table(cb.STANCES, "Stances").html
    positions = [html.index(f">{lab.code}<") for lab in cb.STANCES]
    assert positions == sorted(positions)
    for lab in cb.STANCES:
        assert lab.name in html


def test_latest_own_troops_uses_the_latest_statement_that_says_something(small):
    assert sc.latest_own_troops(small, "no") == ["Beta", "Gamma"]
    assert sc.latest_own_troops(small, "conditional") == ["Alpha"]


def test_loan_table_is_separate_and_ordered_by_the_loan_codebook():
    positions = pd.DataFrame([
        {"teaser_id": "t", "actor": "Beta", "actor_code": "BB", "position": "opposed", "quote": "q <b>", "note": ""},
        {"teaser_id": "t", "actor": "Alpha", "actor_code": "AA", "position": "leading_proponent", "quote": "q",
         "note": ""},
    ])
    html = sc.loan_table(positions, "Loan").html
    assert html.index("Alpha") < html.index("Beta")
    assert "<b>" not in html


def test_the_real_data_builds():
    import troops_debate as td
    stances = td.load_stances()
    fig = sc.stance_timeline(stances)
    assert f"{len(stances)} dated statements" in fig.description
    assert len(fig.table) == len(stances)
