"""Word documents (``.docx``) → numbered lines, with python-docx.

The body is read in document order: every paragraph is one line (a manual line
break or tab inside it becomes a space), headings ("Heading N", "Kop N",
"Title") stay lines of their own and are marked (:attr:`Line.heading`), list
and heading numbering that Word generates is written out as it is displayed
("1.", "2.1", "a)"; bullets get no marker), and every table row becomes a pipe
row ``cell | cell |`` (the paragraphs of a cell are joined inside that cell;
horizontally merged cells keep their columns, the continued part of a
vertically merged cell is empty). Page headers, footers,
footnotes, comments, text boxes and deleted tracked changes are not read.

Line numbers count paragraphs in document order, each table row counting as
one paragraph, empty paragraphs included (they become blank lines), so
``bg:line`` 12 is the twelfth paragraph of the document.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.model import Line
from beleidsgraaf.read.clean import clean_line, normalise, pipe_row

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_q(t) for t in ("p", "tbl", "tr", "tc", "sdt",
                                                          "sdtContent"))
_VAL = _q("val")
# Subtrees whose text is not part of the paragraph as read: properties, deleted
# text, drawings and text boxes (which Word also stores twice, as a fallback).
_NOT_TEXT = frozenset({_q("pPr"), _q("rPr"), _q("del"), _q("moveFrom"), _q("drawing"),
                       _q("pict"), _q("object"), _q("instrText"), _q("delText"),
                       _q("footnoteReference"), _q("endnoteReference"), _q("commentReference"),
                       f"{{{_MC}}}AlternateContent"})
_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*[1-9]$|^(?:title|titel|subtitle|ondertitel)$",
                            re.I)
_BREAKS = frozenset({_q("tab"), _q("br"), _q("cr"), _q("ptab")})


def docx_lines(data: bytes, name: str) -> list[Line]:
    """Lines of a ``.docx`` file; :class:`UnreadableDocument` when it is not one."""
    document = _open(data, name)
    reader = _Reader(_Numbering.of(document), _styles(document))
    try:
        reader.body(document.element.body)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise UnreadableDocument(name, f"the Word document is damaged ({exc})",
                                 hint="open it in Word and save it again") from exc
    lines = reader.lines
    while lines and not lines[-1].text:
        lines.pop()
    if not any(line.text for line in lines):
        raise UnreadableDocument(name, "the Word document contains no text",
                                 hint="text in text boxes or images is not read")
    return lines


def _open(data: bytes, name: str):  # -> docx.document.Document
    if not data.strip():
        raise UnreadableDocument(name, "the file is empty", hint="export the document again")
    if data.startswith(_OLE):
        raise UnreadableDocument(
            name, "a password-protected Word document or an old .doc file, not a .docx",
            hint="save it in Word as .docx without a password")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableDocument(name, "not a Word document (a .docx is a zip archive; "
                                 "this file is not one, or it is damaged)",
                                 hint="export the document again as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(name, f"the .docx archive is damaged ({exc})") from exc
    if "word/document.xml" not in parts:
        raise UnreadableDocument(name, "not a Word document (no word/document.xml in the archive)",
                                 hint="is it another Office format renamed to .docx?")
    import docx  # python-docx, imported only when a Word file is read

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged XML
        raise UnreadableDocument(name, f"the Word document is damaged ({type(exc).__name__}: "
                                 f"{exc})", hint="open it in Word and save it again") from exc


@dataclass
class _Style:
    name: str
    based_on: str | None
    num: tuple[str | None, int | None] | None  # (numId, ilvl) from the style's pPr


def _styles(document) -> dict[str, _Style]:
    try:
        root = document.styles.element
    except (KeyError, AttributeError, NotImplementedError):
        return {}
    styles: dict[str, _Style] = {}
    for style in root.iter(_q("style")):
        style_id = style.get(_q("styleId"))
        if not style_id:
            continue
        name = style.find(_q("name"))
        based = style.find(_q("basedOn"))
        ppr = style.find(_q("pPr"))
        styles[style_id] = _Style(
            name.get(_VAL, "") if name is not None else "",
            based.get(_VAL) if based is not None else None,
            _num_pr(ppr.find(_q("numPr"))) if ppr is not None else None)
    return styles


def _num_pr(num_pr) -> tuple[str | None, int | None] | None:
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(_q("numId")), num_pr.find(_q("ilvl"))
    return (num_id.get(_VAL) if num_id is not None else None,
            int(ilvl.get(_VAL, "0")) if ilvl is not None else None)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list numbering: counters per abstract list, rendered like Word shows them."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstract id → levels
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstract id
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → starts
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return numbering
        for abstract in root.iter(_q("abstractNum")):
            levels = numbering.levels.setdefault(abstract.get(_q("abstractNumId"), ""), {})
            for lvl in abstract.iter(_q("lvl")):
                level = _Level()
                for tag, attr in (("start", "start"), ("numFmt", "fmt"), ("lvlText", "text")):
                    element = lvl.find(_q(tag))
                    if element is not None and element.get(_VAL) is not None:
                        value = element.get(_VAL)
                        setattr(level, attr, int(value) if attr == "start" else value)
                levels[int(lvl.get(_q("ilvl"), "0"))] = level
        for num in root.iter(_q("num")):
            abstract = num.find(_q("abstractNumId"))
            num_id = num.get(_q("numId"), "")
            if abstract is not None:
                numbering.nums[num_id] = abstract.get(_VAL, "")
            for override in num.iter(_q("lvlOverride")):
                start = override.find(_q("startOverride"))
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[
                        int(override.get(_q("ilvl"), "0"))] = int(start.get(_VAL, "1"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``num_id`` at ``ilvl`` and return the label ("" for bullets)."""
        abstract = self.nums.get(num_id)
        if abstract is None or num_id == "0":
            return ""
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for level, start in self.overrides.get(num_id, {}).items():
                counters[level] = start - 1
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""

        def render(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, _Level())
            return _format(counters.get(k, lvl.start), lvl.fmt)

        return re.sub(r"%([1-9])", render, level.text).strip()


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    result = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            result += letters
            value -= number
    return result


