"""Intercoder agreement: the two independent codings of the record, compared with Krippendorff's alpha.

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

from functools import lru_cache

import krippendorff
import numpy as np
import pandas as pd

from ..paths import data_dir
from .coding import CODINGS, RED_LINE_VARIABLES, STANCE_VARIABLES, VARIABLES, Variable, coded_pair, disagreements, \
    load_coding
from .load import load_red_lines, load_stances


BOOTSTRAP_SAMPLES = 2000
SEED = 20261201
RELIABLE, TENTATIVE = 0.800, 0.667  # Krippendorff's thresholds for drawing conclusions


def ranks(pair: pd.DataFrame, variable: Variable) -> np.ndarray:
    """The two coders' labels (rows) as their places on the variable's scale; labels off it are NaN."""
    rank = {code: float(i) for i, code in enumerate(variable.scale)}
    return np.array([[rank.get(v, np.nan) for v in pair[c]] for c in ("coder1", "coder2")])


def _alpha(data: np.ndarray, variable: Variable) -> float:
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=variable.level,
                                    value_domain=[float(i) for i in range(len(variable.scale))]))


def alpha(pair: pd.DataFrame, variable: Variable) -> float:
    """Krippendorff's alpha of two coders' labels (rows: items), labels off the scale counted as missing."""
    return _alpha(ranks(pair, variable), variable)


def bootstrap_interval(pair: pd.DataFrame, variable: Variable, samples: int = BOOTSTRAP_SAMPLES,
                       seed: int = SEED) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of alpha over item resamples (resamples with fewer than two labels
    of the scale are skipped). The items are resampled as columns of the rank array, not as table rows."""
    rng = np.random.Generator(np.random.PCG64(seed))
    data, values = ranks(pair, variable), []
    for _ in range(samples):
        sample = data[:, rng.integers(0, len(pair), len(pair))]
        if len(np.unique(sample[~np.isnan(sample)])) < 2:
            continue
        values.append(_alpha(sample, variable))
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
        pair = coded_pair(variable)
        on_scale = pair[pair["coder1"].isin(variable.scale) & pair["coder2"].isin(variable.scale)]
        value = alpha(pair, variable)
        low, high = bootstrap_interval(pair, variable)
        rows.append({"variable": variable.label, "level": variable.level, "items": len(on_scale),
                     "agreed": int((on_scale["coder1"] == on_scale["coder2"]).sum()),
                     "alpha": round(value, 3), "low": round(low, 3), "high": round(high, 3),
                     "verdict": verdict(value)})
    return pd.DataFrame(rows)


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


