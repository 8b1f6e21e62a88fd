"""A digest of files by name and content: what the build keys its outputs on (the chapters' cache and the
static files made from the data: sphinx/execution.py; the PDF: pdf/)."""
from __future__ import annotations

import hashlib
from pathlib import Path


def files_digest(*bases: Path) -> "hashlib._Hash":
    """SHA-256 over every file under each base (or the base itself, a file), by name and content; a base that
    does not exist counts as empty. Python's byte-code caches are left out."""
    digest = hashlib.sha256()
    for number, base in enumerate(Path(b) for b in bases):
        files = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(f"{number}:{path.relative_to(base).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest
