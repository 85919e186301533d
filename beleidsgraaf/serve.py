"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (``beleidsgraaf serve``).

Standard library ``http.server`` only. The graph is loaded once; every request is answered
from that graph and nothing ever writes to it.

Two engines, the same answers: when the graph file is a ``.ttl`` with an up-to-date Oxigraph
store beside it (written by the build, see ``beleidsgraaf.store``), queries run on that store,
opened read-only in a small pool of worker processes; otherwise the file is read with rdflib
and queries run in worker threads. Results are serialised by this module in both cases.

* ``/sparql``: GET ``?query=``; POST ``application/x-www-form-urlencoded`` (``query=``) or
  ``application/sparql-query`` (the body is the query). Result format by the ``format`` (or
  ``output``) parameter, else by the ``Accept`` header: SELECT/ASK as SPARQL results JSON
  (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, RDF/XML or
  JSON-LD. No acceptable format: 406.
* ``/``: a small HTML page with a query form (no external resources).
* Read-only: an ``update`` parameter, an ``application/sparql-update`` body or a query text
  that is a SPARQL Update gets 403. Federated queries (``SERVICE``) get 403 too, and dataset
  clauses (``FROM``, ``FROM NAMED``, ``default-graph-uri``, ``named-graph-uri``) 400: rdflib
  would fetch those IRIs from the network or the file system.
* Malformed query: 400 with the parser's message (line and column).
* Time limit (``timeout`` seconds, per request): parsing, evaluation and serialisation run in
  a worker thread (rdflib) or a worker process (Oxigraph); when it is not done in time the
  client gets 503 and the worker is cancelled: a thread by raising an exception inside it
  (CPython's ``PyThreadState_SetAsyncExc``; this interrupts rdflib's pure-Python evaluation),
  a process by ending it (this stops Oxigraph's native evaluation; a fresh process takes its
  place). At most ``max_workers`` queries run at once; while all slots are taken by queries
  that are still being cancelled, new queries wait up to the time limit for a slot and then
  get 503, but the server itself keeps answering.
* Size limit: a result of more than ``max_rows`` rows (SELECT) or triples (CONSTRUCT/DESCRIBE)
  is refused with 413 and a message to page through it with LIMIT/OFFSET; it is never
  silently truncated. Rows are read lazily, so at most ``max_rows + 1`` are materialised
  (ORDER BY and DISTINCT still sort or hash the full solution sequence inside rdflib, which is
  what the time limit is for).
* POST bodies over ``max_body`` bytes (1 MiB): 413.
* One concise line per request on stderr.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import html
import io
import ipaddress
import json
import queue
import re
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from beleidsgraaf import store as oxigraph_store
from beleidsgraaf.errors import GraphNotFound
from beleidsgraaf.query import load_graph
from beleidsgraaf.rdf.namespaces import PREFIXES

MAX_BODY = 1024 * 1024
MAX_WORKERS = 4

# (media type sent back, key) in order of preference; the first is the default.
RESULT_TYPES = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv; charset=utf-8", "csv"),
    ("text/tab-separated-values; charset=utf-8", "tsv"),
]
GRAPH_TYPES = [
    ("text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples; charset=utf-8", "nt"),
    ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"),
]
# Accept-header media types and format-parameter values -> key.
RESULT_ALIASES = {
    "json": "json", "srj": "json", "application/sparql-results+json": "json",
    "application/json": "json",
    "xml": "xml", "srx": "xml", "application/sparql-results+xml": "xml",
    "application/xml": "xml", "text/xml": "xml",
    "csv": "csv", "text/csv": "csv",
    "tsv": "tsv", "text/tab-separated-values": "tsv",
}
GRAPH_ALIASES = {
    "turtle": "turtle", "ttl": "turtle", "n3": "turtle", "text/turtle": "turtle",
    "application/turtle": "turtle", "application/x-turtle": "turtle", "text/n3": "turtle",
    "text/rdf+n3": "turtle", "application/n3": "turtle",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt", "application/n-triples": "nt",
    "xml": "xml", "rdf": "xml", "rdf+xml": "xml", "rdfxml": "xml",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "json": "json-ld", "json-ld": "json-ld", "jsonld": "json-ld",
    "application/ld+json": "json-ld", "application/json": "json-ld",
}

