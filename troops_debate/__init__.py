"""Shared code of the book on European troops for Ukraine: load and validate the data,
check quotes, count mentions, draw the charts and render them for an offline book."""
from .io import (DataError, article_paragraphs, load_actors, load_arguments, load_articles, load_red_lines,
                 load_stances, load_teaser_positions, load_teasers, validate_all)

__all__ = ["DataError", "article_paragraphs", "load_actors", "load_arguments", "load_articles", "load_red_lines",
           "load_stances", "load_teaser_positions", "load_teasers", "validate_all"]
