"""The fast store: the graph in Oxigraph (pyoxigraph), persistent beside the Turtle file.

``beleidsgraaf build`` writes ``graph/beleidsgraaf.oxigraph/`` next to ``graph/beleidsgraaf.ttl``:

* ``db/`` — an Oxigraph (RocksDB) store holding the triples of the Turtle file in its
  default graph;
* ``stamp.json`` — size, modification time and SHA-256 of the Turtle file it was loaded
  from.

``beleidsgraaf query`` and ``beleidsgraaf serve`` open that store read-only when its stamp
matches the Turtle file (same size and modification time, or same size and SHA-256) and read
the Turtle file with rdflib otherwise, so an edited or replaced file is never answered from a
stale store. The store is written into a temporary folder and renamed into place, so a reader
never sees a half-written one.

Queries run here give the same answers as rdflib on the same graph: terms come back as rdflib
terms (``xsd:string`` literals as plain literals; numeric literals in Oxigraph's canonical
form, ``1.0`` as ``1``), wrapped in an ``rdflib.query.Result``. Parameters are bound the way
rdflib's ``initBindings`` binds them: each variable stands for its value everywhere in the
query, so Oxigraph can plan with it (:func:`inline`); where a constant cannot stand (a
projected variable, ``AS ?x``) they are bound by a ``VALUES`` row at the start of the query's
outermost group (:func:`with_values`). Either way the value is first made an RDF term, which
pyoxigraph writes and escapes as one token — a value is never pasted into the query as text.
(pyoxigraph's own ``substitutions`` only bind projected variables and do not reach a FILTER
inside the query, so they are not used.)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beleidsgraaf.errors import BeleidsgraafError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef
    from rdflib.query import Result

# rdflib is imported where it is used, so that a query worker process (see the end of this
# module) starts with pyoxigraph alone.

SUFFIX = ".oxigraph"
STAMP = "stamp.json"
DB = "db"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
STAMP_VERSION = 1


class StoreError(BeleidsgraafError):
    """The persistent store cannot be written or opened."""


def available() -> bool:
    """Whether pyoxigraph can be imported."""
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# the persistent store


def store_path(ttl: Path) -> Path:
    """``graph/beleidsgraaf.ttl`` → ``graph/beleidsgraaf.oxigraph``."""
    return ttl.with_name(ttl.stem + SUFFIX)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stat(path: Path) -> dict[str, int]:
    info = path.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def write_store(ttl: Path) -> Path | None:
    """Load ``ttl`` into a new persistent store beside it; returns the store's folder.

    Built in a temporary folder and renamed into place; a store that was there before is
    replaced. Without pyoxigraph there is no store (an old one is removed) and None is
    returned: queries then read the Turtle file. Raises ``StoreError`` when the file cannot
    be loaded or the store cannot be written.
    """
    return install_store(prepare_store(ttl), ttl)


@dataclass
class PendingStore:
    """A store loaded into a temporary folder, waiting for its Turtle file to be in place."""

    folder: Path
    stamp: dict[str, Any]

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def prepare_store(ttl: Path, final: Path | None = None, *, own: bool = False
                  ) -> PendingStore | None:
    """First half of :func:`write_store`: load ``ttl`` into a temporary store beside
    ``final`` (where ``ttl`` will be renamed to, keeping its size and time). The build runs
    this in a thread while it writes the report: pyoxigraph releases the GIL while loading.
    ``own``: ``ttl`` is the build's own output, whose IRIs need not be checked again (a third
    less work). None without pyoxigraph."""
    ttl = Path(ttl)
    final = Path(final or ttl)
    try:
        import pyoxigraph
    except ImportError:
        return None
    name = store_path(final).name
    temporary = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{name}.", suffix=".tmp"))
    try:
        os.chmod(temporary, 0o777 & ~_umask())
        before = _stat(ttl)
        sha = _sha256(ttl)
        store = pyoxigraph.Store(str(temporary / DB))
        try:
            store.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE, lenient=own)
            store.flush()
            triples = len(store)
        finally:
            del store
        if _stat(ttl) != before:
            raise StoreError(f"{ttl} changed while the store was being written; build again")
    except BaseException as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, OSError | SyntaxError | ValueError):
            raise StoreError(f"cannot write the Oxigraph store for {final}: {exc}") from exc
        raise
    stamp = {"version": STAMP_VERSION, "source": final.name, **before, "sha256": sha,
             "triples": triples}
    return PendingStore(temporary, stamp)


def install_store(pending: PendingStore | None, ttl: Path) -> Path | None:
    """Second half of :func:`write_store`: stamp the prepared store for ``ttl`` (now in its
    place) and rename it beside ``ttl``. Without a prepared store, an old one is removed."""
    ttl = Path(ttl)
    final = store_path(ttl)
    if pending is None:
        shutil.rmtree(final, ignore_errors=True)
        return None
    try:
        if _stat(ttl) != {k: pending.stamp[k] for k in ("size", "mtime_ns")}:
            raise StoreError(f"{ttl} is not the file the store was loaded from; build again")
        (pending.folder / STAMP).write_text(json.dumps(pending.stamp, indent=1) + "\n",
                                            encoding="utf-8")
        _swap(pending.folder, final)
    except BaseException as exc:
        pending.discard()
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write the Oxigraph store for {ttl}: {exc}") from exc
        raise
    return final


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _swap(new: Path, final: Path) -> None:
    """Put the folder ``new`` in the place of ``final`` (two renames; readers that look in
    between find no store and read the Turtle file)."""
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.", suffix=".old"))
        old.rmdir()
        os.replace(final, old)
    os.replace(new, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def stamp_of(ttl: Path) -> dict[str, Any] | None:
    """The stamp of the store beside ``ttl``, or None when there is none."""
    try:
        stamp = json.loads((store_path(Path(ttl)) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def is_fresh(ttl: Path, stamp: Mapping[str, Any] | None = None) -> bool:
    """Whether the store beside ``ttl`` holds exactly what ``ttl`` holds now."""
    ttl = Path(ttl)
    stamp = stamp_of(ttl) if stamp is None else stamp
    if not stamp or stamp.get("version") != STAMP_VERSION or stamp.get("source") != ttl.name:
        return False
    if not (store_path(ttl) / DB).is_dir():
        return False
    try:
        now = _stat(ttl)
    except OSError:
        return False
    if now["size"] != stamp.get("size"):
        return False
    if now["mtime_ns"] == stamp.get("mtime_ns"):
        return True
    try:  # touched or copied: same content is still fine
        return _sha256(ttl) == stamp.get("sha256")
    except OSError:
        return False


_open_lock = threading.Lock()
_opened: dict[tuple[str, str], pyoxigraph.Store] = {}


def open_store(ttl: Path) -> pyoxigraph.Store | None:
    """The persistent store beside ``ttl``, opened read-only, if it is up to date; else None.

    Also None when pyoxigraph is not installed or the store cannot be opened.
    """
    if not available():
        return None
    ttl = Path(ttl)
    stamp = stamp_of(ttl)
    if stamp is None or not is_fresh(ttl, stamp):
        return None
    import pyoxigraph

    database = str((store_path(ttl) / DB).resolve())
    key = (database, str(stamp.get("sha256")))
    with _open_lock:
        if key not in _opened:
            try:
                _opened[key] = pyoxigraph.Store.read_only(database)
            except OSError:
                return None
        return _opened[key]


def memory_store(path: Path | None = None, *, data: str | bytes | None = None,
                 fmt: str = "turtle", own: bool = False) -> pyoxigraph.Store:
    """A fresh in-memory store with the triples of a Turtle (or N-Triples) file or text.

    ``own``: the text is the build's own output, whose IRIs need not be checked again
    (Oxigraph's ``lenient`` parsing: a third faster at national scale).
    """
    import pyoxigraph

    formats = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
               "trig": pyoxigraph.RdfFormat.TRIG}
    store = pyoxigraph.Store()
    if path is not None:  # one transaction: faster than bulk_load, and less memory
        store.load(path=str(path), format=formats[fmt], lenient=own)
    elif data is not None:
        store.load(data, format=formats[fmt], lenient=own)
    return store


# --------------------------------------------------------------------------------------------
# terms


def to_rdflib(term: Any) -> URIRef | BNode | Literal | None:
    """A pyoxigraph term as the rdflib term rdflib would have produced from the same data
    (numeric literals in canonical form: Oxigraph stores ``1.0`` as ``1``)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a result: {term!r}")


def to_oxigraph(term: URIRef | BNode | Literal) -> Any:
    """An rdflib term as a pyoxigraph term (IRIs are checked by pyoxigraph)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        try:
            return pyoxigraph.NamedNode(str(term))
        except ValueError as exc:
            raise QueryError(f"not a valid IRI: <{term}> ({exc})") from None
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(term.datatype))
        return pyoxigraph.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}")


# --------------------------------------------------------------------------------------------
# the query text: just enough of SPARQL's lexical structure to find keywords and groups

TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
             | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s(){}\[\],;.<>=!&|+*/^'"#-]+)
  | (?P<word>[A-Za-z0-9_:%\\][\w\-.:%\\]*)
  | (?P<space>\s+)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """``(kind, text, offset)`` of the query's tokens, without comments and white space."""
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("comment", "space"):
            yield kind, match.group(), match.start()


def without_comments(text: str) -> str:
    """``text`` with its comments removed (line breaks kept, so positions stay on their line)."""
    return "".join("" if match.lastgroup == "comment" else match.group()
                   for match in TOKEN.finditer(text))


def keywords(text: str) -> set[str]:
    """The bare words of a query in upper case (prefixed names and strings excluded)."""
    return {value.upper() for kind, value, _ in tokens(text)
            if kind == "word" and ":" not in value}


def where_group(text: str) -> int | None:
    """Offset of the ``{`` that opens the query's outermost WHERE group, or None."""
    depth = 0
    seen_where = False
    form = None
    for kind, value, offset in tokens(text):
        if kind == "word" and depth == 0:
            upper = value.upper()
            if upper == "WHERE":
                seen_where = True
            elif upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
                form = upper
        elif kind == "punct" and value == "{":
            if depth == 0 and (seen_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return offset
            depth += 1
        elif kind == "punct" and value == "}":
            depth -= 1
    return None


def with_values(text: str, bindings: Mapping[str, Any]) -> str:
    """``text`` with one ``VALUES`` row binding ``bindings`` (name → pyoxigraph term) at the
    start of its outermost group. The terms are written by pyoxigraph (N-Triples syntax,
    escaped), never pasted from user input."""
    if not bindings:
        return text
    where = where_group(text)
    if where is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(term) for term in bindings.values())
    return f"{text[: where + 1]} VALUES ({names}) {{ ({row}) }} {text[where + 1:]}"


def syntax_message(message: str, text: str) -> str:
    """Oxigraph's ``error at L:C: …`` as ``SPARQL syntax error at line L, column C: …``."""
    match = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message, re.DOTALL)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    if "Prefix not found" in detail:
        lines = text.splitlines()
        near = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
        name = re.search(r"([A-Za-z][\w\-.]*)?:[\w\-.]*$", near)
        detail = f"unknown prefix '{name.group(1) or ''}:'" if name else "unknown prefix"
    detail = " ".join(detail.split())
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"


