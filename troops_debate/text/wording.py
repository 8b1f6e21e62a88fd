"""How the book writes counts and lists in its sentences: one place for every chapter.

Counts up to twelve are words, larger ones figures; a share of a whole says 'all', 'none',
'both' or 'neither' where a reader would, and never 'N of the N'. Articles are named by their place
in date order ('the first article'), and dated by their window."""
from __future__ import annotations

from ..analysis.articles import articles_in_order
from ..data.dates import human, window

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve")
TAKES_THE = ("Netherlands", "European Commission", "European Union")


def number(n: int, zero: str = "no") -> str:
    """A count in words up to twelve (`zero` for 0), in figures above."""
    if n == 0:
        return zero
    return NUMBER_WORDS[n] if 0 < n < len(NUMBER_WORDS) else f"{n:,}"


def number_alone(n: int) -> str:
    """A count that stands without its noun, as in 'an attack followed none': 'none' for 0, else as
    `number` ('one', 'four', '16')."""
    return number(n, zero="none")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(name: str) -> str:
    """A label's name inside a sentence: 'Attack on a NATO state' -> 'attack on a NATO state'; a name
    that opens with an acronym keeps its capitals ('NATO membership')."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def the(name: str, start: bool = False) -> str:
    """'United Kingdom' -> 'the United Kingdom' (names that take an article in English)."""
    if name.startswith("United ") or name in TAKES_THE:
        return ("The " if start else "the ") + name
    return name


def join(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_names(names) -> str:
    """Names of states and institutions in a list, each with its article: 'Poland and the United States'."""
    return join(the(n) for n in names)


def counted(n: int, word: str, plural: str | None = None) -> str:
    """'no warnings', 'one warning', 'four warnings', '16 warnings'."""
    noun = word if n == 1 else (plural or word + "s")
    return f"{number(n)} {noun}"


def share(n: int, total: int) -> str:
    """A part of a whole in words: 'all 16', 'none of the 16', 'one of 16', '4 of 16', 'four of nine';
    of two: 'both', 'neither', 'one of the two'."""
    if total <= 2:
        return (("none",), ("none", "the only one"), ("neither", "one of the two", "both"))[total][n]
    if n == total:
        return f"all {number(total)}"
    if n == 0:
        return f"none of the {number(total)}"
    if n == 1:
        return f"one of {number(total)}"
    # figures for both when the whole is written in figures: '7 of 34', not 'seven of 34'
    return f"{n} of {total}" if total >= len(NUMBER_WORDS) else f"{number(n)} of {number(total)}"


# ------------------------------------------------------------------ the articles, as the prose names them

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth")


def ordinal(n: int) -> str:
    """1 -> 'first', ... 12 -> 'twelfth', then '13th', '21st', '22nd'."""
    if 0 < n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def article_window(article) -> str:
    """An article's date window in words: '27 January – 24 February 2026' (one day when it has one)."""
    return human(window(article["date_earliest"], article["date_latest"]))


def article_names(articles) -> dict[str, str]:
    """Each article as the prose names it, in date order: 'the first article', 'the second article', ...;
    the only article is 'the article'."""
    ids = list(articles_in_order(articles)["article_id"])
    if len(ids) == 1:
        return {ids[0]: "the article"}
    return {a: f"the {ordinal(i)} article" for i, a in enumerate(ids, start=1)}


def all_of(n: int, word: str, plural: str | None = None) -> str:
    """Every one of `n` things: 'the article', 'both articles', 'all three articles'."""
    if n == 1:
        return f"the {word}"
    return f"{'both' if n == 2 else 'all ' + number(n)} {plural or word + 's'}"


def the_count(n: int, word: str, plural: str | None = None) -> str:
    """'the article', 'the two articles', 'the 14 articles'."""
    return f"the {word}" if n == 1 else f"the {number(n)} {plural or word + 's'}"


def between_articles(n: int) -> str:
    """Where the debate's statements fall relative to `n` articles in date order: between the first and
    the last (for one article, after it)."""
    if n == 1:
        return "after the article"
    return "between the two articles" if n == 2 else f"between the first and the last of the {number(n)} articles"


def date_range(first: str, last: str) -> str:
    """A date known to lie between two dates as a sentence writes it: one date when they agree."""
    return human(first) if first == last else f"between {human(first)} and {human(last)}"
