"""Who each article names: countries, leaders and institutions, counted from the text.

The alias table is small and explicit: each entry maps the words as they stand in
the text to the entity they refer to. Counting is by whole words, case-sensitive
(so "the Russian side" counts for Russia but "russian" in a URL would not), and
an occurrence is counted once even when two aliases overlap (e.g. "Emmanuel Macron"
and "Macron").
"""
from __future__ import annotations

import re

import pandas as pd

from .io import article_paragraphs

# entity -> (kind, aliases). Adjectives count: "the Polish government" names Poland.
ALIASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Russia": ("country", ("Russia", "Russian", "Russians", "Moscow", "Kremlin")),
    "Ukraine": ("country", ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv")),
    "United States": ("country", ("United States", "U.S.", "US", "Washington", "American")),
    "France": ("country", ("France", "French")),
    "United Kingdom": ("country", ("United Kingdom", "UK", "British", "Britain")),
    "Poland": ("country", ("Poland", "Polish", "Warsaw")),
    "Germany": ("country", ("Germany", "German")),
    "Belarus": ("country", ("Belarus",)),
    "Moldova": ("country", ("Moldova",)),
    "Transnistria": ("region", ("Transnistrian Republic", "Transnistria")),
    "Europe (as a whole)": ("region", ("Europe", "European", "Europeans")),
    "NATO": ("institution", ("NATO", "Article 5")),
    "Vladimir Putin": ("leader", ("Putin",)),
    "Donald Trump": ("leader", ("Trump",)),
    "Emmanuel Macron": ("leader", ("Macron",)),
    "Volodymyr Zelensky": ("leader", ("Zelensky",)),
    "Donald Tusk": ("leader", ("Tusk",)),
    "Friedrich Merz": ("leader", ("Merz",)),
    "Keith Kellogg": ("leader", ("Kellogg",)),
    "Wall Street Journal": ("media", ("Wall Street Journal", "Journal")),
    "Le Monde": ("media", ("Le Monde",)),
}


def _pattern(aliases: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(aliases, key=len, reverse=True)  # longest first: "United States" before "US"
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![\w])")


_PATTERNS = {entity: _pattern(aliases) for entity, (_, aliases) in ALIASES.items()}


def count_mentions(text: str) -> dict[str, int]:
    """Occurrences of each entity in `text` (entities with none are left out)."""
    counts = {entity: len(pattern.findall(text)) for entity, pattern in _PATTERNS.items()}
    return {entity: n for entity, n in counts.items() if n}


def mentions(article_ids: list[str]) -> pd.DataFrame:
    """One row per article × entity named: kind, count, and the paragraphs naming it."""
    rows = []
    for article_id in article_ids:
        per_paragraph = [count_mentions(p) for p in article_paragraphs(article_id)]
        for entity, (kind, _) in ALIASES.items():
            paragraphs = [i for i, counts in enumerate(per_paragraph, start=1) if entity in counts]
            if paragraphs:
                rows.append({"article_id": article_id, "entity": entity, "kind": kind,
                             "mentions": sum(c.get(entity, 0) for c in per_paragraph),
                             "paragraphs": ", ".join(map(str, paragraphs))})
    return pd.DataFrame(rows, columns=["article_id", "entity", "kind", "mentions", "paragraphs"])
