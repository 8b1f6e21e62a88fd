"""Tables, charts and glued numbers for the two article chapters (rs2024 and ac2026).

Both chapters call the same functions, with scales fixed across the two articles, so
that their figures can be set side by side: the claim matrix always shows every theme
and every kind of claim with one colour scale, and the mentions chart uses one axis
and one set of colours for both articles.
"""
from __future__ import annotations


import altair as alt
import pandas as pd

from .figures import theme as _theme  # noqa: F401  (registers and enables the book theme)
from .data import codebooks as cb
from .figures.theme import chart_title
from .data.texts import article_paragraphs, word_count
from .tables.cards import date_range
from .data.dates import human as human_date
from .text.quotes import quoted
from .tables.html import Figure, HTMLOutput, Markup, escape, table
from .text.wording import join, the

THEME_NAMES = {label.code: label.name for label in cb.THEMES}
KIND_NAMES = {label.code: label.name for label in cb.CLAIM_KINDS}
NO_SOURCE = "No source named in the article"
MENTION_KINDS = ("country", "region", "institution", "leader", "media")
CLAIMS_SOURCE = "Claims coded by the book from the article texts"
MENTIONS_SOURCE = "Names counted by the book from the article texts, adjectives and capitals included"


TITLE_WIDTH, SUBTITLE_WIDTH = 34, 48  # characters per line, so titles fit a phone screen
SPLIT_LABEL = "split(datum.label, '|')"  # an axis label "a|b" is drawn on two lines
# Fit the width to the page; a fixed height (rows × step) rather than a step keeps
# vega-embed from warning that it drops "fit-y" for a discrete height.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def two_lines(text: str, width: int = 16) -> str:
    """`text` longer than `width` as two lines joined by '|' (for SPLIT_LABEL), broken at the
    space nearest its middle."""
    if len(text) <= width or " " not in text:
        return text
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "|" + text[cut + 1:]


def heading(title: str, subtitle: str) -> alt.Title:
    """A chart title and subtitle, wrapped into lines short enough for a narrow screen."""
    return chart_title(title, subtitle, width=TITLE_WIDTH, subtitle_width=SUBTITLE_WIDTH)


