"""Namespaces and the IRI scheme (stable, readable, derived from content).

Documents: ``id/doc/<file stem>``; elements: ``<document>/<key>`` where the key
is the printed code (``5.1.1.1``) or a path such as ``thema-1/doel-3``; laws
``id/wet/<id>``; organisations ``id/organisatie/<id>``; municipalities
``id/gemeente/<CBS code>``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD


class _Vocabulary(Namespace):
    """A namespace of a fixed vocabulary whose terms are made once each.

    rdflib's ``Namespace`` makes a new ``URIRef`` on every attribute access; the mapping asks
    for the same few predicates millions of times in a national build.

    >>> _Vocabulary("http://x/").a is _Vocabulary("http://x/")["a"]
    True
    """

    def term(self, name: str) -> URIRef:
        return _term(str(self), name)


@lru_cache(maxsize=4096)
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


class Terms:
    """Attribute access to another namespace (``Terms(RDF).type``), each term made once:
    rdflib's defined namespaces (``RDF``, ``RDFS``, ``XSD``, …) check their term list and
    make a new ``URIRef`` on every attribute access.

    >>> terms = Terms(RDF)
    >>> terms.type is terms.type and terms.type == RDF.type
    True
    """

    def __init__(self, namespace: object):
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # found as a plain attribute from now on
        return term


BG = _Vocabulary("https://w3id.org/beleidsgraaf/def#")
ID = Namespace("https://w3id.org/beleidsgraaf/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES = {"bg": BG, "dcterms": DCTERMS, "eli": ELI, "id": ID, "org": ORG, "owl": OWL,
            "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD}

GRAPH_REFERENCE = ID["graph/referentie"]
GRAPH_ONTOLOGY = ID["graph/ontologie"]
GRAPH_INFERRED = ID["graph/afgeleid"]
GRAPH_CORPUS = ID["graph/corpus"]


def slug(text: str) -> str:
    """Lower-case ASCII slug for IRIs.

    >>> slug("Súdwest-Fryslân 2026_Begroting")
    'sudwest-fryslan-2026-begroting'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


_UNSAFE = re.compile(r"[^A-Za-z0-9.\-]+")


def key_path(key: str) -> str:
    """An element key made safe for an IRI path (codes keep their dots)."""
    return "/".join(_UNSAFE.sub("-", part) for part in key.split("/"))


@lru_cache(maxsize=1 << 14)
def document_iri(stem: str) -> URIRef:
    return ID[f"doc/{slug(stem)}"]


def element_iri(document: URIRef, key: str) -> URIRef:
    return URIRef(f"{document}/{key_path(key)}")


@lru_cache(maxsize=1 << 14)
def law_iri(law_id: str) -> URIRef:
    return ID[f"wet/{slug(law_id)}"]


@lru_cache(maxsize=1 << 14)
def agreement_iri(agreement_id: str) -> URIRef:
    return ID[f"akkoord/{slug(agreement_id)}"]


@lru_cache(maxsize=1 << 14)
def organisation_iri(organisation_id: str) -> URIRef:
    return ID[f"organisatie/{slug(organisation_id)}"]


def municipality_iri(cbs_code: str) -> URIRef:
    return ID[f"gemeente/{cbs_code}"]


def region_iri(region_id: str) -> URIRef:
    return ID[f"regio/{slug(region_id)}"]


def external_iri(cbs_code: str | None, year: int | None, target: str) -> URIRef:
    scope = f"{cbs_code or 'onbekend'}/{year or 'onbekend'}"
    local = key_path(target) if re.fullmatch(r"[0-9.]+", target) else slug(target)
    return ID[f"extern/{scope}/{local}"]
