"""PDF: reading order, tables, running headers/footers, hyphenation, pages and line numbers.

Every fixture is written by the test with reportlab (see ``makers.py``).
"""

from __future__ import annotations

import pytest

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.read import read_document
from tests.read.makers import Big, Cols, Gap, Page, Ruled, make_pdf, make_scan


def read(tmp_path, pages, **kwargs):
    return read_document(make_pdf(tmp_path / "doc.pdf", pages, **kwargs)).lines


def texts(tmp_path, pages, **kwargs) -> list[str]:
    return [line.text for line in read(tmp_path, pages, **kwargs)]


def test_lines_are_numbered_through_the_document_and_carry_their_page(tmp_path):
    lines = read(tmp_path, [
        ["Inleiding van het programma.", "Wij werken samen met de GGD."],
        ["Wij voeren de Participatiewet uit.", Gap(), "Nieuwe alinea."],
    ])
    assert [(ln.number, ln.page, ln.text) for ln in lines] == [
        (1, 1, "Inleiding van het programma."),
        (2, 1, "Wij werken samen met de GGD."),
        (3, 2, ""),
        (4, 2, "Wij voeren de Participatiewet uit."),
        (5, 2, ""),
        (6, 2, "Nieuwe alinea."),
    ]
    law = next(ln for ln in lines if "Participatiewet" in ln.text)
    assert (law.number, law.page) == (4, 2)


@pytest.mark.parametrize(
    ("header", "footer"),
    [pytest.param("Programmabegroting 2026 Gemeente Voorbeeld", None, id="running-header"),
     pytest.param(None, "Pagina {page} van 3", id="pagina-x-van-y"),
     pytest.param(None, "{page}", id="lone-number"),
     pytest.param(None, "- {page} -", id="dashed-number"),
     pytest.param("Begroting 2026 | {page}", "Gemeente Voorbeeld", id="header-with-number")],
)
def test_page_headers_footers_and_numbers_are_removed(tmp_path, header, footer):
    pages = [Page([f"Tekst over {topic}."], header=header, footer=footer)
             for topic in ("jeugd", "werk", "zorg")]
    assert [t for t in texts(tmp_path, pages) if t] == [
        "Tekst over jeugd.", "Tekst over werk.", "Tekst over zorg."]


@pytest.mark.parametrize("numbers", [(1, 2, 3), (1, 4, 6)])
def test_numbered_headings_at_the_top_of_pages_are_not_running_headers(tmp_path, numbers):
    pages = [Page([Big(f"Programma {n}"), "Wij bieden hier de gewone tekst van dit programma."],
                  footer="{page}") for n in numbers]
    assert [t for t in texts(tmp_path, pages) if t.startswith("Programma")] == [
        f"Programma {n}" for n in numbers]


def test_a_line_that_recurs_in_the_body_only_is_kept(tmp_path):
    pages = [[f"Inleiding {n}.", "Meer tekst.", "Nog meer tekst.", "Wat gaan we daarvoor doen?",
              "Hier staat de kern.", "Nog een regel.", "Slotregel."] for n in (1, 2, 3)]
    assert texts(tmp_path, pages).count("Wat gaan we daarvoor doen?") == 3


@pytest.mark.parametrize(
    ("printed", "expected"),
    [pytest.param(["Toegang tot schuldhulp-", "verlening voor iedereen."],
                  ["Toegang tot schuldhulpverlening", "voor iedereen."], id="broken-word"),
     pytest.param(["Het sociaal recreatief Wmo-", "vervoer blijft."],
                  ["Het sociaal recreatief Wmo-vervoer", "blijft."], id="abbreviation"),
     pytest.param(["De provincie Noord-", "Brabant doet mee."],
                  ["De provincie Noord-Brabant", "doet mee."], id="capital-next"),
     pytest.param(["Het jeugd-", "en gezinswerk."], ["Het jeugd-", "en gezinswerk."],
                  id="suspended-compound"),
     pytest.param(["De mede-", "eigenaar."], ["De mede-eigenaar."], id="vowel-clash"),
     pytest.param(["In de periode 2024-", "2027 doen we dit."],
                  ["In de periode 2024-2027", "doen we dit."], id="years"),
     pytest.param(["Het beleid -", "zoals gezegd."], ["Het beleid -", "zoals gezegd."],
                  id="dash-not-hyphen")],
)
def test_hyphenation_at_line_ends_is_repaired(tmp_path, printed, expected):
    assert texts(tmp_path, [printed]) == expected


def test_a_word_broken_over_a_page_break_is_repaired(tmp_path):
    lines = read(tmp_path, [["Wij bieden schuldhulp-"], ["verlening aan inwoners."]])
    assert [(ln.page, ln.text) for ln in lines] == [
        (1, "Wij bieden schuldhulpverlening"), (2, "aan inwoners.")]


