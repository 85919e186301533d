"""Interactive network maps as single, self-contained HTML files.

The page carries vis-network (JavaScript and CSS, taken from the copy that ships inside the
pyvis package) inline and references nothing outside itself, so it opens from disk without a
network. Node and edge data go into a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` escaped, so document text can never close the script; every other piece of
document text is HTML-escaped. Tooltips are plain strings, which vis-network shows as text.

Small and medium maps use physics that settles and then switches off; large maps
(> :data:`LARGE` nodes) get positions computed in Python (seeded) with physics off, and maps
with more than :data:`MAX_EDGES` edges keep only the strongest ones, with a note on the page.
The same graph always renders to the same bytes.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template

import networkx as nx
from rdflib import Graph

from beleidsgraaf.visualise.networks import (
    ELEMENT_KINDS,
    EXPORT_FORMATS,
    LAW_KIND,
    RELATIONS,
    DocumentInfo,
    communities,
    components,
    degree_centrality,
    documents,
    element_title,
    export_network,
    law_network,
    partner_network,
    reference_network,
    shorten,
)

MAP_KINDS = ("partners", "laws", "references")
OUTPUT_FORMATS = ("html", *EXPORT_FORMATS)  # beleidsgraaf map --format
LARGE = 1500  # above this many nodes: positions computed in Python, physics off
# Physics of small and medium maps (vis-network forceAtlas2Based): strong repulsion and long,
# soft springs leave room for the labels; nodes without edges take no part and are parked in
# rows below the drawing once it has settled.
PHYSICS = {"gravitationalConstant": -150, "centralGravity": 0.02, "springLength": 180,
           "springConstant": 0.05, "avoidOverlap": 1}
PRESEED = 300  # above this many nodes: physics starts from positions computed in Python
MAX_EDGES = 4000  # above this many edges: keep the strongest
UNIT = 24.0  # large maps: pixels per square root of a node count (spacing)
COMPONENT_DIRECT = 400  # larger components are laid out in two levels (communities)
COMPONENT_SMALL = 12  # smaller components of a large map: a spiral, best connected in the middle
SIZE_DEGREE = 6
FONT_SIZE = 16  # label size (canvas pixels) of the least connected node …
FONT_GROWTH = 8  # … growing with the square root of its relative centrality
FONT_SIZE_EMPHASIS = 24  # the emphasised kind of node (laws on the law map)
FONT_SIZE_MINOR = 11  # the other nodes: readable when zoomed in
LABEL_THRESHOLD = 7  # labels smaller than about this on screen are not drawn
TOOLTIP_ITEMS = 8
QUOTE_LENGTH = 280

ORGANISATION_COLOURS = {
    "Municipality": "#0072b2", "RegionalCollaboration": "#009e73", "Region": "#7fc9a8",
    "CareProvider": "#d55e00", "WelfareOrganisation": "#e69f00", "HealthService": "#cc79a7",
    "HealthInsurer": "#9467bd", "HousingCorporation": "#8c564b",
    "EducationInstitution": "#bcbd22", "KnowledgeInstitute": "#17becf",
    "PoliceJustice": "#4d4d4d", "GovernmentBody": "#56b4e9",
    "OtherOrganisation": "#a6a6a6", "Organisation": "#a6a6a6",
}
ELEMENT_COLOURS = {
    "Programme": "#332288", "Ambition": "#882255", "Goal": "#117733", "Activity": "#44aa99",
    "Section": "#999933", "External": "#bbbbbb", "Element": "#ddcc77",
}
LAW_COLOUR = "#cc3311"
FALLBACK_COLOUR = "#a6a6a6"

TITLES = {"partners": "Samenwerkingsnetwerk", "laws": "Wetten en beleid",
          "references": "Verwijzingen tussen beleidsonderdelen"}
DESCRIPTIONS = {
    "partners": "Organisaties die in hetzelfde beleidsonderdeel (ambitie, doel of activiteit) "
                "als partner of uitvoerder worden genoemd. Een lijn verbindt twee organisaties; "
                "hoe dikker de lijn, hoe meer gedeelde onderdelen. Hoe groter het bolletje, hoe "
                "meer partners.",
    "laws": "Beleidsonderdelen en de wetten waarop ze steunen: doorgetrokken lijn = de wet "
            "wordt genoemd, gestreepte lijn = de wet volgt uit een genoemde wettelijke taak. "
            "Hoe groter het symbool, hoe meer verbindingen.",
    "references": "Verwijzingen van ambities, doelen en activiteiten naar andere onderdelen, "
                  "ook naar onderdelen buiten de ingelezen documenten (grijs). De pijl wijst "
                  "naar het onderdeel waarnaar verwezen wordt.",
}
LOOSE = {"partners": "Zonder gedeeld beleidsonderdeel met een andere organisatie",
         "laws": "Zonder verbinding", "references": "Zonder verwijzing"}
HINT = ("Beweeg de muis over een bolletje of lijn voor de volledige naam, de "
        "beleidsonderdelen en de zin uit het document; scrollen zoomt, slepen verschuift.")
EMPTY = {"partners": "Geen organisaties gevonden in deze documenten.",
         "laws": "Geen wetten gevonden in deze documenten.",
         "references": "Geen verwijzingen gevonden in deze documenten."}


@dataclass
class _View:
    """What the page draws: vis-network nodes and edges plus legend categories."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    categories: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # key → label,
    # colour, shape
    edge_legend: list[tuple[str, str]] = field(default_factory=list)  # (style, label)
    notes: list[str] = field(default_factory=list)
    # categories whose labels are always large; others are small and appear when zoomed in
    # (None: every category)
    emphasis: set[str] | None = None


# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------

def render_map(kind: str, graph: Graph, municipality: str | None = None) -> tuple[str, int]:
    """The map ``kind`` (partners, laws, references) as self-contained HTML, and its node count.

    Raises :class:`~beleidsgraaf.visualise.networks.UnknownMunicipality` for an unknown
    municipality and :class:`ValueError` for an unknown kind.
    """
    if kind not in MAP_KINDS:
        raise ValueError(f"unknown map '{kind}' (choose from {', '.join(MAP_KINDS)})")
    scope = documents(graph, municipality)
    network = map_network(kind, graph, municipality)
    return render_network(kind, network, scope, filtered=municipality is not None)


def map_network(kind: str, graph: Graph, municipality: str | None = None) -> nx.Graph:
    """The networkx network that the map ``kind`` draws (one node per map node)."""
    builders = {"partners": partner_network, "laws": law_network,
                "references": reference_network}
    if kind not in builders:
        raise ValueError(f"unknown map '{kind}' (choose from {', '.join(MAP_KINDS)})")
    return builders[kind](graph, municipality)


def render_network(kind: str, network: nx.Graph, scope: dict[str, DocumentInfo],
                   filtered: bool = False) -> tuple[str, int]:
    """The page for a network built by :func:`map_network` (``scope``: the documents it was
    built from, as :func:`~beleidsgraaf.visualise.networks.documents` returns them)."""
    view = {"partners": _partners, "laws": _laws, "references": _references}[kind](network)
    _size_nodes(view, network)
    _limit(view, network)
    return _page(kind, view, scope, filtered), len(view.nodes)


def write_map(kind: str, graph_path: Path, out: Path, municipality: str | None = None,
              fmt: str = "html") -> int:
    """Write the map of the graph in ``graph_path`` into ``out`` (atomically): the HTML page
    (``fmt`` ``html``) or the network behind it as GraphML, GEXF or a CSV edge list; returns
    the node count."""
    from beleidsgraaf.output.writer import AtomicFiles
    from beleidsgraaf.query import load_graph

    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(OUTPUT_FORMATS)})")
    graph = load_graph(Path(graph_path))
    if fmt == "html":
        text, count = render_map(kind, graph, municipality)
    else:
        network = map_network(kind, graph, municipality)
        text, count = export_network(network, fmt), len(network)
    out = Path(out)
    with AtomicFiles(out.parent) as files:
        files.write(out.name, text)
    return count


# ---------------------------------------------------------------------------------------------
# Views per map
# ---------------------------------------------------------------------------------------------

def _partners(g: nx.Graph) -> _View:
    view = _View(edge_legend=[("solid", "samen genoemd in een of meer beleidsonderdelen")])
    index = {node: i for i, node in enumerate(g)}
    for node, a in g.nodes(data=True):
        category = a["type"]
        view.categories[category] = (a["type_label"],
                                     ORGANISATION_COLOURS.get(category, FALLBACK_COLOUR), "dot")
        lines = [a["label"], f"Type: {a['type_label']}"]
        if a["municipalities"]:
            lines.append(f"Gemeente: {', '.join(a['municipalities'])}")
        lines.append(f"Werkt samen met {g.degree(node)} organisatie(s)")
        lines.append(f"Genoemd in {len(a['details'])} beleidsonderdeel/-onderdelen:")
        lines += _listed(a["details"], _detail_lines)
        view.nodes.append(_node(index[node], a["short"], lines, category, a["municipalities"]))
    for u, v, a in g.edges(data=True):
        lines = [f"{g.nodes[u]['label']} — {g.nodes[v]['label']}",
                 f"{a['weight']} gedeelde beleidsonderdelen:" if a["weight"] != 1
                 else "1 gedeeld beleidsonderdeel:"]
        lines += _listed(a["details"], _detail_lines)
        view.edges.append({"from": index[u], "to": index[v], "weight": a["weight"],
                           "width": _width(a["weight"]), "title": "\n".join(lines)})
    return view


