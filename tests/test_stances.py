"""Behaviour of the stances chapter and its record page: the derived tables (troops_debate.analysis.stances),
the chart (figures.stances), the tables (tables.stances) and the sentences (text.stances, text.stances_actors).

The expected values are worked out by hand from the small frames below, not taken from the code. The
frames are typed by the loaders' own `typed`, so they look to the chapter exactly like the real data."""
from __future__ import annotations

import json
import re
from datetime import date

import nbformat
import pandas as pd
import pytest

from troops_debate.analysis import stances as an
from troops_debate.analysis.articles import articles_in_order
from troops_debate.data import codebooks as cb
from troops_debate.data.dates import human as human_date
from troops_debate.data.dates import midpoint, period as parse_partial_date
from troops_debate.data.load import typed
from troops_debate.data.schemas import SCHEMAS
from troops_debate.figures import stances as fig
from troops_debate.paths import ROOT
from troops_debate.tables import stances as tab
from troops_debate.tables.html import content_id
from troops_debate.text import stances as txt
from troops_debate.text import stances_actors as act
from troops_debate.text.wording import article_names, article_window, number, ordinal

RS_WINDOW = "2024-12-12/2025-01-19"
AC_WINDOW = "2026-01-27/2026-02-24"


def row(sid, actor, when, stance, *, article="", url="https://example.org/a", outlet="Example Post",
        quote="A quote.", own="not_stated", question="unspecified", speaker="A Speaker", actor_type="state", **extra):
    precision = "window" if "/" in when else {3: "day", 2: "month", 1: "year"}[len(when.split("-"))]
    return {"stance_id": sid, "actor": actor, "actor_code": "XX", "actor_type": actor_type, "date": when,
            "date_precision": precision, "holder": "head_of_government", "speaker": speaker,
            "question": question, "stance": stance, "own_troops": own, "quote": quote,
            "article_id": article, "source_url": "" if article else url,
            "source_outlet": "" if article else outlet, "source_kind": "article" if article else "original",
            "checked": "yes", "note": "", **extra}


def _typed(file: str, rows: list[dict]) -> pd.DataFrame:
    schema = SCHEMAS[file]
    return typed([(i, {c: r.get(c, "") for c in schema.names}) for i, r in enumerate(rows, start=2)], schema)


def frame(rows) -> pd.DataFrame:
    out = _typed("stances.csv", rows)
    out["from_article"] = out["article_id"] != ""
    return out


def articles(*windows) -> pd.DataFrame:
    """Articles a1, a2, ... with outlets 'Outlet 1', ... and the given windows (or days)."""
    return _typed("articles.csv", [
        {"article_id": f"a{i}", "outlet": f"Outlet {i}", "date_earliest": w.split("/")[0],
         "date_latest": w.split("/")[-1], "word_count": "100"} for i, w in enumerate(windows, start=1)])


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


def with_third(arts: pd.DataFrame, window: str = "2026-06-01/2026-06-30") -> pd.DataFrame:
    third = articles(RS_WINDOW, AC_WINDOW, window).iloc[[2]]
    return pd.concat([arts, third], ignore_index=True)


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
    assert list(an.in_time_order(data)["stance_id"]) == ["s002", "s003", "s004", "s001"]
    assert an.actor_order(data) == ["Beta", "Gamma", "Delta", "Alpha"]


