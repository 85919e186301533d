"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH, SKOS

from beleidsgraaf.query import load_graph
from beleidsgraaf.reason import load_ontology

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"


def validate_graph(data: Graph) -> tuple[bool, list[dict[str, str]]]:
    """``(conforms, violations)``; each violation names node, label, path and message."""
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, ont_graph=load_ontology(),
                                         inference="none", advanced=True)
    violations = []
    for result in sorted(report.subjects(SH.resultSeverity, None), key=str):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        violations.append({
            "node": str(focus), "label": _label(data, focus), "path": _short(path),
            "message": str(report.value(result, SH.resultMessage) or ""),
            "severity": _short(report.value(result, SH.resultSeverity)),
        })
    violations.sort(key=lambda v: (v["node"], v["path"], v["message"]))
    return bool(conforms), violations


def validate_file(path: Path) -> tuple[bool, str]:
    conforms, violations = validate_graph(load_graph(path))
    return conforms, render(conforms, violations)


def render(conforms: bool, violations: list[dict[str, str]]) -> str:
    if conforms:
        return "The graph conforms to ontology/shapes.ttl."
    lines = [f"{len(violations)} violation(s) of ontology/shapes.ttl:"]
    for v in violations:
        label = f" “{v['label']}”" if v["label"] else ""
        lines.append(f"- {v['node']}{label}\n    {v['path'] or '(node)'}: {v['message']}")
    return "\n".join(lines)


def _label(graph: Graph, node: object) -> str:
    if node is None:
        return ""
    value = graph.value(node, RDFS.label) or graph.value(node, SKOS.prefLabel)  # type: ignore[arg-type]
    return str(value)[:80] if value else ""


def _short(term: object) -> str:
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        for sep in ("#", "/"):
            if sep in text:
                return text.rsplit(sep, 1)[1]
    return text
