"""Behaviour of the debate chapter's tables, charts and glued phrases (troops_debate.analysis.debate,
figures.debate, figures.timeline, text.debate), with two made-up articles, and with one and three."""
from __future__ import annotations

import json
import re
from datetime import date

import nbformat
import pandas as pd
import pytest

from typed import typed_table
from troops_debate.analysis import debate as analysis
from troops_debate.data import codebooks as cb
from troops_debate.figures import debate as figures
from troops_debate.figures import timeline
from troops_debate.figures.theme import two_lines
from troops_debate.paths import ROOT
from troops_debate.tables.html import content_id
from troops_debate.text import debate as text

EVIL = "<script>alert(1)</script>"


def claim(article, n, theme, kind, quote="Some words.", paragraph=1):
    return {"article_id": article, "claim_id": f"{article}-c{n:02d}", "paragraph": paragraph, "kind": kind,
            "theme": theme, "claim": "Our summary.", "quote": quote, "attributed_to": ""}


def article(aid, outlet, position, first, last, basis="inferred"):
    return {"article_id": aid, "outlet": outlet, "position": position, "date_earliest": first,
            "date_latest": last, "date_basis": basis}


@pytest.fixture
def articles() -> pd.DataFrame:
    # listed latest first: the functions must order them by date themselves
    return typed_table("articles.csv", [article("late", "Later Review", "for", "2026-01-27", "2026-02-24"),
                                        article("early", "Early Journal", "against", "2024-12-12", "2025-01-19")])


