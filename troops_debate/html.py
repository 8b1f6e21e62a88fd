"""The book's HTML pieces: escaped tables, links, labelled chips and the article cards.

Every string from the data is escaped here (markupsafe); nothing in the data can add markup. A table or a
card is an `HTMLOutput`: HTML for the page and plain text for every other reader of the notebook.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable, Mapping

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


# ------------------------------------------------------------------ badges, chips and article cards

SHAPE_CHARS = {"diamond": "\u25c6", "triangle-up": "\u25b2", "square": "\u25a0", "circle": "\u25cf",
               "triangle-down": "\u25bc", "cross": "\u271a", "triangle-right": "\u25b6", "stroke": "\u2013"}


def coded_chip(codebook):
    """A table formatter that shows a coded label in words, with its colour and shape."""
    def fmt(value, row) -> Markup:
        label = codebook[value]
        return label_chip(label.name, label.colour, SHAPE_CHARS.get(label.shape, DOT))
    return fmt


def basis_badge(code: str) -> Markup:
    from .data.codebooks import BASES
    label = BASES[code]
    return Markup(f'<span class="td-badge td-basis-{escape(code)}" title="{escape(label.definition)}">'
                  f"{escape(label.name.lower())}</span>")


def article_card(row: pd.Series) -> HTMLOutput:
    """What the captured page says of an article, each field with how it is known (stated in the text,
    inferred, found elsewhere, not stated)."""
    from .data.codebooks import ARTICLE_POSITIONS
    from .wording import date_range
    title = escape(row["title"]) if row["title"] else Markup("<em>No title in the capture</em>")
    author = escape(row["author"]) if row["author"] else Markup("<em>No byline in the capture</em>")
    url = link(row["url"], row["url"]) if row["url"] else Markup("<em>Not confirmed</em>")
    outlet = Markup(f"{escape(row['outlet'])} ({escape(row['section'])})") if row["section"] else escape(row["outlet"])
    items = [
        ("Outlet", outlet),
        ("Title", Markup(f"{title} {basis_badge(row['title_basis'])}")),
        ("Author", Markup(f"{author} {basis_badge(row['author_basis'])}")),
        ("Published", Markup(f"{escape(date_range(row['date_earliest'], row['date_latest']))} "
                             f"{basis_badge(row['date_basis'])}")),
        ("Address", Markup(f"{url} {basis_badge(row['url_basis'])}")),
        ("Position", escape(ARTICLE_POSITIONS[row["position"]].definition)),
        ("Length", escape(f"{row['word_count']:,} words")),
        ("How we know", escape(row["date_note"])),
    ]
    body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in items)
    text = "\n".join(f"{k}: {Markup(v).striptags()}" for k, v in items)
    return HTMLOutput(f'<div class="td-card" id="card-{escape(row["article_id"])}"><dl>{body}</dl></div>', text)
