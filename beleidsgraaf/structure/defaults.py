"""Default timings: "Alle doelen worden bereikt in 2027, tenzij anders vermeld."

A document (or one part of it) may state once when its goals or activities run,
leaving the exceptions to the items themselves. Such a sentence names the goals
or the activities, holds a timing with a year (or *continu*, *doorlopend*,
*structureel*) and says that it holds unless stated otherwise ("tenzij anders
vermeld", "tenzij anders aangegeven", "waar niet anders vermeld", "behoudens …
anders"). It sets the timing of every goal or activity in its scope that has
none of its own:

- **scope**: the whole document when the sentence stands before the first
  programme, ambition, goal or activity (an introduction); otherwise the
  element whose text holds it — directly or in one of its sections — with
  everything under it;
- **items**: the goals when the sentence names goals (*doelen*, *doelstellingen*,
  *resultaten*), the activities when it names activities (*activiteiten*,
  *acties*, *maatregelen*, …), both when it names both;
- **precedence**: a timing printed with the item itself always wins; of two
  defaults, the one with the narrower scope wins, and of two with the same
  scope the first.

The item gets the timing phrase as printed in the sentence ("in 2027", "tot en
met 2026") and, as evidence, the sentence and the line where it starts
(:attr:`Element.timing_evidence`), so the graph can say where the timing was
stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beleidsgraaf.extract.text import Sentence, sentences
from beleidsgraaf.model import Element, Evidence, Kind, Line
from beleidsgraaf.structure.timing import Timing, parse_timing

_STATED = r"(?:vermeld|vermeldt|aangegeven|genoemd|beschreven|weergegeven|opgenomen|staat)"
_UNLESS = re.compile(
    rf"\b(?:tenzij|behalve|behoudens|waar|indien|als|voor zover|wanneer)\b[^.;]{{0,40}}?"
    rf"\banders\b[^.;]{{0,20}}?\b{_STATED}\b",
    re.I,
)
_GOALS = re.compile(r"\w*doel(?:en|stelling(?:en)?)?\b|\bresultaten\b", re.I)
_ACTIVITIES = re.compile(
    r"\b(?:\w*activiteit(?:en)?|acties?|\w*maatregel(?:en)?|prestaties?|inspanning(?:en)?)\b",
    re.I,
)
_AND = re.compile(r"\s*(?:,|en|of|en/of|&)\s*$", re.I)
_CONTINUOUS = re.compile(r"^(?:continu|doorlopend|structureel)$", re.I)
_EDGE = "\"'‘’“”(),.;:"
_LONGEST = 7  # words in the longest timing phrase looked for


@dataclass(frozen=True)
class DefaultTiming:
    """A timing stated for the goals and/or activities of a scope."""

    printed: str
    kinds: frozenset[Kind]
    evidence: Evidence


def find_default_timings(lines: list[Line]) -> list[DefaultTiming]:
    """Every sentence of ``lines`` (an element's or a document's) that states a default.

    >>> from beleidsgraaf.model import Line
    >>> [found] = find_default_timings(
    ...     [Line(4, "Alle doelen worden bereikt in 2027, tenzij anders vermeld.")])
    >>> found.printed, sorted(found.kinds), found.evidence.line
    ('in 2027', [<Kind.GOAL: 'Goal'>], 4)
    """
    found: list[DefaultTiming] = []
    for sentence in sentences(lines):
        default = _default(sentence)
        if default is not None:
            found.append(default)
    return found


def _default(sentence: Sentence) -> DefaultTiming | None:
    text = sentence.text
    if not _UNLESS.search(text):
        return None
    kinds = _named_kinds(text)
    printed = timing_phrase(text)
    if not kinds or printed is None:
        return None
    return DefaultTiming(printed, kinds, Evidence(text, sentence.line))


def _named_kinds(text: str) -> frozenset[Kind]:
    """What the sentence is about: the first of goals or activities it names, or both
    when it names them together ("doelen en activiteiten").

    >>> sorted(_named_kinds("De activiteiten voor deze doelen lopen tot 2026."))
    [<Kind.ACTIVITY: 'Activity'>]
    >>> sorted(_named_kinds("Alle doelen en activiteiten lopen tot 2026."))
    [<Kind.ACTIVITY: 'Activity'>, <Kind.GOAL: 'Goal'>]
    """
    named = sorted(
        (match.start(), match.end(), kind)
        for kind, words in ((Kind.GOAL, _GOALS), (Kind.ACTIVITY, _ACTIVITIES))
        for match in words.finditer(text)
    )
    if not named:
        return frozenset()
    (_, end, first), *rest = named
    other = next(((start, kind) for start, _, kind in rest if kind is not first), None)
    if other is not None and _AND.match(text[end : other[0]]):
        return frozenset({first, other[1]})
    return frozenset({first})


def timing_phrase(text: str) -> str | None:
    """The longest run of words in ``text`` that is a timing with a year, or continuous.

    >>> timing_phrase("De activiteiten lopen tot en met 2026, tenzij anders aangegeven.")
    'tot en met 2026'
    >>> timing_phrase("De acties worden jaarlijks besproken, tenzij anders vermeld.") is None
    True
    """
    words = text.split()
    best: tuple[int, int] | None = None
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + _LONGEST) + 1):
            if (best is None or end - start > best[1] - best[0]) and _dated(
                _phrase(words[start:end])
            ):
                best = (start, end)
    return _phrase(words[best[0] : best[1]]) if best else None


def _phrase(words: list[str]) -> str:
    return " ".join(words).strip(_EDGE)


def _dated(phrase: str) -> bool:
    """A timing that says when: with a year, or continuous by its own word."""
    timing: Timing | None = parse_timing(phrase)
    if timing is None:
        return False
    return bool(timing.start or timing.end) or bool(_CONTINUOUS.match(phrase))


# ------------------------------------------------------------------ applying them
def apply_default_timings(elements: list[Element]) -> None:
    """Give goals and activities without a timing the default of their scope.

    The sentences are read per element, from the lines the element holds, so a
    title never runs into the sentence under it.
    """
    by_key = {e.key: e for e in elements}
    stated: dict[tuple[int, str], tuple[DefaultTiming, Element | None]] = {}
    for element in elements:
        if not any("anders" in line.text.lower() for line in element.lines):
            continue  # no exception clause, no default: skip the sentence splitting
        for default in find_default_timings(element.lines):
            where = (default.evidence.line, default.evidence.quote)
            stated.setdefault(where, (default, _scope(default, element, elements, by_key)))
    ordered = sorted(stated.values(), key=lambda pair: -_depth(pair[1], by_key))
    for default, scope in ordered:  # the narrowest scope first; explicit timings stay
        for element in elements:
            if (
                element.kind in default.kinds
                and element.timing is None
                and _within(element, scope, by_key)
            ):
                element.timing = default.printed
                element.timing_evidence = default.evidence


def _scope(
    default: DefaultTiming, holder: Element, elements: list[Element], by_key: dict[str, Element]
) -> Element | None:
    """The element a default speaks for; ``None``: the whole document.

    Before the first programme, ambition, goal or activity (an introduction) it
    is the document; otherwise the element whose text, or section, holds it.
    """
    levels = [e.line for e in elements if e.kind is not Kind.SECTION]
    if not levels or default.evidence.line < min(levels):
        return None
    owner: Element | None = holder
    while owner is not None and owner.kind is Kind.SECTION:
        owner = by_key.get(owner.parent or "")
    return owner


def _within(element: Element, scope: Element | None, by_key: dict[str, Element]) -> bool:
    node: Element | None = element
    while node is not None:
        if scope is None or node.key == scope.key:
            return True
        node = by_key.get(node.parent or "")
    return False


def _depth(element: Element | None, by_key: dict[str, Element]) -> int:
    """How deep a scope lies: -1 for the whole document, 0 for a top-level element."""
    depth = -1
    while element is not None:
        depth += 1
        element = by_key.get(element.parent or "")
    return depth
