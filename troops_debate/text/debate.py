"""The debate chapter's glued values: every number and computed phrase its prose states, and the
articles' words it quotes. Every phrase that counts or compares the articles is computed from the
articles in the data (in date order), so it stays true for one article, two or five."""
from __future__ import annotations

import pandas as pd

from ..analysis.debate import (article_order, outside_statements, one_sided, shared_themes, theme_matrix,
                               thesis_themes, timing)
from ..data import codebooks as cb
from ..data import load
from ..data.dates import human as human_date
from ..data.texts import article_paragraphs, quote_in_text
from .glue import Markdown, glue_values
from .quotes import quoted
from .wording import all_of, between_articles, capital, join, number, share

# A few words of an article that the chapter quotes and that are no claim's whole quote: glue name ->
# (article, words). Each is checked against the article's text when the chapter is made.
VERBATIM = {"q_may_consider": ("rs2024", "may consider")}


def quote_of(arguments: pd.DataFrame, claim_id: str) -> str:
    """A claim's quote (checked verbatim against its article when the data is loaded), in double marks."""
    return quoted(arguments.set_index("claim_id").loc[claim_id, "quote"])


def verbatim(article_id: str, words: str) -> str:
    """A few words of an article, in double marks, after checking that they stand in its text."""
    if not any(quote_in_text(words, p) for p in article_paragraphs(article_id)):
        raise ValueError(f"not in {article_id}: {words!r}")
    return quoted(words)


def quote_values(arguments: pd.DataFrame) -> dict[str, str]:
    """Every claim's quote under 'q_<article>_c<nn>', and the VERBATIM words under their names."""
    out = {f"q_{cid.replace('-', '_')}": quoted(q) for cid, q in zip(arguments["claim_id"], arguments["quote"])}
    return {**out, **{name: verbatim(article, words) for name, (article, words) in VERBATIM.items()}}


# ------------------------------------------------------------------ phrases that compare the articles


def themes_shared(matrix: pd.DataFrame) -> str:
    """'The articles share seven of eight themes but not their weight' (for three: 'All three articles
    share …'; for one: what it addresses)."""
    order = list(dict.fromkeys(matrix["article_id"]))
    n, n_themes = len(order), len(cb.THEMES)
    if n == 1:
        addressed = int((matrix["claims"] > 0).sum())
        return f"The article addresses {share(addressed, n_themes)} themes, some at more length than others"
    who = "The articles" if n == 2 else capital(all_of(n, "article"))
    shared = len(shared_themes(matrix))
    if not shared:
        return f"{who} share no theme"
    return f"{who} share {share(shared, n_themes)} themes but not their weight"


def thesis_sentence(matrix: pd.DataFrame) -> Markdown:
    """Where the articles' theses meet: the themes on which more than one article states a thesis."""
    order = list(dict.fromkeys(matrix["article_id"]))
    n, theses = len(order), thesis_themes(matrix)
    if n == 1:
        return Markdown(f"It states a thesis on {join(f'*{t}*' for t in theses)}." if theses else
                        "It states no thesis.")
    meet = {theme: arts for theme, arts in theses.items() if len(arts) > 1}
    if not meet:
        return Markdown("They state their theses on different themes." if n == 2 else
                        "No two of them state a thesis on the same theme.")
    if n == 2:
        lead = f"only one theme, *{next(iter(meet))}*" if len(meet) == 1 else join(f"*{t}*" for t in meet)
        return Markdown(f"Both state a thesis on {lead}, where their conclusions meet head-on.")
    parts = [f"{capital(all_of(n, 'article')) if len(arts) == n else join(arts)} state a thesis on *{theme}*"
             for theme, arts in meet.items()]
    return Markdown("; ".join(parts) + ", where their conclusions meet head-on.")


# ------------------------------------------------------------------ the numbers


