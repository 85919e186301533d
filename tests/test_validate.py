"""Validation: SHACL shapes on the built samples, planted defects, the readable report,
the build's validation.txt, and the SPARQL quality checks in queries/checks/."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from beleidsgraaf.cli import main
from beleidsgraaf.pipeline import Context
from beleidsgraaf.query import run_query
from beleidsgraaf.rdf.namespaces import BG, ID, law_iri
from beleidsgraaf.validate import validate_report

ND26 = "https://w3id.org/beleidsgraaf/id/doc/neder-betuwe-2026-programmabegroting-programma-5"
ND24 = "https://w3id.org/beleidsgraaf/id/doc/neder-betuwe-2024-programmabegroting-programma-5"
ACTIVITY = URIRef(f"{ND26}/5.1.1.2")
CHECKS = Path(__file__).resolve().parents[1] / "queries" / "checks"


@pytest.fixture(scope="module")
def sample_graph(corpus_graph) -> Graph:
    return Graph().parse(corpus_graph / "beleidsgraaf.ttl", format="turtle")


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


# ------------------------------------------------------------------ the samples conform


def test_samples_conform(sample_graph: Graph) -> None:
    report = validate_report(sample_graph)
    assert report.conforms, report.text()[:3000]
    # warnings only name laws in force that the register has no BWB identifier for
    assert all(r.node.startswith("id:wet/") for r in report.warnings)


def test_build_writes_validation_txt_and_reports_it(corpus_graph, sample_graph: Graph) -> None:
    written = (corpus_graph / "validation.txt").read_text(encoding="utf-8")
    assert written == validate_report(sample_graph).text()
    assert written.startswith("The graph conforms to ontology/shapes.ttl")


def test_build_summary_has_one_validation_line(tmp_path: Path) -> None:
    from beleidsgraaf.build import run_build
    from tests.conftest import CORPUS, WIJCHEN

    outcome = run_build([CORPUS / WIJCHEN], tmp_path, maps=False)
    lines = [ln for ln in outcome.summary(1.0).splitlines() if "validation" in ln]
    assert len(lines) == 1 and "conforms" in lines[0]
    assert (tmp_path / "validation.txt").is_file() and (tmp_path / "ontology.html").is_file()


def test_build_without_validation_says_so(tmp_path: Path, capsys) -> None:
    from tests.conftest import CORPUS, WIJCHEN

    out = tmp_path / "out"
    out.mkdir()
    (out / "validation.txt").write_text("The graph conforms (an older build).\n")
    assert main(["build", str(CORPUS / WIJCHEN), "--out", str(out), "--no-maps",
                 "--no-validate"]) == 0
    summary = [ln for ln in capsys.readouterr().out.splitlines()
               if ln.startswith("  validation")]
    assert summary == ["  validation: skipped (build --no-validate); run beleidsgraaf "
                       "validate --graph <out>/beleidsgraaf.ttl"]
    assert (out / "validation.txt").read_text(encoding="utf-8").startswith("Not validated")
    assert main(["validate", "--graph", str(out / "beleidsgraaf.ttl")]) == 0


# ------------------------------------------------------------------ planted defects


def _evidence(graph: Graph, s: URIRef, p: URIRef, o: object, quote: bool = True) -> None:
    node = URIRef(f"{ND26}/bewijs/test")
    graph.add((node, RDF.type, BG.Evidence))
    graph.add((node, RDF.subject, s))
    graph.add((node, RDF.predicate, p))
    graph.add((node, RDF.object, o))
    if quote:
        graph.add((node, BG.quote, Literal("Een zin.")))
    graph.add((node, BG.line, Literal(3, datatype=XSD.integer)))
    graph.add((node, PROV.wasDerivedFrom, URIRef(ND26)))


def _missing_label(g: Graph) -> None:
    g.remove((ACTIVITY, RDFS.label, None))


def _law_link_to_literal(g: Graph) -> None:
    g.add((ACTIVITY, BG.mentionsLaw, Literal("Wmo 2015")))
    _evidence(g, ACTIVITY, BG.mentionsLaw, Literal("Wmo 2015"))


def _two_parents(g: Graph) -> None:
    g.add((ACTIVITY, BG.directlyPartOf, URIRef(f"{ND26}/5.1.2")))


def _timing_on_a_programme(g: Graph) -> None:
    g.add((URIRef(f"{ND26}/programma-5"), BG.timing, Literal("2026")))
    g.add((URIRef(f"{ND26}/programma-5"), BG.startYear, Literal(2026, datatype=XSD.integer)))


def _organisation_without_type(g: Graph) -> None:
    organisation = ID["organisatie/testorganisatie"]
    g.add((organisation, RDF.type, BG.Organisation))
    g.add((organisation, SKOS.prefLabel, Literal("Testorganisatie", lang="nl")))
    g.add((ACTIVITY, BG.involves, organisation))
    _evidence(g, ACTIVITY, BG.involves, organisation)


def _parent_in_other_document(g: Graph) -> None:
    g.remove((ACTIVITY, BG.directlyPartOf, None))
    g.add((ACTIVITY, BG.directlyPartOf, URIRef(f"{ND24}/5.1.1")))


def _evidence_without_quote(g: Graph) -> None:
    organisation = ID["organisatie/ggd-gelderland-zuid"]
    g.add((ACTIVITY, BG.involves, organisation))
    _evidence(g, ACTIVITY, BG.involves, organisation, quote=False)


def _link_without_evidence(g: Graph) -> None:
    g.add((ACTIVITY, BG.impliesLaw, ID["wet/wgs"]))  # asserted without evidence


DEFECTS = [
    pytest.param(_missing_label, ACTIVITY, "rdfs:label", "needs exactly one rdfs:label",
                 id="missing-label"),
    pytest.param(_law_link_to_literal, ACTIVITY, "bg:mentionsLaw", "must be a bg:Law",
                 id="law-link-to-literal"),
    pytest.param(_two_parents, ACTIVITY, "bg:directlyPartOf", "at most one direct parent",
                 id="activity-with-two-parents"),
    pytest.param(_timing_on_a_programme, URIRef(f"{ND26}/programma-5"), "",
                 "Only a bg:Goal or bg:Activity has a timing", id="timing-on-a-programme"),
    pytest.param(_organisation_without_type, ID["organisatie/testorganisatie"], "",
                 "An organisation needs a type", id="organisation-without-type"),
    pytest.param(_parent_in_other_document, ACTIVITY, "bg:directlyPartOf/bg:inDocument",
                 "same document", id="parent-in-another-document"),
    pytest.param(_evidence_without_quote, URIRef(f"{ND26}/bewijs/test"), "bg:quote",
                 "needs exactly one bg:quote", id="evidence-without-quote"),
    pytest.param(_link_without_evidence, ACTIVITY, "bg:impliesLaw", "has no bg:Evidence",
                 id="link-without-evidence"),
]  # fmt: skip


@pytest.mark.parametrize(("plant", "focus", "path", "message"), DEFECTS)
def test_planted_defect_is_caught(sample_graph: Graph, plant, focus: URIRef, path: str,
                                  message: str) -> None:
    graph = _copy(sample_graph)
    plant(graph)
    report = validate_report(graph)
    assert not report.conforms
    short = str(focus).replace(str(ID), "id:")
    matching = [r for r in report.violations
                if r.node == short and r.path == path and message in r.message]
    assert matching, report.text()[:3000]


def test_a_timing_without_a_year_is_a_warning(sample_graph: Graph) -> None:
    graph = _copy(sample_graph)
    for predicate in (BG.timing, BG.startYear, BG.endYear, BG.continuous):
        graph.remove((ACTIVITY, predicate, None))
    graph.add((ACTIVITY, BG.timing, Literal("dit najaar")))
    report = validate_report(graph)
    assert report.conforms, report.text()
    short = str(ACTIVITY).replace(str(ID), "id:")
    assert [r for r in report.warnings if r.node == short and "gives no year" in r.message]


def test_report_is_readable(sample_graph: Graph) -> None:
    graph = _copy(sample_graph)
    _two_parents(graph)
    _law_link_to_literal(graph)
    text = validate_report(graph).text()
    label = str(sample_graph.value(ACTIVITY, RDFS.label))
    assert text.startswith("The graph does not conform to ontology/shapes.ttl: 2 violations")
    assert f"- id:doc/neder-betuwe-2026-programmabegroting-programma-5/5.1.1.2 “{label[:40]}" \
        in text
    assert ('    bg:mentionsLaw = "Wmo 2015": The object of bg:mentionsLaw must be a bg:Law'
            in text)
    assert "    bg:directlyPartOf: A policy element has at most one direct parent" in text


def test_validate_command_exit_codes(sample_graph: Graph, corpus_graph, tmp_path: Path,
                                     capsys) -> None:
    assert main(["validate", "--graph", str(corpus_graph / "beleidsgraaf.ttl")]) == 0
    assert "conforms" in capsys.readouterr().out
    graph = _copy(sample_graph)
    _missing_label(graph)
    bad = tmp_path / "bad.ttl"
    graph.serialize(bad, format="nt", encoding="utf-8")  # N-Triples is Turtle; quick
    assert main(["validate", "--graph", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "1 violation" in out and "rdfs:label: A policy element needs exactly one" in out


# ------------------------------------------------------------------ quality checks


def _check(graph: Graph, name: str) -> list[dict[str, str]]:
    result = run_query((CHECKS / f"{name}.rq").read_text(encoding="utf-8"), graph)
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]


def test_every_check_has_a_header() -> None:
    names = sorted(p.stem for p in CHECKS.glob("*.rq"))
    assert names == ["activities-without-goal", "dangling-references", "duplicate-labels",
                     "laws-never-referenced", "organisations-without-link"]
    for path in CHECKS.glob("*.rq"):
        text = path.read_text(encoding="utf-8")
        for field in ("# title:", "# question:", "# expected:", "# example:"):
            assert field in text, (path.name, field)


@pytest.mark.parametrize("name", ["activities-without-goal", "dangling-references",
                                  "duplicate-labels", "organisations-without-link"])
def test_checks_find_nothing_on_the_samples(sample_graph: Graph, name: str) -> None:
    assert _check(sample_graph, name) == []


def test_laws_never_referenced_are_the_register_laws_the_samples_do_not_use(
        sample_graph: Graph, built) -> None:
    register = {law_iri(law.id) for law in Context().laws.laws.values()
                if law.kind not in ("agreement", "scheme")}
    used = {law_iri(link.target) for document in built.values() for link in document.links
            if link.predicate in ("mentionsLaw", "impliesLaw")}
    rows = _check(sample_graph, "laws-never-referenced")
    assert {URIRef(r["law"]) for r in rows} == register - used
    assert used and register - used  # the samples use some laws of the register, not all


def test_checks_find_planted_defects(sample_graph: Graph) -> None:
    graph = _copy(sample_graph)
    graph.add((ACTIVITY, BG.refersTo, URIRef(f"{ND26}/9.9.9")))
    graph.remove((URIRef(f"{ND26}/5.1.1.3"), BG.directlyPartOf, None))
    graph.add((URIRef(f"{ND26}/5.1.1.3"), BG.directlyPartOf, URIRef(f"{ND26}/5.1")))
    graph.set((URIRef(f"{ND26}/5.1.2.1"), RDFS.label,
               Literal("  " + str(graph.value(ACTIVITY, RDFS.label)).upper(), lang="nl")))
    law = ID["wet/testwet"]
    graph.add((law, RDF.type, BG.Law))
    organisation = ID["organisatie/nergens-genoemd"]
    graph.add((organisation, RDF.type, BG.CareProvider))
    graph.add((organisation, BG.inGazetteer, Literal(False)))

    [dangling] = _check(graph, "dangling-references")
    assert dangling["target"] == f"{ND26}/9.9.9" and dangling["source"] == str(ACTIVITY)
    [orphan] = _check(graph, "activities-without-goal")
    assert orphan["activity"] == f"{ND26}/5.1.1.3"
    [duplicate] = _check(graph, "duplicate-labels")
    assert duplicate["count"] == "2" and str(ACTIVITY) in duplicate["elements"]
    assert str(law) in {r["law"] for r in _check(graph, "laws-never-referenced")}
    [unlinked] = _check(graph, "organisations-without-link")
    assert unlinked["organisation"] == str(organisation)


def test_checks_run_from_the_command_line(corpus_graph, capsys) -> None:
    ttl = str(corpus_graph / "beleidsgraaf.ttl")
    assert main(["query", "checks/dangling-references", "--graph", ttl]) == 0
    assert "(0 rows)" in capsys.readouterr().out
