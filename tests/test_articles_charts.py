"""The article chapters' and the claims record page's tables, charts and numbers (troops_debate.analysis.articles,
figures.articles, tables.articles, text.articles), and the chapters themselves: one skeleton for every
article, its prose quoting the article verbatim."""
from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

import troops_debate as td
from typed import typed_table
from troops_debate.analysis import articles as analysis
from troops_debate.data import codebooks as cb
from troops_debate.figures import articles as figures
from troops_debate.figures.theme import two_lines
from troops_debate.tables import articles as tables
from troops_debate.tables import cards
from troops_debate.text import articles as text
from troops_debate.data.texts import article_paragraphs, read_text, word_count
from troops_debate.paths import ROOT, articles_dir
from troops_debate.data.texts import quote_in_text

HOSTILE = "<script>alert(1)</script>"


def claim(article, n, kind, theme, text="A claim.", quote="a quote", attributed_to=""):
    return {"article_id": article, "claim_id": f"{article}-c{n:02d}", "paragraph": n, "kind": kind,
            "theme": theme, "claim": text, "quote": quote, "attributed_to": attributed_to}


@pytest.fixture
def small():
    """Two made-up articles: 'aa' argues mostly about escalation, 'bb' has one cell of 4 claims."""
    rows = [claim("aa", 1, "thesis", "escalation"),
            claim("aa", 2, "argument", "escalation"),
            claim("aa", 3, "argument", "escalation", text=HOSTILE, quote=HOSTILE),
            claim("aa", 4, "evidence", "us_role", attributed_to="Some Paper"),
            claim("aa", 5, "context", "force_role", text=HOSTILE),
            claim("aa", 6, "concession", "ukraine_interest", attributed_to="critics")]
    rows += [claim("bb", i, "evidence", "european_will") for i in range(1, 5)]
    return typed_table("arguments.csv", rows)


def test_claim_matrix_has_every_cell_in_codebook_order(small):
    matrix = analysis.claim_matrix(small, "aa")
    assert len(matrix) == len(cb.THEMES) * len(cb.CLAIM_KINDS)
    assert matrix["claims"].sum() == 6
    assert list(matrix["theme"].drop_duplicates()) == [t.name for t in cb.THEMES]
    cell = matrix[(matrix["theme"] == "Escalation and Russian threats") & (matrix["kind"] == "Argument")]
    assert cell["claims"].item() == 2


def title_of(figure) -> tuple[str, str]:
    spec = figure.spec()["title"]
    return " ".join(spec["text"]), " ".join(spec["subtitle"])


def test_claims_chart_title_states_where_the_arguments_and_the_evidence_lie(small):
    figure = figures.claims_chart(small, "aa")
    title, subtitle = title_of(figure)
    # 'aa': both arguments on escalation, its one piece of evidence on the US role
    assert title == "aa argues most on escalation and Russian threats, and cites most evidence on the US role"
    assert subtitle == "Claims in aa by theme and kind: all 2 arguments; its only piece of evidence"
    assert "Escalation and Russian threats 3" in figure.description
    assert "Argument 2" in figure.description and "Recommendation 0" in figure.description
    assert figure.table["Claims"].sum() == 6


def test_claims_chart_title_names_tied_themes_and_says_when_a_kind_is_missing():
    rows = [claim("cc", 1, "argument", "escalation"), claim("cc", 2, "argument", "russia_position"),
            claim("cc", 3, "argument", "escalation"), claim("cc", 4, "argument", "russia_position"),
            claim("cc", 5, "argument", "us_role"), claim("cc", 6, "thesis", "us_role")]
    title, subtitle = title_of(figures.claims_chart(typed_table("arguments.csv", rows), "cc"))
    # ties are named in codebook order (Russia's position comes before escalation)
    assert title == ("cc argues most on Russia's position and escalation and Russian threats, "
                     "and cites no evidence")
    assert subtitle == "Claims in cc by theme and kind: 2 of its 5 arguments each"


def test_theme_names_read_inside_a_sentence():
    assert figures.in_sentence("Escalation and Russian threats") == "escalation and Russian threats"
    assert figures.in_sentence("The US role") == "the US role"
    assert figures.in_sentence("European will") == "European will"
    assert figures.in_sentence("Russia's position") == "Russia's position"


