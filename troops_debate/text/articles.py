"""The article chapters' and the claims record page's glued values: every number their prose states,
each claim's quote ready for a sentence, the names each article uses and what its capture also holds.

Keys start with the article's id (`rs2024_claims`, `rs2024_q07`), so one function serves every article;
a chapter glues its own with `glue_all(article_id)` and the record page every article's with
`glue_record()`."""
from __future__ import annotations

import pandas as pd

from ..analysis.articles import NO_SOURCE, article_claims, articles_in_order, cited, read_from_group
from ..data import codebooks as cb
from ..data import load
from ..data.dates import human as human_date
from ..data.derived import mentions
from ..data.texts import article_paragraphs, read_text, word_count
from ..paths import articles_dir
from .glue import glue_values
from .quotes import quoted
from .wording import date_range, join, the


def chapter_numbers(articles: pd.DataFrame, arguments: pd.DataFrame, article_id: str) -> dict[str, object]:
    """Every number the chapter's prose states, computed from the data (keys become glue names)."""
    row = articles.set_index("article_id").loc[article_id]
    claims = article_claims(arguments, article_id)
    kinds = claims["kind"].astype(str).value_counts()
    evidence = cited(arguments, article_id)
    evidence_only = evidence[evidence["kind"] == "evidence"]
    numbers: dict[str, object] = {
        "dates": date_range(row["date_earliest"], row["date_latest"]),
        "words": int(row["word_count"]),
        "paragraphs": len(article_paragraphs(article_id)),
        "claim_paragraphs": int(claims["paragraph"].nunique()),
        "claims": len(claims),
        "themes_used": int(claims["theme"].nunique()),
        "themes_all": len(cb.THEMES),
        "cited": len(evidence),
        "cited_unsourced": int((evidence["credited"] == NO_SOURCE).sum()),
        "cited_sourced": int((evidence["credited"] != NO_SOURCE).sum()),
        "evidence": len(evidence_only),
        "evidence_unsourced": int((evidence_only["credited"] == NO_SOURCE).sum()),
        "evidence_sourced": int((evidence_only["credited"] != NO_SOURCE).sum()),
    }
    for label in cb.CLAIM_KINDS:
        numbers[f"kind_{label.code}"] = int(kinds.get(label.code, 0))
    for label in cb.THEMES:
        numbers[f"theme_{label.code}"] = int((claims["theme"] == label.code).sum())
    return {f"{article_id}_{k}": v for k, v in numbers.items()}


def quotes(arguments: pd.DataFrame, article_id: str) -> dict[str, str]:
    """Each claim's quote ready for the prose, in double marks with the marks inside turned to single
    ones: key '<article>_q<nn>' for claim '<article>-c<nn>'."""
    claims = article_claims(arguments, article_id)
    return {cid.replace("-c", "_q"): quoted(q) for cid, q in zip(claims["claim_id"], claims["quote"])}


def mention_numbers(mentions: pd.DataFrame, article_id: str) -> dict[str, object]:
    """How many names one article uses, and how often each: keys '<article>_names',
    '<article>_leaders', '<article>_m_<entity>' (letters and digits of the entity's name)."""
    named = mentions[mentions["article_id"] == article_id]
    by_kind = named["kind"].astype(str).value_counts()
    numbers: dict[str, object] = {"names": len(named), "leaders": int(by_kind.get("leader", 0)),
                                  "media": int(by_kind.get("media", 0))}
    for entity, count in zip(named["entity"], named["mentions"]):
        numbers["m_" + "".join(ch for ch in entity.lower() if ch.isalnum())] = int(count)
    return {f"{article_id}_{k}": v for k, v in numbers.items()}


def key(identifier: str) -> str:
    """An id as the start of a glue name: 'rs2024-sidebar' -> 'rs2024_sidebar'."""
    return identifier.replace("-", "_")


def teaser_numbers(teasers: pd.DataFrame, positions: pd.DataFrame, teaser_id: str) -> dict[str, object]:
    """Numbers and names for the record page's section on a teaser that an article's capture also holds:
    keys '<teaser>_title', '<teaser>_rows', ... (the teaser's id with '_' for '-')."""
    row = teasers.set_index("teaser_id").loc[teaser_id]
    mine = positions[positions["teaser_id"] == teaser_id]
    states = mine[mine["actor_code"] != "EU"]

    def names(frame: pd.DataFrame) -> str:
        return join([the(a) for a in frame["actor"]]) if len(frame) else "none"
    unnamed = read_from_group(mine)
    numbers = {
        "title": row["title"],
        "date": human_date(row["event_date"]),
        "words": word_count(read_text(articles_dir() / f"{teaser_id}.txt")),
        "rows": len(mine),
        "opposed": int((states["position"] == "opposed").sum()),
        "opposed_names": names(states[states["position"] == "opposed"]),
        "supporters": int(states["position"].isin(["supporter", "leading_proponent"]).sum()),
        "leading_names": names(mine[mine["position"] == "leading_proponent"]),
        "baltic": len(unnamed),
        "baltic_names": names(unnamed),
    }
    return {f"{key(teaser_id)}_{k}": v for k, v in numbers.items()}


# ------------------------------------------------------------------ the pages' values, glued


def chapter_values(article_id: str) -> dict[str, object]:
    """Everything an article's chapter glues: its numbers and its claims' quotes."""
    articles, arguments = load.load_articles(), load.load_arguments()
    return {**chapter_numbers(articles, arguments, article_id), **quotes(arguments, article_id)}


def record_values() -> dict[str, object]:
    """Everything the claims record page glues: each article's numbers and names (in date order), and
    each teaser's numbers."""
    articles, arguments = load.load_articles(), load.load_arguments()
    named = mentions(list(articles["article_id"]))
    values: dict[str, object] = {}
    for article_id in articles_in_order(articles)["article_id"]:
        values.update({**chapter_numbers(articles, arguments, article_id), **mention_numbers(named, article_id)})
    positions = load.load_teaser_positions()
    teasers = load.load_teasers()
    for teaser_id in teasers["teaser_id"]:
        values.update(teaser_numbers(teasers, positions, teaser_id))
    return values


def glue_all(article_id: str) -> dict[str, object]:
    """Glue the chapter's values on `article_id` (keys '<article_id>_…'); returns them."""
    return glue_values(chapter_values(article_id))


def glue_record() -> dict[str, object]:
    """Glue the claims record page's values; returns them."""
    return glue_values(record_values())
