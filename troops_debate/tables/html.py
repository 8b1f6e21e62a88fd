"""Rendering for an offline book: charts and tables as safe, deterministic HTML.

A chart becomes one output with two representations:
- text/html: a <figure> holding the Vega-Lite spec as inert JSON, drawn by the book's
  own script (`_static/td-charts.js`) with the vega bundle served from `_static/`
  (no CDN); its element id is derived from the spec, so re-execution is identical;
  a source line, a link to the CSV behind it, a text description and the data table.
- text/plain: the text alternative.

Every string from the data is escaped here (markupsafe); nothing in the data can add markup.
"""
from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from typing import Callable, Mapping

import altair as alt
import markupsafe
import pandas as pd
from markupsafe import Markup  # HTML built from escaped parts: the only text not escaped again


def escape(value) -> Markup:
    """markupsafe's escape, with a missing value (None, NaN) as empty text rather than 'None'/'nan'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return Markup("")
    return markupsafe.escape(value)


def safe_json(obj) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' survive literally."""
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def content_id(obj, prefix: str) -> str:
    digest = hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


ROOT_LINK = "td-root:/"  # stands for the book's root in links; resolved by whatever renders the page


def data_link(file: str) -> str:
    """The address of a published data file, relative to the book's root.

    Outputs do not depend on where the notebook runs: a link starts with ROOT_LINK, which the
    renderer that knows where the page will sit (the Sphinx extension for the book,
    `make notebooks` for the executed notebooks) turns into a relative path."""
    return f"{ROOT_LINK}_static/download/{file}"


def root_prefix(page: str) -> str:
    """The relative path from the page `page` ('book/articles/rs2024') back to the root ('../../')."""
    return "../" * page.count("/")


def resolve_root_links(markup: str, root: str) -> str:
    """Replace ROOT_LINK in href attributes built by this module with `root` ('', '../', ...).

    Only `href="td-root:/` with a literal quote is ours: in escaped data text a quote is `&quot;`."""
    return markup.replace(f'href="{ROOT_LINK}', f'href="{root}')


def link(url: str, text: str) -> Markup:
    """A link to an http(s) address; anything else is shown as text, never as a link."""
    if not url.startswith(("https://", "http://")):
        return escape(text)
    return Markup(f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>')


# ------------------------------------------------------------------ tables


Formatter = Callable[[object, pd.Series], Markup]


def table(frame: pd.DataFrame, columns: Mapping[str, str], *, caption: str = "",
          formatters: Mapping[str, Formatter] | None = None, css_class: str = "",
          download: str | tuple[str, ...] | None) -> "HTMLOutput":
    """An accessible HTML table of `columns` (name -> header) from `frame`.

    Cell text is escaped; a formatter (value, row) -> Markup may build a cell from
    escaped parts (a coloured label, a link). `download` names the file(s) in
    _static/download/ behind the table; every caller must say (None only for a table
    whose cells are themselves the downloads)."""
    formatters = formatters or {}
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in columns.values())
    body = []
    for _, row in frame.iterrows():
        cells = []
        for col in columns:
            fmt = formatters.get(col)
            cells.append(f"<td>{fmt(row[col], row) if fmt else escape(row[col])}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    foot = ""
    files = (download,) if isinstance(download, str) else tuple(download or ())
    if files:
        links = ", ".join(f'<a href="{escape(data_link(f))}" download>{escape(f)}</a>' for f in files)
        foot = f'<p class="td-table-download">Download the data: {links}</p>'
    markup = (f'<div class="td-table-wrap {escape(css_class)}" tabindex="0" role="region"'
              f' aria-label="{escape(caption or "table")}"><table class="td-table">{cap}<thead><tr>{head}</tr></thead>'
              f'<tbody>{"".join(body)}</tbody></table></div>{foot}')
    plain = frame[list(columns)].rename(columns=dict(columns)).to_string(index=False)
    return HTMLOutput(markup, plain)


@dataclass(frozen=True)
class HTMLOutput:
    html: str
    text: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}


DOT = "\u25cf"


def label_chip(label: str, colour: str, shape_char: str = DOT) -> Markup:
    """A label in words with a colour swatch (and a shape), so colour is never the only cue."""
    return Markup(f'<span class="td-chip"><span class="td-swatch" aria-hidden="true" style="color:{escape(colour)}">'
                  f"{escape(shape_char)}</span> {escape(label)}</span>")


# ------------------------------------------------------------------ charts


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

    def html(self) -> str:
        spec = self.spec()
        ident = content_id(spec, "td")
        rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in r) + "</tr>"
                       for r in self.table.itertuples(index=False))
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in self.table.columns)
        download = ""
        if self.download:
            download = (f' \u00b7 <a href="{escape(data_link(self.download))}" download>'
                        f"Download the data ({escape(self.download)})</a>")
        return (
            f'<figure class="td-chart" id="{ident}">'
            f'<div class="td-chart-vis" id="{ident}-vis" role="img" aria-label="{escape(self.description)}"></div>'
            f'<p class="td-chart-source">Source: {escape(self.source)}{download}</p>'
            f'<details class="td-chart-data"><summary>Chart description and data table</summary>'
            f'<p class="td-chart-alt">{escape(self.description)}</p>'
            f'<div class="td-table-wrap" tabindex="0" role="region" aria-label="Data behind the chart">'
            f'<table class="td-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></details>'
            f'<script type="application/json" class="td-chart-spec" id="{ident}-spec">{safe_json(spec)}</script>'
            f'<script>(window.tdCharts=window.tdCharts||[]).push("{ident}")</script>'
            f"</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.description}
