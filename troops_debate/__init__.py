"""What the chapters of the book on European troops for Ukraine share:

    data/       the data files' declarations, checks and typed tables (the loaders below), the codebooks
    charts.py   the chart theme and the offline rendering of a chart (book, PDF and JupyterLab alike)
    html.py     escaped HTML tables, labelled chips and the article cards
    wording.py  numbers in words, dates, quotation marks, and the glue that carries values into the prose
    positions.py  each government's latest word on its own troops (two pages read it)
    sphinx/     the book's Sphinx extension (cached, parallel execution; static files; page fixes)
    pdf/        the PDF edition (`make pdf`)
    notebooks, toc, wordcount, digest: reading and executing the chapters (`make notebooks`), _toc.yml,
                the words a reader sees, a digest of files

Each chapter's own analysis, charts and sentences are in its notebook under book/.
"""
from .data import (DataError, article_paragraphs, load_actors, load_arguments, load_articles, load_entities,
                   load_excerpts, load_outlets, load_red_lines, load_stances, load_teaser_positions, load_teasers,
                   validate_all)

__all__ = ["DataError", "article_paragraphs", "load_actors", "load_arguments", "load_articles", "load_entities",
           "load_excerpts", "load_outlets", "load_red_lines", "load_stances", "load_teaser_positions", "load_teasers",
           "validate_all"]