def test_a_window_dated_row_is_drawn_as_a_window_not_as_a_day():
    data = frame([row("s001", "Alpha", AC_WINDOW, "pushing", article="ac2026"),
                  row("s002", "Alpha", "2026-01-06", "open"),
                  row("s003", "Beta", "2025-03", "cool")])
    figure = fig.stance_timeline(data)
    layers = figure.spec()["layer"]
    bars = [lay for lay in layers if "datum.precision == 'window'" in json.dumps(lay.get("transform", []))]
    assert len(bars) == 1
    bar = bars[0]
    assert (bar["mark"]["type"] if isinstance(bar["mark"], dict) else bar["mark"]) in ("bar", "rect", "rule")
    assert bar["encoding"]["x"]["field"] == "start" and bar["encoding"]["x2"]["field"] == "end"
    # the bar spans the window itself: 27 January to 24 February 2026
    drawn = fig.timeline_data(data).set_index("actor")
    window = drawn[drawn["precision"] == "window"].iloc[0]
    assert (window["start"], window["end"]) == ("2026-01-27", "2026-02-24")
    assert "27 January – 24 February 2026" in window["date_label"]
    # a day has no span; a month has its own grey band, not the window's bar
    day = drawn[drawn["precision"] == "day"].iloc[0]
    assert pd.isna(day["start"]) and pd.isna(day["end"])
    month = drawn[drawn["precision"] == "month"].iloc[0]
    assert (month["start"], month["end"]) == ("2025-03-01", "2025-03-31")
    assert "window" in figure.description and "15 January" not in figure.description


# ------------------------------------------------------------------ movement over the record


def test_movement_compares_first_and_last_position_on_the_scale(small):
    moves = an.movement(small).set_index("actor")
    assert moves.loc["Alpha", "direction"] == "towards"    # distant -> willing
    assert moves.loc["Beta", "direction"] == "away"        # pushing -> open
    assert moves.loc["Gamma", "direction"] == "unchanged"  # cool -> cool
    assert moves.loc["Delta", "direction"] == "none"       # only 'not stated'
    assert (moves.loc["Alpha", "first_id"], moves.loc["Alpha", "last_id"]) == ("s001", "s003")


def test_not_stated_rows_do_not_count_as_a_position():
    moves = an.movement(frame([
        row("s001", "Alpha", "2024-12", "not_stated", article="rs2024"),
        row("s002", "Alpha", "2025-02-01", "willing"),
    ])).set_index("actor")
    assert moves.loc["Alpha", "direction"] == "single"
    assert moves.loc["Alpha", "first"] == "willing"


def test_title_and_description_state_the_computed_finding(small):
    figure = fig.stance_timeline(small)
    title = " ".join(figure.spec()["title"]["text"])
    assert "Alpha moved towards backing a European force" in title
    assert "Beta became less supportive" in title
    assert "Gamma" not in title
    assert "7 dated statements by 4 actors" in figure.description
    assert "3 reported in the articles" in figure.description and "4 by other outlets" in figure.description
    assert "Alpha (Distant, December 2024 \u2192 Willing, 2 June 2025)" in figure.description
    assert "No position recorded: Delta" in figure.description


def test_move_sentences_say_what_changed_in_words(small, two_articles):
    assert act.move_sentence(small, "Alpha") == \
        "Alpha moved towards backing a force, from distant in December 2024 to willing on 2 June 2025."
    assert act.move_sentence(small, "Beta") == \
        "Beta became less supportive, from pushing in December 2024 to open on 1 July 2025."
    assert act.move_sentence(small, "Gamma") == "Gamma held one position, cool, in both of its recorded statements."
    assert act.move_sentence(small, "Delta") == "Delta has one recorded statement, none of them a position on a force."
    # distant -> cool is a step, not an arrival: "closer to"
    rows, arts = two_articles
    assert act.move_sentence(rows, "Alpha", arts) == \
        "Alpha moved towards backing a force, from distant in the first article to open on 6 January 2026."
    assert act.move_sentence(rows.iloc[[0, 4]], "Alpha", arts) == \
        "Alpha moved closer to backing a force, from distant in the first article to cool on 5 May 2025."
    assert act.move_sentence(rows, "Gamma", arts) == "Gamma held one position, hostile, in both of its recorded statements."
    # a row known only to the year is 'in 2025', never 'on 2025'
    year = frame([row("s1", "Alpha", "2025", "cool"), row("s2", "Alpha", "2026-01-02", "open")])
    assert act.move_sentence(year, "Alpha") == "Alpha moved towards backing a force, from cool in 2025 to open on 2 January 2026."