def _laws(g: nx.Graph) -> _View:
    view = _View(edge_legend=[("solid", RELATIONS["mentionsLaw"]),
                              ("dashed", RELATIONS["impliesLaw"])], emphasis={LAW_KIND[0]})
    index = {node: i for i, node in enumerate(g)}
    for node, a in g.nodes(data=True):
        neighbours = sorted(g[node], key=lambda n: (g.nodes[n]["label"], n))
        if a["role"] == "law":
            category = LAW_KIND[0]
            view.categories[category] = (LAW_KIND[1], LAW_COLOUR, "diamond")
            lines = [a["label"]]
            if a.get("alt_labels"):
                lines.append(f"Ook: {', '.join(a['alt_labels'])}")
            if a["municipalities"]:
                lines.append(f"Gemeente: {', '.join(a['municipalities'])}")
            lines.append(f"Steun voor {len(neighbours)} beleidsonderdeel/-onderdelen:")
            lines += _listed([_element_ref(g.nodes[n]) for n in neighbours], _detail_lines)
            view.nodes.append(_node(index[node], a["short"], lines, category,
                                    a["municipalities"], shape="diamond"))
        else:
            category = a["kind"]
            view.categories[category] = _element_category(category)
            lines = _element_lines(a)
            lines.append("Steunt op: " + ", ".join(g.nodes[n]["label"] for n in neighbours))
            view.nodes.append(_node(index[node], a["short"], lines, category,
                                    a["municipalities"]))
    for u, v, a in g.edges(data=True):
        element, law = (u, v) if g.nodes[u]["role"] != "law" else (v, u)
        lines = [f"{_full(g.nodes[element])} → {g.nodes[law]['label']}",
                 " en ".join(RELATIONS[r] for r in a["relations"])]
        lines += _quote_lines(a["quotes"])
        view.edges.append({"from": index[element], "to": index[law], "weight": 1,
                           "width": 1.5, "dashes": a["relation"] == "impliesLaw",
                           "title": "\n".join(lines)})
    return view


def _references(g: nx.DiGraph) -> _View:
    view = _View(edge_legend=[("arrow", "verwijst naar")])
    index = {node: i for i, node in enumerate(g)}
    for node, a in g.nodes(data=True):
        category = a["kind"]
        view.categories[category] = _element_category(category)
        if a["external"]:
            lines = [f"Verwijzing naar {a['code'] or a['label']}",
                     "Niet gevonden in de ingelezen documenten"]
            if a["label"] and a["label"] != a["code"]:
                lines.insert(1, a["label"])
            sources = sorted({g.nodes[p]["document"] for p in g.predecessors(node)} - {""})
            if sources:
                lines.append(f"Verwezen vanuit: {', '.join(sources)}")
        else:
            lines = _element_lines(a)
        incoming, outgoing = g.in_degree(node), g.out_degree(node)
        lines.append(f"Verwijst naar {outgoing}, wordt verwezen door {incoming}")
        view.nodes.append(_node(index[node], a["short"], lines, category, a["municipalities"],
                                dashed=a["external"]))
    for u, v, a in g.edges(data=True):
        lines = [f"{_full(g.nodes[u])} → {_full(g.nodes[v])}", *_quote_lines(a["quotes"])]
        view.edges.append({"from": index[u], "to": index[v], "weight": 1, "width": 1.5,
                           "arrows": "to", "title": "\n".join(lines)})
    return view


def _element_category(kind: str) -> tuple[str, str, str]:
    return ELEMENT_KINDS.get(kind, kind), ELEMENT_COLOURS.get(kind, FALLBACK_COLOUR), "dot"


def _element_lines(a: dict) -> list[str]:
    lines = [f"{a['kind_label'].capitalize()} {_full(a)}"]
    if a["document"]:
        lines.append(f"Document: {a['document']}")
    if a["municipalities"]:
        lines.append(f"Gemeente: {', '.join(a['municipalities'])}")
    if a.get("programme"):
        lines.append(f"Onderdeel van: {a['programme']}")
    return lines


