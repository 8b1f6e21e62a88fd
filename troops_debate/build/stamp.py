"""An output made again only when its inputs change: a digest of the input files kept beside the output.

Used for the data downloads the Sphinx extension writes on every build (`sphinx_ext.write_downloads`:
the data files, and tables derived from them, one of which is bootstrapped): their inputs are the data
folder, the package and requirements.txt. The digest file's name starts with a dot, so Sphinx does not
publish it with the static files. A forced build (TD_FORCE_EXECUTE=1) makes the output again.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from .cache_key import forced


def digest(inputs: Iterable[Path]) -> str:
    """SHA-256 over every file of the inputs (a file, or every file under a folder), by name and content."""
    h = hashlib.sha256()
    for number, base in enumerate(Path(p) for p in inputs):
        files = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if base.is_dir() else []
        for path in files:
            h.update(f"{number}:{path.relative_to(base).as_posix() if path != base else ''}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class Stamp:
    def __init__(self, output: Path, inputs: Iterable[Path]):
        self.output = Path(output)
        self.file = self.output.parent / f".{self.output.name}.inputs"
        self.value = digest(inputs)

    def fresh(self) -> bool:
        """The output exists and was made from inputs with the same content (and no forced build)."""
        return (not forced() and self.output.exists() and self.file.exists()
                and self.file.read_text(encoding="utf-8") == self.value)

    def write(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_text(self.value, encoding="utf-8")
