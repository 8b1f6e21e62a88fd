"""Behaviour of the stances chapter's chart, tables and sentences (troops_debate.stances_charts).

The expected values are worked out by hand from the small frames below, not taken from the code."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from troops_debate.data import codebooks as cb
from troops_debate import stances_charts as sc
from troops_debate.data.dates import midpoint, period as parse_partial_date
from troops_debate.data.dates import human as human_date
from troops_debate.tables.html import content_id

COLUMNS = ["stance_id", "actor", "actor_code", "actor_type", "date", "date_precision", "holder", "speaker",
           "question", "stance", "own_troops", "quote", "article_id", "source_url", "source_outlet",
           "source_kind", "checked", "note"]
RS_WINDOW = "2024-12-12/2025-01-19"
AC_WINDOW = "2026-01-27/2026-02-24"


def row(sid, actor, when, stance, *, article="", url="https://example.org/a", outlet="Example Post",
        quote="A quote.", own="not_stated", question="unspecified", speaker="A Speaker", **extra):
    precision = "window" if "/" in when else {3: "day", 2: "month", 1: "year"}[len(when.split("-"))]
    return {"stance_id": sid, "actor": actor, "actor_code": "XX", "actor_type": "state", "date": when,
            "date_precision": precision, "holder": "head_of_government", "speaker": speaker,
            "question": question, "stance": stance, "own_troops": own, "quote": quote,
            "article_id": article, "source_url": "" if article else url,
            "source_outlet": "" if article else outlet, "source_kind": "article" if article else "original",
            "checked": "yes", "note": "", **extra}


def frame(rows, extra_columns=()) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=COLUMNS + list(extra_columns))
    out["from_article"] = out["article_id"] != ""
    return out


def articles(*windows) -> pd.DataFrame:
    """Articles a1, a2, ... with outlets 'Outlet 1', ... and the given windows."""
    return pd.DataFrame([{"article_id": f"a{i}", "outlet": f"Outlet {i}", "date_earliest": w.split("/")[0],
                          "date_latest": w.split("/")[1]} for i, w in enumerate(windows, start=1)])


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


@pytest.fixture
def two_articles() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two articles; Alpha warms, Beta cools, Gamma holds, Delta is named without a position and
    then takes one, Eps enters between the articles, Zeta speaks only inside the second window."""
    arts = articles(RS_WINDOW, AC_WINDOW)
    rows = frame([
        row("s01", "Alpha", RS_WINDOW, "distant", article="a1"),
        row("s02", "Beta", RS_WINDOW, "pushing", article="a1"),
        row("s03", "Gamma", RS_WINDOW, "hostile", article="a1"),
        row("s04", "Delta", RS_WINDOW, "not_stated", article="a1"),
        row("s05", "Alpha", "2025-05-05", "cool"),
        row("s06", "Alpha", "2026-01-06", "open"),         # Alpha's latest before the second window
        row("s07", "Beta", AC_WINDOW, "open", article="a2"),
        row("s08", "Gamma", AC_WINDOW, "hostile", article="a2"),
        row("s09", "Delta", AC_WINDOW, "pushing", article="a2"),
        row("s10", "Eps", "2025-03-01", "willing", own="conditional"),
        row("s11", "Zeta", "2026-02-01", "willing"),       # inside the second window: not before it
    ])
    return rows, arts


# ------------------------------------------------------------------ dates


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


def test_window_rows_are_ordered_after_the_statements_made_before_the_window():
    data = frame([
        row("s001", "Alpha", AC_WINDOW, "pushing", article="ac2026"),
        row("s002", "Beta", "2026-01-06", "open"),
        row("s003", "Gamma", "2026-01-08", "hostile"),
        row("s004", "Delta", "2026-01", "cool"),        # mid-January: still before the window
    ])
    assert list(sc.with_dates(data)["stance_id"]) == ["s002", "s003", "s004", "s001"]
    assert sc.actor_order(data) == ["Beta", "Gamma", "Delta", "Alpha"]


