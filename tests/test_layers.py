"""The package's layers import one way: data <- the pieces pages share (charts, html, wording, positions) <- the
Sphinx extension and the PDF (sphinx/, pdf/). A module that imports against the grain (the data layer reaching for a chart, a chart importing the Sphinx
extension) fails here, naming the module and the import."""
from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "troops_debate"
# layer -> the layers it may import from (besides itself and the package's top-level paths module)
SHARED = {"charts", "html", "wording", "positions"}
ALLOWED = {
    "data": set(),
    **{name: {"data"} | SHARED for name in SHARED},
    "sphinx": {"data", "pdf"} | SHARED,
    "pdf": {"data"} | SHARED,
}
MAX_LINES = 300  # a module a reader can take in at one sitting (the codebooks are the longest)


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[0] == "troops_debate" else None


def _imports(path):
    module = "troops_debate." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            for name in names:
                yield module, name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield module, alias.name


def test_every_import_goes_one_way():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for module, target in _imports(path):
            if not target.startswith("troops_debate"):
                continue
            here, there = _layer(module), _layer(target)
            if here in ALLOWED and there in ALLOWED and there != here and there not in ALLOWED[here]:
                wrong.append(f"{module} imports {target} ({here} may not import {there})")
    assert not wrong, "\n".join(wrong)


def test_every_module_is_small_enough_to_read():
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, "modules over the limit:\n" + "\n".join(long)
