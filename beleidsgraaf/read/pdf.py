"""PDF documents → numbered lines with their page, with pdfplumber.

Per page, words are grouped into printed lines from top to bottom; tables drawn
with ruling lines (pdfplumber's ``find_tables``) become pipe rows ``cell | cell |``
at the place where they stand. Runs of lines that leave a vertical gutter free
are read as columns (:mod:`beleidsgraaf.read.pdfcolumns`): a table without
ruling lines becomes pipe rows with each wrapped cell whole, however its columns
interleave line by line; text set in columns is read column after column. Then,
over the whole document:

- running headers and footers are removed: a line in the top or bottom three
  lines of a page that recurs (digits ignored, at the same height) on at least
  half of the pages, at least two; and page numbers there ("12", "- 12 -",
  "Pagina 3 van 40", "3/40");
- a word broken at a line end is repaired ("schuldhulp-" / "verlening" →
  "schuldhulpverlening" on the first line), keeping real hyphens ("Wmo-vervoer",
  "Noord-Brabant", "jeugd- en gezinswerk");
- a blank line marks a paragraph break (a vertical gap clearly larger than the
  usual line spacing, or a page break after a finished sentence).

``Line.number`` counts the lines of this extracted text (blank lines included)
from 1 through the whole document, in reading order; ``Line.page`` is the
1-based page. A PDF without any text is refused as a scan.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.model import Line
from beleidsgraaf.read.clean import clean_line, dehyphenate, join_wrapped, normalise, pipe_row
from beleidsgraaf.read.pdfcolumns import paragraph_space, recover_columns

_ZONE = 3  # lines at the top and bottom of a page where headers and footers stand
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|(?:pagina|page|blz\.?|p\.)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|van|of)\s*\d{1,4})$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;]$")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Item:
    """A printed line (words) or a ruled table (rows) on a page, in reading order."""

    page: int
    top: float
    bottom: float
    words: list[_Word] = field(default_factory=list)
    rows: list[list[str]] | None = None
    texts: list[str] = field(default_factory=list)  # rendered lines
    table: bool = False  # rendered as pipe rows

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words) if self.words else 0.0


def pdf_lines(data: bytes, name: str) -> list[Line]:
    """Lines of a PDF; :class:`UnreadableDocument` for scans, encrypted or damaged files."""
    _check_header(data, name)
    pages = _read_pages(data, name)
    if not any(item.words or item.rows for page in pages for item in page):
        raise UnreadableDocument(name, "the PDF has no text layer (scanned?)", hint="run OCR first")
    _drop_headers_and_footers(pages)
    gap = _usual_gap(pages)
    pages = [_recover_columns(page, gap) for page in pages]
    return _number(_flow(pages, gap))


def _check_header(data: bytes, name: str) -> None:
    if not data.strip():
        raise UnreadableDocument(name, "the file is empty", hint="export the document again")
    if b"%PDF-" not in data[:1024]:
        looks = "an HTML page" if data.lstrip()[:1] == b"<" else "something else"
        raise UnreadableDocument(name, f"not a PDF file (no %PDF header; it looks like {looks})",
                                 hint="download the document again")


def _read_pages(data: bytes, name: str) -> list[list[_Item]]:
    import pdfplumber  # imported only when a PDF is read
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[list[_Item]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableDocument(name, "the PDF has no pages")
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_page_items(page, number))
                page.close()
    except UnreadableDocument:
        raise
    except Exception as exc:  # pdfminer raises a wide range of errors on bad input
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect) \
                or "password" in str(exc).lower():
            raise UnreadableDocument(name, "the PDF is password-protected (encrypted)",
                                     hint="save or print it to an unprotected PDF") from exc
        detail = str(cause) or type(cause).__name__
        raise UnreadableDocument(name, f"the PDF is damaged and cannot be parsed ({detail})",
                                 hint="download it again or re-save it with a PDF viewer") from exc
    return pages


def _page_items(page, number: int) -> list[_Item]:
    items: list[_Item] = []
    boxes = []
    for table in page.find_tables():
        rows = [[normalise(_join_cell(cell)) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if not rows or max(len(row) for row in rows) < 2:
            continue  # a framed paragraph, not a table: read it as text
        boxes.append(table.bbox)
        items.append(_Item(number, table.bbox[1], table.bbox[3], rows=rows, table=True))
    words = [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("size") or 0.0)
             for w in page.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False,
                                         extra_attrs=["size"])
             if w.get("upright", True) and not any(_inside(w, box) for box in boxes)]
    items.extend(_Item(number, min(w.top for w in line), max(w.bottom for w in line), words=line)
                 for line in _group_lines(words))
    items.sort(key=lambda item: (item.top, item.words[0].x0 if item.words else 0))
    return items


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _join_cell(cell: str | None) -> str:
    return join_wrapped((cell or "").split("\n"))


def _group_lines(words: list[_Word]) -> list[list[_Word]]:
    """Words → printed lines: a word joins a line when it overlaps it vertically by half."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-3:]):
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


