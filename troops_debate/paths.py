"""Where things are. The data folder can be pointed elsewhere (tests build the book
from a modified copy of the data) with the TROOPS_DEBATE_DATA environment variable."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("TROOPS_DEBATE_DATA", ROOT / "data")).resolve()


def articles_dir() -> Path:
    return data_dir() / "articles"