def test_a_window_dated_row_is_drawn_as_a_window_not_as_a_day():
    data = frame([row("s001", "Alpha", AC_WINDOW, "pushing", article="ac2026"),
                  row("s002", "Alpha", "2026-01-06", "open"),
                  row("s003", "Beta", "2025-03", "cool")])
    fig = sc.stance_timeline(data)
    layers = fig.spec()["layer"]
    bars = [lay for lay in layers if "datum.precision == 'window'" in json.dumps(lay.get("transform", []))]
    assert len(bars) == 1
    bar = bars[0]
    assert (bar["mark"]["type"] if isinstance(bar["mark"], dict) else bar["mark"]) in ("bar", "rect", "rule")
    assert bar["encoding"]["x"]["field"] == "start" and bar["encoding"]["x2"]["field"] == "end"
    # the bar spans the window itself: 27 January to 24 February 2026
    drawn = sc.timeline_data(data).set_index("actor")
    window = drawn[drawn["precision"] == "window"].iloc[0]
    assert (window["start"], window["end"]) == ("2026-01-27", "2026-02-24")
    assert "27 January – 24 February 2026" in window["date_label"]
    # a day has no span; a month has its own grey band, not the window's bar
    day = drawn[drawn["precision"] == "day"].iloc[0]
    assert pd.isna(day["start"]) and pd.isna(day["end"])
    month = drawn[drawn["precision"] == "month"].iloc[0]
    assert (month["start"], month["end"]) == ("2025-03-01", "2025-03-31")
    assert "window" in fig.description and "15 January" not in fig.description


# ------------------------------------------------------------------ movement over the record


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
    assert "Beta became less supportive" in title
    assert "Gamma" not in title
    assert "7 dated statements by 4 actors" in fig.description
    assert "3 reported in the articles" in fig.description and "4 by other outlets" in fig.description
    assert "Alpha (Distant, December 2024 \u2192 Willing, 2 June 2025)" in fig.description
    assert "No position recorded: Delta" in fig.description


def test_move_sentences_say_what_changed_in_words(small, two_articles):
    assert sc.move_sentence(small, "Alpha") == \
        "Alpha moved towards backing a force, from distant in December 2024 to willing on 2 June 2025."
    assert sc.move_sentence(small, "Beta") == \
        "Beta became less supportive, from pushing in December 2024 to open on 1 July 2025."
    assert sc.move_sentence(small, "Gamma") == "Gamma held one position, cool, in both of its recorded statements."
    assert sc.move_sentence(small, "Delta") == "Delta has one recorded statement, none of them a position on a force."
    # distant -> cool is a step, not an arrival: "closer to"
    rows, arts = two_articles
    assert sc.move_sentence(rows, "Alpha", arts) == \
        "Alpha moved towards backing a force, from distant in the first article to open on 6 January 2026."
    assert sc.move_sentence(rows.iloc[[0, 4]], "Alpha", arts) == \
        "Alpha moved closer to backing a force, from distant in the first article to cool on 5 May 2025."
    assert sc.move_sentence(rows, "Gamma", arts) == "Gamma held one position, hostile, in both of its recorded statements."


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


# ------------------------------------------------------------------ positions at each article


def test_a_snapshot_takes_the_articles_own_row_else_the_latest_before_its_window(two_articles):
    rows, arts = two_articles
    first, second = sc.snapshots(rows, arts).values()
    first, second = first.set_index("actor"), second.set_index("actor")
    assert set(first.index) == {"Alpha", "Beta", "Gamma", "Delta"}
    assert first.loc["Delta", "stance"] == "not_stated"            # named, no position, none on record
    assert second.loc["Alpha", "stance"] == "open" and not second.loc["Alpha", "in_article"]
    assert second.loc["Alpha", "date_label"] == "6 January 2026"
    assert second.loc["Beta", "stance"] == "open" and second.loc["Beta", "in_article"]
    assert second.loc["Eps", "stance"] == "willing"
    assert "Zeta" not in second.index                             # spoke inside the window, not before it


def test_shift_from_the_first_article_to_the_last(two_articles):
    rows, arts = two_articles
    moves = sc.shift(rows, arts).set_index("actor")["direction"].to_dict()
    assert moves == {"Alpha": "towards", "Beta": "away", "Gamma": "held", "Delta": "entered",
                     "Eps": "entered", "Zeta": "none"}
    sentence = sc.shift_sentence(rows, arts)
    assert sentence.startswith("Between the first article (Outlet 1, 12 December 2024 – 19 January 2025) and the "
                               "second (Outlet 2, 27 January – 24 February 2026), ")
    assert "Alpha moved towards backing a European force; Gamma held its position; and Beta became less " \
           "supportive." in sentence
    assert sc.entered_sentence(rows, arts) == \
        "By the second article, two more actors had taken a position, all of them pushing, willing or open."


