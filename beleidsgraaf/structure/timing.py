"""Timing of activities: kept as printed, parsed into start and end years.

>>> parse_timing("2025 e.v.")
Timing(printed='2025 e.v.', start=2025, end=None, continuous=False)
>>> parse_timing("2024-2026")
Timing(printed='2024-2026', start=2024, end=2026, continuous=False)
>>> parse_timing("continu").continuous
True
>>> parse_timing("in Q3 2025")
Timing(printed='in Q3 2025', start=2025, end=2025, continuous=False)
>>> parse_timing("tot zomer 2023")
Timing(printed='tot zomer 2023', start=None, end=2023, continuous=False)
>>> parse_timing("tot en met 2026")
Timing(printed='tot en met 2026', start=None, end=2026, continuous=False)
>>> parse_timing("van 2024 tot en met 2027")
Timing(printed='van 2024 tot en met 2027', start=2024, end=2027, continuous=False)
>>> parse_timing("dit najaar")
Timing(printed='dit najaar', start=None, end=None, continuous=False)
>>> parse_timing("Ambitie") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d{2}"
_RANGE = re.compile(rf"^\(?\s*(?:van\s+)?({_YEAR})\s*(?:[-–—/]|t/m|tot en met|tot)\s*"
                    rf"({_YEAR})\s*\)?$", re.I)
_FROM = re.compile(
    rf"^(?:vanaf|per|sinds)?\s*({_YEAR})\s*(?:e\.?\s?v\.?|en verder|ev|-\s*(?:heden|e\.v\.))$"
    rf"|^(?:vanaf|per|sinds)\s+(?:(?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    rf"|oktober|november|december|q[1-4]|medio|begin|eind|\d{{1,2}})\s+)*({_YEAR})$", re.I)
_IN = re.compile(
    rf"^(?:in\s+)?(?:(?:het\s+)?(?:q[1-4]|[1-4]e\s+kwartaal|voorjaar"
    rf"|najaar|zomer|winter|medio|begin|eind|januari|februari|maart|april|mei|juni|juli|augustus"
    rf"|september|oktober|november|december)\s+)?({_YEAR})\.?$", re.I)
_LOOSE = re.compile(
    rf"^(?:(?:dit|dat|komend|volgend|het\s+komende?)\s+(?:jaar|najaar|voorjaar|kwartaal|"
    rf"halfjaar|half\s+jaar|zomer|winter|begrotingsjaar)"
    rf"|(?:de\s+)?komende\s+(?:maanden|jaren|weken|periode|tijd)"
    rf"|(?:tot en met|t/m|tot|na|voor|uiterlijk|vóór)\s+(?:de\s+|het\s+)?"
    rf"(?:zomer|eind|begin|medio|najaar|voorjaar)?"
    rf"\s*(?:van\s+)?({_YEAR}))\.?$", re.I)
_CONTINUOUS = re.compile(r"^(?:continu|doorlopend|structureel|permanent|jaarlijks|per jaar|"
                         r"voortdurend|lopend|ieder jaar|elk jaar)\.?$", re.I)


@dataclass(frozen=True)
class Timing:
    printed: str
    start: int | None = None
    end: int | None = None
    continuous: bool = False


def parse_timing(text: str) -> Timing | None:
    """A :class:`Timing` if the whole text is a timing phrase, else ``None``."""
    printed = " ".join(text.split())
    if not printed or len(printed) > 40:
        return None
    if _CONTINUOUS.match(printed):
        return Timing(printed, continuous=True)
    if m := _RANGE.match(printed):
        return Timing(printed, int(m.group(1)), int(m.group(2)))
    if m := _FROM.match(printed):
        return Timing(printed, int(m.group(1) or m.group(2)))
    if m := _IN.match(printed):
        year = int(m.group(1))
        return Timing(printed, year, year)
    if m := _LOOSE.match(printed):
        year = int(m.group(1)) if m.group(1) else None
        return Timing(printed, None, year)
    return None


def is_timing(text: str) -> bool:
    return parse_timing(text) is not None


_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
           "|december")
_EMBEDDED = (
    re.compile(r"\(([^()]{2,40})\)"),
    re.compile(rf"^((?:vanaf|in|per|sinds|tot en met|t/m|uiterlijk|vóór|voor)\s+(?:het\s+)?"
               rf"(?:(?:q[1-4]|[1-4]e\s+kwartaal|voorjaar|najaar|zomer|winter|medio|begin|eind"
               rf"|{_MONTHS})\s+)?{_YEAR})\b", re.I),
    re.compile(r"[,;]\s*([^,;]{2,40}?)\s*[.!]?$"),
    re.compile(r"\b((?:dit|komend|volgend)\s+(?:jaar|najaar|voorjaar|kwartaal|halfjaar)"
               r"|(?:de\s+)?komende\s+(?:maanden|jaren|weken))\b", re.I),
)


def timing_in_sentence(text: str) -> str | None:
    """A timing phrase inside an activity's own sentence, as printed, or ``None``.

    Looked for, in this order: in brackets ("… uit (2025 e.v.)."), at the start ("Vanaf
    2026 bieden we …", "In Q3 2025 evalueren we …"), as the last clause (", dit najaar.")
    and, for phrases that only name a time, anywhere ("de komende maanden").

    >>> timing_in_sentence("We voeren de Participatiewet uit (2025 e.v.).")
    '2025 e.v.'
    >>> timing_in_sentence("In Q3 2025 evalueren we het minimabeleid")
    'In Q3 2025'
    >>> timing_in_sentence("We zetten in op beschut werk, dit najaar.")
    'dit najaar'
    >>> timing_in_sentence("We werken samen met 12 partners (zie bijlage 2).") is None
    True
    """
    for pattern in _EMBEDDED:
        for match in pattern.finditer(text):
            if parse_timing(match.group(1)):
                return " ".join(match.group(1).split())
    return None