def test_the_record_moves_sentence_keeps_the_article_of_a_name_lower_case():
    data = frame([row("s1", "United Kingdom", "2025-01-01", "cool"), row("s2", "United Kingdom", "2025-02-01", "open")])
    values = txt.chapter_values(data, articles(RS_WINDOW))
    assert values["record_moves"] == "Over the whole record, the United Kingdom moved towards backing a European force."
    assert txt.finding(an.movement(data)) == "The United Kingdom moved towards backing a European force"


def test_legend_follows_the_codebook_order_and_shapes(small):
    spec = fig.stance_timeline(small).spec()
    points = spec["layer"][-1]["encoding"]
    present = [lab for lab in cb.STANCES if lab.code in set(small["stance"])]
    assert points["color"]["scale"]["domain"] == [lab.name for lab in present]
    assert points["color"]["scale"]["range"] == [lab.colour for lab in present]
    assert points["shape"]["scale"]["range"] == [lab.shape for lab in present]
    # article rows filled, other rows hollow
    assert points["fillOpacity"]["scale"]["domain"] == [fig.FROM_ARTICLE, fig.FROM_ELSEWHERE]
    assert points["fillOpacity"]["scale"]["range"] == [1, 0]


def test_actors_are_ordered_by_entry_into_the_record(small):
    spec = fig.stance_timeline(small).spec()
    assert spec["layer"][-1]["encoding"]["y"]["sort"] == ["Alpha", "Beta", "Delta", "Gamma"]


def test_spec_is_deterministic(small):
    a, b = fig.stance_timeline(small).spec(), fig.stance_timeline(small).spec()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert content_id(a, "td") == content_id(b, "td")


# ------------------------------------------------------------------ positions at each article


def test_a_snapshot_takes_the_articles_own_row_else_the_latest_before_its_window(two_articles):
    rows, arts = two_articles
    first, second = an.snapshots(rows, arts).values()
    first, second = first.set_index("actor"), second.set_index("actor")
    assert set(first.index) == {"Alpha", "Beta", "Gamma", "Delta"}
    assert first.loc["Delta", "stance"] == "not_stated"            # named, no position, none on record
    assert second.loc["Alpha", "stance"] == "open" and not second.loc["Alpha", "in_article"]
    assert second.loc["Alpha", "date"] == "2026-01-06" and second.loc["Alpha", "stance_id"] == "s06"
    assert second.loc["Beta", "stance"] == "open" and second.loc["Beta", "in_article"]
    assert second.loc["Eps", "stance"] == "willing"
    assert "Zeta" not in second.index                             # spoke inside the window, not before it


def test_snapshots_follow_the_articles_table_in_date_order(two_articles):
    rows, arts = two_articles
    reversed_ = arts.iloc[::-1].reset_index(drop=True)           # the file's order is not the book's
    assert list(an.snapshots(rows, reversed_)) == ["a1", "a2"]
    assert list(articles_in_order(reversed_)["article_id"]) == ["a1", "a2"]
    assert list(an.snapshots(rows, arts.iloc[[1]])) == ["a2"]


def test_shift_from_the_first_article_to_the_last(two_articles):
    rows, arts = two_articles
    moves = an.shift(rows, arts).set_index("actor")["direction"].to_dict()
    assert moves == {"Alpha": "towards", "Beta": "away", "Gamma": "held", "Delta": "entered",
                     "Eps": "entered", "Zeta": "none"}
    sentence = txt.shift_sentence(rows, arts)
    assert sentence.startswith("Between the first article (Outlet 1, 12 December 2024 – 19 January 2025) and the "
                               "second (Outlet 2, 27 January – 24 February 2026), ")
    assert "Alpha moved towards backing a European force; Gamma held its position; and Beta became less " \
           "supportive." in sentence
    assert txt.entered_sentence(rows, arts) == \
        "By the second article, two more actors had taken a position, all of them pushing, willing or open."


