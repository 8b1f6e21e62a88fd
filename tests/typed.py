"""Made-up rows as the loaders would type them (ordered categoricals, parsed dates, tuples), for tests
that feed the chapter code small tables of their own."""
from __future__ import annotations

import pandas as pd

from troops_debate.data.load import typed
from troops_debate.data.schemas import SCHEMAS


def typed_table(file: str, rows: list[dict]) -> pd.DataFrame:
    """`rows` (any subset of the file's columns; the rest empty, ints 0) typed as the loader types `file`."""
    schema = SCHEMAS[file]
    empty = {c.name: "0" if c.kind == "int" else "" for c in schema.columns}
    frame = typed([(line, {**empty, **{k: str(v) for k, v in row.items()}}) for line, row in enumerate(rows, 2)],
                  schema)
    if file == "stances.csv":  # what load_stances adds from actors.csv and the article column
        frame["from_article"] = frame["article_id"] != ""
    return frame