# --------------------------------------------------------------------------------------------
# queries


def prefixes() -> dict[str, str]:
    """The predeclared prefixes of the query library (``bg:``, ``id:``, ``skos:``, …)."""
    from beleidsgraaf.rdf.namespaces import PREFIXES

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def inline(text: str, bindings: Mapping[str, Any]) -> str | None:
    """``text`` with each bound variable replaced by its term, as rdflib's ``initBindings``
    bind it (everywhere, subqueries included; ``BOUND(?x)`` becomes ``true``); None where a
    constant cannot stand (a projection, ``AS ?x``, ``VALUES``, solution modifiers).

    The terms are written by pyoxigraph (N-Triples syntax, escaped): one term token each,
    never pasted text. Oxigraph then plans with the constants, which is what makes a
    parameterised query fast on a large store.
    """
    if not bindings:
        return text
    names = {f"?{name}" for name in bindings} | {f"${name}" for name in bindings}
    matches = list(TOKEN.finditer(text))
    significant = [i for i, m in enumerate(matches) if m.lastgroup not in ("comment", "space")]
    replace: dict[int, str] = {}
    drop: set[int] = set()
    region = None  # "select", "modifiers", "values" while inside such a clause
    depth = 0
    for position, index in enumerate(significant):
        match = matches[index]
        kind, value = match.lastgroup, match.group()
        upper = value.upper() if kind == "word" else ""
        if upper == "SELECT":
            region = "select"
        elif upper in ("GROUP", "ORDER", "LIMIT", "OFFSET"):
            region = "modifiers"
        elif upper == "HAVING":  # an expression: a constant may stand there
            region = None
        elif upper == "VALUES":
            region = "values"
        elif upper == "WHERE" and region == "select":
            region = None
        elif kind == "punct" and value == "{":
            depth += 1
            if region in ("select", "modifiers"):
                region = None
        elif kind == "punct" and value == "}":
            depth -= 1
            if region in ("values", "modifiers"):  # a VALUES block or a subquery ends
                region = None
        if kind != "var" or value not in names:
            continue
        if region is not None:
            return None
        before = [matches[significant[j]].group() for j in range(max(0, position - 2),
                                                                   position)]
        after = matches[significant[position + 1]].group() \
            if position + 1 < len(significant) else ""
        if before and before[-1].upper() == "AS":
            return None
        if len(before) == 2 and before[0].upper() == "BOUND" and before[1] == "(" \
                and after == ")":
            replace[significant[position - 2]] = "true"
            drop.update({significant[position - 1], index, significant[position + 1]})
            continue
        replace[index] = str(bindings[value[1:]])
    return "".join(replace.get(i, "" if i in drop else m.group())
                   for i, m in enumerate(matches))


