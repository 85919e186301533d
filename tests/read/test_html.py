"""HTML pages: main text only, structure kept, and every line numbered by its line in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.read import read_document
from beleidsgraaf.read.html import html_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
BEGROTING = FIXTURES / "voorbeeld_2026_begroting-sociaal-domein.html"


def texts(html: str) -> list[str]:
    return [line.text for line in html_lines(html)]


def test_a_begrotingsapp_page_becomes_its_main_text_numbered_by_source_line():
    lines = read_document(BEGROTING).lines
    assert [(ln.number, ln.text) for ln in lines] == [
        (23, "Programma 3 Sociaal domein"),
        (25, "Iedereen in Voorbeeld doet mee. Wij voeren de Participatiewet en de Wmo 2015 uit "
             "samen met onze partners."),
        (27, "Wat willen we bereiken?"),
        (28, "Inwoners zijn zelfredzaam."),
        (31, "Wat willen we bereiken? | Wat gaan we daarvoor doen? | Wanneer? |"),
        (35, "3.1 Inwoners hebben grip op hun financiën | 3.1.1 Vroegsignalering van schulden "
             "met de Kredietbank | continu |"),
        (40, "| 3.1.2 Schuldhulpverlening | 2026 e.v. |"),
        (45, "Wat gaan we daarvoor doen?"),
        (47, "1. We bieden cliëntondersteuning."),
        (48, "2. We vernieuwen het Wmo-vervoer."),
        (50, "Zie ook"),
        (51, "programma 4."),
    ]
    assert [ln.number for ln in lines if ln.heading] == [23, 27, 45]


def test_every_line_number_points_at_the_html_line_where_its_text_starts():
    source = BEGROTING.read_text(encoding="utf-8").splitlines()
    for line in read_document(BEGROTING).lines:
        words = line.text.strip("| ").split()
        first_word = words[1] if re.fullmatch(r"\d+\.", words[0]) else words[0]  # "1." from <ol>
        assert first_word in source[line.number - 1].replace("&euml;", "ë"), line


def test_a_minified_page_still_gets_unique_increasing_numbers():
    html = "<main><h2>Doel 1</h2><p>Eerste.</p><p>Tweede.</p></main>\n<p>Na de main.</p>"
    lines = html_lines(html)
    assert [(ln.number, ln.text) for ln in lines] == [(1, "Doel 1"), (2, "Eerste."),
                                                      (3, "Tweede.")]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("<nav><ul><li>Home</li></ul></nav><p>Tekst.</p>", ["Tekst."], id="nav"),
        pytest.param("<div class='cookie-banner'><p>Cookies?</p></div><p>Tekst.</p>", ["Tekst."],
                     id="cookie-class"),
        pytest.param("<div id='CybotCookiebotDialog'>Toestemming</div><p>Tekst.</p>", ["Tekst."],
                     id="cookie-id"),
        pytest.param("<div role='dialog'>Wij gebruiken cookies</div><p>Tekst.</p>", ["Tekst."],
                     id="dialog-role"),
        pytest.param("<ul class='menu'><li>Programma 1</li></ul><p>Tekst.</p>", ["Tekst."],
                     id="menu"),
        pytest.param("<ol class='breadcrumb'><li>Home</li></ol><p>Tekst.</p>", ["Tekst."],
                     id="breadcrumb"),
        pytest.param("<p hidden>Weg</p><p aria-hidden='true'>Weg</p>"
                     "<p style='display:none'>Weg</p><p>Tekst.</p>", ["Tekst."], id="hidden"),
        pytest.param("<script>var a = '<p>x</p>';</script><style>p {}</style><p>Tekst.</p>",
                     ["Tekst."], id="script-style"),
        pytest.param("<header><p>Gemeente</p></header><p>Tekst.</p><footer>Contact</footer>",
                     ["Tekst."], id="site-header-footer"),
        pytest.param("<article><header><h1>Programma 5</h1></header><p>Tekst.</p></article>",
                     ["Programma 5", "Tekst."], id="article-header-kept"),
        pytest.param("<div>Zijbalk met veel links</div><main><p>Tekst.</p></main>", ["Tekst."],
                     id="main-only"),
        pytest.param("<h2>Doel</h2><a href='#nav'>Terug naar navigatie - Home - Doel</a>"
                     "<p>Tekst.</p>", ["Doel", "Tekst."], id="navigation-link"),
        pytest.param("<h2>Doel</h2><p>Terug naar navigatie - P1 - Wat willen we bereiken?"
                     "Iedereen doet mee.</p>", ["Doel", "Iedereen doet mee."],
                     id="navigation-glued-text"),
        pytest.param("<p><a href='#n'>Terug naar navigatie - P1 - Doel</a>Iedereen doet mee.</p>",
                     ["Iedereen doet mee."], id="navigation-link-glued"),
        pytest.param("<p>Tekst.</p><a href='#top'>Naar boven</a><p>Print deze pagina</p>",
                     ["Tekst."], id="boilerplate"),
        pytest.param("<body class='has-cookie-banner'><p>Tekst.</p></body>", ["Tekst."],
                     id="body-never-hidden"),
        pytest.param("<div class='social-share'>Deel op X</div><div class='social-domain'>"
                     "<p>Tekst.</p></div>", ["Tekst."], id="social-share-not-social-domain"),
        pytest.param("<div class='menu'><p>Alles staat in een menu-blok.</p></div>",
                     ["Alles staat in een menu-blok."], id="lenient-when-all-is-furniture"),
    ],
)
def test_page_furniture_is_dropped(html, expected):
    assert texts(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("<h2>Doel 1</h2><h3>Wat gaan we doen?</h3><p>Tekst</p>",
                     ["Doel 1", "Wat gaan we doen?", "Tekst"], id="headings-own-lines"),
        pytest.param("<table><tr><th>Doel</th><th>Actie</th></tr>"
                     "<tr><td>A</td><td>B &amp; C</td></tr></table>",
                     ["Doel | Actie |", "A | B & C |"], id="table-rows"),
        pytest.param("<table><tr><td><p>Eerste alinea.</p><p>Tweede alinea.</p></td>"
                     "<td><ul><li>een</li><li>twee</li></ul></td></tr></table>",
                     ["Eerste alinea. Tweede alinea. | een twee |"], id="blocks-stay-in-cell"),
        pytest.param("<table><tr><td rowspan='2'>Doel</td><td>a</td></tr><tr><td>b</td></tr>"
                     "</table>", ["Doel | a |", "| b |"], id="rowspan"),
        pytest.param("<table><tr><td colspan='2'>Kop</td><td>x</td></tr>"
                     "<tr><td>a</td><td>b</td><td>c</td></tr></table>",
                     ["Kop |  | x |", "a | b | c |"], id="colspan"),
        pytest.param("<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td>"
                     "<td>d</td></tr></table>", ["a b c | d |"], id="nested-table"),
        pytest.param("<table><tr><td>a|b</td><td>c</td></tr></table>", ["a/b | c |"],
                     id="pipe-in-cell"),
        pytest.param("<table><caption>Lasten en baten</caption><tr><td>Lasten</td>"
                     "<td>1.234</td></tr></table>", ["Lasten en baten", "Lasten | 1.234 |"],
                     id="caption"),
        pytest.param("<table><tr><td>a<td>b<tr><td>c<td>d</table>", ["a | b |", "c | d |"],
                     id="unclosed-cells"),
        pytest.param("<ol><li>Een</li><li>Twee</li></ol>", ["1. Een", "2. Twee"],
                     id="ordered-list"),
        pytest.param("<ol start='3'><li>Drie</li></ol><ul><li>Punt</li></ul>",
                     ["3. Drie", "Punt"], id="list-start-and-bullets"),
        pytest.param("<ol><li>5.1 Al genummerd</li></ol>", ["5.1 Al genummerd"],
                     id="list-already-numbered"),
        pytest.param("<p>Regel een<br>regel twee</p>", ["Regel een", "regel twee"], id="br"),
        pytest.param("<p>Een zin die\n   over regels\n loopt.</p>",
                     ["Een zin die over regels loopt."], id="source-newlines-are-spaces"),
        pytest.param("<pre>a\n  b</pre>", ["a", "b"], id="pre"),
        pytest.param("<p>schuld&shy;hulp&nbsp;verlening</p>", ["schuldhulp verlening"],
                     id="entities"),
        pytest.param("<html><head><title>Titel</title><meta charset='utf-8'><body><p>Tekst</p>",
                     ["Tekst"], id="omitted-end-tags"),
        pytest.param("<details><summary>Toelichting</summary><p>Tekst</p></details>",
                     ["Toelichting", "Tekst"], id="accordion"),
    ],
)
def test_structure_is_kept(html, expected):
    assert texts(html) == expected


def test_headings_are_marked():
    lines = html_lines("<h2>Wat willen we bereiken?</h2><p>Iedereen doet mee.</p>")
    assert [ln.heading for ln in lines] == [True, False]


def test_line_numbers_of_table_rows_are_the_line_of_their_first_text():
    html = ("<table>\n"
            "<tr>\n"
            "  <td></td>\n"
            "  <td>Jeugdwet</td>\n"
            "</tr>\n"
            "</table>\n")
    assert [(ln.number, ln.text) for ln in html_lines(html)] == [(4, "| Jeugdwet |")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"<html><body><nav>menu</nav><script>x</script></body></html>", "no readable text"),
     (b"", "empty"),
     (b"\x00\x01PK binary", "binary")],
)
def test_pages_without_text_are_refused(tmp_path, data, reason):
    path = tmp_path / "page.html"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.file == "page.html"
    assert reason in caught.value.reason


def test_legacy_encoded_page_is_decoded(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes("<p>cliëntondersteuning – “jeugd”</p>".encode("cp1252"))
    source = read_document(path)
    assert source.encoding == "cp1252"
    assert source.lines[0].text == "cliëntondersteuning – “jeugd”"