def article_numbers(arguments: pd.DataFrame, matrix: pd.DataFrame, art: str, only: list) -> dict[str, object]:
    """One article's counts by theme (keys '<article>_…'), and the themes only it addresses."""
    mine = matrix[matrix["article_id"] == art]
    total, top_n = int(mine["claims"].sum()), int(mine["claims"].max())
    out: dict[str, object] = {
        f"{art}_claims": total, f"{art}_themes": int((mine["claims"] > 0).sum()),
        f"{art}_top": join(mine.loc[mine["claims"] == top_n, "theme"].tolist()), f"{art}_top_n": top_n,
        f"{art}_top_share": share(top_n, total),
        f"only_{art}": join([theme for theme, who in only if who == art]) or "none",
    }
    for r in mine.itertuples():
        out[f"{art}_{r.theme_code}"] = int(r.claims)
        out[f"{art}_{r.theme_code}_share"] = share(int(r.claims), total)
        part = arguments[(arguments["article_id"] == art) & (arguments["theme"] == r.theme_code)]
        for lab in cb.CLAIM_KINDS:
            out[f"{art}_{r.theme_code}_{lab.code}"] = number(int((part["kind"] == lab.code).sum()), zero="none")
    return out


def key_numbers(arguments: pd.DataFrame, articles: pd.DataFrame, stances: pd.DataFrame) -> dict[str, object]:
    """Every number and computed phrase the chapter's prose states (keys become glue names)."""
    matrix = theme_matrix(arguments, articles)
    only = one_sided(matrix)
    t = timing(articles, stances)
    outside = outside_statements(stances)
    busiest = outside[outside["date"] == t["busiest"]] if t["busiest"] else outside.iloc[:0]
    n_after_ceasefire = int((busiest["question"] == "after_ceasefire").sum())
    out: dict[str, object] = {
        "n_articles": len(articles), "n_themes": len(cb.THEMES), "n_shared": len(shared_themes(matrix)),
        "n_one_sided": len(only), "one_sided": "; ".join(f"{theme} (only {art})" for theme, art in only) or "none",
        "n_outside": t["n"], "n_between": t["between"],
        "outside_first": human_date(t["first"]) if t["n"] else "", "outside_last": human_date(t["last"]) if t["n"] else "",
        "busiest_day": human_date(t["busiest"]) if t["busiest"] else "", "busiest_n": t["busiest_n"],
        "busiest_after_ceasefire": n_after_ceasefire,
        "thesis_shared": "; ".join(name for name, arts in thesis_themes(matrix).items()
                                   if len(arts) == len(articles)) or "none",
        "thesis_sentence": thesis_sentence(matrix), "themes_shared": themes_shared(matrix),
        "between_articles": between_articles(len(articles)), "between_share": share(t["span"], t["n"]),
        "shared_share": share(len(shared_themes(matrix)), len(cb.THEMES)),
        "busiest_after_ceasefire_share": share(n_after_ceasefire, t["busiest_n"]),
        "busiest_n_words": number(t["busiest_n"]),
    }
    for lab in cb.STANCES:
        out[f"out_{lab.code}"] = int((outside["stance"] == lab.code).sum())
    for lab in cb.QUESTIONS:
        out[f"out_q_{lab.code}"] = int((outside["question"] == lab.code).sum())
        out[f"out_q_{lab.code}_share"] = share(out[f"out_q_{lab.code}"], t["n"])
    russia = stances[stances["actor_code"] == "RU"]
    out["n_russia"], out["n_russia_hostile"] = len(russia), int((russia["stance"] == "hostile").sum())
    for art in article_order(articles):
        out.update(article_numbers(arguments, matrix, art, only))
    return out


def glue_all() -> dict[str, object]:
    """Glue the chapter's numbers, phrases and quotes from the data; returns them."""
    arguments, articles, stances = load.load_arguments(), load.load_articles(), load.load_stances()
    return glue_values({**key_numbers(arguments, articles, stances), **quote_values(arguments)})
