"""`make pdf`: the book as a printed report, from the same sources and data as the HTML book.

Route: Jupyter Book's `singlehtml` builder writes the whole book, in `_toc.yml` order, as one page
(internal references, figure numbers and citations then point inside that page). document.py turns that
page into a print document; printing.py prints it in Debian's Chromium through Playwright, offline.
The PDF is printed again only when the print document or the static files it loads changed (their digest is
kept beside the PDF). Without Chromium (at $CHROMIUM, default /usr/bin/chromium) there is no PDF edition, and
the HTML book does not offer one.

    python -m troops_debate pdf [--single DIR] [--output FILE]
"""
from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from ..digest import files_digest
from ..paths import ROOT
from .document import ABOUT, PRINT_PAGE, SUBTITLE, print_document  # noqa: F401  (ABOUT, SUBTITLE: the tests)

SINGLE = ROOT / "_build" / "singlehtml"
PDF_NAME = "european-troops-for-ukraine.pdf"
OUTPUT = ROOT / "_build" / "pdf" / PDF_NAME
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HOW_TO_GET_IT = "apt-get install chromium poppler-utils, then make pdf"


def can_print() -> bool:
    """Whether the PDF edition can be made here: Chromium at CHROMIUM."""
    return os.access(CHROMIUM, os.X_OK)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m troops_debate pdf")
    parser.add_argument("--single", type=Path, default=SINGLE, help="the singlehtml build to print")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not can_print():
        print(f"pdf: no Chromium at {CHROMIUM}: the PDF edition cannot be made ({HOW_TO_GET_IT})")
        return 1
    from .printing import print_pdf
    document, entries = print_document(args.single)
    source = args.output.with_name(f".{args.output.name}.source")  # what the PDF was printed from
    digest = files_digest(document, args.single / "_static").hexdigest()
    made = not (args.output.exists() and source.exists() and source.read_text(encoding="utf-8") == digest)
    if made:
        print_pdf(document, entries, args.output, CHROMIUM)
        source.write_text(digest, encoding="utf-8")
    html = args.single.parent / "html"
    if html.is_dir():  # the HTML book links to the PDF from its opening page
        shutil.copy(args.output, html / PDF_NAME)
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"pdf: {'wrote' if made else 'kept, the print page being unchanged,'} {shown} "
          f"({args.output.stat().st_size / 1e6:.1f} MB)")
    return 0
