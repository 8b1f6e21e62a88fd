"""The key of a chapter's cached outputs: everything they depend on, and what changed since.

Jupyter Book's own cache (jupyter-cache, `execute_notebooks: cache`) keys a notebook on its code
cells alone: after a data edit it would serve the old outputs. Here each chapter has a key made of

- its code cells and kernelspec, hashed as jupyter-cache hashes them (`create_hashed_notebook`);
- the environment: the Python version, requirements.txt, the kernel's spec, the execution settings
  (timeout, allow_errors, working folder), every `TROOPS_DEBATE_*` variable but the data folder's
  location, the names of every file under the data folder, and this keying's version;
- what the chapter read the last time it ran, recorded inside its kernel (`kernel_deps.py`): every
  file it opened (the data files, the article texts), every folder it listed, and the source of every
  package module it imported, each by the SHA-256 of what it held when the chapter read it. Paths are
  kept from their base (`data:stances.csv`, `package:data/load.py`, `source:book/...`), so that a copy
  of the data (TROOPS_DEBATE_DATA) or of the sources with the same content has the same key.

Recording what a chapter read, rather than declaring it, means the list cannot fall behind the code:
a chapter that starts reading a new file does so because its code or a module it imports changed, and
either change re-executes it; the next run then records the new file. The keys are kept in the cache
folder's `td-execution.json` (the Manifest), beside jupyter-cache's own files.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from ..paths import ROOT, data_dir

KEY_VERSION = 1
MANIFEST = "td-execution.json"
RECORDER = Path(__file__).with_name("kernel_deps.py")
VARIABLE_PREFIX = "TROOPS_DEBATE_"
LOCATION_VARIABLES = ("TROOPS_DEBATE_DATA",)  # recorded paths are written from the data folder instead
PACKAGE = Path(__file__).resolve().parent.parent
FORCE_VARIABLE = "TD_FORCE_EXECUTE"  # execute every chapter whatever its key (make book FORCE=1)
JOBS_VARIABLE = "TD_JOBS"  # how many chapters execute at once (make book JOBS=N)


@dataclass(frozen=True)
class Settings:
    """How a chapter is executed: myst-nb's settings (`nb_execution_*`), which are part of the key."""
    timeout: int | None = 120
    allow_errors: bool = False
    in_temp: bool = False


@dataclass
class Chapter:
    path: Path
    notebook: nbformat.NotebookNode
    settings: Settings = field(default_factory=Settings)


def forced() -> bool:
    return os.environ.get(FORCE_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def jobs() -> int:
    if os.environ.get(JOBS_VARIABLE, "").strip().isdigit():
        return max(1, int(os.environ[JOBS_VARIABLE]))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# ------------------------------------------------------------------ where things are


def bases(source: Path = ROOT) -> dict[str, Path]:
    """The folders recorded paths are written from, most specific first: the data folder (wherever
    TROOPS_DEBATE_DATA puts it), the package, the book's sources (wherever they are built from), the
    repository."""
    return {"data": data_dir(), "package": PACKAGE, "source": Path(source).resolve(), "root": ROOT}


def token(path: str | Path, where: dict[str, Path]) -> str:
    """A recorded path from its base ("data:stances.csv"), so that a copy of the data or of the sources
    with the same content has the same key; an absolute path if it is in none of them."""
    path = Path(path)
    for name, base in where.items():
        if path.is_relative_to(base):
            return f"{name}:{path.relative_to(base).as_posix()}"
    return str(path)


def located(name: str, where: dict[str, Path]) -> Path:
    base, sep, rest = name.partition(":")
    return where[base] / rest if sep and base in where else Path(name)


# ------------------------------------------------------------------ reading and hashing


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """A chapter as myst-nb and jupyter-cache read it (the Sphinx hook passes myst-nb's own reader)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        from myst_nb.core.read import read_myst_markdown_notebook
        return read_myst_markdown_notebook(text, add_source_map=True, path=str(path))
    return nbformat.reads(text, as_version=4)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | Path) -> str:
    try:
        return sha256(Path(path).read_bytes())
    except FileNotFoundError:
        return "absent"
    except IsADirectoryError:
        return "folder"


def folder_digest(path: str | Path) -> str:
    try:
        return sha256("\n".join(sorted(os.listdir(path))).encode())
    except FileNotFoundError:
        return "absent"
    except NotADirectoryError:
        return "file"


def code_hash(cache, notebook: nbformat.NotebookNode) -> str:
    """The notebook's code cells and kernelspec, as jupyter-cache hashes them to match a cached run."""
    return cache.create_hashed_notebook(notebook)[1]


@functools.lru_cache(maxsize=None)
def kernel_spec(name: str) -> dict:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return {"missing": name}
    return {"argv": spec.argv, "env": spec.env, "language": spec.language}


def environment(settings: Settings) -> dict:
    """The part of every chapter's key that is not the chapter's own: environment, settings, data listing.
    Where the data folder is (TROOPS_DEBATE_DATA) is not part of it: what the chapter read from it is."""
    data = data_dir()
    listing = sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) if data.is_dir() else []
    return {
        "key_version": KEY_VERSION,
        "python": sys.version,
        "requirements.txt": file_digest(ROOT / "requirements.txt"),
        "recorder": file_digest(RECORDER),
        "settings": asdict(settings),
        "variables": {k: v for k, v in sorted(os.environ.items())
                      if k.startswith(VARIABLE_PREFIX) and k not in LOCATION_VARIABLES},
        "data files": sha256("\n".join(listing).encode()),
    }


