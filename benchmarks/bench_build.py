"""Build benchmark: time and peak memory of ``beleidsgraaf build`` at 10, 100 and ~1,400
documents, against rdflib parsing the Turtle file the build writes.

    python benchmarks/bench_build.py                    # synthetic national corpus, all sizes
    python benchmarks/bench_build.py --sizes 10,100     # quicker
    python benchmarks/bench_build.py --corpus DIR       # your own documents

Each size is built in a fresh process (``run_build`` with reasoning and maps, the default
``--jobs``, a cold cache, no SHACL validation: ``build --no-validate``); the same process
then parses the ``beleidsgraaf.ttl`` it wrote with rdflib (``Graph().parse``), the baseline
every figure is divided by. The largest size is also rebuilt with a warm cache (nothing
changed, then one file changed) and once more with SHACL validation (pySHACL, the build's
default), and the 100-document set once with one worker, to show what the second core
brings. Results go to
``benchmarks/results/build.md`` (and ``build.json``).

The machine may be shared: the load average is recorded before and after, and ratios to
the baseline measured in the same process are less sensitive to it than seconds.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
STAGES = ("read", "meta", "recognise", "laws", "organisations", "references", "extract",
          "link", "map", "reason", "serialise", "report", "validate", "maps-load", "maps-draw",
          "maps", "trig", "store")
PER_DOCUMENT = ("read", "meta", "recognise", "laws", "organisations", "references")


# ------------------------------------------------------------------------------ one run
def child(args: argparse.Namespace) -> None:
    """Build once, then parse the Turtle file with rdflib; print one JSON line."""
    sys.path.insert(0, str(ROOT))
    from beleidsgraaf.build import run_build

    cache: Path | bool = Path(args.cache) if args.cache else False
    started, cpu = time.perf_counter(), _cpu()
    outcome = run_build([Path(args.input)], Path(args.output), jobs=args.jobs, cache=cache,
                        validate=args.validate)
    wall = time.perf_counter() - started
    cpu = _cpu() - cpu
    build_rss = _rss()
    workers_rss = _rss(resource.RUSAGE_CHILDREN)
    result = {
        "documents": len(outcome.result.documents), "failed": len(outcome.result.failures),
        "extracted": outcome.result.extracted, "cached": outcome.result.cached,
        "triples_named_graphs": len(outcome.corpus),
        "triples": len(outcome.corpus.triples()),
        "wall": wall, "cpu": cpu, "rss": build_rss, "workers_rss": workers_rss,
        "timings": outcome.timings, "jobs": args.jobs or os.cpu_count(),
        "ttl_bytes": (Path(args.output) / "beleidsgraaf.ttl").stat().st_size,
        "validated": args.validate,
    }
    del outcome
    gc.collect()
    from rdflib import Graph

    started = time.perf_counter()
    graph = Graph()
    graph.parse(Path(args.output) / "beleidsgraaf.ttl", format="turtle")
    result["parse"] = time.perf_counter() - started
    result["parsed_triples"] = len(graph)
    result["parse_rss"] = _rss()
    print(json.dumps(result))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _rss(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident set size in bytes (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss * 1024


def run(corpus: Path, output: Path, jobs: int | None, cache: Path | None,
        validate: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", "--input", str(corpus),
               "--output", str(output)]
    if validate:
        command.append("--validate")
    if jobs:
        command += ["--jobs", str(jobs)]
    if cache:
        command += ["--cache", str(cache)]
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True, cwd=ROOT)
        total = 0
        while process.poll() is None:
            total = max(total, tree_memory(process.pid))
            time.sleep(0.2)
        stdout.seek(0)
        stderr.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"benchmark run failed:\n{stderr.read()[-4000:]}")
        result = json.loads(stdout.read().strip().splitlines()[-1])
    result["total_memory"] = total
    return result


def tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants now, in bytes: the sum of their
    proportional set sizes (PSS: a page shared by forked processes is counted once in
    total), or of their resident sizes where PSS is not available. 0 off Linux."""
    total = 0
    for member in [pid, *_descendants(pid)]:
        total += _pss(member)
    return total


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def _pss(pid: int) -> int:
    for name, label in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(label):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return 0


