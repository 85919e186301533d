"""Corpus-level links: resolve cross-references and find continued activities.

Both need more than one document: a reference in a 2026 budget may point at an
ambition printed in another document of the same municipality, and
``bg:continues`` compares documents of one municipality across years.

Targets are written as ``element:<source file>#<key>`` or
``external:<code or title>``; the RDF mapping turns them into IRIs.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from difflib import SequenceMatcher

from beleidsgraaf.model import Document, Element, Evidence, Kind, Link, Reference

CONTINUITY_THRESHOLD = 0.75
_REMARK = re.compile(r"\s*\((?:zie|vgl|nieuw|relatie)\b[^)]*\)?", re.I)


def element_target(document: Document, element: Element) -> str:
    return f"element:{document.meta.source_file}#{element.key}"


def resolve_references(documents: list[Document]) -> None:
    """Turn each document's printed references into ``refersTo`` links."""
    groups: dict[tuple[str, int | None], list[Document]] = defaultdict(list)
    for document in documents:
        if document.meta.cbs_code is not None:
            groups[(document.meta.cbs_code, document.meta.year)].append(document)
    for document in documents:
        peers = _same_municipality(document, groups)
        for source_key, found in document.references.items():
            for reference, evidence in found:
                target = _resolve(reference, document, peers)
                _add_link(document, source_key, target, evidence)


def _add_link(document: Document, source: str, target: str, evidence: Evidence) -> None:
    for link in document.links:
        if (link.source, link.predicate, link.target) == (source, "refersTo", target):
            if evidence not in link.evidence:
                link.evidence.append(evidence)
            return
    document.links.append(Link(source, "refersTo", target, [evidence]))


def _same_municipality(document: Document,
                       groups: dict[tuple[str, int | None], list[Document]]) -> list[Document]:
    """The other documents of the same municipality and year, in corpus order."""
    if document.meta.cbs_code is None:
        return []
    group = groups.get((document.meta.cbs_code, document.meta.year), [])
    return [d for d in group if d is not document]


def _resolve(reference: Reference, document: Document, peers: list[Document]) -> str:
    if reference.code and not _is_chapter(reference):
        for candidate in [document, *peers]:
            for element in candidate.elements:
                if element.code == reference.code and element.kind is not Kind.SECTION:
                    return element_target(candidate, element)
    if reference.scope and reference.code is None:
        element = _resolve_scope(reference.scope, document)
        if element is not None:
            return element_target(document, element)
    return "external:" + (reference.code or reference.title or reference.text)


def _is_chapter(reference: Reference) -> bool:
    return any(kind in ("hoofdstuk", "paragraaf", "bijlage") for kind, _ in reference.scope)


def _resolve_scope(scope: tuple[tuple[str, str], ...], document: Document) -> Element | None:
    """Walk "thema X" → "doel N" → "activiteit M" down the document's hierarchy."""
    candidates = [e for e in document.elements if e.parent is None or e.kind is Kind.AMBITION]
    found: Element | None = None
    for kind, value in scope:
        if kind == "thema":
            found = next((e for e in candidates if e.kind is Kind.AMBITION
                          and _norm(e.label) == _norm(value)), None)
        else:
            wanted = Kind.GOAL if kind == "doel" else Kind.ACTIVITY
            found = next((e for e in document.elements if found is not None
                          and e.parent == found.key and e.kind is wanted and e.code == value), None)
        if found is None:
            return None
    return found


# ---------------------------------------------------------------- continuity
def link_continuations(documents: list[Document]) -> None:
    """Link each activity to the same activity in the previous document of its municipality.

    Similarity is difflib's ratio of normalised titles (lower case, punctuation
    and remarks such as "(zie ook …)" or "nieuw uit kadernota" removed); pairs
    at or above :data:`CONTINUITY_THRESHOLD` are matched greedily, best first,
    one to one. Codes are not used: numbering often changes between years.
    """
    by_municipality: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        if document.meta.cbs_code and document.meta.year:
            by_municipality[document.meta.cbs_code].append(document)
    for group in by_municipality.values():
        group.sort(key=lambda d: (d.meta.year or 0, d.meta.source_file))
        for later in group:
            earlier = [d for d in group if (d.meta.year or 0) < (later.meta.year or 0)
                       and d.of_kind(Kind.ACTIVITY)]
            if earlier:
                _continue(later, earlier[-1])


