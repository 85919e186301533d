"""HTML documentation of the ontology, generated from ``ontology/beleidsgraaf.ttl``.

One self-contained page (inline CSS; no scripts, fonts or images; no links that
leave the page), so it works offline and can be opened straight from the build
folder: ``graph/ontology.html``. A copy is kept in the repository at
``docs/ontology/index.html``; regenerate it with ``python -m beleidsgraaf.ontology_docs``.

For every class and property: Dutch and English label, definition and comments,
and the axioms that matter to a user (super- and subclasses, domain, range,
super-properties, inverse, transitivity, property chains), plus what the build
infers from them and the SHACL rules of ``ontology/shapes.ttl``. Everything
taken from the ontology is HTML-escaped; output is deterministic.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from html import escape
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from beleidsgraaf.rdf.namespaces import BG, PREFIXES
from beleidsgraaf.reason import load_ontology

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "ontology" / "shapes.ttl"
DOCS = ROOT / "docs" / "ontology" / "index.html"
ONTOLOGY_IRI = URIRef("https://w3id.org/beleidsgraaf/def")
_EXTRA_PREFIXES = {"vann": "http://purl.org/vocab/vann/", "sh": str(SH),
                   "bgsh": "https://w3id.org/beleidsgraaf/shapes#"}
_NL_CLASS = ' class="nl"'
_KINDS = ((OWL.Class, "Classes", "Klassen", "c"),
          (OWL.ObjectProperty, "Object properties", "Objecteigenschappen", "op"),
          (OWL.DatatypeProperty, "Datatype properties", "Datatype-eigenschappen", "dp"))

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;
 line-height:1.45;background:#fafbfc}
main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem 4rem}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d5dbe5;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin:0 0 .4rem;font-size:1.1rem}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em;
 background:#eef1f6;padding:0 .25em;border-radius:3px}
a{color:#1a55b5;text-decoration:none}a:hover{text-decoration:underline}
.term{background:#fff;border:1px solid #d5dbe5;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.term table{border-collapse:collapse;width:100%}
.term th{text-align:left;vertical-align:top;width:11rem;font-weight:600;color:#4a5568;
 padding:.15rem .6rem .15rem 0}
.term td{padding:.15rem 0}
.kind{font-size:.75rem;border-radius:3px;padding:0 .35em;margin-left:.4em;color:#fff;
 vertical-align:middle}
.kind.c{background:#e08a00}.kind.op{background:#2f7ad0}.kind.dp{background:#2e9b5d}
.nl{color:#4a5568}.lang{font-size:.75em;color:#7a8699;margin-right:.3em}
.toc{columns:3 14rem;list-style:none;padding-left:0}.toc li{break-inside:avoid}
.tree,.tree ul{list-style:none;padding-left:1.2rem}.tree{padding-left:0}
table.plain{border-collapse:collapse}table.plain th,table.plain td{border:1px solid #d5dbe5;
 padding:.25rem .5rem;text-align:left;vertical-align:top}
.meta th{text-align:left;padding-right:1rem;color:#4a5568}
"""


def render_html(ontology: Graph | None = None, shapes: Graph | None = None) -> str:
    """The documentation page for ``ontology`` (default: the bundled one)."""
    graph = ontology if ontology is not None else load_ontology()
    shape_graph = shapes if shapes is not None else Graph().parse(SHAPES, format="turtle")
    page = _Page(graph, shape_graph)
    return page.render()


