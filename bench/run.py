"""`make bench`: how long the book takes to build, and how fast its pages open and draw.

Measures, on this machine, every build into a temporary folder (of the repository's _build/, only the
validation stamp is removed before each cold build, and written again by it):
 1. the floor: stock Jupyter Book (`execute_notebooks: force`, every notebook executed one after the other,
    `--all`) building a generated book with as many executable documents as ours, each holding only the
    imports and one trivial cell, with the book's configuration and extension;
 2. `make book` as a user runs it (the commands it runs: the data check, the HTML build, the PDF's
    single-page build and its print): cold (a fresh folder, as after `make clean`), forced (`FORCE=1`: the
    cache emptied, every page read), with nothing changed, after a one-cell data edit (data/stances.csv, row
    s013: the speaker's office written out, which no sentence depends on, as in tests/test_cache.py; the
    README's worked example makes sentences false, and so stops the build), and after a one-word prose edit;
 3. `make html` (the data check and the HTML build): cold, and after a one-word prose edit;
    with, for each, the chapters executed (the jupyter-cache records made during the step) and whether myst-nb
    executed any notebook itself (it should not: the parallel executor fills the cache first);
 4. each chapter's execution time (jupyter-cache's record of the cold builds);
 5. every page's size (its HTML; the static files it loads are counted once for the book) and, in
    headless Chromium with the network blocked, the time from navigation to every chart drawn;
 6. with --tests, `make test` (once: it takes minutes).
Each timing is repeated (--repeat, at least 3) and reported as the median and the spread (max - min).
Results are printed as a table and written to bench/results/<timestamp>.json.
Targets: cold `make book` <= 1.2x floor; cold `make html` <= 0.7x floor; a prose edit rebuilt in <= 5 s
(`make html`) executing no chapter; `make test` <= 150 s; no notebook over 3 s; a chapter's own HTML <= 400 KB;
every chart drawn within 1.5 s of navigation.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import yaml

from troops_debate import wordcount
from troops_debate.pdf import PDF_NAME
from troops_debate.pdf.localhost import serve
from troops_debate.toc import executable_path, reading_path, toc_files

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLAGS = ["-W", "-n", "--keep-going"]
MYST_NB_EXECUTING = "Executing notebook using"
TARGETS = {"cold_book_ratio": 1.2, "cold_html_ratio": 0.7, "prose_edit_s": 5.0, "make_test_s": 150.0,
           "notebook_s": 3.0, "chapter_html_kb": 400, "charts_drawn_s": 1.5}


CPU = {"seconds": 0.0}  # user + system time of every command run (and the kernels and browsers they started)


def run(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, str]:
    start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["seconds"] += (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result.stdout + result.stderr


def cache_records(out: Path) -> list:
    """Every executed notebook the jupyter-cache folders under `out` hold (the build keeps one)."""
    from jupyter_cache import get_cache
    return [record for db in sorted((out / "_build" / ".jupyter_cache").glob("**/global.db"))
            for record in get_cache(str(db.parent)).list_cache_records()]


def executed_since(out: Path, since: datetime) -> list[str]:
    return sorted(r.uri for r in cache_records(out) if r.created >= since)


def html_build(source: Path, out: Path, env: dict | None = None, force: bool = False, builder: str = "html",
               toc: Path | None = None) -> tuple[float, str]:
    """`jupyter-book build` as the Makefile runs it; `force` as FORCE=1 does (the cache emptied, --all)."""
    if force:
        shutil.rmtree(out / "_build" / ".jupyter_cache", ignore_errors=True)
    command = [str(BIN / "jupyter-book"), "build", str(source), "--builder", builder, "--path-output", str(out),
               *FLAGS, *(["--all"] if force else []), *(["--toc", str(toc)] if toc else [])]
    return run(command, env, cwd=source)


def make_book(source: Path, out: Path, env: dict | None = None, force: bool = False, pdf: bool = True,
              cold: bool = False) -> dict:
    """What `make book` runs (`make html` without the PDF), into `out`: each step's time, the CPU time used,
    the chapters executed. `cold`: as after `make clean`, which also removes the validation stamp (the data
    check then runs in full, and leaves the stamp again)."""
    if cold:
        shutil.rmtree(ROOT / "_build" / ".validated", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    since, cpu, logs = datetime.utcnow(), CPU["seconds"], []
    steps = {"validate": run([str(BIN / "python"), "-m", "troops_debate", "validate"], env)[0]}
    steps["html"], log = html_build(source, out, env, force)
    logs.append(log)
    if pdf:
        steps["singlehtml"], log = html_build(source, out, env, builder="singlehtml")
        logs.append(log)
        steps["pdf"] = run([str(BIN / "python"), "-m", "troops_debate", "pdf", "--single",
                            str(out / "_build" / "singlehtml"), "--output", str(out / "_build" / "pdf" / PDF_NAME)],
                           env)[0]
    return {"seconds": sum(steps.values()), "steps": steps, "cpu_s": CPU["seconds"] - cpu,
            "executed": executed_since(out, since), "myst_nb_executed": any(MYST_NB_EXECUTING in log for log in logs)}


def timed_build(*args, **kwargs) -> dict:
    cpu = CPU["seconds"]
    return {"seconds": html_build(*args, **kwargs)[0], "cpu_s": CPU["seconds"] - cpu}


def recode(data: Path, speaker: str) -> None:
    """data/stances.csv, row s013 (Macron, 16 March 2025): the speaker field set to `speaker`."""
    path = data / "stances.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["stance_id"] == "s013":
            row["speaker"] = speaker
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_prose(source: Path, word: str) -> None:
    """One word changed in the first paragraph of the stances chapter (a Markdown cell)."""
    path = source / "book" / "analysis" / "stances.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "markdown" and " the " in c.source)
    cell.source = re.sub(r" the( zz\w+)? ", f" the {word} ", cell.source, count=1)
    nbformat.write(notebook, path)


def floor_book(tmp: Path) -> tuple[Path, Path]:
    """A book with as many executable chapters as ours, each only imports and one trivial cell."""
    src = tmp / "floor"
    (src / "book").mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "force"  # stock Jupyter Book: every notebook executed, in turn
    (src / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "book" / "_static", src / "book" / "_static")
    # the book's extension writes the bibliography from the data beside the build's output
    chapters = [f for f in toc_files(ROOT / "_toc.yml")]
    entries = []
    for i, chapter in enumerate(chapters):
        entries.append(f"book/c{i}")
        if executable_path(chapter) is None:  # a plain page stays a plain page
            (src / "book" / f"c{i}.md").write_text(f"# Page {i}\n\nText.\n")
            continue
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_markdown_cell(f"# Chapter {i}"),
                    nbformat.v4.new_code_cell("import troops_debate as td\nfrom troops_debate import charts\n"
                                              "from troops_debate import html\nfrom myst_nb import glue"),
                    nbformat.v4.new_code_cell("1 + 1")]
        nbformat.write(nb, src / "book" / f"c{i}.ipynb")
    toc = {"format": "jb-book", "root": entries[0], "chapters": [{"file": e} for e in entries[1:]]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc))
    return src, src / "_toc.yml"


def stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "spread": max(values) - min(values), "runs": values}


def page_timings(html: Path, pages: list[str], repeat: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright
    out = {}
    with serve(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                    args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        for page_name in pages:
            runs, n_charts, blocked = [], 0, []
            for _ in range(repeat):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                page = ctx.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                           else (blocked.append(r.request.url), r.abort()))
                page.goto(f"{base}/{page_name}.html")
                page.wait_for_function("[...document.querySelectorAll('.td-chart-vis')].every(e => e.dataset.drawn)",
                                       timeout=30000)
                drawn = page.eval_on_selector_all(".td-chart-vis", "els => els.map(e => +e.dataset.drawnAt)")
                n_charts = len(drawn)
                runs.append(max(drawn) / 1000 if drawn else 0.0)
                ctx.close()
            out[page_name] = {"charts": n_charts, "drawn_s": stats(runs), "blocked_requests": len(blocked)}
        browser.close()
    return out


RUNS = {  # name: label
    "cold_book": "make book, cold (fresh folder, as after make clean)",
    "cold_html": "make html, cold (fresh folder)",
    "forced": "make book FORCE=1",
    "no_change": "make book, nothing changed",
    "data_edit": "make book after a one-cell data edit",
    "prose_book": "make book after a one-word prose edit",
    "prose_html": "make html after a one-word prose edit",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tests", action="store_true", help="also time `make test` (once)")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    if repeat < 3:
        print("fewer than 3 runs: a check that the benchmark runs, not a measurement", file=sys.stderr)
    runs: dict[str, list] = {k: [] for k in ("floor", *RUNS)}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        floor_src, floor_toc = floor_book(tmp)
        data = tmp / "data"  # a copy of the data, to edit
        shutil.copytree(ROOT / "data", data)
        source = tmp / "src"  # a copy of the sources, to edit
        for item in ("book", "_config.yml", "_toc.yml"):
            (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, source / item)
        for i in range(repeat):
            print(f"run {i + 1} of {repeat}", file=sys.stderr)
            # the floor pays for the data downloads on every build, as a forced or cold build does
            runs["floor"].append(timed_build(floor_src, tmp / "floor_out", force=True, toc=floor_toc))
            runs["cold_html"].append(make_book(ROOT, tmp / f"html{i}", pdf=False, cold=True))
            out = tmp / f"book{i}"
            runs["cold_book"].append(make_book(ROOT, out, cold=True))
            prose = tmp / "prose"
            if i == 0:  # the copied sources, built once from the cold build's cache (executing nothing)
                shutil.copytree(out / "_build" / ".jupyter_cache", prose / "_build" / ".jupyter_cache")
                make_book(source, prose)
            runs["forced"].append(make_book(ROOT, out, force=True))
            runs["no_change"].append(make_book(ROOT, out))
            recode(data, "Emmanuel Macron, President of France")  # against this run's book of the data as it is
            runs["data_edit"].append(make_book(ROOT, out, env={"TROOPS_DEBATE_DATA": str(data)}))
            edit_prose(source, f"zzhtml{i}")
            runs["prose_html"].append(make_book(source, prose, pdf=False))
            edit_prose(source, f"zzbook{i}")
            runs["prose_book"].append(make_book(source, prose))
        nb_times: dict[str, list[float]] = {}
        for i in range(repeat):
            for record in cache_records(tmp / f"html{i}"):
                name = Path(record.uri).resolve().relative_to(ROOT).as_posix()
                nb_times.setdefault(name, []).append(record.data.get("execution_seconds") or 0.0)
        html = out / "_build" / "html"
        pages = toc_files(ROOT / "_toc.yml")
        static = sum(f.stat().st_size for f in (html / "_static").rglob("*") if f.is_file()
                     and "download" not in f.parts)
        sizes = {p: (html / f"{p}.html").stat().st_size for p in pages}
        timings = page_timings(html, pages, repeat)
        words = {w.page: w for w in wordcount.book_words(html, pages)}
    make_test = None
    if args.tests:
        print("make test", file=sys.stderr)
        start = time.perf_counter()
        tested = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
        make_test = {"seconds": time.perf_counter() - start, "returncode": tested.returncode,
                     "summary": (tested.stdout.strip().splitlines() or [""])[-1]}

    def timed(name):
        return stats([r["seconds"] for r in runs[name]])
    floor = timed("floor")["median"]
    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "repeat": repeat,
        "cores": os.cpu_count(), "load_average": os.getloadavg(),
        "builds_s": {name: timed(name) for name in runs},
        "cpu_s": {name: stats([r["cpu_s"] for r in runs[name]]) for name in runs},
        "ratios": {name: timed(name)["median"] / floor for name in RUNS},
        "steps_s": {name: {step: stats([r["steps"][step] for r in runs[name]]) for step in runs[name][0]["steps"]}
                    for name in RUNS},
        "executed": {name: [len(r["executed"]) for r in runs[name]] for name in RUNS},
        "myst_nb_executed": {name: any(r["myst_nb_executed"] for r in runs[name]) for name in RUNS},
        "make_test": make_test,
        "notebook_s": {k: stats(v) for k, v in nb_times.items()},
        "static_kb_once": static / 1024, "pages": {p: {"html_kb": sizes[p] / 1024, **timings[p]} for p in pages},
        "words": {p: {"visible": w.visible, "prose": w.prose, "minutes": round(w.minutes, 1)} for p, w in words.items()},
        "targets": TARGETS,
    }
    worst_nb = max((v["median"] for v in result["notebook_s"].values()), default=0.0)
    worst_html = max(v["html_kb"] for v in result["pages"].values())
    worst_draw = max(v["drawn_s"]["median"] for v in result["pages"].values())
    executed = result["executed"]
    result["met"] = {
        "cold_book_ratio": result["ratios"]["cold_book"] <= TARGETS["cold_book_ratio"],
        "cold_html_ratio": result["ratios"]["cold_html"] <= TARGETS["cold_html_ratio"],
        "prose_edit_s": result["builds_s"]["prose_html"]["median"] <= TARGETS["prose_edit_s"]
        and not any(executed["prose_html"]) and not any(executed["prose_book"]),
        "make_test_s": make_test is not None and make_test["returncode"] == 0
        and make_test["seconds"] <= TARGETS["make_test_s"],
        "notebook_s": worst_nb <= TARGETS["notebook_s"],
        "chapter_html_kb": worst_html <= TARGETS["chapter_html_kb"],
        "charts_drawn_s": worst_draw <= TARGETS["charts_drawn_s"]}

    def row(name, s, extra="", cpu=None):
        used = f"  cpu {result['cpu_s'][cpu]['median']:>5.0f} s" if cpu else ""
        return f"{name:<54} {s['median']:>7.2f} s ± {s['spread']:<5.2f}{used}{extra}"

    def ran(name):
        counts = "/".join(map(str, sorted(set(executed[name]))))
        return f"  {counts} executed" + (" (some by myst-nb itself)" if result["myst_nb_executed"][name] else "")
    print(f"\nBenchmark, {repeat} runs each (median, spread = max - min); {result['cores']} cores, "
          f"load average {result['load_average'][0]:.1f} at the end\n")
    print(row("floor: stock Jupyter Book, trivial notebooks", result["builds_s"]["floor"], cpu="floor"))
    for name, label in RUNS.items():
        print(row(label, result["builds_s"][name], f"  {result['ratios'][name]:.2f}x floor" + ran(name), cpu=name))
    print("\nSteps (median seconds): " + "; ".join(
        f"{name}: " + ", ".join(f"{step} {s['median']:.1f}" for step, s in steps.items())
        for name, steps in result["steps_s"].items() if name in ("cold_book", "cold_html", "prose_book")))
    if make_test:
        print(f"\nmake test: {make_test['seconds']:.0f} s ({make_test['summary']})")
    print("\nNotebook execution in the cold builds (target <= 3 s each)")
    for name, s in sorted(result["notebook_s"].items()):
        print(row("  " + name, s))
    print(f"\nPages (static files loaded once for the book: {result['static_kb_once']:.0f} KB)")
    print(f"{'  page':<40} {'HTML KB':>8} {'charts':>7} {'drawn s (median ± spread)':>28}")
    for name, p in result["pages"].items():
        print(f"  {name:<38} {p['html_kb']:>8.1f} {p['charts']:>7} {p['drawn_s']['median']:>18.2f} ± "
              f"{p['drawn_s']['spread']:.2f}")
    path_pages = reading_path(ROOT / "_toc.yml")
    print(f"\nWords a reader sees (main column, nothing opened; reading at {wordcount.WORDS_PER_MINUTE} words a minute)")
    print(f"{'  page':<40} {'visible':>8} {'prose':>7} {'minutes':>8}")
    for name, w in result["words"].items():
        print(f"  {name:<38} {w['visible']:>8} {w['prose']:>7} {w['minutes']:>8.1f}")
    on_path = [result["words"][p] for p in path_pages]
    print(f"  {'reading path (opening page + chapters)':<38} {sum(w['visible'] for w in on_path):>8} "
          f"{sum(w['prose'] for w in on_path):>7} {sum(w['minutes'] for w in on_path):>8.1f}")
    print("\nTargets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in result["met"].items()))
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bench-{result['when'].replace(':', '')}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"\nwritten to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