def test_claims_chart_colour_scale_is_shared_by_the_articles(small):
    def colour_domain(article):
        spec = figures.claims_chart(small, article).spec()
        return [layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"]
                if "scale" in layer.get("encoding", {}).get("color", {})]
    # 'bb' has the largest cell (4), so both articles' scales run from 0 to 4
    assert colour_domain("aa") == colour_domain("bb") == [[0, 4]]


def test_claims_chart_spec_is_deterministic_and_escaped(small):
    first, second = figures.claims_chart(small, "aa"), figures.claims_chart(small, "aa")
    assert json.dumps(first.spec(), sort_keys=True) == json.dumps(second.spec(), sort_keys=True)
    assert first.html() == second.html()
    # the spec holds only the counts, never the claim text
    assert HOSTILE not in json.dumps(first.spec())


def test_tables_escape_text_from_the_data(small):
    for output in (tables.claims_table(small, "aa"), tables.cited_table(small, "aa")):
        assert HOSTILE not in output.html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output.html


def test_tables_turn_quotation_marks_inside_a_quote_to_single_ones():
    rows = typed_table("arguments.csv", [claim("aa", 1, "evidence", "force_role",
                                              quote="a plan for \u201cpeacekeepers\u201d")])
    html = tables.claims_table(rows, "aa").html
    assert "\u201ca plan for \u2018peacekeepers\u2019\u201d" in html
    assert "\u201d\u201d" not in html


def test_cited_keeps_evidence_context_and_credited_rows(small):
    frame = analysis.cited(small, "aa")
    assert list(frame["claim_id"]) == ["aa-c04", "aa-c05", "aa-c06"]
    assert list(frame["credited"]) == ["Some Paper", analysis.NO_SOURCE, "critics"]


def test_mentions_figure_shares_its_axis_and_names_the_leader():
    mentions = pd.DataFrame([
        {"article_id": "rs2024", "entity": "Russia", "kind": "country", "mentions": 7, "paragraphs": "1, 2"},
        {"article_id": "rs2024", "entity": "NATO", "kind": "institution", "mentions": 3, "paragraphs": "2"},
        {"article_id": "ac2026", "entity": "Europe (as a whole)", "kind": "region", "mentions": 30,
         "paragraphs": "1"},
    ])
    figure = figures.mentions_figure(mentions, "rs2024")
    spec = figure.spec()
    title = " ".join(spec["title"]["text"])
    n_paragraphs = len(article_paragraphs("rs2024"))
    assert title.startswith("Russia is the name rs2024 uses most: 7 mentions")
    assert f"in 2 of its {n_paragraphs} paragraphs" in title
    assert "Russia (country): 7; NATO (institution): 3" in figure.description
    # the axis runs past the largest count in either article, so the two charts compare
    domain = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    assert domain[1] > 30
    assert list(figure.table["Name"]) == ["Russia", "NATO"]


def test_mentions_figure_escapes_names(small):
    mentions = pd.DataFrame([{"article_id": "rs2024", "entity": HOSTILE, "kind": "country", "mentions": 2,
                              "paragraphs": "1"}])
    html = figures.mentions_figure(mentions, "rs2024").html()
    assert HOSTILE not in html


def test_two_lines_breaks_long_labels_once():
    assert two_lines("The US role") == "The US role"
    assert two_lines("Escalation and Russian threats") == "Escalation and|Russian threats"


def test_chapter_numbers_match_the_data():
    articles, arguments = td.load_articles(), td.load_arguments()
    for article_id in ("rs2024", "ac2026"):
        numbers = text.chapter_numbers(articles, arguments, article_id)
        mine = arguments[arguments["article_id"] == article_id]
        assert numbers[f"{article_id}_claims"] == len(mine)
        assert numbers[f"{article_id}_words"] == word_count(read_text(articles_dir() / f"{article_id}.txt"))
        assert numbers[f"{article_id}_paragraphs"] == len(article_paragraphs(article_id))
        assert numbers[f"{article_id}_kind_evidence"] == int((mine["kind"] == "evidence").sum())
        assert sum(numbers[f"{article_id}_kind_{k.code}"] for k in cb.CLAIM_KINDS) == len(mine)
        assert (numbers[f"{article_id}_cited_sourced"] + numbers[f"{article_id}_cited_unsourced"]
                == numbers[f"{article_id}_cited"])