# ------------------------------------------------------------ headers and footers
def _drop_headers_and_footers(pages: list[list[_Item]]) -> None:
    """Remove page numbers and lines that recur at the top or bottom of most pages.

    A recurring line has the same text at the same height, except for one number
    that runs with the page number ("Begroting 2026 | 12" on page 12, "| 13" on
    page 13). Lines in type larger than the running text are headings, never
    headers: "Programma 1", "Programma 2", … at the top of pages 1, 2, … stay.
    """
    body = _body_size(pages)
    zones = [[item for item in _zone(page) if item.size < 1.15 * body] for page in pages]
    seen: Counter[tuple[str, int | None, int]] = Counter()
    for number, zone in enumerate(zones, start=1):
        seen.update({(text, offset, round(item.top / 6) + d)
                     for item in zone for text, offset in _variants(item, number)
                     for d in (-1, 0, 1)})
    needed = max(2, (len(pages) + 1) // 2)
    for number, (page, zone) in enumerate(zip(pages, zones, strict=True), start=1):
        for item in zone:
            recurs = len(pages) > 1 and any(
                seen[(text, offset, round(item.top / 6))] >= needed
                for text, offset in _variants(item, number))
            if recurs or _PAGE_NUMBER.match(normalise(item.text)):
                page.remove(item)


def _variants(item: _Item, page: int) -> set[tuple[str, int | None]]:
    """The line's text, and for each number in it: the text without it and its page offset."""
    text = normalise(item.text).lower()
    numbers = list(re.finditer(r"\d{1,4}", text))
    return {(text, None)} | {(text[: m.start()] + "#" + text[m.end():], int(m.group()) - page)
                             for m in numbers}


def _zone(page: list[_Item]) -> list[_Item]:
    lines = [item for item in page if item.words]
    return list({id(item): item for item in lines[:_ZONE] + lines[-_ZONE:]}.values())


# ------------------------------------------------------------ columns
def _recover_columns(page: list[_Item], gap: float) -> list[_Item]:
    """Tables without ruling lines become pipe rows, text in columns is read column by column.

    See :mod:`beleidsgraaf.read.pdfcolumns`; a table's lines are replaced by one
    item holding its rows, where the table stood.
    """
    result: list[_Item] = []
    done = 0
    for run in recover_columns([item.words for item in page], gap):
        result.extend(page[done : run.start])
        covered = page[run.start : run.end]
        top, bottom = min(i.top for i in covered), max(i.bottom for i in covered)
        if run.rows is not None:
            result.append(_Item(covered[0].page, top, bottom, table=True,
                                texts=[pipe_row(_trim(cells)) for cells in run.rows]))
        else:
            result.extend(_Item(covered[0].page, min(w.top for w in words),
                                max(w.bottom for w in words), words=list(words))
                          for words in run.lines or [])
        done = run.end
    result.extend(page[done:])
    return result


def _trim(cells: list[str]) -> list[str]:
    """Without empty cells at the end (a row that only continues the first columns)."""
    cells = list(cells)
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return cells


# ------------------------------------------------------------ reading order and numbering
@dataclass
class _Out:
    text: str
    page: int
    kind: str  # "text" (running text), "heading", "row" (table) or "blank"


def _usual_gap(pages: list[list[_Item]]) -> float:
    """The most common space between two printed lines: the line spacing of running text."""
    gaps = Counter(round(2 * (b.top - a.bottom)) / 2 for page in pages
                   for a, b in zip(page, page[1:], strict=False)
                   if a.words and b.words and 0 <= b.top - a.bottom < 1.5 * a.height)
    if not gaps:
        return 2.0
    most = max(gaps.values())
    return min(gap for gap, count in gaps.items() if count == most)


def _paragraph_break(above: _Item, below: _Item, gap: float) -> bool:
    return paragraph_space(below.top - above.bottom, min(above.height, below.height), gap)


def _body_size(pages: list[list[_Item]]) -> float:
    """The font size of most of the text."""
    sizes = Counter(round(w.size, 1) for page in pages for item in page for w in item.words
                    for _ in w.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _flow(pages: list[list[_Item]], gap: float) -> list[_Out]:
    body = _body_size(pages)
    out: list[_Out] = []
    for page in pages:
        previous: _Item | None = None
        for item in page:
            if previous is not None:
                if not (previous.table and item.table) and _paragraph_break(previous, item, gap):
                    out.append(_Out("", item.page, "blank"))
            elif out and (out[-1].kind != "text" or _SENTENCE_END.search(out[-1].text)):
                out.append(_Out("", item.page, "blank"))  # a page break ends a paragraph, unless
                # the page ends in the middle of a sentence
            if item.rows is not None:
                out.extend(_Out(pipe_row(row), item.page, "row") for row in item.rows)
            elif item.texts:
                out.extend(_Out(text, item.page, "row") for text in item.texts)
            else:
                heading = body > 0 and item.size >= 1.15 * body and len(item.words) <= 15
                out.append(_Out(clean_line(item.text), item.page, "heading" if heading else "text"))
            previous = item
    return _repair(out)


def _repair(out: list[_Out]) -> list[_Out]:
    """Mend words broken at line ends (across pages too); drop emptied and double blank lines."""
    out = [item for item in out if item.text or item.kind == "blank"]
    for a, b in zip(out, out[1:], strict=False):
        if a.kind == b.kind == "text" and a.text and b.text:
            joined = dehyphenate(a.text, b.text)
            if joined is not None:
                a.text, b.text = joined[0], joined[1].strip()
    result: list[_Out] = []
    for item in out:
        if item.kind == "blank" and (not result or result[-1].kind == "blank"):
            continue
        if item.text or item.kind == "blank":
            result.append(item)
    while result and result[-1].kind == "blank":
        result.pop()
    return result


def _number(out: list[_Out]) -> list[Line]:
    return [Line(number, item.text, item.page, item.kind == "heading")
            for number, item in enumerate(out, start=1)]
