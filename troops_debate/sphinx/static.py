"""What the build writes from the data and the environment, beside its output.

- Before anything is read (`config-inited`): the bibliography (`_build/references.bib`, from the data this
  build reads; sphinxcontrib-bibtex reads it from there), data/datapackage.json and data/README.md's tables.
  They come first, so that the inputs' digest (execution.py) sees the data as the chapters will.
- When the builder exists (`builder-inited`): the static files made from the inputs, in a folder named by
  that digest (`_build/generated_static/<digest>/`, published under `_static/`): the vega / vega-lite /
  vega-embed bundle shipped by the pinned vl-convert-python (`vega/vega-bundle.js`, wrapped in a function
  scope so its top-level names cannot clash with the theme's; never from a CDN; bundled once per environment),
  and every data file and derived table for download (`download/`, by `data.derived.write_downloads`; one table
  is bootstrapped).
  They are made again only when the digest changes, as the chapters are executed again.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..data.bibliography import write_bibliography
from ..data.derived import write_downloads
from ..data.docs import write_docs


def write_vega_bundle(folder: Path) -> Path:
    """The bundle in `folder`, copied from the one this environment made for its vl-convert-python (bundling
    takes about 2 CPU-seconds: made once per environment, in the environment, rather than once per build)."""
    import vl_convert as vlc
    made = Path(sys.prefix) / "share" / "troops-debate" / f"vega-bundle-{vlc.__version__}.js"
    if not made.is_file():
        made.parent.mkdir(parents=True, exist_ok=True)
        # builds running at once: each writes its own file, then renames it into place
        partial = made.with_name(f".{made.name}.{os.getpid()}")
        partial.write_text("/* vega, vega-lite and vega-embed, bundled by vl-convert-python */\n"
                           "(function(){\n" + vlc.javascript_bundle() + "\n})();\n", encoding="utf-8")
        partial.replace(made)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(made, folder / "vega-bundle.js"))


def write_generated_inputs(app, config) -> None:
    bib = Path(app.outdir).parent / "references.bib"
    write_bibliography(bib)
    config.bibtex_bibfiles = [str(bib)]
    write_docs()


def generate_static(app) -> None:
    base = Path(app.outdir).parent / "generated_static"
    folder = base / app.config.td_inputs
    if not folder.is_dir():
        making = base / f".{app.config.td_inputs}.partial"  # a build stopped half-way leaves no folder behind
        shutil.rmtree(making, ignore_errors=True)
        write_vega_bundle(making / "vega")
        write_downloads(making / "download")  # not "data": Sphinx skips static files matching exclude_patterns
        making.rename(folder)
    for other in base.iterdir():  # what earlier inputs made
        if other != folder:
            shutil.rmtree(other, ignore_errors=True) if other.is_dir() else other.unlink()
    app.config.html_static_path.append(str(folder))


def setup(app):
    app.connect("config-inited", write_generated_inputs)
    app.connect("builder-inited", generate_static)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
