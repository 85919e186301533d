"""Tests for the beleidsgraaf OWL ontology and SHACL shapes (ontology/*.ttl)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import owlrl
import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SH

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "beleidsgraaf.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

BG = Namespace("https://w3id.org/beleidsgraaf/def#")
EX = Namespace("https://example.org/test/")
ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
ELI_LEGAL_RESOURCE = URIRef("http://data.europa.eu/eli/ontology#LegalResource")
ORG_ORGANIZATION = URIRef("http://www.w3.org/ns/org#Organization")

PREFIXES = """
@prefix bg:   <https://w3id.org/beleidsgraaf/def#> .
@prefix ex:   <https://example.org/test/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""

# A small, well-formed graph as the pipeline is expected to write it (asserted part only).
VALID_DATA = (
    PREFIXES
    + """
ex:leudal a bg:Municipality ;
    skos:prefLabel "Leudal" ;
    bg:cbsCode "GM1640" ;
    bg:memberOf ex:noord-limburg .

ex:noord-limburg a bg:Region ;
    skos:prefLabel "Noord-Limburg" .

ex:doc a bg:PolicyDocument ;
    bg:sourceFile "leudal_2026_begroting-sociaal-domein.txt" ;
    bg:year 2026 ;
    bg:municipality ex:leudal ;
    bg:docType "programmabegroting" ;
    bg:sha256 "0000000000000000000000000000000000000000000000000000000000000000" ;
    bg:coverage 0.95 .

ex:prog a bg:Programme ;
    rdfs:label "Sociaal domein"@nl ;
    bg:code "5" ;
    bg:inDocument ex:doc .

ex:amb a bg:Ambition ;
    rdfs:label "Iedereen doet mee"@nl ;
    bg:code "5.1" ;
    bg:inDocument ex:doc ;
    bg:directlyPartOf ex:prog ;
    bg:partOf ex:prog .

ex:goal a bg:Goal ;
    rdfs:label "Inwoners krijgen passende ondersteuning"@nl ;
    bg:code "5.1.1" ;
    bg:inDocument ex:doc ;
    bg:directlyPartOf ex:amb ;
    bg:partOf ex:amb .

ex:act a bg:Activity ;
    rdfs:label "Uitvoeren van de Wmo 2015 samen met de GGD"@nl ;
    bg:code "5.1.1.1" ;
    bg:inDocument ex:doc ;
    bg:directlyPartOf ex:goal ;
    bg:partOf ex:goal ;
    bg:timing "2024-2026" ;
    bg:startYear 2024 ;
    bg:endYear 2026 ;
    bg:startLine 12 ;
    bg:mentionsLaw ex:wmo ;
    bg:involves ex:ggd ;
    bg:refersTo ex:ext-6-2 .

ex:ext-6-2 bg:code "6.2" ;
    bg:external true .

ex:wmo a bg:Law ;
    skos:prefLabel "Wet maatschappelijke ondersteuning 2015" ;
    skos:altLabel "Wmo 2015" , "Wmo" ;
    bg:bwbId "BWBR0035362" ;
    bg:lawStatus "in-force" ;
    bg:verified true ;
    bg:inForceFrom "2015-01-01"^^xsd:date .

ex:ggd a bg:HealthService ;
    skos:prefLabel "GGD Limburg-Noord" ;
    skos:altLabel "GGD" .

ex:ev-law a bg:Evidence ;
    rdf:subject ex:act ;
    rdf:predicate bg:mentionsLaw ;
    rdf:object ex:wmo ;
    bg:quote "Uitvoeren van de Wmo 2015 samen met de GGD" ;
    bg:line 12 ;
    prov:wasDerivedFrom ex:doc .

ex:ev-org a bg:Evidence ;
    rdf:subject ex:act ;
    rdf:predicate bg:involves ;
    rdf:object ex:ggd ;
    bg:quote "Uitvoeren van de Wmo 2015 samen met de GGD" ;
    bg:line 12 ;
    prov:wasDerivedFrom ex:doc .

ex:ev-ref a bg:Evidence ;
    rdf:subject ex:act ;
    rdf:predicate bg:refersTo ;
    rdf:object ex:ext-6-2 ;
    bg:quote "Zie ook paragraaf 6.2." ;
    bg:line 14 ;
    prov:wasDerivedFrom ex:doc .
"""
)

