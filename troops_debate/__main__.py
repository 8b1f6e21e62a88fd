"""Command line.

    python -m troops_debate validate   check every data file (unless unchanged since the last check passed);
                                       list every problem; exit 1 if any
    python -m troops_debate notebooks [--output DIR] [CHAPTER ...]
                                       execute every chapter (or those named), in parallel, into executed
                                       notebooks in _build/notebooks/; exit 1 if a cell fails
    python -m troops_debate pdf        print the single-page build (_build/singlehtml) to _build/pdf/ (make pdf)
"""
from __future__ import annotations

import sys

from .data.coding import coding_problems
from .data.load import trust, trusted, validate_all


def main(argv: list[str]) -> int:
    if argv[1:2] == ["pdf"]:
        from .pdf import main as pdf
        return pdf(argv[2:])
    if argv[1:2] == ["notebooks"]:
        from .notebooks import main as notebooks
        return notebooks(argv[2:])
    if argv[1:] != ["validate"]:
        print("usage: python -m troops_debate validate|notebooks|pdf", file=sys.stderr)
        return 2
    if trusted():  # these exact files, with this data layer's code, passed every check before
        print("data: every file is valid (unchanged since the last check)")
        return 0
    problems = validate_all()
    problems += coding_problems() if not problems else []
    if problems:
        print(f"The data has {len(problems)} problem(s); the book is not built until they are fixed:",
              file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    trust()
    print("data: every file is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
