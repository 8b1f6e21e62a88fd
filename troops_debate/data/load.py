"""The loaders: one per data file, each returning a typed table, or raising DataError listing
every problem in the file at once (file, line, column, what was expected).

A typed table keeps every column of the file and gives the coded ones their codebook's order:
- an enum column is an ordered `pd.CategoricalDtype` (the codebook's codes, in its order; a
  missing optional label is NaN);
- an int column holds ints; a '|'-separated column holds tuples;
- each date column `X` gains `X_start`, `X_end` (the first and last day it covers) and `X_mid`
  (its place on a time axis, `dates.midpoint`), as `datetime.date` (None where empty).

Checking every file takes Frictionless a few seconds to start, so a successful `validate_all`
leaves a stamp keyed on the bytes of every data file and the data layer's code: while the stamp
stands, loaders trust the files and only type them; any change to a file or to the checks
removes that trust, and the next loader checks again.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

from ..paths import ROOT, data_dir
from . import dates
from .errors import DataError, Problem
from .crosscheck import CONTEXTS
from .read import Rows, check, read_rows
from .schema import MANY, SEPARATOR, Schema
from .schemas import SCHEMAS


def data_key() -> str:
    """A hash of every file under the data folder and of the data layer's code."""
    digest = hashlib.sha256()
    for folder in (data_dir(), Path(__file__).parent):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _stamp() -> Path:
    return ROOT / "_build" / ".validated" / data_key()


def trusted() -> bool:
    return _stamp().exists()


def typed(rows: Rows, schema: Schema) -> pd.DataFrame:
    frame = pd.DataFrame([row for _, row in rows], columns=schema.names)
    for col in schema.columns:
        values = frame[col.name]
        if col.kind == "int":
            frame[col.name] = values.astype(int)
        elif col.kind == "enum":
            order = list(col.codebook.codes if col.codebook is not None else col.allowed)
            frame[col.name] = pd.Categorical(values.where(values != ""), categories=order, ordered=True)
        elif col.kind in MANY:
            frame[col.name] = [tuple(v.split(SEPARATOR)) if v else () for v in values]
        if col.kind == "date":
            periods = [dates.period(v) if v else (None, None) for v in values]
            frame[col.name + "_start"] = [p[0] for p in periods]
            frame[col.name + "_end"] = [p[1] for p in periods]
            frame[col.name + "_mid"] = [dates.midpoint(v) if v else None for v in values]
    frame.attrs["source"] = schema.file
    return frame


def checked(file: str) -> Rows:
    """The rows of a data file, checked against its declaration and the files it refers to."""
    context = CONTEXTS.get(file)
    return check(data_dir() / file, SCHEMAS[file], SCHEMAS, context() if context else None)


def _load(file: str) -> pd.DataFrame:
    rows = read_rows(data_dir() / file)[1] if trusted() else checked(file)
    return typed(rows, SCHEMAS[file])


def _cached(func):
    """Cache a loader (and its arguments) per data folder and its state, and hand out copies so callers can't
    change the cache."""
    cached = lru_cache(maxsize=16)(lambda folder, key, *args: func(*args))

    def load(*args) -> pd.DataFrame:
        return cached(str(data_dir()), data_key(), *args).copy()
    load.__doc__, load.__name__, load.cache_clear = func.__doc__, func.__name__, cached.cache_clear
    return load


# ---------------------------------------------------------------- loaders


@_cached
def load_articles() -> pd.DataFrame:
    """data/articles.csv: one row per article, checked against its text in data/articles/."""
    return _load("articles.csv")


@_cached
def load_actors() -> pd.DataFrame:
    """data/actors.csv: the states and institutions the data codes, with their codes (ISO 3166 where one exists)."""
    return _load("actors.csv")


@_cached
def load_entities() -> pd.DataFrame:
    """data/entities.csv: who an article can name, and the words (aliases) that name them."""
    return _load("entities.csv")


@_cached
def load_teasers() -> pd.DataFrame:
    """data/teasers.csv: teasers for other articles that a capture also holds (not part of any article)."""
    return _load("teasers.csv")


@_cached
def load_arguments() -> pd.DataFrame:
    """data/arguments.csv: the claims of each article, each with a verbatim quote from its paragraph."""
    return _load("arguments.csv")


@_cached
def load_stances() -> pd.DataFrame:
    """data/stances.csv: dated, coded, sourced stances of states and institutions, with the actor's
    memberships (from actors.csv) and whether the row comes from an article."""
    frame = _load("stances.csv")
    actors = load_actors().set_index("actor_code")
    frame["nato_member"] = frame["actor_code"].map(actors["nato_member"]).astype(str) == "yes"
    frame["eu_member"] = frame["actor_code"].map(actors["eu_member"]).astype(str) == "yes"
    frame["from_article"] = frame["article_id"] != ""
    return frame


@_cached
def load_red_lines() -> pd.DataFrame:
    """data/red_lines.csv: Russia's declared red lines, the steps taken and the responses observed."""
    return _load("red_lines.csv")


@_cached
def load_teaser_positions() -> pd.DataFrame:
    """data/teaser_positions.csv: member states' positions on the EU loan, as the teaser reports them."""
    return _load("teaser_positions.csv")


@_cached
def load_excerpts() -> pd.DataFrame:
    """data/excerpts.csv: the sentence of each cited page that holds a quote, as its stored copy shows it."""
    return _load("excerpts.csv")


@_cached
def load_outlets() -> pd.DataFrame:
    """data/outlets.csv: every outlet the record cites, with its standing (which decides its sources' grade)."""
    return _load("outlets.csv")


LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "articles.csv": load_articles, "actors.csv": load_actors, "entities.csv": load_entities,
    "teasers.csv": load_teasers, "arguments.csv": load_arguments, "stances.csv": load_stances,
    "red_lines.csv": load_red_lines, "teaser_positions.csv": load_teaser_positions, "excerpts.csv": load_excerpts,
    "outlets.csv": load_outlets,
}


def validate_all() -> list[Problem]:
    """Check every file (trusting no stamp); return all problems found (empty when the data is sound),
    and when it is sound, leave the stamp that lets loaders trust these exact files."""
    _stamp().unlink(missing_ok=True)
    problems: list[Problem] = []
    for file in LOADERS:
        try:
            checked(file)
        except DataError as err:
            problems.extend(err.problems)
    return problems


def trust() -> None:
    """Leave the stamp: the data as it stands has passed every check (`validate_all` and the coding files')."""
    _stamp().parent.mkdir(parents=True, exist_ok=True)
    _stamp().touch()
