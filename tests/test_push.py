"""``beleidsgraaf push``: the SPARQL 1.1 Graph Store HTTP Protocol against a small stand-in
server, and against real triple stores started on loopback: Virtuoso (Debian package
``virtuoso-opensource``, installed by .ci/run) and Oxigraph server (PyPI ``oxigraph``)."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from beleidsgraaf.cli import main
from beleidsgraaf.push import graph_url, named_graphs, push
from beleidsgraaf.query import QUERIES, run_query, standalone

pytest.importorskip("pyoxigraph")

# Library queries with parameters run locally and on each store: same rows.
REMOTE_QUERIES = [
    ("organisation-activities", {"organisation": "Werkzaak Rivierenland",
                                 "municipality": "Neder-Betuwe", "year": "2026"}),
    ("laws-per-municipality", {}),
    ("activity-changes", {"municipality": "Neder-Betuwe"}),
    # parameters used inside subqueries
    ("law-municipality-matrix", {"year": "2026"}),
    ("laws-changed-since-document", {"municipality": "Neder-Betuwe"}),
]


@pytest.fixture(scope="module")
def trig(corpus_graph) -> Path:
    return corpus_graph / "beleidsgraaf.trig"


@pytest.fixture(scope="module")
def ttl(corpus_graph) -> Path:
    return corpus_graph / "beleidsgraaf.ttl"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped (exit {process.returncode}):\n"
                        + log.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.fail(f"the server did not answer within {seconds:.0f} s:\n"
                + log.read_text(errors="replace")[-3000:])


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def local_rows(ttl: Path, name: str, params: dict[str, str]) -> tuple[list[str], list[list]]:
    result = run_query((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), ttl, params)
    names = [str(v) for v in result.vars]
    return names, [[None if t is None else str(t) for t in row] for row in result]


def remote_rows(endpoint: str, name: str, params: dict[str, str], names: list[str]) -> list:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setQuery(standalone((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), params))
    client.setReturnFormat(sparqlwrapper.JSON)
    client.setMethod(sparqlwrapper.POST)
    bindings = client.query().convert()["results"]["bindings"]
    return [[b[n]["value"] if n in b else None for n in names] for b in bindings]


def same_answers(ttl: Path, endpoint: str) -> None:
    for name, params in REMOTE_QUERIES:
        names, want = local_rows(ttl, name, params)
        assert want, name
        assert remote_rows(endpoint, name, params, names) == want, name


# ------------------------------------------------------------------- a stand-in Graph Store


class FakeStore(ThreadingHTTPServer):
    """Records PUTs; needs basic auth when ``user`` is set; answers ``status`` if given."""

    daemon_threads = True

    def __init__(self, user: str | None = None, password: str | None = None,
                 status: int | None = None):
        super().__init__(("127.0.0.1", 0), FakeHandler)
        self.user, self.password, self.status = user, password, status
        self.graphs: dict[str, bytes] = {}
        self.requests: list[tuple[str, str, str]] = []


class FakeHandler(BaseHTTPRequestHandler):
    server: FakeStore

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_PUT(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        url = urllib.parse.urlsplit(self.path)
        self.server.requests.append((url.path, self.headers.get("Content-Type", ""),
                                     self.headers.get("Authorization", "")))
        if self.server.user is not None:
            expected = base64.b64encode(
                f"{self.server.user}:{self.server.password}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="store"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        status = self.server.status or (204 if url.path == "/store" else 404)
        if status < 300:
            graph = urllib.parse.parse_qs(url.query)["graph"][0]
            self.server.graphs[graph] = body
        self.send_response(status)
        message = b"nope" if status >= 300 else b""
        self.send_header("Content-Length", str(len(message)))
        self.end_headers()
        self.wfile.write(message)


@pytest.fixture
def fake():
    servers = []

    def start(**options) -> tuple[FakeStore, str]:
        server = FakeStore(**options)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_one_put_per_named_graph(fake, trig, capsys):
    store, base = fake()
    assert main(["push", "--endpoint", base + "/store", "--graph", str(trig)]) == 0
    graphs = {name: count for name, count, _ in named_graphs(trig)}
    assert set(store.graphs) == set(graphs)
    assert "https://w3id.org/beleidsgraaf/id/graph/referentie" in graphs
    assert sum(1 for g in graphs if "/id/doc/" in g) == 5  # one per sample document
    assert all(content_type.startswith("text/turtle") for _, content_type, _ in store.requests)
    out = capsys.readouterr().out
    assert f"pushed {len(graphs)} of {len(graphs)} graphs" in out
    from rdflib import Graph

    for name, body in store.graphs.items():
        assert len(Graph().parse(data=body.decode(), format="turtle")) == graphs[name]


def test_all_in_one_graph(fake, trig, ttl):
    store, base = fake()
    results = push(base + "/store", trig, graph_uri="http://example.org/beleidsgraaf")
    assert [r.graph for r in results] == ["http://example.org/beleidsgraaf"]
    from rdflib import Graph

    from beleidsgraaf.query import load_graph

    one = Graph().parse(data=store.graphs["http://example.org/beleidsgraaf"].decode(),
                        format="turtle")
    assert len(one) == len(load_graph(ttl)) == results[0].triples


def test_basic_auth_from_the_environment(fake, trig, monkeypatch):
    store, base = fake(user="onderzoeker", password="geheim wachtwoord")
    monkeypatch.setenv("BELEIDSGRAAF_USER", "onderzoeker")
    monkeypatch.setenv("BELEIDSGRAAF_PASSWORD", "geheim wachtwoord")
    assert main(["push", "--endpoint", base + "/store", "--graph", str(trig)]) == 0
    assert store.graphs


def test_wrong_credentials_stop_with_a_clear_message(fake, trig, monkeypatch, capsys):
    store, base = fake(user="onderzoeker", password="geheim")
    monkeypatch.setenv("BELEIDSGRAAF_USER", "onderzoeker")
    monkeypatch.setenv("BELEIDSGRAAF_PASSWORD", "fout")
    assert main(["push", "--endpoint", base + "/store", "--graph", str(trig)]) == 1
    err = capsys.readouterr().err
    assert "authentication failed" in err and "BELEIDSGRAAF_PASSWORD" in err
    assert not store.graphs
    monkeypatch.delenv("BELEIDSGRAAF_USER")
    monkeypatch.delenv("BELEIDSGRAAF_PASSWORD")
    assert main(["push", "--endpoint", base + "/store", "--graph", str(trig)]) == 1
    assert "authentication failed" in capsys.readouterr().err


def test_wrong_path_and_server_errors(fake, trig, capsys):
    _, base = fake()
    assert main(["push", "--endpoint", base + "/sparql", "--graph", str(trig)]) == 1
    assert "HTTP 404" in capsys.readouterr().err
    _, base = fake(status=500)
    assert main(["push", "--endpoint", base + "/store", "--graph", str(trig)]) == 1
    err = capsys.readouterr().err
    assert "HTTP 500: nope" in err
    assert err.count("HTTP 500") == len(list(named_graphs(trig)))  # each graph was tried


def test_unreachable_store_and_usage_errors(trig, tmp_path, capsys):
    port = free_port()
    assert main(["push", "--endpoint", f"http://127.0.0.1:{port}/store",
                 "--graph", str(trig)]) == 1
    assert "cannot reach" in capsys.readouterr().err
    assert main(["push", "--endpoint", "store.example.org", "--graph", str(trig)]) == 2
    assert main(["push", "--endpoint", "http://127.0.0.1:9/store", "--graph",
                 str(tmp_path / "none.trig")]) == 2
    assert main(["push", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(trig),
                 "--graph-uri", "not an iri"]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["push"])
    assert usage.value.code == 2


def test_graph_url():
    assert graph_url("http://h/store", "http://x/g#1") == \
        "http://h/store?graph=http%3A%2F%2Fx%2Fg%231"
    assert graph_url("http://h/data?x=1", "http://x/g").startswith("http://h/data?x=1&graph=")


# ----------------------------------------------------------------------------- Virtuoso

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 60
CaseMode           = 2
DirsAllowed        = ., {dir}
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
MaxQueryMem        = 500M

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso on loopback (user dba, password dba); stopped afterwards."""
    program = shutil.which("virtuoso-t")
    if program is None:
        pytest.skip("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port),
                   encoding="utf-8")
    log = folder / "console.log"
    with log.open("wb") as output:
        process = subprocess.Popen([program, "+foreground", "+configfile", str(ini)],
                                   cwd=folder, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(base + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), 180,
                 process, log)
        yield base
    finally:
        stop(process)


