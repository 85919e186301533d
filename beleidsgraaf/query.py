"""SPARQL over the built graph: the query library, safe parameters, result formats.

Parameters are bound with ``initBindings`` (never pasted into the query text),
so a value containing quotes or braces is just a value.

Engines: a ``.ttl`` graph file with an up-to-date Oxigraph store beside it (written by the
build, see ``beleidsgraaf.store``) is queried on that store; otherwise the file is read with
rdflib. Both give the same rows (tested for every library query), as an rdflib ``Result``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from beleidsgraaf.errors import GraphNotFound, QueryError
from beleidsgraaf.rdf.namespaces import PREFIXES

QUERIES = Path(__file__).resolve().parents[1] / "queries"
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")


def library() -> list[tuple[str, str]]:
    """``(name, title)`` of every query in ``queries/``, sorted by name."""
    return [(p.stem, _title(p)) for p in sorted(QUERIES.glob("*.rq"))]


HEADER_FIELDS = ("title", "question", "parameters", "example")


@dataclass(frozen=True)
class LibraryQuery:
    """A query of the library with its header comment."""

    name: str
    path: Path
    header: dict[str, str]

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def title(self) -> str:
        return self.header.get("title", "")

    def example_params(self) -> dict[str, str]:
        """The ``--param`` values of the header's example command."""
        words = shlex.split(self.header.get("example", ""))
        pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
        return parse_params(pairs)


def library_queries(folder: Path = QUERIES) -> list[LibraryQuery]:
    """Every ``*.rq`` in ``folder`` (not its subfolders) with its header, sorted by name."""
    out = []
    for path in sorted(folder.glob("*.rq")):
        header: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := re.match(r"#\s*(\w+):\s*(.*)", line):
                if m.group(1).lower() in HEADER_FIELDS:
                    header[m.group(1).lower()] = m.group(2).strip()
            elif line.strip() and not line.lstrip().startswith("#"):
                break
        out.append(LibraryQuery(path.stem, path, header))
    return out


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"#\s*title:\s*(.+)", line, re.I):
            return m.group(1).strip()
    return ""


def load_query(name_or_path: str) -> str:
    path = Path(name_or_path)
    if not path.suffix and (QUERIES / f"{name_or_path}.rq").is_file():
        path = QUERIES / f"{name_or_path}.rq"
    if not path.is_file():
        raise QueryError(f"no query '{name_or_path}' (not a file, not in queries/; "
                         "see 'beleidsgraaf query --list')")
    return path.read_text(encoding="utf-8")


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"--param must be NAME=VALUE, got '{pair}'")
        params[name] = value
    return params


def load_graph(path: Path) -> Graph:
    if not path.is_file():
        raise GraphNotFound(f"graph file {path} does not exist")
    return _load(str(path.resolve()), path.stat().st_mtime_ns)


@cache
def _load(path: str, mtime: int) -> Graph:
    graph = Graph()
    graph.parse(path, format="trig" if path.endswith(".trig") else "turtle")
    return graph


ENGINES = ("auto", "rdflib", "oxigraph")


