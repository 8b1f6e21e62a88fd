"""The red-lines chapter and its record page (analysis, figures, tables and text of `red_lines`),
checked on small typed tables built here."""
from __future__ import annotations

import ast
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from troops_debate.analysis import red_lines as rl
from troops_debate.data import codebooks as cb
from troops_debate.data.load import typed
from troops_debate.data.schemas import ARGUMENTS, ARTICLES, RED_LINES
from troops_debate.figures import red_lines as fig
from troops_debate.tables import red_lines as tab
from troops_debate.text import red_lines as txt
from troops_debate.text import wording


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


def table_of(rows: list[dict], schema=RED_LINES) -> pd.DataFrame:
    """The rows as the loader types them (ordered categoricals, date parts, tuples)."""
    return typed(list(enumerate(rows, start=2)), schema)


ROWS = [
    row("rl01", warning_date="2022-03-01", step_date="2022-05-01", response_category="nuclear_signalling",
        response="Drills announced"),
    row("rl02", warning_date="2022-06-01", step_date="2022-06-20", response_category="strike_on_systems",
        response="The ministry claimed to have destroyed two launchers"),
    row("rl03", warning_date="2024-02-27", category="troops", step_status="not_taken", step_date="",
        step_date_precision="", response_date="2025-01-05", response="Statements"),
    row("rl04", warning_date="2023-07-16", step_date="2023-07-07", category="weapons_use",
        order_note="The warning followed the step"),
]


@pytest.fixture
def rows() -> list[dict]:
    return [dict(r) for r in ROWS]


@pytest.fixture
def record(rows) -> pd.DataFrame:
    return table_of(rows)


def article(article_id: str, earliest: str, latest: str, basis: str = "inferred", outlet: str = "Outlet") -> dict:
    base = {name: "" for name in ARTICLES.names}
    base.update(article_id=article_id, outlet=outlet, date_earliest=earliest, date_latest=latest,
                date_basis=basis, word_count="100", position="for")
    return base


ARTICLE_ROWS = [article("late", "2026-01-27", "2026-02-24", outlet="Late Outlet"),
                article("early", "2024-12-12", "2025-01-19", outlet="Early Outlet")]


@pytest.fixture
def articles() -> pd.DataFrame:
    return table_of(ARTICLE_ROWS, ARTICLES)


def test_key_numbers_count_the_record(record):
    k = rl.key_numbers(record)
    assert (k["n_red_lines"], k["n_taken"], k["n_not_taken"]) == (4, 3, 1)
    assert k["n_rhetorical"] == 2 and k["n_nuclear_signalling"] == 1 and k["n_attack_on_nato"] == 0
    assert k["n_claimed"] == 1  # the strike row says "claimed"
    assert k["first_warning"] == "2022-03-01" and k["last_warning"] == "2024-02-27"
    assert k["record_end"] == date(2025, 1, 5)  # latest date anywhere in the rows
    assert k["n_step_first"] == 1  # rl04: step on 7 July, warning on 16 July
    assert (k["n_sources"], k["n_checked_yes"], k["n_checked_lead"]) == (4, 4, 0)
    values = txt.prose_values(record)
    assert values["first_warning"] == "1 March 2022" and values["last_warning"] == "27 February 2024"
    assert values["record_end"] == "5 January 2025"


def test_a_step_known_to_the_month_only_comes_first_only_if_the_whole_month_does(rows):
    # warning on 24 February, step "February": the step may have come after the warning
    rows[0].update(warning_date="2022-02-24", step_date="2022-02", step_date_precision="month")
    assert rl.key_numbers(table_of(rows))["n_step_first"] == 1
    rows[0]["step_date"] = "2022-01"
    assert rl.key_numbers(table_of(rows))["n_step_first"] == 2
    rows[0]["step_date"], rows[0]["step_date_precision"] = "2022-02-24", "day"  # the same day: not before it
    assert rl.key_numbers(table_of(rows))["n_step_first"] == 1


def test_counts_are_written_as_a_reader_would():
    number, share = wording.number_alone, wording.share
    assert [number(n) for n in (0, 1, 4, 9, 12, 13, 17)] == ["none", "one", "four", "nine", "twelve", "13", "17"]
    assert wording.counted(0, "warning") == "no warnings" and wording.counted(1, "warning") == "one warning"
    assert share(16, 16) == "all 16" and share(0, 16) == "none of the 16"
    assert share(1, 16) == "one of 16" and share(7, 34) == "7 of 34"
    assert share(3, 4) == "three of four" and share(7, 8) == "seven of eight"
    assert [share(n, 2) for n in (0, 1, 2)] == ["neither", "one of the two", "both"]
    assert share(1, 1) == "the only one"
    for n, total in ((5, 5), (12, 12), (3, 3)):
        assert not re.search(r"\b(\w+) of (the )?\1\b", share(n, total))  # never "N of the N"
    assert wording.join(["a"]) == "a" and wording.join(["a", "b", "c"]) == "a, b and c"
    assert wording.lower_first("Attack on a NATO state") == "attack on a NATO state"
    assert wording.lower_first("NATO membership") == "NATO membership"