def test_chapter_numbers_count_cited_rows_with_and_without_a_source(small):
    articles = typed_table("articles.csv", [{"article_id": "rs2024", "date_earliest": "2024-12-12",
                                             "date_latest": "2025-01-19", "word_count": 10}])
    rows = small[small["article_id"] == "aa"].assign(article_id="rs2024")
    numbers = text.chapter_numbers(articles, rows, "rs2024")
    # evidence (credited), context (no source), concession credited to critics
    assert (numbers["rs2024_cited"], numbers["rs2024_cited_sourced"], numbers["rs2024_cited_unsourced"]) == (3, 2, 1)
    assert numbers["rs2024_dates"] == "between 12 December 2024 and 19 January 2025"


def test_quotes_are_ready_for_the_prose_with_single_marks_inside():
    q = text.quotes(td.load_arguments(), "rs2024")
    assert q["rs2024_q07"] == "\u201ca plan for 40,000 heavily armed European \u2018peacekeepers\u2019\u201d"
    assert q["rs2024_q09"] == "\u201cAt the moment we\u2019re not planning such activities.\u201d"
    assert len(q) == len(td.load_arguments().query("article_id == 'rs2024'"))


def test_mention_numbers_count_one_article_only():
    named = pd.DataFrame([
        {"article_id": "aa", "entity": "Europe (as a whole)", "kind": "region", "mentions": 5, "paragraphs": "1"},
        {"article_id": "aa", "entity": "Donald Trump", "kind": "leader", "mentions": 2, "paragraphs": "1, 2"},
        {"article_id": "bb", "entity": "Donald Tusk", "kind": "leader", "mentions": 9, "paragraphs": "1"}])
    assert text.mention_numbers(named, "aa") == {"aa_names": 2, "aa_leaders": 1, "aa_media": 0,
                                               "aa_m_europeasawhole": 5, "aa_m_donaldtrump": 2}


def test_teaser_numbers_keep_the_loan_apart_and_mark_the_unnamed_baltic_rows():
    teasers = td.load_teasers()
    tid = teasers["teaser_id"].iloc[0]
    quote_all = "Latvia and the three Baltic countries were its main supporters"
    positions = typed_table("teaser_positions.csv", [
        {"teaser_id": tid, "actor": "Malta", "actor_code": "MT", "position": "opposed", "quote": "Malta opposed"},
        {"teaser_id": tid, "actor": "Latvia", "actor_code": "LV", "position": "supporter", "quote": quote_all},
        {"teaser_id": tid, "actor": "Estonia", "actor_code": "EE", "position": "supporter", "quote": quote_all},
        {"teaser_id": tid, "actor": "European Union", "actor_code": "EU", "position": "leading_proponent",
         "quote": "above all Commission president"},
        {"teaser_id": "other", "actor": "Italy", "actor_code": "IT", "position": "opposed", "quote": "Italy"}])
    numbers = {k.removeprefix(text.key(tid) + "_"): v for k, v in text.teaser_numbers(teasers, positions, tid).items()}
    assert numbers["rows"] == 4 and numbers["opposed"] == 1
    assert numbers["opposed_names"] == "Malta"
    assert numbers["supporters"] == 2            # the EU is not a member state
    assert numbers["leading_names"] == "the European Union"
    assert (numbers["baltic"], numbers["baltic_names"]) == (1, "Estonia")
    # keyed by the teaser, so that every teaser in the data can be glued on one page
    assert all(k.startswith(text.key(tid) + "_") for k in text.teaser_numbers(teasers, positions, tid))
    # the teaser's table lists its own rows only, in the codebook's order (leading proponent first)
    table = tables.teaser_table(positions, tid)
    assert "Italy" not in table.text
    assert [line.split()[0] for line in table.text.splitlines()[1:]] == ["European", "Latvia", "Estonia", "Malta"]


