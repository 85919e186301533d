"""Reading stage: file on disk → :class:`~beleidsgraaf.model.SourceText`.

Each format ends in the same text-with-lines model, so evidence always points
at a line of the source:

- plain text (``.txt``, ``.md``): the line of the file, as an editor numbers it;
- HTML (``.html``, ``.htm``): the line of the HTML file where the text starts
  (:mod:`beleidsgraaf.read.html`);
- PDF (``.pdf``): the line of the extracted text, counted through the whole
  document in reading order, with the page in :attr:`Line.page`
  (:mod:`beleidsgraaf.read.pdf`);
- Word (``.docx``): the paragraph, counted in document order with each table
  row as one paragraph (:mod:`beleidsgraaf.read.docx`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.model import Line, SourceText
from beleidsgraaf.read.text import decode, split_lines

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read one document; raise :class:`UnreadableDocument` naming the file and reason."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableDocument(name, f"unsupported file type '{suffix or '(none)'}'",
                                 hint="supported: " + ", ".join(sorted(SUPPORTED)))
    data = _read_bytes(path, max_bytes)
    lines: list[Line]
    if suffix in PDF_SUFFIXES:
        from beleidsgraaf.read.pdf import pdf_lines

        lines, encoding = pdf_lines(data, name), "pdf"
    elif suffix in DOCX_SUFFIXES:
        from beleidsgraaf.read.docx import docx_lines

        lines, encoding = docx_lines(data, name), "docx"
    else:
        text, encoding = decode(data, name)
        if suffix in HTML_SUFFIXES:
            from beleidsgraaf.read.html import html_lines

            lines = html_lines(text)
            if not lines:
                raise UnreadableDocument(name, "the HTML page contains no readable text",
                                         hint="save the page after it has fully loaded")
        else:
            lines = split_lines(text)
    digest = hashlib.sha256(data).hexdigest()
    return SourceText(path=path, lines=lines, encoding=encoding, sha256=digest)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            mib = f"{size / 1_048_576:.1f} MiB > {max_bytes / 1_048_576:.0f} MiB"
            raise UnreadableDocument(
                path.name, f"too large ({mib})",
                hint="split the document or raise the limit with --max-size")
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path.name, f"cannot be read: {exc.strerror or exc}") from exc


def discover(paths: list[Path]) -> list[Path]:
    """All candidate documents under the given files/folders, sorted for determinism.

    Explicitly named files are kept whatever their suffix (so a bad file is
    reported, not skipped); inside folders only supported suffixes count, and
    Word's lock files (``~$name.docx``) are skipped.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*")
                         if p.is_file() and p.suffix.lower() in SUPPORTED
                         and not p.name.startswith("~$")
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.add(path)
    return sorted(found, key=lambda p: (p.name, str(p)))