def test_strongest_response_follows_the_codebook_scale(rows):
    assert rl.strongest_response(table_of(rows)).code == "strike_on_systems"
    only_words = table_of([{**r, "response_category": "rhetorical"} for r in rows])
    assert rl.strongest_response(only_words).code == "rhetorical"


def test_prepare_orders_by_warning_and_is_done_once(record):
    frame = rl.prepare(record)
    assert list(frame["event_id"]) == ["rl01", "rl02", "rl04", "rl03"] and list(frame["order"]) == [1, 2, 3, 4]
    assert list(frame["claimed"]) == [False, True, False, False]
    assert list(frame["taken"]) == [True, True, True, False]
    assert rl.prepare(frame) is frame


def test_title_and_description_state_the_computed_finding(rows, record):
    figure = fig.timeline_chart(record)
    title = fig.timeline_title(record)
    assert title == "The step was taken in three of four cases; no warning was followed by an attack on a NATO state"
    assert "Timeline of 4 red lines" in figure.description
    assert "Step rl03: warning 27 February 2024, step Not taken, response Rhetorical" in figure.description
    # the title shown in the chart carries the same words, wrapped for phone and desktop
    spec = figure.spec()
    assert "three of four cases" in spec["title"]["text"]["expr"]
    rows[1]["response_category"] = "attack_on_nato"
    assert fig.timeline_title(table_of(rows)).endswith("; one warning was followed by an attack on a NATO state")


def test_articles_are_drawn_as_their_date_windows(record, articles):
    windows = rl.article_windows(articles)
    assert list(windows["article"]) == ["early", "late"]
    # the band runs to the end of the last possible day
    assert list(windows.iloc[1][["start", "end"]]) == [date(2026, 1, 27), date(2026, 2, 25)]
    figure = fig.timeline_chart(record, articles)
    spec = figure.spec()
    bands = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "rect"
             and "field" in layer.get("encoding", {}).get("x2", {})]
    assert len(bands) == 1 and bands[0]["encoding"]["x2"]["field"] == "end"
    assert not [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "rule"
                and layer["encoding"].get("x", {}).get("field") == "day"]  # no single day per article
    assert "late, 27 January – 24 February 2026 (inferred)" in figure.description
    assert "The articles' inferred dates: early" in figure.description
    assert "grey bands: the articles' inferred dates" in " ".join(spec["title"]["subtitle"])
    assert figure.source.endswith("the articles' dates are inferred from their texts")


def article_data(spec: dict) -> list[dict]:
    return next(values for values in spec["datasets"].values() if values and "t_window" in values[0])


@pytest.mark.parametrize("n", [1, 2, 5])
def test_every_article_in_the_table_is_marked_and_the_words_fit_their_number(record, n):
    months = ["2022-04", "2023-03", "2024-05", "2025-06", "2026-01"][:n]
    # listed latest first: the chart orders them by date
    frame = table_of([article(f"a{i}", f"{m}-01", f"{m}-09", outlet=f"O{i}")
                      for i, m in reversed(list(enumerate(months)))], ARTICLES)
    figure = fig.timeline_chart(record, frame)
    spec = figure.spec()
    assert [v["article"] for v in article_data(spec)] == [f"a{i}" for i in range(n)]  # in date order, every one
    subtitle = " ".join(spec["title"]["subtitle"])
    words = " ".join([subtitle, figure.description, figure.source])
    if n == 1:
        assert "grey band: the article's inferred date" in subtitle
        assert "the article's date is inferred from its text" in figure.source
        assert "articles" not in words
    else:
        assert "grey bands: the articles' inferred dates" in subtitle
    assert not re.search(r"\b(both|two) articles\b", words)


def test_article_dates_that_are_not_all_inferred_are_not_called_inferred(record):
    frame = table_of([article("a", "2024-12-12", "2024-12-12", basis="text"),
                      article("b", "2025-03-01", "2025-03-09")], ARTICLES)
    figure = fig.timeline_chart(record, frame)
    assert [v["t_window"] for v in article_data(figure.spec())] == [
        "12 December 2024 (stated in the text)", "1–9 March 2025 (inferred)"]
    assert "the articles' dates" in " ".join(figure.spec()["title"]["subtitle"])
    assert "inferred dates" not in " ".join(figure.spec()["title"]["subtitle"])
    assert figure.source.endswith("the dates marked (inferred) are inferred from the articles' texts")