def card_row(**changes) -> pd.Series:
    row = td.load_articles().iloc[0].copy()
    for column, value in changes.items():
        row[column] = value
    return row


def test_the_card_names_the_outlet_and_its_section_only_when_there_is_one():
    assert "Responsible Statecraft (Analysis | Europe)" in cards.article_card(card_row())
    bare = cards.article_card(card_row(section=""))
    assert "<dd>Responsible Statecraft</dd>" in bare and "()" not in bare
    assert "&lt;b&gt;" in cards.article_card(card_row(section="<b>"))


# ------------------------------------------------------------------ the chapters' prose

CHAPTERS = {"rs2024": ["rs2024"], "ac2026": ["ac2026"]}
RECORD = ROOT / "book" / "record" / "claims.ipynb"
QUOTED = re.compile(r'"([^"\n]+)"')


def notebook(article_id: str):
    path = RECORD if article_id == "record" else ROOT / "book" / "articles" / f"{article_id}.ipynb"
    return nbformat.read(path, as_version=4)


def prose(article_id: str) -> str:
    text = "\n".join(cell.source for cell in notebook(article_id).cells if cell.cell_type == "markdown")
    return re.sub(r"\s*\n\s*", " ", text)


def code(article_id: str) -> str:
    return "\n".join(cell.source for cell in notebook(article_id).cells if cell.cell_type == "code")


def headings(article_id: str, level: str = "## ") -> list[str]:
    return [line[len(level):] for cell in notebook(article_id).cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith(level)]


@pytest.mark.parametrize("page, texts", [("rs2024", ["rs2024"]), ("ac2026", ["ac2026"]),
                                         ("record", ["rs2024", "rs2024-sidebar", "ac2026"])])
def test_every_quotation_on_the_page_is_verbatim_in_its_text(page, texts):
    source = "\n\n".join(read_text(articles_dir() / f"{name}.txt") for name in texts)
    quotes = [q for q in QUOTED.findall(prose(page)) if "{glue" not in q]
    assert len(quotes) > (15 if page != "record" else 5)
    missing = [q for q in quotes if not quote_in_text(q, source)]
    assert not missing, f"quoted on {page} but not in its text: {missing}"
    # a quote holding a quotation is glued from the data (quotes.quoted), never typed with double marks inside
    assert not [q for q in quotes if re.search("[\u201c\u201d]", q)]


@pytest.mark.parametrize("article_id", sorted(CHAPTERS))
def test_chapter_glues_its_counts(article_id):
    text = prose(article_id)
    for key in ("words", "paragraphs", "claims", "kind_evidence", "cited", "cited_sourced"):
        assert f"{{glue:text}}`{article_id}_{key}`" in text
    # no count of claims, words or mentions typed by hand
    assert not re.search(r"\b\d+ (claims|words|mentions|paragraphs)\b", text)


def test_both_chapters_have_the_same_sections_in_the_same_order():
    assert headings("rs2024") == headings("ac2026") == [
        "The article", "The thesis", "The argument", "What it leaves out or assumes"]


@pytest.mark.parametrize("article_id", sorted(CHAPTERS))
def test_chapter_opens_with_one_findings_box_and_shows_one_figure_and_no_table(article_id):
    first = notebook(article_id).cells[0].source
    assert first.count("```{admonition} What this chapter finds\n:class: tip") == 1
    text = prose(article_id)
    assert "Key points" not in text and "What this chapter shows" not in text
    assert re.findall(r"\{glue:figure\} (\S+)\s+:name: (\S+)", text) == [
        (f"fig_{article_id}_claims", f"fig-{article_id}-claims")]
    calls = code(article_id)
    assert calls.count("tables.card(") == 1
    assert "claims_table(" not in calls and "cited_table(" not in calls and "mentions_figure(" not in calls
    # the book's own reading is marked as such
    assert "This section is the book's reading, not the article's." in text


def test_every_table_of_the_articles_is_on_the_record_page_once():
    calls = code("record")
    # every article and every teaser through one loop over the data: no id picked by hand
    assert not re.search(r"[\"'](rs2024|ac2026)", calls)
    assert calls.count("for article_id in ") == 1 and calls.count("for teaser_id in ") == 1
    for call in ("claims_table(", "cited_table(", "mentions_figure(", "teaser_table(", "glue_record("):
        assert calls.count(call) == 1, call
    assert "card(" not in calls
    assert any(h.startswith("What the rs2024 capture also holds") for h in headings("record", "### "))


