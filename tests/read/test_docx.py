"""Word (.docx): paragraphs, headings, numbering and tables in document order, one line each.

Every fixture is written by the test with python-docx (see ``makers.py``).
"""

from __future__ import annotations

import zipfile

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.read import read_document
from tests.read.makers import make_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def read(tmp_path, build):
    return read_document(make_docx(tmp_path / "doc.docx", build)).lines


def texts(tmp_path, build) -> list[str]:
    return [line.text for line in read(tmp_path, build)]


def outline_numbering(document) -> str:
    """Add a three-level list ("1." / "1.1" / "a)") to the document; return its numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%3)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered(paragraph, num_id: str, level: int):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_paragraphs_and_tables_in_document_order_numbered_by_paragraph(tmp_path):
    def build(d):
        d.add_paragraph("Inleiding.")
        d.add_paragraph("")
        table = d.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "Doel", (0, 1): "Actie", (1, 0): "Meedoen",
                             (1, 1): "Uitvoering Participatiewet"}.items():
            table.cell(r, c).text = text
        d.add_paragraph("Slot.")

    assert [(ln.number, ln.text, ln.page) for ln in read(tmp_path, build)] == [
        (1, "Inleiding.", None), (2, "", None), (3, "Doel | Actie |", None),
        (4, "Meedoen | Uitvoering Participatiewet |", None), (5, "Slot.", None)]


def test_headings_are_own_lines_and_marked(tmp_path):
    def build(d):
        d.add_heading("Begroting 2026", 0)
        d.add_heading("Programma 5 Sociaal domein", 1)
        kop = d.styles.add_style("Kop 2", WD_STYLE_TYPE.PARAGRAPH)
        d.add_paragraph("Wat willen we bereiken?", style=kop)
        d.add_paragraph("Iedereen doet mee.")

    assert [(ln.text, ln.heading) for ln in read(tmp_path, build)] == [
        ("Begroting 2026", True), ("Programma 5 Sociaal domein", True),
        ("Wat willen we bereiken?", True), ("Iedereen doet mee.", False)]


@pytest.mark.parametrize(
    ("items", "expected"),
    [pytest.param([(0, "Jeugd"), (1, "Preventie"), (1, "Toegang"), (2, "wijkteam"),
                   (0, "Werk"), (1, "Re-integratie")],
                  ["1. Jeugd", "1.1 Preventie", "1.2 Toegang", "a) wijkteam", "2. Werk",
                   "2.1 Re-integratie"], id="outline"),
     pytest.param([(0, "Een"), (2, "sub"), (2, "sub"), (0, "Twee"), (2, "weer a")],
                  ["1. Een", "a) sub", "b) sub", "2. Twee", "a) weer a"],
                  id="deeper-levels-restart")],
)
def test_numbered_lists_are_written_as_displayed(tmp_path, items, expected):
    def build(d):
        num_id = outline_numbering(d)
        for level, text in items:
            numbered(d.add_paragraph(text), num_id, level)

    assert texts(tmp_path, build) == expected


def test_list_styles_and_bullets(tmp_path):
    def build(d):
        d.add_paragraph("Eerste maatregel", style="List Number")
        d.add_paragraph("Tweede maatregel", style="List Number")
        d.add_paragraph("Een opsommingsteken", style="List Bullet")

    assert texts(tmp_path, build) == ["1. Eerste maatregel", "2. Tweede maatregel",
                                      "Een opsommingsteken"]


def test_heading_numbering_from_the_style(tmp_path):
    def build(d):
        num_id = outline_numbering(d)
        for name, level in (("Kop 1", 0), ("Kop 2", 1)):
            style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.element.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        d.add_paragraph("Sociaal domein", style="Kop 1")
        d.add_paragraph("Jeugd", style="Kop 2")
        d.add_paragraph("Wmo", style="Kop 2")

    assert [(ln.text, ln.heading) for ln in read(tmp_path, build)] == [
        ("1. Sociaal domein", True), ("1.1 Jeugd", True), ("1.2 Wmo", True)]


@pytest.mark.parametrize(
    ("build_table", "expected"),
    [pytest.param(lambda t: (t.cell(0, 0).merge(t.cell(0, 1)),
                             setattr(t.cell(0, 0), "text", "Kop"),
                             setattr(t.cell(0, 2), "text", "x")),
                  ["Kop |  | x |"], id="horizontal-merge"),
     pytest.param(lambda t: (t.cell(0, 0).merge(t.cell(1, 0)),
                             setattr(t.cell(0, 0), "text", "Doel"),
                             setattr(t.cell(0, 1), "text", "a"),
                             setattr(t.cell(1, 1), "text", "b")),
                  ["Doel | a |  |", "| b |  |"], id="vertical-merge"),
     pytest.param(lambda t: (setattr(t.cell(0, 0), "text", "Eerste alinea."),
                             t.cell(0, 0).add_paragraph("Tweede alinea."),
                             setattr(t.cell(0, 1), "text", "a|b")),
                  ["Eerste alinea. Tweede alinea. | a/b |  |"], id="paragraphs-stay-in-cell")],
)
def test_tables_become_pipe_rows(tmp_path, build_table, expected):
    def build(d):
        build_table(d.add_table(rows=2, cols=3))

    assert texts(tmp_path, build) == expected


def test_empty_table_rows_keep_their_number_but_no_line(tmp_path):
    def build(d):
        table = d.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "a"
        table.cell(2, 0).text = "c"

    assert [(ln.number, ln.text) for ln in read(tmp_path, build)] == [(1, "a |  |"),
                                                                      (3, "c |  |")]


@pytest.mark.parametrize(
    ("xml", "expected"),
    [pytest.param('<w:r><w:t>Regel een</w:t><w:br/><w:t>regel twee</w:t></w:r>',
                  "Regel een regel twee", id="line-break"),
     pytest.param('<w:r><w:t>5.1</w:t><w:tab/><w:t>Jeugd</w:t></w:r>', "5.1 Jeugd", id="tab"),
     pytest.param('<w:r><w:t>Wmo</w:t><w:noBreakHyphen/><w:t>vervoer</w:t></w:r>',
                  "Wmo-vervoer", id="no-break-hyphen"),
     pytest.param('<w:r><w:t xml:space="preserve">Wij </w:t></w:r>'
                  '<w:del w:id="1" w:author="a"><w:r><w:delText>niet </w:delText></w:r></w:del>'
                  '<w:ins w:id="2" w:author="a"><w:r><w:t>wel</w:t></w:r></w:ins>',
                  "Wij wel", id="tracked-changes"),
     pytest.param('<w:r><w:t>Terug naar navigatie - Home - Doel</w:t></w:r>', None,
                  id="navigation")],
)
def test_paragraph_text(tmp_path, xml, expected):
    def build(d):
        d.add_paragraph("Begin.")
        d.element.body.insert(1, parse_xml(f"<w:p {W}>{xml}</w:p>"))

    lines = read(tmp_path, build)
    assert [ln.text for ln in lines] == ["Begin."] + ([expected] if expected else [])
    assert lines[-1].number == 2 or expected is None


def test_content_controls_are_read(tmp_path):
    def build(d):
        d.element.body.insert(0, parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Onderwerp: Jeugdhulp</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"))

    assert texts(tmp_path, build) == ["Onderwerp: Jeugdhulp"]


def zipped(entries: dict[str, str]):
    def write(path):
        with zipfile.ZipFile(path, "w") as archive:
            for name, content in entries.items():
                archive.writestr(name, content)
    return write


@pytest.mark.parametrize(
    ("write", "reason"),
    [pytest.param(lambda p: p.write_bytes(b""), "the file is empty", id="empty"),
     pytest.param(lambda p: p.write_bytes(b"Dit is geen Word-bestand"), "not a Word document",
                  id="not-a-zip"),
     pytest.param(lambda p: p.write_bytes(b"PK\x03\x04\x14\x00kapot"), "not a Word document",
                  id="corrupt-zip"),
     pytest.param(zipped({"mimetype": "application/vnd.oasis.opendocument.text"}),
                  "not a Word document (no word/document.xml", id="other-zip"),
     pytest.param(lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
                  "a password-protected Word document or an old .doc", id="ole"),
     pytest.param(zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document"}),
                  "the Word document is damaged", id="damaged-xml"),
     pytest.param(lambda p: make_docx(p, lambda d: d.add_paragraph("")),
                  "the Word document contains no text", id="no-text")],
)
def test_bad_word_files_are_refused_with_a_reason(tmp_path, write, reason):
    path = tmp_path / "nota.docx"
    write(path)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.file == "nota.docx"
    assert caught.value.reason.startswith(reason)


def test_source_records_the_format(tmp_path):
    source = read_document(make_docx(tmp_path / "doc.docx", lambda d: d.add_paragraph("Tekst.")))
    assert source.encoding == "docx"
