"""Cached execution (troops_debate/build/): a build executes a chapter again exactly when something it
read changed, and never shows old outputs.

- a one-cell data edit executes again exactly the chapters that read that file, and afterwards every page
  equals a fresh forced build of the edited data, in the HTML book and in the PDF's single-page build,
  though the single-page build ran first and the HTML build executed and re-read nothing for it;
- a prose edit executes nothing, re-reads only the edited pages and shows the edit;
- the kernel records the files a chapter read, the folders it listed and the modules it imported, with
  what they held, and not the files it wrote; changing one of them makes the chapter stale, naming it;
- the session's build (a forced full build, as CI runs) executed every chapter once.
Executions are counted in the cache folder's journal (td-executions.jsonl), which the executing step
writes, and myst-nb's own execution (which would bypass the key) is checked absent from the logs.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, build_book, failed, notebook_paths, session_book, toc_files
from troops_debate.build import execution

INCREMENTAL = ["-W", "-n", "--keep-going"]
BIBLIOGRAPHY = "book/method/references"  # the page holding the bibliography  # as `make book` runs it: no --all, no forced execution
MYST_NB_EXECUTING = "Executing notebook using"  # what myst-nb logs when it executes a notebook itself


def cache_of(out: Path) -> Path:
    return out / "_build" / ".jupyter_cache"


def executed(out: Path, since: int = 0) -> list[dict]:
    return execution.executions(cache_of(out))[since:]


def chapters_reading(out: Path, name: str) -> set[str]:
    manifest = json.loads((cache_of(out) / execution.MANIFEST).read_text(encoding="utf-8"))
    return {chapter for chapter, entry in manifest["chapters"].items() if name in entry["inputs"]["files"]}


def chapter_name(path: Path, source: Path = ROOT) -> str:
    return "source:" + path.relative_to(source).as_posix()


def log_of(result) -> str:
    return result.stdout + result.stderr


def recode(data: Path, stance_id: str, stance: str, column: str = "stance") -> None:
    """The README's worked example: one cell of data/stances.csv changed."""
    path = data / "stances.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["stance_id"] == stance_id for row in rows)
    for row in rows:
        if row["stance_id"] == stance_id:
            row[column] = stance
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ------------------------------------------------------------------ the session's build


def test_the_forced_build_executed_every_chapter_once(book_output):
    runs = executed(book_output)
    assert sorted(r["chapter"] for r in runs) == sorted(chapter_name(p) for p in notebook_paths())
    assert all(r["reasons"] == ["a full execution was asked for"] for r in runs)


# ------------------------------------------------------------------ a data edit


@pytest.fixture(scope="module")
def data_edit(book_output, tmp_path_factory):
    """The session's build copied and built once as it is (its bibliography moved with it: that page is
    read again); then one cell of stances.csv changed, and the outlet of a source, which the bibliography
    shows; the single-page build first, then the HTML build, both incremental; and a fresh forced build of
    the edited data to compare them with."""
    session_book().settled()  # the session's single-page build and PDF print write into its _build/ too
    tmp = tmp_path_factory.mktemp("data-edit")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    env = {"TROOPS_DEBATE_DATA": str(data)}
    incremental = tmp / "incremental"
    shutil.copytree(book_output / "_build", incremental / "_build", ignore=shutil.ignore_patterns("*.pdf"))
    moved = build_book(incremental, env=env, force=False, flags=INCREMENTAL)
    assert moved.returncode == 0, failed(moved, "the build of the copied _build/ folder")
    recode(data, "s002", "opposed")
    recode(data, "s013", "United24 Media (edited)", column="source_outlet")
    before = len(executed(incremental))
    single = build_book(incremental, env=env, builder="singlehtml", force=False, flags=INCREMENTAL)
    assert single.returncode == 0, failed(single, "the incremental single-page build")
    after_single = len(executed(incremental))
    html = build_book(incremental, env=env, force=False, flags=INCREMENTAL)
    assert html.returncode == 0, failed(html, "the incremental HTML build")
    fresh = tmp / "fresh"
    oracle = build_book(fresh, env=env)
    assert oracle.returncode == 0, failed(oracle, "the fresh forced build")
    oracle_single = build_book(fresh, env=env, builder="singlehtml", force=False, flags=INCREMENTAL)
    assert oracle_single.returncode == 0, failed(oracle_single, "the fresh single-page build")
    return {"out": incremental, "fresh": fresh, "before": before, "after_single": after_single,
            "logs": [log_of(single), log_of(html)], "readers": chapters_reading(book_output, "data:stances.csv"),
            "moved": log_of(moved)}