class _Reader:
    def __init__(self, numbering: _Numbering, styles: dict[str, _Style]) -> None:
        self.numbering = numbering
        self.styles = styles
        self.lines: list[Line] = []
        self.count = 0

    def body(self, element) -> None:
        for child in element:
            if child.tag == _P:
                self._line(self.paragraph(child), heading=self._is_heading(child))
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in (_SDT, _SDT_CONTENT, _q("customXml")):
                self.body(child)

    def _line(self, text: str | None, *, heading: bool = False) -> None:
        """One paragraph or row: it takes the next number; noise and empty rows are skipped."""
        self.count += 1
        if text is None:
            return
        cleaned = clean_line(text) if not text.endswith(" |") else text
        if cleaned or not text.strip():
            self.lines.append(Line(self.count, cleaned, heading=heading and bool(cleaned)))

    def paragraph(self, p) -> str:
        text = normalise("".join(_texts(p)))
        label = self._label(p)
        return f"{label} {text}" if label and text else text

    def _label(self, p) -> str:
        ppr = p.find(_q("pPr"))
        own = _num_pr(ppr.find(_q("numPr"))) if ppr is not None else None
        style_id = None
        if ppr is not None and (style := ppr.find(_q("pStyle"))) is not None:
            style_id = style.get(_VAL)
        inherited = self._style_num(style_id)
        num_id = (own and own[0]) or (inherited and inherited[0])
        ilvl = (own and own[1]) if own and own[1] is not None else \
            (inherited[1] if inherited and inherited[1] is not None else 0)
        return self.numbering.label(num_id, ilvl) if num_id else ""

    def _is_heading(self, p) -> bool:
        """A paragraph in a heading or title style ("Heading 2", "Kop 2", "Title")."""
        ppr = p.find(_q("pPr"))
        if ppr is None:
            return False
        if ppr.find(_q("outlineLvl")) is not None:
            return True
        style = ppr.find(_q("pStyle"))
        style_id = style.get(_VAL) if style is not None else None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            found = self.styles.get(style_id)
            if _HEADING_STYLE.match(style_id) or (found and _HEADING_STYLE.match(found.name)):
                return True
            style_id = found.based_on if found else None
        return False

    def _style_num(self, style_id: str | None) -> tuple[str | None, int | None] | None:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            if style.num:
                return style.num
            style_id = style.based_on
        return None

    def table(self, tbl) -> None:
        for tr in tbl.iter(_TR):
            if _ancestor_table(tr) is not tbl:
                continue
            self._line(self.row(tr))

    def row(self, tr) -> str | None:
        cells: list[str] = []
        trpr = tr.find(_q("trPr"))
        before = trpr.find(_q("gridBefore")) if trpr is not None else None
        if before is not None:
            cells.extend("" for _ in range(int(before.get(_VAL, "0"))))
        for tc in _children(tr, _TC):
            tcpr = tc.find(_q("tcPr"))
            span, continued = 1, False
            if tcpr is not None:
                grid = tcpr.find(_q("gridSpan"))
                span = int(grid.get(_VAL, "1")) if grid is not None else 1
                merge = tcpr.find(_q("vMerge"))
                continued = merge is not None and merge.get(_VAL, "continue") == "continue"
            text = "" if continued else self.cell(tc)
            cells.append(text)
            cells.extend("" for _ in range(max(0, span - 1)))
        return pipe_row(cells) if any(cells) else None

    def cell(self, tc) -> str:
        parts: list[str] = []
        for child in tc:
            if child.tag == _P:
                parts.append(self.paragraph(child))
            elif child.tag == _TBL:
                parts.extend(self.row(tr) or "" for tr in child.iter(_TR)
                             if _ancestor_table(tr) is child)
            elif child.tag in (_SDT, _SDT_CONTENT):
                parts.append(self.cell(child))
        return normalise(" ".join(p.rstrip(" |") for p in parts if p))


def _children(element, tag: str):
    """Direct children with ``tag``, looking through content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _SDT_CONTENT, _q("customXml")):
            yield from _children(child, tag)


def _ancestor_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _texts(element):
    """Text of a paragraph in order: runs, hyperlinks, insertions, fields; breaks as spaces."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            continue
        if tag == _q("t"):
            yield child.text or ""
        elif tag in _BREAKS:
            yield " "
        elif tag == _q("noBreakHyphen"):
            yield "-"
        else:
            yield from _texts(child)
