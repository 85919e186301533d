"""Benchmark: the targeted rules of ``beleidsgraaf.reason`` against owlrl's OWL-RL closure.

Builds the bundled samples' data graph (no reasoning), then larger graphs made by
replicating it with renamed IRIs (copy *i* of ``id:doc/x`` is ``id:kopie-i/doc/x``;
every ``id:`` IRI is renamed, reference data included, so *k* copies have exactly
*k* times the triples and *k* times the entailments). For each size it times

* the fast path: :func:`beleidsgraaf.reason.infer` (reading the rdflib graph, the rules,
  and writing the result graph), and
* owlrl (``DeductiveClosure(OWLRL_Semantics).expand`` on data + ontology), in a child
  process with a time limit, then filtered with the same "useful" filter and compared
  triple by triple with the fast path.

    python benchmarks/bench_reasoning.py                       # samples, 100x; owlrl 1x, 2x, 4x
    python benchmarks/bench_reasoning.py --copies 1,100,200 --owlrl-copies 1,2,4,100 \\
        --owlrl-timeout 1800 --out benchmarks/results/reasoning.md
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import queue
import resource
import sys
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from beleidsgraaf.output.graph import corpus_graph  # noqa: E402
from beleidsgraaf.pipeline import Context, build  # noqa: E402
from beleidsgraaf.rdf.namespaces import GRAPH_ONTOLOGY, ID  # noqa: E402
from beleidsgraaf.reason import _useful, infer, load_ontology  # noqa: E402

Triple = tuple


def sample_triples(corpus: Path) -> list[Triple]:
    context = Context()
    result = build([corpus], context=context)
    graphs = corpus_graph(result, context, reason=False).graphs
    triples: set[Triple] = set()
    for name, graph in graphs.items():
        if name != GRAPH_ONTOLOGY:
            triples.update(graph)
    return sorted(triples)


def replicate(triples: list[Triple], copies: int) -> Graph:
    prefix = str(ID)
    graph = Graph()
    for index in range(copies):
        if index == 0:
            for triple in triples:
                graph.add(triple)
            continue
        renamed = prefix + f"kopie-{index}/"
        for s, p, o in triples:
            graph.add((_rename(s, prefix, renamed), p, _rename(o, prefix, renamed)))
    return graph


def _rename(term, prefix: str, renamed: str):  # type: ignore[no-untyped-def]
    if isinstance(term, URIRef) and term.startswith(prefix):
        return URIRef(renamed + term[len(prefix):])
    return term


def _owlrl_child(triples: list[Triple], copies: int, out: multiprocessing.Queue) -> None:
    import owlrl

    data = replicate(triples, copies)
    asserted = set(data)
    ontology = load_ontology()
    asserted |= set(ontology)
    for triple in ontology:
        data.add(triple)
    started, cpu = time.perf_counter(), time.process_time()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(data)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    useful = {t for t in data if t not in asserted and _useful(t)}
    out.put(((seconds, cpu), len(data), useful))


def run_owlrl(triples: list[Triple], copies: int, timeout: float):
    """``(seconds, closure size, useful triples)``, or ``None`` after ``timeout`` seconds."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_owlrl_child, args=(triples, copies, out))
    child.start()
    try:
        result = out.get(timeout=timeout)
    except queue.Empty:
        result = None
    child.join(timeout=5)
    if child.is_alive():
        child.kill()
        child.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--copies", default="1,100", help="sizes for the fast path")
    parser.add_argument("--owlrl-copies", default="1,2,4", help="sizes for owlrl")
    parser.add_argument("--owlrl-timeout", type=float, default=1800.0)
    parser.add_argument("--repeat", type=int, default=3, help="fast-path runs per size (best)")
    parser.add_argument("--out", type=Path, default=None, help="write a Markdown report here")
    args = parser.parse_args(argv)
    fast_sizes = [int(x) for x in args.copies.split(",") if x]
    owlrl_sizes = [int(x) for x in args.owlrl_copies.split(",") if x]

    triples = sample_triples(args.corpus)
    ontology = load_ontology()
    print(f"samples: {len(triples):,} data triples", flush=True)
    fast: dict[int, tuple[int, int, float, set]] = {}
    for copies in sorted(set(fast_sizes) | set(owlrl_sizes)):
        data = replicate(triples, copies)
        runs = args.repeat if copies in fast_sizes else 1
        best, inferred = _best(data, ontology, runs)
        as_set = set(data)  # what the build passes: the corpus as a set of triples
        best_set, from_set = _best(as_set, ontology, runs)
        assert set(from_set) == set(inferred)
        fast[copies] = (len(data), len(inferred), best, best_set, set(inferred))
        print(f"fast  {copies:>4}x: {len(data):>9,} triples -> {len(inferred):>8,} inferred "
              f"in {best[0]:7.2f} s wall, {best[1]:7.2f} s CPU (rdflib Graph in); "
              f"{best_set[0]:7.2f} s wall, {best_set[1]:7.2f} s CPU (set in)", flush=True)
        del data, as_set
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    owlrl_rows = []
    for copies in owlrl_sizes:
        result = run_owlrl(triples, copies, args.owlrl_timeout)
        size, count, _, _, found = fast[copies]
        if result is None:
            owlrl_rows.append((copies, size, None, None, None, None))
            print(f"owlrl {copies:>4}x: not finished in {args.owlrl_timeout:.0f} s", flush=True)
            continue
        seconds, closure, useful = result
        same = useful == found
        owlrl_rows.append((copies, size, seconds, closure, len(useful), same))
        print(f"owlrl {copies:>4}x: {size:>9,} triples -> closure {closure:,}, useful "
              f"{len(useful):,} in {seconds[0]:7.2f} s wall, {seconds[1]:7.2f} s CPU; identical "
              f"to fast path: {same}", flush=True)

    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(_report(fast, fast_sizes, owlrl_rows, rss, args), encoding="utf-8")
        print(f"wrote {args.out}")
    return 0 if all(row[5] in (True, None) for row in owlrl_rows) else 1


