"""Small PDF and Word fixtures, written by the tests themselves (reportlab, python-docx).

A PDF page is a list of items drawn top to bottom at a 12 pt line pitch:
a ``str`` is a line of body text, :class:`Gap` extra space, :class:`Big` a
line in a larger font, :class:`Cols` a borderless table row (text at given x
positions), :class:`Ruled` a table drawn with ruling lines, :class:`Grid` a
borderless table whose cells wrap over several lines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

LEFT, TOP, PITCH, SIZE = 72.0, 100.0, 12.0, 10.0


@dataclass
class Gap:
    points: float = 12.0


@dataclass
class Big:
    text: str
    size: float = 16.0


@dataclass
class Cols:
    cells: tuple[str, ...]
    xs: tuple[float, ...] = (72.0, 250.0, 450.0)


@dataclass
class Ruled:
    rows: list[tuple[str, ...]]
    xs: tuple[float, ...] = (72.0, 250.0, 450.0, 520.0)


@dataclass
class Grid:
    """A table without ruling lines whose cells wrap as a word processor wraps them.

    Each cell is a list of paragraphs, wrapped to the column's width (up to the
    next column, less ``margin``); a paragraph with ``\\n`` keeps the line breaks
    written in it. ``shifts`` lowers a column's baselines (columns set at
    different heights, so a line-by-line reading alternates between them);
    ``padding`` is the extra space between rows.
    """

    rows: list[tuple[list[str], ...]]
    xs: tuple[float, ...] = (72.0, 300.0)
    shifts: tuple[float, ...] = (0.0, 0.0, 0.0)
    padding: float = 6.0
    width: float = 520.0  # right edge of the last column
    margin: float = 12.0

    def lines(self, row: tuple[list[str], ...]) -> list[list[str]]:
        """The printed lines of each cell of a row."""
        from reportlab.lib.utils import simpleSplit

        edges = [*self.xs[1:], self.width]
        return [
            [
                line
                for paragraph in cell
                for line in (
                    paragraph.split("\n")
                    if "\n" in paragraph
                    else simpleSplit(paragraph, "Helvetica", SIZE, right - x - self.margin)
                )
            ]
            for x, right, cell in zip(self.xs, edges, row, strict=False)
        ]


@dataclass
class Page:
    items: list = field(default_factory=list)
    header: str | None = None  # "{page}" is replaced by the page number
    footer: str | None = None


def make_pdf(path: Path, pages: list[Page | list], *, password: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    encrypt = None
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, ownerPassword=password + "-owner")
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    for number, page in enumerate(pages, start=1):
        page = page if isinstance(page, Page) else Page(list(page))
        pdf.setFont("Helvetica", 9)
        if page.header:
            pdf.drawString(LEFT, height - 40, page.header.format(page=number))
        if page.footer:
            pdf.drawString(width / 2, 30, page.footer.format(page=number))
        y = height - TOP
        for item in page.items:
            y = _draw(pdf, item, y)
        pdf.showPage()
    pdf.save()
    return path


def _draw(pdf, item, y: float) -> float:
    if isinstance(item, Gap):
        return y - item.points
    if isinstance(item, Big):
        pdf.setFont("Helvetica-Bold", item.size)
        pdf.drawString(LEFT, y, item.text)
        return y - item.size - 6
    pdf.setFont("Helvetica", SIZE)
    if isinstance(item, str):
        pdf.drawString(LEFT, y, item)
        return y - PITCH
    if isinstance(item, Cols):
        for x, text in zip(item.xs, item.cells, strict=False):
            if text:
                pdf.drawString(x, y, text)
        return y - PITCH
    if isinstance(item, Grid):
        for row in item.rows:
            cells = item.lines(row)
            for x, shift, cell in zip(item.xs, item.shifts, cells, strict=False):
                for k, text in enumerate(cell):
                    pdf.drawString(x, y - k * PITCH - shift, text)
            y -= PITCH * max(len(cell) for cell in cells) + item.padding
        return y - PITCH
    if isinstance(item, Ruled):
        top = y + SIZE
        for row in item.rows:
            for x, text in zip(item.xs, row, strict=False):
                pdf.drawString(x + 3, y - 2, text)
            y -= 16
        bottom = top - 16 * len(item.rows)
        for k in range(len(item.rows) + 1):
            pdf.line(item.xs[0], top - 16 * k, item.xs[-1], top - 16 * k)
        for x in item.xs:
            pdf.line(x, top, x, bottom)
        return bottom - PITCH
    raise TypeError(item)


def make_scan(path: Path) -> Path:
    """A PDF with only an image on its page, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).text((20, 80), "Programma 5 Sociaal domein", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 72, 500, 400, 200)
    pdf.showPage()
    pdf.save()
    return path


def make_docx(path: Path, build) -> Path:
    """Call ``build(document)`` on a new python-docx document and save it."""
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path
