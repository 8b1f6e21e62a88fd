"""Small formatting that every page shares, and the glue that carries values into the prose.

Values only: a count in words, a date or a date range as a sentence writes it, a list of names, a quotation
with its inner marks turned to single ones. The sentences around them are written in the chapters.
"""
from __future__ import annotations

import humanize
import pandas as pd
from markupsafe import escape

from .data.dates import human  # '2024-12-07' -> '7 December 2024' (a window: '27 January – 24 February 2026')

__all__ = ["human", "number", "date_range", "names", "quoted", "glue"]

TAKES_THE = ("Netherlands", "European Commission", "European Union")


def number(n: int) -> str:
    """A count as the book writes it (Associated Press style): words from one to nine, figures from 10."""
    return humanize.apnumber(int(n))


def date_range(first: str, last: str) -> str:
    """A date known to lie between two dates: one date when they agree."""
    return human(first) if first == last else f"between {human(first)} and {human(last)}"


def _the(name: str) -> str:
    return f"the {name}" if name.startswith("United ") or name in TAKES_THE else name


def names(items) -> str:
    """Actors' names as a list in a sentence: 'Poland, the United States and Italy'."""
    items = [_the(n) for n in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def quoted(text: str) -> str:
    """A quote in double marks, with the double marks inside it turned to single ones:
    'a plan for 40,000 “peacekeepers”' -> '“a plan for 40,000 ‘peacekeepers’”'. Display only: the data
    keeps every quote verbatim."""
    out, opening = [], True
    for ch in text.strip():
        if ch in "\u201c\u201e":
            ch = "\u2018"
        elif ch == "\u201d":
            ch = "\u2019"
        elif ch == '"':
            ch, opening = ("\u2018" if opening else "\u2019"), not opening
        out.append(ch)
    return "\u201c" + "".join(out) + "\u201d"


class Plain(str):
    """A value as plain text for `{glue:text}` (its text/plain is the string itself, not its repr)."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": str(escape(self)), "text/plain": str(self)}


def glue(**values) -> pd.Series:
    """Glue each value under its name for `{glue:text}` (a string as plain text, a number as it is), without
    showing it on the page. Returns the values, so that a chapter run in JupyterLab shows what it glued."""
    from myst_nb import glue as myst_glue
    for name, value in values.items():
        myst_glue(name, Plain(value) if isinstance(value, str) else value, display=False)
    return pd.Series(values, name="glued", dtype=object)
