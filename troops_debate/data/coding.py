"""The coding files of the reliability study (data/coding/): two coders' labels for every row of the
record, and the resolution of every disagreement. Declared, loaded and checked like the other files.

- `stances_coder1.csv`, `red_lines_coder1.csv`: the first coder's labels, frozen as they stood when
  the two codings were compared;
- `stances_coder2.csv`, `red_lines_coder2.csv`: the second coder's labels, made blind to the first
  from the codebook, the quote and the source alone (`instructions.md` is what that coder was given);
- `resolutions.csv`: every disagreement, with the label the record now carries and why.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..paths import data_dir
from . import codebooks as cb
from .errors import DataError, Problem, display_path
from .load import _cached, load_red_lines, load_stances, typed
from .read import check, read_rows
from .schema import Column, Schema

STANCE_SCALE = tuple(code for code in cb.STANCES.codes if code != "not_stated")


def _coding_schema(file: str, key: str, variables: dict[str, cb.Codebook], coder: int,
                   optional: tuple[str, ...] = ()) -> Schema:
    columns = [Column(key, description="The row of the record coded.", pattern=r"[a-z]+\d+")]
    columns += [Column(name, "enum", f"Coder {coder}'s label (codebook).", codebook=book,
                       required=name not in optional) for name, book in variables.items()]
    return Schema(file, f"Coder {coder}'s labels for every row of {key.split('_')[0]} records.",
                  (*columns, Column("note", description="The coder's reasons.")), key)


STANCE_VARIABLES = {"stance": cb.STANCES, "stance_runner_up": cb.STANCES, "own_troops": cb.OWN_TROOPS,
                    "question": cb.QUESTIONS}
RED_LINE_VARIABLES = {"response_category": cb.RESPONSES}
CODINGS = {
    ("stances", coder): _coding_schema(f"coding/stances_coder{coder}.csv", "stance_id", STANCE_VARIABLES, coder,
                                       optional=("stance_runner_up",))
    for coder in (1, 2)
} | {
    ("red_lines", coder): _coding_schema(f"coding/red_lines_coder{coder}.csv", "event_id", RED_LINE_VARIABLES, coder)
    for coder in (1, 2)
}
@dataclass(frozen=True)
class Variable:
    name: str        # column in the coding files
    record: str      # 'stances' or 'red_lines'
    level: str       # 'ordinal' or 'nominal'
    scale: tuple[str, ...]
    label: str       # as the method appendix's table names it
    phrase: str = ""  # as a sentence names it


VARIABLES = (
    Variable("stance", "stances", "ordinal", STANCE_SCALE, "Stance (ordinal scale)", "the stance scale"),
    Variable("stance", "stances", "nominal", cb.STANCES.codes, "Stance (nominal, all labels)"),
    Variable("own_troops", "stances", "nominal", cb.OWN_TROOPS.codes, "Own troops", "own troops"),
    Variable("question", "stances", "nominal", cb.QUESTIONS.codes, "Question (timing)", "the timing question"),
    Variable("response_category", "red_lines", "nominal", cb.RESPONSES.codes, "Russian response",
             "the Russian response"),
)


RESOLUTIONS = Schema("coding/resolutions.csv", "Every disagreement between the coders, with the label the record "
                     "now carries and why.", (
    Column("resolution_id", description="Stable id rNN.", pattern=r"r\d{2,}"),
    Column("item_id", description="The row of the record.", pattern=r"[a-z]+\d+"),
    Column("variable", "enum", "The variable the coders labelled differently.",
           allowed=tuple(dict.fromkeys(v.name for v in VARIABLES))),
    Column("coder1", description="The first coder's label."), Column("coder2", description="The second coder's label."),
    Column("resolved", description="The label the record carries."),
    Column("reason", description="Why.")), "resolution_id")
CODING_SCHEMAS = {s.file: s for s in (*CODINGS.values(), RESOLUTIONS)}


@_cached
def load_coding(record: str, coder: int) -> pd.DataFrame:
    """One coder's labels for 'stances' or 'red_lines', checked against the codebook and the record's ids (read
    once per state of the data folder, as the record's loaders are; a copy for each caller)."""
    schema = CODINGS[(record, coder)]
    frame = typed(check(data_dir() / schema.file, schema, CODING_SCHEMAS), schema)
    ids = set((load_stances() if record == "stances" else load_red_lines())[schema.key])
    coded = set(frame[schema.key])
    problems = [Problem(display_path(data_dir() / schema.file), 1, schema.key, message)
                for message in ([f"no such row in the record: {', '.join(sorted(coded - ids))}"] if coded - ids else [])
                + ([f"rows of the record left uncoded: {', '.join(sorted(ids - coded))}"] if ids - coded else [])]
    if problems:
        raise DataError(problems)
    return frame.set_index(schema.key).sort_index()


@_cached
def load_resolutions() -> pd.DataFrame:
    return typed(check(data_dir() / RESOLUTIONS.file, RESOLUTIONS, CODING_SCHEMAS), RESOLUTIONS)


def coded_pair(variable: Variable) -> pd.DataFrame:
    first, second = load_coding(variable.record, 1), load_coding(variable.record, 2)
    # labels as text, a missing optional label as '' (two coders who both leave it empty agree)
    return pd.DataFrame({"coder1": first[variable.name], "coder2": second[variable.name]}).astype(object).fillna("")


def disagreements() -> pd.DataFrame:
    """Every item and variable the two coders labelled differently, with its resolution."""
    rows = []
    for variable in VARIABLES:
        if variable.level == "ordinal":
            continue  # the stance is compared once, over all its labels
        pair = coded_pair(variable)
        for item, (a, b) in pair[pair["coder1"] != pair["coder2"]].iterrows():
            rows.append({"item_id": item, "variable": variable.name, "coder1": a, "coder2": b})
    frame = pd.DataFrame(rows, columns=["item_id", "variable", "coder1", "coder2"])
    resolved = load_resolutions().drop(columns="resolution_id")
    return frame.merge(resolved, on=["item_id", "variable", "coder1", "coder2"], how="left")


def check_resolutions() -> list[Problem]:
    """Every disagreement is resolved once, and no resolution stands for an agreement."""
    file = display_path(data_dir() / RESOLUTIONS.file)
    found = disagreements()
    problems = [Problem(file, 1, "resolved", f"no resolution for {r.item_id} {r.variable} "
                        f"({r.coder1} / {r.coder2})") for r in found.itertuples() if pd.isna(r.resolved)]
    keys = set(zip(found["item_id"], found["variable"]))
    for line, row in read_rows(data_dir() / RESOLUTIONS.file)[1]:
        if (row["item_id"], row["variable"]) not in keys:
            problems.append(Problem(file, line, "item_id", f"{row['item_id']} {row['variable']}: the coders agree; "
                                    "no resolution is needed"))
    return problems


def check_runners_up() -> list[Problem]:
    """A resolution that keeps one coder's stance over the other's leaves the other as the row's runner-up
    (the tie rule: when two labels fit, the one not chosen is recorded). A row recoded since (its stance is no
    longer the resolved one) is not held to it."""
    record = load_stances().set_index("stance_id")
    lines = {row["stance_id"]: line for line, row in read_rows(data_dir() / "stances.csv")[1]}
    file = display_path(data_dir() / "stances.csv")
    problems = []
    for r in load_resolutions().itertuples():
        if r.variable != "stance" or r.item_id not in record.index or r.resolved not in (r.coder1, r.coder2):
            continue
        row = record.loc[r.item_id]
        other = r.coder2 if r.resolved == r.coder1 else r.coder1
        if row["stance"] == r.resolved and row["stance_runner_up"] != other:
            got = row["stance_runner_up"] if isinstance(row["stance_runner_up"], str) else "empty"
            problems.append(Problem(file, lines.get(r.item_id), "stance_runner_up",
                                    f"resolution {r.resolution_id} kept {r.resolved!r} over {other!r}: record "
                                    f"{other!r} as the runner-up, got {got!r}"))
    return problems


def coding_problems() -> list[Problem]:
    """Every problem in the coding files, and in how the record follows them (empty when sound)."""
    found: list[Problem] = []
    for record, coder in CODINGS:
        try:
            load_coding(record, coder)
        except DataError as err:
            found.extend(err.problems)
    try:
        load_resolutions()
    except DataError as err:
        found.extend(err.problems)
    return found or check_resolutions() or check_runners_up()