def test_there_is_a_snapshot_and_a_column_for_every_article(two_articles):
    rows, arts = two_articles
    three = pd.concat([arts, articles("2026-06-01/2026-06-30").assign(article_id="a3", outlet="Outlet 3")])
    html = sc.snapshot_table(rows, three, "t").html
    assert html.count('<th scope="col">At the Outlet') == 3
    assert "At the Outlet 3 article (1–30 June 2026)" in html
    assert len(sc.snapshots(rows, three)) == 3
    # at the third article, Zeta's statement of 1 February 2026 is on record
    assert sc.snapshots(rows, three)["a3"].set_index("actor").loc["Zeta", "stance"] == "willing"
    assert sc.snapshot_sentence(rows, arts) == (
        "At the first article, three actors had a position, all of them in the article; at the second article, "
        "five actors had a position, three of them in the article itself and the rest from earlier statements.")


def test_snapshot_table_tells_article_rows_from_earlier_statements(two_articles):
    rows, arts = two_articles
    html = sc.snapshot_table(rows, arts, "t").html
    # first column: four article cells; second: three article cells, Alpha's and Eps's dates
    assert html.count("td-source-article") == 7
    assert "6 January 2026" in html and "1 March 2025" in html
    assert html.count("\u2014</span>") == 1                      # Eps had no position at the first article
    assert "Zeta" not in html                                      # no position at either article


# ------------------------------------------------------------------ own troops


def test_own_troops_groups_follow_the_coded_field_not_the_stance_alone():
    data = frame([
        row("s1", "Offers", "2025-03-01", "willing", own="conditional"),
        row("s2", "Leads", "2025-03-02", "pushing", own="conditional"),
        row("s3", "NoPoint", "2025-03-03", "cool", own="conditional"),      # like "no point in sending troops"
        row("s4", "Nearby", "2025-03-04", "open", own="conditional"),       # like forces on nearby territory
        row("s5", "Backs", "2025-03-05", "open", own="no"),
        row("s6", "Refuses", "2025-03-06", "cool", own="no"),
        row("s7", "Later", "2025-03-07", "willing", own="no"),
        row("s8", "Later", "2025-04-01", "willing", own="conditional"),     # the latest word counts
        row("s9", "Quiet", "2025-03-08", "open", own="not_stated"),
        row("s10", "Host", "2025-03-09", "pushing", own="not_applicable"),
    ])
    groups = sc.own_troops_groups(data)
    assert groups == {"yes": [], "offered": ["Offers", "Leads", "Later"], "conditions": ["NoPoint", "Nearby"],
                      "no": ["Backs", "Refuses"], "no_backing": ["Backs"]}
    assert sc.latest_own_troops(data, "no") == ["Backs", "Refuses"]
    text = sc.own_troops_sentence(data)
    assert "Offers, Leads and Later offered their own troops, on stated conditions." in text
    assert "NoPoint and Nearby set conditions on any part for their own troops, without offering them." in text
    assert "Backs and Refuses ruled their own troops out, Backs while at least open to a force." in text
    assert text.endswith("No actor promised troops without conditions.")
    assert "three actors offered their own troops on stated conditions and two more set conditions" in \
        sc.own_troops_counts(data)


def test_line_sentence_says_all_only_when_all():
    four = frame([row(f"s{i}", "Russia", f"2025-0{i}-01", "hostile") for i in range(1, 5)])
    assert sc.line_sentence(four, "Russia", "hostile", "x") == "All four Russian statements on record are hostile: x."
    mixed = four.assign(stance=["hostile", "hostile", "hostile", "opposed"])
    assert sc.line_sentence(mixed, "Russia", "hostile", "x").startswith("Three of the four Russian statements")
    assert sc.line_sentence(four.iloc[:1], "Russia", "hostile", "x").startswith("The only Russian statement")


def test_numbers_are_words_up_to_twelve():
    assert [sc.number(n) for n in (0, 1, 4, 12, 13, 1200)] == ["no", "one", "four", "twelve", "13", "1,200"]


# ------------------------------------------------------------------ the record table


