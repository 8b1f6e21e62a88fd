"""Shared fixtures: the book built once per test session into a temporary folder, served on localhost,
and a headless Chromium that may not leave localhost.

The session's build is a forced full build (an empty cache, so every chapter executed, every page read: what
CI checks), with the network unavailable (test_integrity), started in the background as soon as the tests
are collected, while the tests that do not need the book run first; the PDF edition's single-page build
shares its execution and pages and is printed right after it, in the same background thread. Under
pytest-xdist (`make test`: `-n 2`), the worker processes share that one build (a folder made by the
controlling process, TD_TEST_BOOK). Nothing is built twice for a reason other than the test's."""
from __future__ import annotations

import concurrent.futures
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from troops_debate.pdf.localhost import serve  # noqa: F401  (used by the tests)
from troops_debate.toc import executable_path, toc_files  # noqa: F401  (used by the tests)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD_FLAGS = ["--all", "-W", "-n", "--keep-going"]


def notebook_paths() -> list[Path]:
    """The executable documents of the book: .ipynb files, and MyST Markdown with a kernelspec."""
    return [p for p in map(executable_path, toc_files()) if p is not None]


def run(command: list, cwd: Path, env: dict | None = None, timeout: float = 1800,
        running: list | None = None) -> subprocess.CompletedProcess:
    """subprocess.run, in a session of its own; listed in `running` while it runs (so that it can be stopped)."""
    with subprocess.Popen([str(c) for c in command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, start_new_session=True) as process:
        if running is not None:
            running.append(process)
            if getattr(running, "stopped", False):  # the session ended while this was starting
                os.killpg(process.pid, signal.SIGTERM)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        finally:
            if running is not None:
                running.remove(process)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def jupyter_cache(output: Path) -> Path:
    """The jupyter-cache folder a build under `output` reads its chapters' outputs from: the one named by the
    digest of its inputs (troops_debate/sphinx/execution.py), the only one kept."""
    folders = [p for p in (output / "_build" / ".jupyter_cache").glob("*") if p.is_dir()]
    assert len(folders) == 1, f"expected one jupyter-cache folder under {output}, found {folders}"
    return folders[0]


def build_book(output: Path, env: dict | None = None, source: Path = ROOT, toc: Path | None = None,
               prefix: list[str] | None = None, builder: str = "html", force: bool = True,
               flags: list[str] | None = None, running: list | None = None,
               base: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real build as `make book FORCE=1` does by default: the data checked first (`make validate`, which
    lets the chapters trust the files it passed; a failed check is the result), then the build with an empty
    cache, every page read, its output under `output`. `force=False` with `flags=["-W", "-n", "--keep-going"]`
    is the incremental build `make book` runs."""
    environment = {**(os.environ if base is None else base), **(env or {})}
    checked = run([*(prefix or []), BIN / "python", "-m", "troops_debate", "validate"], cwd=source,
                  env=environment, running=running)
    if checked.returncode:
        return checked
    if force:
        shutil.rmtree(output / "_build" / ".jupyter_cache", ignore_errors=True)
    command = [str(BIN / "jupyter-book"), "build", str(source), "--builder", builder,
               "--path-output", str(output), *(BUILD_FLAGS if flags is None else flags),
               *(["--toc", str(toc)] if toc else [])]
    return run([*(prefix or []), *command], cwd=source, running=running, env=environment)


def clear_loader_caches() -> None:
    """Forget what the data loaders have read (a test points them at another copy of data/)."""
    from troops_debate.data import load as tdio
    for loader in tdio.LOADERS.values():
        loader.cache_clear()


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A copy of data/ to edit, which the package reads meanwhile (TROOPS_DEBATE_DATA); the real data is never
    touched."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv("TROOPS_DEBATE_DATA", str(copy))
    clear_loader_caches()
    yield copy
    clear_loader_caches()


def failed(result: subprocess.CompletedProcess, what: str) -> str:
    return f"{what} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"


class Running(list):
    """The processes a SessionBook has running; `stopped` once the session is over."""
    stopped = False


SHARED_BOOK = "TD_TEST_BOOK"  # the folder parallel pytest processes share one book in (see pytest_configure)


def pytest_configure(config):
    """Under pytest-xdist, the controlling process makes the folder its workers share the session's book in
    (they inherit the variable), unless one is given; it removes it at the end."""
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput") \
            and not os.environ.get(SHARED_BOOK):
        os.environ[SHARED_BOOK] = config._td_shared_book = tempfile.mkdtemp(prefix="td-test-book-")


def pytest_unconfigure(config):
    folder = getattr(config, "_td_shared_book", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SHARED_BOOK, None)


def network_off(tmp: Path) -> tuple[list[str], dict]:
    """A command prefix that runs a build in a network namespace with only loopback, if the machine allows
    one; otherwise an environment in which every Python process (the build and the kernels) refuses
    connections outside the machine. Returns (prefix, environment)."""
    probe = subprocess.run(["unshare", "-rn", "sh", "-c", "ip link set lo up"], capture_output=True)
    if probe.returncode == 0:
        return ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$0" "$@"'], {}
    site = tmp / "offline-site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(
        "import socket\n_connect = socket.socket.connect\n"
        "def connect(self, address):\n"
        "    host = address[0] if isinstance(address, tuple) else address\n"
        "    if isinstance(host, str) and not (host.startswith('127.') or host in ('localhost', '::1')):\n"
        "        raise OSError('network blocked by the offline test: ' + str(address))\n"
        "    return _connect(self, address)\n"
        "socket.socket.connect = connect\n")
    return [], {"PYTHONPATH": str(site)}


class SessionBook:
    """The session's book, built in one background thread: the HTML book (a forced full build), then on
    demand the single-page build in the same output (executing and reading nothing again) and its PDF.
    In a folder shared by several test processes (`make test`), each step runs once, in whichever
    process asks first; the others wait for it and take its result."""

    def __init__(self, out: Path, shared: bool = False):
        self.out, self.shared = out, shared
        # the environment as the session started: a test that later points TROOPS_DEBATE_DATA at a mutated
        # copy (test_generated_inputs, monkeypatch) must not change what a step in the background builds
        self.env = dict(os.environ)
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-book")
        self.steps: dict[str, concurrent.futures.Future] = {}
        self.running = Running()
        self.stopped = False

    def stop(self) -> None:
        """At the end of the session: what was asked for but is no longer needed is not waited for."""
        self.stopped = self.running.stopped = True
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in list(self.running):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def once(self, name: str, step) -> subprocess.CompletedProcess:
        if not self.shared:
            return step()
        import fcntl
        import json
        with (self.out / f".{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            done = self.out / f".{name}.done.json"
            if done.exists():
                kept = json.loads(done.read_text(encoding="utf-8"))
                return subprocess.CompletedProcess(kept["args"], kept["returncode"], kept["stdout"], kept["stderr"])
            result = step()
            if self.stopped:
                return result
            done.write_text(json.dumps({"args": [str(a) for a in result.args], "returncode": result.returncode,
                                        "stdout": result.stdout[-100_000:], "stderr": result.stderr[-100_000:]}),
                            encoding="utf-8")
            return result

    def submit(self, name: str, step, after: concurrent.futures.Future | None = None) -> concurrent.futures.Future:
        if name not in self.steps:
            def run():
                if after is not None and after.result().returncode:
                    return after.result()  # the step before failed: its result says why
                return self.once(name, step)
            self.steps[name] = self.pool.submit(run)
        return self.steps[name]

    def html(self) -> concurrent.futures.Future:
        """The HTML book, a forced full build, run with the network unavailable (conftest.network_off)."""
        def step():
            prefix, env = network_off(self.out)
            import json
            self.offline.write_text(json.dumps({"prefix": prefix, "env": env}), encoding="utf-8")
            return build_book(self.out, env=env, prefix=prefix, running=self.running, base=self.env)
        return self.submit("html", step)

    def single(self) -> concurrent.futures.Future:
        return self.submit("single", lambda: build_book(self.out, builder="singlehtml", force=False,
                                                         flags=["-W", "-n", "--keep-going"], running=self.running,
                                                         base=self.env),
                           after=self.html())

    def pdf(self) -> concurrent.futures.Future:
        """The PDF as `make pdf` prints it, in its own process (the browser tests keep a Playwright loop in
        this one); started only where Chromium is (test_pdf says what is missing)."""
        return self.submit("pdf", lambda: run(
            [BIN / "python", "-m", "troops_debate", "pdf", "--single", self.out / "_build" / "singlehtml",
             "--output", self.pdf_path], cwd=ROOT, env=self.env, timeout=600, running=self.running),
            after=self.single())

    def settled(self) -> None:
        """Wait until every step asked for so far has finished (before copying the output, say)."""
        for step in list(self.steps.values()):
            step.exception()

    @property
    def offline(self) -> Path:
        """How the HTML build was kept off the network (network_off's prefix and environment)."""
        return self.out / "offline.json"

    @property
    def pdf_path(self) -> Path:
        return self.out / "edition.pdf"


_BOOK: SessionBook | None = None
BOOK_FIXTURES = {"built_book", "served_book", "book_output"}


def session_book(config=None) -> SessionBook:
    global _BOOK
    if _BOOK is None:
        if os.environ.get(SHARED_BOOK):
            out = Path(os.environ[SHARED_BOOK])
            out.mkdir(parents=True, exist_ok=True)
            _BOOK = SessionBook(out, shared=True)
        else:
            factory = getattr(config, "_tmp_path_factory", None)
            _BOOK = SessionBook(factory.mktemp("book") if factory is not None
                                else Path(tempfile.mkdtemp(prefix="td-book-")))
    return _BOOK


def pytest_sessionfinish(session, exitstatus):
    if _BOOK is not None:
        _BOOK.stop()


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(session, config, items):
    """Run the test files that do not need the built book first (in their order), and start building it."""
    def needs_book(item) -> bool:
        return bool(BOOK_FIXTURES & set(getattr(item, "fixturenames", ())))
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)
    later = {m for m, group in modules.items() if any(needs_book(i) for i in group)}
    items[:] = [i for m, g in modules.items() if m not in later for i in g] + \
               [i for m, g in modules.items() if m in later for i in g]
    if later and not config.option.collectonly:
        book = session_book(config)
        book.html()
        if any(m.endswith("test_pdf.py") for m in later):
            book.pdf()


@pytest.fixture(scope="session")
def book_output(request) -> Path:
    """The folder the session's book is built under (its _build/ holds the jupyter cache and the pages)."""
    book = session_book(request.config)
    result = book.html().result()
    assert result.returncode == 0, failed(result, "the book's build")
    return book.out


@pytest.fixture(scope="session")
def built_book(book_output) -> Path:
    return book_output / "_build" / "html"


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
        """Wait until the theme has applied light or dark mode, then bring every finite CSS transition it started
        to its end, so that colours are measured as the reader sees them once the fade is over. (Finished at
        once rather than waited for: a transition started while the headless page draws no frames may never
        end.)"""
        if self.themed:
            self.page.wait_for_function(
                "() => ['light', 'dark'].includes(document.documentElement.dataset.theme)", timeout=15000)
        self.page.evaluate("""() => document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .forEach(a => { try { a.finish(); } catch (e) { /* not finishable: left to run */ } })""")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost")) or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def switch_to(self, mode: str, width: int | None = None) -> None:
        """The reader's system switches to `mode` ('light' or 'dark'), on a screen `width` px wide if given (the
        window narrowed first): the theme follows, and the charts are drawn again, at the width they now have."""
        # the console from here on: axe-core, run before on the light page, logs a 404 of its own (it fetches the
        # stylesheets again, resolving one @import against the server's root), which no reader's page asks for
        self.console, self.errors = [], []
        self.drawn_at = self.page.eval_on_selector_all(".td-chart-vis", "els => els.map(e => e.dataset.drawnAt)")
        if width:
            self.page.set_viewport_size({"width": width, "height": 900})
        self.page.emulate_media(color_scheme=mode)
        self.page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode,
                                    timeout=15000)

    def wait_for_charts(self, timeout_ms: int = 15000, redrawn: bool = False) -> list[str]:
        """Wait until every chart is drawn (or has failed to be); `redrawn`: drawn again since switch_to."""
        before = getattr(self, "drawn_at", []) if redrawn else []
        self.page.wait_for_function(
            "before => [...document.querySelectorAll('.td-chart-vis')]"
            ".every((e, i) => e.dataset.drawn === 'error' || (e.dataset.drawn && e.dataset.drawnAt !== before[i]))",
            arg=before, timeout=timeout_ms)
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