UPDATE_START = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>\s]*>|BASE\s+<[^>\s]*>)\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE)
COMMENT = re.compile(r"(^|\s)#[^\n]*")
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class QueryTimeout(BaseException):  # noqa: N818 - BaseException: rdflib's `except Exception` must not swallow it
    """Raised inside a worker thread whose query ran out of time."""


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _plain(status: int, message: str, **headers: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode(), headers)


class Refused(Exception):  # noqa: N818
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.reply = _plain(status, message)


# --------------------------------------------------------------------------------------------
# server


def make_server(graph_path: Path, host: str = "127.0.0.1", port: int = 8000,
                timeout: float = 30.0, max_rows: int = 10000, *, max_body: int = MAX_BODY,
                max_workers: int = MAX_WORKERS, engine: str = "auto",
                log: Callable[[str], object] | None = None) -> SparqlServer:
    """A bound, not yet serving endpoint; ``port=0`` picks a free port (see ``server_port``).

    ``engine``: ``auto`` uses the Oxigraph store beside a ``.ttl`` file when it is up to date
    and rdflib otherwise; ``rdflib`` always reads the file; ``oxigraph`` requires the store.
    Raises ``GraphNotFound`` when the graph file (or, for ``oxigraph``, the store) does not
    exist or is out of date.
    """
    graph_path = Path(graph_path)
    if engine not in ("auto", "rdflib", "oxigraph"):
        raise ValueError("engine must be auto, rdflib or oxigraph")
    if not graph_path.is_file():
        raise GraphNotFound(f"graph file {graph_path} does not exist")
    pool = None
    graph = None
    if engine != "rdflib" and graph_path.suffix == ".ttl" \
            and oxigraph_store.open_store(graph_path) is not None:
        database = str((oxigraph_store.store_path(graph_path) / oxigraph_store.DB).resolve())
        pool = WorkerPool(database, max_workers)
    elif engine == "oxigraph":
        raise GraphNotFound(f"no up-to-date Oxigraph store beside {graph_path}; build again")
    else:
        graph = load_graph(graph_path)
    try:
        return SparqlServer((host, port), graph, graph_path, timeout=timeout,
                            max_rows=max_rows, max_body=max_body, max_workers=max_workers,
                            log=log, pool=pool)
    except BaseException:
        if pool is not None:
            pool.close()
        raise


