"""Benchmark: the query library on rdflib's in-memory store against Oxigraph (pyoxigraph).

Two graphs:

* the bundled samples, built by ``beleidsgraaf build`` (reasoning on), and
* a synthetic graph shaped like the real one at national scale: every active Dutch
  municipality (342, from the reference data) with four documents (2022, 2024, 2025, 2026),
  each a copy of a sample document with renamed IRIs (2022 ← Nieuwegein 2022,
  2024 ← Neder-Betuwe 2024, 2025 ← Wijchen 2025, 2026 ← Neder-Betuwe 2026, so
  ``bg:continues`` links 2026 to 2024 of the same municipality), including their evidence
  nodes and inferred triples, plus the reference data and ontology once: about 1.6 million
  triples.

Every library query runs with the parameters of its header's example. Oxigraph: the
persistent on-disk store the build writes (``beleidsgraaf.store.write_store``), best of
``--repeat`` runs, all rows read and converted to rdflib terms as ``beleidsgraaf query`` does.
rdflib: ``Graph.query`` on the parsed graph, rows read, one run, stopped after
``--rdflib-timeout`` seconds. Loading and the ratios are printed and written as Markdown.

    python benchmarks/bench_queries.py                      # samples and 342 x 4 documents
    python benchmarks/bench_queries.py --municipalities 50 --rdflib-timeout 60
    python benchmarks/bench_queries.py --no-rdflib-large    # Oxigraph only at full size
    python benchmarks/bench_queries.py --queries law-municipality-matrix,documents
"""

from __future__ import annotations

import argparse
import csv
import ctypes
import gc
import os
import platform
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from beleidsgraaf.build import run_build  # noqa: E402
from beleidsgraaf.query import library_queries, run_query  # noqa: E402
from beleidsgraaf.store import open_store, write_store  # noqa: E402

ID = "https://w3id.org/beleidsgraaf/id/"
BG = "https://w3id.org/beleidsgraaf/def#"
TEMPLATES = {2022: "nieuwegein-2022-programmabegroting-vekob",
             2024: "neder-betuwe-2024-programmabegroting-programma-5",
             2025: "wijchen-2025-informatienota-robuust-sociaal-team",
             2026: "neder-betuwe-2026-programmabegroting-programma-5"}
LIMIT_SECONDS = 1.0


class Stopped(BaseException):  # noqa: N818
    pass


# ------------------------------------------------------------------------------ timing


def timed(work: Callable[[], object], limit: float | None = None) -> float | None:
    """Seconds ``work`` took, or None when it was stopped after ``limit`` seconds (it runs
    in a thread that is interrupted, which stops rdflib's pure-Python evaluation)."""
    if limit is None:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started
    outcome: dict[str, float] = {}

    def run() -> None:
        started = time.perf_counter()
        try:
            work()
            outcome["seconds"] = time.perf_counter() - started
        except Stopped:
            pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    if thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                                   ctypes.py_object(Stopped))
        thread.join()
        return None
    return outcome.get("seconds")


def run_library(graph: object, repeat: int, limit: float | None,
                names: set[str] | None = None) -> dict[str, tuple]:
    """query name → (best seconds or None, rows), for the library queries in ``names``
    (all when None)."""
    out = {}
    for query in library_queries():
        if names is not None and query.name not in names:
            continue
        params = query.example_params()
        rows: list[int] = []

        def work(query=query, params=params, rows=rows) -> None:
            rows[:] = [len(list(run_query(query.text, graph, params)))]

        times = []
        for _ in range(repeat):
            seconds = timed(work, limit)
            if seconds is None:
                times = []
                break
            times.append(seconds)
        out[query.name] = (min(times) if times else None, rows[0] if rows else None)
        shown = f"{min(times):8.3f} s" if times else f"> {limit:.0f} s"
        print(f"  {query.name:34} {shown}  {rows[0] if rows else '-'} rows", flush=True)
    return out


