"""Upload the built graph to a triple store (``beleidsgraaf push``).

Uses the SPARQL 1.1 Graph Store HTTP Protocol, which Virtuoso, Apache Jena Fuseki, GraphDB
and Oxigraph server all speak: every named graph of ``graph/beleidsgraaf.trig`` (one per
document, plus reference data, ontology and inferences) is sent with one ``PUT
ENDPOINT?graph=IRI``, which replaces that graph in a single request — a reader sees the old
graph or the new one, never a half-loaded or emptied one. With ``graph_uri`` everything goes
into that one graph, again with one PUT.

Authentication: HTTP basic or digest, whichever the server asks for (user and password from
the command line or ``BELEIDSGRAAF_USER`` / ``BELEIDSGRAAF_PASSWORD``). Standard library
``urllib`` only; the TriG file is read with pyoxigraph when it is installed (fast), else with
rdflib.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from beleidsgraaf.errors import BeleidsgraafError, GraphNotFound

MEDIA_TYPE = "text/turtle; charset=utf-8"  # the body is N-Triples, which is also Turtle
ENDPOINT_HINT = ("the Graph Store endpoint, e.g. Virtuoso http://HOST:8890/sparql-graph-crud-auth,"
                 " Fuseki http://HOST:3030/DATASET/data, Oxigraph http://HOST:7878/store, "
                 "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service")


class PushError(BeleidsgraafError):
    """The store cannot be reached or refuses every upload (wrong URL, credentials, ...)."""


class PushUsageError(BeleidsgraafError):
    """The arguments cannot work (not an http(s) URL, not an IRI, ...)."""


@dataclass
class Pushed:
    """The outcome of one PUT."""

    graph: str
    triples: int
    status: int | None
    message: str

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


# --------------------------------------------------------------------------------- reading


def named_graphs(trig: Path, graph_uri: str | None = None) -> Iterator[tuple[str, int, bytes]]:
    """``(graph IRI, triples, N-Triples body)`` for every named graph in ``trig``, sorted by
    IRI; with ``graph_uri`` a single graph holding the union of them all."""
    if not trig.is_file():
        raise GraphNotFound(f"graph file {trig} does not exist")
    graphs = _read(trig)
    if graph_uri is not None:
        union: set[str] = set()
        for lines in graphs.values():
            union.update(lines)
        graphs = {graph_uri: union}
    for name in sorted(graphs):
        lines = sorted(graphs[name])
        yield name, len(lines), "".join(line + "\n" for line in lines).encode("utf-8")


def _read(trig: Path) -> dict[str, set[str]]:
    """Graph IRI → N-Triples lines; triples of the default graph go to ``id:graph/corpus``."""
    from beleidsgraaf.rdf.namespaces import GRAPH_CORPUS

    graphs: dict[str, set[str]] = {}
    try:
        import pyoxigraph
    except ImportError:
        pyoxigraph = None
    if pyoxigraph is not None:
        try:
            quads = pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
            for quad in quads:
                name = quad.graph_name
                key = name.value if isinstance(name, pyoxigraph.NamedNode) else str(GRAPH_CORPUS)
                graphs.setdefault(key, set()).add(
                    f"{quad.subject} {quad.predicate} {quad.object} .")
        except (SyntaxError, ValueError, OSError) as exc:
            raise PushError(f"cannot read {trig}: {exc}") from exc
        return graphs
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    try:
        dataset.parse(trig, format="trig")
    except Exception as exc:  # rdflib raises several kinds
        raise PushError(f"cannot read {trig}: {exc}") from exc
    default = str(dataset.default_context.identifier)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        key = str(g) if isinstance(g, URIRef) and str(g) != default else str(GRAPH_CORPUS)
        graphs.setdefault(key, set()).add(f"{s.n3()} {p.n3()} {o.n3()} .")
    return graphs


# --------------------------------------------------------------------------------- sending


def check_endpoint(endpoint: str) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushUsageError(f"--endpoint must be an http(s) URL, got '{endpoint}' "
                             f"({ENDPOINT_HINT})")
    if parts.username or parts.password:
        raise PushUsageError("do not put credentials in the URL; use --user and "
                             "BELEIDSGRAAF_PASSWORD")
    return endpoint


def check_iri(iri: str) -> str:
    parts = urllib.parse.urlsplit(iri)
    if not parts.scheme or any(c in iri for c in ' <>"{}|^`\\') or \
            any(ord(c) <= 0x20 for c in iri):
        raise PushUsageError(f"--graph-uri must be an absolute IRI, got '{iri}'")
    return iri


def graph_url(endpoint: str, graph: str) -> str:
    """``endpoint?graph=IRI`` (``&graph=`` when the endpoint URL has a query already)."""
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def opener(endpoint: str, user: str | None, password: str | None
           ) -> urllib.request.OpenerDirector:
    """An opener that answers basic and digest challenges with the given credentials (and
    never follows redirects: a PUT must not silently turn into a GET)."""
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                     urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        return None


def put(open_: urllib.request.OpenerDirector, url: str, body: bytes, timeout: float
        ) -> tuple[int, str]:
    """PUT ``body``; ``(status, text of the answer)``. Raises ``PushError`` when the server
    cannot be reached at all."""
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": MEDIA_TYPE, "Accept": "*/*"})
    try:
        with open_.open(request, timeout=timeout) as response:
            return response.status, response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        try:
            text = error.read(2000).decode("utf-8", "replace")
        except OSError:
            text = ""
        return error.code, text
    except urllib.error.URLError as error:
        raise PushError(f"cannot reach {url.split('?')[0]}: {error.reason} — is the triple "
                        "store running, and is this its address?") from None
    except (TimeoutError, OSError) as error:
        raise PushError(f"no answer from {url.split('?')[0]}: {error}") from None


def explain(status: int, text: str) -> str:
    """A message for an HTTP status a Graph Store gives back."""
    detail = " ".join(text.split())[:300]
    if status == 401:
        return ("authentication failed (HTTP 401): set --user or BELEIDSGRAAF_USER and "
                "BELEIDSGRAAF_PASSWORD to an account that may write graphs")
    if status == 403:
        return "forbidden (HTTP 403): this account may not write graphs"
    if status == 404:
        return f"not found (HTTP 404): is this {ENDPOINT_HINT}?"
    if status == 405:
        return ("the server does not accept PUT here (HTTP 405): this looks like a query "
                f"endpoint, not {ENDPOINT_HINT}")
    if status == 413:
        return "the server refuses a body this large (HTTP 413); raise its upload limit"
    if 300 <= status < 400:
        return f"the server redirects (HTTP {status}); give the final URL as --endpoint"
    return f"HTTP {status}" + (f": {detail}" if detail else "")


FATAL = {401, 403, 404, 405}


def push(endpoint: str, trig: Path, *, graph_uri: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = 300.0,
         progress: Callable[[Pushed], object] | None = None) -> list[Pushed]:
    """PUT every named graph of ``trig`` (or all in ``graph_uri``) to ``endpoint``.

    Returns one ``Pushed`` per graph; a graph the server refuses is reported and the others
    are still sent. Raises ``PushError`` when the server cannot be reached or refuses in a way
    that will not change for the next graph (no such endpoint, bad credentials), and
    ``PushUsageError`` for arguments that cannot work.
    """
    check_endpoint(endpoint)
    if graph_uri is not None:
        check_iri(graph_uri)
    if password is not None and user is None:
        raise PushUsageError("a password without a user: set --user or BELEIDSGRAAF_USER")
    open_ = opener(endpoint, user, password)
    results = []
    for name, triples, body in named_graphs(trig, graph_uri):
        status, text = put(open_, graph_url(endpoint, name), body, timeout)
        ok = 200 <= status < 300
        outcome = Pushed(name, triples, status, "replaced" if ok else explain(status, text))
        results.append(outcome)
        if progress is not None:
            progress(outcome)
        if status in FATAL or 300 <= status < 400:
            raise PushError(f"{outcome.message} (graph <{name}>; "
                            f"{len(results) - 1} graphs were pushed before it)")
    return results
