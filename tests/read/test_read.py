"""Reading: encodings are detected and never mangled; bad files fail with a clear reason."""

from __future__ import annotations

import pytest

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.read import discover, read_document

TEXT = "Programma 5\r\ncliëntondersteuning en financiële zaken – “jeugd”\r\n"


@pytest.mark.parametrize(
    ("encoding", "data"),
    [("utf-8", TEXT.encode("utf-8")), ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
     ("cp1252", TEXT.encode("cp1252")), ("utf-16", TEXT.encode("utf-16"))],
)
def test_encodings_are_detected(tmp_path, encoding, data):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.encoding == encoding
    assert source.lines[1].text == "cliëntondersteuning en financiële zaken – “jeugd”"
    assert source.lines[1].number == 2


def test_latin1_without_windows_characters(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes("cliëntondersteuning\n".encode("latin-1"))
    assert read_document(path).lines[0].text == "cliëntondersteuning"


def test_line_numbers_follow_the_file(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("een\n\ndrie\r\nvier\rvijf", encoding="utf-8")
    assert [(ln.number, ln.text) for ln in read_document(path).lines] == [
        (1, "een"), (2, ""), (3, "drie"), (4, "vier"), (5, "vijf")]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [("empty.txt", b"", "empty"), ("blank.txt", b"  \n\n ", "empty"),
     ("binary.txt", b"PK\x03\x04\x00\x00\x14\x00binary", "binary"),
     ("control.txt", bytes(range(1, 32)) * 40, "binary"),
     ("report.doc", b"\xd0\xcf\x11\xe0", "unsupported file type"),
     ("noext", b"tekst", "unsupported file type")],
)
def test_bad_files_are_refused_with_name_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert caught.value.file == name
    assert reason in caught.value.reason


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("regel\n" * 1000, encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="too large"):
        read_document(path, max_bytes=100)


def test_unreadable_path_is_reported(tmp_path):
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    with pytest.raises(UnreadableDocument, match="cannot be read"):
        read_document(folder)


def test_html_keeps_tables_as_rows_and_drops_navigation(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p{}</style><script>var x='<p>no</p>';</script></head><body>"
        "<nav>Home | Menu</nav><div class='cookie-banner'>Cookies?</div>"
        "<h2>Wat gaan we daarvoor doen?</h2><p>Terug naar navigatie - Home - Doel</p>"
        "<table><tr><th>Doel</th><th>Actie</th></tr><tr><td>A</td><td>B &amp; C</td></tr></table>"
        "</body></html>", encoding="utf-8")
    lines = [ln.text for ln in read_document(path).lines]
    assert lines == ["Wat gaan we daarvoor doen?", "Doel | Actie |", "A | B & C |"]


def test_discover_sorts_and_skips_hidden_and_unsupported(tmp_path):
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    for name in ("c.pdf", "d.DOCX", "e.htm", "~$d.docx", "f.doc", "g.odt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "manifest.csv").write_text("file\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("c", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["a.md", "b.txt", "c.pdf", "d.DOCX", "e.htm"]


def test_explicitly_named_files_are_kept_whatever_their_suffix(tmp_path):
    (tmp_path / "x.doc").write_bytes(b"x")
    assert discover([tmp_path / "x.doc"]) == [tmp_path / "x.doc"]
