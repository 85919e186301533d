"""Deterministic Turtle and TriG: the same graph always gives the same bytes.

rdflib's serialisers do not promise an order, and blank-node labels change from
run to run, so a diff of two builds would be noise. Here subjects, predicates
and objects are sorted, blank nodes are canonicalised first, and numbers and
booleans use Turtle's short forms.

A "graph" here is anything that iterates over ``(subject, predicate, object)``
triples of rdflib terms: an rdflib ``Graph`` or a plain set of triples (what the
build uses, see :mod:`beleidsgraaf.output.graph`). :func:`turtle_parts` and
:func:`trig_parts` give the text in pieces, so a large graph can be written to a
file without holding the whole text in memory; :func:`turtle` and :func:`trig`
join them.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph().add((URIRef("http://x/a"), URIRef("http://x/p"), Literal(2)))
>>> print(turtle(g, {"x": "http://x/"}), end="")
@prefix x: <http://x/> .
<BLANKLINE>
x:a x:p 2 .
>>> print(turtle({(URIRef("http://x/a"), URIRef("http://x/p"), Literal('say "hi"'))},
...              {"x": "http://x/"}), end="")
@prefix x: <http://x/> .
<BLANKLINE>
x:a x:p "say \\"hi\\"" .
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_SHORT = {XSD.integer: re.compile(r"^[+-]?\d+$"), XSD.decimal: re.compile(r"^[+-]?\d*\.\d+$"),
          XSD.boolean: re.compile(r"^(true|false)$")}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')


def canonical(graph: Iterable[Triple]) -> Iterable[Triple]:
    """The triples with content-derived blank-node labels.

    Only triples that contain a blank node are relabelled (their labels depend on nothing
    else), so a large graph with a few blank nodes is cheap; a graph without any is
    returned as it is, without a look at its triples if it says its labels are canonical
    already (``canonical_labels``).
    """
    if getattr(graph, "canonical_labels", False):
        return graph
    blank_types: dict[type, bool] = {URIRef: False, Literal: False, BNode: True}

    def is_blank(term: Node) -> bool:
        kind = type(term)
        found = blank_types.get(kind)
        if found is None:
            found = blank_types[kind] = issubclass(kind, BNode)
        return found

    blank: list[Triple] = []
    plain: list[Triple] = []
    known = blank_types.get
    for triple in graph:
        s, _, o = triple
        if known(type(s)) is False and known(type(o)) is False or \
                not (is_blank(s) or is_blank(o)):
            plain.append(triple)
        else:
            blank.append(triple)
    if not blank:
        return graph
    small = Graph()
    small.addN((s, p, o, small) for s, p, o in blank)
    return plain + list(to_canonical_graph(small))


def turtle(graph: Iterable[Triple], prefixes: Mapping[str, str]) -> str:
    """Sorted Turtle for one graph."""
    return "".join(Renderer(prefixes).turtle_parts(graph))


def turtle_parts(graph: Iterable[Triple], prefixes: Mapping[str, str]) -> Iterator[str]:
    """:func:`turtle`, in pieces."""
    return Renderer(prefixes).turtle_parts(graph)


def trig(graphs: Iterable[tuple[URIRef, Iterable[Triple]]], prefixes: Mapping[str, str]) -> str:
    """Sorted TriG: one block per named graph, graphs sorted by name."""
    return "".join(Renderer(prefixes).trig_parts(graphs))


def trig_parts(graphs: Iterable[tuple[URIRef, Iterable[Triple]]], prefixes: Mapping[str, str]
               ) -> Iterator[str]:
    """:func:`trig`, in pieces."""
    return Renderer(prefixes).trig_parts(graphs)


class Later:
    """A named graph whose TriG body (:meth:`Renderer.trig_body_parts`, joined) is rendered
    elsewhere and fetched when the writer reaches it: the build renders the inferences while
    another process writes the rest of the TriG file."""

    def __init__(self, fetch: Callable[[], str]):
        self.body = fetch


class Union:
    """Several graphs, read one after the other as one; a triple in more than one of them is
    rendered once. Rendering a large corpus graph by graph is about twice as fast as
    rendering one merged set, whose hash order scatters the look-ups over all of memory.
    ``canonical_labels`` as for a single graph (see :func:`canonical`)."""

    def __init__(self, graphs: Iterable[Iterable[Triple]], canonical_labels: bool = False):
        self.graphs = list(graphs)
        self.canonical_labels = canonical_labels

    def __iter__(self) -> Iterator[Triple]:
        return itertools.chain.from_iterable(self.graphs)


_Key = tuple[int, str, str]
_Verb = tuple[tuple[bool, _Key], str]  # sort order (rdf:type first, as "a"), text


class Renderer:
    """Turtle and TriG with one set of prefixes; each term object is rendered only once,
    however many triples (and both files) it occurs in."""

    def __init__(self, prefixes: Mapping[str, str]):
        self.prefixes = dict(prefixes)
        self.names = _Names(prefixes)
        self.terms: dict[int, tuple[_Key, str]] = {}
        self.predicates: dict[int, tuple[tuple[bool, _Key], str]] = {}
        self.alive: list[Node] = []  # keeps the terms whose ids are cached

    def turtle_parts(self, graph: Iterable[Triple]) -> Iterator[str]:
        yield _header(self.prefixes)
        yield from self._body(canonical(graph), "")

    def trig_parts(self, graphs: Iterable[tuple[URIRef, Iterable[Triple] | Later]]
                   ) -> Iterator[str]:
        ordered = sorted(graphs, key=lambda item: str(item[0]))
        header = _header(self.prefixes)
        yield header if ordered else header.rstrip("\n") + "\n"
        for number, (name, graph) in enumerate(ordered, start=1):
            yield f"{self.names.term(name)} {{\n"
            if isinstance(graph, Later):
                yield graph.body()
            else:
                yield from self.trig_body_parts(graph)
            yield "}\n\n" if number < len(ordered) else "}\n"

    def trig_body_parts(self, graph: Iterable[Triple]) -> Iterator[str]:
        """What :meth:`trig_parts` writes between the braces of one named graph."""
        return self._body(canonical(graph), "    ")

    def _term(self, term: Node) -> tuple[_Key, str]:
        entry = self.terms.get(id(term))
        if entry is None:
            entry = self.terms[id(term)] = (_key(term), self.names.term(term))
            self.alive.append(term)
        return entry

    def _predicate(self, term: Node) -> tuple[tuple[bool, _Key], str]:
        entry = self.predicates.get(id(term))
        if entry is None:
            key, text = self._term(term)
            is_type = key == _TYPE_KEY
            entry = self.predicates[id(term)] = ((not is_type, key), "a" if is_type else text)
        return entry

    def _body(self, graph: Iterable[Triple], indent: str) -> Iterator[str]:
        # grouped by subject object first (ids: cheap to hash), by subject key after
        by_object: dict[int, tuple[Node, list[tuple[_Verb, tuple[_Key, str]]]]] = {}
        term, predicate = self._term, self._predicate
        known_term, known_predicate = self.terms.get, self.predicates.get
        group_of = by_object.get
        for s, p, o in graph:
            group = group_of(id(s))
            if group is None:
                group = by_object[id(s)] = (s, [])
            group[1].append((known_predicate(id(p)) or predicate(p),
                             known_term(id(o)) or term(o)))
        by_subject: dict[_Key, tuple[str, list]] = {}
        for s, rows in by_object.values():
            subject_key, subject_text = known_term(id(s)) or term(s)
            if subject_key in by_subject:  # equal subjects that are different objects
                by_subject[subject_key][1].extend(rows)
            else:
                by_subject[subject_key] = (subject_text, rows)
        by_object.clear()
        separator = ""
        for subject_key in sorted(by_subject):
            subject_text, rows = by_subject.pop(subject_key)
            rows.sort()
            yield separator + _block(subject_text, rows, indent)
            separator = "\n"


_TYPE_KEY: _Key = (0, str(RDF.type), "")


def _header(prefixes: Mapping[str, str]) -> str:
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes.items())]
    return "\n".join(lines) + "\n\n"


def _block(subject: str, rows: list[tuple[_Verb, tuple[_Key, str]]], indent: str) -> str:
    """One subject's triples; ``rows`` sorted, where a repeated row (a triple in more than
    one graph of a :class:`Union`) is written once."""
    lines: list[str] = []
    previous = last = None
    for row in rows:
        if row == last:
            continue
        last = row
        (order, verb), (_, rendered) = row
        if order == previous:
            lines[-1] += f" ,\n{indent}        {rendered}"
            continue
        lines.append(f"{verb} {rendered}")
        previous = order
    joined = f" ;\n{indent}    ".join(lines)
    return f"{indent}{subject} {joined} .\n"


def _key(term: Node) -> _Key:
    if isinstance(term, URIRef):
        return (0, str(term), "")
    if isinstance(term, BNode):
        return (1, str(term), "")
    literal: Literal = term  # type: ignore[assignment]
    return (2, str(literal), f"{literal.language or ''}|{literal.datatype or ''}")


class _Names:
    """Renders terms; IRIs (which recur) are remembered."""

    def __init__(self, prefixes: Mapping[str, str]):
        self.prefixes = sorted(((str(ns), p) for p, ns in prefixes.items()),
                               key=lambda item: -len(item[0]))
        self.iris: dict[str, str] = {}

    def term(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self._iri(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        return self._literal(term)  # type: ignore[arg-type]

    def _iri(self, iri: str) -> str:
        rendered = self.iris.get(iri)
        if rendered is None:
            rendered = self.iris[iri] = self._render_iri(iri)
        return rendered

    def _render_iri(self, iri: str) -> str:
        for namespace, prefix in self.prefixes:
            if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return "<" + iri.replace(">", "%3E").replace(" ", "%20") + ">"

    def _literal(self, literal: Literal) -> str:
        lexical = str(literal)
        datatype = literal.datatype
        if datatype in _SHORT and _SHORT[datatype].match(lexical):
            return lexical
        if _NEEDS_ESCAPE.search(lexical):
            lexical = lexical.translate(_ESCAPE_TABLE)
        quoted = '"' + lexical + '"'
        if literal.language:
            return f"{quoted}@{literal.language}"
        if datatype and datatype != XSD.string:
            return f"{quoted}^^{self._iri(str(datatype))}"
        return quoted
