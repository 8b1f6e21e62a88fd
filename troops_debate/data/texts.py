"""The article texts (data/articles/<id>.txt, paragraphs separated by blank lines) and the raw captures."""
from __future__ import annotations

import re
from pathlib import Path

from ..paths import articles_dir, data_dir
from .errors import DataError, Problem, display_path


def raw_dir() -> Path:
    """The raw captures, byte for byte as they were taken (data/raw/); data/articles/ holds the cleaned texts."""
    return data_dir() / "raw"


BOM = b"\xef\xbb\xbf"


def is_file(path: Path) -> bool:
    """Whether a file is there; False (not an error) for a name the system cannot hold (too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


def decoded(path: Path, missing: str = "the file is missing") -> str:
    """A data file's text: UTF-8 (a byte-order mark is dropped), any line ending read as a newline;
    DataError for a missing or non-UTF-8 file, on the line of the first bad byte."""
    name = display_path(path)
    if not is_file(path):
        raise DataError([Problem(name, None, None, missing)])
    raw = path.read_bytes()
    start = len(BOM) if raw.startswith(BOM) else 0
    try:
        text = raw[start:].decode("utf-8")
    except UnicodeDecodeError as err:
        at = start + err.start
        before = raw[:at].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        raise DataError([Problem(name, before.count(b"\n") + 1, None,
                                 f"the file is not UTF-8 (byte 0x{raw[at]:02x} at offset {at}); "
                                 "save it as UTF-8")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    return decoded(path, "the article text is missing")


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def article_paragraphs(article_id: str) -> list[str]:
    """The paragraphs of data/articles/<article_id>.txt (separated by blank lines)."""
    return split_paragraphs(read_text(articles_dir() / f"{article_id}.txt"))


def word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- verbatim quotes
# Every quote in the data must stand verbatim in its source text. Only two differences are
# forgiven: runs of white space, and typographic versus straight quotation marks and apostrophes.
# Nothing else (no case folding, no dropped words, no changed punctuation).

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
