"""`make lab`: JupyterLab started from the project environment, with the project kernel as its
default, so that "Run all" works in any chapter, and with jupyterlab-myst, so that a chapter's MyST
prose shows rendered. The test starts the real target (which installs requirements-lab.txt on first
use), then runs a chapter cell by cell in the kernel the server starts for it, as the notebook
interface would, and opens a chapter in the browser."""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

from conftest import ROOT
from troops_debate import notebooks as nbs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port, token = free_port(), secrets.token_hex(16)
    log_path = tmp_path_factory.mktemp("lab") / "lab.log"
    log = log_path.open("w")
    # the browser test's workspace and settings go to the test's folder, not the user's ~/.jupyter
    from troops_debate.charts import BOOK_OUTPUT
    env = {**{k: v for k, v in os.environ.items() if k != BOOK_OUTPUT},  # an analyst's lab, not the book's build
           "JUPYTERLAB_WORKSPACES_DIR": str(log_path.parent / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(log_path.parent / "user-settings")}
    process = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"token {token}"}
    deadline = time.monotonic() + 900  # the first run installs JupyterLab
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"make lab exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                if requests.get(f"{base}/api/status", headers=headers, timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer:\n{log_path.read_text()[-3000:]}")
            time.sleep(1)
        yield base, headers
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_make_lab_serves_the_project_kernel_as_default(lab):
    base, headers = lab
    specs = requests.get(f"{base}/api/kernelspecs", headers=headers, timeout=30).json()
    assert specs["default"] == nbs.KERNEL
    argv = specs["kernelspecs"][nbs.KERNEL]["spec"]["argv"]
    assert os.path.abspath(argv[0]) == str(ROOT / ".venv" / "bin" / "python")
    # nothing offered from the internet: no news feed, no update check
    settings = requests.get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification",
                            headers=headers, timeout=30).json()["schema"]["properties"]  # defaults, with overrides
    assert settings["fetchNews"]["default"] == "false" and settings["checkForUpdates"]["default"] is False
    # the JupyterLab page itself is served
    assert "JupyterLab" in requests.get(f"{base}/lab", headers=headers, timeout=30).text


def test_myst_markdown_chapters_open_as_notebooks(lab):
    base, headers = lab
    model = requests.get(f"{base}/api/contents/book/method/method.md", params={"type": "notebook"},
                         headers=headers, timeout=30)
    assert model.ok, model.text[:500]
    content = model.json()["content"]
    assert content["metadata"]["kernelspec"]["name"] == nbs.KERNEL
    assert any(cell["cell_type"] == "code" for cell in content["cells"])


def test_jupyterlab_myst_is_installed_enabled_and_built_for_this_jupyterlab(lab):
    base, headers = lab
    page = requests.get(f"{base}/lab", headers=headers, timeout=30).text
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  page, re.S).group(1))
    # the page the browser gets loads it, and does not disable it
    loaded = {extension["name"]: extension for extension in config["federated_extensions"]}
    assert "jupyterlab-myst" in loaded, sorted(loaded)
    assert not [name for name in config.get("disabledExtensions", []) if name.startswith("jupyterlab-myst")]
    # its bundle comes from the lab itself, not a CDN
    entry = requests.get(f"{base}/lab/extensions/jupyterlab-myst/{loaded['jupyterlab-myst']['load']}",
                         headers=headers, timeout=30)
    assert entry.ok and entry.text.strip(), entry.status_code
    # built against this JupyterLab's shared packages (an extension built for others is listed with an X)
    listing = subprocess.run([str(ROOT / ".venv-lab" / "bin" / "jupyter"), "labextension", "list"],
                             env={**os.environ, "JUPYTER_PATH": str(ROOT / ".venv" / "share" / "jupyter")},
                             capture_output=True, text=True, timeout=120)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in (listing.stdout + listing.stderr).splitlines()]
    for name in ("jupyterlab-myst", "anywidget", "@jupyter-widgets/jupyterlab-manager"):  # MyST; charts drawn
        found = [line.split() for line in lines if line.strip().startswith(name + " ")]
        assert found and found[0][2:4] == ["enabled", "OK"], "\n".join(lines)


