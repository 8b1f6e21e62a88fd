"""CITATION.cff says how to cite the book and its data, with the book's title and authors and the licences
LICENSE gives (code and prose MIT, the curated data CC BY 4.0)."""
from __future__ import annotations

import yaml

from conftest import ROOT


def test_the_citation_file_names_the_book_its_data_and_their_licences():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["message"]
    assert cff["title"] == cff["preferred-citation"]["title"] == config["title"]
    assert cff["authors"] == cff["preferred-citation"]["authors"] == [{"name": config["author"]}]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert cff["license"] == cff["preferred-citation"]["license"] == "MIT" and licence.startswith("MIT License")
    data = [r for r in cff["references"] if r["type"] == "data"]
    assert len(data) == 1 and data[0]["license"] == "CC-BY-4.0" and "CC BY 4.0" in licence