@pytest.mark.parametrize("article_id", sorted(CHAPTERS))
def test_chapter_links_to_labels_that_exist(article_id):
    labels = set(re.findall(r"^\(([\w-]+)\)=$", "\n".join(
        c.source for name in ("rs2024", "ac2026", "record") for c in notebook(name).cells), re.M))
    text = prose(article_id)
    assert {f"{article_id}-thesis", f"{article_id}-argument", f"{article_id}-gaps"} <= labels
    targets = re.findall(r"\]\(#([\w-]+)\)", text)
    assert set(targets) == {f"record-{article_id}-claims", f"record-{article_id}-cited"}
    assert set(targets) <= labels


def test_rs2024_chapter_keeps_its_facts_straight():
    text = prose("rs2024")
    title = notebook("rs2024").cells[0].source.splitlines()[0]
    assert "December 2024" not in title                     # the date is a window, not a month
    assert not re.search(r"\b(his|him)\b", text.replace("Trump and his team", ""))  # no byline: never "his"
    # Trump's role is credited to unnamed reports; the newspapers get the second paragraph
    assert re.search(r'"reportedly advancing"[^.]*credited only to unnamed reports', text)
    assert "second paragraph is credited to the Wall Street Journal and Le Monde" in text
    assert '"may consider"' in text                          # the Ukrainian statement it quotes
    assert "my colleagues and I have spoken" in text         # conversations, not a reading of past warnings


@pytest.mark.parametrize("article_id", sorted(CHAPTERS) + ["record"])
def test_no_file_names_in_the_prose(article_id):
    assert not re.search(r"\b[\w-]+\.(csv|txt|py)\b", prose(article_id))


# ------------------------------------------------------------------ one skeleton for every article

ARTICLE_LINE = re.compile(r'^ARTICLE = "([\w-]+)"(  #.*)?$', re.M)


def article_ids() -> list[str]:
    return list(td.load_articles()["article_id"])


def test_every_article_has_a_chapter_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for article_id in article_ids():
        assert (ROOT / "book" / "articles" / f"{article_id}.ipynb").exists(), article_id
        assert f"file: book/articles/{article_id}\n" in toc, article_id


def test_article_chapters_share_one_skeleton_that_names_only_their_article():
    skeletons = {}
    for article_id in article_ids():
        nb = notebook(article_id)
        found = ARTICLE_LINE.findall(code(article_id))
        assert [name for name, _ in found] == [article_id], f"{article_id}: names {found}"
        # the code is the same in every chapter once the article's id is taken out
        skeletons[article_id] = [(c.cell_type, c.metadata.get("tags", []),
                                  c.source.replace(article_id, "<id>") if c.cell_type == "code" else "")
                                 for c in nb.cells]
        assert max(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code") <= 15
        assert not [c for c in nb.cells if c.cell_type == "code" and "def " in c.source]
    assert len({json.dumps(s) for s in skeletons.values()}) == 1, skeletons


def test_the_record_page_has_a_section_for_every_article():
    source = "\n".join(c.source for c in notebook("record").cells if c.cell_type == "markdown")
    for article_id in article_ids():
        for part in ("claims", "cited", "names"):
            assert f"(record-{article_id}-{part})=" in source, f"no record-{article_id}-{part} section"
        for glued in (f"{{glue:}} tbl_{article_id}_claims", f"{{glue:}} tbl_{article_id}_cited",
                      f"{{glue:figure}} fig_{article_id}_mentions"):
            assert glued in source, glued


def test_the_record_page_glues_every_article_and_teaser_in_the_data():
    values = text.record_values()
    for article_id in article_ids():
        assert values[f"{article_id}_claims"] == int((td.load_arguments()["article_id"] == article_id).sum())
        assert f"{article_id}_names" in values
    for teaser_id in td.load_teasers()["teaser_id"]:
        assert values[f"{text.key(teaser_id)}_title"]
