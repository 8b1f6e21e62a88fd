"""Unit tests of the shared package: rendering, escaping, mentions, exports, codebooks."""
from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from troops_debate import charts
from troops_debate import html as render
from troops_debate import positions
from troops_debate import wording
from troops_debate.data import codebooks as cb
from troops_debate.data.derived import count_mentions, mentions
from troops_debate.data.derived import export_csv, neutralise_formula

EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)></table>{{x}} **bold** javascript:alert(3) & "q"'


def small_figure(text: str = "ok") -> charts.Figure:
    frame = pd.DataFrame({"name": [text, "b"], "value": [1, 2]})
    chart = alt.Chart(frame, title="A title").mark_bar().encode(x="value:Q", y="name:N",
                                                                 tooltip=["name:N"]).properties(width="container")
    return charts.Figure(chart, f"Bars for {text}", f"source {text}", frame, download="x.csv")


def test_chart_html_is_deterministic_and_content_addressed():
    first, second = small_figure().html(), small_figure().html()
    assert first == second
    ident = re.search(r'id="(td-[0-9a-f]{12})"', first).group(1)
    assert ident != re.search(r'id="(td-[0-9a-f]{12})"', small_figure("other").html()).group(1)


def test_chart_html_escapes_data_text_everywhere():
    html = small_figure(EVIL).html()
    assert "<script>alert" not in html and "<img" not in html and "</table>{{" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text in the table and description
    spec_json = re.search(r'class="td-chart-spec"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "<" not in spec_json and json.loads(spec_json)  # inert JSON that still parses
    records = [r for rows in json.loads(spec_json)["datasets"].values() for r in rows]
    assert any(r["name"] == EVIL for r in records)  # the data itself is intact


def test_chart_has_text_alternative_source_and_download():
    figure = small_figure()
    bundle = figure._repr_mimebundle_()
    assert bundle["text/plain"] == "Bars for ok"
    assert set(bundle) == {"text/html", "text/plain"}  # no static fallback: the book draws every chart
    html = bundle["text/html"]
    assert 'role="img" aria-label="Bars for ok"' in html
    assert "Source: source ok" in html and "_static/download/x.csv" in html


def test_table_escapes_cells_and_keeps_formatter_markup():
    frame = pd.DataFrame({"a": [EVIL], "stance": ["cool"]})
    out = render.table(frame, {"a": "A", "stance": "Stance"}, caption="<b>cap</b>",
                       formatters={"stance": render.coded_chip(cb.STANCES)}, download=("a.csv", "b<.csv"))
    assert "<script>" not in out.html and "<b>cap</b>" not in out.html
    assert "&lt;script&gt;" in out.html and "Cool" in out.html and 'class="td-chip"' in out.html
    assert "_static/download/a.csv" in out.html and "b&lt;.csv" in out.html


@pytest.mark.parametrize("url, is_link", [("https://example.org/a?b=1&c=2", True), ("http://example.org", True),
                                          ("javascript:alert(1)", False), ("data:text/html,x", False),
                                          ("//evil.example", False)])
def test_links_only_for_http_addresses(url, is_link):
    out = render.link(url, "text")
    assert ("<a href" in out) is is_link


def test_safe_json_cannot_close_a_script():
    assert "</script>" not in render.safe_json({"x": "</script><script>alert(1)</script>"})


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+44", "'+44"), ("-x", "'-x"), ("@sum", "'@sum"),
                                             ("2024-12", "2024-12"), ("plain", "plain")])
def test_formula_injection_is_neutralised(value, expected):
    assert neutralise_formula(value) == expected


