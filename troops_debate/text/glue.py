"""Values glued into a page's prose (myst-nb's `glue`), glued one way by every chapter: counts as
numbers, everything else as plain text, exactly as written (no quotation marks around a string)."""
from __future__ import annotations

from typing import Mapping

from markupsafe import escape


class Plain(str):
    """A value as plain text for `{glue:text}` (its text/plain is the string itself, not its `repr`)."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": str(escape(self)), "text/plain": str(self)}


def plain(value) -> Plain:
    return Plain(value)


class Markdown(str):
    """A phrase with MyST emphasis, for `{glue:md}` (its text/plain is the phrase without the marks)."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": str(self), "text/plain": self.replace("*", "")}


def glue_values(values: Mapping[str, object]) -> dict[str, object]:
    """Glue every value under its key, without displaying it: a string as plain text, anything else (a
    count, a `Markdown` phrase, a table, a figure) as it displays itself. Returns the values."""
    from myst_nb import glue  # the notebook's glue: imported only when a page is being made
    for key, value in values.items():
        plain_string = isinstance(value, str) and not isinstance(value, Markdown)
        glue(key, plain(value) if plain_string else value, display=False)
    return dict(values)
