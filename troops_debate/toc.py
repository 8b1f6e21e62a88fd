"""The book's table of contents, as the tests, the PDF edition and the benchmark read it: parsed by
sphinx-external-toc, the parser Jupyter Book itself uses for _toc.yml."""
from __future__ import annotations

from pathlib import Path

from sphinx_external_toc.parsing import parse_toc_yaml

from .paths import ROOT


def _site(toc: Path):
    return parse_toc_yaml(str(toc))


def toc_files(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document in the table of contents, root first, in reading order, as paths without suffix."""
    site, files = _site(toc), []

    def walk(name: str) -> None:
        files.append(name)
        for tree in site[name].subtrees:
            for item in tree.items:
                walk(str(item))
    walk(site.root.docname)
    return files


def executable_path(file: str, root: Path = ROOT) -> Path | None:
    """The notebook behind a document: its .ipynb, or its .md if myst-nb reads it as a MyST notebook."""
    from myst_nb.core.read import is_myst_markdown_notebook
    ipynb, md = root / f"{file}.ipynb", root / f"{file}.md"
    if ipynb.exists():
        return ipynb
    if md.exists() and is_myst_markdown_notebook(md.read_text(encoding="utf-8")):
        return md
    return None


APPENDIX_CAPTION = "The record"


def parts(toc: Path = ROOT / "_toc.yml") -> list[dict]:
    """The parts of the book as _toc.yml lists them: each with its caption and chapters."""
    site = _site(toc)
    return [{"caption": tree.caption, "chapters": [{"file": str(item)} for item in tree.items]}
            for tree in site.root.subtrees]


def reading_path(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """The opening page and every chapter outside the appendix part ("The record"), in order."""
    files = [toc_files(toc)[0]]
    for part in parts(toc):
        if part.get("caption") != APPENDIX_CAPTION:
            files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files
