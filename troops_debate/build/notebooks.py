"""Re-execute the chapters outside the book: `make notebooks` (`python -m troops_debate notebooks`).

Every executable chapter in _toc.yml is executed with nbconvert's ExecutePreprocessor, in its own
folder and with the project's kernel, as the book build runs it. Under the output folder
(`_build/notebooks/`), at the chapter's own path, it writes

- the executed notebook (`.ipynb`; a MyST Markdown chapter becomes a notebook too), and
- a standalone HTML page beside it: the prose rendered from its MyST Markdown with the glued
  numbers, tables and figures in place, every code cell (collapsed where the book hides it) with
  its outputs, and the chapter's references. Charts are drawn by the book's own script with the
  vega bundle copied to `<output>/_static/`, so the page works offline; its data links point to
  the CSV files copied beside them.

The committed notebooks are never written to. If a cell raises (or writes to stderr, which the
book build also treats as an error), the chapter and the cell are named and the command exits 1.
"""
from __future__ import annotations

import html
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..paths import ROOT
from ..tables.html import resolve_root_links, root_prefix
from .toc import executable_path, toc_files

KERNEL = "troops-debate"  # registered in the project environment by `make env`
DEFAULT_OUTPUT = ROOT / "_build" / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = ROOT / "book" / "_static"
GLUE_PREFIX = "application/papermill.record/"  # how myst-nb stores a value glued with display=False
MYST_EXTENSIONS = {"colon_fence", "deflist", "dollarmath", "substitution"}  # as in _config.yml
HIDDEN_TAGS = {"hide-input", "hide-cell", "remove-input", "remove-cell"}

ADMONITION_TITLES = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
                     "caution": "Caution", "attention": "Attention", "hint": "Hint", "seealso": "See also"}

EXPORT_CSS = """
:root { --pst-color-border: #d0d7de; --pst-color-text-muted: #57606a; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
.td-export-banner { font-size: 0.9rem; border: 1px solid #d0d7de; border-radius: 0.4rem; padding: 0.5rem 1rem;
  margin: 0.5rem 0 1rem; background: #f6f8fa; }
.admonition { border-left: 4px solid #3d6fb5; background: #f4f7fb; padding: 0.25rem 1rem; margin: 1rem 0; }
.admonition.tip { border-left-color: #2e7d32; background: #f3f8f3; }
.admonition.important, .admonition.warning { border-left-color: #b26a00; background: #fdf7ee; }
.admonition-title { font-weight: 600; margin: 0.5rem 0; }
details.td-code > summary { cursor: pointer; color: #57606a; font-size: 0.85rem; padding: 0.25rem 0; }
figure.td-glue-figure { margin: 1.5rem 0; }
figure.td-glue-figure > figcaption { font-size: 0.95rem; margin-top: 0.25rem; }
.caption-number { font-weight: 600; }
.td-references li { margin-bottom: 0.4rem; }
body, .td-export-banner, details.td-code > summary { font-family: var(--jp-content-font-family); }
/* JupyterLab right-aligns table cells and fixes their layout; the book's tables read left to right */
.jp-RenderedHTMLCommon .td-table { table-layout: auto; margin: 0; }
.jp-RenderedHTMLCommon .td-table th, .jp-RenderedHTMLCommon .td-table td { text-align: left; }
"""


class NotebookError(Exception):
    """A chapter that cannot be executed or exported; the message names the chapter and the cell."""


def chapters(root: Path = ROOT) -> list[Path]:
    """The executable chapters, in the order of _toc.yml."""
    return [p for p in (executable_path(f, root) for f in toc_files(root / "_toc.yml")) if p is not None]


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read(path: Path) -> nbformat.NotebookNode:
    """A chapter as a notebook; a MyST Markdown chapter gets stable cell ids (the reader draws random ones)."""
    if path.suffix == ".md":
        from myst_nb.core.read import read_myst_markdown_notebook
        notebook = read_myst_markdown_notebook(path.read_text(encoding="utf-8"))
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"{path.stem}-{number:02d}"
        return notebook
    return nbformat.read(path, as_version=4)