def serve(graph_path: Path, host: str = "127.0.0.1", port: int = 8000, announce=print, *,
          timeout: float = 30.0, max_rows: int = 10000) -> None:
    """Serve until Ctrl-C."""
    server = make_server(graph_path, host, port, timeout=timeout, max_rows=max_rows)
    shown = f"[{host}]" if ":" in host else host
    engine = "Oxigraph store" if server.pool is not None else "rdflib"
    announce(f"SPARQL endpoint at http://{shown}:{server.server_port}/sparql "
             f"({server.triples} triples from {graph_path}, {engine}; read-only; "
             f"time limit {timeout:g} s, at most {max_rows} rows). Ctrl-C stops.")
    if not _is_loopback(host):
        announce(f"warning: listening on {host}, reachable from other machines")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        announce("stopped")
    finally:
        server.server_close()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], graph: Graph | None, graph_path: Path, *,
                 timeout: float, max_rows: int, max_body: int, max_workers: int,
                 log: Callable[[str], object] | None, pool: WorkerPool | None = None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.graph = graph
        self.pool = pool
        self.graph_path = graph_path
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.max_body = max_body
        self.slots = threading.BoundedSemaphore(max_workers)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        super().__init__(address, Handler)

    @property
    def triples(self) -> int:
        if self.pool is not None:
            return self.pool.triples
        return len(self.graph) if self.graph is not None else 0

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()

    def run(self, text: str, formats: list[str] | None, accept: str) -> Reply:
        """Answer one query within the time limit (called from a request thread)."""
        if self.pool is not None:
            return self.run_in_process(text, formats, accept)
        started = time.monotonic()
        if not self.slots.acquire(timeout=self.query_timeout):
            return _plain(503, "the server is busy with other queries; try again later",
                          **{"Retry-After": "5"})
        job = _Job(self, text, formats, accept)
        thread = threading.Thread(target=job.work, name="sparql-query", daemon=True)
        try:
            thread.start()
        except BaseException:
            self.slots.release()
            raise
        thread.join(max(0.0, self.query_timeout - (time.monotonic() - started)))
        if not job.cancel(thread):
            return job.reply or _plain(500, "internal error: the query worker gave no answer")
        return _plain(503, f"the query did not finish within the time limit of "
                      f"{self.query_timeout:g} s and was cancelled; make it more selective "
                      "or add LIMIT")


    def run_in_process(self, text: str, formats: list[str] | None, accept: str) -> Reply:
        """Answer one query on the Oxigraph store in a worker process, within the time limit."""
        started = time.monotonic()
        try:
            kind = check_read_only(text)
            graph_result = kind in ("CONSTRUCT", "DESCRIBE")
            media, key = choose_format(formats, accept,
                                       GRAPH_TYPES if graph_result else RESULT_TYPES,
                                       GRAPH_ALIASES if graph_result else RESULT_ALIASES)
        except Refused as exc:
            return exc.reply
        assert self.pool is not None
        worker = self.pool.acquire(self.query_timeout)
        if worker is None:
            return _plain(503, "the server is busy with other queries; try again later",
                          **{"Retry-After": "5"})
        remaining = max(0.0, self.query_timeout - (time.monotonic() - started))
        try:
            outcome = worker.ask(text, self.max_rows, remaining)
        except WorkerFailed as exc:
            self.pool.discard(worker)
            return _plain(500, f"internal error: {exc}")
        if outcome is None:
            self.pool.discard(worker)
            return _plain(503, f"the query did not finish within the time limit of "
                          f"{self.query_timeout:g} s and was cancelled; make it more selective "
                          "or add LIMIT")
        self.pool.release(worker)
        try:
            return _reply_from(outcome, media, key, self.max_rows)
        except Refused as exc:
            return exc.reply


class WorkerFailed(Exception):  # noqa: N818
    """A query worker process died, did not start or could not open the store."""


