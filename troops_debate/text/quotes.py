"""A quotation as the book's prose shows it (the data keeps every quote verbatim; data/texts.py checks it)."""
from __future__ import annotations


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
