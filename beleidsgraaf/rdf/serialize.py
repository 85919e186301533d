"""Deterministic Turtle and TriG: the same graph always gives the same bytes.

rdflib's serialisers do not promise an order, and blank-node labels change from
run to run, so a diff of two builds would be noise. Here subjects, predicates
and objects are sorted, blank nodes are canonicalised first, and numbers and
booleans use Turtle's short forms.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph().add((URIRef("http://x/a"), URIRef("http://x/p"), Literal(2)))
>>> print(turtle(g, {"x": "http://x/"}), end="")
@prefix x: <http://x/> .
<BLANKLINE>
x:a x:p 2 .
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_SHORT = {XSD.integer: re.compile(r"^[+-]?\d+$"), XSD.decimal: re.compile(r"^[+-]?\d*\.\d+$"),
          XSD.boolean: re.compile(r"^(true|false)$")}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def canonical(graph: Graph) -> Graph:
    """Graph with content-derived blank-node labels (only if it has blank nodes)."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    return to_canonical_graph(graph)


def turtle(graph: Graph, prefixes: Mapping[str, str]) -> str:
    """Sorted Turtle for one graph."""
    return _header(prefixes) + _body(canonical(graph), _Names(prefixes), "")


def trig(graphs: Iterable[tuple[URIRef, Graph]], prefixes: Mapping[str, str]) -> str:
    """Sorted TriG: one block per named graph, graphs sorted by name."""
    names = _Names(prefixes)
    parts = [_header(prefixes)]
    for name, graph in sorted(graphs, key=lambda item: str(item[0])):
        parts.append(f"{names.term(name)} {{\n{_body(canonical(graph), names, '    ')}}}\n\n")
    return "".join(parts).rstrip("\n") + "\n"


def _header(prefixes: Mapping[str, str]) -> str:
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes.items())]
    return "\n".join(lines) + "\n\n"


def _body(graph: Graph, names: _Names, indent: str) -> str:
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in graph:
        by_subject.setdefault(s, []).append((p, o))
    blocks = []
    for subject in sorted(by_subject, key=_key):
        pairs = sorted(by_subject[subject], key=lambda po: (po[0] != RDF.type, _key(po[0]),
                                                            _key(po[1])))
        blocks.append(_block(names.term(subject), pairs, names, indent))
    return "\n".join(blocks)


def _block(subject: str, pairs: list[tuple[Node, Node]], names: _Names, indent: str) -> str:
    lines: list[str] = []
    previous = None
    for predicate, obj in pairs:
        rendered = names.term(obj)
        if predicate == previous:
            lines[-1] += f" ,\n{indent}        {rendered}"
            continue
        verb = "a" if predicate == RDF.type else names.term(predicate)
        lines.append(f"{verb} {rendered}")
        previous = predicate
    joined = f" ;\n{indent}    ".join(lines)
    return f"{indent}{subject} {joined} .\n"


def _key(term: Node) -> tuple[int, str, str]:
    if isinstance(term, URIRef):
        return (0, str(term), "")
    if isinstance(term, BNode):
        return (1, str(term), "")
    literal: Literal = term  # type: ignore[assignment]
    return (2, str(literal), f"{literal.language or ''}|{literal.datatype or ''}")


class _Names:
    def __init__(self, prefixes: Mapping[str, str]):
        self.prefixes = sorted(((str(ns), p) for p, ns in prefixes.items()),
                               key=lambda item: -len(item[0]))

    def term(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self._iri(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        return self._literal(term)  # type: ignore[arg-type]

    def _iri(self, iri: str) -> str:
        for namespace, prefix in self.prefixes:
            if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return "<" + iri.replace(">", "%3E").replace(" ", "%20") + ">"

    def _literal(self, literal: Literal) -> str:
        lexical = str(literal)
        datatype = literal.datatype
        if datatype in _SHORT and _SHORT[datatype].match(lexical):
            return lexical
        quoted = '"' + "".join(_ESCAPES.get(ch, ch) for ch in lexical) + '"'
        if literal.language:
            return f"{quoted}@{literal.language}"
        if datatype and datatype != XSD.string:
            return f"{quoted}^^{self._iri(str(datatype))}"
        return quoted
