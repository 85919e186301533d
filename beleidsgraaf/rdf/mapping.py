"""RDF mapping stage: documents and reference data → rdflib graphs.

This is the only stage that knows RDF. Each document becomes its own graph
(named graph in the TriG output); laws, organisations and municipalities go
into a reference graph.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

from beleidsgraaf.model import Document, Element, Evidence, Kind, Law, Link, Organisation
from beleidsgraaf.rdf.namespaces import (
    BG,
    PREFIXES,
    Terms,
    agreement_iri,
    document_iri,
    element_iri,
    external_iri,
    law_iri,
    municipality_iri,
    organisation_iri,
    region_iri,
)
from beleidsgraaf.reference.municipalities import (
    Municipality,
    MunicipalityRegister,
    Region,
    load_municipalities,
)
from beleidsgraaf.structure.timing import parse_timing

# the same term objects for every triple (see Terms)
DCTERMS, PROV, RDF = Terms(ns.DCTERMS), Terms(ns.PROV), Terms(ns.RDF)
RDFS, SKOS, XSD = Terms(ns.RDFS), Terms(ns.SKOS), Terms(ns.XSD)
TRUE = Literal(True)


@lru_cache(maxsize=1 << 16)
def integer(value: int) -> Literal:
    """An ``xsd:integer`` literal, made once per value (line numbers and years recur)."""
    return Literal(value, datatype=XSD.integer)


LINK_PREDICATES = {"mentionsLaw": BG.mentionsLaw, "impliesLaw": BG.impliesLaw,
                   "involves": BG.involves, "refersTo": BG.refersTo,
                   "mentionsAgreement": BG.mentionsAgreement,
                   "involvesInitiative": BG.mentionsInitiative,
                   "mentionsInitiative": BG.mentionsInitiative, "continues": BG.continues}
_AMOUNTS = {"lasten": BG.expenses, "totaal lasten": BG.expenses, "baten": BG.income,
            "totaal baten": BG.income, "saldo": BG.balance,
            "saldo van baten en lasten": BG.balance}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


class DocumentMapper:
    """Maps one :class:`Document`; ``iris`` maps source file names to document IRIs."""

    def __init__(self, document: Document, iris: dict[str, URIRef], graph: Graph | None = None):
        self.document = document
        self.iris = iris
        self.iri = iris[document.meta.source_file]
        self.graph = new_graph() if graph is None else graph
        self.elements: dict[str, URIRef] = {}  # key → IRI (each element is named often)
        self.quotes: dict[str, Literal] = {}  # a sentence is evidence for several links
        # the page of each line of a paginated source (PDF), for the evidence
        self.pages = {ln.number: ln.page for ln in document.source.lines if ln.page}

    def run(self) -> Graph:
        self._document()
        for element in self.document.elements:
            self._element(element)
        for link in self.document.links:
            self._link(link)
        return self.graph

    def _add(self, s: URIRef | BNode, p: URIRef, o: URIRef | Literal | BNode) -> None:
        self.graph.add((s, p, o))

    def _document(self) -> None:
        meta, iri = self.document.meta, self.iri
        self._add(iri, RDF.type, BG.PolicyDocument)
        self._add(iri, BG.sourceFile, Literal(meta.source_file))
        self._add(iri, BG.layout, Literal(self.document.layout))
        self._add(iri, BG.sha256, Literal(self.document.source.sha256))
        coverage = Decimal(str(round(self.document.coverage, 4)))
        self._add(iri, BG.coverage, Literal(coverage, datatype=XSD.decimal))
        if meta.cbs_code:
            self._add(iri, BG.municipality, municipality_iri(meta.cbs_code))
        if meta.year:
            self._add(iri, BG.year, integer(meta.year))
        if meta.doc_type:
            self._add(iri, BG.docType, Literal(meta.doc_type))
        title = meta.title or _first_title(self.document)
        if title:
            self._add(iri, DCTERMS.title, Literal(title, lang="nl"))

    def _element_iri(self, key: str) -> URIRef:
        iri = self.elements.get(key)
        if iri is None:
            iri = self.elements[key] = element_iri(self.iri, key)
        return iri

    def _element(self, element: Element) -> None:
        iri = self._element_iri(element.key)
        self._add(iri, RDF.type, BG[element.kind.value])
        self._add(iri, RDFS.label, Literal(element.label, lang="nl"))
        self._add(iri, BG.inDocument, self.iri)
        numbers = [ln.number for ln in element.lines] or [element.line]
        self._add(iri, BG.startLine, integer(min(numbers)))
        self._add(iri, BG.endLine, integer(max(numbers)))
        if element.parent:
            parent = self._element_iri(element.parent)
            self._add(iri, BG.directlyPartOf, parent)
            self._add(iri, BG.partOf, parent)
        if element.code:
            self._add(iri, BG.code, Literal(element.code))
        if element.timing and element.kind in (Kind.GOAL, Kind.ACTIVITY):
            self._timing(iri, element.timing, element.timing_evidence)
        self._properties(iri, element)

    def _timing(self, iri: URIRef, printed: str, evidence: Evidence | None) -> None:
        """The timing as printed and what it says; a default stated elsewhere ("…, tenzij
        anders vermeld") comes with the sentence that states it as evidence."""
        self._add(iri, BG.timing, Literal(printed))
        if evidence is not None:
            self._evidence(iri, BG.timing, Literal(printed), evidence)
        timing = parse_timing(printed)
        if timing is None:
            return
        if timing.continuous:
            self._add(iri, BG.continuous, TRUE)
        if timing.start:
            self._add(iri, BG.startYear, integer(timing.start))
        if timing.end:
            self._add(iri, BG.endYear, integer(timing.end))

    def _properties(self, iri: URIRef, element: Element) -> None:
        props = element.properties
        multiplier = Decimal(props.get("unit", "1"))
        for key, value in sorted(props.items()):
            if key == "description":
                self._add(iri, DCTERMS.description, Literal(value, lang="nl"))
            elif key == "new" and element.kind is Kind.ACTIVITY:
                self._add(iri, BG.newActivity, TRUE)
            elif key == "caseNumber":
                self._add(iri, BG.caseNumber, Literal(value))
            elif key == "decisionDate" and (date := _iso_date(value)):
                self._add(iri, BG.decisionDate, Literal(date, datatype=XSD.date))
            elif key.startswith("amount:") and key[7:] in _AMOUNTS:
                amount = _amount(value)
                if amount is not None:
                    self._add(iri, _AMOUNTS[key[7:]], Literal(amount * multiplier,
                                                              datatype=XSD.decimal))

    def _link(self, link: Link) -> None:
        predicate = LINK_PREDICATES.get(link.predicate)
        if predicate is None:
            return
        subject = self._element_iri(link.source)
        target = self._target(link)
        self._add(subject, predicate, target)
        if link.predicate == "continues":
            return
        for evidence in link.evidence:
            self._evidence(subject, predicate, target, evidence)

    def _target(self, link: Link) -> URIRef:
        if link.predicate in ("mentionsLaw", "impliesLaw"):
            return law_iri(link.target)
        if link.predicate == "mentionsAgreement":
            return agreement_iri(link.target)
        if link.predicate in ("involves", "involvesInitiative", "mentionsInitiative"):
            return organisation_node(link.target)
        return self._element_target(link.target)

    def _element_target(self, target: str) -> URIRef:
        kind, _, rest = target.partition(":")
        if kind == "element":
            source_file, _, key = rest.partition("#")
            return element_iri(self.iris[source_file], key)
        meta = self.document.meta
        iri = external_iri(meta.cbs_code, meta.year, rest)
        self._add(iri, BG.external, TRUE)
        if re.fullmatch(r"\d+(\.\d+)*", rest):
            self._add(iri, BG.code, Literal(rest))
        for found in self.document.references.values():
            for reference, _ in found:
                printed = reference.code or reference.title or reference.text
                label = reference.title or (None if reference.code else reference.text)
                if printed == rest and label:
                    self._add(iri, RDFS.label, Literal(label, lang="nl"))
        return iri

    def _evidence(self, s: URIRef, p: URIRef, o: URIRef | Literal, evidence: Evidence) -> None:
        digest = hashlib.sha1(f"{s}|{p}|{o}|{evidence.line}|{evidence.quote}".encode()).hexdigest()
        node = URIRef(f"{self.iri}/bewijs/{digest[:16]}")
        self._add(node, RDF.type, BG.Evidence)
        self._add(node, RDF.subject, s)
        self._add(node, RDF.predicate, p)
        self._add(node, RDF.object, o)
        quote = self.quotes.get(evidence.quote)
        if quote is None:
            quote = self.quotes[evidence.quote] = Literal(evidence.quote)
        self._add(node, BG.quote, quote)
        self._add(node, BG.line, integer(evidence.line))
        if evidence.line in self.pages:
            self._add(node, BG.page, integer(self.pages[evidence.line]))
        self._add(node, PROV.wasDerivedFrom, self.iri)


def document_iris(documents: list[Document]) -> dict[str, URIRef]:
    """One IRI per source file; equal stems in different folders get a suffix."""
    iris: dict[str, URIRef] = {}
    used: set[URIRef] = set()
    for document in documents:
        iri = document_iri(document.source.path.stem)
        number = 2
        while iri in used:
            iri = document_iri(f"{document.source.path.stem}-{number}")
            number += 1
        used.add(iri)
        iris[document.meta.source_file] = iri
    return iris


def law_triples(graph: Graph, law: Law) -> None:
    iri = agreement_iri(law.id) if law.kind in ("agreement", "scheme") else law_iri(law.id)
    graph.add((iri, RDF.type, BG.Agreement if law.kind in ("agreement", "scheme") else BG.Law))
    graph.add((iri, SKOS.prefLabel, Literal(law.pref_label, lang="nl")))
    for label in law.alt_labels:
        graph.add((iri, SKOS.altLabel, Literal(label, lang="nl")))
    if law.kind in ("agreement", "scheme"):
        return
    if law.bwb_id:
        graph.add((iri, BG.bwbId, Literal(law.bwb_id)))
    graph.add((iri, BG.lawStatus, Literal(law.status)))
    graph.add((iri, BG.verified, Literal(law.verified)))
    if law.url:
        graph.add((iri, RDFS.seeAlso, URIRef(law.url)))
    for date, prop in ((law.in_force_from, BG.inForceFrom), (law.in_force_until, BG.inForceUntil)):
        if date:
            graph.add((iri, prop, Literal(date, datatype=XSD.date)))
    for amended in law.amends:
        graph.add((iri, URIRef("http://data.europa.eu/eli/ontology#amends"), law_iri(amended)))
    if law.replaced_by:
        graph.add((iri, DCTERMS.isReplacedBy, law_iri(law.replaced_by)))
    if law.note:
        graph.add((iri, RDFS.comment, Literal(law.note, lang="en")))


_TYPE_CLASSES = {"Initiative": BG.Initiative}
_MUNICIPALITY_ID = "gemeente-"


def as_municipality(organisation_id: str) -> Municipality | None:
    """The municipality an organisation id of the form ``gemeente-<slug>`` stands for."""
    if not organisation_id.startswith(_MUNICIPALITY_ID):
        return None
    return load_municipalities().by_slug(organisation_id[len(_MUNICIPALITY_ID):])


def organisation_node(organisation_id: str) -> URIRef:
    """Municipalities acting as partners are the same node as the municipality itself."""
    municipality = as_municipality(organisation_id)
    if municipality is not None:
        return municipality_iri(municipality.cbs_code)
    return organisation_iri(organisation_id)


def organisation_triples(graph: Graph, organisation: Organisation) -> None:
    municipality = as_municipality(organisation.id)
    if municipality is not None:
        municipality_triples(graph, municipality.cbs_code, municipality.name,
                             municipality.province)
        return
    iri = organisation_iri(organisation.id)
    graph.add((iri, RDF.type, _TYPE_CLASSES.get(organisation.type, BG[organisation.type])))
    graph.add((iri, SKOS.prefLabel, Literal(organisation.pref_label, lang="nl")))
    for label in organisation.alt_labels:
        graph.add((iri, SKOS.altLabel, Literal(label, lang="nl")))
    if organisation.wikidata:
        graph.add((iri, SKOS.exactMatch,
                   URIRef(f"http://www.wikidata.org/entity/{organisation.wikidata}")))
    if organisation.kvk:
        graph.add((iri, BG.kvkNumber, Literal(organisation.kvk)))
    if not organisation.in_gazetteer:
        graph.add((iri, BG.inGazetteer, Literal(False)))


def municipality_triples(graph: Graph, cbs_code: str, name: str, province: str | None) -> None:
    iri = municipality_iri(cbs_code)
    graph.add((iri, RDF.type, BG.Municipality))
    graph.add((iri, SKOS.prefLabel, Literal(name, lang="nl")))
    graph.add((iri, BG.cbsCode, Literal(cbs_code)))
    if province:
        graph.add((iri, BG.province, Literal(province)))


def region_triples(graph: Graph, region: Region, register: MunicipalityRegister) -> None:
    """A region with its member municipalities (``bg:memberOf``)."""
    iri = region_iri(region.id)
    graph.add((iri, RDF.type, BG.Region))
    graph.add((iri, SKOS.prefLabel, Literal(region.name, lang="nl")))
    for label in region.alt_names:
        graph.add((iri, SKOS.altLabel, Literal(label, lang="nl")))
    graph.add((iri, BG.regionType, Literal(region.type)))
    for code in region.members:
        member = register.by_code(code)
        if member is not None:
            municipality_triples(graph, member.cbs_code, member.name, member.province)
            graph.add((municipality_iri(code), BG.memberOf, iri))


def _first_title(document: Document) -> str | None:
    return next((e.label for e in document.elements if e.kind is not Kind.SECTION), None)


def _iso_date(printed: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", printed)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def _amount(printed: str) -> Decimal | None:
    text = printed.replace(".", "").replace(",", ".").replace(" ", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
