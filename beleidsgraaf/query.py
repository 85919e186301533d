"""SPARQL over the built graph: the query library, safe parameters, result formats.

Parameters are bound with ``initBindings`` (never pasted into the query text),
so a value containing quotes or braces is just a value.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from pathlib import Path

from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from beleidsgraaf.errors import GraphNotFound, QueryError
from beleidsgraaf.rdf.namespaces import PREFIXES

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def library() -> list[tuple[str, str]]:
    """``(name, title)`` of every query in ``queries/``, sorted by name."""
    return [(p.stem, _title(p)) for p in sorted(QUERIES.glob("*.rq"))]


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


def run_query(text: str, graph: Graph | Path, params: dict[str, str] | None = None) -> Result:
    """Run ``text`` with ``params`` bound to ``?NAME`` variables."""
    if isinstance(graph, Path):
        graph = load_graph(graph)
    try:
        prepared = prepareQuery(text, initNs={p: ns for p, ns in PREFIXES.items()})
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                         f"{exc.msg}") from exc
    except Exception as exc:  # rdflib raises several kinds for bad queries
        raise QueryError(f"cannot prepare query: {exc}") from exc
    bindings = {name: _term(value) for name, value in (params or {}).items()}
    return graph.query(prepared, initBindings=bindings)


def _term(value: str) -> URIRef | Literal:
    """``<iri>`` or ``prefix:name`` becomes an IRI, an integer an integer, the rest a string."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and re.fullmatch(r"[\w.\-]+", local):
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
