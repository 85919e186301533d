"""Classify single lines by their shape and wording.

Every rule here follows from how Dutch municipal documents are written (the
"drie W-vragen" of a programme budget, numbered hierarchies, pipe tables,
council-memo templates), never from a particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, auto

from beleidsgraaf.read.clean import strip_navigation
from beleidsgraaf.structure.timing import is_timing


class Shape(Enum):
    BLANK = auto()
    NOISE = auto()
    SEPARATOR = auto()
    PROGRAMME = auto()
    KEYWORD = auto()
    CODE = auto()
    QUESTION = auto()
    ROW = auto()
    LIST_ITEM = auto()
    TIMING = auto()
    FIELD = auto()
    DECISION = auto()
    AMOUNT = auto()
    TEXT = auto()


@dataclass
class Classified:
    shape: Shape
    text: str
    code: str | None = None
    title: str = ""
    keyword: str = ""
    cells: list[str] = field(default_factory=list)
    printed: str | None = None
    marked_heading: bool = False


_NOISE = re.compile(
    r"^(?:Deze pagina is gebouwd op\b.*|Terug naar navigatie\b.*|Pagina \d+( van \d+)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|Naar boven|Print(?:en)? deze pagina|Deel deze pagina.*)$", re.I)
_SEPARATOR = re.compile(r"^[|\s:+-]*-{2,}[|\s:+-]*$|^\|[|\s]*$")
_PROGRAMME = re.compile(r"^Programma\s+(\d{1,2}[a-z]?)\b\.?\s*[:.–-]?\s*(.*)$", re.I)
_WIDE_GAP = re.compile(r"\t+| {3,}")
_SPACED = re.compile(r"(?<![\w-])(?:[^\W\d_] ){3,}[^\W\d_](?![\w-])")
_PROGRAMME_NAMED = re.compile(r"^Programma\s*[:–-]?\s+([A-Z][^.;:]{2,})$")
_NAVIGATION = re.compile(r"^Terug naar navigatie\b", re.I)
_MARKDOWN_HEADING = re.compile(r"^(?:#{1,6}\s+(.+?)\s*#*|\*\*([^*]+)\*\*)$")
_KEYWORD = re.compile(
    r"^(Thema|Ambitie|Beleidsveld|Speerpunt|Kerndoel|Hoofddoel|Subdoel|Operationeel doel|"
    r"Doelstelling|Doel|Activiteit|Actie|Maatregel|Prioriteit)\b\s*"
    r"(\d{1,2}(?:\.\d{1,2})*[a-z]?)?\s*([:.–-])?\s*(\S.*)?$", re.I)
_CODE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,5})\.?(?:\s*[-–:]\s*|\s+|$)(.*)$")
_LIST = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^\s*(?:[•·▪●■◦►✓*–-]|o(?=\s+[A-Z]))\s+(\S.*)$")
_PREFIXED = re.compile(r"^P(\d{1,2})\s+(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s*[-–:]\s*|\s+|$)(.*)$")
_MULTI = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)((?:\s*/\s*\d{1,2}(?:\.\d{1,2})+)+)\.?"
                    r"(?:\s*[-–:]\s*|\s+|$)(.*)$")
_LIST_CELL = re.compile(r"^(\d{1,2})[.)]?$")
_QUESTION = re.compile(r"^(?:Wat|Wie|Hoe|Wanneer|Waarom|Welke|Waar)\b[^?]{0,90}\?\s*$", re.I)
_FIELD = re.compile(r"^(Onderwerp|Collegedatum|Raadsvergadering|Datum|Portefeuillehouder|"
                    r"Zaaknummer|Registratienummer|Kenmerk|Agendapunt|Aan|Van)\s*:\s*(.+)$", re.I)
_DECISION = re.compile(r"^(\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2})\s+(.+)$")
_AMOUNT = re.compile(
    r"^(Lasten|Baten|Saldo|Totaal lasten|Totaal baten|Resultaat|Onttrekkingen|Toevoegingen|"
    r"Stortingen|Saldo van baten en lasten)\b[\s:]*(?:€\s*)?(-?\s*[\d.,]+)\s*(?:[NV]\b)?\s*$", re.I)
_NEW_MARK = re.compile(r"\s*\(?\bnieuw(?: uit kadernota)?\)?\s*$", re.I)


def classify(raw: str) -> Classified:
    """Shape of one line (without looking at its neighbours)."""
    cells = [part for part in _WIDE_GAP.split(raw.strip()) if part.strip()]
    if len(cells) >= 3 and "|" not in raw and not _CODE.match(cells[0].strip()):
        return _row(" | ".join(cells) + " |")
    text = despace(" ".join(raw.split()))
    if not text:
        return Classified(Shape.BLANK, text)
    if _NAVIGATION.match(text):
        text = strip_navigation(text)
        if not text:
            return Classified(Shape.NOISE, raw.strip())
    if _NOISE.match(text):
        return Classified(Shape.NOISE, text)
    if m := _MARKDOWN_HEADING.match(text):
        inner = _plain((m.group(1) or m.group(2)).strip("*_ "))
        inner.marked_heading = inner.shape is Shape.TEXT
        return inner
    if _SEPARATOR.match(text):
        return Classified(Shape.SEPARATOR, text)
    if "|" in text:
        return _row(text)
    return _plain(text)


def despace(text: str) -> str:
    """Join letter-spaced words from scans and PDF headings.

    >>> despace("B E S L U I T: de raad")
    'BESLUIT: de raad'
    """
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def _plain(text: str) -> Classified:
    if (m := _PROGRAMME.match(text)) and heading_like(text):
        return Classified(Shape.PROGRAMME, text, code=m.group(1), title=m.group(2).strip())
    if (m := _PROGRAMME_NAMED.match(text)) and heading_like(text) and len(text) <= 70:
        return Classified(Shape.PROGRAMME, text, title=m.group(1).strip())
    if (m := _KEYWORD.match(text)) and _keyword_heading(m, text):
        return Classified(Shape.KEYWORD, text, code=m.group(2), title=(m.group(4) or "").strip(),
                          keyword=m.group(1).lower())
    if m := _PREFIXED.match(text):
        printed = f"P{m.group(1)} {m.group(2)}"
        return Classified(Shape.CODE, text, code=f"{m.group(1)}.{m.group(2)}",
                          title=m.group(3).strip(), printed=printed)
    if m := _MULTI.match(text):
        printed = " / ".join(c.strip() for c in (m.group(1) + m.group(2)).split("/"))
        return Classified(Shape.CODE, text, code=m.group(1), title=m.group(3).strip(),
                          printed=printed)
    if (m := _CODE.match(text)) and not is_timing(text):
        return Classified(Shape.CODE, text, code=m.group(1), title=m.group(2).strip())
    if m := _LIST.match(text):
        return Classified(Shape.LIST_ITEM, text, code=m.group(1), title=m.group(2).strip())
    if m := _BULLET.match(text):
        return Classified(Shape.LIST_ITEM, text, title=m.group(1).strip())
    if is_timing(text):
        return Classified(Shape.TIMING, text)
    if _QUESTION.match(text):
        return Classified(Shape.QUESTION, text, title=text)
    if m := _FIELD.match(text):
        return Classified(Shape.FIELD, text, keyword=m.group(1).lower(), title=m.group(2).strip())
    if m := _DECISION.match(text):
        return Classified(Shape.DECISION, text, code=m.group(1), title=m.group(2).strip())
    if m := _AMOUNT.match(text):
        return Classified(Shape.AMOUNT, text, keyword=m.group(1).lower(), title=m.group(2))
    return Classified(Shape.TEXT, text)


def _keyword_heading(m: re.Match[str], text: str) -> bool:
    """"Doel 2: …" or "Thema Zorg" — not a sentence that happens to start with "Doel"."""
    numbered_or_colon = bool(m.group(2)) or m.group(3) == ":"
    if not m.group(4) and not (m.group(2) and m.group(3)):
        return False
    if m.group(1).lower() == "thema":
        return numbered_or_colon or heading_like(text)
    return numbered_or_colon


def _row(text: str) -> Classified:
    cells = [" ".join(c.split()) for c in text.strip().strip("|").split("|")]
    cells = [c for c in cells if c]
    if not cells:
        return Classified(Shape.SEPARATOR, text)
    if len(cells) == 1:
        inner = _plain(cells[0])
        if inner.shape in (Shape.CODE, Shape.PROGRAMME, Shape.KEYWORD, Shape.QUESTION):
            return inner
    code = None
    if _LIST_CELL.match(cells[0]) and len(cells) > 1:
        code = cells.pop(0).rstrip(".)")
    return Classified(Shape.ROW, text, code=code, cells=cells)


def strip_new_mark(title: str) -> tuple[str, bool]:
    """Remove a trailing "nieuw" / "nieuw uit kadernota" marker.

    >>> strip_new_mark("Aanpak jeugdoverlast nieuw uit kadernota")
    ('Aanpak jeugdoverlast', True)
    """
    stripped = _NEW_MARK.sub("", title)
    return stripped, stripped != title


_AMBITION_WORDS = re.compile(r"\b(?:kerndoel(?:en)?|hoofddoel(?:en)?|ambitie(?:s)?|thema(?:'s)?|"
                             r"beleidsveld(?:en)?|maatschappelijke?\s+(?:doel|effect)(?:en)?)\b",
                             re.I)
_GOAL_WORDS = re.compile(r"\b(?:bereiken|bereikt|doel(?:en|stelling(?:en)?)?|speerpunt(?:en)?|"
                         r"ambitie(?:s)?|prioriteit(?:en)?|resultaten)\b", re.I)
_ACTIVITY_WORDS = re.compile(r"\b(?:doen|gedaan|prestatie(?:s)?|activiteit(?:en)?|actie(?:s)?|"
                             r"maatregel(?:en)?|inspanning(?:en)?|acties)\b", re.I)
_TIMING_WORDS = re.compile(r"\b(?:wanneer|planning|termijn|gereed|looptijd|periode|jaar|tijdpad)\b",
                           re.I)


def role_of(text: str) -> str | None:
    """Column or list role a header/intro announces: goal, activity or timing."""
    if _TIMING_WORDS.search(text) and "?" in text or re.match(r"^(planning|wanneer)\b", text, re.I):
        return "timing"
    if _ACTIVITY_WORDS.search(text):
        return "activity"
    if len(text) <= 40 and _AMBITION_WORDS.search(text):
        return "ambition"
    if _GOAL_WORDS.search(text):
        return "goal"
    return None


def heading_like(text: str) -> bool:
    """Short, unterminated, capitalised: the look of a heading."""
    if not 2 <= len(text) <= 100 or len(text.split()) > 14:
        return False
    if text[-1] in ".,;:" or text.endswith(("-", "–")):
        return False
    first = text.lstrip("'\"‘“(•*- ")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def starts_lowercase(text: str) -> bool:
    first = text.lstrip("'\"‘“(•*- ")[:1]
    return bool(first) and first.islower()
