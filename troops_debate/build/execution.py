"""Cached, parallel execution of the book's chapters (their keys: cache_key.py).

A chapter whose key is unchanged is not executed: its outputs are in the jupyter-cache folder, where
myst-nb (`execute_notebooks: cache`) reads them. A chapter whose key changed, or that has never run,
is executed again, in parallel with the others (one process per core, the longest first), with
myst-nb's own settings and function (`single_nb_execution`: the notebook's folder as working folder,
the configured timeout, allow_errors false), and stored in the cache as myst-nb would store it.

The cache folder (jupyter-cache's, `_build/.jupyter_cache`) holds, beside jupyter-cache's own files,
`td-execution.json` (each chapter's key, the inputs it was made of, and an id for the execution whose
outputs are cached) and `td-executions.jsonl` (one line per execution: what ran, why, how long).
`TD_FORCE_EXECUTE=1` executes every chapter whatever its key; `TD_JOBS=N` sets the number of
parallel kernels (default: the cores this process may use).

    python -m troops_debate.build.execution [--cache DIR]   which chapters are up to date, and why not
"""
from __future__ import annotations

import argparse
import concurrent.futures
import copy
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Callable, TypeVar

from ..data.errors import display_path
from ..paths import ROOT
from .cache_key import (FORCE_VARIABLE, JOBS_VARIABLE, KEY_VERSION, MANIFEST, RECORDER, Chapter,  # noqa: F401
                        Manifest, Settings, bases, file_digest, folder_digest, forced, jobs, key_of, own_inputs,
                        read_notebook, recorded_tokens, stale_reasons, token)
from .notebooks import first_failure

T = TypeVar("T")
LOG = "td-executions.jsonl"
DEFAULT_CACHE = ROOT / "_build" / ".jupyter_cache"


class ExecutionFailed(Exception):
    """One or more chapters raised; the message names each chapter and its failing cell."""


# ------------------------------------------------------------------ executing


def recorder_arguments(output: Path) -> list[str]:
    """Kernel arguments that load kernel_deps.py before the first cell (no name left, no execution count)."""
    line = (f"__import__('runpy').run_path({str(RECORDER)!r}, init_globals={{'OUTPUT': {str(output)!r}}}, "
            "run_name='td_kernel_deps');")
    return [f"--IPKernelApp.exec_lines={line}"]


STARTS = 3  # attempts at starting a chapter's kernel


def died_starting(error: Exception) -> bool:
    """A kernel that died before it answered: with kernels starting in several processes at once, two can
    pick the same free TCP port (jupyter_client finds one, closes it, and the kernel binds it later), and
    the second dies at once. Nothing of the chapter ran, so it is started again."""
    return isinstance(error, RuntimeError) and "before replying to kernel_info" in str(error)


def restarting(run: Callable[[], T]) -> T:
    """run(), started again (STARTS attempts in all) while its kernel dies starting (died_starting)."""
    for _ in range(STARTS - 1):
        try:
            return run()
        except Exception as error:
            if not died_starting(error):
                raise
    return run()


def execute_one(job: dict) -> dict:
    """Execute one chapter as myst-nb does (in a worker process); return the notebook, time and reads."""
    from jupyter_cache.executors.utils import single_nb_execution

    path, settings = Path(job["path"]), Settings(**job["settings"])
    with tempfile.TemporaryDirectory(prefix="td-exec-") as scratch:
        record = Path(scratch) / "deps.json"
        cwd = scratch if settings.in_temp else str(path.parent)
        start = time.perf_counter()
        try:
            result = restarting(lambda: single_nb_execution(
                copy.deepcopy(job["notebook"]), cwd=cwd, timeout=settings.timeout, allow_errors=settings.allow_errors,
                meta_override=True, extra_arguments=recorder_arguments(record)))
        except Exception as error:  # the kernel could not start, or died: no cell to name
            return {"path": str(path), "notebook": job["notebook"], "seconds": time.perf_counter() - start,
                    "error": f"the kernel failed: {type(error).__name__}: {error}", "traceback": None,
                    "recorded": None}
        recorded = json.loads(record.read_text(encoding="utf-8")) if record.exists() else None
    error = None
    if result.err is not None:
        error = first_failure(result.nb, stderr=False) or f"{type(result.err).__name__}: {str(result.err).strip()[-500:]}"
    elif recorded is None:
        error = "the kernel did not record what the chapter read (kernel_deps.py did not run)"
    # the failing cell and the kernel's traceback (CellExecutionError's message), not nbclient's own frames
    return {"path": str(path), "notebook": result.nb, "seconds": result.time, "error": error,
            "traceback": str(result.err).strip() if result.err is not None else None, "recorded": recorded}


