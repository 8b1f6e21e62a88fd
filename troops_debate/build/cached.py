"""The Sphinx side of the cached execution (execution.py), loaded by the book's extension (sphinx_ext.py).

Before Sphinx reads any page, every chapter's cached outputs are brought up to date: the chapters
whose key changed are executed, in parallel, into the jupyter-cache folder that myst-nb reads in
`cache` mode (started when the builder is ready, `builder-inited`; awaited at `env-get-outdated`). A page whose chapter was executed again is then re-read even when its
own source did not change (a data edit), so an incremental build never shows old outputs; a page
whose source changed but whose key did not (a prose edit) is re-read from the cache, executing
nothing. The id of the execution each page was read from is kept in the Sphinx environment.

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


def execute_outdated(app, env, added, changed, removed) -> list[str]:
    """Wait for the executions; return the pages to re-read because their chapter was executed again."""
    if getattr(app, "td_execution", None) is None:
        return []
    chapters, running = app.td_execution
    try:
        runs = running.finish()
    except execution.ExecutionFailed as error:
        raise NotebookExecutionError(str(error)) from None
    app.td_execution_runs = {doc: runs[c.path] for doc, c in chapters.items()}
    # re-read a page if the environment holds it from another execution, or if this builder's output was
    # written from another one (another builder may have re-read it since: the PDF's single-page build
    # shares the environment, and the HTML builder rewrites only pages whose source is newer)
    seen, written = getattr(env, "td_execution_runs", {}), written_runs(app)
    again = [doc for doc, run in app.td_execution_runs.items()
             if (seen.get(doc) != run or written.get(doc) != run)
             and doc not in added and doc not in changed and doc not in removed]
    if again:
        logger.info(f"execution: {len(again)} page(s) re-read for their new outputs: {', '.join(again)}")
    return again


def runs_written_file(app) -> Path:
    """Beside the builder's output folder (not in it, which is published): the run each page was written from."""
    return Path(app.outdir).parent / f".td-execution-runs-{Path(app.outdir).name}.json"


def written_runs(app) -> dict[str, str]:
    try:
        return json.loads(runs_written_file(app).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def note_written(app, exception) -> None:
    """After a build that succeeded, every page in the output was written from its chapter's current run."""
    runs = getattr(app, "td_execution_runs", None)
    if exception is None and runs is not None:
        runs_written_file(app).write_text(json.dumps(runs, indent=1, sort_keys=True), encoding="utf-8")


def note_run(app, doctree) -> None:
    """Remember which execution the page was read from."""
    run = getattr(app, "td_execution_runs", {}).get(app.env.docname)
    if run is not None:
        if not hasattr(app.env, "td_execution_runs"):
            app.env.td_execution_runs = {}
        app.env.td_execution_runs[app.env.docname] = run


def purge(app, env, docname) -> None:
    getattr(env, "td_execution_runs", {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    if not hasattr(env, "td_execution_runs"):
        env.td_execution_runs = {}
    env.td_execution_runs.update({d: r for d, r in getattr(other, "td_execution_runs", {}).items() if d in docnames})


def setup(app):
    app.connect("builder-inited", start_execution)
    app.connect("env-get-outdated", execute_outdated)
    app.connect("doctree-read", note_run)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", note_written)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