def _continue(later: Document, earlier: Document) -> None:
    """Greedy one-to-one matching, best pair first (ties by keys), of pairs at or above the
    threshold.

    The result is that of scoring every pair and sorting, but a pair's exact score (the
    expensive part) is computed only when the pair could still be chosen. Pairs wait in a
    heap under an upper bound of their score — first the bound from the lengths, then
    difflib's ``quick_ratio`` — and are scored when they reach the top while both their
    activities are still free; a bound is ordered before an exact score of the same value,
    so ties are broken as in the full sort. Each new activity enters the heap with its
    candidates one at a time, best bound first, and stops entering it once it is matched.
    """
    news = [(new, _norm(new.label)) for new in later.of_kind(Kind.ACTIVITY)]
    olds = [(old, _norm(old.label)) for old in earlier.of_kind(Kind.ACTIVITY)]
    queues: list[list[_Item]] = []
    for i, (new, left) in enumerate(news):
        queue = []
        for j, (old, right) in enumerate(olds):
            if left and right:
                bound = 2.0 * min(len(left), len(right)) / (len(left) + len(right))
                if bound >= CONTINUITY_THRESHOLD:
                    queue.append((-bound, _LENGTH_BOUND, new.key, old.key, i, j))
        queue.sort(reverse=True)  # popped from the end: best first
        queues.append(queue)
    heap = [queue.pop() for queue in queues if queue]
    heapq.heapify(heap)
    matchers: dict[int, SequenceMatcher] = {}
    used_new: set[str] = set()
    used_old: set[str] = set()
    while heap:
        negative, stage, new_key, old_key, i, j = heapq.heappop(heap)
        if new_key in used_new:
            continue
        if stage == _LENGTH_BOUND and queues[i]:
            heapq.heappush(heap, queues[i].pop())
        if old_key in used_old:
            continue
        if stage != _EXACT:
            left, right = news[i][1], olds[j][1]
            if left == right:
                value, stage = 1.0, _EXACT
            else:
                matcher = matchers.get(j)
                if matcher is None:
                    matcher = matchers[j] = SequenceMatcher(None, "", right, autojunk=False)
                matcher.set_seq1(left)
                if stage == _LENGTH_BOUND:
                    value, stage = matcher.quick_ratio(), _QUICK_BOUND
                else:
                    value, stage = matcher.ratio(), _EXACT
            if value >= CONTINUITY_THRESHOLD:
                heapq.heappush(heap, (-value, stage, new_key, old_key, i, j))
            continue
        new, old = news[i][0], olds[j][0]
        used_new.add(new_key)
        used_old.add(old_key)
        evidence = Evidence(new.label, new.line)
        link = Link(new.key, "continues", element_target(earlier, old), [evidence])
        link.score = -negative  # type: ignore[attr-defined]
        later.links.append(link)


_Item = tuple[float, int, str, str, int, int]
_LENGTH_BOUND, _QUICK_BOUND, _EXACT = 0, 1, 2


def similarity(a: str, b: str) -> float:
    """Similarity of two titles in [0, 1].

    >>> round(similarity("We geven uitvoering (zie ook ambitie 3.3: X)", "We geven uitvoering."), 2)
    1.0
    """
    return _ratio(_norm(a), _norm(b), 0.0)


def _ratio(left: str, right: str, floor: float) -> float:
    if not left or not right:
        return 0.0
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _norm(text: str) -> str:
    text = _REMARK.sub(" ", text)
    text = re.sub(r"\bnieuw uit kadernota\b", " ", text, flags=re.I)
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
