"""Which laws an element depends on: named (``mentionsLaw``) or implied by a statutory
task (``impliesLaw``), each with the sentences that say so.

National agreements and temporary schemes (IZA, AZWA, Hervormingsagenda Jeugd, Brede
SPUK, …) are not laws: they come out of :func:`find_agreement_links` as
``mentionsAgreement``, never as ``mentionsLaw``.

Matching works on the names in the register (:mod:`beleidsgraaf.reference.laws`):

* case-insensitive, except short abbreviations with capitals (``Wmo``, ``Wgr``, ``IZA``),
  which match as written or in capitals only (``Wmo``/``WMO``, not ``wmo``);
* whole words only: "wethouder", "wetenschap" and "jeugdwetgeving" are no laws, while a
  hyphen ends a word ("Wmo-vervoer" names the Wmo);
* tolerant of hyphens, dashes, bullets and extra white space between the words of a name
  ("Wet op de • jeugdzorg"), of accents ("clientondersteuning"), and of one stray break
  inside a long word, as OCR and line-wrapping leave them ("Schuldhulpverlenin g",
  "schuldhulp- verlening");
* statutory tasks may carry a plural ending ("minimaregelingen", "statushouder's").

All names of a register are compiled once into a single character-trie regular
expression, so a document costs one scan per sentence however long the register is.

>>> from beleidsgraaf.model import Element, Kind, Line
>>> e = Element("a", Kind.ACTIVITY, "x", 1, lines=[Line(1, "Binnen de Wmo en Jeugdhulp.")])
>>> [(link.predicate, link.target) for link in find_law_links(e, year=2026)]
[('mentionsLaw', 'wmo-2015'), ('impliesLaw', 'jeugdwet')]
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from beleidsgraaf.extract.text import Sentence, sentences
from beleidsgraaf.model import Element, Evidence, Line, Link
from beleidsgraaf.reference.laws import (
    AGREEMENT_KINDS,
    LawRegister,
    fold,
    label_key,
    law_labels,
    load_register,
    parse_date,
)

MENTIONS_LAW = "mentionsLaw"
IMPLIES_LAW = "impliesLaw"
MENTIONS_AGREEMENT = "mentionsAgreement"

# Characters that may stand between the words of a name: white space, soft hyphen,
# hyphens and dashes, bullets and middle dots (PDF extraction), ampersand.
_SEP = "[\\s\u00ad\\-\u2010\u2011\u2012\u2013\u2014\u2022\u00b7\u2219\u2027\u25aa\u25cf\u25e6&]"
_GAP = f"(?:{_SEP}{{1,6}})?"
# What one stray break inside a word may look like.
_INTRA_GAP = re.compile("[\\s\u00ad]|[\\-\u00ad\u2010\u2011]\\s?")
# Only long words may be split once by white space ("Schuldhulpverlenin g"; not "W mo",
# "bij stand"); a hyphen ("Jeugd- wet", a line-break hyphenation) is a surer sign.
_MIN_SPLIT_WORD = 9
_MIN_HYPHEN_SPLIT_WORD = 6
_MAX_ABBREVIATION = 5
_SUFFIX = "(?P<suf>s|en|['\u2019]s)?"


@dataclass(frozen=True)
class _Name:
    """One name of a law, agreement or task, as the matcher needs it."""

    label: str
    target: str  # law id, or task id for tasks
    is_task: bool
    case_forms: frozenset[str] | None  # exact spellings allowed, None = any case
    boundaries: frozenset[int]  # key offsets where the label has a word break
    words: tuple[tuple[int, int], ...]  # key spans of the label's words


@dataclass(frozen=True)
class NameMatch:
    """A name found in a text: where, as printed, and what it names.

    ``targets`` are law ids (several for a generic name shared by successive acts,
    such as "Wmo"), or task ids when ``is_task``.
    """

    start: int
    end: int
    text: str
    targets: tuple[str, ...]
    is_task: bool


class _Matcher:
    def __init__(self, register: LawRegister):
        self.names: dict[str, list[_Name]] = {}
        for law in register.laws.values():
            for label in law_labels(law):
                self._add(label, law.id, is_task=False)
        for task in register.tasks.values():
            for label in task.labels:
                self._add(label, task.id, is_task=True)
        pattern = _trie_pattern(sorted(self.names))
        self.regex = re.compile(f"(?<![^\\W_])(?P<m>{pattern}){_SUFFIX}(?![^\\W_])", re.IGNORECASE)

    def _add(self, label: str, target: str, *, is_task: bool) -> None:
        words = re.findall(r"[^\W_]+", fold(label).lower())
        spans, offset = [], 0
        for word in words:
            spans.append((offset, offset + len(word)))
            offset += len(word)
        key = "".join(words)
        single = len(words) == 1 and re.fullmatch(r"[^\W_]+", label.strip()) is not None
        abbreviation = single and len(label.strip()) <= _MAX_ABBREVIATION and label != label.lower()
        case_forms = frozenset({label.strip(), label.strip().upper()}) if abbreviation else None
        name = _Name(
            label,
            target,
            is_task,
            case_forms,
            frozenset(end for _, end in spans[:-1]),
            tuple(spans),
        )
        if name not in self.names.setdefault(key, []):
            self.names[key].append(name)

    def find(self, text: str) -> list[NameMatch]:
        """All names in ``text`` (one sentence or line), left to right."""
        folded = fold(text)
        found = []
        for match in self.regex.finditer(folded):
            start, end = match.span("m")
            key, gaps = _key_and_gaps(folded[start:end])
            raw = text[start:end]
            accepted = [
                name
                for name in self.names.get(key, [])
                if _accepts(name, raw, gaps) and (name.is_task or not match.group("suf"))
            ]
            if not accepted:
                continue
            is_task = all(name.is_task for name in accepted)
            targets = tuple(dict.fromkeys(n.target for n in accepted if n.is_task == is_task))
            found.append(NameMatch(start, match.end(), text[start : match.end()], targets, is_task))
        return found


def _key_and_gaps(printed: str) -> tuple[str, list[tuple[int, str]]]:
    key: list[str] = []
    gaps: list[tuple[int, str]] = []
    run = ""
    for char in printed:
        if char.isalnum():
            if run:
                gaps.append((len(key), run))
                run = ""
            key.append(char.lower())
        else:
            run += char
    return "".join(key), gaps


def _accepts(name: _Name, raw: str, gaps: list[tuple[int, str]]) -> bool:
    if name.case_forms is not None and raw not in name.case_forms:
        return False
    splits = 0
    for position, run in gaps:
        if position in name.boundaries:
            continue
        splits += 1
        if splits > 1 or not _INTRA_GAP.fullmatch(run):
            return False
        word = next((b - a for a, b in name.words if a < position < b), 0)
        hyphen = not run[0].isspace()
        if word < (_MIN_HYPHEN_SPLIT_WORD if hyphen else _MIN_SPLIT_WORD):
            return False
    return True


def _trie_pattern(keys: list[str]) -> str:
    """One regular expression for all keys, a character trie with optional gaps."""
    root: dict = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def after(node: dict) -> str:
        branches = [re.escape(c) + after(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{_GAP}{body})?" if "" in node else _GAP + body

    branches = [re.escape(c) + after(child) for c, child in sorted(root.items()) if c]
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


_MATCHERS: weakref.WeakKeyDictionary[LawRegister, _Matcher] = weakref.WeakKeyDictionary()


def _matcher(register: LawRegister) -> _Matcher:
    matcher = _MATCHERS.get(register)
    if matcher is None:
        matcher = _MATCHERS[register] = _Matcher(register)
    return matcher


def find_names(text: str, register: LawRegister | None = None) -> list[NameMatch]:
    """Every law, agreement and statutory-task name in ``text``, unresolved.

    >>> [(m.text, m.targets) for m in find_names("Participatiewet en Schuldhulpverlenin g")]
    [('Participatiewet', ('participatiewet',)), ('Schuldhulpverlenin g', ('schuldhulpverlening',))]
    """
    return _matcher(register or load_register()).find(text)


# -- links --------------------------------------------------------------------------------


def find_law_links(
    element: Element, register: LawRegister | None = None, year: int | None = None
) -> list[Link]:
    """``mentionsLaw`` and ``impliesLaw`` links of an element (laws and bills only).

    Only the element's own lines count (its title line is one of them). A generic name
    ("Wmo", "Wet inburgering") resolves to the act that applied in ``year``; a task
    implies the act of its law that applied in ``year``, and nothing when that act was
    not yet in force then. An implied link is dropped when the element names the same
    law. Evidence: one per sentence, the line where the name starts.
    """
    laws, _ = _links(element, register or load_register(), year)
    return laws


def find_agreement_links(
    element: Element, register: LawRegister | None = None, year: int | None = None
) -> list[Link]:
    """``mentionsAgreement`` links: national agreements, programmes and temporary schemes."""
    _, agreements = _links(element, register or load_register(), year)
    return agreements


def find_all_links(
    element: Element, register: LawRegister | None = None, year: int | None = None
) -> tuple[list[Link], list[Link]]:
    """Law links and agreement links from one scan of the element's text."""
    return _links(element, register or load_register(), year)


