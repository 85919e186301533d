"""Cross-references ("zie ook ambitie 3.3: …", "Zie activiteit 3 onder doel 3 van het thema …").

:func:`find_references` reads an element's own lines; resolution against the
corpus happens later (:mod:`beleidsgraaf.link`), because a target may live in
another document of the same municipality.

>>> from beleidsgraaf.model import Element, Kind, Line
>>> line = Line(1, "Armoede (zie ook ambitie 3.3: Duurzaam)")
>>> e = Element("a", Kind.ACTIVITY, "x", 1, lines=[line])
>>> [(r.code, r.title) for r, _ in find_references(e)]
[('3.3', 'Duurzaam')]
"""

from __future__ import annotations

import re

from beleidsgraaf.extract.text import sentences
from beleidsgraaf.model import Element, Evidence, Reference

_KIND = (r"(ambitie|doel|doelstelling|activiteit|programma|hoofdstuk|paragraaf|thema|bijlage|"
         r"speerpunt)")
_CODED = re.compile(
    r"\b(?:zie(?:\s+(?:ook|verder|tevens))?|relatie\s+met|verwijz\w*\s+(?:wij|we|ik)?\s*naar|"
    r"vergelijk|vgl\.)\s+(?:de\s+|het\s+)?(?:" + _KIND + r"\s+)?"
    r"(\d{1,2}(?:\.\d{1,3})*)(?![\d,])\.?"
    r"(?:\s*[:\-–]\s*|\.\s+(?=[A-Z])|\s+(?=[A-Z]))?"
    r"([^()]*?)(?=\)|\.\s|\.$|$)", re.I)
_SCOPED = re.compile(
    r"\bzie\s+(?:de\s+)?(?:diverse\s+|alle\s+)?(activiteit(?:en)?|actie(?:s)?)\s*(\d{1,2})?\s+"
    r"(?:onder|bij|van)\s+doel\s+(\d{1,2})\s+(?:van|bij|onder)\s+(?:het\s+)?thema\s+([^.()]+)",
    re.I)
_NAMED = re.compile(r"\(\s*zie\s+(?:ook|verder)\s+(?:de\s+|het\s+)?([a-zà-ÿ][\w\- ]{3,60}?)\s*\)",
                    re.I)
# The same as a sentence of its own, e.g. a list item: "2. Zie ook verschillenanalyse baten."
_NAMED_SENTENCE = re.compile(r"^(?:\d{1,2}[.)]\s+|[-\u2022*]\s+)?[Zz]ie\s+(?:ook|verder)\s+"
                             r"(?:de\s+|het\s+)?([a-zà-ÿ][a-zà-ÿ\- ]{3,60}?)\s*\.?$")


def find_references(element: Element) -> list[tuple[Reference, Evidence]]:
    """All cross-references printed in the element's own lines."""
    found: list[tuple[Reference, Evidence]] = []
    for sentence in sentences(element.lines):
        for match in _SCOPED.finditer(sentence.text):
            found.append((_scoped(match), Evidence(sentence.text, sentence.line_at(match.start()))))
        if found and any(ev.quote == sentence.text for _, ev in found):
            continue
        for match in _CODED.finditer(sentence.text):
            found.append((_coded(match), Evidence(sentence.text, sentence.line_at(match.start()))))
        for match in [*_NAMED.finditer(sentence.text), _NAMED_SENTENCE.match(sentence.text)]:
            if match is None:
                continue
            reference = Reference(code=None, title=match.group(1).strip(), text=match.group(0))
            found.append((reference, Evidence(sentence.text, sentence.line_at(match.start()))))
    return _unique(found)


def _coded(match: re.Match[str]) -> Reference:
    kind = (match.group(1) or "").lower()
    title = " ".join(match.group(3).split()).strip(" .:;,") or None
    if title and not title[0].isupper():
        title = None
    scope = ((kind, match.group(2)),) if kind else ()
    return Reference(code=match.group(2), title=title, scope=scope, text=match.group(0).strip())


def _scoped(match: re.Match[str]) -> Reference:
    theme = " ".join(match.group(4).split()).strip()
    scope: list[tuple[str, str]] = [("thema", theme), ("doel", match.group(3))]
    if match.group(2):
        scope.append(("activiteit", match.group(2)))
    return Reference(code=None, title=None, scope=tuple(scope), text=match.group(0).strip())


def _unique(found: list[tuple[Reference, Evidence]]) -> list[tuple[Reference, Evidence]]:
    seen: set[tuple[Reference, int]] = set()
    result = []
    for reference, evidence in found:
        if (reference, evidence.line) not in seen:
            seen.add((reference, evidence.line))
            result.append((reference, evidence))
    return result