# A tiny hierarchy for the reasoning test: only bg:directlyPartOf is asserted.
REASONING_DATA = (
    PREFIXES
    + """
ex:doc a bg:PolicyDocument ; bg:sourceFile "x.txt" .
ex:amb a bg:Ambition ; rdfs:label "Ambitie"@nl ; bg:inDocument ex:doc .
ex:goal a bg:Goal ; rdfs:label "Doel"@nl ; bg:inDocument ex:doc ;
    bg:directlyPartOf ex:amb .
ex:act a bg:Activity ; rdfs:label "Activiteit"@nl ; bg:inDocument ex:doc ;
    bg:directlyPartOf ex:goal ;
    bg:mentionsLaw ex:wmo .
ex:wmo a bg:Law ; skos:prefLabel "Wet maatschappelijke ondersteuning 2015" ;
    bg:bwbId "BWBR0035362" .
"""
)


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _data(text: str = VALID_DATA) -> Graph:
    return Graph().parse(data=text, format="turtle")


def _validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    # advanced=True: the evidence shape finds its focus nodes with a SPARQL target (SHACL-AF)
    conforms, results, text = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return bool(conforms), results, text


def _results(report: Graph) -> list[dict[str, object]]:
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        rows.append(
            {
                "focus": report.value(result, SH.focusNode),
                "path": report.value(result, SH.resultPath),
                "component": report.value(result, SH.sourceConstraintComponent),
                "severity": report.value(result, SH.resultSeverity),
                "message": report.value(result, SH.resultMessage),
            }
        )
    return rows


def _bg_terms(ontology: Graph) -> dict[URIRef, URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms: dict[URIRef, URIRef] = {}
    for kind in kinds:
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(str(BG)):
                terms[term] = kind
    return terms


# --------------------------------------------------------------------------- (a) parsing


def test_files_parse(ontology: Graph, shapes: Graph) -> None:
    assert len(ontology) > 100
    assert len(shapes) > 50
    header = URIRef("https://w3id.org/beleidsgraaf/def")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) is not None
    assert str(ontology.value(header, URIRef("http://purl.org/dc/terms/creator"))) == "beleidsgraaf"
    assert "EUPL-1.2" in str(ontology.value(header, URIRef("http://purl.org/dc/terms/license")))


# --------------------------------------------------------------------------- (b) documentation

CONTRACT_CLASSES = [
    "Municipality", "PolicyDocument", "Programme", "Ambition", "Goal", "Activity", "Section",
    "Law", "Organisation", "Evidence", "PolicyElement", "Agreement", "Region", "Initiative",
    "StatutoryTask", "GovernmentBody", "RegionalCollaboration", "OtherOrganisation",
]  # fmt: skip
CONTRACT_PROPERTIES = [
    "sourceFile", "municipality", "year", "cbsCode", "inDocument", "partOf", "hasPart",
    "directlyPartOf", "code", "timing", "startYear", "endYear", "continuous", "dependsOnLaw",
    "mentionsLaw", "impliesLaw", "dependsOnLawThroughPart", "involves", "refersTo", "external",
    "continues", "bwbId", "lawStatus", "inForceFrom", "inForceUntil", "verified", "quote",
    "line", "page", "layout", "docType", "memberOf", "region", "taskOf", "sha256", "coverage",
]  # fmt: skip


def test_contract_terms_declared(ontology: Graph) -> None:
    terms = _bg_terms(ontology)
    for name in CONTRACT_CLASSES:
        assert terms.get(BG[name]) == OWL.Class, name
    for name in CONTRACT_PROPERTIES:
        assert terms.get(BG[name]) in (OWL.ObjectProperty, OWL.DatatypeProperty), name


def test_every_term_is_documented(ontology: Graph) -> None:
    terms = _bg_terms(ontology)
    assert terms
    problems = []
    for term, kind in sorted(terms.items()):
        labels = {lit.language for lit in ontology.objects(term, RDFS.label)}
        if not {"nl", "en"} <= labels:
            problems.append(f"{term}: rdfs:label @nl and @en needed, has {labels}")
        definitions = {lit.language for lit in ontology.objects(term, SKOS.definition)}
        if not {"nl", "en"} <= definitions:
            problems.append(f"{term}: skos:definition @nl and @en needed, has {definitions}")
        if kind != OWL.Class:
            if ontology.value(term, RDFS.domain) is None:
                problems.append(f"{term}: rdfs:domain missing")
            if ontology.value(term, RDFS.range) is None:
                problems.append(f"{term}: rdfs:range missing")
    assert not problems, "\n".join(problems)


