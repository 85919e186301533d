"""Networks of the policy graph (networkx), built by SPARQL as pure functions.

* :func:`partner_network` — organisations, linked when they are involved in the same element
  (``weight`` = number of shared elements, ``elements`` = their labels);
* :func:`involvement_network` — bipartite element–organisation;
* :func:`law_network` — bipartite element–law (explicit ``bg:mentionsLaw`` and implied
  ``bg:impliesLaw``), with the evidence sentence on each edge;
* :func:`reference_network` — directed cross-references between elements, including
  unresolved (``bg:external``) targets.

Every builder takes an optional municipality (its name, case-insensitive, or its CBS code);
the value is bound with ``initBindings``, never pasted into a query. Nodes are IRIs (strings);
nodes and edges are added in sorted order and all list attributes are sorted, so the same RDF
graph always gives the same networkx graph. Measures: :func:`centrality`,
:func:`communities` (seeded Louvain or greedy modularity), :func:`components`,
:func:`bridging_organisations`; :func:`export_network` writes GraphML, GEXF or a CSV edge list.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from itertools import combinations
from typing import TypeVar

import networkx as nx
from rdflib import Graph, Literal, URIRef

from beleidsgraaf.errors import BeleidsgraafError

T = TypeVar("T")

BG = "https://w3id.org/beleidsgraaf/def#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"

PREFIXES = f"""PREFIX bg: <{BG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

# Most specific first: a reasoned graph types a municipality also as a government body and
# every organisation also as bg:Organisation.
ORGANISATION_TYPES: dict[str, str] = {
    "Municipality": "gemeente",
    "RegionalCollaboration": "gemeenschappelijke regeling",
    "Region": "regio",
    "CareProvider": "zorgaanbieder",
    "WelfareOrganisation": "welzijnsorganisatie",
    "HealthService": "gezondheidsdienst",
    "HealthInsurer": "zorgverzekeraar",
    "HousingCorporation": "woningcorporatie",
    "EducationInstitution": "onderwijsinstelling",
    "KnowledgeInstitute": "kennisinstituut",
    "PoliceJustice": "politie en justitie",
    "GovernmentBody": "overheidsorgaan",
    "OtherOrganisation": "overige organisatie",
    "Organisation": "organisatie",
}
ELEMENT_KINDS: dict[str, str] = {
    "Programme": "programma",
    "Ambition": "ambitie",
    "Goal": "doel",
    "Activity": "activiteit",
    "Section": "sectie",
    "External": "extern verwijsdoel",
    "Element": "beleidsonderdeel",
}
LAW_KIND = ("Law", "wet")
RELATIONS = {"mentionsLaw": "wet genoemd", "impliesLaw": "wet afgeleid uit wettelijke taak"}

SHORT_LABEL = 28
BETWEENNESS_SAMPLE = 500  # above this many nodes, betweenness is estimated from a seeded sample


class UnknownMunicipality(BeleidsgraafError):
    """The municipality filter matches no municipality with documents in the graph."""


@dataclass(frozen=True)
class DocumentInfo:
    iri: str
    source_file: str
    municipality: str
    cbs_code: str
    year: int | None


@dataclass(frozen=True, order=True)
class Quote:
    """One evidence sentence: source file, 1-based line, text."""

    document: str
    line: int
    text: str


# ---------------------------------------------------------------------------------------------
# Queries (constant text; values are bound with initBindings)
# ---------------------------------------------------------------------------------------------

_MUNICIPALITY = PREFIXES + """
SELECT DISTINCT ?m WHERE {
  ?doc bg:municipality ?m .
  { ?m skos:prefLabel ?name . FILTER(LCASE(STR(?name)) = ?needle) }
  UNION { ?m skos:altLabel ?name . FILTER(LCASE(STR(?name)) = ?needle) }
  UNION { ?m bg:cbsCode ?code . FILTER(UCASE(STR(?code)) = ?cbs) }
}"""

_MUNICIPALITY_NAMES = PREFIXES + """
SELECT DISTINCT ?name ?code WHERE {
  ?doc bg:municipality ?m .
  OPTIONAL { ?m skos:prefLabel ?name }
  OPTIONAL { ?m bg:cbsCode ?code }
}"""

_DOCUMENTS_ALL = PREFIXES + """
SELECT ?doc ?file ?m ?name ?code ?year WHERE {
  { ?doc a bg:PolicyDocument } UNION { ?doc bg:sourceFile ?anyFile }
  OPTIONAL { ?doc bg:sourceFile ?file }
  OPTIONAL { ?doc bg:year ?year }
  OPTIONAL { ?doc bg:municipality ?m .
             OPTIONAL { ?m skos:prefLabel ?name }
             OPTIONAL { ?m bg:cbsCode ?code } }
}"""

_DOCUMENTS_OF = PREFIXES + """
SELECT ?doc ?file ?m ?name ?code ?year WHERE {
  ?doc bg:municipality ?m .
  OPTIONAL { ?doc bg:sourceFile ?file }
  OPTIONAL { ?doc bg:year ?year }
  OPTIONAL { ?m skos:prefLabel ?name }
  OPTIONAL { ?m bg:cbsCode ?code }
}"""

# The catalogue: one two-column query per predicate (no predicate column to convert).
_FACTS = PREFIXES + """
SELECT ?s ?o WHERE { ?s ?p ?o }"""
# Types, without the two that tell no map node apart but make up most rows of a national
# graph: bg:PolicyElement (every element has a more specific kind) and bg:Evidence (every
# evidence sentence) — except bg:Evidence of an involved organisation, where it could be the
# only type that names what it is.
_TYPES = PREFIXES + """
SELECT ?s ?o WHERE {
  { ?s a ?o . FILTER(?o NOT IN (bg:Evidence, bg:PolicyElement)) }
  UNION { ?e bg:involves ?s . ?s a bg:Evidence . BIND(bg:Evidence AS ?o) }
}"""

_LINKS = PREFIXES + """
SELECT ?e ?target ?doc WHERE {
  ?e ?p ?target ;
     bg:inDocument ?doc .
}"""

_EVIDENCE = PREFIXES + """
SELECT ?s ?o ?quote ?line ?doc WHERE {
  ?ev rdf:subject ?s ;
      rdf:predicate ?p ;
      rdf:object ?o .
  OPTIONAL { ?ev bg:quote ?quote }
  OPTIONAL { ?ev bg:line ?line }
  OPTIONAL { ?ev prov:wasDerivedFrom ?doc }
}"""


# ---------------------------------------------------------------------------------------------
# Documents and municipalities
# ---------------------------------------------------------------------------------------------

def resolve_municipality(graph: Graph, value: str) -> list[URIRef]:
    """The municipality IRIs (with documents in ``graph``) that ``value`` names.

    ``value`` is a name (``skos:prefLabel`` or ``skos:altLabel``, case-insensitive) or a CBS
    code (``GM1640``, or just ``1640``). Raises :class:`UnknownMunicipality` when nothing matches.
    """
    text = " ".join(value.split())
    cbs = text.upper()
    if cbs.isdigit():
        cbs = f"GM{int(cbs):04d}"
    result = graph.query(_MUNICIPALITY, initBindings={"needle": Literal(text.lower()),
                                                      "cbs": Literal(cbs)})
    found = sorted({row[0] for row in result if isinstance(row[0], URIRef)})
    if not found:
        known = sorted({f"{row[0]} ({row[1]})" if row[1] else str(row[0])
                        for row in graph.query(_MUNICIPALITY_NAMES) if row[0] is not None})
        hint = ("; municipalities in the graph: " + ", ".join(known)) if known \
            else "; the graph has no documents with a municipality"
        raise UnknownMunicipality(f"no municipality '{text}' in the graph{hint}")
    return found


def documents(graph: Graph, municipality: str | None = None) -> dict[str, DocumentInfo]:
    """The policy documents in scope: all, or those of ``municipality``; keyed by IRI."""
    if municipality is None:
        rows = list(graph.query(_DOCUMENTS_ALL))
    else:
        rows = []
        for iri in resolve_municipality(graph, municipality):
            rows += [row for row in graph.query(_DOCUMENTS_OF, initBindings={"m": iri})]
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[str(row[0])].append(row)
    found: dict[str, DocumentInfo] = {}
    for iri, group in grouped.items():
        files = sorted(str(r[1]) for r in group if r[1] is not None)
        codes = sorted(str(r[4]) for r in group if r[4] is not None)
        years = sorted(y for r in group if (y := _int(r[5])) is not None)
        found[iri] = DocumentInfo(
            iri=iri, source_file=files[0] if files else iri.rstrip("/").rsplit("/", 1)[-1],
            municipality=_pick_label([r[3] for r in group if r[3] is not None]),
            cbs_code=codes[0] if codes else "", year=years[0] if years else None)
    return dict(sorted(found.items()))


def _int(term: object) -> int | None:
    try:
        return int(str(term)) if term is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Node descriptions
# ---------------------------------------------------------------------------------------------

def _cached(method: Callable[[_Catalogue, str], T]) -> Callable[[_Catalogue, str], T]:
    """A catalogue method that remembers its (immutable) answer per node: the maps ask about
    the same elements, and every element of a programme walks the same parents to its root."""
    name = method.__name__

    @wraps(method)
    def remembered(self: _Catalogue, node: str) -> T:
        cache = self._cache[name]
        if node not in cache:
            cache[node] = method(self, node)
        return cache[node]  # type: ignore[return-value]

    return remembered


_CATALOGUE_PREDICATES = (RDFS_LABEL, SKOS_PREF, SKOS_ALT, BG + "code", BG + "external",
                         BG + "inDocument", BG + "directlyPartOf")


class _Catalogue:
    """Labels, types, codes, documents and parents of every node, from a query per predicate.

    Values are kept per predicate, then per node (IRI string); a list, in no particular order
    and possibly with repeats: every reader picks by value (smallest, sorted, set).
    """

    def __init__(self, graph: Graph):
        self.facts: dict[str, dict[str, list]] = {
            predicate: _by_subject(graph.query(_FACTS, initBindings={"p": URIRef(predicate)}))
            for predicate in _CATALOGUE_PREDICATES}
        self.facts[RDF_TYPE] = _by_subject(graph.query(_TYPES))
        self._cache: dict[str, dict[str, object]] = defaultdict(dict)  # see _cached

    def _values(self, node: str, predicate: str) -> list:
        return self.facts[predicate].get(node, [])

    @_cached
    def label(self, node: str) -> str:
        for predicate in (SKOS_PREF, RDFS_LABEL):
            if chosen := _pick_label(self._values(node, predicate)):
                return chosen
        return self.code(node) or node.rstrip("/").rsplit("/", 1)[-1]

    def alt_labels(self, node: str) -> list[str]:
        return sorted({" ".join(str(v).split()) for v in self._values(node, SKOS_ALT)})

    def short(self, node: str, label: str | None = None) -> str:
        """A short display label: the label or, if that is long, an alternative name."""
        label = label or self.label(node)
        if len(label) > SHORT_LABEL:
            alternatives = [a for a in self.alt_labels(node)
                            if 2 <= len(a) < len(label) and any(c.isalpha() for c in a)]
            fitting = [a for a in alternatives if len(a) <= SHORT_LABEL]
            if fitting:  # the most informative alternative that fits
                label = min(fitting, key=lambda a: (-len(a), a))
            elif alternatives:
                label = min(alternatives, key=lambda a: (len(a), a))
        return shorten(label)

    @_cached
    def code(self, node: str) -> str:
        codes = sorted(str(v) for v in self._values(node, BG + "code"))
        return codes[0] if codes else ""

    def types(self, node: str) -> set[str]:
        """The node's ``bg:`` types (local names) but ``PolicyElement`` (see :data:`_TYPES`)."""
        return {str(t)[len(BG):] for t in self._values(node, RDF_TYPE) if str(t).startswith(BG)}

    def external(self, node: str) -> bool:
        return any(str(v).lower() in ("true", "1") for v in self._values(node, BG + "external"))

    @_cached
    def document(self, node: str) -> str:
        docs = sorted(str(v) for v in self._values(node, BG + "inDocument"))
        return docs[0] if docs else ""

    @_cached
    def parent(self, node: str) -> str:
        parents = sorted(str(v) for v in self._values(node, BG + "directlyPartOf"))
        return parents[0] if parents else ""

    def root(self, node: str) -> str:
        """The top of the element's hierarchy (its programme, or top-level ambition)."""
        seen = {node}
        while (parent := self.parent(node)) and parent not in seen:
            seen.add(parent)
            node = parent
        return node

    @_cached
    def element_kind(self, node: str) -> str:
        types = self.types(node)
        for kind in ELEMENT_KINDS:
            if kind in types:
                return kind
        return "External" if self.external(node) else "Element"

    def organisation_type(self, node: str) -> str:
        types = self.types(node)
        for kind in ORGANISATION_TYPES:
            if kind in types:
                return kind
        specific = sorted(types - {"PolicyElement"})
        return specific[0] if specific else "Organisation"


def _by_subject(rows: Iterable) -> dict[str, list]:
    """``(subject, value)`` rows grouped by subject (as a string)."""
    found: dict[str, list] = {}
    for s, o in rows:
        key = str(s)
        if key in found:
            found[key].append(o)
        else:
            found[key] = [o]
    return found


def _catalogue(graph: Graph) -> _Catalogue:
    """The catalogue of ``graph``, made once for a graph that says it does not change
    (``read_only``, as the build's view of its store, which draws three maps)."""
    if not getattr(type(graph), "read_only", False):
        return _Catalogue(graph)
    if "_catalogue" not in vars(graph):
        vars(graph)["_catalogue"] = _Catalogue(graph)
    return vars(graph)["_catalogue"]


def _pick_label(values: list) -> str:
    """Prefer Dutch, then untagged, then any language; ties broken by text."""
    def rank(value: object) -> tuple[int, str]:
        language = getattr(value, "language", None)
        return (0 if language == "nl" else 1 if language is None else 2, str(value))
    return " ".join(str(min(values, key=rank)).split()) if values else ""


def shorten(text: str, limit: int = SHORT_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def element_title(label: str, code: str) -> str:
    """``5.1.1 Armoede`` — the code in front unless the label already starts with it."""
    return f"{code} {label}" if code and not label.startswith(code) else label


def _evidence(graph: Graph, predicate: str, docs: dict[str, DocumentInfo]) \
        -> dict[tuple[str, str], list[Quote]]:
    found: dict[tuple[str, str], set[Quote]] = defaultdict(set)
    for s, o, quote, line, doc in graph.query(_EVIDENCE,
                                              initBindings={"p": URIRef(predicate)}):
        if quote is None:
            continue
        source = docs[str(doc)].source_file if str(doc) in docs else ""
        found[(str(s), str(o))].add(Quote(source, _int(line) or 0, " ".join(str(quote).split())))
    return {pair: sorted(quotes) for pair, quotes in found.items()}


def _links(graph: Graph, predicates: Iterable[str], scope: dict[str, DocumentInfo]) \
        -> list[tuple[str, str, str, str]]:
    """``(element, predicate local name, target, document)`` for links from in-scope docs."""
    rows = set()
    for predicate in predicates:
        for e, target, doc in graph.query(_LINKS, initBindings={"p": URIRef(BG + predicate)}):
            if str(doc) in scope:
                rows.add((str(e), predicate, str(target), str(doc)))
    return sorted(rows)


def _element_attrs(catalogue: _Catalogue, node: str, docs: dict[str, DocumentInfo]) -> dict:
    document = catalogue.document(node)
    info = docs.get(document)
    label = catalogue.label(node)
    code = catalogue.code(node)
    kind = catalogue.element_kind(node)
    root = catalogue.root(node)
    short = code if kind == "External" and code else shorten(element_title(label, code))
    return {
        "label": label, "short": short, "code": code, "kind": kind,
        "kind_label": ELEMENT_KINDS[kind], "external": kind == "External",
        "document": info.source_file if info else "",
        "municipalities": [info.municipality] if info and info.municipality else [],
        "programme": catalogue.label(root) if root != node else "",
    }


def _element_ref(attrs: dict) -> dict:
    return {"label": attrs["label"], "code": attrs["code"], "kind": attrs["kind"],
            "document": attrs["document"]}


def _ref_key(ref: dict) -> tuple:
    return (ref["document"], ref["code"], ref["label"], ref.get("quote", ""))


# ---------------------------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------------------------

def partner_network(graph: Graph, municipality: str | None = None) -> nx.Graph:
    """Organisations, linked when involved in the same element.

    Node attributes: ``label``, ``short``, ``type`` (``CareProvider`` …), ``type_label``
    (Dutch), ``municipalities``, ``documents``, ``programmes``, ``elements`` (labels) and
    ``details`` (per element: label, code, kind, document, evidence quote and line).
    Edge attributes: ``weight`` (shared elements), ``elements`` (their labels, sorted) and
    ``details`` (label, code, kind, document per shared element).
    """
    all_docs = documents(graph)
    scope = documents(graph, municipality) if municipality is not None else all_docs
    catalogue = _catalogue(graph)
    evidence = _evidence(graph, BG + "involves", all_docs)
    by_element: dict[str, set[str]] = defaultdict(set)
    for element, _, organisation, _ in _links(graph, ["involves"], scope):
        by_element[element].add(organisation)
    elements = {e: _element_attrs(catalogue, e, all_docs) for e in sorted(by_element)}

    by_organisation: dict[str, set[str]] = defaultdict(set)
    for element, organisations in by_element.items():
        for organisation in organisations:
            by_organisation[organisation].add(element)

    network = nx.Graph(kind="partners")
    for organisation in sorted(by_organisation):
        involved = [elements[e] for e in sorted(by_organisation[organisation])]
        details = []
        for element in sorted(by_organisation[organisation]):
            quotes = evidence.get((element, organisation), [])
            ref = _element_ref(elements[element])
            ref.update(quote=quotes[0].text if quotes else "",
                       line=quotes[0].line if quotes else 0)
            details.append(ref)
        kind = catalogue.organisation_type(organisation)
        label = catalogue.label(organisation)
        network.add_node(
            organisation, label=label, short=catalogue.short(organisation, label), type=kind,
            type_label=ORGANISATION_TYPES.get(kind, kind),
            municipalities=sorted({m for a in involved for m in a["municipalities"]}),
            documents=sorted({a["document"] for a in involved if a["document"]}),
            programmes=sorted({a["programme"] for a in involved if a["programme"]}),
            elements=sorted(a["label"] for a in involved),
            details=sorted(details, key=_ref_key))

    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for element, organisations in by_element.items():
        for a, b in combinations(sorted(organisations), 2):
            shared[(a, b)].add(element)
    for a, b in sorted(shared):
        refs = sorted((_element_ref(elements[e]) for e in shared[(a, b)]), key=_ref_key)
        network.add_edge(a, b, weight=len(refs), elements=sorted(r["label"] for r in refs),
                         details=refs)
    return network


def involvement_network(graph: Graph, municipality: str | None = None) -> nx.Graph:
    """Bipartite element (``bipartite=0``) – organisation (``bipartite=1``) network.

    Edge attributes: ``quote``, ``line``, ``document`` (first evidence), ``weight`` 1.
    """
    all_docs = documents(graph)
    scope = documents(graph, municipality) if municipality is not None else all_docs
    catalogue = _catalogue(graph)
    evidence = _evidence(graph, BG + "involves", all_docs)
    links = _links(graph, ["involves"], scope)
    network = nx.Graph(kind="involvement")
    for element in sorted({e for e, _, _, _ in links}):
        network.add_node(element, bipartite=0, role="element",
                         **_element_attrs(catalogue, element, all_docs))
    for organisation in sorted({o for _, _, o, _ in links}):
        kind = catalogue.organisation_type(organisation)
        label = catalogue.label(organisation)
        network.add_node(organisation, bipartite=1, role="organisation", label=label,
                         short=catalogue.short(organisation, label), type=kind,
                         type_label=ORGANISATION_TYPES.get(kind, kind))
    for element, _, organisation, _ in links:
        quotes = evidence.get((element, organisation), [])
        network.add_edge(element, organisation, weight=1, **_quote_attrs(quotes))
    _set_municipalities(network, [n for n, r in network.nodes(data="role") if r != "element"])
    return network


def law_network(graph: Graph, municipality: str | None = None) -> nx.Graph:
    """Bipartite element (``bipartite=0``) – law (``bipartite=1``) network.

    Edge attributes: ``relations`` (sorted ``mentionsLaw``/``impliesLaw``), ``relation`` (the
    explicit one if both), ``quote``, ``line``, ``document`` (first evidence sentence),
    ``quotes`` (all), ``weight`` 1. Law nodes carry ``label``, ``short``, ``municipalities``,
    ``documents``.
    """
    all_docs = documents(graph)
    scope = documents(graph, municipality) if municipality is not None else all_docs
    catalogue = _catalogue(graph)
    evidence = {p: _evidence(graph, BG + p, all_docs) for p in RELATIONS}
    links = _links(graph, list(RELATIONS), scope)
    network = nx.Graph(kind="laws")
    for element in sorted({e for e, _, _, _ in links}):
        network.add_node(element, bipartite=0, role="element",
                         **_element_attrs(catalogue, element, all_docs))
    for law in sorted({t for _, _, t, _ in links}):
        label = catalogue.label(law)
        network.add_node(law, bipartite=1, role="law", label=label,
                         short=catalogue.short(law, label), kind=LAW_KIND[0],
                         kind_label=LAW_KIND[1], alt_labels=catalogue.alt_labels(law))
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for element, predicate, law, _ in links:
        pairs[(element, law)].add(predicate)
    for (element, law), predicates in sorted(pairs.items()):
        relations = sorted(predicates, key=list(RELATIONS).index)
        quotes = sorted({q for p in relations for q in evidence[p].get((element, law), [])})
        network.add_edge(element, law, weight=1, relations=relations, relation=relations[0],
                         **_quote_attrs(quotes))
    _set_municipalities(network, [n for n, r in network.nodes(data="role") if r == "law"])
    return network


def reference_network(graph: Graph, municipality: str | None = None) -> nx.DiGraph:
    """Directed cross-references (``bg:refersTo``) from the elements in scope.

    Targets outside the documents in scope are included; unresolved targets have
    ``kind == "External"`` and ``external`` True. Edge attributes: ``quote``, ``line``,
    ``document``, ``quotes``, ``weight`` 1.
    """
    all_docs = documents(graph)
    scope = documents(graph, municipality) if municipality is not None else all_docs
    catalogue = _catalogue(graph)
    evidence = _evidence(graph, BG + "refersTo", all_docs)
    links = _links(graph, ["refersTo"], scope)
    network = nx.DiGraph(kind="references")
    for node in sorted({e for e, _, _, _ in links} | {t for _, _, t, _ in links}):
        network.add_node(node, **_element_attrs(catalogue, node, all_docs))
    for source, _, target, _ in links:
        network.add_edge(source, target, weight=1,
                         **_quote_attrs(evidence.get((source, target), [])))
    # External targets belong to the municipalities that point at them.
    for node, attrs in network.nodes(data=True):
        if not attrs["municipalities"]:
            attrs["municipalities"] = sorted({m for p in network.predecessors(node)
                                              for m in network.nodes[p]["municipalities"]})
    return network


def _quote_attrs(quotes: list[Quote]) -> dict:
    first = quotes[0] if quotes else Quote("", 0, "")
    return {"quote": first.text, "line": first.line, "document": first.document,
            "quotes": [{"document": q.document, "line": q.line, "quote": q.text}
                       for q in quotes]}


def _set_municipalities(network: nx.Graph, nodes: list[str]) -> None:
    """Non-element nodes belong to the municipalities of their elements."""
    for node in nodes:
        neighbours = [network.nodes[n] for n in network[node]]
        network.nodes[node]["municipalities"] = sorted(
            {m for a in neighbours for m in a.get("municipalities", [])})
        network.nodes[node]["documents"] = sorted(
            {a["document"] for a in neighbours if a.get("document")})


# ---------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------

def degree_centrality(g: nx.Graph) -> dict[str, float]:
    return {n: c for n, c in sorted(nx.degree_centrality(g).items())} if len(g) else {}


def betweenness_centrality(g: nx.Graph, sample: int = BETWEENNESS_SAMPLE) -> dict[str, float]:
    """Normalised betweenness; estimated from ``sample`` seeded pivots on large graphs."""
    if not len(g):
        return {}
    k = sample if len(g) > sample else None
    return dict(sorted(nx.betweenness_centrality(g, k=k, seed=0, normalized=True).items()))


def centrality(g: nx.Graph) -> dict[str, dict[str, float]]:
    """``{node: {"degree": …, "betweenness": …}}`` (unweighted, normalised)."""
    degree = degree_centrality(g)
    betweenness = betweenness_centrality(g)
    return {n: {"degree": degree[n], "betweenness": betweenness[n]} for n in sorted(g)}


def communities(g: nx.Graph, method: str = "louvain", weight: str | None = "weight") \
        -> list[list[str]]:
    """Communities (seeded, so deterministic): sorted lists, largest first."""
    undirected = g.to_undirected() if g.is_directed() else g
    if not undirected.number_of_edges():
        found: Iterable[Iterable[str]] = [[n] for n in undirected]
    elif method == "louvain":
        found = nx.community.louvain_communities(undirected, weight=weight, seed=0)
    elif method == "greedy":
        found = nx.community.greedy_modularity_communities(undirected, weight=weight)
    else:
        raise ValueError(f"unknown community method '{method}' (louvain, greedy)")
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def community_index(groups: list[list[str]]) -> dict[str, int]:
    return {node: i for i, group in enumerate(groups) for node in group}


def components(g: nx.Graph) -> list[list[str]]:
    """Connected (weakly, if directed) components: sorted lists, largest first."""
    found = nx.weakly_connected_components(g) if g.is_directed() \
        else nx.connected_components(g)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def bridging_organisations(g: nx.Graph, by: str = "municipalities") \
        -> list[tuple[str, list[str]]]:
    """Nodes whose ``by`` attribute (``municipalities`` or ``programmes``) has 2+ values,
    most-bridging first."""
    found = [(n, list(a.get(by) or [])) for n, a in g.nodes(data=True)]
    return sorted(((n, v) for n, v in found if len(v) > 1), key=lambda x: (-len(x[1]), x[0]))


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------

EXPORT_FORMATS = ("graphml", "gexf", "csv")


def export_network(g: nx.Graph, fmt: str) -> str:
    """GraphML, GEXF (Gephi) or a CSV edge list; list attributes are joined with ``; ``."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = sorted({k for _, _, a in g.edges(data=True) for k in a} - {"details", "quotes"})
        writer.writerow(["source", "source_label", "target", "target_label", *keys])
        for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
            writer.writerow([u, g.nodes[u].get("label", u), v, g.nodes[v].get("label", v),
                             *(_flat(attrs.get(k, "")) for k in keys)])
        return buffer.getvalue()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format '{fmt}' ({', '.join(EXPORT_FORMATS)})")
    flat = g.__class__()
    flat.graph.update({k: _flat(v) for k, v in g.graph.items()})
    for node in sorted(g):
        flat.add_node(node, **{k: _flat(v) for k, v in sorted(g.nodes[node].items())})
    for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        flat.add_edge(u, v, **{k: _flat(x) for k, x in sorted(attrs.items())})
    lines = nx.generate_graphml(flat) if fmt == "graphml" else nx.generate_gexf(flat)
    return "\n".join(lines) + "\n"


def _flat(value: object) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