def test_push_to_virtuoso_and_query_it(virtuoso, trig, ttl, monkeypatch, capsys):
    monkeypatch.setenv("BELEIDSGRAAF_USER", "dba")
    monkeypatch.setenv("BELEIDSGRAAF_PASSWORD", "dba")
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    assert main(["push", "--endpoint", endpoint, "--graph", str(trig)]) == 0, \
        capsys.readouterr().err
    graphs = len(list(named_graphs(trig)))
    assert f"pushed {graphs} of {graphs} graphs" in capsys.readouterr().out
    same_answers(ttl, virtuoso + "/sparql")
    # pushing again replaces every graph: the same answers, nothing doubled
    assert main(["push", "--endpoint", endpoint, "--graph", str(trig)]) == 0
    same_answers(ttl, virtuoso + "/sparql")
    count = remote_count(virtuoso + "/sparql")
    assert count == sum(n for _, n, _ in named_graphs(trig))


def remote_count(endpoint: str) -> int:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                    "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/beleidsgraaf/id/')) }")
    client.setReturnFormat(sparqlwrapper.JSON)
    return int(client.query().convert()["results"]["bindings"][0]["n"]["value"])


def test_virtuoso_refuses_a_wrong_password(virtuoso, trig, monkeypatch, capsys):
    monkeypatch.setenv("BELEIDSGRAAF_USER", "dba")
    monkeypatch.setenv("BELEIDSGRAAF_PASSWORD", "not-the-password")
    assert main(["push", "--endpoint", virtuoso + "/sparql-graph-crud-auth",
                 "--graph", str(trig)]) == 1
    assert "authentication failed" in capsys.readouterr().err


# ----------------------------------------------------------------------- Oxigraph server


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """``oxigraph serve`` (PyPI ``oxigraph``) on loopback, queries over all graphs."""
    program = shutil.which("oxigraph")
    if program is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "console.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [program, "serve", "--location", str(folder / "data"), "--bind",
             f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?" + urllib.parse.urlencode({"query": "ASK {}"}), 60,
                 process, log)
        yield base
    finally:
        stop(process)


def test_push_to_oxigraph_server_and_query_it(oxigraph_server, trig, ttl):
    results = push(oxigraph_server + "/store", trig)
    assert results and all(r.ok for r in results)
    same_answers(ttl, oxigraph_server + "/query")
    push(oxigraph_server + "/store", trig)  # replaced, not doubled
    assert remote_count(oxigraph_server + "/query") == sum(r.triples for r in results)
