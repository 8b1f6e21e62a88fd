"""What each HTML page gets as it is written (`html-page-context`), and the PDF edition beside the pages."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

from ..html import resolve_root_links, root_prefix


def _is_thebe(asset) -> bool:
    return "thebe" in str(getattr(asset, "filename", None) or "") or \
        "THEBE_JS_URL" in getattr(asset, "attributes", {}).get("body", "")


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Jupyter Book always loads sphinx-thebe, even with thebe off. Its configuration script names a CDN and is
    added twice (a console error on every page: THEBE_JS_URL declared twice). The book does not use thebe, so
    its scripts and stylesheet are left out of the page's assets (late: after the handlers that add a page's
    own assets, such as the theme's DOCUMENTATION_OPTIONS scripts)."""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]


CHART_SCRIPTS = ("vega/vega-bundle.js", "td-charts.js")  # as added in __init__.py (Sphinx may prefix _static/)


def _is_chart_script(asset) -> bool:
    name = str(getattr(asset, "filename", None) or "")
    return any(name == script or name.endswith("/" + script) for script in CHART_SCRIPTS)


def charts_only_where_drawn(app, pagename, templatename, context, doctree) -> None:
    """The vega bundle (900 kB) and the chart script only on the pages that hold a chart (charts.Figure's spec)."""
    if "td-chart-spec" not in context.get("body", "") and "script_files" in context:
        context["script_files"] = [asset for asset in context["script_files"] if not _is_chart_script(asset)]


def resolve_links(app, pagename, templatename, context, doctree) -> None:
    """Outputs write links to published files from the book's root (tables.html.ROOT_LINK); here, where
    the page's place is known, they become relative paths."""
    if "body" in context:
        context["body"] = resolve_root_links(context["body"], root_prefix(pagename))


def fix_bibliography_roles(app, pagename, templatename, context, doctree) -> None:
    """docutils marks a bibliography as role="list" holding role="doc-biblioentry" items, which
    ARIA does not accept as list items (axe: aria-required-children). Make them list items."""
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


DESCRIPTION = ("A reproducible report on the 2024–2026 debate over sending European troops to Ukraine: "
               "two opposing articles, coded country stances, and the record of Russia's red lines.")


def add_preview_metadata(app, pagename, templatename, context, doctree) -> None:
    """Metadata for link previews (Open Graph), naming the page and the book; no external image."""
    page = html.escape(str(context.get("title") or "").replace("<", "").replace(">", ""), quote=True)
    book = html.escape(app.config.html_title or "", quote=True)
    tags = [f'<meta name="description" content="{html.escape(DESCRIPTION, quote=True)}" />',
            f'<meta property="og:title" content="{page} | {book}" />' if page else "",
            f'<meta property="og:site_name" content="{book}" />',
            f'<meta property="og:description" content="{html.escape(DESCRIPTION, quote=True)}" />',
            '<meta property="og:type" content="article" />']
    context["metatags"] = context.get("metatags", "") + "\n".join(t for t in tags if t)


def note_pdf_edition(app, config) -> None:
    """config-inited: whether the PDF edition can be printed here (Chromium at $CHROMIUM). A setting kept with
    the HTML output (rebuild "html"), so that the opening page is written again when that changes."""
    from ..pdf import can_print
    config.td_pdf_edition = can_print()


def link_pdf_edition(app, pagename, templatename, context, doctree) -> None:
    """The opening page of the HTML book offers the PDF edition, where it can be printed (`make book` makes
    both); without Chromium it offers no link that would lead nowhere."""
    from ..pdf import PDF_NAME
    if app.config.td_pdf_edition and app.builder.name == "html" and pagename == app.config.root_doc \
            and "body" in context:
        context["body"] += (f'<p class="td-pdf-link td-screen-only"><a href="{root_prefix(pagename)}{PDF_NAME}">'
                            "Download the book as a PDF</a> (A4, for printing or passing on).</p>")


def copy_pdf_edition(app, exception) -> None:
    """The HTML book links to its PDF edition: copy it in when `make pdf` has made one."""
    from ..pdf import OUTPUT
    if exception is None and app.builder.name == "html" and app.config.td_pdf_edition and OUTPUT.exists():
        shutil.copy(OUTPUT, Path(app.outdir) / OUTPUT.name)


def setup(app):
    app.add_config_value("td_pdf_edition", False, "html")
    app.connect("config-inited", note_pdf_edition)
    for handler in (resolve_links, fix_bibliography_roles, add_preview_metadata, link_pdf_edition):
        app.connect("html-page-context", handler)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("html-page-context", charts_only_where_drawn, priority=900)
    app.connect("build-finished", copy_pdf_edition)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