def test_a_ruled_table_becomes_pipe_rows_in_place(tmp_path):
    assert texts(tmp_path, [["Voor de tabel.",
                             Ruled([("Lasten", "1.234", "N"), ("Baten", "567", "V")]),
                             "Na de tabel."]]) == [
        "Voor de tabel.", "Lasten | 1.234 | N |", "Baten | 567 | V |", "Na de tabel."]


def test_a_borderless_table_becomes_pipe_rows_with_continued_cells(tmp_path):
    assert texts(tmp_path, [[
        "Inleiding van de doelen.", Gap(),
        Cols(("Wat willen we bereiken?", "Wat gaan we doen?", "Wanneer?")),
        Cols(("Inwoners doen mee", "We bieden hulp bij werk", "continu")),
        Cols(("", "volgens de Participatiewet", "")),
        Cols(("Schulden voorkomen", "Vroegsignalering", "2026 e.v.")),
        Gap(), "Een gewone alinea na de tabel die over de hele breedte van de pagina loopt.",
    ]]) == [
        "Inleiding van de doelen.", "",
        "Wat willen we bereiken? | Wat gaan we doen? | Wanneer? |",
        "Inwoners doen mee | We bieden hulp bij werk volgens de Participatiewet | continu |",
        "Schulden voorkomen | Vroegsignalering | 2026 e.v. |",
        "",
        "Een gewone alinea na de tabel die over de hele breedte van de pagina loopt.",
    ]


def test_a_number_before_a_tab_stop_stays_with_its_title(tmp_path):
    assert texts(tmp_path, [[Cols(("5.1.1", "Inwoners ontvangen passende ondersteuning"),
                                  xs=(72.0, 130.0)),
                             Cols(("5.1.2", "Inwoners zijn financieel zelfredzaam"),
                                  xs=(72.0, 130.0))]]) == [
        "5.1.1 Inwoners ontvangen passende ondersteuning",
        "5.1.2 Inwoners zijn financieel zelfredzaam"]


def test_larger_type_is_marked_as_heading(tmp_path):
    lines = read(tmp_path, [[Big("Programma 5 Sociaal domein"), "Wij bieden gewone tekst aan.",
                             "En nog meer gewone tekst."]])
    assert [(ln.text, ln.heading) for ln in lines if ln.text] == [
        ("Programma 5 Sociaal domein", True), ("Wij bieden gewone tekst aan.", False),
        ("En nog meer gewone tekst.", False)]


def test_navigation_printed_from_a_web_page_is_dropped(tmp_path):
    assert texts(tmp_path, [["Terug naar navigatie - Programma 1 - Doelen",
                             "Iedereen doet mee."]]) == ["Iedereen doet mee."]


def test_a_scan_without_text_layer_is_refused(tmp_path):
    with pytest.raises(UnreadableDocument) as caught:
        read_document(make_scan(tmp_path / "scan.pdf"))
    assert (caught.value.file, caught.value.reason, caught.value.hint) == (
        "scan.pdf", "the PDF has no text layer (scanned?)", "run OCR first")


def test_a_password_protected_pdf_is_refused(tmp_path):
    path = make_pdf(tmp_path / "geheim.pdf", [["Vertrouwelijk."]], password="geheim")
    with pytest.raises(UnreadableDocument, match="password-protected"):
        read_document(path)


def test_a_pdf_that_opens_without_password_is_read(tmp_path):
    path = make_pdf(tmp_path / "beveiligd.pdf", [["Alleen kopiëren is beperkt."]], password="")
    assert read_document(path).lines[0].text == "Alleen kopiëren is beperkt."


@pytest.mark.parametrize(
    ("data", "reason"),
    [pytest.param(b"", "the file is empty", id="empty"),
     pytest.param(b"<!DOCTYPE html><html><body>404</body></html>",
                  "not a PDF file (no %PDF header; it looks like an HTML page)", id="html"),
     pytest.param(b"PK\x03\x04 zip", "not a PDF file", id="other"),
     pytest.param(b"%PDF-1.4\ngarbage\n%%EOF", "the PDF is damaged", id="damaged")],
)
def test_bad_pdfs_are_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.file == "bad.pdf"
    assert caught.value.reason.startswith(reason)


def test_a_truncated_pdf_is_refused(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", [["Tekst."]]).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(UnreadableDocument, match="damaged"):
        read_document(path)


def test_source_records_the_format(tmp_path):
    source = read_document(make_pdf(tmp_path / "doc.pdf", [["Tekst."]]))
    assert source.encoding == "pdf"
    assert len(source.sha256) == 64
