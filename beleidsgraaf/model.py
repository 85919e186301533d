"""Plain data objects passed between pipeline stages.

read → :class:`SourceText`; structure → :class:`Element` list; extract →
:class:`Link` list; the RDF mapping stage is the only one that knows about RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class Line:
    """One line of the source as read, with its 1-based number in the file."""

    number: int
    text: str
    page: int | None = None
    heading: bool = False

    def as_heading(self) -> Line:
        """The same line marked as a title or heading (a sentence of its own)."""
        return self if self.heading else Line(self.number, self.text, self.page, True)


@dataclass
class SourceText:
    """A decoded document: its lines keep their original numbering."""

    path: Path
    lines: list[Line]
    encoding: str
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name


class Kind(StrEnum):
    """Element kinds; values are the ontology class names."""

    PROGRAMME = "Programme"
    AMBITION = "Ambition"
    GOAL = "Goal"
    ACTIVITY = "Activity"
    SECTION = "Section"


@dataclass
class Element:
    """A recognised part of a document.

    ``key`` is unique within the document and readable (it becomes part of the
    IRI); ``parent`` is the key of the direct parent, ``None`` for top level.
    ``lines`` are all source lines attributed to the element (title and text).
    """

    key: str
    kind: Kind
    label: str
    line: int
    code: str | None = None
    parent: str | None = None
    timing: str | None = None
    lines: list[Line] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    #: where ``timing`` was stated when it is not printed with the element itself: the
    #: sentence that sets a default for the document or a section ("…, tenzij anders vermeld")
    timing_evidence: Evidence | None = None

    def attach(self, line: Line) -> None:
        if all(existing.number != line.number for existing in self.lines):
            self.lines.append(line)


@dataclass(frozen=True)
class Evidence:
    """The quoted sentence (or line) a link rests on, and where it stands."""

    quote: str
    line: int


@dataclass
class Link:
    """A link from an element to a law, organisation or another element.

    ``predicate`` is the local name of the ontology property (``mentionsLaw``,
    ``impliesLaw``, ``involves``, ``refersTo``); ``target`` is an identifier
    whose meaning depends on the predicate (law id, organisation id, reference).
    """

    source: str
    predicate: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Reference:
    """A cross-reference as printed, before it is resolved against the corpus."""

    code: str | None
    title: str | None
    scope: tuple[tuple[str, str], ...] = ()
    text: str = ""


@dataclass
class DocumentMeta:
    """Who wrote the document, when, and what kind it is.

    ``sources`` says where each value came from: ``manifest``, ``text`` or
    ``filename``.
    """

    source_file: str
    municipality: str | None = None
    cbs_code: str | None = None
    year: int | None = None
    doc_type: str | None = None
    title: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Law:
    """An entry of the law register (or a national agreement, ``kind='agreement'``)."""

    id: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    bwb_id: str | None = None
    status: str = "in-force"
    in_force_from: str | None = None
    in_force_until: str | None = None
    amends: tuple[str, ...] = ()
    replaced_by: str | None = None
    url: str | None = None
    verified: bool = False
    kind: str = "law"
    note: str = ""


@dataclass(frozen=True)
class Organisation:
    """A partner organisation, from the gazetteer or recognised in the text."""

    id: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    type: str = "Organisation"
    region: str | None = None
    wikidata: str | None = None
    kvk: str | None = None
    in_gazetteer: bool = True


@dataclass
class Document:
    """Everything learned from one source file."""

    source: SourceText
    meta: DocumentMeta
    layout: str
    elements: list[Element] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    references: dict[str, list[tuple[Reference, Evidence]]] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    noise: set[int] = field(default_factory=set)

    def element(self, key: str) -> Element:
        for element in self.elements:
            if element.key == key:
                return element
        raise KeyError(key)

    def of_kind(self, kind: Kind) -> list[Element]:
        return [e for e in self.elements if e.kind is kind]

    @property
    def coverage(self) -> float:
        """Share of non-blank, non-boilerplate lines attributed to some element."""
        text = {ln.number for ln in self.source.lines if ln.text.strip()} - self.noise
        if not text:
            return 0.0
        covered = {ln.number for e in self.elements for ln in e.lines} & text
        return len(covered) / len(text)
