"""A small Sphinx extension that makes the book self-contained.

- Serves the vega / vega-lite / vega-embed bundle shipped by the pinned vl-convert-python
  from `_static/vega/` (generated at build time, never committed, never from a CDN),
  wrapped in a function scope so its top-level names cannot clash with the theme's.
- Turns the root-relative links of notebook outputs into links relative to each page.
- Writes what the build needs from the data before anything is read (the bibliography, the data
  package's documentation) and publishes every data file and derived table under
  `_static/download/` (made by `data.derived.write_downloads`).
- Adds the book's own chart script and stylesheet.
- Leaves out sphinx-thebe, which the stock Jupyter Book page carries even with thebe off: its
  configuration script names a CDN and is added twice (a console error on every page).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from ..data.bibliography import write_bibliography
from ..data.derived import write_downloads
from ..data.docs import write_docs
from ..paths import ROOT, data_dir
from ..charts import BOOK_OUTPUT
from ..html import resolve_root_links, root_prefix
from .cache_key import PACKAGE
from .cached import PAGE_INPUTS
from .stamp import Stamp

def write_vega_bundle(folder: Path) -> Path:
    import vl_convert as vlc
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / "VERSION"
    bundle = folder / "vega-bundle.js"
    version = json.dumps({"vl-convert": vlc.__version__ if hasattr(vlc, "__version__") else "",
                          "vega": vlc.get_vega_version(), "vega-embed": vlc.get_vega_embed_version()})
    if not bundle.exists() or not stamp.exists() or stamp.read_text() != version:
        bundle.write_text("/* vega, vega-lite and vega-embed, bundled by vl-convert-python */\n"
                          "(function(){\n" + vlc.javascript_bundle() + "\n})();\n", encoding="utf-8")
        stamp.write_text(version)
    return bundle


def generate_static(app) -> None:
    generated = Path(app.outdir).parent / "generated_static"  # beside the html output
    write_vega_bundle(generated / "vega")
    downloads = generated / "download"  # not "data": Sphinx skips static files matching exclude_patterns
    # made again only when the data, the package or the environment changed (one table is bootstrapped)
    stamp = Stamp(downloads, [data_dir(), PACKAGE, ROOT / "requirements.txt"])
    if not stamp.fresh():
        write_downloads(downloads)
        stamp.write()
    app.config.html_static_path.append(str(generated))


def _is_thebe(asset) -> bool:
    body = getattr(asset, "attributes", {}).get("body", "")
    return "thebe" in str(getattr(asset, "filename", None) or "") or "THEBE_JS_URL" in body


def drop_thebe(app, env, docnames) -> None:
    """Jupyter Book always loads sphinx-thebe, even with thebe off. Its configuration script
    names a CDN and is added twice (a console error on every page). The book does not use
    thebe, so once sphinx-thebe has added its assets they are taken out again."""
    for attr in ("js_files", "css_files"):  # what the builder re-reads before writing
        entries = getattr(app.registry, attr)
        entries[:] = [(name, attrs) for name, attrs in entries
                      if "thebe" not in str(name or "") and "THEBE_JS_URL" not in attrs.get("body", "")]
    for attr in ("_js_files", "_css_files"):
        assets = getattr(app.builder, attr, None)
        if assets is not None:
            assets[:] = [asset for asset in assets if not _is_thebe(asset)]


def resolve_links(app, pagename, templatename, context, doctree) -> None:
    """Outputs write links to published files from the book's root (render.ROOT_LINK); here, where
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
    import html
    page = html.escape(str(context.get("title") or "").replace("<", "").replace(">", ""), quote=True)
    book = html.escape(app.config.html_title or "", quote=True)
    tags = [f'<meta name="description" content="{html.escape(DESCRIPTION, quote=True)}" />',
            f'<meta property="og:title" content="{page} | {book}" />' if page else "",
            f'<meta property="og:site_name" content="{book}" />',
            f'<meta property="og:description" content="{html.escape(DESCRIPTION, quote=True)}" />',
            '<meta property="og:type" content="article" />']
    context["metatags"] = context.get("metatags", "") + "\n".join(t for t in tags if t)


def link_pdf_edition(app, pagename, templatename, context, doctree) -> None:
    """The opening page of the HTML book offers the PDF edition (`make book` makes both)."""
    from .pdf import PDF_NAME
    if app.builder.name == "html" and pagename == app.config.root_doc and "body" in context:
        context["body"] += (f'<p class="td-pdf-link td-screen-only"><a href="{root_prefix(pagename)}{PDF_NAME}">'
                            "Download the book as a PDF</a> (A4, for printing or passing on).</p>")


def copy_pdf_edition(app, exception) -> None:
    """The HTML book links to its PDF edition: copy it in when `make pdf` has made one."""
    from .pdf import OUTPUT
    if exception is None and app.builder.name == "html" and OUTPUT.exists():
        shutil.copy(OUTPUT, Path(app.outdir) / OUTPUT.name)


def write_generated_inputs(app, config) -> None:
    """The files made from the data that the build reads or ships, written before anything is read so a
    build never sees them out of step with the data: the bibliography (beside this build's output,
    from the data this build reads; sphinxcontrib-bibtex reads it from there), data/datapackage.json
    and data/README.md's tables."""
    bib = Path(app.outdir).parent / "references.bib"
    write_bibliography(bib)
    config.bibtex_bibfiles = [str(bib)]
    app.td_bibliography = hashlib.sha256(bib.read_bytes()).hexdigest()  # its version (bibliography_versions)
    write_docs()


def bibliography_versions(app, env) -> dict[str, str]:
    """The bibliography, which each build writes from the data, as an input of the pages that hold it or cite
    it (cached.PAGE_INPUTS: a page is re-read when its version changed):
    - its content, for both, since sphinxcontrib-bibtex formats entries and citations as a page is read (a
      data edit to a source's outlet, date or title changes it);
    - its path, for the pages holding it, which keep it: the file is written beside the output, so a _build/
      folder moved or copied elsewhere names another one, and sphinxcontrib-bibtex would fail on the old."""
    domain = env.get_domain("cite")
    versions = {ref.docname: app.td_bibliography for ref in domain.citation_refs}
    versions.update({key.docname: f"{app.td_bibliography}@{app.config.bibtex_bibfiles[0]}"
                     for key in domain.bibliographies})
    return versions


def setup(app):
    import os
    os.environ[BOOK_OUTPUT] = "1"  # the kernels this build starts draw charts as the book does (charts.py)
    app.setup_extension("troops_debate.build.cached")  # cached execution keyed on the data (build/execution.py)
    app.connect("config-inited", write_generated_inputs)
    app.connect("builder-inited", generate_static)
    app.connect(PAGE_INPUTS, bibliography_versions)
    app.connect("build-finished", copy_pdf_edition)
    app.connect("html-page-context", link_pdf_edition)
    app.connect("env-before-read-docs", drop_thebe, priority=900)
    app.connect("html-page-context", resolve_links)
    app.connect("html-page-context", fix_bibliography_roles)
    app.connect("html-page-context", add_preview_metadata)
    app.add_js_file("vega/vega-bundle.js", loading_method="defer", priority=600)
    app.add_js_file("td-charts.js", loading_method="defer", priority=610)
    app.add_css_file("td-book.css")
    app.add_css_file("td-print.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
