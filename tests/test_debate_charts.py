"""Behaviour of the synthesis chapter's charts and tables (troops_debate.debate_charts)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from troops_debate.data import codebooks as cb
from troops_debate import debate_charts as dc
from troops_debate.tables.html import content_id

EVIL = "<script>alert(1)</script>"
STANCE_COLUMNS = ["stance_id", "actor", "actor_code", "actor_type", "date", "date_precision", "holder", "speaker",
                  "question", "stance", "own_troops", "quote", "article_id", "source_url", "source_outlet",
                  "source_kind", "checked", "note"]


def claim(article, n, theme, kind, quote="Some words.", paragraph=1):
    return {"article_id": article, "claim_id": f"{article}-c{n:02d}", "paragraph": paragraph, "kind": kind,
            "theme": theme, "claim": "Our summary.", "quote": quote, "attributed_to": ""}


@pytest.fixture
def articles() -> pd.DataFrame:
    # listed latest first: the functions must order them by date themselves
    return pd.DataFrame([
        {"article_id": "late", "outlet": "Later Review", "position": "for",
         "date_earliest": "2026-01-27", "date_latest": "2026-02-24"},
        {"article_id": "early", "outlet": "Early Journal", "position": "against",
         "date_earliest": "2024-12-12", "date_latest": "2025-01-19"},
    ])


@pytest.fixture
def arguments() -> pd.DataFrame:
    return pd.DataFrame([
        claim("early", 1, "russia_position", "argument"),
        claim("early", 2, "russia_position", "argument"),
        claim("early", 3, "russia_position", "evidence", quote="a short one"),
        claim("early", 4, "ceasefire_timing", "thesis"),
        claim("early", 5, "european_will", "evidence"),
        claim("late", 1, "russia_position", "context"),
        claim("late", 2, "russia_position", "argument"),
        claim("late", 3, "ceasefire_timing", "thesis"),
        claim("late", 4, "european_agency", "recommendation"),
        claim("late", 5, "european_agency", "recommendation"),
    ])


def stance(sid, actor, when, code, *, article="", question="after_ceasefire", quote="Words.", outlet="Example Post"):
    precision = {3: "day", 2: "month", 1: "year"}[len(when.split("-"))]
    return {"stance_id": sid, "actor": actor, "actor_code": "XX", "actor_type": "state", "date": when,
            "date_precision": precision, "holder": "head_of_government", "speaker": "A Speaker",
            "question": question, "stance": code, "own_troops": "not_stated", "quote": quote,
            "article_id": article, "source_url": "" if article else "https://example.org/a",
            "source_outlet": "" if article else outlet, "source_kind": "article" if article else "original",
            "checked": "yes", "note": ""}


@pytest.fixture
def stances() -> pd.DataFrame:
    rows = [
        stance("s001", "Alpha", "2024-12", "pushing", article="early"),
        stance("s002", "Alpha", "2025-02-16", "willing"),
        stance("s003", "Beta", "2025-02-17", "cool"),
        stance("s004", "Gamma", "2025-02-20", "cool"),
        stance("s005", "Beta", "2025-12", "cool", question="settlement"),
        stance("s006", "Alpha", "2026-01-06", "pushing"),
        stance("s007", "Delta", "2026-01-06", "hostile"),
        stance("s008", "Gamma", "2026-01-06", "open"),
    ]
    frame = pd.DataFrame(rows, columns=STANCE_COLUMNS)
    frame["from_article"] = frame["article_id"] != ""
    return frame


@pytest.fixture
def red_lines() -> pd.DataFrame:
    return pd.DataFrame([
        {"event_id": "rl01", "step": "Troops in the window", "category": "troops", "warning_date": "2025-02-18",
         "warned_by": "A Minister", "warning_quote": "Unacceptable."},
        {"event_id": "rl02", "step": "Troops before the window", "category": "troops", "warning_date": "2024-02-27",
         "warned_by": "A Spokesman", "warning_quote": "Inevitable."},
        {"event_id": "rl03", "step": "Tanks", "category": "weapons_supply", "warning_date": "2025-03-01",
         "warned_by": "Someone", "warning_quote": "They will burn."},
    ])


# ------------------------------------------------------------------ the matrix


def test_matrix_counts_every_theme_for_each_article_in_codebook_and_date_order(arguments, articles):
    matrix = dc.theme_matrix(arguments, articles)
    assert len(matrix) == 2 * len(cb.THEMES)
    assert list(matrix["theme_code"].drop_duplicates()) == list(cb.codes(cb.THEMES))
    assert list(matrix["article_id"][:2]) == ["early", "late"]
    cell = matrix.set_index(["theme_code", "article_id"])
    assert cell.loc[("russia_position", "early"), "claims"] == 3
    assert cell.loc[("russia_position", "early"), "kind"] == "argument"
    assert cell.loc[("russia_position", "late"), "kind"] == dc.MIXED       # argument 1, context 1: a tie
    assert cell.loc[("european_agency", "early"), "claims"] == 0
    assert cell.loc[("ceasefire_timing", "late"), "thesis"]
    assert not cell.loc[("russia_position", "early"), "thesis"]


def test_title_names_the_themes_only_one_article_addresses(arguments, articles):
    assert dc.one_sided(arguments, articles) == [("European will", "early"), ("Europe's agency", "late")]
    assert dc.shared_themes(arguments, articles) == ["Russia's position", "Timing and the peace process"]
    title = dc.matrix_title(arguments, articles)
    assert title.startswith("The articles share 2 of the 8 themes")
    assert "only early addresses European will" in title and "only late addresses Europe's agency" in title


def test_title_when_both_articles_cover_every_theme(articles):
    every = pd.DataFrame([claim(a, i + 1, lab.code, "argument") for a in ("early", "late")
                          for i, lab in enumerate(cb.THEMES)])
    assert dc.matrix_title(every, articles) == "Both articles address all 8 themes"


def test_matrix_chart_description_and_cells_state_the_computed_values(arguments, articles):
    fig = dc.comparison_chart(arguments, articles)
    assert "early 5 claims, late 5 claims" in fig.description
    assert "Russia's position: early 3 (argument 2, evidence 1), late 2 (argument 1, context 1)" in fig.description
    assert "Europe's agency: early none, late 2 (recommendation 2)" in fig.description
    spec = fig.spec()
    texts = {(r["theme"], r["article"]): r["text"] for r in spec["datasets"][spec["data"]["name"]]}
    assert texts[("Timing and the peace process", "late")] == f"1 {dc.STAR}|thesis"
    assert texts[("Europe's agency", "early")] == "not|addressed"
    assert list(fig.table.columns) == ["Theme", "early", "late"]


def test_matrix_rows_and_columns_follow_the_codebook_and_the_dates(arguments, articles):
    spec = dc.comparison_chart(arguments, articles).spec()
    enc = spec["layer"][0]["encoding"]
    assert enc["y"]["sort"] == [dc.two_lines(lab.name) for lab in cb.THEMES]
    assert [label.split("|")[0] for label in enc["x"]["sort"]] == ["early \u00b7 against", "late \u00b7 for"]


# ------------------------------------------------------------------ the articles' words


def test_quotes_come_in_double_marks_with_inner_marks_single(arguments):
    arguments = arguments.copy()
    arguments.loc[0, "quote"] = "a plan for 40,000 \u201cpeacekeepers\u201d"
    assert dc.quote_of(arguments, "early-c01") == "\u201ca plan for 40,000 \u2018peacekeepers\u2019\u201d"


def test_verbatim_words_must_stand_in_the_article():
    assert dc.verbatim("rs2024", "may consider") == "\u201cmay consider\u201d"
    with pytest.raises(ValueError):
        dc.verbatim("rs2024", "may well consider")


def test_markup_in_the_data_is_escaped(arguments, articles, stances, red_lines):
    arguments = arguments.copy()
    arguments.loc[0, "quote"] = EVIL
    stances = stances.copy()
    stances.loc[1, ["actor", "quote", "source_outlet"]] = [EVIL, EVIL, EVIL]
    for fig in (dc.comparison_chart(arguments, articles), dc.debate_timeline(articles, stances, red_lines)):
        html = fig.html()
        assert "<script>alert" not in html
    assert "&lt;script&gt;" in dc.debate_timeline(articles, stances, red_lines).html()


# ------------------------------------------------------------------ the timeline


def test_timing_counts_statements_between_the_articles(articles, stances):
    t = dc.timing(articles, stances)
    assert (t["n"], t["before"], t["between"], t["after"]) == (7, 0, 7, 0)
    assert t["busiest_day"] == "6 January 2026" and t["busiest_n"] == 3
    assert dc.timeline_title(articles, stances) == (
        "All 7 statements from other outlets fall between the two articles; 3 were made on 6 January 2026")


def test_title_says_how_many_fall_between_when_not_all_do(articles, stances):
    later = pd.concat([stances, pd.DataFrame([stance("s009", "Beta", "2026-02-01", "cool")])], ignore_index=True)
    assert dc.timeline_title(articles, later).startswith("7 of 8 statements from other outlets fall between")


def test_timeline_shows_articles_as_ranges_and_only_outside_statements(articles, stances, red_lines):
    ranges, stmts, warns = dc.timeline_frames(articles, stances, red_lines)
    assert list(ranges["article"]) == ["early", "late"]
    assert list(ranges[["start", "end"]].iloc[0]) == ["2024-12-12", "2025-01-19"]
    assert len(stmts) == 7                                   # the article row is left out
    assert list(warns["t_who"]) == ["A Minister"]            # troops, inside the window only
    month = stmts[stmts["month"]].iloc[0]
    assert (month["when"], month["start"], month["end"]) == ("2025-12-15", "2025-12-01", "2025-12-31")


def test_close_marks_in_a_lane_are_stacked(articles, stances, red_lines):
    _, stmts, _ = dc.timeline_frames(articles, stances, red_lines)
    cool = stmts[stmts["lane"] == "Cool"]
    assert list(cool["slot"]) == [0, 1, 0]                   # 17 and 20 Feb 2025 stack; December 2025 does not
    assert dc.centred(5) == [3, 1, 0, 2, 4]


def test_timeline_uses_the_stance_codebook(articles, stances, red_lines):
    spec = dc.debate_timeline(articles, stances, red_lines).spec()
    points = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "point"
                  and "color" in layer.get("encoding", {}))
    present = [lab for lab in cb.STANCES if lab.code in {"willing", "cool", "pushing", "hostile", "open"}]
    assert points["encoding"]["color"]["scale"]["domain"] == [lab.name for lab in present]
    assert points["encoding"]["color"]["scale"]["range"] == [lab.colour for lab in present]
    assert points["encoding"]["shape"]["scale"]["range"] == [lab.shape for lab in present]
    assert points["encoding"]["y"]["sort"] == [dc.ARTICLES_LANE, *[lab.name for lab in present], dc.WARNING_LANE]


def test_timeline_description_lists_the_values(articles, stances, red_lines):
    fig = dc.debate_timeline(articles, stances, red_lines)
    assert "early (against), 12 December 2024 to 19 January 2025 (inferred)" in fig.description
    assert "Cool 3 (Beta 17 February 2025; Gamma 20 February 2025; Beta December 2025 (month only))" in fig.description
    assert "A Minister (18 February 2025)" in fig.description
    assert len(fig.table) == 2 + 7 + 1


def test_specs_are_deterministic(arguments, articles, stances, red_lines):
    for make in (lambda: dc.comparison_chart(arguments, articles),
                 lambda: dc.debate_timeline(articles, stances, red_lines)):
        a, b = make().spec(), make().spec()
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
        assert content_id(a, "td") == content_id(b, "td")


def test_key_numbers_come_from_the_data(arguments, articles, stances):
    k = dc.key_numbers(arguments, articles, stances)
    assert (k["early_claims"], k["late_claims"], k["n_shared"], k["n_one_sided"]) == (5, 5, 2, 2)
    assert k["thesis_shared"] == "Timing and the peace process"
    assert (k["out_cool"], k["out_q_settlement"], k["out_q_after_ceasefire"]) == (3, 1, 6)
    assert k["late_european_agency"] == 2 and k["early_european_agency"] == 0
    # the phrases glued into sentences
    assert k["shared_share"] == "two of eight" and k["only_late"] == "Europe's agency" and k["only_early"] \
        == "European will"
    assert k["early_russia_position_share"] == "three of five" and k["early_russia_position_argument"] == "two"
    assert k["between_share"] == "all seven" and k["out_q_before_ceasefire_share"] == "none of the seven"
    assert k["out_q_after_ceasefire_share"] == "six of seven"
    assert k["busiest_n_words"] == "three" and k["busiest_after_ceasefire_share"] == "all three"


def test_busiest_day_counts_its_post_ceasefire_statements(arguments, articles, stances):
    stances = stances.copy()
    stances.loc[stances["stance_id"] == "s007", "question"] = "unspecified"
    k = dc.key_numbers(arguments, articles, stances)
    assert (k["busiest_n"], k["busiest_after_ceasefire"]) == (3, 2)
