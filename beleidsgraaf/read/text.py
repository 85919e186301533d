"""Decode plain-text documents without mangling them, keeping line numbers.

Municipal downloads arrive as UTF-8 (with or without BOM), UTF-16 from Word
exports, or Windows-1252/Latin-1 from older systems. We try strict decoders in
that order and refuse binary data instead of guessing.

>>> decode(b"cli\\xebntondersteuning", "x.txt")[0]
'cliëntondersteuning'
>>> decode("cliëntondersteuning".encode(), "x.txt")
('cliëntondersteuning', 'utf-8')
"""

from __future__ import annotations

import codecs
import re

from beleidsgraaf.errors import UnreadableDocument
from beleidsgraaf.model import Line

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`UnreadableDocument`."""
    if not data.strip():
        raise UnreadableDocument(name, "the file is empty", hint="export the document again")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF8, "utf-8-sig")):
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), encoding, name)
    if b"\x00" in data:
        raise UnreadableDocument(name, "binary data (NUL bytes), not a text document",
                                 hint="convert it to .txt, .html or .pdf first")
    for encoding in ("utf-8", "cp1252"):
        try:
            return _checked(data.decode(encoding), encoding, name)
        except UnicodeDecodeError:
            continue
    text = data.decode("latin-1")
    if len(_C1.findall(text)) > 0.01 * len(text):
        raise UnreadableDocument(name, "not decodable as UTF-8, Windows-1252 or Latin-1",
                                 hint="save the file as UTF-8")
    return _checked(text, "latin-1", name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(name, f"invalid {encoding} at byte {exc.start}",
                                 hint="save the file as UTF-8") from exc


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if len(_CONTROL.findall(text)) > max(8, 0.01 * len(text)):
        raise UnreadableDocument(name, "binary data (control characters), not a text document",
                                 hint="convert it to .txt, .html or .pdf first")
    if not text.strip():
        raise UnreadableDocument(name, "the file contains no text")
    return text, encoding


def split_lines(text: str) -> list[Line]:
    """Lines numbered as an editor numbers them (``\\n``, ``\\r\\n`` or ``\\r``).

    >>> [(ln.number, ln.text) for ln in split_lines("a\\r\\nb\\rc")]
    [(1, 'a'), (2, 'b'), (3, 'c')]
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