def first_failure(notebook) -> str | None:
    """"code cell N of M (cell id ..., starting '...') raised X: y" for the first code cell with an
    error, or with output on stderr (an error in the book build too); None if there is none."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                what = f"raised {output.get('ename')}: {output.get('evalue')}"
            elif output.get("name") == "stderr":
                what = f"wrote to stderr: {output.get('text', '').strip()[:300]}"
            else:
                continue
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"code cell {number} of {len(code_cells)} (cell id {cell.get('id', '?')}, starting {first[:80]!r}) {what}"
    return None


def execute(path: Path, cwd: Path | None = None, timeout: int = 300,
            notebook: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """Execute a chapter (or `notebook`, read from it) with the kernel its metadata names (the
    project's), in `cwd` (default: the chapter's own folder, as the book build and JupyterLab run it)."""
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

    notebook = read(path) if notebook is None else notebook
    # no timestamps in the metadata, so that an unchanged chapter gives an identical file
    executor = ExecutePreprocessor(timeout=timeout, record_timing=False)
    try:
        executor.preprocess(notebook, {"metadata": {"path": str(cwd or path.parent)}})
    except CellExecutionError as error:
        reason = first_failure(notebook) or str(error).splitlines()[0]
        raise NotebookError(f"{relative(path)}: {reason}") from None
    failure = first_failure(notebook)
    if failure:
        raise NotebookError(f"{relative(path)}: {failure}")
    return notebook


# ------------------------------------------------------------------ glue and MyST prose


def glued(notebook) -> dict[str, dict]:
    """Every value glued by myst_nb.glue, by name, as its mime bundle."""
    store = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                store[name] = {key.removeprefix(GLUE_PREFIX): value for key, value in output.get("data", {}).items()}
    return store


@dataclass
class Reference:
    key: str
    label: str      # "Author", for "Author (Year)"
    year: str
    entry: str      # the bibliography line, as escaped HTML


def read_bibliography(path: Path = ROOT / "book" / "references.bib") -> dict[str, Reference]:
    from pybtex.database import parse_file

    def plain(text: str) -> str:
        return text.replace("{", "").replace("}", "").strip()

    references = {}
    for key, entry in parse_file(str(path)).entries.items():
        # an organisation (the book's outlets) is one braced name, kept whole; a person by surname
        people = [plain(str(p)) if str(p).startswith("{") else plain(" ".join(p.last_names))
                  for p in entry.persons.get("author", [])]
        label = (people[0] if len(people) == 1 else f"{people[0]} and {people[1]}" if len(people) == 2
                 else f"{people[0]} et al." if people else plain(entry.fields.get("title", key)))
        year = plain(entry.fields.get("year", "n.d."))
        parts = [f"{html.escape(label)} ({html.escape(year)}).", html.escape(plain(entry.fields.get("title", ""))) + "."]
        venue = plain(entry.fields.get("journal", "") or entry.fields.get("publisher", ""))
        if venue:
            parts.append(f"<em>{html.escape(venue)}</em>.")
        if entry.fields.get("note"):
            parts.append(html.escape(plain(entry.fields["note"])))
        url = plain(entry.fields.get("url", ""))
        if url.startswith(("https://", "http://")):
            parts.append(f'<a href="{html.escape(url)}" rel="noopener noreferrer">{html.escape(url)}</a>')
        references[key] = Reference(key, label, year, " ".join(parts))
    return references


@dataclass
class Prose:
    """Renders a chapter's MyST Markdown to HTML with the roles and directives the book uses,
    resolved as the book resolves them: glued values, figure numbers, author-year citations.
    Anything it does not know raises, so an export never shows a half-rendered page."""
    store: dict[str, dict]
    references: dict[str, Reference]
    page: Path | None = None       # the chapter being rendered, for its links to other documents
    exported: frozenset = frozenset()  # the chapters that have an exported page (resolved source paths)
    figures: dict[str, int] = field(default_factory=dict)   # figure label -> number on the page
    cited: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.md = myst_parser()
        self._code_fence = self.md.renderer.rules["fence"]
        self.md.add_render_rule("myst_role", lambda _r, tokens, i, _o, _e: self.role(tokens[i]))
        self.md.add_render_rule("fence", lambda _r, tokens, i, o, e: self.fence(tokens, i, o, e))
        self.md.add_render_rule("colon_fence", lambda _r, tokens, i, o, e: self.fence(tokens, i, o, e))
        self.md.add_render_rule("link_open", lambda _r, tokens, i, o, e: self.link_open(tokens, i, o, e))
        self.md.add_render_rule("link_close", lambda _r, tokens, i, o, e: self.link_close(tokens, i, o, e))
        self._unlinked = False

    # links between documents: to another exported chapter's page; a book page that is not a
    # chapter (the bibliography) has no export, so its link is kept as plain text
    def link_open(self, tokens, index, options, env) -> str:
        token = tokens[index]
        href = token.attrGet("href") or ""
        path, _, anchor = href.partition("#")
        if self.page is not None and path.endswith((".md", ".ipynb")) and "://" not in path:
            target = (self.page.parent / path).resolve()
            if target not in self.exported:
                self._unlinked = True
                return ""
            token.attrSet("href", str(Path(path).with_suffix(".html").as_posix()) + (f"#{anchor}" if anchor else ""))
        return self.md.renderer.renderToken(tokens, index, options, env)

    def link_close(self, tokens, index, options, env) -> str:
        if self._unlinked:
            self._unlinked = False
            return ""
        return self.md.renderer.renderToken(tokens, index, options, env)

    def number_figures(self, sources: list[str], before: int = 0) -> None:
        """Number the page's figures as the book does: on from the `before` figures of earlier chapters."""
        for label in figure_labels(self.md, sources):
            self.figures[label] = before + len(self.figures) + 1

    def render(self, source: str) -> str:
        return self.md.render(source)

    # roles
    def role(self, token) -> str:
        name, content = token.meta.get("name", ""), token.content
        if name in ("glue:text", "glue", "glue:"):
            return html.escape(self.text(content))
        if name == "numref":
            match = re.fullmatch(r"\s*(.*?)\s*<([^>]+)>\s*", content)
            text, label = (match.group(1), match.group(2)) if match else ("Fig. %s", content.strip())
            if label not in self.figures:
                raise NotebookError(f"{{numref}}`{content}` names no figure on this page")
            shown = text.replace("%s", str(self.figures[label])).replace("{number}", str(self.figures[label]))
            return f'<a class="reference internal" href="#{html.escape(label)}">{html.escape(shown)}</a>'
        if name in ("cite:p", "cite:t"):
            links = []
            for key in (k.strip() for k in content.split(",")):
                if key not in self.references:
                    raise NotebookError(f"{{{name}}}`{content}`: {key!r} is not in references.bib")
                if key not in self.cited:
                    self.cited.append(key)
                ref = self.references[key]
                shown = f"{ref.label}, {ref.year}" if name == "cite:p" else f"{ref.label} ({ref.year})"
                links.append(f'<a class="reference internal" href="#ref-{html.escape(key)}">{html.escape(shown)}</a>')
            return f"({'; '.join(links)})" if name == "cite:p" else ", ".join(links)
        raise NotebookError(f"the export does not know the role {{{name}}}")

    def text(self, name: str) -> str:
        name, _, spec = name.strip().partition(":")
        bundle = self.bundle(name)
        text = str(bundle.get("text/plain", ""))
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            text = text[1:-1]
        if spec:
            text = format(float(text), spec)
        return text

    def bundle(self, name: str) -> dict:
        if name not in self.store:
            raise NotebookError(f"nothing was glued under the name {name!r}")
        return self.store[name]

    def output(self, name: str) -> str:
        bundle = self.bundle(name)
        if "text/html" in bundle:
            return str(bundle["text/html"])
        return f"<pre>{html.escape(str(bundle.get('text/plain', '')))}</pre>"

    # directives
    def fence(self, tokens, index, options, env) -> str:
        token = tokens[index]
        if not token.info.strip().startswith("{"):
            return self._code_fence(tokens, index, options, env)
        name, argument, opts, body = directive(token)
        if name in ("glue:", "glue", "glue:any"):
            return self.output(argument)
        if name == "glue:figure":
            label = opts.get("name", "")
            number = f'<span class="caption-number">Fig. {self.figures[label]}</span> ' if label in self.figures else ""
            caption = self.md.renderInline(body.strip()) if body.strip() else ""
            ident = f' id="{html.escape(label)}"' if label else ""
            return (f'<figure class="td-glue-figure"{ident}>{self.output(argument)}'
                    f"<figcaption>{number}{caption}</figcaption></figure>\n")
        if name == "admonition" or name in ADMONITION_TITLES:
            title = self.md.renderInline(argument) if name == "admonition" else ADMONITION_TITLES[name]
            classes = " ".join(html.escape(c) for c in [name, *opts.get("class", "").split()])
            return (f'<aside class="admonition {classes}"><p class="admonition-title">{title}</p>\n'
                    f"{self.render(body)}</aside>\n")
        raise NotebookError(f"the export does not know the directive {{{name}}}")

    def references_html(self) -> str:
        if not self.cited:
            return ""
        items = "".join(f'<li id="ref-{html.escape(k)}">{self.references[k].entry}</li>' for k in self.cited)
        return f'<section class="td-references"><h2>References</h2><ul>{items}</ul></section>'