def _links(
    element: Element, register: LawRegister, year: int | None
) -> tuple[list[Link], list[Link]]:
    matcher = _matcher(register)
    found: dict[tuple[str, str], dict[Evidence, None]] = {}
    for sentence in _element_sentences(element):
        for match in matcher.find(sentence.text):
            for predicate, target in _interpret(match, register, year):
                evidence = Evidence(sentence.text, sentence.line_at(match.start))
                found.setdefault((predicate, target), {})[evidence] = None
    mentioned = {target for predicate, target in found if predicate == MENTIONS_LAW}
    law_links, agreement_links = [], []
    for (predicate, target), evidence in found.items():
        link = Link(element.key, predicate, target, list(evidence))
        if predicate == MENTIONS_AGREEMENT:
            agreement_links.append(link)
        elif predicate == MENTIONS_LAW or target not in mentioned:
            law_links.append(link)
    order = {MENTIONS_LAW: 0, IMPLIES_LAW: 1, MENTIONS_AGREEMENT: 2}

    def position(link: Link) -> tuple:
        return (order[link.predicate], link.evidence[0].line, link.target)

    return sorted(law_links, key=position), sorted(agreement_links, key=position)


def _element_sentences(element: Element) -> list[Sentence]:
    lines = element.lines or [Line(element.line, element.label)]
    return sentences(lines)


