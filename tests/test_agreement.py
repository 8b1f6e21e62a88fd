"""The second coding: the agreement figures come from the two coding files, the disagreements are all
resolved, and the record carries the resolved labels. Edits run on a copy of data/ (TROOPS_DEBATE_DATA)."""
from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import pytest

from conftest import ROOT
from troops_debate.data import agreement as ag
from troops_debate.data import coding
from troops_debate.data import load as td_io


@pytest.fixture
def data(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv("TROOPS_DEBATE_DATA", str(copy))
    yield copy
    for loader in td_io.LOADERS.values():
        loader.cache_clear()


def edit(path, key: str, item: str, column: str, value: str) -> None:
    raw = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(raw)))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index(key)] == item:
            row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    for loader in td_io.LOADERS.values():
        loader.cache_clear()


def score(variable: str) -> float:
    table = ag.agreement_table().set_index("variable")
    return table.loc[variable, "alpha"]


def test_alpha_matches_a_hand_computation():
    # units (a,a), (a,b), (b,b), (b,b): n = 8 values, n_a = 3, n_b = 5, two disagreeing pairs in the
    # coincidence matrix: alpha = 1 - (n - 1) * 2 / (2 * n_a * n_b) = 1 - 7 * 2 / 30
    pair = pd.DataFrame({"coder1": ["yes", "yes", "no", "no"], "coder2": ["yes", "no", "no", "no"]})
    variable = coding.Variable("own_troops", "stances", "nominal", ("yes", "no"), "test")
    assert ag.alpha(pair, variable) == pytest.approx(1 - 14 / 30)


def test_ordinal_alpha_weighs_distance_on_the_scale():
    variable = next(v for v in coding.VARIABLES if v.level == "ordinal")
    near = pd.DataFrame({"coder1": ["pushing", "open", "cool", "hostile"] * 3,
                         "coder2": ["willing", "open", "cool", "hostile"] * 3})
    far = near.assign(coder2=["hostile", "open", "cool", "hostile"] * 3)
    assert ag.alpha(near, variable) > ag.alpha(far, variable)


def test_not_stated_lies_off_the_ordinal_scale():
    variable = next(v for v in coding.VARIABLES if v.level == "ordinal")
    pair = pd.DataFrame({"coder1": ["pushing", "cool", "hostile", "open"],
                         "coder2": ["pushing", "cool", "hostile", "not_stated"]})
    assert ag.alpha(pair, variable) == pytest.approx(1.0)


def test_the_interval_brackets_alpha_and_is_reproducible():
    table = ag.agreement_table()
    assert (table["low"] <= table["alpha"]).all() and (table["alpha"] <= table["high"]).all()
    assert table.equals(ag.agreement_table())


def test_the_agreement_table_is_computed_from_the_coding_files(data):
    before = score("Own troops")
    first = coding.load_coding("stances", 1)
    # make the second coder agree with the first on every own-troops label: alpha becomes 1
    for item, label in first["own_troops"].items():
        edit(data / "coding" / "stances_coder2.csv", "stance_id", item, "own_troops", label)
    assert before < 1.0
    assert score("Own troops") == pytest.approx(1.0)


def test_a_new_disagreement_needs_a_resolution(data):
    assert coding.check_resolutions() == []
    first = coding.load_coding("red_lines", 1)
    agreed = next(i for i, v in first["response_category"].items() if v == "rhetorical")
    edit(data / "coding" / "red_lines_coder2.csv", "event_id", agreed, "response_category", "attack_on_nato")
    problems = coding.check_resolutions()
    assert any(agreed in p.message and "no resolution" in p.message for p in problems), problems


def test_a_row_recoded_after_the_study_is_listed_not_hidden(data):
    assert ag.recoded_since().empty
    resolved = coding.load_resolutions()
    row = resolved[resolved["item_id"].str.startswith("s") & (resolved["variable"] == "stance")].iloc[0]
    other = row["coder1"] if row["resolved"] != row["coder1"] else row["coder2"]
    edit(data / "stances.csv", "stance_id", row["item_id"], "stance", other)
    edit(data / "stances.csv", "stance_id", row["item_id"], "stance_runner_up", row["resolved"])
    listed = ag.recoded_since()
    assert listed.to_dict("records") == [{"item_id": row["item_id"], "variable": "stance",
                                          "study": row["resolved"], "record": other}]
    assert coding.check_resolutions() == []  # a recode is the analyst's right; the appendix reports it


def test_a_coding_file_must_cover_the_record(data):
    path = data / "coding" / "red_lines_coder2.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(td_io.DataError, match="left uncoded"):
        coding.load_coding("red_lines", 2)


def test_make_validate_stops_on_a_broken_coding_file(data):
    import subprocess
    import sys
    edit(data / "coding" / "stances_coder2.csv", "stance_id", "s001", "stance", "supportive")
    result = subprocess.run([sys.executable, "-m", "troops_debate", "validate"], capture_output=True, text=True,
                            env={**__import__("os").environ, "TROOPS_DEBATE_DATA": str(data)}, cwd=ROOT)
    assert result.returncode == 1
    assert "data/coding/stances_coder2.csv" in result.stderr or "coding/stances_coder2.csv" in result.stderr
    assert "supportive" in result.stderr