@pytest.fixture
def arguments() -> pd.DataFrame:
    return typed_table("arguments.csv", [
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


STANCES = [
    stance("s001", "Alpha", "2024-12", "pushing", article="early"),
    stance("s002", "Alpha", "2025-02-16", "willing"),
    stance("s003", "Beta", "2025-02-17", "cool"),
    stance("s004", "Gamma", "2025-02-20", "cool"),
    stance("s005", "Beta", "2025-12", "cool", question="settlement"),
    stance("s006", "Alpha", "2026-01-06", "pushing"),
    stance("s007", "Delta", "2026-01-06", "hostile"),
    stance("s008", "Gamma", "2026-01-06", "open"),
]


@pytest.fixture
def stances() -> pd.DataFrame:
    return typed_table("stances.csv", STANCES)


@pytest.fixture
def red_lines() -> pd.DataFrame:
    return typed_table("red_lines.csv", [
        {"event_id": "rl01", "step": "Troops in the window", "category": "troops", "warning_date": "2025-02-18",
         "warned_by": "A Minister", "warning_quote": "Unacceptable."},
        {"event_id": "rl02", "step": "Troops before the window", "category": "troops", "warning_date": "2024-02-27",
         "warned_by": "A Spokesman", "warning_quote": "Inevitable."},
        {"event_id": "rl03", "step": "Tanks", "category": "weapons_supply", "warning_date": "2025-03-01",
         "warned_by": "Someone", "warning_quote": "They will burn."},
    ])


# ------------------------------------------------------------------ the matrix


def test_matrix_counts_every_theme_for_each_article_in_codebook_and_date_order(arguments, articles):
    matrix = analysis.theme_matrix(arguments, articles)
    assert len(matrix) == 2 * len(cb.THEMES)
    assert list(matrix["theme_code"].drop_duplicates()) == list(cb.THEMES.codes)
    assert list(matrix["article_id"][:2]) == ["early", "late"]
    cell = matrix.set_index(["theme_code", "article_id"])
    assert cell.loc[("russia_position", "early"), "claims"] == 3
    assert cell.loc[("russia_position", "early"), "kind"] == "argument"
    assert cell.loc[("russia_position", "late"), "kind"] == analysis.MIXED       # argument 1, context 1: a tie
    assert cell.loc[("european_agency", "early"), "claims"] == 0
    assert cell.loc[("ceasefire_timing", "late"), "thesis"]
    assert not cell.loc[("russia_position", "early"), "thesis"]


def test_title_names_the_themes_only_one_article_addresses(arguments, articles):
    matrix = analysis.theme_matrix(arguments, articles)
    assert analysis.one_sided(matrix) == [("European will", "early"), ("Europe's agency", "late")]
    assert analysis.shared_themes(matrix) == ["Russia's position", "Timing and the peace process"]
    title = figures.matrix_title(matrix)
    assert title.startswith("The articles share 2 of the 8 themes")
    assert "only early addresses European will" in title and "only late addresses Europe's agency" in title


def test_title_when_both_articles_cover_every_theme(articles):
    every = typed_table("arguments.csv", [claim(a, i + 1, lab.code, "argument") for a in ("early", "late")
                                          for i, lab in enumerate(cb.THEMES)])
    assert figures.matrix_title(analysis.theme_matrix(every, articles)) == "Both articles address all 8 themes"


def test_matrix_chart_description_and_cells_state_the_computed_values(arguments, articles):
    fig = figures.comparison_chart(arguments, articles)
    assert "coded in the two articles" in fig.description and "early 5 claims, late 5 claims" in fig.description
    assert "Russia's position: early 3 (argument 2, evidence 1), late 2 (argument 1, context 1)" in fig.description
    assert "Europe's agency: early none, late 2 (recommendation 2)" in fig.description
    assert fig.source == "Claims coded from the texts of early and late"
    spec = fig.spec()
    texts = {(r["theme"], r["article"]): r["text"] for r in spec["datasets"][spec["data"]["name"]]}
    assert texts[("Timing and the peace process", "late")] == f"1 {figures.STAR}|thesis"
    assert texts[("Europe's agency", "early")] == "not|addressed"
    assert list(fig.table.columns) == ["Theme", "early", "late"]


def test_matrix_rows_and_columns_follow_the_codebook_and_the_dates(arguments, articles):
    spec = figures.comparison_chart(arguments, articles).spec()
    enc = spec["layer"][0]["encoding"]
    assert enc["y"]["sort"] == [two_lines(lab.name) for lab in cb.THEMES]
    assert enc["x"]["sort"] == ["early \u00b7 against|Dec 2024\u2013Jan 2025", "late \u00b7 for|Jan\u2013Feb 2026"]


# ------------------------------------------------------------------ the articles' words


def test_quotes_come_in_double_marks_with_inner_marks_single(arguments):
    arguments = arguments.copy()
    arguments.loc[0, "quote"] = "a plan for 40,000 \u201cpeacekeepers\u201d"
    assert text.quote_of(arguments, "early-c01") == "\u201ca plan for 40,000 \u2018peacekeepers\u2019\u201d"
    assert text.quote_values(arguments)["q_early_c01"] == "\u201ca plan for 40,000 \u2018peacekeepers\u2019\u201d"


def test_every_claim_is_quotable_and_the_chosen_words_are_checked(arguments):
    values = text.quote_values(arguments)
    assert {f"q_{c.replace('-', '_')}" for c in arguments["claim_id"]} <= set(values)
    assert values["q_may_consider"] == "\u201cmay consider\u201d"


def test_verbatim_words_must_stand_in_the_article():
    assert text.verbatim("rs2024", "may consider") == "\u201cmay consider\u201d"
    with pytest.raises(ValueError):
        text.verbatim("rs2024", "may well consider")


def test_markup_in_the_data_is_escaped(arguments, articles, stances, red_lines):
    arguments = arguments.copy()
    arguments.loc[0, "quote"] = EVIL
    stances = stances.copy()
    stances.loc[1, ["actor", "quote", "source_outlet"]] = [EVIL, EVIL, EVIL]
    for fig in (figures.comparison_chart(arguments, articles), timeline.debate_timeline(articles, stances, red_lines)):
        assert "<script>alert" not in fig.html()
    assert "&lt;script&gt;" in timeline.debate_timeline(articles, stances, red_lines).html()


# ------------------------------------------------------------------ the timeline


def test_timing_counts_statements_between_the_articles(articles, stances):
    t = analysis.timing(articles, stances)
    assert (t["n"], t["before"], t["between"], t["after"], t["span"]) == (7, 0, 7, 0, 7)
    assert t["busiest"] == "2026-01-06" and t["busiest_n"] == 3
    assert timeline.timeline_title(articles, stances) == (
        "All 7 statements from other outlets fall between the two articles; 3 were made on 6 January 2026")


def test_title_says_how_many_fall_between_when_not_all_do(articles, stances):
    later = typed_table("stances.csv", STANCES + [stance("s009", "Beta", "2026-02-01", "cool")])
    assert timeline.timeline_title(articles, later).startswith("7 of 8 statements from other outlets fall between")


def test_timeline_shows_articles_as_ranges_and_only_outside_statements(articles, stances, red_lines):
    ranges, stmts, warns = timeline.timeline_frames(articles, stances, red_lines)
    assert list(ranges["article"]) == ["early", "late"]
    assert list(ranges[["start", "end"]].iloc[0]) == ["2024-12-12", "2025-01-19"]
    assert len(stmts) == 7                                   # the article row is left out
    assert list(warns["t_who"]) == ["A Minister"]            # troops, inside the window only
    month = stmts[stmts["month"]].iloc[0]
    assert (month["when"], month["start"], month["end"]) == ("2025-12-15", "2025-12-01", "2025-12-31")


def test_close_marks_in_a_lane_are_stacked(articles, stances, red_lines):
    _, stmts, _ = timeline.timeline_frames(articles, stances, red_lines)
    cool = stmts[stmts["lane"] == "Cool"]
    assert list(cool["slot"]) == [0, 1, 0]                   # 17 and 20 Feb 2025 stack; December 2025 does not
    assert timeline.centred(5) == [3, 1, 0, 2, 4]


def test_timeline_uses_the_stance_codebook(articles, stances, red_lines):
    spec = timeline.debate_timeline(articles, stances, red_lines).spec()
    points = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "point"
                  and "color" in layer.get("encoding", {}))
    present = [lab for lab in cb.STANCES if lab.code in {"willing", "cool", "pushing", "hostile", "open"}]
    assert points["encoding"]["color"]["scale"]["domain"] == [lab.name for lab in present]
    assert points["encoding"]["color"]["scale"]["range"] == [lab.colour for lab in present]
    assert points["encoding"]["shape"]["scale"]["range"] == [lab.shape for lab in present]
    assert points["encoding"]["y"]["sort"] == [timeline.ARTICLES_LANE, *[lab.name for lab in present],
                                               timeline.WARNING_LANE]


def test_timeline_description_lists_the_values(articles, stances, red_lines):
    fig = timeline.debate_timeline(articles, stances, red_lines)
    assert "early (against), 12 December 2024 to 19 January 2025 (inferred)" in fig.description
    assert "Cool 3 (Beta 17 February 2025; Gamma 20 February 2025; Beta December 2025 (month only))" in fig.description
    assert "A Minister (18 February 2025)" in fig.description
    assert fig.source.startswith("The articles' dates are inferred from their texts, so each is a range;")
    assert len(fig.table) == 2 + 7 + 1


def test_a_date_the_text_states_is_not_called_inferred(stances, red_lines):
    stated = typed_table("articles.csv", [article("early", "E", "against", "2024-12-12", "2025-01-19"),
                                          article("late", "L", "for", "2026-02-01", "2026-02-01", basis="text")])
    fig = timeline.debate_timeline(stated, stances, red_lines)
    assert "late (for), 1 February 2026." in fig.description
    assert "dates are inferred" not in fig.source and "dates are inferred" not in " ".join(fig.spec()["title"]["subtitle"])


def test_specs_are_deterministic(arguments, articles, stances, red_lines):
    for make in (lambda: figures.comparison_chart(arguments, articles),
                 lambda: timeline.debate_timeline(articles, stances, red_lines)):
        a, b = make().spec(), make().spec()
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
        assert content_id(a, "td") == content_id(b, "td")


def test_key_numbers_come_from_the_data(arguments, articles, stances):
    k = text.key_numbers(arguments, articles, stances)
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
    assert k["busiest_day"] == "6 January 2026" and k["between_articles"] == "between the two articles"
    assert k["themes_shared"] == "The articles share two of eight themes but not their weight"
    assert k["thesis_sentence"] == ("Both state a thesis on only one theme, *Timing and the peace process*, "
                                    "where their conclusions meet head-on.")


def test_busiest_day_counts_its_post_ceasefire_statements(arguments, articles, stances):
    stances = stances.copy()
    stances.loc[stances["stance_id"] == "s007", "question"] = "unspecified"
    k = text.key_numbers(arguments, articles, stances)
    assert (k["busiest_n"], k["busiest_after_ceasefire"]) == (3, 2)


# ------------------------------------------------------------------ one article, or three

MIDDLE = article("mid", "Middle Weekly", "for", "2025-06-01", "2025-06-30")


@pytest.fixture
def three(articles, arguments):
    """A third article between the two: it addresses Russia's position and Europe's agency, with a thesis on
    the same theme as the other two."""
    more = typed_table("arguments.csv", [claim("mid", 1, "russia_position", "argument"),
                                         claim("mid", 2, "ceasefire_timing", "thesis"),
                                         claim("mid", 3, "european_agency", "argument")])
    return (typed_table("articles.csv", [article("late", "Later Review", "for", "2026-01-27", "2026-02-24"),
                                         MIDDLE, article("early", "Early Journal", "against", "2024-12-12",
                                                         "2025-01-19")]),
            pd.concat([arguments, more], ignore_index=True))


def test_with_three_articles_every_comparison_counts_all_three(three, stances, red_lines):
    articles, arguments = three
    matrix = analysis.theme_matrix(arguments, articles)
    assert list(dict.fromkeys(matrix["article_id"])) == ["early", "mid", "late"]
    title = figures.matrix_title(matrix)
    # two themes are addressed by all three; only 'early' addresses European will; agency is no longer one-sided
    assert title == "All three articles share 2 of the 8 themes; only early addresses European will"
    k = text.key_numbers(arguments, articles, stances)
    assert k["themes_shared"] == "All three articles share two of eight themes but not their weight"
    assert k["thesis_sentence"] == ("All three articles state a thesis on *Timing and the peace process*, "
                                    "where their conclusions meet head-on.")
    assert k["only_late"] == "none" and k["n_one_sided"] == 1
    # the timeline's span runs from the first article to the last: the statements made during the third
    # article's window still fall within it
    assert k["between_articles"] == "between the first and the last of the three articles"
    assert k["between_share"] == "all seven"
    assert timeline.timeline_title(articles, stances).startswith(
        "All 7 statements from other outlets fall between the first and the last of the three articles")
    fig = figures.comparison_chart(arguments, articles)
    assert "coded in the three articles" in fig.description and list(fig.table.columns)[1:] == ["early", "mid", "late"]
    ranges, _, _ = timeline.timeline_frames(articles, stances, red_lines)
    assert list(ranges["article"]) == ["early", "mid", "late"]


def test_theses_on_different_themes_are_not_said_to_meet(articles):
    apart = typed_table("arguments.csv", [claim("early", 1, "russia_position", "thesis"),
                                          claim("late", 1, "us_role", "thesis")])
    sentence = text.thesis_sentence(analysis.theme_matrix(apart, articles))
    assert sentence == "They state their theses on different themes."
    k = text.key_numbers(apart, articles, typed_table("stances.csv", STANCES))
    assert k["themes_shared"] == "The articles share no theme" and k["thesis_shared"] == "none"


def test_with_one_article_nothing_is_compared(arguments, stances, red_lines):
    one = typed_table("articles.csv", [article("early", "Early Journal", "against", "2024-12-12", "2025-01-19")])
    mine = arguments[arguments["article_id"] == "early"]
    matrix = analysis.theme_matrix(mine, one)
    assert figures.matrix_title(matrix) == "early addresses 3 of the 8 themes"
    k = text.key_numbers(mine, one, stances)
    assert k["themes_shared"] == "The article addresses three of eight themes, some at more length than others"
    assert k["thesis_sentence"] == "It states a thesis on *Timing and the peace process*."
    # with one article, the span is after it: every outside statement here came later
    assert (k["between_articles"], k["between_share"]) == ("after the article", "all seven")
    assert timeline.timeline_title(one, stances).startswith("All 7 statements from other outlets fall after the article")
    fig = timeline.debate_timeline(one, stances, red_lines)
    assert "The article: early (against)" in fig.description
    assert fig.source.startswith("The article's date is inferred from its text, so it is a range")


def test_window_runs_from_the_first_article_to_the_last(three):
    assert analysis.window(three[0]) == (date(2024, 12, 12), date(2026, 2, 24))


# ------------------------------------------------------------------ the chapter

NOTEBOOK = ROOT / "book" / "analysis" / "debate.ipynb"


def test_the_chapter_counts_no_articles_by_hand():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prose = re.sub(r"\s+", " ", " ".join(c.source for c in nb.cells if c.cell_type == "markdown"))
    assert not re.search(r"\b(the two articles|both articles|it alone)\b", prose, re.I)
    for key in ("between_share", "between_articles", "themes_shared"):
        assert f"{{glue:text}}`{key}`" in prose
    assert "{glue:md}`thesis_sentence`" in prose
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not re.search(r"[\"'](rs2024|ac2026)", code), "an article id picked by hand in a code cell"
    assert max(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code") <= 15