def _interpret(match: NameMatch, register: LawRegister, year: int | None) -> list[tuple[str, str]]:
    if match.is_task:
        result = []
        for task_id in match.targets:
            law = register.resolve(register.tasks[task_id].law_id, year)
            start = parse_date(law.in_force_from)
            if year is not None and start is not None and start.year > year:
                continue  # the task did not rest on this act yet
            result.append((IMPLIES_LAW, law.id))
        return list(dict.fromkeys(result))
    law_id = _choose(register, match.targets, year)
    if register.laws[law_id].kind in AGREEMENT_KINDS:
        return [(MENTIONS_AGREEMENT, law_id)]
    return [(MENTIONS_LAW, law_id)]


def _choose(register: LawRegister, ids: tuple[str, ...], year: int | None) -> str:
    """Among acts of one lineage sharing a name, the one that applied in ``year``."""
    if len(ids) == 1:
        return ids[0]
    chain = [law for law in register.lineage(ids[0]) if law.id in ids]
    if year is None:
        return chain[-1].id
    chosen = chain[0]
    for law in chain:
        start = parse_date(law.in_force_from)
        if start is None or start.year <= year:
            chosen = law
    return chosen.id


__all__ = [
    "IMPLIES_LAW",
    "MENTIONS_AGREEMENT",
    "MENTIONS_LAW",
    "NameMatch",
    "find_agreement_links",
    "find_all_links",
    "find_law_links",
    "find_names",
    "label_key",
]