class _Worker:
    """One process with the store open read-only (``python -m beleidsgraaf.store``), talking
    JSON lines over its standard input and output."""

    def __init__(self, database: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "beleidsgraaf.store", database,
             json.dumps(oxigraph_store.prefixes())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8", bufsize=1)
        self.ready = False
        self.triples = 0

    def _receive(self, timeout: float) -> list | None:
        stdout = self.process.stdout
        assert stdout is not None
        readable, _, _ = select.select([stdout], [], [], timeout)
        if not readable:
            return None
        line = stdout.readline()
        if not line:
            raise WorkerFailed("the query worker stopped unexpectedly")
        return json.loads(line)

    def wait_ready(self, timeout: float = 60.0) -> None:
        if self.ready:
            return
        message = self._receive(timeout)
        if message is None:
            raise WorkerFailed("the query worker did not start in time")
        if message[0] != "ready":
            raise WorkerFailed(f"the query worker cannot open the store: {message[1]}")
        self.ready = True
        self.triples = int(message[1])

    def ask(self, text: str, max_rows: int, timeout: float) -> list | None:
        """The worker's answer, or None when it is not there within ``timeout`` seconds."""
        self.wait_ready()
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(json.dumps({"query": text, "max_rows": max_rows}) + "\n")
            stdin.flush()
            return self._receive(timeout)
        except (OSError, ValueError) as exc:
            raise WorkerFailed("the query worker stopped unexpectedly") from exc

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


class WorkerPool:
    """At most ``size`` worker processes, started when first needed; a worker whose query
    ran out of time is ended, and a fresh one takes its place when needed."""

    def __init__(self, database: str, size: int):
        self.database = database
        self.idle: queue.Queue[_Worker | None] = queue.Queue()
        self.lock = threading.Lock()
        self.closed = False
        self.workers: set[_Worker] = set()
        first = self._start()
        try:
            first.wait_ready()  # fail early when the store cannot be opened
        except WorkerFailed:
            self.close()
            raise
        self.triples = first.triples
        self.idle.put(first)
        for _ in range(size - 1):
            self.idle.put(None)

    def _start(self) -> _Worker:
        worker = _Worker(self.database)
        with self.lock:
            self.workers.add(worker)
            closed = self.closed
        if closed:
            worker.stop()
        return worker

    def acquire(self, timeout: float) -> _Worker | None:
        """An idle worker (started if need be), or None if none is free within ``timeout``."""
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return None
        if worker is None:
            try:
                worker = self._start()
            except OSError:
                self.idle.put(None)
                raise
        return worker

    def release(self, worker: _Worker) -> None:
        self.idle.put(worker)

    def discard(self, worker: _Worker) -> None:
        """End ``worker`` (its query is abandoned); its slot is free again."""
        worker.stop()
        with self.lock:
            self.workers.discard(worker)
        self.idle.put(None)

    def alive(self) -> int:
        with self.lock:
            return sum(1 for worker in self.workers if worker.process.poll() is None)

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.stop()


def check_read_only(text: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE; "" if none is found) of a query
    for the Oxigraph engine, or ``Refused`` for updates, SERVICE and dataset clauses."""
    if is_update(text):
        raise Refused(403, "this endpoint is read-only: SPARQL Update "
                      "(INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) is not allowed")
    words = oxigraph_store.keywords(text)
    if "SERVICE" in words:
        raise Refused(403, "federated queries (SERVICE) are not allowed on this endpoint")
    if "FROM" in words:
        raise Refused(400, "FROM / FROM NAMED are not supported: this endpoint serves one "
                      "fixed graph")
    for kind, value, _ in oxigraph_store.tokens(text):
        if kind == "word" and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return value.upper()
    return ""


def _reply_from(outcome: tuple, media: str, key: str, max_rows: int) -> Reply:
    """The HTTP reply for a worker's answer (see ``beleidsgraaf.store.answer_encoded``)."""
    decode = oxigraph_store.decode
    match outcome[0]:
        case "error":
            return _plain(outcome[1], outcome[2])
        case "too-many":
            if outcome[1] == "rows":
                raise Refused(413, f"the result has more than {max_rows} rows, the limit of "
                              "this endpoint; add LIMIT (and OFFSET to page through it)")
            raise Refused(413, f"the result has more than {max_rows} triples, the limit of "
                          "this endpoint; add LIMIT or make the pattern more selective")
        case "ask":
            if key not in SERIALISERS:  # a graph format was negotiated for a non-graph form
                media, key = RESULT_TYPES[0]
            return Reply(200, media, _ask_body(outcome[1], key), {"Vary": "Accept"})
        case "graph":
            graph = Graph()
            for s, p, o in outcome[1]:
                graph.add((decode(s), decode(p), decode(o)))
            if key not in {k for _, k in GRAPH_TYPES}:
                media, key = GRAPH_TYPES[0]
            return Reply(200, media, _graph_body(graph, key, max_rows), {"Vary": "Accept"})
        case _:
            names, rows = outcome[1], outcome[2]
            if key not in SERIALISERS:
                media, key = RESULT_TYPES[0]
            body = SERIALISERS[key](names, [[decode(t) for t in row] for row in rows])
            return Reply(200, media, body, {"Vary": "Accept"})


class _Job:
    def __init__(self, server: SparqlServer, text: str, formats: list[str] | None,
                 accept: str):
        self.server = server
        self.text = text
        self.formats = formats
        self.accept = accept
        self.reply: Reply | None = None
        self.lock = threading.Lock()
        self.finished = False

    def work(self) -> None:
        reply: Reply | None = None
        try:
            try:
                reply = answer(self.server.graph, self.text, self.formats, self.accept,
                               self.server.max_rows)
            except QueryTimeout:
                raise
            except BaseException as exc:  # never let a worker die with a traceback
                reply = _plain(500, f"internal error: {type(exc).__name__}: {exc}")
            finally:
                with self.lock:
                    self.finished = True
                    self.reply = reply
        except QueryTimeout:
            pass  # cancelled: the request thread has already answered 503
        finally:
            self.server.slots.release()

    def cancel(self, thread: threading.Thread) -> bool:
        """Stop the worker if it is still running; False if it had already finished."""
        with self.lock:
            if self.finished:
                return False
            with contextlib.suppress(AttributeError):  # not CPython: the thread runs out
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                                           ctypes.py_object(QueryTimeout))
            return True


