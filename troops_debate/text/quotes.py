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


def quoted(text: str) -> str:
    """A quote wrapped in double marks, with the double marks inside it turned to single ones:
    'a plan for 40,000 “peacekeepers”' -> '“a plan for 40,000 ‘peacekeepers’”'.

    Apostrophes and single marks are kept. Straight double marks inside are paired, opening
    then closing. Display only: the data keeps the text verbatim."""
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
