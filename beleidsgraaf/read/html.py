"""HTML budget pages → lines the structure recognisers understand.

Block elements become lines, table rows become pipe rows (``a | b | c |``) so a
table stays a table (block text inside a cell stays in its cell; ``rowspan`` and
``colspan`` keep the columns aligned), ordered list items keep their number,
and scripts, styles, navigation, menus, cookie banners, site headers/footers,
forms and hidden elements are skipped. When the page has a ``<main>`` element,
only its text counts. "Terug naar navigatie - …" links are dropped, also when
their text is glued to the sentence after them.

Headings (``<h1>``–``<h6>``) are marked as such (:attr:`Line.heading`).
Every line keeps the line of the HTML file where its text starts (from the
parser's position), so evidence points into the saved page. When several text
blocks start on the same source line (minified pages), the later ones take the
next free numbers, so numbers stay unique and increasing.

>>> html_to_text("<nav>menu</nav><h2>Doel 1</h2><table><tr><td>a</td><td>b</td></tr></table>")
'Doel 1\\na | b |'
>>> [(ln.number, ln.text) for ln in html_lines("<body>\\n<h1>Programma 5</h1>\\n\\n<p>Tekst</p>")]
[(2, 'Programma 5'), (4, 'Tekst')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from beleidsgraaf.model import Line
from beleidsgraaf.read.clean import clean_line, normalise, pipe_row, strip_navigation

_SKIP = frozenset({"script", "style", "nav", "form", "noscript", "template", "svg", "button",
                   "select", "iframe", "object", "canvas", "dialog", "title"})
_SITE_PARTS = frozenset({"header", "footer", "aside"})  # skipped outside <main>/<article>
_CONTENT = frozenset({"main", "article"})
_BLOCK = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "caption",
                    "figure", "figcaption", "aside", "address", "details", "summary", "header",
                    "footer", "table", "legend", "fieldset"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area",
                   "base", "embed", "param", "track"})
_CELL = frozenset({"td", "th"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NEVER_HIDDEN = frozenset({"html", "body", "main", "article"})
_NOISE_CLASS = re.compile(
    r"cookie|consent|gdpr|breadcrumb|skip-?link|menu|navbar|\bnav\b|navigation|offcanvas|"
    r"toolbar|\bshare\b|\bsocial(?:-?(?:media|share|links|icons))?(?![\w-])", re.I)
_NOISE_ROLE = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar",
                         "dialog", "alertdialog"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[a-z][.)])\s")
_BREAK = None  # a hard line break (<br>) among the text pieces


@dataclass
class _Table:
    """The outermost open table: its current row and cell, and rowspans from rows above."""

    row: list[tuple[str, int | None]] | None = None
    cell: list[tuple[str, int | None] | None] | None = None
    column: int = 0
    span: tuple[int, int] = (1, 1)  # colspan, rowspan of the open cell
    occupied: dict[int, int] = field(default_factory=dict)  # column → rows still covered
    new_spans: dict[int, int] = field(default_factory=dict)


@dataclass
class _Block:
    line: int
    text: str
    in_main: bool
    heading: bool


class _Extractor(HTMLParser):
    def __init__(self, *, strict: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.strict = strict  # False: only scripts/styles and the like are skipped
        self.blocks: list[_Block] = []
        self.pieces: list[tuple[str, int | None] | None] = []
        self.skip: tuple[str, int] | None = None  # tag that started skipping, nesting count
        self.main: tuple[str, int] | None = None  # the element that is the main content
        self.content_depth = 0
        self.pre_depth = 0
        self.heading_depth = 0
        self.table: _Table | None = None
        self.table_depth = 0
        self.lists: list[list[int | bool]] = []  # [ordered, counter]
        self.prefix: str | None = None
        self.anchor: tuple[int, int] | None = None  # (id of piece list, start index)

    # ------------------------------------------------------------ tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[0]:
                self.skip = (tag, self.skip[1] + 1)
            return
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._piece(_BREAK)
            return
        if self._skipped(tag, attrs):
            self.skip = (tag, 1)
            return
        if tag == "table":
            self._table_start()
        elif tag == "tr" and self.table_depth == 1:
            self._row_start()
        elif tag in _CELL and self.table_depth == 1:
            self._cell_start(attrs)
        elif tag in ("tr", *_CELL):
            self._piece((" ", None))
        elif tag in _BLOCK:
            self._block_boundary()
        if tag in ("ul", "ol"):
            self._list_start(tag, attrs)
        elif tag == "li":
            self._list_item(attrs)
        elif tag == "a":
            self.anchor = (id(self._target()), len(self._target()))
        if self.main:
            if tag == self.main[0]:
                self.main = (tag, self.main[1] + 1)
        elif tag == "main" or dict(attrs).get("role") == "main":
            self.main = (tag, 1)
        if tag in _CONTENT:
            self.content_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag in _HEADINGS:
            self.heading_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[0]:
                count = self.skip[1] - 1
                self.skip = (tag, count) if count else None
            return
        if tag in _VOID:
            return
        if tag == "a":
            self._anchor_end()
        elif tag == "table":
            self._table_end()
        elif tag == "tr" and self.table_depth == 1:
            self._row_end()
        elif tag in _CELL and self.table_depth == 1:
            self._cell_end()
        elif tag in _BLOCK:
            self._block_boundary()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if self.main and tag == self.main[0]:
            count = self.main[1] - 1
            self.main = (tag, count) if count else None
        if tag in _CONTENT and self.content_depth:
            self.content_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _HEADINGS and self.heading_depth:
            self.heading_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        line = self.getpos()[0]
        if self.pre_depth:
            for i, part in enumerate(data.split("\n")):
                if i:
                    self._piece(_BREAK)
                self._piece((part, line + i if part.strip() else None))
            return
        stripped = data.lstrip()
        if stripped:
            self._piece((data, line + data[: len(data) - len(stripped)].count("\n")))
        elif data:
            self._piece((" ", None))

    def close(self) -> None:
        super().close()
        if self.table:
            self._table_end()
        self._flush()

    # ------------------------------------------------------------ skipping
    def _skipped(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP:
            return True
        if not self.strict or tag in _NEVER_HIDDEN:
            return False
        if tag in _SITE_PARTS and not self.content_depth:
            return True
        values = dict(attrs)
        if "hidden" in values or values.get("aria-hidden") == "true":
            return True
        if (values.get("role") or "").lower() in _NOISE_ROLE:
            return True
        if _HIDDEN_STYLE.search(values.get("style") or ""):
            return True
        return bool(_NOISE_CLASS.search(f"{values.get('class') or ''} {values.get('id') or ''}"))

    # ------------------------------------------------------------ text
    def _target(self) -> list[tuple[str, int | None] | None]:
        if self.table and self.table.cell is not None:
            return self.table.cell
        return self.pieces

    def _piece(self, piece: tuple[str, int | None] | None) -> None:
        target = self._target()
        if piece is _BREAK and target is not self.pieces:
            piece = (" ", None)  # a line break inside a table cell is a space
        target.append(piece)

    def _anchor_end(self) -> None:
        """Drop a "Terug naar navigatie - …" link (keeping any text glued into it)."""
        target = self._target()
        if self.anchor and self.anchor[0] == id(target):
            start = self.anchor[1]
            pieces = [p for p in target[start:] if p]
            text = normalise("".join(p[0] for p in pieces))
            rest = strip_navigation(text)
            if rest != text:
                line = next((p[1] for p in pieces if p[1] is not None), None)
                del target[start:]
                target.append((f" {rest} ", line) if rest else (" ", None))
        self.anchor = None

    def _block_boundary(self) -> None:
        if self.table and self.table.cell is not None:
            self.table.cell.append((" ", None))
        else:
            self._flush()

    def _flush(self) -> None:
        segment: list[tuple[str, int | None]] = []
        for piece in [*self.pieces, _BREAK]:
            if piece is not _BREAK:
                segment.append(piece)
                continue
            text = normalise("".join(p[0] for p in segment))
            if text:
                line = next((p[1] for p in segment if p[1] is not None), 0)
                if self.prefix and not _NUMBERED.match(text):
                    text = f"{self.prefix} {text}"
                self.prefix = None
                self._emit(line, text)
            segment = []
        self.pieces = []
        self.anchor = None

    def _emit(self, line: int, text: str) -> None:
        heading = self.heading_depth > 0 and not (self.table and self.table.row is not None)
        self.blocks.append(_Block(line, text, self.main is not None, heading))

    # ------------------------------------------------------------ lists
    def _list_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        numbered = tag == "ol" and not re.search(r"list-style(?:-type)?\s*:\s*none",
                                                 values.get("style") or "", re.I)
        start = values.get("start") or "1"
        self.lists.append([numbered, int(start) - 1 if start.lstrip("-").isdigit() else 0])

    def _list_item(self, attrs: list[tuple[str, str | None]]) -> None:
        if not self.lists or not self.lists[-1][0] or (self.table and self.table.cell is not None):
            return
        value = dict(attrs).get("value") or ""
        counter = int(value) if value.isdigit() else int(self.lists[-1][1]) + 1
        self.lists[-1][1] = counter
        self.prefix = f"{counter}."

    # ------------------------------------------------------------ tables
    def _table_start(self) -> None:
        self.table_depth += 1
        if self.table_depth == 1:
            self._flush()
            self.table = _Table()
        else:
            self._piece((" ", None))

    def _table_end(self) -> None:
        if self.table_depth > 1:
            self.table_depth -= 1
            self._piece((" ", None))
            return
        self._row_end()
        self.table = None
        self.table_depth = 0

    def _row_start(self) -> None:
        assert self.table is not None
        self._row_end()
        self._flush()
        self.table.row = []
        self.table.column = 0
        self.table.new_spans = {}

    def _cell_start(self, attrs: list[tuple[str, str | None]]) -> None:
        table = self.table
        assert table is not None
        if table.row is None:
            self._row_start()
        self._cell_end()
        assert table.row is not None
        self._skip_occupied()
        values = dict(attrs)
        table.span = (_int(values.get("colspan")), _int(values.get("rowspan")))
        table.cell = []

    def _cell_end(self) -> None:
        table = self.table
        if table is None or table.cell is None or table.row is None:
            return
        pieces = [p for p in table.cell if p]
        text = normalise("".join(p[0] for p in pieces))
        line = next((p[1] for p in pieces if p[1] is not None), None)
        table.cell = None
        colspan, rowspan = table.span
        table.row.append((text, line))
        table.row.extend(("", None) for _ in range(colspan - 1))
        if rowspan > 1:
            for column in range(table.column, table.column + colspan):
                table.new_spans[column] = rowspan - 1
        table.column += colspan
        self._skip_occupied()

    def _skip_occupied(self) -> None:
        table = self.table
        assert table is not None and table.row is not None
        while table.occupied.get(table.column, 0) > 0:
            table.row.append(("", None))
            table.column += 1

    def _row_end(self) -> None:
        table = self.table
        if table is None or table.row is None:
            return
        self._cell_end()
        row, table.row = table.row, None
        table.occupied = {c: n - 1 for c, n in table.occupied.items() if n > 1} | table.new_spans
        lines = [ln for text, ln in row if text and ln is not None]
        if lines:
            self._emit(lines[0], pipe_row([text for text, _ in row]))


def _int(value: str | None) -> int:
    return max(1, min(int(value), 1000)) if value and value.strip().isdigit() else 1


def _extract(html: str, *, strict: bool) -> list[_Block]:
    parser = _Extractor(strict=strict)
    parser.feed(html)
    parser.close()
    return parser.blocks


def html_lines(html: str) -> list[Line]:
    """The main text of an HTML page as numbered lines (numbers: see the module doc)."""
    blocks = _extract(html, strict=True)
    if not any(b.text for b in blocks):  # everything looked like page furniture: be lenient
        blocks = _extract(html, strict=False)
    main = [b for b in blocks if b.in_main]
    if sum(len(b.text) for b in main) >= 0.2 * sum(len(b.text) for b in blocks) > 0:
        blocks = main
    lines: list[Line] = []
    for block in blocks:
        text = block.text if block.text.endswith(" |") else clean_line(block.text)
        if not text:
            continue
        number = max(block.line, lines[-1].number + 1 if lines else 1)
        lines.append(Line(number, text, heading=block.heading))
    return lines


def html_to_text(html: str) -> str:
    """Main text of an HTML page, one block per line."""
    return "\n".join(line.text for line in html_lines(html))
