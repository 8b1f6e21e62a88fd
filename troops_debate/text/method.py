"""The method appendix's glued values: what the data's checks cover, and the sentences that read the
agreement table."""
from __future__ import annotations

from ..data import agreement, coding
from ..data.load import load_teaser_positions
from ..data.texts import article_paragraphs
from .wording import capital, join, number


def counts(articles, arguments, stances, red_lines) -> dict[str, int | str]:
    external = stances[~stances.from_article]
    outlets = set(external.source_outlet) | {o.strip() for v in red_lines.source_outlets for o in v}
    return {
        "n_quotes": int(len(arguments) + stances.from_article.sum()),
        "n_teaser_quotes": int(len(load_teaser_positions())),
        "n_external_rows": int(len(external) + len(red_lines)),
        "n_outlets": len(outlets),
        "n_addresses": len(set(external.source_url) | {u for v in red_lines.sources for u in v}),
        "n_checked": int((external.checked == "yes").sum() + (red_lines.checked == "yes").sum()),
        "n_paragraphs": sum(len(article_paragraphs(a)) for a in articles.article_id),
        "n_articles": number(len(articles)),
    }


def reliability_numbers() -> dict[str, str | int]:
    """The glued sentences that read the agreement table: which variables reach which threshold."""
    scores = agreement.agreement_table()
    phrases = {v.label: v.phrase for v in coding.VARIABLES}
    scores = scores[scores["variable"].map(phrases).astype(bool)]
    groups = {verdict: [f"{phrases[v]} ({a:.2f})" for v, a in zip(rows["variable"], rows["alpha"])]
              for verdict, rows in scores.groupby("verdict", sort=False)}
    parts = []
    for verdict, one, many, rest in (
            ("reliable", "reaches", "reach", "the level that content analysts call reliable"),
            ("tentative", "supports", "support", "tentative conclusions only"),
            ("below the threshold for conclusions", "falls", "fall", "below the threshold for conclusions")):
        if verdict in groups:
            parts.append(f"{join(groups[verdict])} {one if len(groups[verdict]) == 1 else many} {rest}")
    widest = scores.loc[(scores["high"] - scores["low"]).idxmax()]
    return {"n_bootstrap": f"{agreement.BOOTSTRAP_SAMPLES:,}",
            "reliability_sentence": capital("; ".join(parts)) + ".",
            "reliability_caution": (f"The intervals are wide, as they must be with {scores['items'].min()} to "
                                    f"{scores['items'].max()} items: for {phrases[widest['variable']]} the interval "
                                    f"runs from {widest['low']:.2f} to {widest['high']:.2f}, so each figure is an "
                                    "indication, not a verdict.")}