def open_graph(path: Path, engine: str = "auto") -> Any:
    """What to query for the graph file ``path``: the persistent Oxigraph store beside it when
    it is up to date (``auto``, ``oxigraph``), else the file read with rdflib (``auto``,
    ``rdflib``) or into an in-memory Oxigraph store (``oxigraph``)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    path = Path(path)
    if not path.is_file():
        raise GraphNotFound(f"graph file {path} does not exist")
    if engine != "rdflib" and path.suffix == ".ttl":
        from beleidsgraaf.store import open_store

        store = open_store(path)
        if store is not None:
            return store
    if engine == "oxigraph":
        from beleidsgraaf.store import memory_store

        return memory_store(path, fmt="trig" if path.suffix == ".trig" else "turtle")
    return load_graph(path)


def run_query(text: str, graph: Any, params: dict[str, str] | None = None, *,
              engine: str = "auto") -> Result:
    """Run ``text`` with ``params`` bound to ``?NAME`` variables.

    ``graph`` is a graph file (see :func:`open_graph` for ``engine``), an rdflib ``Graph``
    or a pyoxigraph ``Store``.
    """
    _check_params(text, params or {})
    if isinstance(graph, Path | str):
        graph = open_graph(Path(graph), engine)
    bindings = {name: _term(value) for name, value in (params or {}).items()}
    if not isinstance(graph, Graph):
        from beleidsgraaf.store import query

        return query(graph, text, bindings)
    try:
        prepared = prepareQuery(text, initNs={p: ns for p, ns in PREFIXES.items()})
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                         f"{exc.msg}") from exc
    except Exception as exc:  # rdflib raises several kinds for bad queries
        raise QueryError(f"cannot prepare query: {exc}") from exc
    return graph.query(prepared, initBindings=bindings)


_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _check_params(text: str, params: dict[str, str]) -> None:
    """A parameter the query has no variable for would silently bind nothing (a typo in
    ``--param``): refuse it, naming the variables there are."""
    variables = set(_VARIABLE.findall(text))
    unknown = sorted(set(params) - variables)
    if unknown:
        raise QueryError(f"the query has no variable ?{unknown[0]} for --param {unknown[0]}=…; "
                         f"its variables: {', '.join(sorted(variables)) or 'none'}")


def standalone(text: str, params: dict[str, str] | None = None) -> str:
    """``text`` made runnable on any SPARQL endpoint: without comments, the predeclared
    prefixes written out as PREFIX lines, and ``params`` bound as the local engines bind them:
    each variable replaced by its term everywhere, subqueries included, where SPARQL allows a
    constant (``beleidsgraaf.store.inline``), else a VALUES row at the start of the outermost
    group (which does not reach into subqueries). The terms are written and escaped by
    pyoxigraph, never pasted."""
    import pyoxigraph

    from beleidsgraaf.store import inline, prefixes, to_oxigraph, with_values, without_comments

    head = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in prefixes().items())
    bindings = {name: to_oxigraph(_term(value)) for name, value in (params or {}).items()}
    body = without_comments(text).strip() + "\n"
    inlined = inline(body, bindings)
    if inlined is not None:
        try:
            pyoxigraph.Store().query(head + inlined)  # only parsed: the store is empty
            return head + inlined
        except SyntaxError:
            pass  # e.g. a literal where only an IRI or a variable may stand
    return head + with_values(body, bindings)


def _term(value: str) -> URIRef | Literal:
    """``<iri>`` or ``prefix:name`` becomes an IRI, an integer an integer, the rest a string."""
    if value.startswith("<") and value.endswith(">"):
        if not IRI.fullmatch(value[1:-1]):
            raise QueryError(f"not a valid IRI: {value}")
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and re.fullmatch(r"[\w.\-/]+", local):
        return PREFIXES[prefix][local]
    if re.fullmatch(r"-?\d{1,9}", value):
        return Literal(int(value))
    return Literal(value)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    names = [str(v) for v in result.vars or []]
    data = [[_plain(row[i] if i < len(row) else None) for i in range(len(names))]
            for row in result]
    return names, data


def _plain(term: object) -> str:
    return "" if term is None else str(term)


def format_result(result: Result, fmt: str) -> str:
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n" \
            if fmt == "json" else f"{bool(result.askAnswer)}\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode()
    if fmt == "json":
        return _json(result)
    names, data = rows(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(data)
        return buffer.getvalue()
    return table(names, data)


def table(names: list[str], data: list[list[str]], width: int = 60) -> str:
    """Aligned plain-text table; long cells are cut with an ellipsis."""
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in data]
    sizes = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(s) for n, s in zip(names, sizes, strict=True))
    rule = "  ".join("-" * s for s in sizes)
    body = ["  ".join(c.ljust(s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in cut]
    return "\n".join([line.rstrip(), rule, *body, f"({len(data)} rows)"]) + "\n"


def _json(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    bindings = []
    for row in result:
        binding = {}
        for name, term in zip(names, row, strict=False):
            if term is not None:
                binding[name] = _json_term(term)
        bindings.append(binding)
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1) + "\n"


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    literal: Literal = term  # type: ignore[assignment]
    out = {"type": "literal", "value": str(literal)}
    if literal.language:
        out["xml:lang"] = literal.language
    elif literal.datatype:
        out["datatype"] = str(literal.datatype)
    return out