def myst_parser():
    """A MyST Markdown parser (the book's extensions) rendering plain HTML."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    return create_md_parser(MdParserConfig(enable_extensions=MYST_EXTENSIONS), RendererHTML)


def figure_labels(md, sources: list[str]) -> list[str]:
    """The labels of the figures in `sources`, in order: the figures Sphinx numbers (numfig numbers
    a figure that has a label)."""
    labels = []
    for source in sources:
        for token in md.parse(source):
            if token.type in ("fence", "colon_fence") and re.match(r"\{(glue:figure|figure)\}", token.info.strip()):
                label = directive(token)[2].get("name")
                if label and label not in labels:
                    labels.append(label)
    return labels


def markdown_sources(path: Path) -> list[str]:
    if path.suffix == ".md":
        return [path.read_text(encoding="utf-8")]
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]


def figures_before(root: Path = ROOT) -> dict[Path, int]:
    """For every document in _toc.yml (resolved path), how many figures the documents before it hold:
    the book numbers figures on through the whole book (Sphinx numfig), and an export keeps its numbers."""
    md, count, before = myst_parser(), 0, {}
    for file in toc_files(root / "_toc.yml"):
        source = next((root / f"{file}{s}" for s in (".ipynb", ".md") if (root / f"{file}{s}").exists()), None)
        if source is not None:
            before[source.resolve()] = count
            count += len(figure_labels(md, markdown_sources(source)))
    return before


def directive(token) -> tuple[str, str, dict[str, str], str]:
    """(name, argument, options, body) of a MyST directive fence."""
    info = token.info.strip()
    name, argument = info[1:info.index("}")], info[info.index("}") + 1:].strip()
    lines = token.content.splitlines()
    options = {}
    while lines and (match := re.match(r"^:([\w-]+):\s*(.*)$", lines[0])):
        options[match.group(1)] = match.group(2)
        lines.pop(0)
    return name, argument, options, "\n".join(lines).strip("\n") + "\n"


# ------------------------------------------------------------------ export


def resolve_notebook_links(notebook, root: str) -> None:
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            for key, value in output.get("data", {}).items():
                if key.endswith("text/html") and isinstance(value, str):
                    output["data"][key] = resolve_root_links(value, root)


@dataclass(frozen=True)
class Book:
    """What every exported page needs from the book, read once per run."""
    references: dict[str, Reference]
    exported: frozenset   # the chapters with an exported page (resolved source paths)
    before: dict          # resolved source path -> figures in the documents before it

    @classmethod
    def read(cls) -> "Book":
        return cls(read_bibliography(), frozenset(p.resolve() for p in chapters()), figures_before())


def to_html(notebook, path: Path, root: str, book: Book) -> tuple[str, str]:
    """The standalone page of an executed chapter, and its title."""
    from nbconvert import HTMLExporter

    notebook = nbformat.from_dict(notebook)
    prose = Prose(glued(notebook), book.references, page=path, exported=book.exported)
    prose.number_figures([c.source for c in notebook.cells if c.cell_type == "markdown"],
                         book.before.get(path.resolve(), 0))
    title = ""
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "markdown":
            try:
                cell.metadata["td_html"] = prose.render(cell.source)
            except NotebookError as error:
                raise NotebookError(f"{relative(path)}: markdown cell (notebook cell {number}): {error}") from None
            title = title or next((line.lstrip("# ").strip() for line in cell.source.splitlines()
                                   if line.startswith("# ")), "")
        elif cell.cell_type == "code":
            if HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
                cell.metadata["td_input"] = "collapsed"
            # a value glued with display=False is shown where the prose places it, not under its cell
            cell.outputs = [o for o in cell.outputs
                            if not all(k.startswith(GLUE_PREFIX) for k in o.get("data", {"": 0}))]
    notebook.metadata["title"] = title or path.stem
    exporter = HTMLExporter(template_name="td_notebook", extra_template_basedirs=[str(TEMPLATES)], theme="light")
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "")
    page, _ = exporter.from_notebook_node(notebook, resources={
        "td_root": root, "td_css": EXPORT_CSS, "td_references": prose.references_html(),
        "td_source": relative(path), "td_kernel": kernel, "td_notebook": path.with_suffix(".ipynb").name})
    return resolve_root_links(page, root), notebook.metadata["title"]


def write_static(output: Path) -> None:
    """The chart script, the styles, the vega bundle and the data files, once for every page."""
    from ..data.derived import write_downloads
    from .sphinx_ext import write_vega_bundle

    static = output / "_static"
    write_vega_bundle(static / "vega")
    for name in ("td-charts.js", "td-book.css"):
        shutil.copy(STATIC / name, static / name)
    write_downloads(static / "download")


def index_page(pages: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{html.escape(rel)}.html">{html.escape(title)}</a> '
                    f'(<a href="{html.escape(rel)}.ipynb">executed notebook</a>)</li>' for rel, title in pages)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Executed chapters</title></head><body><main><h1>Executed chapters</h1>"
            "<p>Made by <code>make notebooks</code>: every chapter of the book, executed outside the book, "
            f"as a notebook and as a standalone page.</p><ol>{items}</ol></main></body></html>\n")


def build(output: Path = DEFAULT_OUTPUT, only: list[Path] | None = None, log=print) -> list[str]:
    """Execute and export the chapters into `output`; returns the failures (empty when all went well)."""
    output = output.resolve()
    if output.exists() and not only:
        shutil.rmtree(output)
    output.mkdir(parents=True, exist_ok=True)
    write_static(output)
    book = Book.read()
    failures, pages = [], []
    for path in only or chapters():
        # a chapter keeps its place below the output folder; a notebook from outside the repository goes at its top
        rel = Path(relative(path)) if path.resolve().is_relative_to(ROOT) else Path(path.name)
        target = output / rel.with_suffix("")
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in (target.with_suffix(".ipynb"), target.with_suffix(".html")):
            stale.unlink(missing_ok=True)
        started = time.perf_counter()
        try:
            notebook = execute(path)
            root = root_prefix(rel.with_suffix("").as_posix())
            page, title = to_html(notebook, path, root, book)
        except NotebookError as error:
            failures.append(str(error))
            log(f"FAILED {error}")
            continue
        resolve_notebook_links(notebook, root)
        nbformat.write(notebook, target.with_suffix(".ipynb"))
        target.with_suffix(".html").write_text(page, encoding="utf-8")
        pages.append((rel.with_suffix("").as_posix(), title))
        log(f"{rel}: executed and exported in {time.perf_counter() - started:.1f} s -> "
            f"{relative(target)}.ipynb, .html")
    if not only:
        (output / "index.html").write_text(index_page(pages), encoding="utf-8")
    return failures


def main(args: list[str]) -> int:
    output, only = DEFAULT_OUTPUT, []
    while args:
        arg = args.pop(0)
        if arg == "--output" and args:
            output = Path(args.pop(0))
        else:
            only.append(Path(arg).resolve())
    failures = build(output, only or None)
    if failures:
        print(f"make notebooks: {len(failures)} chapter(s) failed:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print(f"make notebooks: every chapter executed; open {relative(output)}/index.html")
    return 0