def test_markup_in_the_data_is_escaped_everywhere():
    evil = "<script>alert(1)</script>"
    data = frame([
        row("s001", evil, "2025-01-02", "open", quote=evil, speaker=evil, outlet=evil),
        row("s002", "Beta", RS_WINDOW, "cool", article="a1", quote=evil),
    ])
    html = sc.stance_timeline(data).html()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    for out in (sc.record_table(data, evil), sc.snapshot_table(data, articles(RS_WINDOW), evil)):
        assert "<script>alert" not in out.html and "&lt;script&gt;" in out.html


def test_only_http_links_become_links():
    data = frame([row("s001", "Alpha", "2025-01-02", "open", url="javascript:alert(1)", outlet="Bad"),
                  row("s002", "Beta", "2025-01-03", "open", url="https://example.org/x", outlet="Good")])
    html = sc.record_table(data, "t").html
    assert 'href="javascript' not in html
    assert 'href="https://example.org/x"' in html


def test_record_table_tells_article_rows_from_other_rows(small):
    html = sc.record_table(small, "t").html
    assert html.count("td-source-article") == 3
    assert html.count("td-source-external") == 4


def test_quotes_inside_quotes_take_single_marks():
    data = frame([row("s001", "Alpha", "2025-01-02", "open", quote="a plan for 40,000 \u201cpeacekeepers\u201d")])
    html = sc.record_table(data, "t").html
    assert "\u201ca plan for 40,000 \u2018peacekeepers\u2019\u201d" in html
    assert "\u201cpeacekeepers" not in html


def test_paraphrase_rows_say_there_is_no_quote():
    data = frame([row("s001", "Alpha", "2025-01-02", "cool", quote="")])
    assert "paraphrase only" in sc.record_table(data, "t").html


def test_record_table_shows_the_runner_up_and_source_grade_when_the_data_has_them():
    plain = frame([row("s001", "Alpha", "2025-01-02", "open")])
    assert "runner-up" not in sc.record_table(plain, "t").html
    richer = frame([row("s001", "Alpha", "2025-01-02", "open", stance_runner_up="willing",
                        source_grade="wire_or_major", source_date="2025-01-03")],
                   extra_columns=("stance_runner_up", "source_grade", "source_date"))
    html = sc.record_table(richer, "t").html
    assert "runner-up: Willing" in html
    assert "wire or major" in html and "source dated 3 January 2025" in html


def test_loan_table_is_separate_and_ordered_by_the_loan_codebook():
    positions = pd.DataFrame([
        {"teaser_id": "t", "actor": "Beta", "actor_code": "BB", "position": "opposed", "quote": "q <b>", "note": ""},
        {"teaser_id": "t", "actor": "Alpha", "actor_code": "AA", "position": "leading_proponent", "quote": "q",
         "note": ""},
    ])
    html = sc.loan_table(positions, "Loan").html
    assert html.index("Alpha") < html.index("Beta")
    assert "<b>" not in html


# ------------------------------------------------------------------ the real data


def test_the_real_data_builds_and_its_article_rows_span_the_article_windows():
    import troops_debate as td
    stances, arts = td.load_stances(), td.load_articles()
    fig = sc.stance_timeline(stances)
    assert f"{len(stances)} dated statements" in fig.description
    assert len(fig.table) == len(stances)
    drawn, dated = sc.timeline_data(stances), sc.with_dates(stances)   # the same rows, in the same order
    for art in arts.itertuples():
        spans = drawn[(dated["article_id"] == art.article_id).to_numpy()]
        assert len(spans) == int((stances["article_id"] == art.article_id).sum()) > 0
        assert set(spans["precision"]) == {"window"}
        assert set(map(tuple, spans[["start", "end"]].values)) == {(art.date_earliest, art.date_latest)}
    assert len(sc.snapshots(stances, arts)) == len(arts)


def test_the_note_is_folded_under_the_quote_and_checking_is_counted():
    data = frame([row("s001", "Alpha", "2025-01-02", "open"), row("s002", "Beta", "2025-01-03", "open")])
    data.loc[0, "note"] = "Translation: <i>x</i>"
    html = sc.record_table(data, "t").html
    assert html.count("<details") == 1 and "Translation: &lt;i&gt;x&lt;/i&gt;" in html
    assert sc.checking_sentence(data).startswith("Every row is marked \u201cChecked\u201d")
    data.loc[1, "checked"] = "lead"
    assert sc.checking_sentence(data).startswith("Checking: checked, 1 (")
    assert "lead only, 1 (" in sc.checking_sentence(data)