def _element_ref(a: dict) -> dict:
    return {"label": a["label"], "code": a["code"], "document": a["document"]}


def _full(a: dict) -> str:
    return element_title(a["label"], a["code"])


def _detail_lines(ref: dict) -> list[str]:
    lines = [f"• {element_title(ref['label'], ref['code'])}"
             + (f" ({ref['document']})" if ref.get("document") else "")]
    if ref.get("quote"):
        where = f" (regel {ref['line']})" if ref.get("line") else ""
        lines.append(f"  “{shorten(ref['quote'], QUOTE_LENGTH)}”{where}")
    return lines


def _quote_lines(quotes: list[dict]) -> list[str]:
    lines = []
    for quote in quotes[:3]:
        lines.append(f"“{shorten(quote['quote'], QUOTE_LENGTH)}”")
        where = ", ".join(p for p in (quote["document"],
                                      f"regel {quote['line']}" if quote["line"] else "") if p)
        if where:
            lines.append(f"  ({where})")
    if len(quotes) > 3:
        lines.append(f"… en nog {len(quotes) - 3} citaat/citaten")
    return lines


def _listed(items: list[dict], render: Callable[[dict], list[str]]) -> list[str]:
    lines = [line for item in items[:TOOLTIP_ITEMS] for line in render(item)]
    if len(items) > TOOLTIP_ITEMS:
        lines.append(f"… en nog {len(items) - TOOLTIP_ITEMS}")
    return lines


def _node(index: int, label: str, lines: list[str], category: str, municipalities: list[str],
          *, shape: str = "dot", dashed: bool = False) -> dict:
    node = {"id": index, "label": label, "title": "\n".join(lines), "category": category,
            "m": list(municipalities), "shape": shape}
    if dashed:
        node["shapeProperties"] = {"borderDashes": [4, 3]}
    return node


def _width(weight: int) -> float:
    return round(min(1 + 1.5 * math.log2(max(weight, 1)), 10.0), 2)


# ---------------------------------------------------------------------------------------------
# Sizes, colours, large maps
# ---------------------------------------------------------------------------------------------