def test_key_axioms(ontology: Graph) -> None:
    assert (BG.partOf, RDF.type, OWL.TransitiveProperty) in ontology
    assert (BG.partOf, OWL.inverseOf, BG.hasPart) in ontology
    assert (BG.directlyPartOf, RDFS.subPropertyOf, BG.partOf) in ontology
    assert (BG.mentionsLaw, RDFS.subPropertyOf, BG.dependsOnLaw) in ontology
    assert (BG.impliesLaw, RDFS.subPropertyOf, BG.dependsOnLaw) in ontology
    assert (BG.Municipality, RDFS.subClassOf, BG.GovernmentBody) in ontology
    assert (BG.GovernmentBody, RDFS.subClassOf, BG.Organisation) in ontology
    assert (BG.Organisation, RDFS.subClassOf, ORG_ORGANIZATION) in ontology
    assert (BG.Law, RDFS.subClassOf, ELI_LEGAL_RESOURCE) in ontology
    assert list(ontology.objects(BG.dependsOnLawThroughPart, RDFS.subPropertyOf)) == []
    # OWL 2 RL hygiene: no functional properties, cardinalities or disjointness.
    for banned in (OWL.FunctionalProperty, OWL.Restriction):
        assert not list(ontology.subjects(RDF.type, banned)), banned
    for banned in (OWL.disjointWith, OWL.cardinality, OWL.maxCardinality, OWL.unionOf):
        assert not list(ontology.subject_objects(banned)), banned


# --------------------------------------------------------------------------- (c) OWL RL


