"""Runs inside a chapter's kernel, before its first cell: notes what the chapter depends on.

`execution.py` starts each kernel with this file loaded through `runpy.run_path` (an IPython
`exec_lines` entry), so it leaves no name in the notebook's namespace and takes no execution count.
An audit hook (PEP 578) notes every file the chapter's code opens for reading and every folder it
lists, each with the SHA-256 of what it held at that moment (its bytes; a folder's sorted names), so
that a file edited while the chapter runs is not taken for the version it read; after each cell the
notes are written as JSON to `OUTPUT` (given in `init_globals`), with the source file and digest of
every module imported from outside the Python environment (the package's modules).

Left out: files of the Python environment itself (under sys.prefix: the environment is keyed by
requirements.txt and the Python version), /proc, /sys and /dev, and what the import system opens
and lists (imported modules are taken from sys.modules instead). Files written are not inputs.
Nor are the reads of `data.load.data_key`, which hashes every data file to learn whether the data
was validated (the validation stamp) and marks them with the audit event HASHING_EVENT: what a
loader then reads to build its table is recorded as usual.
This file imports only the standard library, and nothing from the package, so that every package
module the chapter uses is imported by the chapter's own cells, under the hook.
"""
import hashlib
import json
import os
import sys

HASHING_EVENT = "troops_debate.hash_data"  # raised by troops_debate.data.load.data_key (begin, end)


def _install(output: str) -> None:
    prefixes = {os.path.join(os.path.realpath(p), "") for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    ignored = tuple(sorted(prefixes | {"/proc/", "/sys/", "/dev/"}))
    files: dict[str, str] = {}
    folders: dict[str, str] = {}
    modules: dict[str, str] = {}
    seen_modules: set[str] = set()
    busy = [False]  # set while the hook itself reads, or the notes are written
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def file_digest(path: str) -> str:  # as execution.file_digest
        try:
            with open(path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
        except FileNotFoundError:
            return "absent"
        except IsADirectoryError:
            return "folder"

    def folder_digest(path: str) -> str:  # as execution.folder_digest
        try:
            return hashlib.sha256("\n".join(sorted(os.listdir(path))).encode()).hexdigest()
        except FileNotFoundError:
            return "absent"
        except NotADirectoryError:
            return "file"

    def wanted(path: str) -> bool:
        return not path.startswith(ignored) and not path.endswith((".pyc", ".pyo"))

    import importlib
    import pkgutil
    import_system = ("<frozen importlib", os.path.join(os.path.dirname(importlib.__file__), ""), pkgutil.__file__)

    def from_import_system() -> bool:
        """The import system, importlib.metadata (which lists every folder on sys.path) and pkgutil (which
        lists every folder on sys.path and each of their subfolders, to find plugins: Frictionless does)."""
        frame = sys._getframe(2)  # 0: this function, 1: the hook, 2: whoever opened or listed
        return frame is not None and frame.f_code.co_filename.startswith(import_system)

    hashing = [0]  # inside troops_debate.data.load.data_key: reads that only hash the data, not inputs

    def hook(event: str, args: tuple) -> None:
        if event == HASHING_EVENT:
            hashing[0] += 1 if args and args[0] == "begin" else -1
            return
        if busy[0] or hashing[0] > 0 or event not in ("open", "os.listdir", "os.scandir"):
            return
        try:
            path = args[0]
            if path is None and event != "open":
                path = "."
            if isinstance(path, int) or path is None:  # a file descriptor: opened before, or not a path
                return
            path = os.fsdecode(path)
            if path.startswith("<"):  # a pseudo-file name ("<unknown>", "<string>"), not a file
                return
            if event == "open":
                mode, flags = args[1], args[2]
                if (mode is not None and any(c in mode for c in "wax+")) or (mode is None and flags & write_flags):
                    return
            if from_import_system():
                return
            path = os.path.realpath(path)
            notes = files if event == "open" else folders
            if path not in notes and wanted(path):
                busy[0] = True
                try:
                    notes[path] = (file_digest if event == "open" else folder_digest)(path)
                finally:
                    busy[0] = False
        except Exception:  # an audit hook must never make the chapter's own code fail
            pass

    def dump(*_args) -> None:
        busy[0] = True
        try:
            for module in list(sys.modules.values()):
                source = getattr(module, "__file__", None)
                if isinstance(source, str) and source.endswith(".py") and source not in seen_modules:
                    seen_modules.add(source)
                    source = os.path.realpath(source)
                    if source not in modules and wanted(source):
                        modules[source] = file_digest(source)
            notes = {"files": {p: d for p, d in files.items() if p not in modules}, "folders": folders,
                     "modules": modules}
            with open(output + ".tmp", "w", encoding="utf-8") as handle:
                json.dump(notes, handle, indent=1, sort_keys=True)
            os.replace(output + ".tmp", output)
        finally:
            busy[0] = False

    sys.addaudithook(hook)
    from IPython import get_ipython
    get_ipython().events.register("post_run_cell", dump)
    dump()


_install(OUTPUT)  # noqa: F821 (given by runpy.run_path's init_globals)