def pages_read(log: str) -> list[str]:
    return sorted(re.sub(r"\x1b\[[0-9;]*m", "", line).split()[-1]
                  for line in log.splitlines() if "reading sources..." in line and "%]" in line)


def test_a_moved_build_folder_executes_nothing_and_reads_again_only_the_bibliography(data_edit):
    """The bibliography is written beside the output: in a _build/ folder copied elsewhere it has another
    path, which the page holding it must take (sphinxcontrib-bibtex would fail on the old one)."""
    assert "none executed" in data_edit["moved"] and MYST_NB_EXECUTING not in data_edit["moved"]
    assert pages_read(data_edit["moved"]) == [BIBLIOGRAPHY]


def test_a_data_edit_executes_again_exactly_the_chapters_that_read_the_file(data_edit):
    readers = data_edit["readers"]
    assert readers and len(readers) < len(notebook_paths()), f"the test needs a file some chapters read: {readers}"
    runs = executed(data_edit["out"], data_edit["before"])
    assert sorted(r["chapter"] for r in runs) == sorted(readers)
    assert all(r["reasons"] == ["data:stances.csv changed"] for r in runs), [r["reasons"] for r in runs]
    assert len(runs) == data_edit["after_single"] - data_edit["before"], "the HTML build executed something again"
    for log in data_edit["logs"]:
        assert MYST_NB_EXECUTING not in log, "myst-nb executed a notebook itself, bypassing the key"


def page_text(path: Path) -> str:
    """A built page without the cache-busting checksums Sphinx appends to asset links (`?v=8cd3d715`): a page
    written by a later build links myst-nb's stylesheet with one, the first build's pages without."""
    return re.sub(r'(\.(?:css|js))\?v=[0-9a-f]{8}"', r'\1"', path.read_text(encoding="utf-8"))


def test_after_a_data_edit_every_page_equals_a_fresh_build_of_the_edited_data(data_edit, built_book):
    html, fresh = data_edit["out"] / "_build" / "html", data_edit["fresh"] / "_build" / "html"
    changed = []
    for file in toc_files():
        page = page_text(html / f"{file}.html")
        assert page == page_text(fresh / f"{file}.html"), f"{file}.html shows old outputs"
        if page != page_text(built_book / f"{file}.html"):
            changed.append(file)
    # the edit shows, in the pages of chapters that read the file, in the bibliography (a page that executes
    # nothing: it is read again because the bibliography written from the data changed) and in the data
    # offered for download
    assert BIBLIOGRAPHY in changed and "United24 Media (edited)" in (html / f"{BIBLIOGRAPHY}.html").read_text()
    readers = {r.rsplit(".", 1)[0] for r in data_edit["readers"]}
    assert {f"source:{f}" for f in changed if f != BIBLIOGRAPHY} <= readers, changed
    stances = (html / "book" / "analysis" / "stances.html").read_text(encoding="utf-8")
    assert "Poland moved closer to backing a force, from opposed in the first article" in stances
    download = Path("_static", "download", "stances.csv")
    assert (html / download).read_bytes() == (fresh / download).read_bytes() != (built_book / download).read_bytes()