def test_a_chapter_opened_in_the_lab_shows_its_myst_rendered(lab, visit):
    """What an analyst sees on opening a chapter: its admonition drawn as one, not its MyST source;
    nothing asked of another host; the committed notebook left as it was."""
    base, headers = lab
    chapter = ROOT / "book" / "articles" / "rs2024.ipynb"
    before = chapter.read_bytes()
    sources = [cell.source for cell in nbs.read(chapter).cells if cell.cell_type == "markdown"]
    titles = [m.group(1).strip() for s in sources for m in re.finditer(r"^```\{admonition\}[ \t]*(.+)$", s, re.M)]
    assert titles, "the chapter has no admonition to look for"
    token = headers["Authorization"].split()[1]
    v = visit(f"{base}/lab/tree/{chapter.relative_to(ROOT).as_posix()}?token={token}&reset", themed=False)
    first = v.page.locator(".jp-MarkdownCell aside.myst-admonition").first
    first.wait_for(timeout=120_000)
    assert first.locator(".myst-admonition-header").inner_text().strip() == titles[0]
    shown = v.page.locator(".jp-MarkdownCell").first.inner_text()
    assert "{admonition}" not in shown and "```" not in shown, shown[:500]
    assert not v.blocked, f"the lab asked another host for {v.blocked}"
    assert not v.errors, v.errors
    assert chapter.read_bytes() == before, "opening the chapter in the lab changed the committed file"


async def run_cells(ws_url: str, cells: list[str], shown: list | None = None) -> tuple[list[str], list[str]]:
    """Execute cells in order over the kernel's websocket; return (stdout, errors). The kinds of output each
    display shows (its mimetypes, and its plain text) are added to `shown`."""
    from tornado.websocket import websocket_connect
    ws = await websocket_connect(ws_url)
    session, stdout, errors = uuid.uuid4().hex, [], []
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            await ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "session": session, "username": "test", "date": "",
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            # the reply (shell channel) may arrive before the output (iopub): wait for both the reply and
            # the kernel's return to idle for this request, after which all its output has been sent
            replied = idle = False
            while not (replied and idle):
                message = json.loads(await asyncio.wait_for(ws.read_message(), timeout=300))
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = message["msg_type"]
                if kind in ("display_data", "execute_result") and shown is not None:
                    shown.append((sorted(message["content"]["data"]), message["content"]["data"].get("text/plain", "")))
                if kind == "stream":
                    (errors if message["content"]["name"] == "stderr" else stdout).append(message["content"]["text"])
                elif kind == "error":
                    errors.append(f"{message['content']['ename']}: {message['content']['evalue']}")
                elif kind == "execute_reply":
                    replied = True
                elif kind == "status" and message["content"].get("execution_state") == "idle":
                    idle = True
            if errors:
                break
    finally:
        ws.close()
    return stdout, errors


def test_run_all_in_a_chapter_works_in_the_servers_kernel(lab):
    """Run all in a chapter: no error, its tables and its chart shown (the chart as Altair's JupyterChart, drawn
    offline), and its glued values shown too."""
    base, headers = lab
    chapter = "book/analysis/stances.ipynb"
    notebook = nbs.read(ROOT / chapter)
    # as JupyterLab does on opening a notebook: a session with the kernel its metadata names
    session = requests.post(f"{base}/api/sessions", headers=headers, timeout=60, json={
        "path": chapter, "name": Path(chapter).name, "type": "notebook",
        "kernel": {"name": notebook.metadata.kernelspec.name}}).json()
    try:
        assert session["kernel"]["name"] == nbs.KERNEL
        cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        ws_url = f"{base.replace('http', 'ws')}/api/kernels/{session['kernel']['id']}/channels?token=" \
                 f"{headers['Authorization'].split()[1]}"
        # in a thread of its own: the browser tests' Playwright keeps an event loop running in this one
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            shown = []
            stdout, errors = pool.submit(asyncio.run, run_cells(ws_url, ["import os\nprint(os.getcwd())", *cells],
                                                                shown)).result()
        assert not errors, errors
        assert Path(stdout[0].strip()) == ROOT / "book" / "analysis"  # JupyterLab runs it in its own folder
        kinds = [set(mimetypes) for mimetypes, _ in shown]
        assert {"application/vnd.jupyter.widget-view+json"} <= set().union(*kinds), "no chart was drawn"
        assert sum("text/html" in k for k in kinds) >= 3, "the chapter's tables were not shown"
        assert any("glued" in text and "offered_n" in text for _, text in shown), "the glued values were not shown"
    finally:
        requests.delete(f"{base}/api/sessions/{session['id']}", headers=headers, timeout=60)
