"""A coded label and a codebook: the ordered labels of one coded variable."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Label:
    code: str
    name: str
    definition: str
    example: str = ""
    colour: str = "#888888"
    shape: str = "circle"


class Codebook(tuple):
    """A codebook: its labels in order (a tuple of `Label`), with what every user of it needs, once:
    the codes, a lookup by code, a label's rank, the pandas dtype the loaders give a coded column
    (ordered categories in the codebook's order) and the codebook as a table."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(label.code for label in self)

    @property
    def by_code(self) -> dict[str, Label]:
        return {label.code: label for label in self}

    def __getitem__(self, item):
        """A label by position or slice (as a tuple), or by its code."""
        if isinstance(item, str):
            return self.by_code[item]
        found = tuple.__getitem__(self, item)
        return Codebook(found) if isinstance(item, slice) else found

    def rank(self, code: str) -> int:
        """The label's place in the codebook's order (0 = first)."""
        return self.codes.index(code)

    def name(self, code: str) -> str:
        return self[code].name

    @property
    def dtype(self) -> pd.CategoricalDtype:
        return pd.CategoricalDtype(list(self.codes), ordered=True)

    def table(self) -> pd.DataFrame:
        """The codebook as a table: order (from 1), code, label, definition, example."""
        return pd.DataFrame([{"order": i, "code": lab.code, "label": lab.name, "definition": lab.definition,
                              "example": lab.example} for i, lab in enumerate(self, start=1)],
                            columns=["order", "code", "label", "definition", "example"])
