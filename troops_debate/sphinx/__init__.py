"""The book's Sphinx extension (`_config.yml`: `sphinx: extra_extensions: [troops_debate.sphinx]`).

- execution.py: myst-nb's cache mode keyed also on one digest of the data, the package, the environment and
  the execution settings; the chapters executed in parallel by jupyter-cache before Sphinx reads them.
- static.py: the bibliography and the data's documentation written from the data before anything is read;
  the vega bundle and the data downloads served from `_static/` (nothing is loaded from another host).
- pages.py: each page's root-relative links made relative, link-preview metadata, accessible bibliography
  roles, no sphinx-thebe assets (a console error and a CDN address on every page), and the opening page's
  link to the PDF edition where it can be printed, and the chart scripts only on pages with a chart.
- The book's own chart script and stylesheets.
"""
from __future__ import annotations


def setup(app):
    import os
    from ..charts import BOOK_OUTPUT
    from . import execution, pages, static
    os.environ[BOOK_OUTPUT] = "1"  # the kernels this build starts draw charts as the book does (charts.py)
    for module in (static, execution, pages):
        module.setup(app)
    app.add_js_file("vega/vega-bundle.js", loading_method="defer", priority=600)
    app.add_js_file("td-charts.js", loading_method="defer", priority=610)
    app.add_css_file("td-book.css")
    app.add_css_file("td-print.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