# --------------------------------------------------------------------------------------------
# answering a query (runs in the worker thread)


def answer(graph: Graph, text: str, formats: list[str] | None, accept: str,
           max_rows: int) -> Reply:
    try:
        prepared = prepare(text)
        kind = prepared.algebra.name
        graph_result = kind in ("ConstructQuery", "DescribeQuery")
        media, key = choose_format(formats, accept, GRAPH_TYPES if graph_result else RESULT_TYPES,
                                   GRAPH_ALIASES if graph_result else RESULT_ALIASES)
        result = graph.query(prepared)
        if graph_result:
            body = _graph_body(result.graph, key, max_rows)
        elif kind == "AskQuery":
            body = _ask_body(bool(result.askAnswer), key)
        else:
            names = [str(v) for v in result.vars or []]
            rows = list(islice(result, max_rows + 1))
            if len(rows) > max_rows:
                raise Refused(413, f"the result has more than {max_rows} rows, the limit of "
                              "this endpoint; add LIMIT (and OFFSET to page through it)")
            body = SERIALISERS[key](names, rows)
    except Refused as exc:
        return exc.reply
    return Reply(200, media, body, {"Vary": "Accept"})


def prepare(text: str) -> Query:
    """Parse ``text`` as a read-only query or raise ``Refused`` with the status to answer."""
    try:
        prepared = prepareQuery(text, initNs=dict(PREFIXES))
    except ParseBaseException as exc:
        if is_update(text):
            raise Refused(403, "this endpoint is read-only: SPARQL Update "
                          "(INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) is not allowed"
                          ) from None
        raise Refused(400, f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                      f"{exc.msg}") from None
    except Exception as exc:  # rdflib raises plain Exceptions, e.g. for unknown prefixes
        raise Refused(400, f"malformed query: {exc}") from None
    if prepared.algebra.get("datasetClause"):
        raise Refused(400, "FROM / FROM NAMED are not supported: this endpoint serves one "
                      "fixed graph")
    if _contains(prepared.algebra, "ServiceGraphPattern"):
        raise Refused(403, "federated queries (SERVICE) are not allowed on this endpoint")
    return prepared


def is_update(text: str) -> bool:
    try:
        parseUpdate(text)
        return True
    except Exception:
        return bool(UPDATE_START.match(COMMENT.sub(r"\1", text)))


def _contains(node: object, name: str) -> bool:
    if isinstance(node, CompValue):
        return node.name == name or any(_contains(v, name) for v in node.values())
    if isinstance(node, list | tuple | set):
        return any(_contains(v, name) for v in node)
    return False


