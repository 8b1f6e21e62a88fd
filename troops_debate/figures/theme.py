"""The book's Altair theme, its colour and shape scales, and the one chart-title wrapper."""
from __future__ import annotations

import json
import textwrap

import altair as alt

from ..data import codebooks as cb

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Okabe & Ito (2008): distinguishable with the common forms of colour-blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TEXT = "#222222"
MUTED = "#555555"


@alt.theme.register("troops_debate", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": None,
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "title": {"fontSize": 16, "fontWeight": 600, "anchor": "start", "color": TEXT,
                      "subtitleFontSize": 13, "subtitleColor": MUTED, "subtitlePadding": 4, "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 500, "labelColor": TEXT,
                     "titleColor": TEXT, "gridColor": "#e0e0e0", "domainColor": "#888888",
                     "tickColor": "#888888", "labelLimit": 260},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": TEXT, "titleColor": TEXT,
                       "orient": "bottom", "direction": "horizontal", "columns": 4, "labelLimit": 220},
            "range": {"category": OKABE_ITO},
            "text": {"fontSize": 12, "color": TEXT},
        }
    }


def scale_for(labels: tuple[cb.Label, ...], present: set[str] | None = None) -> tuple[list[str], list[str]]:
    """Domain (label names, in codebook order) and colours for a coded scale."""
    chosen = [lab for lab in labels if present is None or lab.code in present]
    return [lab.name for lab in chosen], [lab.colour for lab in chosen]


def shapes_for(labels: tuple[cb.Label, ...], present: set[str] | None = None) -> list[str]:
    return [lab.shape for lab in labels if present is None or lab.code in present]


TITLE_WIDTH = 42     # characters per title line: fits a 390 px phone at the theme's 16 px
SUBTITLE_WIDTH = 46  # the same for the 13 px subtitle
NARROW = 480         # plot width (px) below which a responsive title takes its phone wrapping
SHORT_TITLE_WIDTH = 34  # the heat-maps' and bar charts' titles, whose long theme names wrap early

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


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [text]


def chart_title(title: str, subtitle: str | list[str], *, width: int = TITLE_WIDTH,
                subtitle_width: int = SUBTITLE_WIDTH, wide: int | None = None) -> alt.Title:
    """The one way a chart's title is set: the title (the finding) and its subtitle, wrapped into lines
    short enough for a phone. With `wide`, the title is wrapped again at that width for plots wider than
    `NARROW` pixels (a chart that fills a wide column). A list of subtitles is wrapped part by part."""
    parts = [subtitle] if isinstance(subtitle, str) else subtitle
    sub = [line for part in parts for line in _lines(part, subtitle_width)]
    if wide is None:
        return alt.Title(_lines(title, width), subtitle=sub)
    narrow, broad = json.dumps(_lines(title, width)), json.dumps(_lines(title, wide))
    return alt.Title(text=alt.expr(f"width < {NARROW} ? {narrow} : {broad}"), subtitle=sub,
                     subtitlePadding=6, offset=18)
