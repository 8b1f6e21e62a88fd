"""The book's table of contents, as the tests and the benchmark read it."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..paths import ROOT


def toc_files(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document in the table of contents, root first, as paths without suffix."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    files = [data["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk({k: v for k, v in data.items() if k != "root"})
    return files


def executable_path(file: str, root: Path = ROOT) -> Path | None:
    """The notebook behind a document: its .ipynb, or its .md if that is a MyST notebook (has a kernelspec)."""
    ipynb, md = root / f"{file}.ipynb", root / f"{file}.md"
    if ipynb.exists():
        return ipynb
    if md.exists():
        text = md.read_text(encoding="utf-8")
        if text.startswith("---") and "kernelspec:" in text.split("---")[1]:
            return md
    return None


APPENDIX_CAPTION = "The record"


def parts(toc: Path = ROOT / "_toc.yml") -> list[dict]:
    """The parts of the book as _toc.yml lists them: each with its caption and chapters."""
    return yaml.safe_load(toc.read_text(encoding="utf-8")).get("parts", [])


def reading_path(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """The opening page and every chapter outside the appendix part ("The record"), in order."""
    files = [toc_files(toc)[0]]
    for part in parts(toc):
        if part.get("caption") != APPENDIX_CAPTION:
            files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files
