"""Intercoder agreement: two independent codings of the record, compared with Krippendorff's alpha.

The files (data/coding/):
- `stances_coder1.csv`, `red_lines_coder1.csv`: the first coder's labels, frozen as they stood when
  the two codings were compared;
- `stances_coder2.csv`, `red_lines_coder2.csv`: the second coder's labels, made blind to the first
  from the codebook, the quote and the source alone (`instructions.md` is what that coder was given);
- `resolutions.csv`: every disagreement, with the label the record now carries and why.

Alpha comes from the maintained `krippendorff` package; its 95 % interval from a bootstrap over
items (resampled with replacement, fixed seed, so a rebuild gives the same interval). The stance
is ordinal on the codebook's scale (`not_stated` is off the scale and counts as missing there; a
nominal alpha over all labels is reported beside it); the other variables are nominal.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import krippendorff
import numpy as np
import pandas as pd

from . import codebooks as cb
from .io import Column, DataError, Problem, Schema, _frame, data_dir, display_path, load_red_lines, \
    load_stances, validate

BOOTSTRAP_SAMPLES = 2000
SEED = 20261201
RELIABLE, TENTATIVE = 0.800, 0.667  # Krippendorff's thresholds for drawing conclusions

STANCE_SCALE = tuple(code for code in cb.codes(cb.STANCES) if code != "not_stated")


def _coding_schema(file: str, key: str, variables: dict[str, tuple[str, ...]], optional: tuple[str, ...] = ()
                   ) -> Schema:
    columns = [Column(key, pattern=r"[a-z]+\d+")]
    columns += [Column(name, "enum", allowed=allowed, required=name not in optional)
                for name, allowed in variables.items()]
    return Schema(file, (*columns, Column("note")), key)


STANCE_VARIABLES = {"stance": cb.codes(cb.STANCES), "stance_runner_up": cb.codes(cb.STANCES),
                    "own_troops": cb.codes(cb.OWN_TROOPS), "question": cb.codes(cb.QUESTIONS)}
RED_LINE_VARIABLES = {"response_category": cb.codes(cb.RESPONSES)}
CODINGS = {
    ("stances", coder): _coding_schema(f"coding/stances_coder{coder}.csv", "stance_id", STANCE_VARIABLES,
                                       optional=("stance_runner_up",))
    for coder in (1, 2)
} | {
    ("red_lines", coder): _coding_schema(f"coding/red_lines_coder{coder}.csv", "event_id", RED_LINE_VARIABLES)
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
    Variable("stance", "stances", "nominal", cb.codes(cb.STANCES), "Stance (nominal, all labels)"),
    Variable("own_troops", "stances", "nominal", cb.codes(cb.OWN_TROOPS), "Own troops", "own troops"),
    Variable("question", "stances", "nominal", cb.codes(cb.QUESTIONS), "Question (timing)", "the timing question"),
    Variable("response_category", "red_lines", "nominal", cb.codes(cb.RESPONSES), "Russian response",
             "the Russian response"),
)


RESOLUTIONS = Schema("coding/resolutions.csv", (
    Column("resolution_id", pattern=r"r\d{2,}"), Column("item_id", pattern=r"[a-z]+\d+"),
    Column("variable", "enum", allowed=tuple(dict.fromkeys(v.name for v in VARIABLES))),
    Column("coder1"), Column("coder2"), Column("resolved"), Column("reason")), "resolution_id")


def load_coding(record: str, coder: int) -> pd.DataFrame:
    """One coder's labels for 'stances' or 'red_lines', checked against the codebook and the record's ids."""
    schema = CODINGS[(record, coder)]
    frame = _frame(validate(data_dir() / schema.file, schema), schema)
    ids = set((load_stances() if record == "stances" else load_red_lines())[schema.key])
    coded = set(frame[schema.key])
    problems = [Problem(display_path(data_dir() / schema.file), None, schema.key, message)
                for message in ([f"no such row in the record: {', '.join(sorted(coded - ids))}"] if coded - ids else [])
                + ([f"rows of the record left uncoded: {', '.join(sorted(ids - coded))}"] if ids - coded else [])]
    if problems:
        raise DataError(problems)
    return frame.set_index(schema.key).sort_index()


def load_resolutions() -> pd.DataFrame:
    return _frame(validate(data_dir() / RESOLUTIONS.file, RESOLUTIONS), RESOLUTIONS)


def _pair(variable: Variable) -> pd.DataFrame:
    first, second = load_coding(variable.record, 1), load_coding(variable.record, 2)
    return pd.DataFrame({"coder1": first[variable.name], "coder2": second[variable.name]})


def alpha(pair: pd.DataFrame, variable: Variable) -> float:
    """Krippendorff's alpha of two coders' labels (rows: items), labels off the scale counted as missing."""
    rank = {code: float(i) for i, code in enumerate(variable.scale)}
    data = np.array([[rank.get(v, np.nan) for v in pair[c]] for c in ("coder1", "coder2")])
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=variable.level,
                                    value_domain=list(rank.values())))


def bootstrap_interval(pair: pd.DataFrame, variable: Variable, samples: int = BOOTSTRAP_SAMPLES,
                       seed: int = SEED) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of alpha over item resamples (resamples with one label only are skipped)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    values = []
    for _ in range(samples):
        sample = pair.iloc[rng.integers(0, len(pair), len(pair))]
        labels = set(sample["coder1"]) | set(sample["coder2"])
        if len(labels & set(variable.scale)) < 2:
            continue
        values.append(alpha(sample, variable))
    low, high = np.nanpercentile(values, [2.5, 97.5])
    return float(low), float(high)


def verdict(value: float) -> str:
    if value >= RELIABLE:
        return "reliable"
    if value >= TENTATIVE:
        return "tentative"
    return "below the threshold for conclusions"


def agreement_table() -> pd.DataFrame:
    """Per variable: level, items compared, items agreed, alpha, its 95 % interval and the verdict
    (computed once per state of the files in a process: the bootstrap is the slow part)."""
    files = [data_dir() / schema.file for schema in CODINGS.values()]
    files += [data_dir() / "stances.csv", data_dir() / "red_lines.csv"]
    state = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    return _agreement_table(state).copy()


@lru_cache(maxsize=4)
def _agreement_table(state: tuple) -> pd.DataFrame:
    rows = []
    for variable in VARIABLES:
        pair = _pair(variable)
        on_scale = pair[pair["coder1"].isin(variable.scale) & pair["coder2"].isin(variable.scale)]
        value = alpha(pair, variable)
        low, high = bootstrap_interval(pair, variable)
        rows.append({"variable": variable.label, "level": variable.level, "items": len(on_scale),
                     "agreed": int((on_scale["coder1"] == on_scale["coder2"]).sum()),
                     "alpha": round(value, 3), "low": round(low, 3), "high": round(high, 3),
                     "verdict": verdict(value)})
    return pd.DataFrame(rows)


def disagreements() -> pd.DataFrame:
    """Every item and variable the two coders labelled differently, with its resolution."""
    rows = []
    for variable in VARIABLES:
        if variable.level == "ordinal":
            continue  # the stance is compared once, over all its labels
        pair = _pair(variable)
        for item, (a, b) in pair[pair["coder1"] != pair["coder2"]].iterrows():
            rows.append({"item_id": item, "variable": variable.name, "coder1": a, "coder2": b})
    frame = pd.DataFrame(rows, columns=["item_id", "variable", "coder1", "coder2"])
    resolved = load_resolutions().drop(columns="resolution_id")
    return frame.merge(resolved, on=["item_id", "variable", "coder1", "coder2"], how="left")


def check_resolutions() -> list[Problem]:
    """Every disagreement is resolved once, and no resolution stands for an agreement."""
    file = display_path(data_dir() / RESOLUTIONS.file)
    found = disagreements()
    problems = [Problem(file, None, "resolved", f"no resolution for {r.item_id} {r.variable} "
                        f"({r.coder1} / {r.coder2})") for r in found.itertuples() if pd.isna(r.resolved)]
    keys = set(zip(found["item_id"], found["variable"]))
    for line, row in enumerate(load_resolutions().itertuples(), start=2):
        if (row.item_id, row.variable) not in keys:
            problems.append(Problem(file, line, "item_id", f"{row.item_id} {row.variable}: the coders agree; "
                                    "no resolution is needed"))
    return problems


def recoded_since() -> pd.DataFrame:
    """Labels in the record that differ from the outcome of the study (the coders' common label, or the
    resolution): rows recoded after the second coding. The method appendix lists them."""
    final = disagreements().set_index(["item_id", "variable"])["resolved"].to_dict()
    rows = []
    for record, frame in (("stances", load_stances().set_index("stance_id")),
                          ("red_lines", load_red_lines().set_index("event_id"))):
        first = load_coding(record, 1)
        variables = [v for v in (STANCE_VARIABLES if record == "stances" else RED_LINE_VARIABLES)
                     if v != "stance_runner_up"]
        for item in first.index:
            for name in variables:
                study = final.get((item, name), first.at[item, name])
                if isinstance(study, str) and frame.at[item, name] != study:
                    rows.append({"item_id": item, "variable": name, "study": study, "record": frame.at[item, name]})
    return pd.DataFrame(rows, columns=["item_id", "variable", "study", "record"])


def problems() -> list[Problem]:
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
    return found or check_resolutions()