def test_without_articles_the_chart_speaks_of_no_bands(record):
    figure = fig.timeline_chart(record)
    assert "band" not in " ".join(figure.spec()["title"]["subtitle"]) and "article" not in figure.source


def test_timeline_rows_are_ordered_by_warning_and_open_steps_run_to_the_end(record):
    spec = fig.timeline_chart(record).spec()
    values = next(iter(spec["datasets"].values()))
    assert [v["id"] for v in values] == ["rl01", "rl02", "rl04", "rl03"]
    open_row = next(v for v in values if v["id"] == "rl03")
    assert open_row["mark"] == "2024-02-27" and open_row["end"] == "2025-01-05"
    assert open_row["said"] == "Rhetorical \u00b7 not taken"
    back = next(v for v in values if v["id"] == "rl04")  # step before warning: the line runs back
    assert (back["start"], back["end"]) == ("2023-07-07", "2023-07-16")


def test_timeline_colours_and_shapes_come_from_the_codebook(record):
    spec = fig.timeline_chart(record).spec()
    encodings = [layer["encoding"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    colour, shape = encodings[0]["color"]["scale"], encodings[0]["shape"]["scale"]
    present = [lab for lab in cb.RESPONSES if lab.code in {"rhetorical", "nuclear_signalling", "strike_on_systems"}]
    assert colour["domain"] == [lab.name for lab in present]  # codebook order, only the responses present
    assert colour["range"] == [lab.colour for lab in present]
    assert shape["range"] == [lab.shape for lab in present]


def test_spec_is_deterministic(record, articles):
    first = json.dumps(fig.timeline_chart(record, articles).spec(), sort_keys=True)
    second = json.dumps(fig.timeline_chart(record.copy(), articles.copy()).spec(), sort_keys=True)
    assert first == second
    assert tab.category_table(record).html == tab.category_table(record.copy()).html


def test_category_summary_counts_each_subject_and_all(record):
    summary = rl.category_summary(record).set_index("category")
    assert list(summary.index) == ["Weapons supply", "Use inside Russia", "Western troops", "All"]  # codebook order
    assert summary.loc["Weapons supply", ["warnings", "taken", "nuclear_signalling", "strike_on_systems"]].tolist() \
        == [2, 2, 1, 1]
    assert summary.loc["Western troops", ["warnings", "taken", "rhetorical"]].tolist() == [1, 0, 1]
    assert summary.loc["All", ["warnings", "taken", "rhetorical", "attack_on_nato"]].tolist() == [4, 3, 2, 0]
    assert summary["claimed"].tolist() == [True, False, False, True]


def test_category_table_lists_the_responses_strongest_first(record):
    out = tab.category_table(record)
    assert "the step was taken in three of four cases, and an attack on a NATO state followed none of the four" \
        in out.html
    supply = out.html.split("<td>Weapons supply</td>")[1].split("</tr>")[0]
    assert supply.index("Strike on the systems") < supply.index("Nuclear signalling")
    assert "(Russian claims)" in supply
    assert "Rhetorical" not in supply  # only the responses that occurred
    assert "<td><strong>All</strong></td>" in out.html
    assert "red_lines.csv" in out.html


def test_prose_values_glue_sentences_that_stay_true(rows, record):
    values = txt.prose_values(record, ["weapons_supply", "weapons_use"])
    assert values["taken"] == "three of four" and values["not_taken"] == "one"
    assert values["named_n"] == "three" and values["named_taken"] == "all three"
    assert values["named_attack"] == "none of the three" and values["named_not_taken_steps"] == "none"
    assert values["troops_n"] == "one" and values["troops_taken"] == "none"  # one troops row, step not taken
    assert values["strikes"] == "The one strike on the delivered systems is a Russian claim of battlefield destruction."
    rows[2].update(response_category="strike_on_systems", response="Tanks claimed destroyed")
    assert txt.strikes_sentence(table_of(rows)) == \
        "Both strikes on the delivered systems are Russian claims of battlefield destruction."
    rows[2]["response"] = "Tanks destroyed, confirmed"
    assert txt.strikes_sentence(table_of(rows)).startswith(
        "Of the two strikes on the delivered systems, one is a Russian claim")


def test_the_named_categories_are_codebook_categories():
    assert set(txt.NAMED) | set(txt.TROOPS) | set(txt.ALLIANCE) <= set(cb.RED_LINE_CATEGORIES.codes)


def test_warnings_and_responses_in_words(rows):
    rows[2].update(warned_by="Dmitry Peskov, Kremlin spokesman", warning_quote='it will cross the "red line"',
                   response_category="rhetorical")
    record = table_of(rows)
    assert txt.warnings_text(record, ["troops"]) == \
        "from Dmitry Peskov on 27 February 2024 (\u201cit will cross the \u2018red line\u2019\u201d)"
    assert txt.responses_text(record, ["troops"]) == "words alone (5 January 2025)"
    assert txt.steps_text(record, ["weapons_supply"]) == (
        "Step rl01 (taken; nuclear signalling) and Step rl02 (taken; strike on the systems)")
    first, last = date(2026, 1, 27), date(2026, 2, 24)
    assert [rl.relation(d, first, last) for d in (date(2026, 1, 8), date(2026, 2, 1), date(2026, 3, 1))] == [
        "before", "within", "after"]


@pytest.mark.parametrize("response_date, relation", [("2025-01-05", "before"), ("2026-02-01", "within"),
                                                     ("2026-03-01", "after")])
def test_the_record_end_is_set_against_the_latest_article_in_the_table(rows, articles, response_date, relation):
    rows[2]["response_date"] = response_date
    values = txt.latest_article_values(table_of(rows), articles)  # the latest article is the table's first row
    assert values == {"latest_outlet": "Late Outlet", "latest_window": "27 January – 24 February 2026",
                      "latest_basis": "inferred from its text", "end_relation": relation}


def test_chapter_values_quote_every_claim_and_name_no_article(record, articles):
    claims = table_of([{**{name: "" for name in ARGUMENTS.names}, "claim_id": cid, "quote": q, "paragraph": "1"}
                       for cid, q in (("late-c01", 'a "red line"'), ("early-c02", "empty threats"))], ARGUMENTS)
    values = txt.chapter_values(record, articles, claims)
    assert values["q_late_c01"] == "\u201ca \u2018red line\u2019\u201d" and values["q_early_c02"] == \
        "\u201cempty threats\u201d"
    assert values["rl_n"] == "four" and values["rl_end_relation"] == "before"
    assert all(isinstance(v, str) for v in values.values())


def test_record_page_counts_and_table(rows):
    rows[1]["checked"], rows[2]["checked"] = "partly", "partly"
    rows[0].update(sources="https://example.org/a|https://example.org/b", source_outlets="A|B",
                   source_kinds="original|wire")
    record = table_of(rows)
    assert txt.record_values(record) == {"rec_n": "four", "rec_sources": "five", "rec_yes": "two",
                                         "rec_partly": "two", "rec_lead": "none"}
    out = tab.record_table(record)
    body = out.html.split("<tbody>")[1]
    assert re.findall(r"<small>(rl0\d) ", body) == ["rl01", "rl02", "rl04", "rl03"]  # in order of warning
    assert "(Russian claim)" in body and '<span class="td-badge">news agency</span>' in body
    assert "The warning followed the step" in body and "red_lines.csv" in out.html


def test_data_text_is_escaped_in_figures_and_cells(rows):
    evil = "<script>alert(1)</script>"
    rows[0].update(step=evil, source_outlets=evil, note=evil)
    record = rl.prepare(table_of(rows))
    html = fig.timeline_chart(record).html()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    first = record.iloc[0]
    cell = tab.sources_cell(first["sources"], first)
    assert "<script>" not in cell and "&lt;script&gt;" in cell
    assert "<script>" not in tab.red_line_cell(first["event_id"], first) + tab.sources_notes_cell(
        first["sources"], first)
    assert "<script>alert" not in tab.record_table(record).html


def test_only_http_sources_become_links(rows):
    rows[1].update(sources="javascript:alert(1)|https://example.org/b", source_outlets="Bad|Good",
                   source_kinds="repost|original")
    second = rl.prepare(table_of(rows)).set_index("event_id").loc["rl02"]
    cell = tab.sources_cell(second["sources"], second)
    assert 'href="javascript' not in cell
    assert '<a href="https://example.org/b"' in cell
    assert "repost" in cell  # a copy of another outlet's report is marked


PACKAGE = Path(rl.__file__).resolve().parent.parent


def imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_chapter_modules_import_one_way():
    analysis = imports(PACKAGE / "analysis" / "red_lines.py")
    assert not {m for m in analysis if m.startswith(("altair", "..figures", "..tables", "..text", "."))
                and m not in ("..data", "..data.dates")}, analysis
    for layer in ("figures", "tables", "text"):
        found = imports(PACKAGE / layer / "red_lines.py")
        others = {"figures", "tables", "text"} - {layer}
        # a layer reads the data and the analysis, and only the shared helpers of the other layers
        assert not {m for m in found if any(m.startswith(f"..{o}.") for o in others)
                    and m not in ("..text.quotes", "..text.wording", "..tables.html")}, (layer, found)
        assert (layer == "figures") == ("altair" in found)


def test_the_chapter_modules_are_short():
    for layer in ("analysis", "figures", "tables", "text"):
        assert len((PACKAGE / layer / "red_lines.py").read_text().splitlines()) <= 250, layer
