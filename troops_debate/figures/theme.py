"""Charts: one Altair theme for the whole book and one function per figure.

Each function takes the loaded data, aggregates it in pandas, and returns a
`render.Figure`: the chart, its text alternative (built from the same data), the
source line and the table behind it.
"""
from __future__ import annotations

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


def phone_title(title: str, subtitle: str, title_width: int, subtitle_width: int) -> alt.Title:
    """A chart title and subtitle wrapped into lines of at most the given number of characters,
    short enough for a narrow screen."""
    def lines(text: str, width: int) -> list[str]:
        return textwrap.wrap(text, width) or [text]
    return alt.Title(lines(title, title_width), subtitle=lines(subtitle, subtitle_width))
