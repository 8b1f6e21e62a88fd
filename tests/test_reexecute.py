"""The analysts' path: chapters re-executed outside the book (`make notebooks`), from any working
directory, into executed notebooks (the book is the rendered edition: there are no other pages)."""
from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

from conftest import ROOT, jupyter_cache, notebook_paths
from troops_debate import notebooks as nbs

CHAPTER = ROOT / "book" / "analysis" / "stances.ipynb"  # tables with data links, and charts
PWD_CELL = "import os\nprint(os.getcwd())"


def code_outputs(notebook) -> list:
    return [[{k: v for k, v in out.items() if k != "execution_count"} for out in cell.get("outputs", [])]
            for cell in notebook.cells if cell.cell_type == "code"]


def run_in(cwd: Path, path: Path = CHAPTER):
    """Execute `path` with the kernel started in `cwd`, a first cell reporting where it ran."""
    source = nbs.read(path)
    source.cells.insert(0, nbformat.v4.new_code_cell(PWD_CELL, id="where"))
    notebook = nbs.execute(path, cwd=cwd, notebook=source)
    where = notebook.cells[0].outputs[0]["text"].strip()
    return where, code_outputs(notebook)[1:]


def test_a_chapter_runs_the_same_from_any_working_directory(tmp_path, book_output):
    """Executed with the kernel started in a folder outside the repository, a chapter gives cell for cell the
    outputs the session's build executed into its cache (from the chapter's own folder)."""
    from jupyter_cache import get_cache
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where, outputs = run_in(outside)
    assert Path(where).resolve() == outside.resolve(), "the kernel did not run in the folder asked for"
    shown = json.dumps(outputs)
    assert "Poland" in shown and "td-chart" in shown, "the chapter's tables and charts were not produced"
    _, cached = get_cache(str(jupyter_cache(book_output))).merge_match_into_notebook(nbs.read(CHAPTER))
    assert outputs == code_outputs(cached), "the chapter's outputs depend on the working directory"
    # links to published files are written from the book's root, never from the working directory
    links = set(re.findall(r'href=\\"([^"\\]*_static/download/[^"\\]+)\\"', shown))
    assert links and all(link.startswith("td-root:/_static/download/") for link in links), links