def choose_format(formats: list[str] | None, accept: str,
                  offers: list[tuple[str, str]], aliases: dict[str, str]) -> tuple[str, str]:
    """``(media type, key)`` from the format parameter, else the Accept header."""
    by_key = {key: media for media, key in offers}
    if formats:
        value = formats[0].strip().lower()
        key = aliases.get(value) or aliases.get(value.split(";")[0].strip())
        if key is None:
            raise Refused(406, f"unsupported format '{formats[0]}'; use one of "
                          + ", ".join(sorted(by_key)))
        return by_key[key], key
    key = negotiate(accept, offers, aliases)
    if key is None:
        raise Refused(406, "none of the accepted media types can be produced; this query "
                      "answers in " + ", ".join(m.split(";")[0] for m, _ in offers))
    return by_key[key], key


def negotiate(accept: str, offers: list[tuple[str, str]], aliases: dict[str, str]) -> str | None:
    """The offer the client prefers most (ties: the server's order); None if none is wanted."""
    if not accept.strip():
        return offers[0][1]
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    best, best_q = None, 0.0
    for _, key in offers:
        names = [m for m, k in aliases.items() if k == key and "/" in m]
        q, specificity = 0.0, 0
        for media, weight in ranges:
            if media in names:
                level = 3
            elif media.endswith("/*") and any(n.startswith(media[:-1]) for n in names):
                level = 2
            elif media == "*/*":
                level = 1
            else:
                continue
            if level > specificity or (level == specificity and weight > q):
                q, specificity = weight, level
        if q > best_q:
            best, best_q = key, q
    return best


# --------------------------------------------------------------------------------------------
# serialisers


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out


def _json(names: list[str], rows: list) -> bytes:
    bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=False) if t is not None}
                for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


def _xml_text(value: str) -> str:
    return xml_escape(XML_INVALID.sub("\ufffd", value))


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{_xml_text(term)}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(term)}</bnode>"
    attr = ""
    if isinstance(term, Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype:
            attr = f" datatype={quoteattr(_xml_text(term.datatype))}"
    return f"<literal{attr}>{_xml_text(str(term))}</literal>"


XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n' \
    '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def _xml(names: list[str], rows: list) -> bytes:
    out = [XML_HEAD, " <head>\n"]
    out += [f"  <variable name={quoteattr(n)}/>\n" for n in names]
    out.append(" </head>\n <results>\n")
    for row in rows:
        out.append("  <result>")
        out += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                for n, t in zip(names, row, strict=False) if t is not None]
        out.append("</result>\n")
    out.append(" </results>\n</sparql>\n")
    return "".join(out).encode()


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _csv(names: list[str], rows: list) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([_csv_value(t) for t in row] for row in rows)
    return buffer.getvalue().encode()


TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    out = f'"{str(term).translate(TSV_ESCAPES)}"'
    if isinstance(term, Literal):
        if term.language:
            out += f"@{term.language}"
        elif term.datatype:
            out += f"^^<{term.datatype}>"
    return out


def _tsv(names: list[str], rows: list) -> bytes:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


SERIALISERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


def _ask_body(value: bool, key: str) -> bytes:
    word = "true" if value else "false"
    if key == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if key == "xml":
        return f"{XML_HEAD} <head/>\n <boolean>{word}</boolean>\n</sparql>\n".encode()
    if key == "csv":
        return f"_askResult\r\n{word}\r\n".encode()
    return f"?_askResult\n{word}\n".encode()


