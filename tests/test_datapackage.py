"""data/datapackage.json describes every CSV, Frictionless validates the files against it,
and it (like the tables in data/README.md) is in step with the schemas the loaders enforce."""
from __future__ import annotations

import json
import shutil

import frictionless

from troops_debate.data import docs as datadoc
from troops_debate.paths import ROOT

DATA = ROOT / "data"


def test_datapackage_is_in_step_with_the_schemas():
    committed = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == datadoc.datapackage(), "`make book` rewrites it from the declarations"


def test_readme_tables_are_in_step_with_the_schemas():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert datadoc.BEGIN in readme and datadoc.END in readme
    assert readme == datadoc.readme_with_tables(readme), "`make book` rewrites them from the declarations"


def test_every_csv_is_a_resource_with_a_licence():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    csvs = {p.relative_to(DATA).as_posix() for p in [*DATA.glob("*.csv"), *DATA.glob("coding/*.csv")]}
    assert {r["path"] for r in package["resources"]} == csvs
    assert package["licenses"] and all(r["schema"]["fields"] for r in package["resources"])


def test_every_file_and_column_is_described():
    for name, schema in datadoc.FILED.items():
        assert len(schema.description.split()) >= 5, name
        undescribed = [c.name for c in schema.columns if not c.description.strip()]
        assert not undescribed, f"{name}: columns without a description: {undescribed}"


def test_frictionless_validates_the_data_against_the_package():
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_frictionless_catches_a_label_outside_the_codebook(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "stances.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",cool,", ",lukewarm,", 1), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any(e[1] == "stance" for e in report.flatten(["rowNumber", "fieldName"]))


def test_the_bibliography_is_written_from_the_data_and_reads_back(tmp_path):
    from pybtex.database import parse_string

    from troops_debate.data import bibliography
    target = tmp_path / "references.bib"
    assert bibliography.write_bibliography(target) is True and bibliography.write_bibliography(target) is False
    entries = parse_string(target.read_text(encoding="utf-8"), "bibtex").entries
    assert set(entries) == set(bibliography.bibliography().entries)
    for entry in entries.values():  # addresses stay as written (no LaTeX escapes), other fields escaped
        assert "\\" not in entry.fields.get("url", "")


def test_every_source_address_in_the_data_has_a_bibliography_entry():
    import troops_debate as td
    from troops_debate.data.bibliography import bibtex
    bib = bibtex()
    urls = set(td.load_stances().source_url) - {""}
    urls |= {u for v in td.load_red_lines().sources for u in v}
    missing = [u for u in sorted(urls) if f"url = {{{u}}}" not in bib]
    assert not missing, f"addresses without a bibliography entry: {missing}"
    for article_id in td.load_articles().article_id:
        assert f"{{{article_id}," in bib


def _bibliography():
    from pybtex.database import parse_string

    from troops_debate.data.bibliography import bibtex
    return parse_string(bibtex(), "bibtex").entries


def _page_dates() -> dict[str, str]:
    """Each cited address with the page's own date as the data records it ('' = unknown)."""
    import troops_debate as td
    dates: dict[str, str] = {}
    for row in td.load_stances().itertuples():
        if row.source_url:
            dates[row.source_url] = dates.get(row.source_url) or row.source_date
    for row in td.load_red_lines().itertuples():
        for url, page_date in zip(row.sources, row.source_dates or ("",) * len(row.sources)):
            dates[url] = dates.get(url) or page_date
    for row in td.load_articles().itertuples():
        for url in row.metadata_sources:
            dates.setdefault(url, "")
    return dates


def test_every_entry_is_dated_by_its_page_not_by_the_event():
    dates = _page_dates()
    entries = _bibliography()
    wrong = []
    for key, entry in entries.items():
        if entry.type != "misc":
            continue
        page_date = dates[entry.fields["url"]]
        expected = page_date[:4] if page_date else "n.d."
        if entry.fields["year"] != expected:
            wrong.append(f"{key} {entry.fields['url']}: year {entry.fields['year']}, page dated {page_date or 'unknown'}")
    assert not wrong, "\n".join(wrong)


def test_the_articles_are_dated_by_their_date_window():
    import troops_debate as td
    entries = _bibliography()
    for row in td.load_articles().itertuples():
        assert entries[row.article_id].fields["year"] in {row.date_earliest[:4], row.date_latest[:4], "n.d."}


def test_no_two_entries_share_an_address():
    urls = [entry.fields["url"] for entry in _bibliography().values() if "url" in entry.fields]
    assert len(urls) == len(set(urls)), sorted({u for u in urls if urls.count(u) > 1})


def test_the_bibliography_round_trips_through_pybtex():
    """What pybtex reads back is the data: the addresses unchanged, the outlets and titles whole."""
    for entry in _bibliography().values():
        url = entry.fields.get("url", "")
        assert "\\" not in url and "{" not in url, url
        assert entry.persons.get("author"), entry.key