def test_nbconvert_command_line_runs_a_chapter_from_outside_the_repository(tmp_path):
    """What an analyst types: nbconvert, from any folder, with the kernel the notebook names."""
    result = subprocess.run([str(Path(sys.executable).parent / "jupyter"), "nbconvert", "--to", "notebook",
                             "--execute", str(CHAPTER), "--output-dir", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(tmp_path / CHAPTER.name, as_version=4)
    assert executed.metadata.kernelspec.name == nbs.KERNEL
    errors = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs
              if o.output_type == "error" or o.get("name") == "stderr"]
    assert not errors
    assert all(cell.execution_count for cell in executed.cells if cell.cell_type == "code")


def test_every_chapter_names_the_project_kernel():
    for path in notebook_paths():
        assert nbs.read(path).metadata.kernelspec.name == nbs.KERNEL, path


# ------------------------------------------------------------------ make notebooks


# Two chapters, a notebook and a MyST Markdown one, stand for all: the session's build executes every chapter.
EXPORTED = [CHAPTER, ROOT / "book" / "method" / "method.md"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """`make notebooks`, as an analyst runs it, for two chapters (the command's way of naming some)."""
    out = tmp_path_factory.mktemp("notebooks")
    result = subprocess.run([sys.executable, "-m", "troops_debate", "notebooks", "--output", str(out),
                             *map(str, EXPORTED)], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, f"make notebooks failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return out


def chapter_outputs(out: Path):
    for path in EXPORTED:
        stem = out / path.relative_to(ROOT).with_suffix("")
        yield path, stem.with_suffix(".ipynb")


def test_make_notebooks_executes_chapters_without_errors(exported):
    for source, executed in chapter_outputs(exported):
        assert executed.exists(), f"no executed notebook for {source.relative_to(ROOT)}"
        notebook = nbformat.read(executed, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code and all(c.execution_count for c in code), f"{executed.name}: not every cell ran"
        bad = [o for c in code for o in c.outputs if o.output_type == "error" or o.get("name") == "stderr"]
        assert not bad, f"{executed.name} has error output: {bad[:1]}"
    # the committed notebooks stay output-free
    for path in ROOT.glob("book/**/*.ipynb"):
        assert not any(c.get("outputs") for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    # executed notebooks only: no rendered pages beside them
    assert not list(exported.rglob("*.html"))


def test_executing_again_gives_the_outputs_the_book_was_built_from(exported, book_output):
    """Re-executing gives the same outputs: every chapter, executed again by `make notebooks` (nbconvert),
    has cell for cell the outputs the session's build executed into its cache (the build's own pool), once
    the outputs' links are resolved as `make notebooks` resolves them. With test_cache's check that the same
    outputs render to the same pages, this shows that building twice gives identical chapters."""
    from jupyter_cache import get_cache

    from troops_debate.notebooks import read as read_notebook
    from troops_debate.html import root_prefix
    cache = get_cache(str(jupyter_cache(book_output)))
    for source, executed in chapter_outputs(exported):
        _, cached = cache.merge_match_into_notebook(read_notebook(source))
        nbs.resolve_links(cached, root_prefix(source.relative_to(ROOT).with_suffix("").as_posix()))
        again = code_outputs(nbformat.read(executed, as_version=4))
        assert again and again == code_outputs(cached), f"{source.name}: executing again gave other outputs"


def local_targets(page: Path, markup: str, pattern: str) -> list[tuple[str, Path]]:
    targets = []
    for ref in re.findall(pattern, markup):
        parsed = urlparse(ref)
        if parsed.scheme or ref.startswith("#") or not parsed.path:
            continue
        targets.append((ref, (page.parent / unquote(parsed.path)).resolve()))
    return targets


def test_executed_notebooks_link_to_the_data_copied_beside_them(exported):
    """A table's download link, written from the book's root, is made relative to the executed notebook
    and leads to the published file copied into the output folder; a link to a page leads to its
    executed notebook."""
    checked = 0
    for source, executed in chapter_outputs(exported):
        notebook = nbformat.read(executed, as_version=4)
        markup = "".join(str(value) for cell in notebook.cells if cell.cell_type == "code"
                         for out in cell.outputs for key, value in out.get("data", {}).items() if key.endswith("html"))
        assert "td-root:" not in markup, f"{executed.name}: a link was left unresolved"
        for ref, target in local_targets(executed, markup, r'href="([^"]+)"'):
            if target.suffix == ".ipynb":
                assert target.exists(), (executed.name, ref)
                continue
            assert target.is_relative_to(exported / "_static" / "download") and target.exists(), (executed.name, ref)
            checked += 1
    assert checked >= 5, "too few data links checked"


@pytest.mark.parametrize("code, problem", [
    ("import troops_debate\n1 / 0", "raised ZeroDivisionError: division by zero"),
])
def test_a_failing_cell_is_named_and_fails_the_command(tmp_path, code, problem):
    notebook = nbformat.v4.new_notebook(metadata=copy.deepcopy(nbformat.read(CHAPTER, 4).metadata))
    notebook.cells = [nbformat.v4.new_markdown_cell("# Broken", id="m"),
                      nbformat.v4.new_code_cell("x = 1", id="fine"),
                      nbformat.v4.new_code_cell(code, id="boom")]
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    result = subprocess.run([sys.executable, "-m", "troops_debate", "notebooks", "--output", str(tmp_path / "out"),
                             str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "broken.ipynb: code cell 2 of 2 (cell id boom, starting 'import" in result.stderr
    assert problem in result.stderr
    assert not (tmp_path / "out" / "broken.ipynb").exists()


def test_make_env_registers_the_project_kernel():
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(nbs.KERNEL)
    assert os.path.abspath(spec.argv[0]) == os.path.abspath(sys.executable)  # this environment's Python
    assert os.path.commonpath([spec.resource_dir, sys.prefix]) == sys.prefix


# ------------------------------------------------------------------ the README's worked example


def test_the_readme_worked_example_holds(tmp_path):
    """The README's example: recoding s002 (Poland, in the Responsible Statecraft article) from cool to opposed
    passes the data check and stops the stances chapter on the sentence the README quotes (tests/test_claims.py
    executes it: its last case); the README's typo gives the message the README prints."""
    import csv
    import shutil
    from test_claims import CASES
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    example = next(case for case in CASES if case[0].startswith("the README's example"))
    assert example[4] in readme, f"the README does not quote the sentence the example makes false ({example[4]!r})"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "stances.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["stance_id"] == "s002":
            row["stance"] = "oposed"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    env = {**os.environ, "TROOPS_DEBATE_DATA": str(data)}
    check = subprocess.run([sys.executable, "-m", "troops_debate", "validate"], env=env, capture_output=True, text=True)
    assert check.returncode == 1
    message = check.stderr.replace(str(data), "data")
    raw = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", raw[raw.index("(`oposed`)"):], re.S).group(1)
    for line in shown.strip().splitlines():
        assert line.strip() in message, f"the README shows {line.strip()!r}; validate says:\n{message}"