def _graph_body(graph: Graph, key: str, max_rows: int) -> bytes:
    if len(graph) > max_rows:
        raise Refused(413, f"the result has more than {max_rows} triples, the limit of this "
                      "endpoint; add LIMIT or make the pattern more selective")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.serialize(format=key, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# HTTP


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>beleidsgraaf SPARQL</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
textarea{{width:100%;font-family:monospace}}</style></head>
<body><h1>beleidsgraaf SPARQL endpoint</h1>
<p>Graph: <code>{graph}</code> ({triples} triples). Read-only.
Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, GET and POST).</p>
<form method="post" action="/sparql">
<textarea name="query" rows="14">{example}</textarea>
<p><label>Format <select name="format">
<option value="json">JSON</option><option value="xml">XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="turtle">Turtle (CONSTRUCT/DESCRIBE)</option></select></label>
<button type="submit">Run</button></p></form>
<p>Prefixes {prefixes} are predeclared.</p></body></html>
"""
EXAMPLE = """SELECT ?document ?file WHERE {
  ?document a bg:PolicyDocument ;
            bg:sourceFile ?file .
}
ORDER BY ?file
LIMIT 100"""


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "beleidsgraaf"
    timeout = 60  # seconds a client may take to send its request

    def do_GET(self) -> None:  # noqa: N802
        self._handle(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(head=True)

    def do_POST(self) -> None:  # noqa: N802
        self._handle(head=False)

    def _not_allowed(self) -> None:
        self._send(_plain(405, "this endpoint is read-only; use GET or POST with a query",
                          Allow="GET, HEAD, POST"))

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    def _handle(self, head: bool) -> None:
        self._started = time.monotonic()
        try:
            reply = self._route()
        except Refused as exc:
            reply = exc.reply
        self._send(reply, head=head)

    def _route(self) -> Reply:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            if self.command == "POST":
                raise Refused(405, "POST queries to /sparql")
            return self._page()
        if url.path != "/sparql":
            raise Refused(404, f"not found: {url.path}; the endpoint is /sparql")
        params = _params(url.query)
        if self.command == "POST":
            params = self._post_params(params)
        if "update" in params:
            raise Refused(403, "this endpoint is read-only: SPARQL Update is not allowed")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise Refused(400, "default-graph-uri / named-graph-uri are not supported: this "
                          "endpoint serves one fixed graph")
        queries = params.get("query", [])
        if not queries:
            if self.command != "POST" and "text/html" in self.headers.get("Accept", ""):
                return self._page()
            raise Refused(400, "missing 'query' parameter (see / for a query form)")
        if len(queries) > 1:
            raise Refused(400, "give exactly one 'query' parameter")
        formats = params.get("format") or params.get("output")
        return self.server.run(queries[0], formats, self.headers.get("Accept", ""))

    def _post_params(self, params: dict[str, list[str]]) -> dict[str, list[str]]:
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length = self.headers.get("Content-Length")
        if length is None:
            raise Refused(411, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise Refused(400, "bad Content-Length") from None
        if size < 0:
            raise Refused(400, "bad Content-Length")
        if size > self.server.max_body:
            self.close_connection = True
            raise Refused(413, f"request body larger than {self.server.max_body} bytes")
        body = self.rfile.read(size)
        if media == "application/sparql-update":
            raise Refused(403, "this endpoint is read-only: SPARQL Update is not allowed")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request body is not UTF-8") from None
        if media == "application/x-www-form-urlencoded":
            form = _params(text)
            return {name: params.get(name, []) + form.get(name, [])
                    for name in params.keys() | form.keys()}
        if media == "application/sparql-query":
            return {**params, "query": params.get("query", []) + [text]}
        raise Refused(415, "POST a form (application/x-www-form-urlencoded) or a query "
                      "(application/sparql-query)")

    def _page(self) -> Reply:
        page = PAGE.format(graph=html.escape(str(self.server.graph_path)),
                           triples=self.server.triples, example=html.escape(EXAMPLE),
                           prefixes=html.escape(", ".join(f"{p}:" for p in sorted(PREFIXES))))
        return Reply(200, "text/html; charset=utf-8", page.encode(), {
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                       "form-action 'self'"})

    def _send(self, reply: Reply, head: bool = False) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        elapsed = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        self.server.log(f"{self.client_address[0]} {self.command} {urlsplit(self.path).path} "
                        f"{reply.status} {len(reply.body)} B {elapsed:.0f} ms")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # _send logs one line per request

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.server.log(f"{self.client_address[0]} {format % args}")


def _params(query: str) -> dict[str, list[str]]:
    try:
        return parse_qs(query, keep_blank_values=True, strict_parsing=False,
                        encoding="utf-8", errors="strict", max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, f"cannot read the parameters: {exc}") from None
