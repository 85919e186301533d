"""Survey a document as a whole before assembling it.

Decides the layout name reported for the document, the numbering depth that
stands for the programme level, and whether the document is a council memo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beleidsgraaf.model import Line
from beleidsgraaf.structure.lines import Classified, Shape, classify, role_of, starts_lowercase

_MEMO = re.compile(r"^\s*(?:Onderwerp|Collegedatum|Raadsvergadering|Zaaknummer)\s*:|"
                   r"\b(?:informatienota|raadsinformatiebrief|raadsvoorstel|collegevoorstel|"
                   r"raadsmededeling)\b", re.I | re.M)
_PROGRAMME_CUE = re.compile(r"\bprogramma(?:plan)?\b", re.I)


@dataclass(frozen=True)
class DocumentShape:
    layout: str
    base_depth: int
    memo: bool
    wrapped: bool = False


def survey(lines: list[Line], shapes: list[Classified] | None = None) -> DocumentShape:
    """The document's shape; ``shapes``, if given, are the lines already classified."""
    if shapes is None:
        shapes = [classify(line.text) for line in lines]
    head = " \n".join(line.text for line in lines[:40])
    memo = len(_MEMO.findall(head)) >= 2
    return DocumentShape(_layout(shapes, memo), _base_depth(shapes, head), memo,
                         _hard_wrapped(shapes))


def _hard_wrapped(shapes: list[Classified]) -> bool:
    """Paragraphs broken at a fixed width (PDF/OCR exports) rather than one line each."""
    text = [c for c in shapes if c.shape is Shape.TEXT]
    wraps = sum(1 for a, b in zip(shapes, shapes[1:], strict=False)
                if a.shape is Shape.TEXT and b.shape is Shape.TEXT
                and not a.text.endswith((".", "?", "!", ":")) and starts_lowercase(b.text))
    return len(text) >= 10 and wraps >= 0.2 * len(text)


def _codes(shapes: list[Classified]) -> list[tuple[int, str]]:
    return [(i, c.code) for i, c in enumerate(shapes) if c.shape is Shape.CODE and c.code]


def _base_depth(shapes: list[Classified], head: str) -> int:
    programme = next((c for c in shapes if c.shape is Shape.PROGRAMME), None)
    if programme is not None and programme.code:
        return programme.code.count(".") + 1
    codes = _codes(shapes)
    if not codes:
        return 1
    depths = [code.count(".") + 1 for _, code in codes]
    shallowest, deepest = min(depths), max(depths)
    if deepest == shallowest and len({c for _, c in codes}) == 1 and _PROGRAMME_CUE.search(head):
        return shallowest
    if _timed(shapes, [i for (i, _), d in zip(codes, depths, strict=True) if d == deepest]):
        return max(deepest - 3, 0)
    return shallowest - 1


def _timed(shapes: list[Classified], positions: list[int]) -> bool:
    """Do most lines at these positions have a timing within the next few lines?"""
    timed = 0
    for i in positions:
        window = [s for s in shapes[i + 1 : i + 8] if s.shape is not Shape.BLANK][:3]
        timed += any(s.shape is Shape.TIMING for s in window)
    return bool(positions) and timed >= len(positions) / 2


def _layout(shapes: list[Classified], memo: bool) -> str:
    if memo:
        return "memo"
    if any(c.shape is Shape.ROW and len(c.cells) > 1 and _names_goals(c.cells) for c in shapes):
        return "goal-table"
    if any(c.shape is Shape.KEYWORD for c in shapes):
        return "themes"
    if any(c.code and c.code.count(".") >= 2 for c in shapes if c.shape is Shape.CODE):
        return "numbered"
    return "narrative"


def _names_goals(cells: list[str]) -> bool:
    """A table row about goals: as a whole, or one of its column headings ("Wat willen we
    bereiken? | Wat gaan we daarvoor doen?" reads as a whole as being about activities).
    """
    return role_of(" ".join(cells)) == "goal" or any(
        role_of(cell) == "goal" and cell.endswith("?") for cell in cells)