def _size_nodes(view: _View, network: nx.Graph) -> None:
    """Size by degree centrality; colour by category."""
    centrality = degree_centrality(network)
    # relative to the best-connected node, but never to fewer than SIZE_DEGREE neighbours, so
    # a small map of pairs does not show only giant nodes
    floor = SIZE_DEGREE / (len(network) - 1) if len(network) > 1 else 1.0
    top = max(max(centrality.values(), default=0.0), min(floor, 1.0))
    for node, key in zip(view.nodes, network, strict=True):  # view.nodes follow network order
        value = centrality[key]
        relative = math.sqrt(value / top) if top else 0.0
        node["size"] = round(8 + 24 * relative, 1)
        if view.emphasis is None or node["category"] in view.emphasis:
            base = FONT_SIZE if view.emphasis is None else FONT_SIZE_EMPHASIS
            node["font"] = {"size": round(base + FONT_GROWTH * relative)}
        else:
            node["font"] = {"size": FONT_SIZE_MINOR}
        colour = view.categories[node["category"]][1]
        node["color"] = {"background": colour, "border": _darker(colour),
                         "highlight": {"background": colour, "border": "#000000"},
                         "hover": {"background": colour, "border": "#000000"}}


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _limit(view: _View, network: nx.Graph) -> None:
    """Keep the strongest edges of dense maps; lay out large maps in Python."""
    if len(view.edges) > MAX_EDGES:
        total = len(view.edges)
        order = sorted(range(total), key=lambda i: (-view.edges[i]["weight"],
                                                    view.edges[i]["from"], view.edges[i]["to"]))
        # Every node keeps its strongest edge (a maximum spanning forest), then the strongest
        # of the rest fill the budget.
        forest = nx.Graph()
        forest.add_nodes_from(range(len(view.nodes)))
        for i in order:
            forest.add_edge(view.edges[i]["from"], view.edges[i]["to"],
                            weight=view.edges[i]["weight"], index=i)
        keep = {a["index"] for _, _, a in nx.maximum_spanning_edges(forest, data=True)}
        for i in order:
            if len(keep) >= MAX_EDGES:
                break
            keep.add(i)
        view.edges = [view.edges[i] for i in sorted(keep)]
        weakest = min(e["weight"] for e in view.edges)
        left = total - len(view.edges)
        view.notes.append(
            f"Deze kaart toont {_n(len(view.edges))} van de {_n(total)} verbindingen: de "
            f"sterkste (gewicht ≥ {weakest}) en voor elk knooppunt zijn sterkste verbinding. "
            f"{_n(left)} zwakkere verbindingen zijn weggelaten; exporteer het netwerk voor de "
            "volledige gegevens.")
    if len(view.nodes) > PRESEED:
        # Start from positions computed in Python: large maps keep them (physics off),
        # medium maps only let physics tidy up for a short while.
        layout = nx.Graph()
        layout.add_nodes_from(range(len(view.nodes)))
        layout.add_edges_from((e["from"], e["to"], {"weight": e["weight"]}) for e in view.edges)
        for node, (x, y) in _positions(layout).items():
            view.nodes[node]["x"], view.nodes[node]["y"] = x, y
    if len(view.nodes) <= LARGE:
        # Nodes without edges take no part in the physics; the page parks them below the
        # drawing, in legend order and then by label.
        linked = {e["from"] for e in view.edges} | {e["to"] for e in view.edges}
        loose = [n for n in view.nodes if n["id"] not in linked]
        order = _category_order(view)
        loose.sort(key=lambda n: (order.index(n["category"]), n["label"].casefold(), n["id"]))
        for rank, node in enumerate(loose):
            node["physics"] = False
            node["park"] = rank
    if len(view.nodes) > LARGE:
        view.notes.append("Groot netwerk: de posities zijn vooraf berekend en staan vast "
                          "(geen animatie). Zoom in om namen te lezen.")


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _positions(layout: nx.Graph) -> dict[int, tuple[int, int]]:
    """Seeded positions (in pixels) for a large map, fast enough for thousands of nodes.

    Each connected component is laid out on its own (big ones in two levels: communities
    among themselves, then each community's nodes in its own disc, by force for small
    communities and as a spiral with the best-connected nodes in the middle for communities
    of more than ``COMPONENT_DIRECT`` nodes; the smallest components, up to
    ``COMPONENT_SMALL`` nodes, are such a spiral too); components are then
    packed in rows, largest first, with the unconnected nodes together in a last block.
    """
    isolated = sorted(n for n in layout if layout.degree(n) == 0)
    try:
        import numpy  # noqa: F401  (networkx layouts need it)
    except ImportError:
        order = sorted(layout, key=lambda n: (-layout.degree(n), n))
        return _pack([_disc(order)])
    # a component holds all edges of its nodes: their weighted degree in it is the one here
    degree = dict(layout.degree(weight="weight"))
    blocks = [_small_component(c, degree) if len(c) <= COMPONENT_SMALL
              else _component(layout.subgraph(c)) for c in components(layout) if len(c) > 1]
    if isolated:
        blocks.append(_disc(isolated))
    return _pack(blocks)


def _small_component(nodes: list[int], degree: dict[int, int]) \
        -> tuple[float, dict[int, tuple[float, float]]]:
    """A small component as a spiral, best connected in the middle (thousands of these in a
    national map: no physics, and no subgraph view, whose every look-up is filtered)."""
    radius = UNIT * max(math.sqrt(len(nodes)), 2.0)
    return radius, {n: (radius * x, radius * y) for n, (x, y) in _hub_spiral(nodes, degree).items()}


def _component(sub: nx.Graph) -> tuple[float, dict[int, tuple[float, float]]]:
    radius = UNIT * max(math.sqrt(len(sub)), 2.0)
    if len(sub) <= COMPONENT_DIRECT:
        local = nx.spring_layout(sub, seed=0, weight="weight", method="force", iterations=50)
        return radius, {n: (radius * float(x), radius * float(y)) for n, (x, y) in local.items()}
    own = _own_graph(sub)
    groups = communities(own)
    member = {n: i for i, group in enumerate(groups) for n in group}
    meta = nx.Graph()
    meta.add_nodes_from(range(len(groups)))
    inside: dict[int, int] = defaultdict(int)  # weighted degree within the node's community
    for u, v, weight in own.edges(data="weight", default=1):
        a, b = sorted((member[u], member[v]))
        if a != b:
            meta.add_edge(a, b, weight=meta.get_edge_data(a, b, {"weight": 0})["weight"] + weight)
        else:
            inside[u] += weight
            inside[v] += weight
    centres = nx.spring_layout(meta, seed=0, weight="weight", method="force", iterations=100) \
        if len(groups) > 1 else {0: (0.0, 0.0)}
    found = {}
    for i, group in enumerate(groups):
        if len(group) <= 2:
            local = {n: (float(k) - 0.5 * (len(group) - 1), 0.0) for k, n in enumerate(group)}
        elif len(group) <= COMPONENT_DIRECT:  # the view walks its nodes as before (seeded)
            local = nx.spring_layout(sub.subgraph(group), seed=0, weight="weight", method="force",
                                     iterations=50)
        else:  # a force layout of thousands of nodes costs minutes
            local = _hub_spiral(group, inside)
        inner = 0.6 * UNIT * math.sqrt(len(group))
        cx, cy = (radius * float(c) for c in centres[i])
        for node, (x, y) in local.items():
            found[node] = (cx + inner * float(x), cy + inner * float(y))
    return radius + UNIT, found


