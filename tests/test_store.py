"""The fast store: the persistent Oxigraph store the build writes, its stamp, and answers
identical to rdflib's for every library query."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from beleidsgraaf.cli import main
from beleidsgraaf.errors import QueryError
from beleidsgraaf.query import library_queries, load_graph, open_graph, run_query
from beleidsgraaf.store import (
    STAMP,
    StoreError,
    is_fresh,
    keywords,
    open_store,
    store_path,
    where_group,
    with_values,
    write_store,
)

pyoxigraph = pytest.importorskip("pyoxigraph")

# The queries of this library whose ORDER BY fixes the order of every row; for the others
# (queries/ is shared) the rows are compared as multisets.
TOTALLY_ORDERED = {
    "activities-in-year", "activities-per-law", "activities-without-law", "activity-changes",
    "continued-activities", "documents", "law-municipality-matrix", "laws-changed-since-document",
    "laws-per-municipality", "link-evidence", "organisation-activities",
    "organisations-per-municipality", "organisations-with-types", "overview",
    "partner-cooccurrence", "shared-organisations", "unresolved-references",
}


@pytest.fixture(scope="module")
def ttl(corpus_graph) -> Path:
    return corpus_graph / "beleidsgraaf.ttl"


@pytest.fixture(scope="module")
def engines(ttl):
    """The sample graph read by rdflib and the persistent store the build wrote."""
    store = open_store(ttl)
    assert store is not None, "the build did not write an up-to-date store"
    return load_graph(ttl), store


@pytest.fixture
def copy(corpus_graph, tmp_path) -> Path:
    """A private copy of the built graph folder (Turtle file and store)."""
    target = tmp_path / "graph"
    shutil.copytree(corpus_graph, target)
    return target / "beleidsgraaf.ttl"


def n3_rows(result) -> list[tuple]:
    return [tuple(None if term is None else term.n3() for term in row) for row in result]


# ----------------------------------------------------------------------------- the build


def test_build_writes_a_fresh_store_with_a_stamp(ttl):
    folder = store_path(ttl)
    assert folder == ttl.parent / "beleidsgraaf.oxigraph"
    stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    assert stamp["source"] == "beleidsgraaf.ttl"
    assert stamp["size"] == ttl.stat().st_size
    import hashlib

    assert stamp["sha256"] == hashlib.sha256(ttl.read_bytes()).hexdigest()
    assert stamp["triples"] == len(load_graph(ttl))
    assert is_fresh(ttl)
    assert not list(ttl.parent.glob(".beleidsgraaf.oxigraph.*"))  # no temporaries left


def _key(term):
    """Numbers by value: Oxigraph keeps numeric literals in canonical form (1.0 → 1)."""
    if isinstance(term, Literal) and isinstance(term.value, int | float | Decimal):
        return (term.datatype, term.value)
    return term


def test_the_store_holds_exactly_the_triples_of_the_file(engines):
    graph, store = engines
    assert len(store) == len(graph)
    from beleidsgraaf.store import to_rdflib

    got = Graph()
    for quad in store:
        got.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))

    def plain(g):
        return {tuple(_key(t) for t in triple) for triple in g
                if not any(isinstance(t, BNode) for t in triple)}

    def blank(g):
        part = Graph()
        for triple in g:
            if any(isinstance(t, BNode) for t in triple):
                part.add(triple)
        return part

    assert plain(got) == plain(graph)
    assert isomorphic(blank(got), blank(graph))


# ------------------------------------------------------------------- identical answers


CASES = [(q, p) for q in library_queries() for p in ("example", "none")]


@pytest.mark.parametrize(("query", "params"), CASES,
                         ids=[f"{q.name}-{p}" for q, p in CASES])
def test_every_library_query_gives_the_same_rows_on_both_engines(engines, query, params):
    graph, store = engines
    bindings = query.example_params() if params == "example" else {}
    expected = run_query(query.text, graph, bindings)
    got = run_query(query.text, store, bindings)
    assert [str(v) for v in got.vars] == [str(v) for v in expected.vars]
    want, have = n3_rows(expected), n3_rows(got)
    if query.name in TOTALLY_ORDERED:
        assert have == want
    else:
        assert Counter(have) == Counter(want)


def test_construct_gives_the_same_triples(engines):
    graph, store = engines
    text = """CONSTRUCT { ?e bg:quote ?q ; bg:line ?l ; rdf:subject ?s ; rdf:object ?o }
              WHERE { ?e a bg:Evidence ; bg:quote ?q ; bg:line ?l ; rdf:subject ?s ;
                         rdf:object ?o ; rdf:predicate bg:involves }"""
    expected = run_query(text, graph).graph
    got = run_query(text, store).graph
    assert len(got) > 100
    assert set(got) == set(expected)
    assert isomorphic(got, expected)


def test_ask_and_typed_values_are_the_same(engines):
    graph, store = engines
    for text in ["ASK { ?a a bg:Activity ; bg:code '5.1.2.1' }",
                 "ASK { ?a a bg:Activity ; bg:code 'no such code' }"]:
        assert run_query(text, graph).askAnswer == run_query(text, store).askAnswer
    text = """SELECT ?year (COUNT(?d) AS ?n) (SUM(?year) AS ?sum) (MAX(?file) AS ?last)
              (STRLEN(STR(?year)) AS ?len) (?year > 2024 AS ?recent)
              WHERE { ?d bg:year ?year ; bg:sourceFile ?file } GROUP BY ?year ORDER BY ?year"""
    assert n3_rows(run_query(text, store)) == n3_rows(run_query(text, graph))


def test_bindings_of_every_kind(engines):
    graph, store = engines
    text = "SELECT ?x ?file WHERE { ?d bg:sourceFile ?file ; bg:year ?x } ORDER BY ?file"
    for value in [Literal(2026), Literal("neder-betuwe_2026_programmabegroting-programma-5.txt")]:
        for name in ("x", "file"):
            bindings = {name: str(value)}
            assert n3_rows(run_query(text, store, bindings)) == \
                n3_rows(run_query(text, graph, bindings))
    # a non-projected parameter inside a FILTER (bound with VALUES on Oxigraph)
    text = ("SELECT ?file WHERE { ?d bg:sourceFile ?file ; bg:year ?y FILTER (?y >= ?from) } "
            "ORDER BY ?file")
    for bindings in ({"from": "2025"}, {}):
        assert n3_rows(run_query(text, store, bindings)) == \
            n3_rows(run_query(text, graph, bindings))
    iri = {"d": "<https://w3id.org/beleidsgraaf/id/doc/"
                "wijchen-2025-informatienota-robuust-sociaal-team>"}
    text = "SELECT ?d ?file WHERE { ?d bg:sourceFile ?file }"
    assert n3_rows(run_query(text, store, iri)) == n3_rows(run_query(text, graph, iri))
    assert len(n3_rows(run_query(text, store, iri))) == 1


# ------------------------------------------------------------------ up to date or not


def test_query_uses_the_store_only_while_it_is_up_to_date(copy):
    assert not isinstance(open_graph(copy), Graph)  # the store
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = int(next(iter(run_query(count, copy)))[0])

    os.utime(copy, ns=(1, 1))  # touched: same content, other time — still the store
    assert is_fresh(copy)
    assert not isinstance(open_graph(copy), Graph)

    with copy.open("a", encoding="utf-8") as stream:  # edited: the file is read instead
        stream.write('\n<http://example.org/x> <http://example.org/p> "new" .\n')
    assert not is_fresh(copy)
    assert isinstance(open_graph(copy), Graph)
    assert int(next(iter(run_query(count, copy)))[0]) == before + 1

    write_store(copy)  # rebuilt: the store again, with the new triple
    assert is_fresh(copy)
    assert not isinstance(open_graph(copy), Graph)
    assert int(next(iter(run_query(count, copy)))[0]) == before + 1


def test_a_missing_or_broken_stamp_means_no_store(copy):
    stamp = store_path(copy) / STAMP
    stamp.write_text("{not json", encoding="utf-8")
    assert open_store(copy) is None
    assert isinstance(open_graph(copy), Graph)
    shutil.rmtree(store_path(copy))
    assert isinstance(open_graph(copy), Graph)
    assert isinstance(open_graph(copy, "rdflib"), Graph)


def test_writing_the_store_is_atomic(copy):
    folder = store_path(copy)
    before = sorted(p.name for p in folder.rglob("*"))
    original = copy.read_bytes()
    copy.write_bytes(original + b"\nthis is not turtle .\n")
    with pytest.raises(StoreError):
        write_store(copy)
    assert sorted(p.name for p in folder.rglob("*")) == before  # the old store is untouched
    assert not list(copy.parent.glob(".beleidsgraaf.oxigraph.*"))
    assert not is_fresh(copy)
    copy.write_bytes(original)
    assert is_fresh(copy)  # same size and content as the stamp says


# ------------------------------------------------------------------------- the command


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_output_is_the_same_with_and_without_the_store(copy, capsys, fmt):
    args = ["query", "organisation-activities", "--graph", str(copy), "--param",
            "organisation=Werkzaak Rivierenland", "--format", fmt]
    assert main(args) == 0
    with_store = capsys.readouterr().out
    shutil.rmtree(store_path(copy))
    assert main(args) == 0
    without = capsys.readouterr().out
    assert with_store == without
    assert "5.1.2.2" in with_store


def test_syntax_errors_on_the_store_name_line_and_column(ttl, tmp_path, capsys):
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?a\nWHERE { ?a a }", encoding="utf-8")
    assert main(["query", str(query), "--graph", str(ttl)]) == 1
    err = capsys.readouterr().err
    assert "syntax error at line 2, column" in err
    query.write_text("SELECT * WHERE { ?s nope:p ?o }", encoding="utf-8")
    assert main(["query", str(query), "--graph", str(ttl)]) == 1
    assert "unknown prefix 'nope:'" in capsys.readouterr().err


def test_parameters_reach_every_part_of_a_query_as_in_rdflib(engines):
    graph, store = engines
    queries = [  # a nested group, a subquery, HAVING, OPTIONAL's filter, BOUND()
        "SELECT ?f WHERE { ?d bg:sourceFile ?f { ?d bg:year ?y FILTER (?y >= ?from) } } "
        "ORDER BY ?f",
        "SELECT ?f WHERE { { SELECT ?d WHERE { ?d bg:year ?y FILTER (?y >= ?from) } } "
        "?d bg:sourceFile ?f } ORDER BY ?f",
        "SELECT ?y (COUNT(?d) AS ?n) WHERE { ?d bg:year ?y } GROUP BY ?y "
        "HAVING (?y >= COALESCE(?from, 0)) ORDER BY ?y",
        "SELECT ?f ?y WHERE { ?d bg:sourceFile ?f OPTIONAL { ?d bg:year ?y "
        "FILTER (?y >= ?from) } } ORDER BY ?f",
        "SELECT ?f WHERE { ?d bg:sourceFile ?f ; bg:year ?y "
        "FILTER (!BOUND(?from) || ?y >= ?from) } ORDER BY ?f",
    ]
    for text in queries:
        for bindings in ({"from": "2025"}, {}):
            assert n3_rows(run_query(text, store, bindings)) == \
                n3_rows(run_query(text, graph, bindings)), (text, bindings)


def test_syntax_error_position_is_the_same_with_parameters(engines):
    _, store = engines
    text = "SELECT ?a WHERE {\n ?a bg:code ?code FILTER(?code = ?c) ?a }"
    with pytest.raises(QueryError, match="line 2, column"):
        run_query(text, store, {"c": "1"})


# ------------------------------------------------------------------- the query text


def test_where_group_skips_strings_comments_iris_and_subqueries():
    text = ('PREFIX ex: <http://example.org/{x}>\n# WHERE { in a comment\n'
            'SELECT ?s (STR(?o) AS ?t) WHERE { { SELECT ?s ?o WHERE { ?s ex:p "WHERE {" } } }')
    assert text[where_group(text):].startswith("{ { SELECT")
    assert where_group("SELECT * { ?s ?p ?o }") == 9
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[where_group(construct):] == "{ ?s ?p ?o }"
    assert where_group("DESCRIBE <http://example.org/x>") is None


def test_values_rows_are_escaped_by_pyoxigraph():
    value = pyoxigraph.Literal('a" } ; DROP ALL ; { "\n\\')
    text = with_values("SELECT ?s WHERE { ?s ?p ?x }", {"x": value})
    assert text == ('SELECT ?s WHERE { VALUES (?x) { ("a\\" } ; DROP ALL ; { \\"\\n\\\\") } '
                    ' ?s ?p ?x }')
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://example.org/s"),
                              pyoxigraph.NamedNode("http://example.org/p"), value))
    assert len(list(store.query(text))) == 1


def test_keywords_ignore_strings_comments_and_prefixed_names():
    text = ('SELECT ?from WHERE { ?s ex:service "SERVICE" ; ex:from <http://x/FROM> }'
            ' # FROM <x>')
    assert "SERVICE" not in keywords(text) and "FROM" not in keywords(text)
    assert "FROM" in keywords("SELECT * FROM <http://x> WHERE { ?s ?p ?o }")


def test_terms_round_trip():
    from beleidsgraaf.store import to_oxigraph, to_rdflib

    for term in [URIRef("http://example.org/a"), Literal("x"), Literal("x", lang="nl"),
                 Literal(5), Literal("2024-01-01", datatype=URIRef(
                     "http://www.w3.org/2001/XMLSchema#date"))]:
        assert to_rdflib(to_oxigraph(term)) == term
        assert to_rdflib(to_oxigraph(term)).n3() == term.n3()
    with pytest.raises(QueryError):
        to_oxigraph(URIRef("http://example.org/a b"))
