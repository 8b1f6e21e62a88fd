"""The articles in the order every page lists them."""
from __future__ import annotations

import pandas as pd


def articles_in_order(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles by the first day of their date window (then the last day, then the id)."""
    return articles.sort_values(["date_earliest_start", "date_latest_end", "article_id"],
                                kind="stable").reset_index(drop=True)
