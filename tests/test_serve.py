"""The SPARQL endpoint, tested against a real server on a free loopback port.

Every test runs twice: on rdflib (the graph file alone) and on the Oxigraph store (the same
file with an up-to-date store beside it, queried in worker processes).
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from beleidsgraaf.errors import GraphNotFound
from beleidsgraaf.serve import make_server, serve
from beleidsgraaf.store import available, write_store

TTL = """\
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .

ex:doc1 a bg:PolicyDocument ; bg:sourceFile "a.txt" ; bg:year 2024 .
ex:doc2 a bg:PolicyDocument ; bg:sourceFile "b.txt" ; bg:year 2026 .
ex:act1 a bg:Activity ; rdfs:label "Schuldhulp, \\"vroeg\\" erop af"@nl ; bg:inDocument ex:doc1 .
ex:act2 a bg:Activity ; rdfs:label "Tab\\there\\nand a new line" ; bg:inDocument ex:doc2 ;
    bg:involves [ rdfs:label "Anonymous partner" ] .
"""
BG = "PREFIX bg: <https://w3id.org/beleidsgraaf/def#>\n"
ACTIVITIES = BG + ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                   "SELECT ?act ?label WHERE { ?act a bg:Activity ; rdfs:label ?label } "
                   "ORDER BY ?act")
JSON = "application/sparql-results+json"


ENGINES = ["rdflib", pytest.param("oxigraph", marks=pytest.mark.skipif(
    not available(), reason="pyoxigraph is not installed"))]


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


def graph_at(path: Path, text: str, engine: str) -> Path:
    """Write a graph file, with a store beside it for the Oxigraph engine."""
    path.write_text(text, encoding="utf-8")
    if engine == "oxigraph":
        write_store(path)
    return path


@pytest.fixture
def graph_file(tmp_path: Path, engine: str) -> Path:
    return graph_at(tmp_path / "graph.ttl", TTL, engine)


@pytest.fixture
def servers() -> dict:
    """Base URL -> running server, for tests that look inside."""
    return {}


@pytest.fixture
def start(graph_file: Path, servers: dict):
    """``start(**options)`` runs a server in a thread and returns its base URL."""
    running = []

    def _start(path: Path = graph_file, **options) -> str:
        lines: list[str] = []
        server = make_server(path, "127.0.0.1", 0, log=lines.append, **options)
        assert (server.pool is not None) == (path.parent / (path.stem + ".oxigraph")).exists()
        server.lines = lines  # type: ignore[attr-defined]
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        running.append((server, thread))
        url = f"http://127.0.0.1:{server.server_port}"
        servers[url] = server
        return url

    yield _start
    for server, thread in running:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def url(start) -> str:
    return start()


def get(url: str, params: dict[str, str] | None = None, accept: str | None = None,
        method: str = "GET", data: bytes | None = None,
        content_type: str | None = None) -> tuple[int, dict[str, str], bytes]:
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, method=method)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sparql(url: str, query: str, accept: str | None = None, **params: str):
    return get(url + "/sparql", {"query": query, **params}, accept)


def post_form(url: str, fields: dict[str, str]):
    return get(url + "/sparql", method="POST", data=urllib.parse.urlencode(fields).encode(),
               content_type="application/x-www-form-urlencoded")


# ------------------------------------------------------------------------------ result formats


def test_select_json_is_the_default(url):
    status, headers, body = sparql(url, ACTIVITIES)
    assert status == 200
    assert headers["Content-Type"] == JSON
    result = json.loads(body)
    assert result["head"]["vars"] == ["act", "label"]
    first, second = result["results"]["bindings"]
    assert first["act"] == {"type": "uri", "value": "http://example.org/act1"}
    assert first["label"] == {"type": "literal", "value": 'Schuldhulp, "vroeg" erop af',
                              "xml:lang": "nl"}
    assert second["label"]["value"] == "Tab\there\nand a new line"


def test_typed_literals_bnodes_and_unbound_in_json(url):
    query = BG + ("SELECT ?doc ?year ?partner WHERE { ?doc bg:year ?year "
                  "OPTIONAL { ?a bg:inDocument ?doc ; bg:involves ?partner } } ORDER BY ?year")
    bindings = json.loads(sparql(url, query)[2])["results"]["bindings"]
    assert bindings[0]["year"] == {"type": "literal", "value": "2024",
                                   "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "partner" not in bindings[0]
    assert bindings[1]["partner"]["type"] == "bnode"


def test_select_xml(url):
    status, headers, body = sparql(url, ACTIVITIES, accept="application/sparql-results+xml")
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["act", "label"]
    results = root.findall("r:results/r:result", ns)
    assert len(results) == 2
    literal = results[0].find("r:binding[@name='label']/r:literal", ns)
    assert literal.text == 'Schuldhulp, "vroeg" erop af'
    assert literal.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert results[0].find("r:binding[@name='act']/r:uri", ns).text == "http://example.org/act1"


def test_select_csv(url):
    status, headers, body = sparql(url, ACTIVITIES, accept="text/csv")
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert body.startswith(b"act,label\r\n")
    rows = list(csv.reader(io.StringIO(body.decode(), newline="")))
    assert rows[1] == ["http://example.org/act1", 'Schuldhulp, "vroeg" erop af']
    assert rows[2][1] == "Tab\there\nand a new line"


def test_select_tsv(url):
    status, headers, body = sparql(url, ACTIVITIES, accept="text/tab-separated-values")
    assert status == 200
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode().split("\n")
    assert lines[0] == "?act\t?label"
    assert lines[1] == '<http://example.org/act1>\t"Schuldhulp, \\"vroeg\\" erop af"@nl'
    assert lines[2] == '<http://example.org/act2>\t"Tab\\there\\nand a new line"'
    assert lines[3:] == [""]


@pytest.mark.parametrize(("value", "media"), [
    ("json", JSON), ("xml", "application/sparql-results+xml"), ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"), ("text/csv", "text/csv")])
def test_format_parameter_overrides_accept(url, value, media):
    status, headers, _ = sparql(url, ACTIVITIES, accept="text/csv", format=value)
    assert status == 200
    assert headers["Content-Type"].startswith(media)


def test_accept_quality_values_are_honoured(url):
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"
    assert sparql(url, ACTIVITIES, accept=accept)[1]["Content-Type"].startswith(
        "application/sparql-results+xml")
    assert sparql(url, ACTIVITIES, accept="*/*")[1]["Content-Type"] == JSON


def test_unacceptable_format_is_406(url):
    status, _, body = sparql(url, ACTIVITIES, accept="image/png")
    assert status == 406
    assert b"application/sparql-results+json" in body
    assert sparql(url, ACTIVITIES, format="yaml")[0] == 406


def test_ask(url):
    body = sparql(url, BG + "ASK { ?d a bg:PolicyDocument }")[2]
    assert json.loads(body) == {"head": {}, "boolean": True}
    status, _, body = sparql(url, BG + "ASK { ?d a bg:Law }", format="xml")
    root = ET.fromstring(body)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "false"


def test_construct_as_turtle_and_ntriples(url):
    query = BG + "CONSTRUCT { ?d bg:year ?y } WHERE { ?d bg:year ?y }"
    status, headers, body = sparql(url, query)
    assert status == 200
    assert headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    assert (URIRef("http://example.org/doc1"),
            URIRef("https://w3id.org/beleidsgraaf/def#year"), Literal(2024)) in graph
    assert len(graph) == 2
    status, headers, body = sparql(url, query, accept="application/n-triples")
    assert headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=body.decode(), format="nt")) == 2


def test_library_prefixes_are_predeclared(url):
    status, _, body = sparql(url, "SELECT ?f WHERE { ?d bg:sourceFile ?f } ORDER BY ?f")
    assert status == 200
    values = [b["f"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert values == ["a.txt", "b.txt"]


# ------------------------------------------------------------------------------------- POST


def test_post_form(url):
    status, headers, body = post_form(url, {"query": ACTIVITIES, "format": "csv"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert body.count(b"\r\n") == 3


def test_post_sparql_query_body(url):
    status, _, body = get(url + "/sparql", method="POST", data=ACTIVITIES.encode(),
                          content_type="application/sparql-query", accept=JSON)
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 2


def test_post_other_content_type_is_415(url):
    status, _, _ = get(url + "/sparql", method="POST", data=b"{}",
                       content_type="application/json")
    assert status == 415


def test_post_body_size_limit(start):
    url = start(max_body=1000)
    status, _, body = post_form(url, {"query": ACTIVITIES + " " * 2000})
    assert status == 413
    assert b"1000 bytes" in body


# ---------------------------------------------------------------------------- errors, paths


def test_malformed_query_is_400_with_parser_message(url):
    status, headers, body = sparql(url, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    assert b"syntax error at line 1, column" in body


def test_unknown_prefix_is_400(url):
    status, _, body = sparql(url, "SELECT * WHERE { ?s nope:p ?o }")
    assert status == 400
    assert b"nope" in body


def test_missing_query_is_400(url):
    assert get(url + "/sparql")[0] == 400


def test_dataset_clauses_and_service_are_refused(url):
    assert sparql(url, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")[0] == 400
    assert sparql(url, ACTIVITIES, **{"default-graph-uri": "http://x/"})[0] == 400
    status, _, body = sparql(url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> "
                                  "{ ?s ?p ?o } }")
    assert status == 403
    assert b"SERVICE" in body


def test_form_page(url):
    status, headers, body = get(url + "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode()
    assert '<form method="post" action="/sparql">' in page
    assert "src=" not in page and "href=" not in page
    assert "&lt;" not in page or "<textarea" in page


def test_other_paths_and_methods(url):
    assert get(url + "/nothing")[0] == 404
    status, headers, _ = get(url + "/sparql", method="PUT", data=b"x",
                             content_type="text/turtle")
    assert status == 405
    assert "POST" in headers["Allow"]


def test_requests_are_logged_concisely(url, servers):
    sparql(url, ACTIVITIES)
    sparql(url, "SELECT nonsense")
    server_lines = servers[url].lines
    deadline = time.monotonic() + 5  # the handler logs after the response is sent
    while time.monotonic() < deadline and not any(" 400" in line for line in server_lines):
        time.sleep(0.02)
    assert any("GET /sparql 200" in line for line in server_lines)
    assert any("GET /sparql 400" in line for line in server_lines)
    assert all("\n" not in line and ACTIVITIES not in line for line in server_lines)


def test_missing_graph_file(tmp_path):
    with pytest.raises(GraphNotFound):
        make_server(tmp_path / "absent.ttl", "127.0.0.1", 0)


def test_a_stale_store_is_not_used(tmp_path, start):
    if not available():
        pytest.skip("pyoxigraph is not installed")
    path = graph_at(tmp_path / "g.ttl", TTL, "oxigraph")
    with path.open("a", encoding="utf-8") as stream:
        stream.write("<http://example.org/doc3> a bg:PolicyDocument ; bg:sourceFile \"c.txt\" .\n")
    server = make_server(path, "127.0.0.1", 0)
    try:
        assert server.pool is None and server.graph is not None
    finally:
        server.server_close()
    with pytest.raises(GraphNotFound):
        make_server(path, "127.0.0.1", 0, engine="oxigraph")
    write_store(path)
    url = start(path)
    body = sparql(url, "SELECT ?f WHERE { ?d bg:sourceFile ?f } ORDER BY ?f")[2]
    assert [b["f"]["value"] for b in json.loads(body)["results"]["bindings"]] == [
        "a.txt", "b.txt", "c.txt"]


def test_the_engines_give_the_same_answers(tmp_path, corpus_graph):
    """Library queries through the endpoint: rdflib and the Oxigraph store agree."""
    if not available():
        pytest.skip("pyoxigraph is not installed")
    from beleidsgraaf.query import library_queries
    from beleidsgraaf.store import with_values

    ttl = corpus_graph / "beleidsgraaf.ttl"
    answers = {}
    for engine in ("rdflib", "oxigraph"):
        server = make_server(ttl, "127.0.0.1", 0, engine=engine, log=lambda line: None)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_port}"
            for query in library_queries():
                if query.name not in ("organisation-activities", "laws-per-municipality",
                                      "activity-changes", "overview"):
                    continue
                import pyoxigraph

                from beleidsgraaf.query import _term
                from beleidsgraaf.store import to_oxigraph

                text = with_values(query.text, {
                    name: to_oxigraph(_term(value))
                    for name, value in query.example_params().items()})
                for fmt in ("json", "tsv"):
                    status, _, body = sparql(url, text, format=fmt)
                    assert status == 200, body
                    answers.setdefault((query.name, fmt), []).append(body)
                assert pyoxigraph
        finally:
            server.shutdown()
            server.server_close()
            thread.join(5)
    for key, (from_rdflib, from_oxigraph) in answers.items():
        assert from_rdflib == from_oxigraph, key
        assert len(from_rdflib) > 100, key


# --------------------------------------------------------------------------------- read-only

UPDATES = [
    BG + "INSERT DATA { <http://example.org/x> a bg:Law }",
    BG + "DELETE WHERE { ?s a bg:Activity }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "# a comment\nLOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP DEFAULT",
    "CREATE GRAPH <http://example.org/g>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "INSERT DATA { this is not even valid }",
]


def _everything(url: str) -> Graph:
    status, _, body = sparql(url, "CONSTRUCT WHERE { ?s ?p ?o }", format="nt")
    assert status == 200
    return Graph().parse(data=body.decode(), format="nt")


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_and_the_graph_is_unchanged(url, graph_file, update):
    before = _everything(url)
    assert len(before) > 10
    text_before = graph_file.read_bytes()
    attempts = [
        sparql(url, update),
        get(url + "/sparql", {"update": update}),
        post_form(url, {"update": update}),
        post_form(url, {"query": update}),
        get(url + "/sparql", method="POST", data=update.encode(),
            content_type="application/sparql-update"),
        get(url + "/sparql", method="POST", data=update.encode(),
            content_type="application/sparql-query"),
    ]
    for status, _, body in attempts:
        assert status == 403, body
        assert b"read-only" in body
    assert isomorphic(before, _everything(url))
    assert graph_file.read_bytes() == text_before


def test_update_keywords_inside_a_query_are_fine(url):
    query = BG + 'SELECT ?d WHERE { ?d bg:sourceFile ?f FILTER(?f != "DELETE WHERE") }'
    assert sparql(url, query)[0] == 200


# ---------------------------------------------------------------------------------- limits


def test_result_size_limit(start):
    url = start(max_rows=3)
    query = "SELECT * WHERE { ?s ?p ?o }"
    status, _, body = sparql(url, query)
    assert status == 413
    assert b"more than 3 rows" in body and b"LIMIT" in body
    status, _, body = sparql(url, query + " LIMIT 3")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 3
    assert sparql(url, "CONSTRUCT WHERE { ?s ?p ?o }")[0] == 413


def test_time_limit_cancels_the_query_and_the_server_stays_responsive(start, tmp_path, engine,
                                                                     servers):
    big = graph_at(tmp_path / "big.ttl",
                   "".join(f"<http://example.org/s{i}> <http://example.org/p> {i} .\n"
                           for i in range(300)), engine)
    url = start(big, timeout=0.5)
    slow = ("SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z "
            "FILTER(?x + ?y + ?z < 0) }")
    began = time.monotonic()
    status, _, body = sparql(url, slow)
    assert status == 503
    assert b"time limit of 0.5 s" in body
    assert time.monotonic() - began < 5
    quick = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert quick[0] == 200
    assert json.loads(quick[2])["results"]["bindings"][0]["n"]["value"] == "300"
    deadline = time.monotonic() + 10  # the cancelled worker really stops
    pool = servers[url].pool
    while any(t.name == "sparql-query" for t in threading.enumerate()) or (
            pool is not None and pool.alive() > 1):
        assert time.monotonic() < deadline, "the cancelled query is still running"
        time.sleep(0.05)


def test_concurrent_clients(url):
    failures: list[object] = []

    def client(n: int) -> None:
        try:
            for i in range(5):
                fmt = ["json", "csv", "xml", "tsv"][(n + i) % 4]
                status, _, body = sparql(url, ACTIVITIES, format=fmt)
                assert status == 200, body
                assert b"act2" in body
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []


def test_serve_announces_and_stops_on_ctrl_c(graph_file, monkeypatch):
    from beleidsgraaf.serve import SparqlServer

    def interrupted(self, poll_interval=0.5):
        raise KeyboardInterrupt

    monkeypatch.setattr(SparqlServer, "serve_forever", interrupted)
    said: list[str] = []
    serve(graph_file, "127.0.0.1", 0, announce=said.append)
    assert said[0].startswith("SPARQL endpoint at http://127.0.0.1:")
    assert "/sparql" in said[0]
    assert said[-1] == "stopped"


# ---------------------------------------------------------------------- a real client


@pytest.fixture
def wrapper(url):
    sw = pytest.importorskip("SPARQLWrapper")

    def make(query: str, fmt: str, method: str = "GET"):
        client = sw.SPARQLWrapper(url + "/sparql")
        client.setQuery(query)
        client.setReturnFormat(fmt)
        client.setMethod(method)
        return client

    return make


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_and_xml(wrapper, method):
    result = wrapper(ACTIVITIES, "json", method).query().convert()
    assert [b["act"]["value"] for b in result["results"]["bindings"]] == [
        "http://example.org/act1", "http://example.org/act2"]
    document = wrapper(ACTIVITIES, "xml", method).query().convert()
    assert len(document.getElementsByTagName("result")) == 2


def test_sparqlwrapper_csv_tsv(wrapper):
    text = wrapper(ACTIVITIES, "csv").query().convert().decode()
    assert text.startswith("act,label\r\n")
    text = wrapper(ACTIVITIES, "tsv").query().convert().decode()
    assert text.startswith("?act\t?label\n")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # SPARQLWrapper's ConjunctiveGraph
def test_sparqlwrapper_construct_and_ask(wrapper):
    graph = wrapper(BG + "CONSTRUCT WHERE { ?d bg:year ?y }", "turtle").query().convert()
    assert len(Graph().parse(data=graph, format="turtle")) == 2
    graph = wrapper(BG + "CONSTRUCT WHERE { ?d bg:year ?y }", "xml").query().convert()
    assert len(graph) == 2
    assert wrapper(BG + "ASK { ?d bg:year 2026 }", "json").query().convert()["boolean"] is True


def test_sparqlwrapper_errors(wrapper):
    sw = pytest.importorskip("SPARQLWrapper")
    with pytest.raises(sw.SPARQLExceptions.QueryBadFormed):
        wrapper("SELECT * WHERE { ?s ?p }", "json").query()
    update = wrapper(BG + "INSERT DATA { <http://example.org/x> a bg:Law }", "json", "POST")
    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper passes 403 on
        update.query()
    assert refused.value.code == 403