@pytest.fixture(scope="module")
def closure(ontology: Graph) -> Graph:
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    graph.parse(data=REASONING_DATA, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def test_owlrl_closure_is_consistent(closure: Graph) -> None:
    errors = [str(o) for o in closure.objects(None, ERRNS.error)]
    assert not errors


@pytest.mark.parametrize(
    "triple",
    [
        pytest.param((EX.act, BG.partOf, EX.goal), id="partOf-from-directlyPartOf"),
        pytest.param((EX.act, BG.partOf, EX.amb), id="partOf-transitive"),
        pytest.param((EX.amb, BG.hasPart, EX.goal), id="hasPart-inverse"),
        pytest.param((EX.amb, BG.hasPart, EX.act), id="hasPart-inverse-transitive"),
        pytest.param((EX.act, BG.dependsOnLaw, EX.wmo), id="dependsOnLaw-from-mentionsLaw"),
        pytest.param((EX.goal, BG.dependsOnLawThroughPart, EX.wmo), id="throughPart-goal"),
        pytest.param((EX.amb, BG.dependsOnLawThroughPart, EX.wmo), id="throughPart-ambition"),
        pytest.param((EX.act, RDF.type, BG.PolicyElement), id="activity-is-element"),
        pytest.param((EX.wmo, RDF.type, ELI_LEGAL_RESOURCE), id="law-is-eli-legal-resource"),
    ],
)
def test_owlrl_inferences(closure: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in closure


def test_owlrl_does_not_overreach(closure: Graph) -> None:
    # the chain is only "through part": the activity itself gets no such triple
    assert (EX.act, BG.dependsOnLawThroughPart, EX.wmo) not in closure
    # and the chain property does not leak into bg:dependsOnLaw
    assert (EX.amb, BG.dependsOnLaw, EX.wmo) not in closure
    # partOf does not run upwards
    assert (EX.amb, BG.partOf, EX.act) not in closure


# --------------------------------------------------------------------------- (d) SHACL


def test_valid_graph_conforms(shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = _validate(_data(), shapes, ontology)
    assert conforms, text


def test_valid_graph_conforms_after_owlrl(shapes: Graph, ontology: Graph) -> None:
    """The written graph contains inferred triples too; those must not break the shapes."""
    graph = _data()
    for triple in ontology:
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert not list(graph.objects(None, ERRNS.error))
    conforms, _, text = _validate(graph, shapes, ontology)
    assert conforms, text


def _remove(*triples: tuple) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        for triple in triples:
            graph.remove(triple)

    return mutate


def _add(*triples: tuple) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        for triple in triples:
            graph.add(triple)

    return mutate


def _replace(old: tuple, new: tuple) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        graph.remove(old)
        graph.add(new)

    return mutate


def _evidence(subject: URIRef, predicate: URIRef, obj: object) -> list[tuple]:
    node = EX["ev-extra"]
    return [
        (node, RDF.type, BG.Evidence),
        (node, RDF.subject, subject),
        (node, RDF.predicate, predicate),
        (node, RDF.object, obj),
        (node, BG.quote, Literal("Een zin.")),
        (node, BG.line, Literal(3)),
        (node, PROV.wasDerivedFrom, EX.doc),
    ]


DEFECTS = [
    pytest.param(
        _remove((EX.goal, RDFS.label, None)),
        EX.goal, RDFS.label, SH.MinCountConstraintComponent,
        id="missing-label",
    ),
    pytest.param(
        _replace((EX.goal, RDFS.label, None), (EX.goal, RDFS.label, Literal("Doel"))),
        EX.goal, RDFS.label, SH.DatatypeConstraintComponent,
        id="label-without-language",
    ),
    pytest.param(
        _add((EX.act, BG.mentionsLaw, Literal("Wmo 2015")),
             *_evidence(EX.act, BG.mentionsLaw, Literal("Wmo 2015"))),
        EX.act, BG.mentionsLaw, SH.ClassConstraintComponent,
        id="mentionsLaw-to-literal",
    ),
    pytest.param(
        _add((EX.act, BG.directlyPartOf, EX.amb)),
        EX.act, BG.directlyPartOf, SH.MaxCountConstraintComponent,
        id="two-direct-parents",
    ),
    pytest.param(
        _remove((EX["ev-org"], None, None)),
        EX.act, BG.involves, SH.SPARQLConstraintComponent,
        id="link-without-evidence",
    ),
    pytest.param(
        _add((EX.amb, BG.directlyPartOf, EX.goal)),
        EX.amb, BG.directlyPartOf, SH.ClassConstraintComponent,
        id="ambition-under-goal",
    ),
    pytest.param(
        _replace((EX.goal, BG.directlyPartOf, EX.amb), (EX.goal, BG.directlyPartOf, EX.act)),
        EX.goal, BG.directlyPartOf, SH.OrConstraintComponent,
        id="goal-under-activity",
    ),
    pytest.param(
        _replace((EX.act, BG.startYear, None), (EX.act, BG.startYear, Literal(1850))),
        EX.act, BG.startYear, SH.MinInclusiveConstraintComponent,
        id="start-year-out-of-range",
    ),
    pytest.param(
        _remove((EX.doc, BG.sourceFile, None)),
        EX.doc, BG.sourceFile, SH.MinCountConstraintComponent,
        id="document-without-source-file",
    ),
    pytest.param(
        _replace((EX.leudal, BG.cbsCode, None), (EX.leudal, BG.cbsCode, Literal("1640"))),
        EX.leudal, BG.cbsCode, SH.PatternConstraintComponent,
        id="bad-cbs-code",
    ),
    pytest.param(
        _remove((EX.wmo, BG.bwbId, None), (EX.wmo, BG.lawStatus, None)),
        EX.wmo, None, SH.OrConstraintComponent,
        id="law-without-identifier-or-status",
    ),
    pytest.param(
        _remove((EX.ggd, SKOS.prefLabel, None)),
        EX.ggd, SKOS.prefLabel, SH.MinCountConstraintComponent,
        id="organisation-without-name",
    ),
    pytest.param(
        _remove((EX["ev-law"], BG.line, None)),
        EX["ev-law"], BG.line, SH.MinCountConstraintComponent,
        id="evidence-without-line",
    ),
    pytest.param(
        _add((EX.act, BG.involves, EX.wmo), *_evidence(EX.act, BG.involves, EX.wmo)),
        EX.act, BG.involves, SH.ClassConstraintComponent,
        id="involves-non-organisation",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "focus", "path", "component"), DEFECTS)
def test_planted_defect_is_reported(
    shapes: Graph,
    ontology: Graph,
    mutate: Callable[[Graph], None],
    focus: URIRef,
    path: URIRef | None,
    component: URIRef,
) -> None:
    data = _data()
    mutate(data)
    conforms, report, text = _validate(data, shapes, ontology)
    assert not conforms
    rows = _results(report)
    matching = [
        row
        for row in rows
        if row["focus"] == focus and row["path"] == path and row["component"] == component
    ]
    assert matching, text
    for row in matching:
        assert row["severity"] == SH.Violation
        message = row["message"]
        # pyshacl drops the @en tag when it fills in a SPARQL message template
        assert isinstance(message, Literal) and message.language in ("en", None)
        assert len(message) > 10


def test_every_shape_constraint_has_a_message(shapes: Graph) -> None:
    missing = []
    for prop_shape in shapes.objects(None, SH.property):
        if shapes.value(prop_shape, SH.message) is None:
            missing.append(f"property shape on {shapes.value(prop_shape, SH.path)}")
    for node_shape in shapes.subjects(RDF.type, SH.NodeShape):
        own = [p for p in (SH["or"], SH.sparql) if shapes.value(node_shape, p) is not None]
        if SH.sparql in own:
            constraint = shapes.value(node_shape, SH.sparql)
            if shapes.value(constraint, SH.message) is None:
                missing.append(f"sparql constraint of {node_shape}")
        elif own and shapes.value(node_shape, SH.message) is None:
            missing.append(str(node_shape))
    assert not missing, missing


# --------------------------------------------------------------------------- (e) completeness

PACKAGE = Path(__file__).resolve().parents[2] / "beleidsgraaf"
QUERIES = Path(__file__).resolve().parents[2] / "queries"
# OWL 2 RL datatypes (OWL 2 profiles, section 4.2) plus rdfs:Literal
RL_DATATYPES = {
    "rdf:PlainLiteral", "rdf:XMLLiteral", "rdfs:Literal", "xsd:decimal", "xsd:integer",
    "xsd:nonNegativeInteger", "xsd:nonPositiveInteger", "xsd:positiveInteger",
    "xsd:negativeInteger", "xsd:long", "xsd:int", "xsd:short", "xsd:byte",
    "xsd:unsignedLong", "xsd:unsignedInt", "xsd:unsignedShort", "xsd:unsignedByte",
    "xsd:float", "xsd:double", "xsd:string", "xsd:normalizedString", "xsd:token",
    "xsd:language", "xsd:Name", "xsd:NCName", "xsd:NMTOKEN", "xsd:boolean", "xsd:hexBinary",
    "xsd:base64Binary", "xsd:anyURI", "xsd:dateTime", "xsd:dateTimeStamp",
}  # fmt: skip


def test_every_bg_term_the_code_and_queries_use_is_declared(ontology: Graph) -> None:
    import re

    declared = {str(t)[len(str(BG)):] for t in _bg_terms(ontology)}
    used: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in re.findall(r"\bBG\.([A-Za-z]\w*)", path.read_text(encoding="utf-8")):
            used.setdefault(name, path.name)
        for name in re.findall(r"\bBG\[\"([A-Za-z]\w*)\"\]", path.read_text(encoding="utf-8")):
            used.setdefault(name, path.name)
    for path in sorted(QUERIES.rglob("*.rq")):
        for name in re.findall(r"\bbg:([A-Za-z]\w*)", path.read_text(encoding="utf-8")):
            used.setdefault(name, path.name)
    missing = {name: where for name, where in used.items() if name not in declared}
    assert not missing, f"bg: terms used but not declared in the ontology: {missing}"


def test_ranges_use_owl2_rl_datatypes(ontology: Graph) -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for datatype in ontology.objects(prop, RDFS.range):
            short = str(datatype).replace(xsd, "xsd:").replace(str(RDFS), "rdfs:")
            assert short in RL_DATATYPES, (prop, datatype)


def test_hierarchy_properties_are_documented(ontology: Graph) -> None:
    for name in ("partOf", "hasPart", "directlyPartOf", "dependsOnLawThroughPart"):
        term = BG[name]
        assert {lit.language for lit in ontology.objects(term, RDFS.label)} == {"nl", "en"}
        assert ontology.value(term, RDFS.domain) == BG.PolicyElement
    assert (BG.hasPart, RDF.type, OWL.TransitiveProperty) in ontology
    assert (BG.hasPart, OWL.inverseOf, BG.partOf) in ontology
