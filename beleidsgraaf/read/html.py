"""HTML budget pages → plain lines the structure recognisers understand.

Block elements become lines, table rows become pipe rows (``a | b | c |``) so a
table stays a table, and scripts, styles, navigation, headers, footers and
forms are skipped.

>>> html_to_text("<nav>menu</nav><h2>Doel 1</h2><table><tr><td>a</td><td>b</td></tr></table>")
'Doel 1\\na | b |'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "form", "noscript", "template",
                   "svg", "button", "select", "iframe"})
_BLOCK = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                    "li", "br", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr",
                    "caption", "figure", "figcaption", "aside", "address"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.skip_depth = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self._text("\n")
            return
        if self.skip_depth or tag in _SKIP or _hidden(attrs):
            self.skip_depth += 1
            return
        if tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(_clean(" ".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append(" | ".join(self.row) + " |")
            self.row = None
        elif tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.buffer.append(data)

    def _flush(self) -> None:
        for piece in "".join(self.buffer).split("\n"):
            if piece.strip():
                self.lines.append(_clean(piece))
        self.buffer = []


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    values = dict(attrs)
    classes = (values.get("class") or "") + " " + (values.get("id") or "")
    return ("hidden" in values or values.get("aria-hidden") == "true"
            or bool(re.search(r"cookie|consent|breadcrumb|skip-?link|menu", classes, re.I)))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_NAVIGATION = re.compile(r"^Terug naar navigatie\b.*$", re.I)


def html_to_text(html: str) -> str:
    """Main text of an HTML page, one block per line."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(line for line in parser.lines if not _NAVIGATION.match(line))