def _best(data, ontology: Graph, repeat: int):  # type: ignore[no-untyped-def]
    """``((wall, CPU) of the ``infer`` run with least CPU time, its result)``."""
    best, result = (float("inf"), float("inf")), Graph()
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        result = infer(data, ontology)
        took = (time.perf_counter() - started, time.process_time() - cpu)
        best = min(best, took, key=lambda pair: pair[1])
    return best, result


def _report(fast, fast_sizes, owlrl_rows, rss, args) -> str:  # type: ignore[no-untyped-def]
    lines = [
        "# Reasoning benchmark",
        "",
        f"Measured {date.today().isoformat()} with `python benchmarks/bench_reasoning.py "
        f"--copies {args.copies} --owlrl-copies {args.owlrl_copies} "
        f"--owlrl-timeout {args.owlrl_timeout:.0f}` on {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}, rdflib {version('rdflib')}, "
        f"owlrl {version('owlrl')}.",
        "",
        "Data: the bundled samples' asserted graph (documents + reference data, no ontology), "
        "and *k* copies of it with every `id:` IRI renamed per copy (so *k* times the "
        "triples and entailments). The fast path is `beleidsgraaf.reason.infer` (reading the "
        "rdflib graph, the rules, writing the inferred rdflib graph; best of "
        f"{args.repeat} runs). owlrl is `DeductiveClosure(OWLRL_Semantics).expand` on data + "
        "ontology; its new triples are filtered with the same `_useful` filter (`bg:` "
        "vocabulary, no self links, nothing asserted) and compared triple by triple.",
        "",
        "## Fast path (beleidsgraaf.reason)",
        "",
        "Input either an rdflib `Graph` or, as the build passes it, a Python set of triples.",
        "",
        "| copies | data triples | inferred triples | Graph in: wall s | CPU s | "
        "set in: wall s | CPU s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for copies in sorted(fast_sizes):
        size, count, (wall, cpu), (set_wall, set_cpu), _ = fast[copies]
        lines.append(f"| {copies} | {size:,} | {count:,} | {wall:.2f} | {cpu:.2f} | "
                     f"{set_wall:.2f} | {set_cpu:.2f} |")
    lines += ["", f"Peak memory of the benchmark process: {rss:,.0f} MB.", "",
              "## owlrl (reference)", "",
              "| copies | data triples | wall seconds | CPU seconds | closure triples | "
              "useful new triples | identical to fast path |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | :---: |"]
    for copies, size, seconds, closure, useful, same in owlrl_rows:
        if seconds is None:
            lines.append(f"| {copies} | {size:,} | > {args.owlrl_timeout:.0f} (stopped) | – | – "
                         "| – | – |")
        else:
            lines.append(f"| {copies} | {size:,} | {seconds[0]:.1f} | {seconds[1]:.1f} | "
                         f"{closure:,} | {useful:,} | {'yes' if same else '**no**'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