class _Page:
    def __init__(self, graph: Graph, shapes: Graph):
        self.g = graph
        self.shapes = shapes
        self.prefixes = {p: str(ns) for p, ns in PREFIXES.items()} | _EXTRA_PREFIXES
        self.terms: dict[URIRef, list[URIRef]] = {}
        for kind, *_ in _KINDS:
            self.terms[kind] = sorted((t for t in graph.subjects(RDF.type, kind)
                                       if isinstance(t, URIRef) and t.startswith(str(BG))),
                                      key=self._local)
        self.subclasses: dict[Node, list[Node]] = defaultdict(list)
        for child, parent in graph.subject_objects(RDFS.subClassOf):
            self.subclasses[parent].append(child)
        self.subproperties: dict[Node, list[Node]] = defaultdict(list)
        for child, parent in graph.subject_objects(RDFS.subPropertyOf):
            self.subproperties[parent].append(child)
        self.in_domain: dict[Node, list[Node]] = defaultdict(list)
        self.in_range: dict[Node, list[Node]] = defaultdict(list)
        for prop, cls in graph.subject_objects(RDFS.domain):
            self.in_domain[cls].append(prop)
        for prop, cls in graph.subject_objects(RDFS.range):
            self.in_range[cls].append(prop)

    # ------------------------------------------------------------------ page
    def render(self) -> str:
        title_en = self._text(ONTOLOGY_IRI, DCTERMS.title, "en") or "beleidsgraaf ontology"
        title_nl = self._text(ONTOLOGY_IRI, DCTERMS.title, "nl")
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title_en)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body><main>",
            f"<h1>{escape(title_en)}</h1>",
            f'<p class="nl">{escape(title_nl)}</p>' if title_nl else "",
            self._metadata(),
            self._contents(),
            self._inference(),
            self._hierarchy(),
        ]
        for kind, heading, heading_nl, badge in _KINDS:
            parts.append(f'<h2 id="{badge}-list">{escape(heading)} '
                         f'<span class="nl">/ {escape(heading_nl)}</span></h2>')
            parts.extend(self._term(term, badge) for term in self.terms[kind])
        parts.append(self._external())
        parts.append(self._validation())
        parts.append(self._namespaces())
        parts.append("</main></body></html>")
        return "\n".join(p for p in parts if p) + "\n"

    def _metadata(self) -> str:
        g = self.g
        rows = [("IRI", f"<code>{escape(str(ONTOLOGY_IRI))}</code>")]
        if (version := g.value(ONTOLOGY_IRI, OWL.versionInfo)) is not None:
            rows.append(("Version", escape(str(version))))
        if (version_iri := g.value(ONTOLOGY_IRI, OWL.versionIRI)) is not None:
            rows.append(("Version IRI", f"<code>{escape(str(version_iri))}</code>"))
        if (creator := g.value(ONTOLOGY_IRI, DCTERMS.creator)) is not None:
            rows.append(("Creator", escape(str(creator))))
        if (license_ := g.value(ONTOLOGY_IRI, DCTERMS.license)) is not None:
            rows.append(("License", f"<code>{escape(str(license_))}</code>"))
        rows.append(("Prefix", f"<code>bg:</code> = <code>{escape(str(BG))}</code>"))
        rows.append(("Source", "<code>ontology/beleidsgraaf.ttl</code> (Turtle), "
                               "<code>ontology/shapes.ttl</code> (SHACL)"))
        counts = ", ".join(f"{len(self.terms[k])} {h.lower()}" for k, h, _, _ in _KINDS)
        rows.append(("Terms", escape(counts)))
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        descriptions = "".join(
            f"<p{_NL_CLASS if lang == 'nl' else ''}>{self._lang(lang)}{escape(text)}</p>"
            for lang, text in self._texts(ONTOLOGY_IRI, DCTERMS.description))
        comments = "".join(f"<p>{escape(text)}</p>"
                           for _, text in self._texts(ONTOLOGY_IRI, RDFS.comment))
        return f'<table class="meta">{table}</table>{descriptions}{comments}'

    def _contents(self) -> str:
        items = []
        for kind, heading, _, badge in _KINDS:
            links = ", ".join(self._link(t) for t in self.terms[kind])
            items.append(f'<p><a href="#{badge}-list"><strong>{escape(heading)}</strong></a>: '
                         f"{links}</p>")
        items.append('<p><a href="#inference"><strong>What the build infers</strong></a> · '
                     '<a href="#hierarchy"><strong>Class hierarchy</strong></a> · '
                     '<a href="#external"><strong>Reused vocabularies</strong></a> · '
                     '<a href="#validation"><strong>Validation rules</strong></a> · '
                     '<a href="#namespaces"><strong>Namespaces</strong></a></p>')
        return '<h2 id="contents">Contents</h2>' + "".join(items)

    def _inference(self) -> str:
        g = self.g
        rows = []
        for prop in sorted(g.subjects(RDF.type, OWL.TransitiveProperty), key=self._local):
            rows.append((self._ref(prop), "transitive", "if a → b and b → c then a → c"))
        for p, q in sorted(g.subject_objects(OWL.inverseOf), key=lambda pq: self._local(pq[0])):
            rows.append((self._ref(p), f"inverse of {self._ref(q)}",
                         "a → b gives b → a with the inverse"))
        for prop, head in sorted(g.subject_objects(OWL.propertyChainAxiom),
                                 key=lambda ph: self._local(ph[0])):
            chain = " ∘ ".join(self._ref(step) for step in Collection(g, head))
            rows.append((self._ref(prop), f"property chain {chain}",
                         "a first step followed by a second gives the chain property"))
        for prop in sorted(self.terms[OWL.ObjectProperty] + self.terms[OWL.DatatypeProperty],
                           key=self._local):
            for sup in sorted(g.objects(prop, RDFS.subPropertyOf), key=str):
                if str(sup).startswith(str(BG)):
                    rows.append((self._ref(prop), f"sub-property of {self._ref(sup)}",
                                 "every value is also a value of the super-property"))
        body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{escape(c)}</td></tr>"
                       for a, b, c in rows)
        return (
            '<h2 id="inference">What the build infers</h2>'
            "<p>The ontology stays within OWL 2 RL. The build materialises its entailments into "
            "the named graph <code>id:graph/afgeleid</code> of <code>beleidsgraaf.trig</code> "
            "(and into <code>beleidsgraaf.ttl</code>); <code>--no-reason</code> skips it. "
            "Only triples in the <code>bg:</code> vocabulary are kept: the property axioms "
            "below, the types that domains, ranges and sub-classes give (e.g. every "
            "<code>bg:Activity</code> is a <code>bg:PolicyElement</code>), no self links and "
            "nothing already asserted. The alignments to PROV-O, ORG, SKOS, DCTERMS and ELI "
            "are stated here, not copied onto every node.</p>"
            '<table class="plain"><tr><th>property</th><th>axiom</th><th>effect</th></tr>'
            f"{body}</table>"
        )

    def _hierarchy(self) -> str:
        roots = sorted((c for c in self.terms[OWL.Class]
                        if not any(str(p).startswith(str(BG))
                                   for p in self.g.objects(c, RDFS.subClassOf))),
                       key=self._local)

        def branch(cls: Node, seen: frozenset[Node]) -> str:
            children = sorted((c for c in self.subclasses.get(cls, ())
                               if str(c).startswith(str(BG)) and c not in seen),
                              key=self._local)
            inner = "".join(branch(c, seen | {c}) for c in children)
            supers = [self._ref(p) for p in sorted(self.g.objects(cls, RDFS.subClassOf), key=str)
                      if not str(p).startswith(str(BG))]
            aligned = f" <span class=\"nl\">(⊑ {', '.join(supers)})</span>" if supers else ""
            return (f"<li>{self._link(cls)}{aligned}" + (f"<ul>{inner}</ul>" if inner else "")
                    + "</li>")

        items = "".join(branch(root, frozenset({root})) for root in roots)
        return f'<h2 id="hierarchy">Class hierarchy</h2><ul class="tree">{items}</ul>'

    # ------------------------------------------------------------------ terms
    def _term(self, term: URIRef, badge: str) -> str:
        g = self.g
        local = self._local(term)
        label_en = self._text(term, RDFS.label, "en") or local
        label_nl = self._text(term, RDFS.label, "nl")
        rows: list[tuple[str, str]] = [("IRI", f"<code>{escape(str(term))}</code>")]
        if label_nl:
            rows.append(("Label", f"{self._lang('en')}{escape(label_en)} · "
                                  f"{self._lang('nl')}{escape(label_nl)}"))
        for lang, text in self._texts(term, SKOS.definition):
            rows.append(("Definition", f"{self._lang(lang)}{escape(text)}"))
        for lang, text in self._texts(term, RDFS.comment):
            rows.append(("Note", f"{self._lang(lang)}{escape(text)}"))
        kinds = [self._short(k) for k in sorted(g.objects(term, RDF.type), key=str)]
        rows.append(("Type", ", ".join(f"<code>{escape(k)}</code>" for k in kinds)))
        if badge == "c":
            self._class_rows(term, rows)
        else:
            self._property_rows(term, rows)
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        return (f'<section class="term" id="{escape(local)}"><h3>{escape(label_en)}'
                f'<span class="kind {badge}" title="{escape(kinds[0] if kinds else "")}">'
                f"{badge}</span> <code>bg:{escape(local)}</code></h3>"
                f"<table>{table}</table></section>")

    def _class_rows(self, term: URIRef, rows: list[tuple[str, str]]) -> None:
        supers = sorted(self.g.objects(term, RDFS.subClassOf), key=str)
        if supers:
            rows.append(("Subclass of", self._refs(supers)))
        subs = sorted(self.subclasses.get(term, ()), key=str)
        if subs:
            rows.append(("Subclasses", self._refs(subs)))
        if self.in_domain.get(term):
            rows.append(("Domain of", self._refs(sorted(self.in_domain[term], key=str))))
        if self.in_range.get(term):
            rows.append(("Range of", self._refs(sorted(self.in_range[term], key=str))))

    def _property_rows(self, term: URIRef, rows: list[tuple[str, str]]) -> None:
        g = self.g
        for label, predicate in (("Domain", RDFS.domain), ("Range", RDFS.range),
                                 ("Sub-property of", RDFS.subPropertyOf),
                                 ("Inverse of", OWL.inverseOf)):
            values = sorted(g.objects(term, predicate), key=str)
            if values:
                rows.append((label, self._refs(values)))
        subs = sorted(self.subproperties.get(term, ()), key=str)
        if subs:
            rows.append(("Sub-properties", self._refs(subs)))
        for head in g.objects(term, OWL.propertyChainAxiom):
            chain = " ∘ ".join(self._ref(step) for step in Collection(g, head))
            rows.append(("Property chain", f"{chain} ⊑ {self._ref(term)}"))

    # ------------------------------------------------------------------ other sections
    def _external(self) -> str:
        uses: dict[Node, set[Node]] = defaultdict(set)
        for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
            for s, o in self.g.subject_objects(predicate):
                if isinstance(o, URIRef) and not str(o).startswith(str(BG)) \
                        and str(s).startswith(str(BG)):
                    uses[o].add(s)
        rows = "".join(
            f"<tr><td><code>{escape(self._short(term))}</code></td>"
            f"<td>{self._refs(sorted(users, key=str))}</td></tr>"
            for term, users in sorted(uses.items(), key=lambda item: self._short(item[0])))
        return ('<h2 id="external">Reused vocabularies</h2>'
                "<p>Terms of PROV-O, W3C ORG, SKOS, DCTERMS, ELI, RDF(S) and XSD that "
                "<code>bg:</code> terms specialise or use as domain or range.</p>"
                f'<table class="plain"><tr><th>term</th><th>used by</th></tr>{rows}</table>')

    def _validation(self) -> str:
        s = self.shapes
        blocks = []
        for shape in sorted(s.subjects(RDF.type, SH.NodeShape), key=str):
            targets = []
            for predicate, how in ((SH.targetClass, ""), (SH.targetSubjectsOf, "subjects of "),
                                   (SH.targetObjectsOf, "objects of ")):
                targets += [how + self._ref(t) for t in sorted(s.objects(shape, predicate),
                                                                key=str)]
            if s.value(shape, SH.target) is not None:
                targets.append("nodes found by a SPARQL query")
            messages = []
            own = s.value(shape, SH.message)
            if own is not None:
                messages.append(("", str(own)))
            for constraint in s.objects(shape, SH.sparql):
                if (message := s.value(constraint, SH.message)) is not None:
                    messages.append(("", str(message)))
            for prop in s.objects(shape, SH.property):
                path = self._path(s.value(prop, SH.path))
                if (message := s.value(prop, SH.message)) is not None:
                    messages.append((path, str(message)))
            severity = s.value(shape, SH.severity)
            note = " <em>(warning only)</em>" if severity == SH.Warning else ""
            comment = next((str(c) for c in s.objects(shape, RDFS.comment)
                            if isinstance(c, Literal) and c.language in ("en", None)), "")
            if comment:
                note += f'<br><span class="nl">{escape(comment.split(". ")[0].rstrip("."))}.</span>'
            items = "".join(
                f"<li>{f'<code>{escape(path)}</code>: ' if path else ''}{escape(message)}</li>"
                for path, message in sorted(set(messages)))
            blocks.append(f"<tr><td><code>{escape(self._short(shape))}</code>{note}</td>"
                          f"<td>{', '.join(targets) or '–'}</td><td><ul>{items}</ul></td></tr>")
        return ('<h2 id="validation">Validation rules</h2>'
                "<p>What a well-formed graph looks like, from <code>ontology/shapes.ttl</code>. "
                "<code>beleidsgraaf validate</code> checks a graph against these shapes (the "
                "build writes the same report to <code>validation.txt</code>); violations make "
                "it fail, warnings are reported only.</p>"
                '<table class="plain"><tr><th>shape</th><th>applies to</th><th>rules</th></tr>'
                f"{''.join(blocks)}</table>")

    def _namespaces(self) -> str:
        used = sorted(set(PREFIXES) | {"vann"})
        rows = "".join(f"<tr><td><code>{escape(p)}:</code></td>"
                       f"<td><code>{escape(self.prefixes[p])}</code></td></tr>" for p in used)
        return f'<h2 id="namespaces">Namespaces</h2><table class="plain">{rows}</table>'

    # ------------------------------------------------------------------ helpers
    def _texts(self, term: Node, predicate: URIRef) -> list[tuple[str, str]]:
        order = {"en": 0, "nl": 1}
        found = [(lit.language or "", str(lit)) for lit in self.g.objects(term, predicate)
                 if isinstance(lit, Literal)]
        return sorted(found, key=lambda lt: (order.get(lt[0], 2), lt[0], lt[1]))

    def _text(self, term: Node, predicate: URIRef, lang: str) -> str:
        return next((text for language, text in self._texts(term, predicate)
                     if language == lang), "")

    @staticmethod
    def _lang(lang: str) -> str:
        return f'<span class="lang">{escape(lang)}</span>' if lang else ""

    @staticmethod
    def _local(term: Node) -> str:
        text = str(term)
        return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]

    def _short(self, term: Node) -> str:
        text = str(term)
        best = ""
        for prefix, namespace in self.prefixes.items():
            if text.startswith(namespace) and len(namespace) > len(best):
                best, short = namespace, f"{prefix}:{text[len(namespace):]}"
        return short if best else text

    def _link(self, term: Node) -> str:
        local = self._local(term)
        label = self._text(term, RDFS.label, "en") or local
        return f'<a href="#{escape(local)}" title="{escape(label)}">bg:{escape(local)}</a>'

    def _ref(self, term: Node) -> str:
        if isinstance(term, URIRef) and term.startswith(str(BG)) and any(
                term in terms for terms in self.terms.values()):
            return self._link(term)
        if isinstance(term, BNode):
            return "<code>(anonymous)</code>"
        return f'<code title="{escape(str(term))}">{escape(self._short(term))}</code>'

    def _refs(self, terms: list[Node]) -> str:
        return ", ".join(self._ref(t) for t in terms)

    def _path(self, path: Node | None) -> str:
        if path is None:
            return ""
        if isinstance(path, BNode):
            if self.shapes.value(path, RDF.first) is not None:
                return "/".join(self._short(step) for step in Collection(self.shapes, path))
            return "(path)"
        return self._short(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the ontology's HTML documentation.")
    parser.add_argument("--out", type=Path, default=DOCS, help=f"output file ({DOCS})")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_html(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
