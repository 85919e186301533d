"""Command-line interface. The only module that prints and exits.

Exit codes (all commands): 0 success; 1 the work was done but something failed
(a document could not be built, a graph does not validate, a query failed);
2 usage error (bad arguments, missing graph file).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from beleidsgraaf.errors import BeleidsgraafError, GraphNotFound, QueryError

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("graph")
DEFAULT_GRAPH = DEFAULT_OUT / "beleidsgraaf.ttl"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except GraphNotFound as exc:
        _error(f"{exc} — run 'beleidsgraaf build' first or pass --graph FILE")
        return EXIT_USAGE
    except QueryError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except BeleidsgraafError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted; no outputs were replaced")
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="beleidsgraaf",
        description="Dutch municipal policy documents as an evidence-linked knowledge graph.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the graph from documents")
    build.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="files or folders (default: the bundled corpus/)")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (graph/)")
    build.add_argument("--no-reason", action="store_true", help="skip OWL reasoning")
    build.add_argument("--no-maps", action="store_true", help="skip the HTML maps")
    build.add_argument("--no-validate", action="store_true",
                       help="skip SHACL validation (minutes on a national corpus; "
                            "'beleidsgraaf validate' runs it later)")
    build.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    build.add_argument("--jobs", "-j", type=_positive, metavar="N",
                       help="worker processes for reading and extracting (default: one per CPU)")
    build.add_argument("--cache", type=Path, metavar="DIR",
                       help="keep unchanged documents' results here (default: OUT/.cache)")
    build.add_argument("--no-cache", action="store_true",
                       help="re-extract every document and keep no cache")
    build.set_defaults(handler=_build)

    synth = commands.add_parser("synth", help="write a synthetic corpus (tests, benchmarks)")
    synth.add_argument("--municipalities", type=_positive, default=342, metavar="N",
                       help="number of municipalities (default: all 342)")
    synth.add_argument("--years", type=_positive, default=4, metavar="N",
                       help="documents per municipality, one per year up to 2026 (default: 4)")
    synth.add_argument("--out", type=Path, required=True, help="folder to write into")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    synth.set_defaults(handler=_synth)

    query = commands.add_parser("query", help="run a SPARQL query (file or library name)")
    query.add_argument("query", nargs="?", help="path to a .rq file or a name in queries/")
    query.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--list", action="store_true", help="list the query library")
    query.set_defaults(handler=_query)

    laws = commands.add_parser("laws", help="which activities depend on which laws")
    laws.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    laws.add_argument("--municipality", help="name or CBS code")
    laws.add_argument("--format", choices=("table", "csv", "json", "html"), default="table")
    laws.add_argument("--out", type=Path, help="write to a file instead of standard output")
    laws.set_defaults(handler=_laws)

    maps = commands.add_parser("map", help="write an interactive HTML network map")
    maps.add_argument("kind", choices=("partners", "laws", "references"))
    maps.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    maps.add_argument("--municipality", help="name or CBS code")
    maps.add_argument("--out", type=Path,
                      help="output file (default: graph/maps/KIND.html, .graphml, …)")
    maps.add_argument("--format", choices=("html", "graphml", "gexf", "csv"), default="html",
                      help="html: interactive map; graphml/gexf (Gephi)/csv: the network")
    maps.set_defaults(handler=_map)

    serve = commands.add_parser("serve", help="read-only SPARQL endpoint at /sparql")
    serve.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=_serve)

    push = commands.add_parser(
        "push", help="upload the graph to a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="PUT every named graph of the TriG file (one per document, plus reference "
                    "data, ontology, inferences) to a Graph Store endpoint; each PUT replaces "
                    "its graph at once. Credentials: --user, else BELEIDSGRAAF_USER; the "
                    "password from BELEIDSGRAAF_PASSWORD (or --password).")
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="Graph Store endpoint, e.g. "
                           "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso)")
    push.add_argument("--graph", type=Path, default=DEFAULT_OUT / "beleidsgraaf.trig",
                      help="the TriG file to upload (graph/beleidsgraaf.trig)")
    push.add_argument("--graph-uri", metavar="IRI", help="put everything into this one graph")
    push.add_argument("--user", help="user name (default: $BELEIDSGRAAF_USER)")
    push.add_argument("--password", help="password (prefer $BELEIDSGRAAF_PASSWORD)")
    push.add_argument("--timeout", type=float, default=300.0, help="seconds per request")
    push.set_defaults(handler=_push)

    validate = commands.add_parser("validate", help="SHACL validation of the graph")
    validate.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    validate.set_defaults(handler=_validate)
    return parser


# ------------------------------------------------------------------- build
def _build(args: argparse.Namespace) -> int:
    from beleidsgraaf.build import run_build

    paths = args.paths or [DEFAULT_CORPUS]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _error("no such file or folder: " + ", ".join(str(p) for p in missing))
        return EXIT_USAGE
    started = time.perf_counter()
    progress = None if args.quiet else _progress
    cache: Path | bool = False if args.no_cache else (args.cache or True)
    outcome = run_build(paths, args.out, reason=not args.no_reason, maps=not args.no_maps,
                        progress=progress, jobs=args.jobs, cache=cache,
                        validate=not args.no_validate)
    for failure in outcome.result.failures:
        where = f"{failure.file}:{failure.line}" if failure.line else failure.file
        _error(f"{where}: {failure.reason}")
    if not args.quiet:
        print(outcome.summary(time.perf_counter() - started))
    if not outcome.result.documents and not outcome.result.failures:
        from beleidsgraaf.read import SUPPORTED

        _error(f"no documents found (supported: {', '.join(sorted(SUPPORTED))})")
        return EXIT_USAGE
    return EXIT_FAILED if outcome.result.failures else EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return value


def _synth(args: argparse.Namespace) -> int:
    from beleidsgraaf.synth import write_corpus

    documents = write_corpus(args.out, args.municipalities, args.years, args.seed)
    layouts = sorted({d.layout for d in documents})
    print(f"wrote {len(documents)} documents ({', '.join(layouts)}) for "
          f"{len({d.cbs_code for d in documents})} municipalities → {args.out}/ "
          f"(with manifest.csv and synth.json)")
    return EXIT_OK


def _progress(number: int, total: int, name: str) -> None:
    print(f"[{number}/{total}] {name}", file=sys.stderr)


# ------------------------------------------------------------------- query
def _query(args: argparse.Namespace) -> int:
    from beleidsgraaf.query import format_result, library, load_query, parse_params, run_query

    if args.list:
        for name, title in library():
            print(f"{name:34} {title}")
        return EXIT_OK
    if not args.query:
        _error("name a query (see 'beleidsgraaf query --list') or a .rq file")
        return EXIT_USAGE
    try:
        params = parse_params(args.param)
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    text = load_query(args.query)
    result = run_query(text, args.graph, params)
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK


def _laws(args: argparse.Namespace) -> int:
    from beleidsgraaf.analyse.laws import law_report, render

    rows = law_report(args.graph, args.municipality)
    _emit(render(rows, args.format), args.out)
    return EXIT_OK


def _map(args: argparse.Namespace) -> int:
    from beleidsgraaf.visualise.maps import write_map

    out = args.out or DEFAULT_OUT / "maps" / f"{args.kind}.{args.format}"
    nodes = write_map(args.kind, args.graph, out, municipality=args.municipality,
                      fmt=args.format)
    print(f"wrote {out} ({nodes} nodes)")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from beleidsgraaf.serve import serve

    serve(args.graph, args.host, args.port, announce=print)
    return EXIT_OK


def _push(args: argparse.Namespace) -> int:
    import os

    from beleidsgraaf.push import PushError, PushUsageError, push

    def report(outcome) -> None:  # type: ignore[no-untyped-def]
        print(f"{'ok' if outcome.ok else 'FAILED'}  <{outcome.graph}>  {outcome.triples} "
              f"triples  {outcome.status}  {outcome.message}")

    try:
        results = push(args.endpoint, args.graph, graph_uri=args.graph_uri,
                       user=args.user or os.environ.get("BELEIDSGRAAF_USER") or None,
                       password=args.password or os.environ.get("BELEIDSGRAAF_PASSWORD"),
                       timeout=args.timeout, progress=report)
    except PushUsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except PushError as exc:
        _error(str(exc))
        return EXIT_FAILED
    failed = [r for r in results if not r.ok]
    print(f"pushed {len(results) - len(failed)} of {len(results)} graphs "
          f"({sum(r.triples for r in results if r.ok):,} triples) to {args.endpoint}")
    for outcome in failed:
        _error(f"<{outcome.graph}>: {outcome.message}")
    return EXIT_FAILED if failed else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from beleidsgraaf.validate import validate_file

    conforms, text = validate_file(args.graph)
    print(text)
    return EXIT_OK if conforms else EXIT_FAILED


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from beleidsgraaf.output.writer import AtomicFiles

    with AtomicFiles(out.parent) as files:
        files.write(out.name, text)
    print(f"wrote {out}")


def _error(message: str) -> None:
    print(f"beleidsgraaf: error: {message}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