def article_claims(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The claims of one article in paragraph order, with theme and kind in words."""
    frame = arguments[arguments["article_id"] == article_id].copy()
    frame["theme_name"] = frame["theme"].map(THEME_NAMES)
    frame["kind_name"] = frame["kind"].map(KIND_NAMES)
    return frame.sort_values(["paragraph", "claim_id"], kind="stable").reset_index(drop=True)


def _claim_and_quote(value, row) -> Markup:
    """Our summary of the claim, with the article's own words under it."""
    return Markup(f"{escape(value)}<br><em>In the article:</em> {escape(quoted(row['quote']))}")


def _kind_and_theme(value, row) -> Markup:
    return Markup(f"<strong>{escape(row['kind_name'])}</strong><br>{escape(row['theme_name'])}")


def claims_table(arguments: pd.DataFrame, article_id: str) -> HTMLOutput:
    """Every claim of one article: paragraph, kind and theme, the claim in our words, the quote."""
    frame = article_claims(arguments, article_id)
    return table(frame, {"paragraph": "¶", "kind_name": "Kind and theme",
                         "claim": "The claim (our summary) and the article's words"},
                 caption=f"The {len(frame)} claims coded in {article_id}, in the order of the text",
                 formatters={"claim": _claim_and_quote, "kind_name": _kind_and_theme}, css_class="td-claims",
                 download="arguments.csv")


def cited(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """What the article reports as fact, background or someone else's view: its evidence and
    context rows, and any other row it credits to someone."""
    frame = article_claims(arguments, article_id)
    keep = frame["kind"].isin(["evidence", "context"]) | (frame["attributed_to"].fillna("") != "")
    frame = frame[keep].reset_index(drop=True)
    frame["credited"] = frame["attributed_to"].fillna("").replace("", NO_SOURCE)
    return frame


def cited_table(arguments: pd.DataFrame, article_id: str) -> HTMLOutput:
    frame = cited(arguments, article_id)

    def credit(value, row) -> Markup:
        if value == NO_SOURCE:
            return Markup(f'<em>{escape(value)}</em>')
        return escape(value)
    return table(frame, {"paragraph": "¶", "kind_name": "Kind",
                         "claim": "What the article reports, and its words", "credited": "Credited in the article to"},
                 caption=f"Facts, background and views that {article_id} reports, with whom it credits",
                 formatters={"claim": _claim_and_quote, "credited": credit}, css_class="td-cited",
                 download="arguments.csv")


# ------------------------------------------------------------------ claim matrix


def claim_matrix(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Claims per theme × kind for one article, every cell of the codebooks present (zeros included)."""
    frame = arguments[arguments["article_id"] == article_id]
    counts = frame.groupby(["theme", "kind"]).size()
    rows = [{"theme": THEME_NAMES[t.code], "kind": KIND_NAMES[k.code], "claims": int(counts.get((t.code, k.code), 0))}
            for t in cb.THEMES for k in cb.CLAIM_KINDS]
    return pd.DataFrame(rows)


def theme_totals(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Claims per theme (codebook order), with the kinds that make them up in words."""
    matrix = claim_matrix(arguments, article_id)
    out = []
    for theme, part in matrix.groupby("theme", sort=False):
        nonzero = part[part["claims"] > 0]
        out.append({"Theme": theme, "Claims": int(part["claims"].sum()),
                    "Of which": ", ".join(f"{r.kind.lower()} {r.claims}" for r in nonzero.itertuples()) or "none"})
    return pd.DataFrame(out)


PROPER = ("Russia", "Europe", "Ukraine", "US", "NATO")  # theme names that open with a proper name


def in_sentence(name: str) -> str:
    """A theme name as it reads inside a sentence: 'Escalation and Russian threats' ->
    'escalation and Russian threats', 'The US role' -> 'the US role', 'European will' unchanged."""
    return name if name.startswith(PROPER) else name[:1].lower() + name[1:]


def leading_themes(arguments: pd.DataFrame, article_id: str, kind: str) -> tuple[list[str], int, int]:
    """The theme(s) holding most of one article's claims of `kind` (codebook order, ties kept),
    their count and the total of that kind."""
    matrix = claim_matrix(arguments, article_id)
    part = matrix[matrix["kind"] == KIND_NAMES[kind]]
    total, best = int(part["claims"].sum()), int(part["claims"].max())
    if total == 0:
        return [], 0, 0
    return list(part.loc[part["claims"] == best, "theme"]), best, total


def claims_title(arguments: pd.DataFrame, article_id: str) -> tuple[str, str]:
    """The claims chart's title (where the arguments and the evidence lie) and subtitle (the counts)."""
    said = []
    for kind, verb, one, many in (("argument", "argues most on", "argument", "arguments"),
                                  ("evidence", "cites most evidence on", "piece of evidence", "pieces of evidence")):
        themes, best, total = leading_themes(arguments, article_id, kind)
        if not themes:
            said.append(("makes no argument" if kind == "argument" else "cites no evidence", ""))
            continue
        if best == total:
            count = f"its only {one}" if total == 1 else f"all {total} {many}"
        else:
            count = f"{best} of its {total} {many}" + (" each" if len(themes) > 1 else "")
        said.append((f"{verb} {join([in_sentence(t) for t in themes])}", count))
    title = f"{article_id} {said[0][0]}, and {said[1][0]}"
    counts = "; ".join(c for _, c in said if c)
    subtitle = f"Claims in {article_id} by theme and kind" + (f": {counts}" if counts else "")
    return title, subtitle


def claims_chart(arguments: pd.DataFrame, article_id: str, source: str = CLAIMS_SOURCE) -> Figure:
    """Heat-map of one article's claims by theme and kind, on scales shared by both articles;
    its title says which theme the article argues most about and which it cites most evidence on.

    `arguments` should hold every article, so that the colour scale (0 to the largest
    cell in any article) is the same in each chapter."""
    matrix = claim_matrix(arguments, article_id)
    matrix["row"] = matrix["theme"].map(two_lines)
    vmax = max(int(claim_matrix(arguments, a)["claims"].max()) for a in arguments["article_id"].unique())
    totals = theme_totals(arguments, article_id)
    total = int(totals["Claims"].sum())
    kinds = matrix.groupby("kind", sort=False)["claims"].sum()
    theme_order = [two_lines(t.name) for t in cb.THEMES]
    kind_order = [k.name for k in cb.CLAIM_KINDS]
    header = heading(*claims_title(arguments, article_id))
    base = alt.Chart(matrix).encode(
        x=alt.X("kind:N", sort=kind_order, title=None,
                axis=alt.Axis(orient="top", labelAngle=-45, labelAlign="left", domain=False, ticks=False)),
        y=alt.Y("row:N", sort=theme_order, title=None,
                axis=alt.Axis(domain=False, ticks=False, labelExpr=SPLIT_LABEL, labelLineHeight=14)),
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("claims:Q", title="Claims")],
    )
    grid = base.mark_rect(fillOpacity=0, stroke="#9a9a9a", strokeWidth=0.5)
    cells = base.transform_filter("datum.claims > 0").mark_rect(stroke="#9a9a9a", strokeWidth=0.5).encode(
        color=alt.Color("claims:Q", title="Claims", scale=alt.Scale(domain=[0, vmax], scheme="blues"),
                        legend=None))
    labels = base.transform_filter("datum.claims > 0").mark_text(fontSize=13, fontWeight=600).encode(
        text=alt.Text("claims:Q"),
        color=alt.condition(f"datum.claims > {vmax / 2}", alt.value("#ffffff"), alt.value("#08306b")))
    chart = alt.layer(grid, cells, labels).properties(title=header, width="container", height=34 * len(theme_order),
                                                      autosize=AUTOSIZE)
    description = (f"Heat-map of the {total} claims coded in {article_id}, with themes as rows and kinds of claim "
                   f"as columns; each filled cell shows its count. By theme: "
                   + "; ".join(f"{r.Theme} {r.Claims}" for r in totals.itertuples())
                   + ". By kind: " + "; ".join(f"{k} {int(v)}" for k, v in kinds.items()) + ".")
    return Figure(chart, description, source, totals, download="arguments.csv")


# ------------------------------------------------------------------ mentions


def mentions_figure(mentions: pd.DataFrame, article_id: str, source: str = MENTIONS_SOURCE,
                    top: int = 12) -> Figure:
    """Bar chart of the names one article uses most, with the kind of name written beside
    each bar; the axis and colours are shared by every article in `mentions`."""
    n_paragraphs = len(article_paragraphs(article_id))
    frame = (mentions[mentions["article_id"] == article_id]
             .sort_values(["mentions", "entity"], ascending=[False, True]).head(top)
             [["entity", "kind", "mentions", "paragraphs"]].reset_index(drop=True))
    frame["n_paragraphs"] = frame["paragraphs"].map(lambda p: len(p.split(", ")))
    frame["row"] = frame["entity"] + "|" + frame["kind"]
    xmax = int(mentions["mentions"].max())
    leader = frame.iloc[0]
    kinds = [k for k in MENTION_KINDS if k in set(mentions["kind"])] + sorted(set(mentions["kind"]) - set(MENTION_KINDS))
    colours = dict(zip(MENTION_KINDS, _theme.OKABE_ITO))
    title = (f"{leader['entity']} is the name {article_id} uses most: {leader['mentions']} mentions, "
             f"in {leader['n_paragraphs']} of its {n_paragraphs} paragraphs")
    header = heading(title, f"Mentions of countries, leaders, institutions and media in {article_id}: "
                            f"the {len(frame)} most named (adjectives and capitals count)")
    base = alt.Chart(frame[["entity", "kind", "mentions", "n_paragraphs", "row"]]).encode(
        y=alt.Y("row:N", sort=frame["row"].tolist(), title=None,
                axis=alt.Axis(labelExpr=SPLIT_LABEL, labelLineHeight=14)),
        x=alt.X("mentions:Q", title="Mentions in the article", scale=alt.Scale(domain=[0, xmax + 2]),
                axis=alt.Axis(tickMinStep=1, values=list(range(0, xmax + 1, 5)))),
        tooltip=[alt.Tooltip("entity:N", title="Name"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("mentions:Q", title="Mentions"),
                 alt.Tooltip("n_paragraphs:Q", title="Paragraphs naming it")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "kind:N", title="Kind of name",
        scale=alt.Scale(domain=kinds, range=[colours.get(k, "#888888") for k in kinds]), legend=None))
    text = base.mark_text(align="left", dx=4).encode(text="mentions:Q")
    chart = alt.layer(bars, text).properties(title=header, width="container", height=32 * len(frame),
                                             autosize=AUTOSIZE)
    description = (f"Bar chart of the {len(frame)} names most often used in {article_id}, each labelled with its "
                   f"kind and count. " + "; ".join(f"{r.entity} ({r.kind}): {r.mentions}" for r in frame.itertuples())
                   + ".")
    shown = frame.rename(columns={"entity": "Name", "kind": "Kind", "mentions": "Mentions",
                                  "paragraphs": "Paragraphs"})[["Name", "Kind", "Mentions", "Paragraphs"]]
    return Figure(chart, description, source, shown, download="mentions.csv")


# ------------------------------------------------------------------ numbers for the prose


def chapter_numbers(articles: pd.DataFrame, arguments: pd.DataFrame, article_id: str) -> dict[str, object]:
    """Every number the chapter's prose states, computed from the data (keys become glue names)."""
    row = articles.set_index("article_id").loc[article_id]
    claims = article_claims(arguments, article_id)
    kinds = claims["kind"].value_counts()
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
    by_kind = named.groupby("kind")["entity"].count()
    numbers: dict[str, object] = {"names": len(named), "leaders": int(by_kind.get("leader", 0)),
                                  "media": int(by_kind.get("media", 0))}
    for entity, count in zip(named["entity"], named["mentions"]):
        numbers["m_" + "".join(ch for ch in entity.lower() if ch.isalnum())] = int(count)
    return {f"{article_id}_{k}": v for k, v in numbers.items()}


def teaser_numbers(teasers: pd.DataFrame, positions: pd.DataFrame, teaser_id: str) -> dict[str, object]:
    """Numbers and names for the record page's section on the teaser that the rs2024 capture also holds."""
    from .data.texts import read_text
    from .paths import articles_dir
    row = teasers.set_index("teaser_id").loc[teaser_id]
    mine = positions[positions["teaser_id"] == teaser_id]
    states = mine[mine["actor_code"] != "EU"]

    def names(frame: pd.DataFrame) -> str:
        return join([the(a) for a in frame["actor"]]) if len(frame) else "none"
    # the teaser says "the three Baltic countries": a Baltic row the quote does not name is the book's reading
    unnamed = mine[[a not in q and "Baltic" in q for a, q in zip(mine["actor"], mine["quote"])]]
    return {
        "teaser_title": row["title"],
        "teaser_date": human_date(row["event_date"]),
        "teaser_words": word_count(read_text(articles_dir() / f"{teaser_id}.txt")),
        "teaser_rows": len(mine),
        "teaser_opposed": int((states["position"] == "opposed").sum()),
        "teaser_opposed_names": names(states[states["position"] == "opposed"]),
        "teaser_supporters": int(states["position"].isin(["supporter", "leading_proponent"]).sum()),
        "teaser_leading_names": names(mine[mine["position"] == "leading_proponent"]),
        "teaser_baltic": len(unnamed),
        "teaser_baltic_names": names(unnamed),
    }