class Execution:
    """Bringing the cached outputs of `chapters` (documents of the book in `source`) up to date:
    `start()` submits the chapters to execute to a pool of processes and returns at once (the Sphinx hook
    starts them before Sphinx's own start-up work, which then overlaps them); `finish()` waits, stores each
    result in the cache and returns every chapter's run id (the execution its cached outputs come from).
    `finish()` raises ExecutionFailed, naming every chapter and cell that raised, once the others have run."""

    def __init__(self, chapters: list[Chapter], cache_dir: Path, source: Path = ROOT, force: bool | None = None,
                 max_jobs: int | None = None, log: Callable[[str], None] = print):
        from jupyter_cache import get_cache

        self.chapters, self.cache_dir, self.log = chapters, cache_dir, log
        self.where = bases(source)
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.cache = get_cache(str(cache_dir))
        self.manifest = Manifest(cache_dir)
        self.name = {c.path: token(c.path, {"source": self.where["source"]}) for c in chapters}
        force = forced() if force is None else force
        self.todo: list[tuple[Chapter, list[str]]] = []
        for chapter in chapters:
            reasons = (["a full execution was asked for"] if force else
                       stale_reasons(chapter, self.manifest.chapters.get(self.name[chapter.path]), self.cache,
                                     self.where))
            if reasons:
                self.todo.append((chapter, reasons))
        # the longest first (as last measured), so that the last to finish is a short one
        self.todo.sort(key=lambda item: -self.manifest.chapters.get(self.name[item[0].path], {}).get("seconds", 1e9))
        self.workers = min(len(self.todo), max_jobs or jobs())
        self.pool = self.results = None

    def shown(self, path: Path) -> str:
        """A chapter as messages name it: its path in the book's sources."""
        return self.name[path].removeprefix("source:")

    def start(self) -> "Execution":
        if not self.todo:
            self.log(f"execution: all {len(self.chapters)} chapters are up to date in the cache; none executed")
            return self
        self.log(f"execution: {len(self.todo)} of {len(self.chapters)} chapters to execute "
                 f"({len(self.chapters) - len(self.todo)} up to date), {self.workers} at a time")
        for chapter, reasons in self.todo:
            self.log(f"execution:   {self.shown(chapter.path)}: {'; '.join(reasons[:4])}"
                     + (f" (and {len(reasons) - 4} more)" if len(reasons) > 4 else ""))
        jobs_in = [{"path": str(c.path), "notebook": copy.deepcopy(c.notebook), "settings": asdict(c.settings)}
                   for c, _ in self.todo]
        self.started = time.perf_counter()
        if self.workers == 1:
            self.results = map(execute_one, jobs_in)
        else:
            self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.workers,
                                                               mp_context=multiprocessing.get_context("fork"))
            self.results = self.pool.map(execute_one, jobs_in)
        return self

    def finish(self) -> dict[Path, str]:
        from jupyter_cache.base import CacheBundleIn

        if self.todo:
            self._collect(CacheBundleIn)
        return {c.path: self.manifest.chapters[self.name[c.path]]["run"] for c in self.chapters}

    def _collect(self, CacheBundleIn) -> None:
        reasons_of = {str(c.path): r for c, r in self.todo}
        chapter_of = {str(c.path): c for c, _ in self.todo}
        failures = []
        try:
            with (self.cache_dir / LOG).open("a", encoding="utf-8") as journal:
                for result in self.results:
                    chapter = chapter_of[result["path"]]
                    label = self.name[chapter.path]
                    if result["error"]:
                        self.manifest.chapters.pop(label, None)
                        failures.append(f"{self.shown(chapter.path)}: {result['error']}"
                                        + (f"\n{result['traceback']}" if result["traceback"] else ""))
                        self.log(f"execution:   {self.shown(chapter.path)} FAILED after {result['seconds']:.1f} s")
                        continue
                    record = self.cache.cache_notebook_bundle(
                        CacheBundleIn(result["notebook"], str(chapter.path),
                                      data={"execution_seconds": result["seconds"]}),
                        check_validity=False, overwrite=True)
                    # the key is made from the digests the kernel saw as it read, not from the files as they
                    # are now: a file edited during the run leaves the chapter stale for the next build
                    parts = {**own_inputs(chapter, self.cache), **recorded_tokens(result["recorded"], self.where)}
                    run = uuid.uuid4().hex
                    self.manifest.chapters[label] = {"key": key_of(parts), "inputs": parts, "record": record.pk,
                                                     "run": run, "seconds": round(result["seconds"], 3)}
                    journal.write(json.dumps({"chapter": label, "run": run, "seconds": round(result["seconds"], 3),
                                              "reasons": reasons_of[result["path"]], "at": time.time()}) + "\n")
                    journal.flush()
                    self.log(f"execution:   {self.shown(chapter.path)} executed in {result['seconds']:.1f} s")
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
            self.manifest.save()
        self.log(f"execution: {len(self.todo) - len(failures)} executed in "
                 f"{time.perf_counter() - self.started:.1f} s" + (f", {len(failures)} failed" if failures else "")
                 + f" (journal: {self.cache_dir / LOG})")
        if failures:
            raise ExecutionFailed(f"{len(failures)} chapter(s) failed to execute:\n" + "\n\n".join(failures))


def ensure_executed(chapters: list[Chapter], cache_dir: Path, source: Path = ROOT, force: bool | None = None,
                    max_jobs: int | None = None, log: Callable[[str], None] = print) -> dict[Path, str]:
    """Execute what is out of date, wait for it, and return every chapter's run id (see Execution)."""
    return Execution(chapters, cache_dir, source, force, max_jobs, log).start().finish()


def executions(cache_dir: Path = DEFAULT_CACHE) -> list[dict]:
    """Every execution the cache folder has seen, oldest first (td-executions.jsonl)."""
    path = cache_dir / LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------ command line


def main(argv: list[str] | None = None) -> int:
    from jupyter_cache import get_cache

    from .toc import executable_path, toc_files
    parser = argparse.ArgumentParser(prog="python -m troops_debate.build.execution",
                                     description="Which chapters' cached outputs are up to date, and why not.")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    cache, manifest = get_cache(str(args.cache)), Manifest(args.cache)
    stale = 0
    for file in toc_files():
        path = executable_path(file)
        if path is None:
            continue
        label = token(path, {"source": ROOT})
        reasons = stale_reasons(Chapter(path, read_notebook(path)), manifest.chapters.get(label), cache, bases())
        stale += bool(reasons)
        print(f"{display_path(path)}: {'up to date' if not reasons else 'to execute: ' + '; '.join(reasons)}")
    return 0 if not stale else 1


if __name__ == "__main__":
    sys.exit(main())
