"""Sentences with their source line numbers, shared by all extractors.

Evidence quotes a whole sentence and points at the line where the match
starts, so sentences that wrap over several lines keep a map from character
offsets back to line numbers.

>>> from beleidsgraaf.model import Line
>>> [s.text for s in sentences([Line(1, "Eerste zin. Tweede"), Line(2, "zin loopt door.")])]
['Eerste zin.', 'Tweede zin loopt door.']
>>> sentences([Line(1, "Eerste zin. Tweede"), Line(2, "zin loopt door.")])[1].line_at(8)
2
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from beleidsgraaf.model import Line

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00C0-\u00DE(“\"'‘0-9])")
_LAST = sys.maxsize  # sorts after every line number
_ABBREVIATION = re.compile(
    r"(?:\b(?:o\.a|e\.v|d\.d|m\.b\.t|t\.a\.v|i\.s\.m|bijv|nr|o\.b\.v|z\.s\.m|e\.d)\.|"
    r"\b[A-Z]\.|\b\d{1,2}(?:\.\d{1,3})+\.)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence and, for each character offset, the line it came from."""

    text: str
    starts: tuple[tuple[int, int], ...]

    @property
    def line(self) -> int:
        return self.starts[0][1]

    def line_at(self, offset: int) -> int:
        """Line number of the character at ``offset`` in :attr:`text`."""
        number = self.starts[0][1]
        for start, line in self.starts:
            if start > offset:
                break
            number = line
        return number


def sentences(lines: list[Line]) -> list[Sentence]:
    """Split consecutive lines into sentences.

    A blank line ends a paragraph, and a title or heading (``Line.heading``) is a
    paragraph of its own, so a heading never runs into the text below it.
    """
    return list(_sentences(tuple(lines)))


@lru_cache(maxsize=4096)
def _sentences(lines: tuple[Line, ...]) -> tuple[Sentence, ...]:
    """Each extractor asks for the sentences of the same element: split them once."""
    result: list[Sentence] = []
    for paragraph in _paragraphs(list(lines)):
        result.extend(_split(paragraph))
    return tuple(result)


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    paragraphs: list[list[Line]] = [[]]
    previous: Line | None = None
    for line in sorted(lines, key=lambda ln: ln.number):
        gap = previous is not None and line.number != previous.number + 1
        switch = previous is not None and line.heading != previous.heading
        if not line.text.strip() or gap or switch:
            paragraphs.append([])
        if line.text.strip():
            paragraphs[-1].append(line)
        previous = line
    return [p for p in paragraphs if p]


def _split(paragraph: list[Line]) -> list[Sentence]:
    text, starts = "", []
    for line in paragraph:
        if text:
            text += " "
        starts.append((len(text), line.number))
        text += normalise_space(line.text)
    pieces, begin = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _ends_in_abbreviation(text, begin, match.start()):
            continue
        pieces.append((begin, match.start()))
        begin = match.end()
    pieces.append((begin, len(text)))
    return [_sentence(text, starts, a, b) for a, b in pieces if text[a:b].strip()]


def _ends_in_abbreviation(text: str, begin: int, end: int) -> bool:
    """Whether ``text[begin:end]`` ends in an abbreviation (so the sentence goes on).

    Every abbreviation ends in a full stop and holds no white space, and ``text`` has only
    single spaces (:func:`normalise_space`): only the last word needs searching, not the
    whole sentence so far. ``\\b`` at that word's start sees the space before it, as it
    sees the start of the slice ``text[begin:end]`` (``text[begin - 1]`` is a space).
    """
    if text[end - 1] != ".":
        return False
    word = max(begin, text.rfind(" ", begin, end) + 1)
    return _ABBREVIATION.search(text, word, end) is not None


def _sentence(text: str, starts: list[tuple[int, int]], a: int, b: int) -> Sentence:
    first = max(bisect_right(starts, (a, _LAST)) - 1, 0)
    head = [(0, starts[first][1])]
    tail = [(s - a, n) for s, n in starts if a < s < b]
    return Sentence(text[a:b].strip(), tuple(head + tail))


def normalise_space(text: str) -> str:
    """Collapse runs of white space (incl. non-breaking) into one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