def execute(store: pyoxigraph.Store, text: str,
            bindings: Mapping[str, URIRef | BNode | Literal] | None = None, *,
            union: bool = False) -> Any:
    """Run ``text`` on ``store`` with ``bindings``; pyoxigraph's own result object.
    ``union``: the default graph is the union of the store's named graphs (a store loaded
    from TriG).

    The parameters are put in as constants (:func:`inline`) where that is valid SPARQL, else
    as a ``VALUES`` row at the start of the outermost group (:func:`with_values`). Raises
    ``QueryError`` for syntax errors (with line and column in ``text``) and evaluation errors.
    """
    terms = {name: to_oxigraph(term) for name, term in (bindings or {}).items()}
    options = {"prefixes": prefixes(), "use_default_graph_as_union": union}
    try:
        if not terms:
            return store.query(text, **options)
        inlined = inline(text, terms)
        if inlined is not None:
            try:
                return store.query(inlined, **options)
            except SyntaxError:
                pass  # e.g. a literal where only an IRI or variable may stand
        try:
            return store.query(with_values(text, terms), **options)
        except (SyntaxError, QueryError):
            store.query(text, **options)  # raises the error at its place in ``text``
            raise
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc), text)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {exc}") from None


def query(store: pyoxigraph.Store, text: str,
          bindings: Mapping[str, URIRef | BNode | Literal] | None = None) -> Result:
    """Run ``text`` on ``store``; the answer as an ``rdflib.query.Result`` (all rows read)."""
    return as_result(execute(store, text, bindings))