def test_after_a_data_edit_the_single_page_build_equals_a_fresh_one(data_edit):
    page = Path("_build", "singlehtml", "book", "index.html")
    assert page_text(data_edit["out"] / page) == page_text(data_edit["fresh"] / page), \
        "the PDF's single page shows old outputs"


# ------------------------------------------------------------------ a prose edit


def replace_in_prose(path: Path, old: str, new: str) -> None:
    """Change the first Markdown cell (or Markdown line, outside code cells) holding `old`."""
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        cell = next(c for c in notebook.cells if c.cell_type == "markdown" and old in c.source)
        cell.source = cell.source.replace(old, new, 1)
        nbformat.write(notebook, path)
        return
    lines, fenced = path.read_text(encoding="utf-8").split("\n"), False
    for number, line in enumerate(lines):
        fenced = fenced != line.startswith("```")
        if not fenced and not line.startswith(("```", "---", ":")) and f" {old} " in line and number > 10:
            lines[number] = line.replace(f" {old} ", f" {new} ", 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"no prose line with {old!r} in {path}")


@pytest.fixture(scope="module")
def prose_edit(book_output, tmp_path_factory):
    """A copy of the book's sources with the session's cache: built once, then again after a one-word
    edit in the prose of a notebook chapter and of a MyST Markdown chapter."""
    session_book().settled()
    tmp = tmp_path_factory.mktemp("prose-edit")
    source, out = tmp / "src", tmp / "out"
    for item in ("book", "_config.yml", "_toc.yml"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, source / item)
    shutil.copytree(cache_of(book_output), cache_of(out))
    start = len(executed(out))
    first = build_book(out, source=source, force=False, flags=INCREMENTAL)
    assert first.returncode == 0, failed(first, "the build of the copied sources")
    after_first = len(executed(out))
    pages = {file: page_text(out / "_build" / "html" / f"{file}.html") for file in toc_files()}
    edited = [source / "book" / "analysis" / "stances.ipynb", source / "book" / "method" / "method.md"]
    for path in edited:
        replace_in_prose(path, "the", "the zzedited")
    second = build_book(out, source=source, force=False, flags=INCREMENTAL)
    assert second.returncode == 0, failed(second, "the build after the prose edit")
    return {"out": out, "start": start, "after_first": after_first, "edited": edited, "first": log_of(first),
            "second": log_of(second), "pages": pages}


def test_the_cache_holds_for_a_copy_of_the_sources(prose_edit):
    """Chapters are keyed by their place in the sources and files by their place in the data: a copy with
    the same content executes nothing."""
    assert prose_edit["after_first"] == prose_edit["start"], executed(prose_edit["out"], prose_edit["start"])
    assert "none executed" in prose_edit["first"] and MYST_NB_EXECUTING not in prose_edit["first"]


def test_rendering_the_same_outputs_again_gives_identical_pages(prose_edit, built_book):
    """Half of "building twice gives identical chapters" (test_integrity): the copy's first build, which
    executed nothing, wrote every page as the session's build did (Sphinx's cache-busting suffixes aside).
    The other half, executing again gives the same outputs, is in test_reexecute."""
    for file, page in prose_edit["pages"].items():
        assert page == page_text(built_book / f"{file}.html"), f"{file}.html differs between two builds"


def test_a_prose_edit_executes_nothing_and_rereads_only_the_edited_pages(prose_edit):
    log = prose_edit["second"]
    assert len(executed(prose_edit["out"])) == prose_edit["after_first"], "a prose edit executed a chapter"
    assert "none executed" in log and MYST_NB_EXECUTING not in log
    read = pages_read(log)
    assert read == ["book/analysis/stances", "book/method/method"], read


def test_a_prose_edit_shows_in_the_pages(prose_edit):
    html = prose_edit["out"] / "_build" / "html"
    for page in ("book/analysis/stances.html", "book/method/method.html"):
        assert "the zzedited" in (html / page).read_text(encoding="utf-8"), f"{page} does not show the edit"


# ------------------------------------------------------------------ what the kernel records


