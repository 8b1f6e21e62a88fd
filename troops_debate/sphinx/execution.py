"""The chapters' execution: myst-nb's `cache` mode (jupyter-cache), with one digest of everything outside the
notebooks that a chapter can read, and jupyter-cache's parallel executor filling the cache before Sphinx reads.

jupyter-cache keys a notebook on its code cells (and kernelspec) alone. Everything else a chapter can read is
folded into one digest (`inputs_digest`): every file under the data folder (wherever TROOPS_DEBATE_DATA puts
it, by name and content), every file of the package, requirements.txt (the environment, and so the kernel),
the Python version and myst-nb's execution settings (`_config.yml`'s `execute`: timeout, allow_errors,
run_in_temp). At `config-inited`:

- `nb_execution_cache_path` is set to a folder named by the digest (`_build/.jupyter_cache/<digest>`): after
  any change to those inputs the cache is empty, so every chapter executes again. myst-nb keeps that setting
  with Sphinx's environment (rebuild "env"), so its change also makes Sphinx read every page again: no page
  keeps an old output. The folders of other digests are removed.
- `td_inputs` holds the digest, a setting kept with each HTML-family output (rebuild "html", Sphinx's
  `.buildinfo`): an output folder written before the change writes every page again, even when another
  builder sharing the environment (the PDF's single-page build) has already read them.

A prose edit changes no code cell: its page is read again and takes its outputs from the cache; nothing
executes. The notebooks of the book that have no outputs in the cache are added to the cache's project (with
the readers myst-nb's hash agrees with: notebooks.READERS) and executed in parallel by jupyter-cache's own
command (`jcache project execute --executor local-parallel`: each notebook in its own folder, with the
configured timeout and allow_errors false, as myst-nb would run it), in a process started as soon as the
configuration is known (`config-inited`), so that Sphinx's own start-up (the theme, the static files made from
the data) runs while the kernels do; Sphinx waits for it before it reads any page (`env-before-read-docs`). A notebook that fails there is not cached: myst-nb executes it as it reads
its page and reports the failing cell (a warning, so `-W` fails the build).
"""
from __future__ import annotations

import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sphinx.util import logging

from ..digest import files_digest
from ..paths import ROOT, data_dir

logger = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent.parent
SETTINGS = ("nb_execution_timeout", "nb_execution_allow_errors", "nb_execution_in_temp")  # from _config.yml's execute
DIGEST_LENGTH = 16  # of the hex digest, naming the cache folder


def inputs_digest(config) -> str:
    """One digest of what a chapter can read outside its notebook (see the module's docstring)."""
    digest = files_digest(data_dir(), PACKAGE, ROOT / "requirements.txt")
    settings = {name: config[name] for name in SETTINGS} | {"python": platform.python_version()}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()[:DIGEST_LENGTH]


def use_digest_cache(app, config) -> None:
    """config-inited (after the files written from the data): the digest, and the cache folder it names."""
    config.td_inputs = inputs_digest(config)
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache").resolve()
    config.nb_execution_cache_path = str(base / config.td_inputs)
    for other in base.glob("*"):  # the caches of earlier inputs
        if other.is_dir() and other.name != config.td_inputs and len(other.name) == DIGEST_LENGTH:
            shutil.rmtree(other, ignore_errors=True)


def is_notebook(path: Path) -> bool:
    from myst_nb.core.read import is_myst_markdown_notebook
    return path.suffix == ".ipynb" or (path.suffix == ".md" and is_myst_markdown_notebook(
        path.read_text(encoding="utf-8")))


def start_execution(app, config) -> None:
    """config-inited (once the table of contents has excluded what it does not list): add the book's notebooks
    to the cache's project, and start jupyter-cache's own command executing those that have no outputs in it
    with its `local-parallel` executor, in a process of its own."""
    from jupyter_cache import get_cache
    from sphinx.project import Project

    from ..notebooks import unexecuted
    app.td_execution = None
    if config.nb_execution_mode != "cache":
        return
    project = Project(app.srcdir, config.source_suffix)
    paths = [path for doc in sorted(project.discover(config.exclude_patterns, config.include_patterns))
             if is_notebook(path := Path(project.doc2path(doc, absolute=True)))
             and not any(path.match(pattern) for pattern in config.nb_execution_excludepatterns)]
    cache = get_cache(config.nb_execution_cache_path)
    todo = unexecuted(paths, cache)
    for record in cache.list_project_records():  # notebooks no longer in the book (or elsewhere, in a copy)
        if record.uri not in {str(path) for path in paths}:
            cache.remove_nb_from_project(record.pk)
    if not todo or config.nb_execution_allow_errors or config.nb_execution_timeout is None:
        # (jupyter-cache's command executes with allow_errors false and a timeout: otherwise myst-nb executes)
        logger.info(f"execution: 0 of {len(paths)} notebook(s) executed in parallel; "
                    f"{len(paths) - len(todo)} from the cache ({Path(config.nb_execution_cache_path).name})")
        return
    command = [str(Path(sys.executable).with_name("jcache")), "project", "--cache-path", config.nb_execution_cache_path,
               "execute", "--executor", "local-parallel", "--timeout", str(config.nb_execution_timeout),
               "--verbosity", "WARNING"]
    app.td_execution = (subprocess.Popen(command, stdout=subprocess.DEVNULL), paths, todo, time.perf_counter())


def finish_execution(app, env, docnames) -> None:
    """env-before-read-docs: wait for the executions; say what ran, and what failed."""
    from jupyter_cache import get_cache

    from ..notebooks import unexecuted
    if getattr(app, "td_execution", None) is None:
        return
    (process, paths, todo, started), app.td_execution = app.td_execution, None
    process.wait()
    failed = unexecuted(todo, get_cache(env.mystnb_config.execution_cache_path))
    logger.info(f"execution: {len(todo) - len(failed)} of {len(paths)} notebook(s) executed in parallel "
                f"(jupyter-cache local-parallel) in {time.perf_counter() - started:.1f} s; "
                f"{len(paths) - len(todo)} from the cache ({Path(env.mystnb_config.execution_cache_path).name})")
    for path in failed:
        logger.info(f"execution: {path.relative_to(app.srcdir)} failed; it is executed again as its page is read, "
                    "which reports the failing cell")


def stop_execution(app, exception) -> None:
    """build-finished: a build that stopped before reading leaves no execution running."""
    if getattr(app, "td_execution", None) is not None:
        app.td_execution[0].kill()
        app.td_execution[0].wait()


def setup(app):
    app.add_config_value("td_inputs", "", "html")  # the digest the HTML-family outputs were written at
    app.connect("config-inited", use_digest_cache, priority=900)  # after sphinx/static.write_generated_inputs
    app.connect("config-inited", start_execution, priority=950)  # after sphinx-external-toc's exclusions (900)
    app.connect("env-before-read-docs", finish_execution)
    app.connect("build-finished", stop_execution)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