def test_there_is_a_snapshot_and_a_column_for_every_article(two_articles):
    rows, arts = two_articles
    three = with_third(arts)
    html = tab.snapshot_table(rows, three, "t").html
    assert html.count('<th scope="col">At the Outlet') == 3
    assert "At the Outlet 3 article (1–30 June 2026)" in html
    assert len(an.snapshots(rows, three)) == 3
    # at the third article, Zeta's statement of 1 February 2026 is on record
    assert an.snapshots(rows, three)["a3"].set_index("actor").loc["Zeta", "stance"] == "willing"
    assert txt.snapshot_sentence(rows, arts) == (
        "At the first article, three actors had a position, all of them in the article; at the second article, "
        "five actors had a position, three of them in the article itself and the rest from earlier statements.")


def test_snapshot_table_tells_article_rows_from_earlier_statements(two_articles):
    rows, arts = two_articles
    out = tab.snapshot_table(rows, arts, "t")
    # first column: four article cells; second: three article cells, Alpha's and Eps's dates
    assert out.html.count("td-source-article") == 7
    assert "6 January 2026" in out.html and "1 March 2025" in out.html
    assert out.html.count("\u2014</span>") == 1                      # Eps had no position at the first article
    assert "Zeta" not in out.html                                      # no position at either article
    assert "Eps: At the Outlet 1 article (12 December 2024 – 19 January 2025): no position on record yet" in out.text


# ------------------------------------------------------------------ any number of articles


def test_articles_are_named_by_their_place_and_the_only_one_is_the_article():
    assert article_names(articles(AC_WINDOW, RS_WINDOW)) == {"a2": "the first article", "a1": "the second article"}
    assert article_names(articles(RS_WINDOW)) == {"a1": "the article"}
    assert [ordinal(n) for n in (1, 3, 12, 13, 21, 22, 111)] == ["first", "third", "twelfth", "13th", "21st",
                                                                  "22nd", "111th"]
    assert article_window(articles("2025-03-04").iloc[0]) == "4 March 2025"


def test_with_one_article_no_sentence_compares_articles(two_articles):
    rows, arts = two_articles
    one = arts.iloc[[0]]
    assert txt.shift_sentence(rows, one) == ("The record holds one article (Outlet 1, 12 December 2024 – 19 "
                                             "January 2025), so it shows no change from one article to another.")
    assert txt.snapshot_sentence(rows, one) == "At the article, three actors had a position, all of them in the article."
    assert txt.entered_sentence(rows, one) == "With one article, no actor can take a position between articles."
    assert txt.chart_windows(one) == ("The article is not dated, so its rows carry its publication window, drawn "
                                      "as a bar across it.")
    assert txt.record_windows(one) == ("The article carries no date, so the rows taken from it carry its "
                                       "publication window (a1: 12 December 2024 – 19 January 2025).")
    assert tab.snapshot_table(rows, one, "t").html.count('<th scope="col">At the Outlet') == 1
    alone = rows[rows["article_id"] != "a2"]                     # the record as it stands with one article
    for key, value in txt.chapter_values(alone, one).items():
        assert not re.search(r"\b(both|two|first|second|neither)\b", value, re.I), (key, value)


def test_with_three_articles_the_last_is_the_last(two_articles):
    rows, arts = two_articles
    three = with_third(arts)
    assert txt.shift_sentence(rows, three).startswith(
        "Between the first article (Outlet 1, 12 December 2024 – 19 January 2025) and the last (Outlet 3, "
        "1–30 June 2026), ")
    # Zeta (1 February 2026) has a position by the third article: three actors entered, all at least open
    assert txt.entered_sentence(rows, three) == \
        "By the last article, three more actors had taken a position, all of them pushing, willing or open."
    assert txt.snapshot_sentence(rows, three).endswith(
        "at the third article, six actors had a position, none of them in the article.")
    assert txt.chart_windows(three) == ("No article is dated, so their rows carry the article's publication window, "
                                        "drawn as a bar across it.")
    assert txt.record_windows(three).startswith("No article carries a date, so the rows taken from an article "
                                                "carry its publication window (a1: ")
    for key, value in txt.chapter_values(rows, three).items():
        # 'both of its recorded statements' counts an actor's statements (computed), not articles
        value = value.replace("in both of its recorded statements", "")
        assert not re.search(r"\b(both|neither)\b|\bthe second \(|\bthe two\b", value, re.I), (key, value)


