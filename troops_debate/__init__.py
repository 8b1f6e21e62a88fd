"""Shared code of the book on European troops for Ukraine, in layers that import one way:

    data/     the data files' declarations, checks and typed tables; tables derived from them
    figures/  Altair charts, one function per figure, from prepared tables
    tables/   the book's HTML tables and cell formatters (markupsafe)
    text/     the sentences and glued values of each page
    sphinx/   the book's Sphinx extension (cached, parallel execution; static files; page fixes)
    pdf/      the PDF edition (`make pdf`)
    notebooks, toc, wordcount, digest: reading and executing the chapters (`make notebooks`), _toc.yml,
              the words a reader sees, a digest of files
"""
from .data import (DataError, article_paragraphs, load_actors, load_arguments, load_articles, load_entities,
                   load_red_lines, load_stances, load_teaser_positions, load_teasers, validate_all)

__all__ = ["DataError", "article_paragraphs", "load_actors", "load_arguments", "load_articles", "load_entities",
           "load_red_lines", "load_stances", "load_teaser_positions", "load_teasers", "validate_all"]