def _own_graph(view: nx.Graph) -> nx.Graph:
    """A subgraph view as a graph of its own, for the algorithms that walk it many times (a
    view filters every look-up). Nodes and edges are added in the view's order, so they are
    walked in the same order (Louvain's result depends on it)."""
    own = nx.Graph()
    own.add_nodes_from(view)
    own.add_edges_from(view.edges(data=True))
    return own


def _disc(nodes: list[int]) -> tuple[float, dict[int, tuple[float, float]]]:
    radius = UNIT * max(math.sqrt(len(nodes)), 1.0)
    return radius, {n: (radius * x, radius * y) for n, (x, y) in _spiral(nodes).items()}


def _pack(blocks: list[tuple[float, dict[int, tuple[float, float]]]]) \
        -> dict[int, tuple[int, int]]:
    """Place blocks (radius, positions around 0) left to right in rows."""
    gap = UNIT * 2
    width = max([2 * r for r, _ in blocks] +
                [1.1 * math.sqrt(sum((2 * r + gap) ** 2 for r, _ in blocks))])
    found: dict[int, tuple[int, int]] = {}
    x = y = row = 0.0
    for radius, positions in blocks:
        if x > 0 and x + 2 * radius > width:
            x, y, row = 0.0, y + row + gap, 0.0
        cx, cy = x + radius, y + radius
        for node, (px, py) in positions.items():
            found[node] = (round(cx + px), round(cy + py))
        x += 2 * radius + gap
        row = max(row, 2 * radius)
    return dict(sorted(found.items()))


def _hub_spiral(nodes: Iterable[int], degree: Mapping[int, int]) \
        -> dict[int, tuple[float, float]]:
    """A spiral with the best-connected nodes (by weighted ``degree``) in the middle."""
    return _spiral(sorted(nodes, key=lambda n: (-degree[n], n)))


def _spiral(nodes: list[int]) -> dict[int, tuple[float, float]]:
    """A sunflower spiral in the unit disc, in the given order (centre first)."""
    golden = math.pi * (3 - math.sqrt(5))
    count = max(len(nodes), 1)
    return {n: (math.sqrt(i / count) * math.cos(i * golden),
                math.sqrt(i / count) * math.sin(i * golden)) for i, n in enumerate(nodes)}


def _options(view: _View) -> dict:
    large = len(view.nodes) > LARGE
    options: dict = {
        "autoResize": True,
        "layout": {"randomSeed": 0, "improvedLayout": len(view.nodes) <= 150},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#222222",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD, "maxVisible": 26}}},
        "edges": {"color": {"color": "#9aa5b1", "highlight": "#333333", "hover": "#333333",
                            "opacity": 0.8},
                  "smooth": False, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "hideEdgesOnDrag": large or len(view.edges) > 1000,
                        "hideEdgesOnZoom": large},
    }
    if large:
        options["physics"] = False
    else:
        options["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": dict(PHYSICS),
            "maxVelocity": 60, "minVelocity": 1, "timestep": 0.5,
            "stabilization": {"enabled": True, "fit": True, "updateInterval": 25,
                              "iterations": 1000 if len(view.nodes) <= PRESEED else 150},
        }
    return options


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------

@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS from the pyvis package, safe to inline."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    folders = sorted(lib.glob("vis-*/vis-network.min.js"),
                     key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not folders:
        raise FileNotFoundError(f"vis-network is not in the pyvis package ({lib})")
    script = folders[-1].read_text(encoding="utf-8")
    style = (folders[-1].parent / "vis-network.css").read_text(encoding="utf-8")
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.I).replace("<!--", "<\\!--")
    style = re.sub(r"</(style)", r"<\\/\1", style, flags=re.I)
    return script, style


