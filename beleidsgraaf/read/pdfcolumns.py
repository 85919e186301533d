"""Columns on a PDF page: tables without ruling lines, and text set in columns.

A PDF has no table cells or columns, only words with their boxes. Read line by
line, a table whose cells wrap over several lines comes out interleaved: the
cells of a row side by side on one printed line ("Inwoners zijn zelfredzaam en
We versterken de toegang tot"), or — when the columns' baselines differ — a
line of the left column, then a line of the right column, and so on. The
columns are recovered from the geometry alone, never from header words:

- a **gutter** is a vertical band that no word of a run of consecutive lines
  crosses, with words on both sides; its columns must start (or end) at a common
  x, as the columns of a table or page do (the spaces of justified text never
  line up that way); a column holding nothing but list numbers or bullets is a
  hanging indent, not a column;
- a column's lines form **paragraphs**: a new one starts after vertical space,
  at a bullet or list number, or where the line above ended early (the first
  word would have fitted on it, so the line was broken on purpose); in the
  columns after the first, a sentence that ends a line ends its paragraph too
  (for the widest line of a column the room test cannot tell);
- a **row** starts where the first column starts a paragraph, or where a line
  of it starts with a capital beside a new paragraph (or only capitals) in the
  other columns; when baselines differ between columns, each column's cell
  starts at the line near the row's top that opens a paragraph;
- when the cells of most rows start together (top-aligned, as in a table), the
  run is a table: each row becomes pipe rows, the first column's cell whole and
  every paragraph of the other columns on a line of its own, beside the
  paragraphs of other columns that start at its height (``| second activity |``),
  so the structure stage sees one goal and its activities; otherwise the columns
  are running text and are read one after the other.

Rows before the first and after the last row with text in more than one column
(a short line of a paragraph above the table, a note below it) stay ordinary
lines.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from beleidsgraaf.read.clean import join_wrapped, normalise

#: a list number or bullet standing alone ("5.1.1", "a)", "•")
MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,3})*[.)]?|[a-z][.)]|[•·▪‣◦●■►✓*–-])$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;]$")
_BROKEN = re.compile(r"[^\W\d_]-$")
_GUTTER = 1.0  # narrowest gutter, in line heights (a word space is about 0.3)
_ALIGN = 0.5  # how far the starts of a column's lines may differ, in line heights
_SPACE = 0.3  # width of a word space, in line heights


class Word(Protocol):
    """A word with its box, as pdfplumber measures it (points, top down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _ColumnLine:
    """The words of one printed line that stand in one column."""

    column: int
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Recovered:
    """Printed lines ``start`` … ``end - 1`` of a page, read as columns.

    Either ``rows`` (a table: the cells of each line to write) or ``lines`` (text
    in columns: the printed lines in reading order, column after column).
    """

    start: int
    end: int
    rows: list[list[str]] | None = None
    lines: list[list[Word]] | None = None


def paragraph_space(space: float, height: float, gap: float) -> bool:
    """Is ``space`` between two lines clearly more than the usual ``gap`` between lines?"""
    return space > max(1.8 * gap, gap + 0.45 * height)


def recover_columns(lines: Sequence[Sequence[Word]], gap: float) -> list[Recovered]:
    """Runs of a page's printed lines (top to bottom) that stand in columns.

    An empty line (a ruled table, already read) interrupts a run. ``gap`` is the
    usual space between two lines of running text.
    """
    found: list[Recovered] = []
    i = 0
    while i < len(lines):
        end = _run_end(lines, i)
        if end is None:
            i += 1
            continue
        first, last = _trim(lines, i, end, gap)
        result = _read_run(lines, first, last, gap) if last - first >= 2 else None
        if result is not None:
            found.append(result)
        i = end
    return found


# ------------------------------------------------------------------ gutters
def _trim(lines: Sequence[Sequence[Word]], start: int, end: int, gap: float) -> tuple[int, int]:
    """The run without lines above or below it, set apart by space, that stand in one column.

    The last short line of a paragraph above a table (or a note under it) leaves
    the table's gutter free; it belongs to the text, not to the table.
    """
    height = _height(lines[start:end])
    starts = _gutters(lines[start:end], _GUTTER * height)
    if not starts:
        return start, start
    spread = [k for k in range(start, end) if any(w.x0 >= starts[0] for w in lines[k])]
    first, last = spread[0], spread[-1] + 1
    while first > start and not _apart(lines[first - 1], lines[first], height, gap):
        first -= 1
    while last < end and not _apart(lines[last - 1], lines[last], height, gap):
        last += 1
    return first, last


def _apart(above: Sequence[Word], below: Sequence[Word], height: float, gap: float) -> bool:
    space = min(w.top for w in below) - max(w.bottom for w in above)
    return paragraph_space(space, height, gap)


def _height(lines: Sequence[Sequence[Word]]) -> float:
    return statistics.median(w.bottom - w.top for line in lines for w in line)


def _blocks(spans: list[tuple[float, float]], min_width: float) -> list[tuple[float, float]]:
    """The x-ranges covered by words, joined where less than ``min_width`` apart."""
    blocks: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if blocks and x0 - blocks[-1][1] < min_width:
            blocks[-1][1] = max(blocks[-1][1], x1)
        else:
            blocks.append([x0, x1])
    return [(a, b) for a, b in blocks]


def _run_end(lines: Sequence[Sequence[Word]], start: int) -> int | None:
    """End (exclusive) of the longest run from ``start`` that keeps a gutter, if any.

    The run is grown line by line while its words still leave a band free; two
    lines are needed to see one (in a table whose columns alternate line by line,
    no single line shows it).
    """
    if not lines[start]:
        return None
    min_width = _GUTTER * _height([lines[start]])
    blocks = _blocks([(w.x0, w.x1) for w in lines[start]], min_width)
    end = start + 1
    while end < len(lines) and lines[end]:
        grown = _blocks(blocks + [(w.x0, w.x1) for w in lines[end]], min_width)
        if len(grown) < 2:
            break
        blocks, end = grown, end + 1
    return end if end - start >= 2 and len(blocks) >= 2 else None


def _gutters(lines: Sequence[Sequence[Word]], min_width: float) -> list[float]:
    """The x where each column after the first starts (the right edge of each gutter)."""
    blocks = _blocks([(w.x0, w.x1) for line in lines for w in line], min_width)
    return [x0 for x0, _ in blocks[1:]]


def _column_lines(lines: Sequence[Sequence[Word]], starts: list[float]) -> list[_ColumnLine]:
    result: list[_ColumnLine] = []
    for line in lines:
        by_column: dict[int, list[Word]] = {}
        for word in sorted(line, key=lambda w: w.x0):
            by_column.setdefault(sum(word.x0 >= x for x in starts), []).append(word)
        result.extend(_ColumnLine(column, words) for column, words in sorted(by_column.items()))
    return result


def _real_columns(lines: Sequence[Sequence[Word]], height: float) -> list[float]:
    """Column starts, without a hanging indent and without bands that are not aligned."""
    starts = _gutters(lines, _GUTTER * height)
    while starts:
        parts = _column_lines(lines, starts)
        if all(MARKER.match(p.text) for p in parts if p.column == 0):
            del starts[0]  # numbers or bullets before their text
            continue
        loose = next(
            (
                k
                for k in range(1, len(starts) + 1)
                if not _aligned([p for p in parts if p.column == k], height)
            ),
            None,
        )
        if loose is None:
            break
        del starts[loose - 1]
    return starts


def _aligned(column: list[_ColumnLine], height: float) -> bool:
    """Do most lines of a column start, or end, at the same x?"""
    if not column:
        return False
    left, right = min(p.x0 for p in column), max(p.x1 for p in column)
    tolerance = _ALIGN * height
    starts = sum(p.x0 - left <= tolerance for p in column)
    ends = sum(right - p.x1 <= tolerance for p in column)
    return 2 * max(starts, ends) >= len(column)


# ------------------------------------------------------------- paragraphs, rows
@dataclass
class _Geometry:
    gap: float
    height: float
    edges: dict[int, float]  # rightmost x of each column

    @property
    def same_height(self) -> float:
        """How far apart two lines may start and still stand side by side."""
        return 0.75 * (self.height + self.gap)


def _new_paragraph(line: _ColumnLine, above: _ColumnLine | None, geo: _Geometry) -> bool:
    """A line starts a paragraph: space above, a marker, or the line above ended early."""
    if above is None:
        return True
    if paragraph_space(line.top - above.bottom, geo.height, geo.gap):
        return True
    if MARKER.match(line.words[0].text):
        return True
    if _BROKEN.search(above.text):
        return False  # a word broken at the line end goes on
    first = line.words[0].x1 - line.words[0].x0
    return above.x1 + _SPACE * geo.height + first <= geo.edges[line.column]


def _new_sentence(line: _ColumnLine, above: _ColumnLine | None) -> bool:
    return above is not None and bool(_SENTENCE_END.search(above.text)) and _capital(line)


def _capital(line: _ColumnLine) -> bool:
    first = line.text.lstrip("'\"‘“(")[:1]
    return first.isupper() or first.isdigit()


def _row_starts(parts: list[_ColumnLine], geo: _Geometry) -> list[float]:
    """Tops of the rows: where the first column starts a new cell."""
    above = _previous_in_column(parts)
    first = [p for p in parts if p.column == 0]
    tops = [min(p.top for p in parts)]
    for line in first:
        if line.top - tops[-1] <= geo.same_height:
            continue
        beside = [p for p in parts if p.column > 0 and abs(p.top - line.top) <= geo.same_height]
        if _new_paragraph(line, above[id(line)], geo) or _starts_together(line, beside, above, geo):
            tops.append(line.top)
    return tops


def _starts_together(
    line: _ColumnLine,
    beside: list[_ColumnLine],
    above: dict[int, _ColumnLine | None],
    geo: _Geometry,
) -> bool:
    """A capitalised first-column line beside new cells: a row with no space above it."""
    return (
        _capital(line)
        and bool(beside)
        and (any(_opens(p, above[id(p)], geo) for p in beside) or all(_capital(p) for p in beside))
    )


def _previous_in_column(parts: list[_ColumnLine]) -> dict[int, _ColumnLine | None]:
    last: dict[int, _ColumnLine] = {}
    above: dict[int, _ColumnLine | None] = {}
    for part in sorted(parts, key=lambda p: p.top):
        above[id(part)] = last.get(part.column)
        last[part.column] = part
    return above


@dataclass
class _Row:
    top: float
    parts: list[_ColumnLine]
    #: the first line of the row in each column that starts a new cell there (not the
    #: rest of a paragraph from the row above, as in columns of running text)
    openings: list[_ColumnLine] = field(default_factory=list)

    def has_columns(self) -> bool:
        return any(p.column > 0 for p in self.parts)


def _rows(parts: list[_ColumnLine], geo: _Geometry) -> list[_Row]:
    """The column lines of each row, column by column."""
    tops = _row_starts(parts, geo)
    rows = [_Row(top, []) for top in tops]
    for column in sorted({p.column for p in parts}):
        own = sorted((p for p in parts if p.column == column), key=lambda p: p.top)
        cuts = _cuts(own, tops, geo)
        for row, (a, b) in zip(rows, zip(cuts, cuts[1:], strict=False), strict=True):
            row.parts.extend(own[a:b])
            if a < b and (a == 0 or _opens(own[a], own[a - 1], geo)):
                row.openings.append(own[a])
    return rows


def _opens(line: _ColumnLine, above: _ColumnLine | None, geo: _Geometry) -> bool:
    return _new_paragraph(line, above, geo) or _new_sentence(line, above)


def _cuts(own: list[_ColumnLine], tops: list[float], geo: _Geometry) -> list[int]:
    """Where each row starts in one column's lines.

    Near a row's top, the column's own cell starts with a new paragraph or
    sentence; when baselines differ between columns, the line just above the
    row's top may still be the last line of the cell before. A line that stands
    as near to the previous row's top starts that row's cell (cells are aligned
    at the top).
    """
    cuts = [0]
    for before, top in zip(tops, tops[1:], strict=False):
        low = cuts[-1]
        near = [
            i
            for i in range(low, len(own))
            if abs(own[i].top - top) <= geo.same_height
            and not (i == low and abs(own[i].top - before) <= geo.same_height)
        ]
        opening = [i for i in near if _opens(own[i], own[i - 1] if i else None, geo)]
        if opening:
            cut = min(opening, key=lambda i: abs(own[i].top - top))
        else:
            below = top - 0.25 * (geo.height + geo.gap)
            cut = next((i for i in range(low, len(own)) if own[i].top >= below), len(own))
        cuts.append(max(cut, low))
    cuts.append(len(own))
    return cuts


def _paragraphs(parts: list[_ColumnLine], geo: _Geometry) -> list[list[_ColumnLine]]:
    """A cell's paragraphs; a sentence ending a line also ends one.

    Whether the first word of a line would have fitted on the line above cannot
    be told for the widest line of a column, so there a sentence end followed by
    a capital marks the next item of the cell.
    """
    paragraphs: list[list[_ColumnLine]] = []
    for part in parts:
        above = paragraphs[-1][-1] if paragraphs else None
        if above is None or _new_paragraph(part, above, geo) or _new_sentence(part, above):
            paragraphs.append([part])
        else:
            paragraphs[-1].append(part)
    return paragraphs


def _cell_text(parts: list[_ColumnLine]) -> str:
    return normalise(join_wrapped([p.text for p in parts]))


def _table_lines(row: _Row, columns: int, geo: _Geometry) -> list[list[str]]:
    """One row → the cells of each line to write (first cell whole, one paragraph a line)."""
    lines: list[tuple[float, list[str]]] = [(row.top, [""] * columns)]
    first = [p for p in row.parts if p.column == 0]
    if first:
        lines[0][1][0] = _cell_text(first)
    for column in range(1, columns):
        own = [p for p in row.parts if p.column == column]
        for paragraph in _paragraphs(own, geo):
            top = paragraph[0].top
            slot = next(
                (
                    cells
                    for start, cells in lines
                    if abs(start - top) <= geo.same_height and not cells[column]
                ),
                None,
            )
            if slot is None:
                slot = [""] * columns
                lines.append((top, slot))
            slot[column] = _cell_text(paragraph)
    return [cells for _, cells in sorted(lines, key=lambda item: item[0])]


def _aligned_row(row: _Row, geo: _Geometry) -> bool:
    """Do the row's cells start together (as in a table), not just side by side?"""
    return any(p.column > 0 and abs(p.top - row.top) <= geo.same_height for p in row.openings)


# ----------------------------------------------------------------- one run
def _read_run(
    lines: Sequence[Sequence[Word]], start: int, end: int, gap: float
) -> Recovered | None:
    run = lines[start:end]
    height = _height(run)
    starts = _real_columns(run, height)
    if not starts:
        return None
    parts = _column_lines(run, starts)
    edges = {k: max(p.x1 for p in parts if p.column == k) for k in range(len(starts) + 1)}
    geo = _Geometry(gap, height, edges)
    if not _side_by_side(parts, geo):
        return None
    rows = _rows(parts, geo)
    table = [k for k, row in enumerate(rows) if row.has_columns()]
    if not table:
        return None
    first, last = table[0], table[-1]
    aligned = sum(_aligned_row(rows[k], geo) for k in table)
    owner = _line_index(run, start)
    if aligned >= 2 and 2 * aligned > len(table):
        span = rows[first : last + 1]
        cells = [line for row in span for line in _table_lines(row, len(starts) + 1, geo)]
        covered = [owner[id(p.words[0])] for row in span for p in row.parts]
        return Recovered(min(covered), max(covered) + 1, rows=cells)
    if any(sum(p.column == k for p in parts) < 2 for k in range(len(starts) + 1)):
        return None
    ordered = sorted(parts, key=lambda p: (p.column, p.top))
    return Recovered(start, end, lines=[p.words for p in ordered])


def _side_by_side(parts: list[_ColumnLine], geo: _Geometry) -> bool:
    """Do at least two lines of later columns stand beside a line of the first?

    An indented block under a few short lines leaves a gutter too, but nothing
    stands beside it.
    """
    first = [p.top for p in parts if p.column == 0]
    return (
        sum(
            any(abs(p.top - top) <= geo.same_height for top in first) for p in parts if p.column > 0
        )
        >= 2
    )


def _line_index(run: Sequence[Sequence[Word]], start: int) -> dict[int, int]:
    """Which printed line (page index) each word came from."""
    return {id(w): start + k for k, line in enumerate(run) for w in line}
