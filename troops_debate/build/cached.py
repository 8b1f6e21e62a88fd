"""The Sphinx side of the cached execution (execution.py), loaded by the book's extension (sphinx_ext.py).

Before Sphinx reads any page, every chapter's cached outputs are brought up to date: the chapters
whose key changed are executed, in parallel, into the jupyter-cache folder that myst-nb reads in
`cache` mode (started when the builder is ready, `builder-inited`; awaited at `env-get-outdated`). A page whose chapter was executed again is then re-read even when its
own source did not change (a data edit), so an incremental build never shows old outputs; a page
whose source changed but whose key did not (a prose edit) is re-read from the cache, executing
nothing. The same holds for other inputs that pages take from outside their source (the PAGE_INPUTS
event: the bibliography written from the data). The version each page was read at is kept in the
Sphinx environment, and the one it was written at beside each builder's output.

A failing cell stops the build before any page is read, naming the chapter and the cell.
"""
from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

from sphinx.errors import SphinxError
from sphinx.util import logging

from . import execution

logger = logging.getLogger(__name__)


class NotebookExecutionError(SphinxError):
    category = "Notebook execution failed"


def chapter(env, docname: str) -> execution.Chapter | None:
    """The document as myst-nb reads it, if myst-nb would take its outputs from the cache; else None."""
    from myst_nb.core.read import create_nb_reader
    from myst_nb.core.nb_to_tokens import nb_node_to_dict

    path = Path(env.doc2path(docname))
    config = env.mystnb_config
    if path.suffix not in (".ipynb", ".md") and not any(str(path).endswith(s) for s in config.custom_formats):
        return None
    text = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, config, text)
    if reader is None:  # a plain Markdown page
        return None
    notebook = reader.read(text)
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    for pattern, alias in (config.kernel_rgx_aliases or {}).items():  # as myst-nb's parser does
        if kernel is not None and re.fullmatch(pattern, kernel):
            notebook.metadata["kernelspec"]["name"] = alias
            break
    if config.metadata_key in notebook.metadata:  # notebook-level settings, as myst-nb applies them
        overrides = nb_node_to_dict(notebook.metadata[config.metadata_key])
        overrides.pop("output_folder", None)
        try:
            config = config.copy(**overrides)
        except Exception:
            pass  # myst-nb warns about it when it reads the page
    if config.execution_mode != "cache":
        return None
    if any(PurePosixPath(path.as_posix()).match(p) for p in config.execution_excludepatterns):
        return None
    return execution.Chapter(path, notebook, execution.Settings(
        timeout=config.execution_timeout, allow_errors=config.execution_allow_errors,
        in_temp=config.execution_in_temp))


def start_execution(app) -> None:
    """As soon as the builder exists, start executing what is out of date, so that Sphinx's own start-up
    work (the data downloads, the bibliography) runs while the kernels do."""
    app.td_execution = None
    env = app.env
    if env.mystnb_config.execution_mode != "cache":
        return
    env.find_files(app.config, app.builder)  # Sphinx finds them again when it reads; the same list
    chapters = {doc: c for doc in sorted(env.found_docs) if (c := chapter(env, doc)) is not None}
    app.td_execution = (chapters, execution.Execution(
        list(chapters.values()), Path(env.mystnb_config.execution_cache_path), source=Path(app.srcdir),
        log=logger.info).start())


PAGE_INPUTS = "td-page-inputs"  # event: (app, env) -> {docname: version} of inputs outside the pages' sources


def page_versions(app, env) -> dict[str, str]:
    """Each page's version: the id of the execution its outputs come from, joined to what the handlers of
    the PAGE_INPUTS event give it (the bibliography: sphinx_ext.bibliography_versions)."""
    versions = dict(getattr(app, "td_execution_runs", {}))
    for extra in app.emit(PAGE_INPUTS, env):
        for doc, version in extra.items():
            versions[doc] = f"{versions[doc]}+{version}" if doc in versions else version
    return versions


def execute_outdated(app, env, added, changed, removed) -> list[str]:
    """Wait for the executions; return the pages to re-read because an input of theirs from outside their own
    source has another version than they were read or written at (page_versions)."""
    app.td_read = set()
    if getattr(app, "td_execution", None) is not None:
        chapters, running = app.td_execution
        try:
            runs = running.finish()
        except execution.ExecutionFailed as error:
            raise NotebookExecutionError(str(error)) from None
        app.td_execution_runs = {doc: runs[c.path] for doc, c in chapters.items()}
    # re-read a page if the environment holds it at another version, or if this builder's output was
    # written at another one (another builder may have re-read it since: the PDF's single-page build
    # shares the environment, and the HTML builder rewrites only pages whose source is newer)
    seen, written = getattr(env, "td_page_versions", {}), written_versions(app)
    again = [doc for doc, version in page_versions(app, env).items()
             if (seen.get(doc) != version or written.get(doc) != version)
             and doc not in added and doc not in changed and doc not in removed]
    if again:
        logger.info(f"execution: {len(again)} page(s) re-read for new outputs or inputs: {', '.join(again)}")
    return again


def note_read(app, doctree) -> None:
    getattr(app, "td_read", set()).add(app.env.docname)


def note_versions(app, env) -> None:
    """Once every page is read (what a page cites is known only then), the versions the pages read in this
    build were read at, and the ones every page will be written at."""
    app.td_page_versions = page_versions(app, env)
    if not hasattr(env, "td_page_versions"):
        env.td_page_versions = {}
    for doc in getattr(app, "td_read", ()):
        if doc in app.td_page_versions:
            env.td_page_versions[doc] = app.td_page_versions[doc]
        else:
            env.td_page_versions.pop(doc, None)


def versions_written_file(app) -> Path:
    """Beside the builder's output folder (not in it, which is published): the version each page was written at."""
    return Path(app.outdir).parent / f".td-page-versions-{Path(app.outdir).name}.json"


def written_versions(app) -> dict[str, str]:
    try:
        return json.loads(versions_written_file(app).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def note_written(app, exception) -> None:
    """After a build that succeeded, every page in the output was written at its current version."""
    versions = getattr(app, "td_page_versions", None)
    if exception is None and versions is not None:
        versions_written_file(app).write_text(json.dumps(versions, indent=1, sort_keys=True), encoding="utf-8")


def purge(app, env, docname) -> None:
    getattr(env, "td_page_versions", {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    if not hasattr(env, "td_page_versions"):
        env.td_page_versions = {}
    env.td_page_versions.update({d: v for d, v in getattr(other, "td_page_versions", {}).items() if d in docnames})


def setup(app):
    app.add_event(PAGE_INPUTS)
    app.connect("builder-inited", start_execution)
    app.connect("env-get-outdated", execute_outdated)
    app.connect("doctree-read", note_read)
    app.connect("env-updated", note_versions)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", note_written)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