def test_the_kernel_records_what_a_chapter_reads_and_a_change_to_it_re_executes(tmp_path):
    folder = tmp_path / "listed"
    folder.mkdir()
    (folder / "a.txt").write_text("one", encoding="utf-8")
    read = tmp_path / "read.txt"
    read.write_text("first version", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "troops-debate", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell("import os, pandas\nfrom troops_debate import paths\n"
                                  "text = open('read.txt').read()\n"
                                  "rows = pandas.read_csv(paths.data_dir() / 'actors.csv')\n"
                                  "names = os.listdir('listed')\n"
                                  "open('written.txt', 'w').write('out')\n"
                                  "print(text, len(names), [n for n in ('OUTPUT', '_install') if n in globals()])"),
    ]
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook, path)
    cache = tmp_path / "cache"

    def run():
        return execution.ensure_executed([execution.Chapter(path, nbformat.read(path, 4))], cache,
                                         source=tmp_path, max_jobs=1, log=lambda _: None)
    first = run()
    entry = json.loads((cache / execution.MANIFEST).read_text())["chapters"]["source:chapter.ipynb"]
    inputs = entry["inputs"]
    assert inputs["files"]["source:read.txt"] == execution.file_digest(read)
    assert inputs["files"]["data:actors.csv"] == execution.file_digest(ROOT / "data" / "actors.csv")
    assert inputs["folders"]["source:listed"] == execution.folder_digest(folder)
    assert "package:paths.py" in inputs["modules"]
    assert not any("written.txt" in name for name in inputs["files"]), "a file the chapter wrote counted as input"
    # the recorder left no name in the chapter's namespace and took no execution count
    from jupyter_cache import get_cache
    cached = get_cache(str(cache)).merge_match_into_notebook(nbformat.read(path, 4))[1]
    assert cached.cells[0].execution_count == 1
    assert cached.cells[0].outputs[0]["text"].strip() == "first version 1 []"

    assert run() == first and len(execution.executions(cache)) == 1, "an unchanged chapter was executed again"
    (folder / "b.txt").write_text("two", encoding="utf-8")
    read.write_text("second version", encoding="utf-8")
    assert run() != first
    last = execution.executions(cache)[-1]
    assert sorted(last["reasons"]) == ["source:listed changed", "source:read.txt changed"], last["reasons"]
    cached = get_cache(str(cache)).merge_match_into_notebook(nbformat.read(path, 4))[1]
    assert cached.cells[0].outputs[0]["text"].strip() == "second version 2 []"


def test_a_chapter_that_raises_is_named_with_its_cell_and_not_cached(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "troops-debate", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("x = 1", id="fine"), nbformat.v4.new_code_cell("1 / 0", id="boom")]
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(execution.ExecutionFailed) as raised:
        execution.ensure_executed([execution.Chapter(path, notebook)], tmp_path / "cache", source=tmp_path,
                                  max_jobs=1, log=lambda _: None)
    message = str(raised.value)
    assert "broken.ipynb: code cell 2 of 2 (cell id boom, starting '1 / 0') raised ZeroDivisionError" in message
    assert not json.loads((tmp_path / "cache" / execution.MANIFEST).read_text())["chapters"]


# ------------------------------------------------------------------ the Makefile


def make_commands(*args: str) -> list[str]:
    import subprocess
    shown = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in shown.splitlines() if "jupyter-book build" in line]


def test_make_book_is_incremental_and_force_executes_every_chapter_again():
    html, single = make_commands("book")
    assert "--builder html" in html and "--all" not in html and "TD_FORCE_EXECUTE= " in html
    forced_html, forced_single = make_commands("book", "FORCE=1")
    assert "--all" in forced_html and "TD_FORCE_EXECUTE=1 " in forced_html
    # the PDF's single-page build shares the execution the HTML build has just made, even when forced
    assert "--builder singlehtml" in forced_single and "--all" not in forced_single
    assert "TD_FORCE_EXECUTE= " in forced_single
