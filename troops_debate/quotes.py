"""Quote checking: every quote in the data must stand verbatim in its source text.

Only two differences are forgiven: runs of white space, and typographic versus
straight quotation marks and apostrophes. Nothing else (no case folding, no
dropped words, no changed punctuation).
"""
from __future__ import annotations

import re

_QUOTE_MARKS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold white space and typographic quotes; keep everything else as it is."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def quote_in_text(quote: str, text: str) -> bool:
    """True when `quote` (non-empty) appears in `text` up to white space and quote marks."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(text)


def paragraph_of(quote: str, paragraphs: list[str]) -> int | None:
    """The 1-based number of the first paragraph that holds `quote`, or None."""
    for number, paragraph in enumerate(paragraphs, start=1):
        if quote_in_text(quote, paragraph):
            return number
    return None