def as_result(answer: Any) -> Result:
    """pyoxigraph's answer (from :func:`execute`) as an ``rdflib.query.Result``."""
    import pyoxigraph
    from rdflib import Graph, Variable
    from rdflib.query import Result

    from beleidsgraaf.rdf.namespaces import PREFIXES

    try:
        if isinstance(answer, pyoxigraph.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        if isinstance(answer, pyoxigraph.QueryTriples):
            result = Result("CONSTRUCT")
            graph = Graph()
            for prefix, namespace in PREFIXES.items():
                graph.bind(prefix, namespace)
            for triple in answer:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                           to_rdflib(triple.object)))
            result.graph = graph
            return result
        names = [variable.value for variable in answer.variables]
        variables = [Variable(name) for name in names]
        result = Result("SELECT")
        result.vars = variables
        result.bindings = [
            {variable: to_rdflib(term) for variable, term in zip(variables, solution,
                                                                 strict=True)
             if term is not None}
            for solution in answer]
        return result
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {exc}") from None


# --------------------------------------------------------------------------------------------
# a query worker process (used by ``beleidsgraaf serve``: a query that runs out of time is
# stopped by ending its process, which also stops Oxigraph's native evaluation)


def encode(term: Any) -> tuple | None:
    """A pyoxigraph term as a small picklable tuple (see :func:`decode`)."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return ("uri", term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value
        return ("literal", term.value, term.language,
                None if term.language or datatype == XSD_STRING else datatype)
    return ("literal", str(term), None, None)


def decode(item: tuple | list | None) -> URIRef | BNode | Literal | None:
    """The rdflib term of an encoded one (see :func:`encode`)."""
    from rdflib import BNode, Literal, URIRef

    if item is None:
        return None
    if item[0] == "uri":
        return URIRef(item[1])
    if item[0] == "bnode":
        return BNode(item[1])
    _, value, language, datatype = item
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


def answer_encoded(store: pyoxigraph.Store, text: str, max_rows: int,
                   known: dict[str, str] | None = None) -> tuple:
    """Run a query for the endpoint; the answer as picklable data.

    ``("select", names, rows)``, ``("ask", bool)``, ``("graph", triples)``,
    ``("too-many", kind)`` when more than ``max_rows`` rows or triples, or
    ``("error", status, message)``.
    """
    import pyoxigraph

    try:
        answer = store.query(text, prefixes=prefixes() if known is None else known)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return ("ask", bool(answer))
        if isinstance(answer, pyoxigraph.QueryTriples):
            triples = []
            for triple in answer:
                if len(triples) == max_rows:
                    return ("too-many", "triples")
                triples.append((encode(triple.subject), encode(triple.predicate),
                                encode(triple.object)))
            return ("graph", triples)
        names = [variable.value for variable in answer.variables]
        rows = []
        for solution in answer:
            if len(rows) == max_rows:
                return ("too-many", "rows")
            rows.append(tuple(encode(term) for term in solution))
        return ("select", names, rows)
    except SyntaxError as exc:
        return ("error", 400, syntax_message(str(exc), text))
    except (OSError, RuntimeError, ValueError) as exc:
        return ("error", 500, f"the query failed: {exc}")


def worker_main(database: str, known: dict[str, str], stdin: Any = None,
                stdout: Any = None) -> int:
    """Body of a query worker process (``python -m beleidsgraaf.store DATABASE PREFIXES``,
    PREFIXES as a JSON object): open the store read-only, then answer jobs, one JSON object
    ``{"query": …, "max_rows": …}`` per line on standard input, with one JSON line each on
    standard output (first line: ``["ready", triples]`` or ``["failed", message]``)."""
    import pyoxigraph

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout

    def send(message: object) -> None:
        stdout.write(json.dumps(message, ensure_ascii=True) + "\n")
        stdout.flush()

    try:
        store = pyoxigraph.Store.read_only(database)
    except OSError as exc:
        send(["failed", str(exc)])
        return 1
    send(["ready", len(store)])
    for line in stdin:
        try:
            job = json.loads(line)
            send(answer_encoded(store, str(job["query"]), int(job["max_rows"]), known))
        except (ValueError, KeyError, TypeError) as exc:
            send(["error", 500, f"bad job: {exc}"])
        except (BrokenPipeError, OSError):
            return 0
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python -m beleidsgraaf.store DATABASE PREFIXES-JSON  "
              "(a query worker for beleidsgraaf serve)", file=sys.stderr)
        raise SystemExit(2)
    try:
        raise SystemExit(worker_main(sys.argv[1], json.loads(sys.argv[2])))
    except KeyboardInterrupt:
        raise SystemExit(0) from None