def own_inputs(chapter: Chapter, cache) -> dict:
    """The chapter's own part of the key, and the environment's, each by its hash."""
    kernel = chapter.notebook.metadata.get("kernelspec", {}).get("name", "")
    return {
        "code": code_hash(cache, chapter.notebook),
        "kernel": sha256(json.dumps(kernel_spec(kernel), sort_keys=True).encode()),
        "environment": {k: (v if isinstance(v, str) else sha256(json.dumps(v, sort_keys=True).encode()))
                        for k, v in environment(chapter.settings).items()},
    }


DEPENDENCIES = {"files": file_digest, "folders": folder_digest, "modules": file_digest}


def recorded_tokens(recorded: dict, where: dict[str, Path]) -> dict[str, dict[str, str]]:
    """What the kernel recorded (absolute paths, with the digest of what it read), written from their bases."""
    return {group: {token(path, where): digest for path, digest in sorted(recorded.get(group, {}).items())}
            for group in DEPENDENCIES}


def dependencies_now(recorded: dict[str, dict[str, str]], where: dict[str, Path]) -> dict[str, dict[str, str]]:
    """The digests the recorded files, folders and modules have now."""
    return {group: {name: digest(located(name, where)) for name in recorded.get(group, {})}
            for group, digest in DEPENDENCIES.items()}


def key_of(parts: dict) -> str:
    return sha256(json.dumps(parts, sort_keys=True).encode())


def changes(old: dict, new: dict) -> list[str]:
    """What differs between two sets of inputs, in words ("data:stances.csv changed")."""
    found = []
    if old.get("code") != new.get("code"):
        found.append("its code cells changed")
    if old.get("kernel") != new.get("kernel"):
        found.append("its kernel changed")
    for name, value in new.get("environment", {}).items():
        if old.get("environment", {}).get(name) != value:
            found.append(f"the environment's {name} changed")
    for group in DEPENDENCIES:
        for path, digest in new.get(group, {}).items():
            if old.get(group, {}).get(path) != digest:
                found.append(f"{path} changed" if digest != "absent" else f"{path} is gone")
    return found or ["its inputs changed"]


# ------------------------------------------------------------------ the manifest


class Manifest:
    """td-execution.json: for each chapter (by its place in the sources) its key, the inputs it was made of,
    the jupyter-cache record of its outputs, the id of the execution and how long it took."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            data = {}
        self.chapters: dict[str, dict] = data.get("chapters", {}) if data.get("version") == KEY_VERSION else {}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": KEY_VERSION, "chapters": self.chapters}, indent=1, sort_keys=True),
                       encoding="utf-8")
        tmp.replace(self.path)


def stale_reasons(chapter: Chapter, entry: dict | None, cache, where: dict[str, Path]) -> list[str]:
    """Why the chapter must be executed; [] if its cached outputs are current."""
    if entry is None:
        return ["it has not been executed into this cache"]
    before = entry.get("inputs", {})
    now = {**own_inputs(chapter, cache), **dependencies_now(before, where)}
    if key_of(now) != entry.get("key"):
        return changes(before, now)
    try:
        record = cache.match_cache_notebook(chapter.notebook)
    except KeyError:
        return ["its outputs are no longer in the cache"]
    if record.pk != entry.get("record"):
        return ["its cached outputs were replaced"]
    return []

