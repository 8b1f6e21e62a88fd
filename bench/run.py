"""`make bench`: how long the book takes to build, and how fast its pages open and draw.

Measures, on this machine, in one run:
 1. the full forced build of the book (`jupyter-book build --all`, executing every notebook);
 2. the floor: the same build, same environment and configuration, of a generated book with the
    same number of notebook chapters, each holding only the imports and one trivial cell;
    and the ratio of the two;
 3. each notebook's execution time (as myst-nb reports it during the full build);
 4. a no-change rebuild (incremental: nothing re-read);
 5. every page's size (its HTML; the static files it loads are counted once for the book) and, in
    headless Chromium with the network blocked, the time from navigation to every chart drawn.
Each timing is repeated (--repeat, at least 3) and reported as the median and the spread
(max - min). Results are printed as a table and written to bench/results/<timestamp>.json.
Targets: build <= 1.5x floor; no notebook over 3 s; a chapter's own HTML <= 400 KB;
every chart drawn within 1.5 s of navigation.
"""
from __future__ import annotations

import argparse
import json
import re
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

from troops_debate.build import wordcount
from troops_debate.build.localhost import serve
from troops_debate.build.toc import executable_path, reading_path, toc_files

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLAGS = ["-W", "-n", "--keep-going"]
TARGETS = {"build_ratio": 1.5, "notebook_s": 3.0, "chapter_html_kb": 400, "charts_drawn_s": 1.5}


def build(source: Path, out: Path, full: bool = True, toc: Path | None = None) -> tuple[float, str]:
    command = [str(BIN / "jupyter-book"), "build", str(source), "--path-output", str(out), *FLAGS]
    if full:
        command.append("--all")
    if toc:
        command += ["--toc", str(toc)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=source, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result.stdout + result.stderr


def notebook_times(log: str) -> dict[str, float]:
    times = {}
    for path, seconds in re.findall(r"(\S+\.(?:ipynb|md)): Executed notebook in ([\d.]+) seconds", log):
        times[str(Path(path).resolve().relative_to(ROOT)) if path.startswith(str(ROOT)) else path] = float(seconds)
    return times


def floor_book(tmp: Path) -> tuple[Path, Path]:
    """A book with as many executable chapters as ours, each only imports and one trivial cell."""
    src = tmp / "floor"
    (src / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", src / "_config.yml")
    shutil.copytree(ROOT / "book" / "_static", src / "book" / "_static")
    shutil.copy(ROOT / "book" / "references.bib", src / "book" / "references.bib")
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
                    nbformat.v4.new_code_cell("import troops_debate as td\nfrom troops_debate.figures import theme as charts\n",
    "from troops_debate.tables import html as render\n"
                                              "from myst_nb import glue"),
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
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    repeat = max(3, args.repeat)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        full, floor, rebuild, nb_times = [], [], [], {}
        floor_src, floor_toc = floor_book(tmp)
        for i in range(repeat):
            seconds, log = build(ROOT, tmp / "book")
            full.append(seconds)
            for name, t in notebook_times(log).items():
                nb_times.setdefault(name, []).append(t)
            floor.append(build(floor_src, tmp / "floor_out", toc=floor_toc)[0])
            rebuild.append(build(ROOT, tmp / "book", full=False)[0])
        html = tmp / "book" / "_build" / "html"
        pages = toc_files(ROOT / "_toc.yml")
        static = sum(f.stat().st_size for f in (html / "_static").rglob("*") if f.is_file()
                     and "download" not in f.parts)
        sizes = {p: (html / f"{p}.html").stat().st_size for p in pages}
        timings = page_timings(html, pages, repeat)
        words = {w.page: w for w in wordcount.book_words(html, pages)}

    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "repeat": repeat,
        "full_build_s": stats(full), "floor_build_s": stats(floor), "no_change_rebuild_s": stats(rebuild),
        "build_ratio": statistics.median(full) / statistics.median(floor),
        "notebook_s": {k: stats(v) for k, v in nb_times.items()},
        "static_kb_once": static / 1024, "pages": {p: {"html_kb": sizes[p] / 1024, **timings[p]} for p in pages},
        "words": {p: {"visible": w.visible, "prose": w.prose, "minutes": round(w.minutes, 1)} for p, w in words.items()},
        "targets": TARGETS,
    }
    worst_nb = max((v["median"] for v in result["notebook_s"].values()), default=0.0)
    worst_html = max(v["html_kb"] for v in result["pages"].values())
    worst_draw = max(v["drawn_s"]["median"] for v in result["pages"].values())
    result["met"] = {"build_ratio": result["build_ratio"] <= TARGETS["build_ratio"],
                     "notebook_s": worst_nb <= TARGETS["notebook_s"],
                     "chapter_html_kb": worst_html <= TARGETS["chapter_html_kb"],
                     "charts_drawn_s": worst_draw <= TARGETS["charts_drawn_s"]}

    def row(name, s):
        return f"{name:<48} {s['median']:>8.2f} s  ± {s['spread']:.2f}"
    print(f"\nBenchmark, {repeat} runs each (median, spread = max - min)\n")
    print(row("full forced build", result["full_build_s"]))
    print(row("floor: same build, trivial notebooks", result["floor_build_s"]))
    print(f"{'ratio full / floor':<48} {result['build_ratio']:>8.2f}    (target <= {TARGETS['build_ratio']})")
    print(row("no-change rebuild", result["no_change_rebuild_s"]))
    print("\nNotebook execution (target <= 3 s each)")
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
