"""The article chapters' tables, charts and numbers (troops_debate/articles_charts.py),
and the quotations in the two chapters' prose."""
from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

import troops_debate as td
from troops_debate import articles_charts as ac
from troops_debate import codebooks as cb
from troops_debate.io import article_paragraphs, read_text, word_count
from troops_debate.paths import ROOT, articles_dir
from troops_debate.quotes import quote_in_text

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
    return pd.DataFrame(rows)


def test_claim_matrix_has_every_cell_in_codebook_order(small):
    matrix = ac.claim_matrix(small, "aa")
    assert len(matrix) == len(cb.THEMES) * len(cb.CLAIM_KINDS)
    assert matrix["claims"].sum() == 6
    assert list(matrix["theme"].drop_duplicates()) == [t.name for t in cb.THEMES]
    cell = matrix[(matrix["theme"] == "Escalation and Russian threats") & (matrix["kind"] == "Argument")]
    assert cell["claims"].item() == 2


def test_claims_chart_title_and_description_state_the_computed_finding(small):
    figure = ac.claims_chart(small, "aa")
    title = " ".join(figure.spec()["title"]["text"])
    assert "Escalation and Russian threats" in title and "3 of 6" in title
    assert "Escalation and Russian threats 3" in figure.description
    assert "Argument 2" in figure.description and "Recommendation 0" in figure.description
    assert figure.table["Claims"].sum() == 6


def test_claims_chart_colour_scale_is_shared_by_the_articles(small):
    def colour_domain(article):
        spec = ac.claims_chart(small, article).spec()
        return [layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"]
                if "scale" in layer.get("encoding", {}).get("color", {})]
    # 'bb' has the largest cell (4), so both articles' scales run from 0 to 4
    assert colour_domain("aa") == colour_domain("bb") == [[0, 4]]


def test_claims_chart_spec_is_deterministic_and_escaped(small):
    first, second = ac.claims_chart(small, "aa"), ac.claims_chart(small, "aa")
    assert json.dumps(first.spec(), sort_keys=True) == json.dumps(second.spec(), sort_keys=True)
    assert first.html() == second.html()
    # the spec holds only the counts, never the claim text
    assert HOSTILE not in json.dumps(first.spec())


def test_tables_escape_text_from_the_data(small):
    for output in (ac.claims_table(small, "aa"), ac.cited_table(small, "aa")):
        assert HOSTILE not in output.html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output.html


def test_cited_keeps_evidence_context_and_credited_rows(small):
    frame = ac.cited(small, "aa")
    assert list(frame["claim_id"]) == ["aa-c04", "aa-c05", "aa-c06"]
    assert list(frame["credited"]) == ["Some Paper", ac.NO_SOURCE, "critics"]


def test_mentions_figure_shares_its_axis_and_names_the_leader():
    mentions = pd.DataFrame([
        {"article_id": "rs2024", "entity": "Russia", "kind": "country", "mentions": 7, "paragraphs": "1, 2"},
        {"article_id": "rs2024", "entity": "NATO", "kind": "institution", "mentions": 3, "paragraphs": "2"},
        {"article_id": "ac2026", "entity": "Europe (as a whole)", "kind": "region", "mentions": 30,
         "paragraphs": "1"},
    ])
    figure = ac.mentions_figure(mentions, "rs2024")
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
    html = ac.mentions_figure(mentions, "rs2024").html()
    assert HOSTILE not in html


def test_two_lines_breaks_long_labels_once():
    assert ac.two_lines("The US role") == "The US role"
    assert ac.two_lines("Escalation and Russian threats") == "Escalation and|Russian threats"


def test_chapter_numbers_match_the_data():
    articles, arguments = td.load_articles(), td.load_arguments()
    from troops_debate.mentions import mentions
    named = mentions(["rs2024", "ac2026"])
    for article_id in ("rs2024", "ac2026"):
        numbers = ac.chapter_numbers(articles, arguments, named, article_id)
        mine = arguments[arguments["article_id"] == article_id]
        assert numbers[f"{article_id}_claims"] == len(mine)
        assert numbers[f"{article_id}_words"] == word_count(read_text(articles_dir() / f"{article_id}.txt"))
        assert numbers[f"{article_id}_paragraphs"] == len(article_paragraphs(article_id))
        assert sum(numbers[f"{article_id}_kind_{k.code}"] for k in cb.CLAIM_KINDS) == len(mine)
        assert (numbers[f"{article_id}_cited_sourced"] + numbers[f"{article_id}_cited_unsourced"]
                == numbers[f"{article_id}_cited"])


# ------------------------------------------------------------------ the chapters' prose

CHAPTERS = {"rs2024": ["rs2024", "rs2024-sidebar"], "ac2026": ["ac2026"]}
QUOTED = re.compile(r'"([^"\n]+)"')


def prose(article_id: str) -> str:
    notebook = nbformat.read(ROOT / "book" / "articles" / f"{article_id}.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return re.sub(r"\s*\n\s*", " ", text)


@pytest.mark.parametrize("article_id", sorted(CHAPTERS))
def test_every_quotation_in_the_chapter_is_verbatim_in_its_text(article_id):
    texts = "\n\n".join(read_text(articles_dir() / f"{name}.txt") for name in CHAPTERS[article_id])
    quotes = [q for q in QUOTED.findall(prose(article_id)) if "{glue" not in q]
    assert len(quotes) > 20
    missing = [q for q in quotes if not quote_in_text(q, texts)]
    assert not missing, f"quoted in {article_id}.ipynb but not in its text: {missing}"


@pytest.mark.parametrize("article_id", sorted(CHAPTERS))
def test_chapter_glues_its_counts(article_id):
    text = prose(article_id)
    for key in ("words", "paragraphs", "claims", "cited", "cited_unsourced"):
        assert f"{{glue:text}}`{article_id}_{key}`" in text
    # no count of claims, words or mentions typed by hand
    assert not re.search(r"\b\d+ (claims|words|mentions|paragraphs)\b", text)
