"""The book's charts: its Altair theme, colour and shape scales, title wrapper, and the offline rendering.

A chapter builds its own chart in Altair and wraps it in a `Figure`, with its text alternative, its source
line, the table behind it and the file to download. A Figure is drawn offline everywhere:

- in the book (the Sphinx extension sets TD_BOOK_OUTPUT for the kernels it starts): a <figure> holding the
  Vega-Lite spec as inert JSON, drawn by the book's own script (`_static/td-charts.js`) with the vega bundle
  served from `_static/`; its element id is derived from the spec, so re-execution is identical;
- in JupyterLab or any other notebook front end: Altair's JupyterChart in offline mode (the vega libraries
  come from vl-convert, not a CDN), with the source line, the description and the data table under it.

A chapter glues `figure.output` (the book's HTML) for `{glue:figure}`, which places it in the book, and shows
`figure` at the end of its cell, which draws it in JupyterLab (and shows nothing more in the book).
"""
from __future__ import annotations

import copy
import json
import os
import textwrap
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .data import codebooks as cb
from .html import HTMLOutput, content_id, data_link, escape, safe_json

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


# ------------------------------------------------------------------ offline rendering

BOOK_OUTPUT = "TD_BOOK_OUTPUT"  # set (to 1) in the kernels the book's build starts


def book_output() -> bool:
    return bool(os.environ.get(BOOK_OUTPUT))


@dataclass(frozen=True)
class Figure:
    """A chart with everything a reader needs around it."""
    chart: alt.TopLevelMixin
    description: str            # text alternative: what the chart shows and its key values
    source: str                 # the source line under the chart
    table: pd.DataFrame         # the data behind the chart, as a readable table
    download: str | None = None  # CSV in _static/download/ behind the chart

    def spec(self) -> dict:
        """The Vega-Lite spec (validated by Altair once)."""
        if "_spec" not in self.__dict__:
            object.__setattr__(self, "_spec", self.chart.to_dict())
        return copy.deepcopy(self.__dict__["_spec"])

    def _data_table(self) -> str:
        rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in r) + "</tr>"
                       for r in self.table.itertuples(index=False))
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in self.table.columns)
        return (f'<details class="td-chart-data"><summary>Chart description and data table</summary>'
                f'<p class="td-chart-alt">{escape(self.description)}</p>'
                f'<div class="td-table-wrap" tabindex="0" role="region" aria-label="Data behind the chart">'
                f'<table class="td-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></details>')

    def html(self) -> str:
        """The figure as the book shows it (drawn by `_static/td-charts.js`)."""
        spec = self.spec()
        ident = content_id(spec, "td")
        download = ""
        if self.download:
            download = (f' \u00b7 <a href="{escape(data_link(self.download))}" download>'
                        f"Download the data ({escape(self.download)})</a>")
        return (
            f'<figure class="td-chart" id="{ident}">'
            f'<div class="td-chart-vis" id="{ident}-vis" role="img" aria-label="{escape(self.description)}"></div>'
            f'<p class="td-chart-source">Source: {escape(self.source)}{download}</p>'
            f"{self._data_table()}"
            f'<script type="application/json" class="td-chart-spec" id="{ident}-spec">{safe_json(spec)}</script>'
            f'<script>(window.tdCharts=window.tdCharts||[]).push("{ident}")</script>'
            f"</figure>"
        )

    @property
    def output(self) -> HTMLOutput:
        """The book's figure as a display object: what a chapter glues for `{glue:figure}`."""
        return HTMLOutput(self.html(), self.description)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.output._repr_mimebundle_()

    def _ipython_display_(self):
        from IPython.display import display
        if book_output():
            return  # the book places the figure where the chapter's {glue:figure} stands
        alt.JupyterChart.enable_offline()
        data = f" \u00b7 Data: {escape(self.download)}" if self.download else ""
        display(alt.JupyterChart(self.chart))
        display(HTMLOutput(f'<p class="td-chart-source">Source: {escape(self.source)}{data}</p>'
                           f"{self._data_table()}", self.description))
