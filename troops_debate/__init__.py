"""Shared code of the book on European troops for Ukraine, in layers that import one way:

    data/     the data files' declarations, checks and typed tables; tables derived from them
    figures/  Altair charts, one function per figure, from prepared tables
    tables/   the book's HTML tables and cell formatters (markupsafe)
    text/     the sentences and glued values of each page
    build/    what only the build uses: the Sphinx extension, the PDF edition, `make notebooks`
"""
from .data import (DataError, article_paragraphs, load_actors, load_arguments, load_articles, load_entities,
                   load_red_lines, load_stances, load_teaser_positions, load_teasers, validate_all)

__all__ = ["DataError", "article_paragraphs", "load_actors", "load_arguments", "load_articles", "load_entities",
           "load_red_lines", "load_stances", "load_teaser_positions", "load_teasers", "validate_all"]
