"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pySHACL).

The shapes use SHACL Advanced Features (SPARQL targets), so pySHACL runs with
``advanced=True``; the ontology is mixed in so that ``sh:class`` follows
``rdfs:subClassOf``. Results of severity ``sh:Violation`` make a graph fail;
``sh:Warning`` results are reported but the graph still conforms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from beleidsgraaf.errors import BeleidsgraafError
from beleidsgraaf.query import load_graph
from beleidsgraaf.rdf.namespaces import PREFIXES
from beleidsgraaf.reason import load_ontology

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/beleidsgraaf/def")
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


class ValidationError(BeleidsgraafError):
    """The shapes cannot be applied (a broken shapes file, not a broken graph)."""


@dataclass(frozen=True)
class Result:
    """One SHACL result, in terms a reader can follow."""

    severity: str  # "violation", "warning" or "info"
    node: str  # focus node, shortened with the project's prefixes (id:doc/…)
    label: str  # rdfs:label or skos:prefLabel of the focus node, "" if none
    path: str  # e.g. "bg:directlyPartOf", "" for a constraint on the node itself
    value: str  # the offending value, "" if none
    message: str


@dataclass(frozen=True)
class Report:
    results: tuple[Result, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity != "violation"]

    def summary(self) -> str:
        """One line, e.g. ``conforms (9 warnings)`` or ``3 violations, 9 warnings``."""
        warnings = f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        if self.conforms:
            return "conforms" + (f" ({warnings})" if self.warnings else "")
        count = len(self.violations)
        return f"{count} violation{'s' if count != 1 else ''}, {warnings}"

    def text(self) -> str:
        """The readable report of ``beleidsgraaf validate`` and ``validation.txt``."""
        if self.conforms:
            count = len(self.warnings)
            extra = f" ({count} warning{'s' if count != 1 else ''})" if count else ""
            lines = [f"The graph conforms to ontology/shapes.ttl{extra}."]
        else:
            lines = [f"The graph does not conform to ontology/shapes.ttl: {self.summary()}."]
        for title, group in (("Violations", self.violations), ("Warnings", self.warnings)):
            if not group:
                continue
            lines += ["", f"{title} ({len(group)}):"]
            for r in group:
                label = f" “{r.label}”" if r.label else ""
                lines.append(f"- {r.node}{label}")
                where = r.path or "(the node itself)"
                value = f" = {r.value}" if r.value else ""
                lines.append(f"    {where}{value}: {r.message}")
        return "\n".join(lines) + "\n"


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def validate_report(data: Graph) -> Report:
    """Validate ``data`` (asserted, with or without the inferred triples)."""
    # a built graph holds the ontology already; mixing it in again would copy the whole graph
    has_ontology = (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in data
    try:
        _, report, _ = shacl_validate(data, shacl_graph=_shapes(),
                                      ont_graph=None if has_ontology else load_ontology(),
                                      inference="none", advanced=True, allow_warnings=True)
    except Exception as exc:  # pyshacl raises its own ReportableRuntimeError & co
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    if not isinstance(report, Graph):
        raise ValidationError(f"SHACL validation could not run: {report}")
    results = []
    for result in set(report.subjects(SH.resultSeverity, None)):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        results.append(Result(
            severity=_SEVERITY.get(report.value(result, SH.resultSeverity), "violation"),
            node=_short(focus), label=_label(data, focus),
            path=_path(report, path), value=_short(value) if value != focus else "",
            message=str(report.value(result, SH.resultMessage) or ""),
        ))
    results.sort(key=lambda r: (r.severity != "violation", r.node, r.path, r.value, r.message))
    return Report(tuple(dict.fromkeys(results)))


def validate_graph(data: Graph) -> tuple[bool, list[dict[str, str]]]:
    """``(conforms, results)``; each result names severity, node, label, path and message."""
    report = validate_report(data)
    return report.conforms, [vars(r).copy() for r in report.results]


def validate_file(path: Path) -> tuple[bool, str]:
    """``(conforms, readable report)`` for a graph file (``beleidsgraaf validate``)."""
    report = validate_report(load_graph(path))
    return report.conforms, report.text().rstrip("\n")


def _label(graph: Graph, node: Node | None) -> str:
    if node is None or isinstance(node, Literal):
        return ""
    value = graph.value(node, RDFS.label) or graph.value(node, SKOS.prefLabel)
    text = " ".join(str(value).split()) if value else ""
    return text if len(text) <= 80 else text[:79] + "…"


def _path(report: Graph, path: Node | None) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):  # a sequence path ( p1 p2 … )
        steps = []
        node: Node | None = path
        while node is not None and node != RDF.nil:
            steps.append(_short(report.value(node, RDF.first)))
            node = report.value(node, RDF.rest)
        return "/".join(steps)
    return _short(path)


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = " ".join(str(term).split())
        return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'
    text = str(term)
    best = ""
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)) and len(str(namespace)) > len(best):
            best = str(namespace)
            short = f"{prefix}:{text[len(best):]}"
    return short if best else (f"<{text}>" if isinstance(term, URIRef) else text)