def test_articles_dated_to_the_day_are_counted_apart():
    five = articles(RS_WINDOW, "2025-03-04", AC_WINDOW, "2026-03-01", "2026-04-01")
    assert txt.chart_windows(five) == ("Two of the five articles are not dated, so their rows carry the article's "
                                       "publication window, drawn as a bar across it.")
    assert txt.record_windows(five) == (
        "Two of the five articles carry no date, so the rows taken from them carry their publication windows "
        "(a1: 12 December 2024 – 19 January 2025; a3: 27 January – 24 February 2026).")
    one_of_two = articles(RS_WINDOW, "2025-03-04")
    assert txt.chart_windows(one_of_two) == ("One of the two articles is not dated, so its rows carry its "
                                             "publication window, drawn as a bar across it.")
    assert txt.chart_windows(articles("2025-03-04", "2025-04-04")) == "Every article is dated to the day."
    assert txt.record_windows(articles("2025-03-04")) == "The article carries its day of publication."


def test_an_actor_named_without_a_position_is_said_where_it_appears(two_articles):
    rows, arts = two_articles
    named = frame([row("n1", "NATO", RS_WINDOW, "not_stated", article="a1", actor_type="institution",
                       quote="It was discussed by ministers."),
                   row("n2", "Alpha", RS_WINDOW, "open", article="a1")])
    assert txt.silent_sentence(named, arts) == ("NATO appears only in the first article, with no position recorded "
                                                "for it: \u201cIt was discussed by ministers.\u201d")
    again = pd.concat([named, frame([row("n3", "NATO", "2026-06-05/2026-06-20", "not_stated", article="a3",
                                         actor_type="institution", quote="")])], ignore_index=True)
    assert txt.silent_sentence(again, with_third(arts)).startswith(
        "NATO appears only in the first article and the third article, with no position")
    # Delta is named without a position in the first article but takes one later: not silent
    assert txt.silent_sentence(rows, arts) == "Every actor the articles name has a position on record."


def test_the_other_governments_are_the_states_without_a_section(two_articles):
    data = frame([row("s1", "France", "2025-01-01", "pushing"), row("s2", "Norway", "2025-01-02", "willing"),
                  row("s3", "NATO", RS_WINDOW, "not_stated", article="a1", actor_type="institution"),
                  row("s4", "Italy", "2025-01-03", "cool")])
    assert act.other_governments(data) == ["Norway", "Italy"]
    for n, lead in ((1, "The article records no position"), (2, "Neither article records a position"),
                    (3, "No article records a position")):
        arts = articles(RS_WINDOW, AC_WINDOW, "2026-06-01/2026-06-30").iloc[:n]
        assert act.others_sentence(data, arts) == (f"{lead} for the two other governments in the record. By their "
                                                   f"latest statements they stand as follows: willing: Norway; "
                                                   f"cool: Italy.")
    quoted_ = pd.concat([data, frame([row("s5", "Italy", RS_WINDOW, "cool", article="a1")])], ignore_index=True)
    assert act.others_sentence(quoted_, articles(RS_WINDOW)).startswith("The record holds two other governments.")
    values = txt.chapter_values(data, articles(RS_WINDOW))
    assert {f"move_{a}" for a in ("France", "Norway", "NATO", "Italy")} <= set(values)


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
    groups = an.own_troops_groups(data)
    assert groups == {"yes": [], "offered": ["Offers", "Leads", "Later"], "conditions": ["NoPoint", "Nearby"],
                      "no": ["Backs", "Refuses"], "no_backing": ["Backs"]}
    assert an.latest_own_troops(data, "no") == ["Backs", "Refuses"]
    text = act.own_troops_sentence(data)
    assert "Offers, Leads and Later offered their own troops, on stated conditions." in text
    assert "NoPoint and Nearby set conditions on any part for their own troops, without offering them." in text
    assert "Backs and Refuses ruled their own troops out, Backs while at least open to a force." in text
    assert text.endswith("No actor promised troops without conditions.")
    assert "three actors offered their own troops on stated conditions and two more set conditions" in \
        act.own_troops_counts(data)