# ---------------------------------------------------------------------- the synthetic graph


def municipalities(count: int) -> list[tuple[str, str]]:
    path = ROOT / "beleidsgraaf" / "reference" / "data" / "municipalities.csv"
    with path.open(encoding="utf-8") as stream:
        active = [(r["cbs_code"], r["name"]) for r in csv.DictReader(stream)
                  if r["status"] == "active"]
    examples = [m for m in active if m[1] in ("Neder-Betuwe", "Nieuwegein", "Wijchen")]
    others = [m for m in sorted(active) if m not in examples]
    return (examples + others)[:count]  # the example parameters name these three


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def synthetic(trig: Path, out: Path, count: int) -> int:
    """Write the synthetic graph as N-Triples to ``out``; returns the number of triples."""
    import pyoxigraph

    graphs: dict[str, list[str]] = {}
    for quad in pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG):
        name = quad.graph_name.value if isinstance(quad.graph_name,
                                                   pyoxigraph.NamedNode) else ""
        graphs.setdefault(name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    documents = {name[len(ID + "doc/"):]: lines for name, lines in graphs.items()
                 if name.startswith(ID + "doc/")}
    inferred = graphs.pop(ID + "graph/afgeleid", [])
    per_document: dict[str, list[str]] = {stem: [] for stem in documents}
    shared = []
    for line in inferred:
        match = re.match(rf"<{re.escape(ID)}doc/([^/>]+)", line)
        if match and match.group(1) in per_document:
            per_document[match.group(1)].append(line)
        else:
            shared.append(line)
    templates = {stem: documents[stem] + per_document[stem] for stem in TEMPLATES.values()}
    iri = re.compile(rf"<{re.escape(ID)}(doc|extern/GM\d+/\d+)/([^/>]+)?")
    written = 0
    seen_once: set[str] = set()
    with out.open("w", encoding="utf-8") as stream:
        for name, lines in graphs.items():  # reference data and ontology, once
            if not name.startswith(ID + "doc/"):
                for line in lines:
                    if line not in seen_once:
                        seen_once.add(line)
                        stream.write(line + "\n")
        for line in shared:
            if line not in seen_once:
                seen_once.add(line)
                stream.write(line + "\n")
        written += len(seen_once)
        for code, name in municipalities(count):
            municipality = f"<{ID}gemeente/{code}>"
            for line in (f"{municipality} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                         f"<{BG}Municipality> .",
                         f'{municipality} <http://www.w3.org/2004/02/skos/core#prefLabel> '
                         f'"{name}"@nl .',
                         f'{municipality} <{BG}cbsCode> "{code}" .'):
                if line not in seen_once:
                    seen_once.add(line)
                    stream.write(line + "\n")
                    written += 1
            stems = {stem: f"{slug(name)}-{year}-{re.sub(r'^.*?-[0-9]{4}-', '', stem)}"
                     for year, stem in TEMPLATES.items()}
            for year, stem in TEMPLATES.items():
                new = stems[stem]

                def rename(match: re.Match, year: int = year, stems: dict = stems,
                           code: str = code) -> str:
                    kind, local = match.group(1), match.group(2) or ""
                    if kind == "doc":
                        return f"<{ID}doc/{stems.get(local, local)}"
                    return f"<{ID}extern/{code}/{year}/{local}"

                for line in templates[stem]:
                    line = iri.sub(rename, line)
                    if f"<{BG}municipality>" in line:
                        line = re.sub(r"<[^>]+> \.$", f"{municipality} .", line)
                    elif f"<{BG}year>" in line and line.startswith(f"<{ID}doc/{new}>"):
                        line = re.sub(r'"\d+"', f'"{year}"', line)
                    elif f"<{BG}sourceFile>" in line:
                        suffix = re.sub(r"^.*?-[0-9]{4}-", "", stem)
                        line = re.sub(r'"[^"]*"', f'"{slug(name)}_{year}_{suffix}.txt"', line)
                    stream.write(line + "\n")
                    written += 1
    return written


# ------------------------------------------------------------------------------ reporting


def ratio(slow: float | None, fast: float | None, limit: float) -> str:
    if fast is None or fast <= 0:
        return "-"
    if slow is None:
        return f"> {limit / fast:,.0f}×"
    return f"{slow / fast:,.0f}×"


def seconds(value: float | None, limit: float) -> str:
    return f"> {limit:.0f}" if value is None else f"{value:.3f}"


def table(rdflib: dict, oxigraph: dict, limit: float, check: bool,
          memory: dict | None = None) -> list[str]:
    lines = ["| query | rows | rdflib (s) | Oxigraph store (s) | ratio |"
             + (" Oxigraph in memory (s) |" if memory else "")
             + (" store < 1 s |" if check else ""),
             "| --- | ---: | ---: | ---: | ---: |" + (" ---: |" if memory else "")
             + (" :---: |" if check else "")]
    for name, (fast, rows) in oxigraph.items():
        slow = rdflib.get(name, (None, None))[0] if rdflib else None
        slow_text = seconds(slow, limit) if rdflib else "not run"
        line = (f"| {name} | {rows} | {slow_text} | {fast:.3f} | "
                f"{ratio(slow, fast, limit) if rdflib else '-'} |")
        if memory:
            line += f" {memory[name][0]:.3f} |"
        if check:
            line += f" {'yes' if fast < LIMIT_SECONDS else '**no**'} |"
        lines.append(line)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--repeat", type=int, default=5, help="Oxigraph runs per query")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0)
    parser.add_argument("--no-rdflib-large", action="store_true",
                        help="skip rdflib on the synthetic graph")
    parser.add_argument("--work", type=Path, help="folder for the graphs (default: temporary)")
    parser.add_argument("--samples", type=Path, help="an already built graph folder to use "
                        "instead of building corpus/ (beleidsgraaf.ttl and .trig)")
    parser.add_argument("--queries", help="only these library queries, comma-separated "
                        "names (e.g. law-municipality-matrix,documents); default: all")
    parser.add_argument("--out", type=Path, help="Markdown report (default: "
                        "benchmarks/results/queries.md; with --queries only printed)")
    args = parser.parse_args()
    names = None
    if args.queries:
        names = {name.strip() for name in args.queries.split(",") if name.strip()}
        unknown = names - {query.name for query in library_queries()}
        if unknown or not names:
            parser.error(f"--queries: no library query named {', '.join(sorted(unknown))}"
                         if unknown else "--queries: give at least one name")

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-queries-"))
    work.mkdir(parents=True, exist_ok=True)
    report = [f"# Query library: rdflib (memory) vs Oxigraph ({date.today()})", "",
              f"Machine: {platform.machine()}, Python {platform.python_version()}, "
              f"rdflib {version('rdflib')}, pyoxigraph {version('pyoxigraph')}. "
              "Made by `python benchmarks/bench_queries.py"
              + (f" --queries {','.join(sorted(names))}" if names else "")
              + "`. Each query with the parameters "
              "of its header's example; times include reading every row (as rdflib terms).",
              ""]

    samples = args.samples or work / "samples"
    if args.samples is None:
        print("samples: building", flush=True)
        run_build([ROOT / "corpus"], samples, maps=False)
    ttl = samples / "beleidsgraaf.ttl"
    if open_store(ttl) is None:
        write_store(ttl)
    from beleidsgraaf.query import load_graph

    graph = load_graph(ttl)
    store = open_store(ttl)
    print(f"samples: {len(graph):,} triples; rdflib", flush=True)
    small_rdflib = run_library(graph, 3, args.rdflib_timeout, names)
    print("samples: Oxigraph", flush=True)
    small_oxigraph = run_library(store, args.repeat, None, names)
    report += [f"## The samples ({len(graph):,} triples)", "",
               *table(small_rdflib, small_oxigraph, args.rdflib_timeout, False), ""]
    del graph
    gc.collect()

    print(f"synthetic: {args.municipalities} municipalities × 4 documents", flush=True)
    big = work / "synthetic"
    big.mkdir(exist_ok=True)
    nt = big / "beleidsgraaf.nt"
    started = time.perf_counter()
    triples = synthetic(samples / "beleidsgraaf.trig", nt, args.municipalities)
    generated = time.perf_counter() - started
    print(f"  {triples:,} triples written in {generated:.1f} s", flush=True)

    import pyoxigraph

    big_ttl = big / "beleidsgraaf.ttl"  # N-Triples is Turtle: the store is built as by build
    nt.replace(big_ttl)
    started = time.perf_counter()
    write_store(big_ttl)
    store_seconds = time.perf_counter() - started
    store = open_store(big_ttl)
    assert store is not None
    count = len(store)
    print("synthetic: Oxigraph store", flush=True)
    big_oxigraph = run_library(store, args.repeat, None, names)
    started = time.perf_counter()
    memory = pyoxigraph.Store()
    memory.bulk_load(path=str(big_ttl), format=pyoxigraph.RdfFormat.N_TRIPLES)
    oxigraph_parse = time.perf_counter() - started
    print(f"  Oxigraph: store written in {store_seconds:.1f} s, read into memory in "
          f"{oxigraph_parse:.1f} s; {count:,} distinct triples", flush=True)
    print("synthetic: Oxigraph in memory", flush=True)
    big_memory = run_library(memory, args.repeat, None, names)
    del memory
    gc.collect()

    big_rdflib: dict = {}
    rdflib_parse = None
    if not args.no_rdflib_large:
        from rdflib import Graph

        print("synthetic: rdflib parsing", flush=True)
        started = time.perf_counter()
        graph = Graph()
        graph.parse(big_ttl, format="nt")
        rdflib_parse = time.perf_counter() - started
        print(f"  rdflib: parsed in {rdflib_parse:.1f} s", flush=True)
        print("synthetic: rdflib", flush=True)
        big_rdflib = run_library(graph, 1, args.rdflib_timeout, names)

    slow = [name for name, (fast, _) in big_oxigraph.items() if fast >= LIMIT_SECONDS]
    load = f"Load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}."
    report += [f"## Synthetic: {args.municipalities} municipalities × 4 documents "
               f"({count:,} triples)", "",
               f"Generated in {generated:.1f} s. Loading: Oxigraph persistent store (what "
               f"`beleidsgraaf build` writes) {store_seconds:.1f} s, Oxigraph in memory "
               f"{oxigraph_parse:.1f} s"
               + (f", rdflib in memory {rdflib_parse:.1f} s "
                  f"({rdflib_parse / oxigraph_parse:,.0f}×)." if rdflib_parse else "."),
               "", f"rdflib runs once and is stopped after {args.rdflib_timeout:.0f} s; "
               f"Oxigraph is the best of {args.repeat} runs on the persistent store (what "
               "`query` and `serve` use) and, for comparison, on an in-memory store.", "",
               *table(big_rdflib, big_oxigraph, args.rdflib_timeout, True, big_memory), "",
               ("Every named query answers in under 1 s on Oxigraph." if not slow else
                "Over 1 s on the Oxigraph store: " + ", ".join(slow) + "."), "", load, ""]
    ratios = [(big_rdflib[n][0] or args.rdflib_timeout) / f
              for n, (f, _) in big_oxigraph.items() if n in big_rdflib and f > 0]
    if ratios:
        report += [f"Median ratio rdflib / Oxigraph: {statistics.median(ratios):,.0f}× "
                   "(a stopped rdflib query counts as its time limit).", ""]
    print("\n".join(report))
    out = args.out or (None if names else ROOT / "benchmarks" / "results" / "queries.md")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(report), encoding="utf-8")
        print(f"wrote {out}")
    return 0 if not slow else 1


if __name__ == "__main__":
    raise SystemExit(main())
