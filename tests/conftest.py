"""Shared fixtures: the book built once per test session into a temporary folder,
served on localhost, and a headless Chromium that may not leave localhost."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from troops_debate.build.localhost import serve  # noqa: F401  (used by the tests)
from troops_debate.build.toc import executable_path, toc_files  # noqa: F401  (used by the tests)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD_FLAGS = ["--all", "-W", "-n", "--keep-going"]


def notebook_paths() -> list[Path]:
    """The executable documents of the book: .ipynb files, and MyST Markdown with a kernelspec."""
    return [p for p in map(executable_path, toc_files()) if p is not None]


def build_book(output: Path, env: dict | None = None, source: Path = ROOT, toc: Path | None = None,
               prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run the real build (as `make book` does) with its output under `output`."""
    command = [str(BIN / "jupyter-book"), "build", str(source), "--builder", "html",
               "--path-output", str(output), *BUILD_FLAGS, *(["--toc", str(toc)] if toc else [])]
    return subprocess.run([*(prefix or []), *command], cwd=source, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("book")
    result = build_book(out)
    assert result.returncode == 0, f"the book did not build:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def served_book(built_book):
    """The built book on http://127.0.0.1:<port>/."""
    with serve(built_book) as url:
        yield url


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


HOW_TO_GET_CHROMIUM = ("No Chromium found. Install Debian's: `apt-get update && apt-get install -y chromium` "
                       "(or set CHROMIUM=/path/to/chrome).")


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(HOW_TO_GET_CHROMIUM + " With CI=true a missing browser is a failure.")
        pytest.skip(HOW_TO_GET_CHROMIUM)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


class Visit:
    """One page opened in Chromium: console messages, page errors and blocked requests."""

    def __init__(self, browser, url: str, width: int = 1280, dark: bool = False, themed: bool = True):
        self.themed = themed  # a book page (its theme sets light or dark mode); False for other pages
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           color_scheme="dark" if dark else "light")
        self.page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda msg: self.console.append((msg.type, msg.text)))
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.goto(url, wait_until="load")
        self.settle()

    def settle(self) -> None:
        """Wait until the theme has applied light or dark mode and every finite CSS transition it
        started has finished, so that colours are measured as the reader sees them, not mid-fade."""
        if self.themed:
            self.page.wait_for_function(
                "() => ['light', 'dark'].includes(document.documentElement.dataset.theme)", timeout=15000)
        self.page.evaluate("""() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)))""")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost")) or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def wait_for_charts(self, timeout_ms: int = 15000) -> list[str]:
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.td-chart-vis')].every(e => e.dataset.drawn)",
            timeout=timeout_ms)
        drawn = self.page.eval_on_selector_all(".td-chart-vis", "els => els.map(e => e.dataset.drawn)")
        self.settle()
        return drawn

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(url: str, **kwargs) -> Visit:
        v = Visit(browser, url, **kwargs)
        opened.append(v)
        return v
    yield open_page
    for v in opened:
        v.close()