def test_line_sentence_says_all_only_when_all():
    four = frame([row(f"s{i}", "Russia", f"2025-0{i}-01", "hostile") for i in range(1, 5)])
    assert act.line_sentence(four, "Russia", "hostile", "x") == "All four Russian statements on record are hostile: x."
    mixed = frame([row(f"s{i}", "Russia", f"2025-0{i}-01", s)
                   for i, s in enumerate(("hostile", "hostile", "hostile", "opposed"), start=1)])
    assert act.line_sentence(mixed, "Russia", "hostile", "x").startswith("Three of the four Russian statements")
    assert act.line_sentence(four.iloc[:1], "Russia", "hostile", "x").startswith("The only Russian statement")


def test_numbers_are_words_up_to_twelve():
    assert [number(n) for n in (0, 1, 4, 12, 13, 1200)] == ["no", "one", "four", "twelve", "13", "1,200"]


# ------------------------------------------------------------------ the record table


def test_markup_in_the_data_is_escaped_everywhere():
    evil = "<script>alert(1)</script>"
    data = frame([
        row("s001", evil, "2025-01-02", "open", quote=evil, speaker=evil, outlet=evil),
        row("s002", "Beta", RS_WINDOW, "cool", article="a1", quote=evil),
    ])
    html = fig.stance_timeline(data).html()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    for out in (tab.record_table(data, evil), tab.snapshot_table(data, articles(RS_WINDOW), evil)):
        assert "<script>alert" not in out.html and "&lt;script&gt;" in out.html


def test_only_http_links_become_links():
    data = frame([row("s001", "Alpha", "2025-01-02", "open", url="javascript:alert(1)", outlet="Bad"),
                  row("s002", "Beta", "2025-01-03", "open", url="https://example.org/x", outlet="Good")])
    html = tab.record_table(data, "t").html
    assert 'href="javascript' not in html
    assert 'href="https://example.org/x"' in html


def test_record_table_tells_article_rows_from_other_rows(small):
    html = tab.record_table(small, "t").html
    assert html.count("td-source-article") == 3
    assert html.count("td-source-external") == 4


def test_quotes_inside_quotes_take_single_marks():
    data = frame([row("s001", "Alpha", "2025-01-02", "open", quote="a plan for 40,000 \u201cpeacekeepers\u201d")])
    html = tab.record_table(data, "t").html
    assert "\u201ca plan for 40,000 \u2018peacekeepers\u2019\u201d" in html
    assert "\u201cpeacekeepers" not in html


def test_paraphrase_rows_say_there_is_no_quote():
    data = frame([row("s001", "Alpha", "2025-01-02", "cool", quote="")])
    assert "paraphrase only" in tab.record_table(data, "t").html


def test_record_table_shows_the_runner_up_and_source_grade_when_the_row_has_them():
    plain = frame([row("s001", "Alpha", "2025-01-02", "open")])
    assert "runner-up" not in tab.record_table(plain, "t").html
    richer = frame([row("s001", "Alpha", "2025-01-02", "open", stance_runner_up="willing",
                        source_grade="wire_or_major", source_date="2025-01-03")])
    html = tab.record_table(richer, "t").html
    assert "runner-up: Willing" in html
    assert "wire or major" in html and "source dated 3 January 2025" in html


def test_teaser_table_is_separate_and_ordered_by_the_loan_codebook():
    from troops_debate.tables.articles import teaser_table
    positions = _typed("teaser_positions.csv", [
        {"teaser_id": "t", "actor": "Beta", "actor_code": "BB", "position": "opposed", "quote": "q <b>", "note": ""},
        {"teaser_id": "t", "actor": "Alpha", "actor_code": "AA", "position": "leading_proponent", "quote": "q",
         "note": ""},
        {"teaser_id": "t", "actor": "Gamma", "actor_code": "GG", "position": "opposed", "quote": "q", "note": ""},
    ])
    html = teaser_table(positions, "t", "Loan").html
    assert html.index("Alpha") < html.index("Beta") < html.index("Gamma")   # codebook order, then the file's
    assert "<b>" not in html


