"""How a data file is declared: its columns, each with its type, constraints and meaning, in one place.

From one declaration come the checks (the generic ones through Frictionless, the project's own in
`rules`), the typed table a loader returns, the column tables of data/README.md and the Table Schema
in data/datapackage.json.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from .codebooks import Codebook

# text | int | enum (one label) | list ('|'-separated labels) | date | dates ('|'-separated, empty =
# unknown) | url | urls ('|'-separated) | texts ('|'-separated free text)
KINDS = ("text", "int", "enum", "list", "date", "dates", "url", "urls", "texts")
MANY = ("list", "dates", "urls", "texts")  # '|'-separated: loaded as tuples
SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"
    description: str = ""
    required: bool = True
    allowed: tuple[str, ...] = ()
    codebook: Codebook | None = None  # the codebook of an enum or list column: its labels, in order
    pattern: str | None = None        # regular expression the whole value must match
    max_len: int | None = None
    precision: str | None = None      # for dates: the column holding day|month|year|window

    def __post_init__(self):
        assert self.kind in KINDS, self.kind
        if self.codebook is not None and not self.allowed:
            object.__setattr__(self, "allowed", self.codebook.codes)


RowCheck = Callable[[dict], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class ForeignKey:
    column: str
    file: str       # the file referred to
    key: str        # its key column


@dataclass(frozen=True)
class Schema:
    file: str
    description: str
    columns: tuple[Column, ...]
    key: str
    row_checks: tuple[RowCheck, ...] = field(default_factory=tuple)
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def resource_name(self) -> str:
        return self.file.removesuffix(".csv").replace("/", "-").replace("_", "-")


# ---------------------------------------------------------------- Table Schema (Frictionless)

_TYPES = {"int": "integer"}
_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}"
# Patterns that only describe a kind's shape for other tools; the project's own checks give the message.
SHAPE_PATTERNS = {"date": DATE_PATTERN, "dates": f"({_DATE})?(\\|({_DATE})?)*", "url": r"https?://\S+"}


def field_descriptor(col: Column) -> dict:
    """The column as a Table Schema field."""
    out = {"name": col.name, "type": _TYPES.get(col.kind, "string"), "description": col.description}
    constraints: dict = {"required": True} if col.required else {}
    if col.kind == "int":
        constraints["minimum"] = 0
    if col.kind == "enum":
        constraints["enum"] = list(col.allowed)
    if col.kind in SHAPE_PATTERNS and not col.pattern:
        constraints["pattern"] = SHAPE_PATTERNS[col.kind]
    if col.pattern:
        constraints["pattern"] = col.pattern
    if col.max_len:
        constraints["maxLength"] = col.max_len
    if constraints:
        out["constraints"] = constraints
    return out


def descriptor(schema: Schema, *, shapes: bool = True) -> dict:
    """The file's Table Schema. With shapes=False the date and address shape patterns are left out
    (the project's checks of those kinds say more precisely what is wrong)."""
    fields = [field_descriptor(c) for c in schema.columns]
    if not shapes:
        for col, fld in zip(schema.columns, fields):
            if col.kind in SHAPE_PATTERNS and not col.pattern:
                fld.get("constraints", {}).pop("pattern", None)
    out = {"fields": fields, "primaryKey": [schema.key], "missingValues": [""]}
    if schema.foreign_keys:
        out["foreignKeys"] = [{"fields": [fk.column], "reference": {
            "resource": fk.file.removesuffix(".csv").replace("_", "-"), "fields": [fk.key]}}
            for fk in schema.foreign_keys]
    return out
