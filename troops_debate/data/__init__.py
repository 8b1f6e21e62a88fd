"""The data layer: every data file's declaration, its checks, and the typed tables the book reads.

    schema, schemas   how each file is declared (one declaration per column: type, constraints, meaning)
    read, rules,      reading a file and checking it: Frictionless for the generic checks, the project's
    crosscheck          own rules, checks against other files
    load              the loaders: typed tables (ordered categoricals, parsed dates, tuples)
    coding, agreement the reliability study's files and its statistics
    derived           tables computed from the data (mentions, codebooks, downloads)
    docs, bibliography  data/README.md's tables, data/datapackage.json, the book's references.bib
"""
from . import codebooks
from .errors import DataError, Problem
from .load import (load_actors, load_arguments, load_articles, load_entities, load_red_lines, load_stances,
                   load_teaser_positions, load_teasers, load_excerpts, load_outlets, validate_all)
from .texts import article_paragraphs

__all__ = ["DataError", "Problem", "article_paragraphs", "codebooks", "load_actors", "load_arguments",
           "load_articles", "load_entities", "load_red_lines", "load_stances", "load_teaser_positions", "load_excerpts", "load_outlets",
           "load_teasers", "validate_all"]