def json_for_script(data: object) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` become ``\\u003c`` etc."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _category_order(view: _View) -> list[str]:
    """The view's categories in legend order."""
    order = list(ORGANISATION_COLOURS) + list(ELEMENT_COLOURS) + [LAW_KIND[0]]
    return sorted(view.categories, key=lambda c: (order.index(c) if c in order
                                                  else len(order), c))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _page(kind: str, view: _View, scope: dict[str, DocumentInfo], filtered: bool) -> str:
    municipalities = sorted({d.municipality for d in scope.values() if d.municipality})
    where = ", ".join(municipalities) if filtered and municipalities else "alle gemeenten"
    title = f"{TITLES[kind]} — {where}"
    counts: dict[str, int] = {}
    for node in view.nodes:
        counts[node["category"]] = counts.get(node["category"], 0) + 1
    categories = _category_order(view)
    legend = "".join(
        f'<li><span class="swatch {_e(view.categories[c][2])}" '
        f'style="background:{_e(view.categories[c][1])}"></span>'
        f"{_e(view.categories[c][0])} ({counts.get(c, 0)})</li>" for c in categories)
    legend += "".join(f'<li><span class="line {_e(style)}"></span>{_e(label)}</li>'
                      for style, label in view.edge_legend)
    type_options = "".join(f'<option value="{_e(c)}">{_e(view.categories[c][0])}</option>'
                           for c in categories)
    node_municipalities = sorted({m for n in view.nodes for m in n["m"]})
    municipality_options = "".join(f'<option value="{_e(m)}">{_e(m)}</option>'
                                   for m in node_municipalities)
    sources = [f"{d.source_file} ({', '.join(str(x) for x in (d.municipality, d.year) if x)})"
               if d.municipality or d.year else d.source_file
               for d in sorted(scope.values(), key=lambda d: d.source_file)]
    source_items = "".join(f"<li>{_e(s)}</li>" for s in sources)
    summary = (f"{_n(len(view.nodes))} knooppunten en {_n(len(view.edges))} verbindingen uit "
               f"{_n(len(sources))} document(en)")
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in view.notes)
    if not view.nodes:
        notes += f'<p class="note">{_e(EMPTY[kind])}</p>'
    data = {"nodes": view.nodes, "edges": [dict(e, id=i) for i, e in enumerate(view.edges)],
            "options": _options(view), "loose": LOOSE[kind]}
    script, style = _vis_assets()
    return _TEMPLATE.substitute(
        title=_e(title), heading=_e(title), description=_e(DESCRIPTIONS[kind]),
        hint=_e(HINT),
        summary=_e(summary), sources=source_items,
        sources_open=" open" if len(sources) <= 10 else "", legend=legend, notes=notes,
        type_options=type_options, municipality_options=municipality_options,
        vis_css=style, vis_js=script, data=json_for_script(data), kind=_e(kind))


_TEMPLATE = Template("""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="beleidsgraaf">
<title>$title</title>
<style>
$vis_css
</style>
<style>
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; color: #222; background: #fff; }
body { display: flex; flex-direction: column; }
header { padding: 10px 16px 6px; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 0 0 4px; }
header p { margin: 2px 0; max-width: 1100px; }
#hint { color: #555; font-size: 13px; }
details { margin: 2px 0; }
details ul { margin: 2px 0; padding-left: 20px; columns: 2 460px; font-size: 12px; }
.controls { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center;
  margin-top: 6px; }
.controls label { font-weight: 600; }
.controls select { margin-left: 4px; font: inherit; }
#status { color: #555; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 6px 0 0;
  padding: 0; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  border: 1px solid rgba(0,0,0,.35); }
.swatch.diamond { border-radius: 0; transform: rotate(45deg) scale(.85); }
.line { display: inline-block; width: 26px; border-top: 3px solid #9aa5b1; }
.line.dashed { border-top-style: dashed; }
.line.arrow { position: relative; }
.line.arrow::after { content: ""; position: absolute; right: -2px; top: -7px;
  border: 5px solid transparent; border-left: 8px solid #9aa5b1; }
.note { background: #fff6d5; border-left: 4px solid #e6b800; padding: 4px 8px; }
#map { flex: 1; min-height: 420px; position: relative; }
div.vis-tooltip { white-space: pre-wrap; max-width: 460px; font: 13px/1.35 system-ui,
  sans-serif; color: #222; background: #fffef5; border: 1px solid #999;
  box-shadow: 2px 2px 6px rgba(0,0,0,.2); padding: 6px 8px; }
</style>
</head>
<body data-map="$kind">
<header>
<h1 id="title">$heading</h1>
<p id="description">$description</p>
<p id="hint">$hint</p>
<details id="sources"$sources_open><summary>$summary</summary><ul>$sources</ul></details>
$notes
<div class="controls">
<span><label for="filter-municipality">Gemeente</label><select id="filter-municipality">
<option value="">alle gemeenten</option>$municipality_options</select></span>
<span><label for="filter-type">Type</label><select id="filter-type">
<option value="">alle typen</option>$type_options</select></span>
<span id="status" role="status"></span>
</div>
<ul class="legend" id="legend">$legend</ul>
</header>
<div id="map"></div>
<script>
$vis_js
</script>
<script type="application/json" id="map-data">$data</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("map");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  var municipality = document.getElementById("filter-municipality");
  var type = document.getElementById("filter-type");
  var status = document.getElementById("status");
  var state = {stabilized: data.options.physics === false, drawn: false};

  function apply(fit) {
    var m = municipality.value, t = type.value, shown = [];
    var updates = data.nodes.map(function (n) {
      var visible = (m === "" || n.m.indexOf(m) >= 0) && (t === "" || n.category === t);
      if (visible) { shown.push(n.id); }
      return {id: n.id, hidden: !visible};
    });
    nodes.update(updates);
    status.textContent = shown.length + " van " + data.nodes.length + " knooppunten zichtbaar";
    if (fit && shown.length) { network.fit({nodes: shown, animation: false}); }
  }

  network.once("afterDrawing", function () {
    state.drawn = true;
    state.firstDrawMs = Math.round(window.performance.now());
  });
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Schikken… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Once settled: widen the drawing to the shape of the window (labels are wide, so they
  // gain most from horizontal room), then put the nodes without edges (physics off) in rows
  // below it, with a caption.
  var parked = data.nodes.filter(function (n) { return n.park !== undefined; });
  var caption = null;
  function bounds(ids) {
    var at = network.getPositions(ids), box = null;
    Object.keys(at).forEach(function (id) {
      var p = at[id];
      if (!box) { box = {left: p.x, right: p.x, top: p.y, bottom: p.y}; }
      box.left = Math.min(box.left, p.x); box.right = Math.max(box.right, p.x);
      box.top = Math.min(box.top, p.y); box.bottom = Math.max(box.bottom, p.y);
    });
    return {at: at, box: box};
  }
  function widen(ids) {
    var found = bounds(ids), box = found.box;
    if (!box || container.clientHeight < 50) { return; }
    var width = Math.max(box.right - box.left, 1), height = Math.max(box.bottom - box.top, 1);
    var stretch = Math.min(Math.max((container.clientWidth / container.clientHeight) /
                                    (width / height), 1), 1.8);
    if (stretch <= 1.05) { return; }
    var middle = (box.left + box.right) / 2;
    ids.forEach(function (id) {
      var p = found.at[id];
      network.moveNode(id, middle + (p.x - middle) * stretch, p.y);
    });
  }
  function arrange() {
    var placed = data.nodes.filter(function (n) { return n.park === undefined; })
      .map(function (n) { return n.id; });
    widen(placed);
    if (!parked.length) { return; }
    var box = bounds(placed).box, first = !box;
    var left = first ? 0 : box.left, right = first ? 0 : box.right;
    var bottom = first ? 0 : box.bottom;
    var cell = 230, row = 75;
    var width = Math.max(right - left, 4 * cell);
    var columns = Math.max(1, Math.min(parked.length, Math.floor(width / cell)));
    var top = first ? 0 : bottom + 170;
    var start = first ? -columns * cell / 2 : (left + right - columns * cell) / 2;
    parked.forEach(function (n) {
      network.moveNode(n.id, start + (n.park % columns + 0.5) * cell,
                       top + Math.floor(n.park / columns) * row);
    });
    caption = placed.length ? {x: start, y: top - 55} : null;
  }
  network.on("afterDrawing", function (ctx) {
    if (!caption) { return; }
    ctx.save();
    ctx.font = "600 24px system-ui, sans-serif";
    ctx.fillStyle = "#555555";
    ctx.textBaseline = "middle";
    ctx.fillText(data.loose + " (" + parked.length + ")", caption.x, caption.y);
    ctx.restore();
  });

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    arrange();
    network.fit({animation: false});
    state.stabilized = true;
    apply(false);
  });
  municipality.addEventListener("change", function () { apply(true); });
  type.addEventListener("change", function () { apply(true); });
  apply(false);

  window.beleidsgraaf = {network: network, nodes: nodes, edges: edges, state: state,
    nodeCount: data.nodes.length, edgeCount: data.edges.length};
})();
</script>
</body>
</html>
""")