# ------------------------------------------------------------------ the real data


def test_the_real_data_builds_and_its_article_rows_span_the_article_windows():
    import troops_debate as td
    stances, arts = td.load_stances(), td.load_articles()
    figure = fig.stance_timeline(stances)
    assert f"{len(stances)} dated statements" in figure.description
    assert len(figure.table) == len(stances)
    drawn, dated = fig.timeline_data(stances), an.in_time_order(stances)   # the same rows, in the same order
    for art in arts.itertuples():
        spans = drawn[(dated["article_id"] == art.article_id).to_numpy()]
        assert len(spans) == int((stances["article_id"] == art.article_id).sum()) > 0
        assert set(spans["precision"]) == {"window"}
        assert set(map(tuple, spans[["start", "end"]].values)) == {(art.date_earliest, art.date_latest)}
    assert len(an.snapshots(stances, arts)) == len(arts)


def test_the_real_data_gives_every_glued_value_with_any_number_of_articles():
    import troops_debate as td
    stances, arts = td.load_stances(), td.load_articles()
    values = txt.chapter_values(stances, arts)
    assert {f"move_{a}" for a in act.MAIN_ACTORS} <= set(values)
    assert set(act.MAIN_ACTORS) <= set(stances["actor"])               # the config names actors of the data
    # one article: the first one's rows only; three: a later article with no rows of its own
    first = articles_in_order(arts).iloc[[0]]
    alone = stances[stances["article_id"].isin(["", first["article_id"].iloc[0]])]
    for key, value in txt.chapter_values(alone, first).items():
        value = value.replace("in both of its recorded statements", "")   # counts statements, not articles
        assert not re.search(r"\b(both|neither|second|first)\b|\bthe two\b", value, re.I), (key, value)
    three = pd.concat([arts, articles("2026-12-01/2026-12-20").assign(article_id="zz2026", outlet="Third")],
                      ignore_index=True)
    assert txt.chapter_values(stances, three)["snap_counts"].count("at the third article") == 1
    assert tab.snapshot_table(stances, three, "t").html.count('<th scope="col">At the ') == 3
    assert txt.record_values(stances, three)["undated"].startswith("No article carries a date")


def test_the_note_is_folded_under_the_quote_and_checking_is_counted():
    data = frame([row("s001", "Alpha", "2025-01-02", "open"), row("s002", "Beta", "2025-01-03", "open")])
    data.loc[0, "note"] = "Translation: <i>x</i>"
    html = tab.record_table(data, "t").html
    assert html.count("<details") == 1 and "Translation: &lt;i&gt;x&lt;/i&gt;" in html
    assert txt.checking_sentence(data).startswith("Every row is marked \u201cChecked\u201d")
    data.loc[1, "checked"] = "lead"
    assert txt.checking_sentence(data).startswith("Checking: checked, 1 (")
    assert "lead only, 1 (" in txt.checking_sentence(data)


# ------------------------------------------------------------------ the notebooks


@pytest.mark.parametrize("page", ["book/analysis/stances.ipynb", "book/record/stances.ipynb"])
def test_the_notebooks_are_thin_and_name_no_actor_or_article(page):
    import troops_debate as td
    code = [c.source for c in nbformat.read(ROOT / page, as_version=4).cells if c.cell_type == "code"]
    assert code and all(len(c.splitlines()) <= 15 for c in code)
    assert not any(re.search(r"^\s*def ", c, re.M) for c in code)
    names = set(td.load_actors()["actor"]) | set(td.load_articles()["article_id"])
    for name in names:
        assert not any(f'"{name}"' in c or f"'{name}'" in c for c in code), name
    assert not any("stances_charts" in c for c in code)