# ------------------------------------------------------------------------------ corpora
def subset(corpus: Path, size: int, into: Path) -> Path:
    """The first ``size`` documents (by file name: whole municipalities, all their years)."""
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))
    chosen = files[:size]
    into.mkdir(parents=True, exist_ok=True)
    for path in chosen:
        (into / path.name).symlink_to(path.resolve())
    manifest = corpus / "manifest.csv"
    if manifest.is_file():
        names = {p.name for p in chosen}
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        with (into / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(
                [rows[0], *(r for r in rows[1:] if r and r[0] in names)])
    return into


def touch_one(folder: Path) -> str:
    """Change one document (replace its link by a changed copy); its name."""
    documents = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    path = documents[len(documents) // 2]
    text = path.read_text(encoding="utf-8")
    path.unlink()
    path.write_text(text.replace("\n", "\nWe zetten in op een extra buurtteam.\n", 1),
                    encoding="utf-8")
    return path.name


# ------------------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--validate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    parser.add_argument("--corpus", type=Path, help="documents (default: synthetic, 342 × 4)")
    parser.add_argument("--sizes", default="10,100,500,all", help="document counts (default: "
                        "10,100,500,all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--render", action="store_true",
                        help="only write build.md and build-curve.svg again from build.json")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.render:
        write_results(json.loads((args.results / "build.json").read_text(encoding="utf-8")),
                      args.results)
        return
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        report = measure(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "build.json").write_text(json.dumps(report, indent=1) + "\n",
                                             encoding="utf-8")
    write_results(report, args.results)
    print(markdown(report))


def write_results(report: dict, folder: Path) -> None:
    (folder / "build.md").write_text(markdown(report), encoding="utf-8")
    (folder / "build-curve.svg").write_text(curve_svg(report), encoding="utf-8")


def measure(args: argparse.Namespace, work: Path) -> dict:
    from beleidsgraaf.synth import write_corpus

    load_before = os.getloadavg()
    started = time.perf_counter()
    corpus = args.corpus
    if corpus is None:
        corpus = work / "synthetic"
        write_corpus(corpus, 342, 4, args.seed)
    total = len([p for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm")])
    sizes = sorted({total if s == "all" else min(int(s), total) for s in args.sizes.split(",")})
    runs: dict[str, dict] = {}
    for size in sizes:
        folder = subset(corpus, size, work / f"in-{size}")
        print(f"building {size} documents …", file=sys.stderr, flush=True)
        runs[f"cold-{size}"] = run(folder, work / f"out-{size}", args.jobs,
                                   work / f"cache-{size}")
        if size == 100 or (size == sizes[0] and 100 not in sizes):
            runs[f"serial-{size}"] = run(folder, work / f"serial-{size}", 1, None)
    largest = sizes[-1]
    folder = work / f"in-{largest}"
    print("rebuilding with a warm cache …", file=sys.stderr, flush=True)
    runs[f"warm-{largest}"] = run(folder, work / f"out-{largest}", args.jobs,
                                  work / f"cache-{largest}")
    changed = touch_one(folder)
    runs[f"one-changed-{largest}"] = run(folder, work / f"out-{largest}", args.jobs,
                                         work / f"cache-{largest}")
    runs[f"one-changed-{largest}"]["changed"] = changed
    print("building with SHACL validation …", file=sys.stderr, flush=True)
    runs[f"validated-{largest}"] = run(folder, work / f"validated-{largest}", args.jobs, None,
                                       validate=True)
    import rdflib

    return {
        "corpus": "synthetic (beleidsgraaf synth --municipalities 342 --years 4 --seed "
                  f"{args.seed})" if args.corpus is None else str(args.corpus),
        "sizes": sizes, "runs": runs, "seconds": time.perf_counter() - started,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "rdflib": rdflib.__version__, "platform": platform.platform(),
                    "load_before": load_before, "load_after": os.getloadavg(),
                    "memory_gib": _memory_gib()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def _memory_gib() -> float:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0.0
    return pages / 2**30


# ------------------------------------------------------------------------------ report
def markdown(report: dict) -> str:
    runs, sizes = report["runs"], report["sizes"]
    machine = report["machine"]
    mib = 2**20
    lines = [
        "# Build benchmark",
        "",
        f"`python benchmarks/bench_build.py` on {report['date']}: {report['corpus']}; "
        f"{machine['cpus']} CPUs, {machine['memory_gib']:.0f} GiB, Python {machine['python']}, "
        f"rdflib {machine['rdflib']}. Load average before/after: "
        f"{' '.join(f'{x:.1f}' for x in machine['load_before'])} / "
        f"{' '.join(f'{x:.1f}' for x in machine['load_after'])} (a shared machine: compare "
        "ratios, not seconds).",
        "",
        "**Baseline**: rdflib `Graph().parse()` of the `beleidsgraaf.ttl` that the build wrote, "
        "in the same process right after the build. **Ratio** = build time / parse time "
        "(below 1: the whole build, maps and reasoning included, takes less time than rdflib "
        "alone needs to read its result). **Peak memory** is sampled every 0.2 s over the build "
        "process and all its children (extraction workers, the TriG and maps processes) as the "
        "sum of their proportional set sizes, so pages the forked processes share are counted "
        "once; the build process's own peak and the largest child's are listed too.",
        "",
        "## End to end (cold cache, default jobs, no SHACL validation)",
        "",
        "| documents | triples | Turtle | build | rdflib parse | ratio | build per doc | "
        "peak memory | build process | largest child | memory per doc |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        r = runs[f"cold-{size}"]
        lines.append(
            f"| {r['documents']:,} | {r['triples']:,} | {r['ttl_bytes'] / mib:.0f} MiB | "
            f"{r['wall']:.1f} s | {r['parse']:.1f} s | **{r['wall'] / r['parse']:.2f}** | "
            f"{1000 * r['wall'] / r['documents']:.0f} ms | {r['total_memory'] / mib:,.0f} MiB | "
            f"{r['rss'] / mib:,.0f} MiB | {r['workers_rss'] / mib:,.0f} MiB | "
            f"{r['total_memory'] / r['documents'] / mib:.2f} MiB |")
    lines += ["", "## Stages (seconds, and as a share of the rdflib parse time)", "",
              "Per-document stages (read … references) are CPU seconds summed over the worker "
              "processes; `extract` is the wall time in which the workers did them all. Then "
              "the build process links, maps and reasons; from reasoning on, a forked process "
              "writes the TriG file and another loads the TriG text into its own store as it "
              "is written (`maps-load`, ending soon after `reason`) and draws the maps "
              "(`maps-draw`) while the build process writes the Turtle file (`serialise`). "
              "`trig`, `maps` and `store` are what the build process still waits for them and "
              "for the persistent Oxigraph store (loaded from the Turtle file in a thread) "
              "after its own work; `validate` is SHACL (`validation.txt`).",
              "", "| stage | " + " | ".join(f"{s:,} docs" for s in sizes) + " |",
              "|---|" + "---:|" * len(sizes)]
    for stage in STAGES:
        cells = []
        for size in sizes:
            r = runs[f"cold-{size}"]
            seconds = r["timings"].get(stage)
            cells.append("–" if seconds is None else
                         f"{seconds:.1f} s ({seconds / r['parse']:.2f})")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    largest = sizes[-1]
    warm, changed = runs[f"warm-{largest}"], runs[f"one-changed-{largest}"]
    cold, validated = runs[f"cold-{largest}"], runs.get(f"validated-{largest}")
    lines += ["", f"## Incremental, and with validation ({largest:,} documents)", "",
              "| build | extracted | from cache | time | ratio to parse | peak memory (all) |",
              "|---|---:|---:|---:|---:|---:|"]
    rows = [("cold cache", cold), ("warm cache, nothing changed", warm),
            (f"warm cache, one file changed ({changed['changed']})", changed)]
    if validated:
        rows.append((f"cold, with SHACL validation ({validated['timings']['validate']:.0f} s "
                     "of it)", validated))
    for label, r in rows:
        lines.append(f"| {label} | {r['extracted']:,} | {r['cached']:,} | {r['wall']:.1f} s | "
                     f"{r['wall'] / r['parse']:.2f} | {r['total_memory'] / mib:,.0f} MiB |")
    for key in sorted(k for k in runs if k.startswith("serial-")):
        serial = runs[key]
        parallel = runs[f"cold-{key.split('-')[1]}"]
        lines += ["", f"## Both cores ({serial['documents']:,} documents)", "",
                  "| jobs | build | extract (wall) | CPU | ratio to parse |",
                  "|---:|---:|---:|---:|---:|"]
        for r in (serial, parallel):
            lines.append(f"| {r['jobs']} | {r['wall']:.1f} s | "
                         f"{r['timings']['extract']:.1f} s | {r['cpu']:.1f} s | "
                         f"{r['wall'] / r['parse']:.2f} |")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ the curve
def curve_svg(report: dict) -> str:
    """Time (build and rdflib parse) and peak memory against the number of documents, for
    the cold builds: two small line charts in one SVG (no plotting library needed)."""
    cold = [report["runs"][f"cold-{n}"] for n in report["sizes"]]
    gib = 1024 ** 3
    time_panel = _panel(0, "seconds", [("build", "#1f4e79", "", [(r["documents"], r["wall"])
                                                                  for r in cold]),
                                       ("rdflib parse", "#888888", "6 4",
                                        [(r["documents"], r["parse"]) for r in cold])])
    memory_panel = _panel(360, "GiB (peak, all processes)", [
        ("build", "#1f4e79", "", [(r["documents"], r["total_memory"] / gib) for r in cold]),
        ("4 GiB", "#b22222", "3 3", [(0, 4.0), (max(r["documents"] for r in cold), 4.0)])])
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="260" '
            'font-family="sans-serif" font-size="11">\n'
            '<rect width="720" height="260" fill="#ffffff"/>\n'
            + time_panel + memory_panel + "</svg>\n")


def _panel(left: int, unit: str, series: list[tuple[str, str, str, list[tuple[float, float]]]]
           ) -> str:
    x0, y0, width, height = left + 50, 220, 280, 180
    top_x = _nice(max(x for *_, points in series for x, _ in points))
    top_y = _nice(max(y for *_, points in series for _, y in points))

    def at(x: float, y: float) -> str:
        return f"{x0 + width * x / top_x:.1f},{y0 - height * y / top_y:.1f}"

    parts = [f'<line x1="{x0}" y1="{y0}" x2="{x0 + width}" y2="{y0}" stroke="#000"/>',
             f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y0 - height}" stroke="#000"/>',
             f'<text x="{x0 + width / 2}" y="{y0 + 32}" text-anchor="middle">documents</text>',
             f'<text x="{x0}" y="{y0 - height - 10}" text-anchor="middle">{unit}</text>']
    for step in range(_steps(top_x) + 1):
        x = top_x * step / _steps(top_x)
        parts.append(f'<text x="{x0 + width * step / _steps(top_x):.1f}" y="{y0 + 15}" '
                     f'text-anchor="middle">{x:,.0f}</text>')
    for step in range(_steps(top_y) + 1):
        y = top_y * step / _steps(top_y)
        parts.append(f'<text x="{x0 - 6}" y="{y0 - height * step / _steps(top_y) + 4:.1f}" '
                     f'text-anchor="end">{y:g}</text>')
    for number, (name, colour, dash, points) in enumerate(series):
        line = " ".join(at(x, y) for x, y in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" '
                     f'stroke-width="2" stroke-dasharray="{dash or "none"}"/>')
        parts += [f'<circle cx="{at(x, y).split(",")[0]}" cy="{at(x, y).split(",")[1]}" '
                  f'r="3" fill="{colour}"/>' for x, y in points if dash == ""]
        parts.append(f'<text x="{x0 + width - 80}" y="{y0 - height + 14 * number}" '
                     f'fill="{colour}">{name}</text>')
    return "\n".join(parts) + "\n"


def _steps(top: float) -> int:
    """Four ticks for 2 × 10ⁿ, five for 1, 2.5 and 5 × 10ⁿ."""
    leading = top / 10 ** math.floor(math.log10(top))
    return 4 if round(leading) == 2 and abs(leading - 2) < 1e-9 else 5


def _nice(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    power = 10 ** math.floor(math.log10(value)) if value > 0 else 1
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= value)


if __name__ == "__main__":
    main()