def test_export_csv_neutralises_cells_but_not_the_header(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('a,b\n"=HYPERLINK(""x"")",ok\n', encoding="utf-8")
    export_csv(source, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text() == "a,b\n\"'=HYPERLINK(\"\"x\"\")\",ok\n"


def test_mentions_count_aliases_as_whole_words():
    counts = count_mentions("Warsaw and Poland. The Kremlin said; Moscow agreed. USSR is not US. Macron, "
                            "Emmanuel Macron.")
    assert counts["Poland"] == 2 and counts["Russia"] == 2 and counts["United States"] == 1
    assert counts["Emmanuel Macron"] == 2  # "Emmanuel Macron" counts once, not as two aliases


def test_mentions_table_from_the_articles_lists_paragraphs():
    frame = mentions(["rs2024"])
    poland = frame[frame.entity == "Poland"].iloc[0]
    assert poland.mentions >= 2 and poland.paragraphs == "3"


def test_codebook_scales_are_complete():
    for labels in cb.CODEBOOKS.values():
        assert len(set(labels.codes)) == len(labels)
        assert all(label.definition for label in labels)
    assert {"pushing", "cool", "distant", "hostile", "not_stated"} <= set(cb.STANCES.codes)
    assert len({label.colour for label in cb.STANCES}) == len(cb.STANCES)
    assert len({label.shape for label in cb.RESPONSES}) == len(cb.RESPONSES)


def test_theme_is_enabled_for_every_chart():
    assert alt.theme.active == "troops_debate"
    spec = small_figure().spec()
    assert spec["config"]["range"]["category"] == charts.OKABE_ITO


def test_human_dates():
    assert wording.human("2024-12-07") == "7 December 2024"
    assert wording.human("2024-12") == "December 2024"
    assert wording.date_range("2024-12-12", "2025-01-19") == "between 12 December 2024 and 19 January 2025"


@pytest.mark.parametrize("n, words", [(0, "zero"), (1, "one"), (9, "nine"), (10, "10"), (28, "28")])
def test_numbers_in_words_follow_one_rule(n, words):
    assert wording.number(n) == words


def test_names_take_their_article_and_join_as_a_list():
    assert wording.names(["Poland"]) == "Poland"
    assert wording.names(["Poland", "United States", "Italy"]) == "Poland, the United States and Italy"


def test_a_quote_inside_a_quote_takes_single_marks():
    quoted = wording.quoted
    assert quoted("a plan for 40,000 \u201cpeacekeepers\u201d") == "\u201ca plan for 40,000 \u2018peacekeepers\u2019\u201d"
    assert quoted('it will cross the "red line" and') == "\u201cit will cross the \u2018red line\u2019 and\u201d"
    assert quoted("Russia\u2019s response") == "\u201cRussia\u2019s response\u201d"


def test_in_the_book_a_figure_shows_nothing_in_its_cell_and_elsewhere_draws_offline(monkeypatch):
    """The book places a figure by its glued HTML; JupyterLab (any front end) gets Altair's JupyterChart with the
    vega libraries inline (offline mode), and the source line and data table under it."""
    from IPython.core.interactiveshell import InteractiveShell
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown.extend(objs))
    monkeypatch.setenv(charts.BOOK_OUTPUT, "1")
    small_figure()._ipython_display_()
    assert shown == []
    monkeypatch.delenv(charts.BOOK_OUTPUT)
    small_figure()._ipython_display_()
    assert isinstance(shown[0], alt.JupyterChart) and alt.JupyterChart._is_offline
    assert "cdn" not in alt.JupyterChart._esm.lower()[:2000]
    assert "Source: source ok" in shown[1].html and "<table" in shown[1].html


def _rows(*rows):
    frame = pd.DataFrame(rows, columns=["stance_id", "actor", "date_mid", "date_start", "stance", "own_troops"])
    return frame


def test_the_latest_word_on_own_troops_is_the_latest_statement_that_says_something_of_them():
    d = pd.Timestamp
    frame = _rows(("s1", "A", d("2025-01-01"), d("2025-01-01"), "willing", "conditional"),
                  ("s2", "A", d("2025-06-01"), d("2025-06-01"), "open", "not_stated"),  # says nothing: skipped
                  ("s3", "B", d("2025-02-01"), d("2025-02-01"), "open", "conditional"),
                  ("s4", "C", d("2025-03-01"), d("2025-03-01"), "pushing", "no"),
                  ("s5", "D", d("2025-04-01"), d("2025-04-01"), "cool", "no_plan"),
                  ("s6", "E", d("2025-05-01"), d("2025-05-01"), "hostile", "not_applicable"))
    latest = positions.latest_on_own_troops(frame).set_index("actor")
    assert list(latest.index) == ["A", "B", "C", "D"]
    assert latest.at["A", "stance_id"] == "s1" and latest.at["A", "answer"] == "Offered troops, on conditions"
    assert latest.at["B", "answer"] == "Set conditions, without an offer"
    assert latest.at["C", "answer"] == "Rules out" and latest.at["D", "answer"] == "No plan at present"
