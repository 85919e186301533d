"""The law-dependency report: which activities depend on which laws, and where it says so.

Rows come from the graph by SPARQL: an activity's own explicit or implied law
links, plus those of the sections under it (``via`` names the section).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Graph, Literal

from beleidsgraaf.query import load_graph, table

_QUERY = """
SELECT ?document ?municipality ?year ?activity ?code ?label ?how ?law ?lawLabel ?bwb ?quote
       ?line ?via
WHERE {
  ?activity a bg:Activity ; rdfs:label ?label ; bg:inDocument ?doc .
  ?doc bg:sourceFile ?document .
  OPTIONAL { ?doc bg:year ?year }
  OPTIONAL { ?doc bg:municipality/skos:prefLabel ?municipality }
  OPTIONAL { ?activity bg:code ?code }
  { ?activity ?p ?law . BIND(?activity AS ?holder) }
  UNION
  { ?holder bg:directlyPartOf+ ?activity ; a bg:Section ; rdfs:label ?via ; ?p ?law . }
  VALUES (?p ?how) { (bg:mentionsLaw "explicit") (bg:impliesLaw "implied") }
  ?law skos:prefLabel ?lawLabel .
  OPTIONAL { ?law bg:bwbId ?bwb }
  ?evidence rdf:subject ?holder ; rdf:predicate ?p ; rdf:object ?law ;
            bg:quote ?quote ; bg:line ?line .
  FILTER (!BOUND(?wanted) || LCASE(STR(?municipality)) = LCASE(STR(?wanted))
          || EXISTS { ?doc bg:municipality/bg:cbsCode ?wanted })
}
"""


_CHANGES = """
SELECT ?law ?until ?amendingLabel ?from
WHERE {
  ?law a bg:Law .
  OPTIONAL { ?law bg:inForceUntil ?until }
  OPTIONAL { ?amending eli:amends ?law ; skos:prefLabel ?amendingLabel ; bg:inForceFrom ?from }
}
"""


@dataclass(frozen=True)
class LawRow:
    document: str
    municipality: str
    year: int | None
    activity_code: str
    activity: str
    law: str
    bwb_id: str
    how: str
    via: str
    line: int
    quote: str
    flags: str = ""


def law_report(graph: Graph | Path, municipality: str | None = None) -> list[LawRow]:
    """Every (activity, law) dependency with its evidence, sorted by document and line."""
    from beleidsgraaf.query import run_query

    if isinstance(graph, Path):
        graph = load_graph(graph)
    params = {"wanted": municipality} if municipality else {}
    result = run_query(_QUERY, graph, params)
    changes = _changes(graph)
    rows = set()
    for r in result:
        year = int(r.year) if r.year is not None else None
        rows.add(LawRow(
            str(r.document), str(r.municipality or ""), year, str(r.code or ""), str(r.label),
            str(r.lawLabel), str(r.bwb or ""), str(r.how), str(r.via or ""),
            int(r.line.toPython()) if isinstance(r.line, Literal) else 0, str(r.quote),
            "; ".join(_flags(changes.get(str(r.law), ([], [])), year))))
    return sorted(rows, key=lambda r: (r.document, r.line, r.activity, r.law, r.how))


Change = tuple[list[dt.date], list[tuple[str, dt.date]]]


def _changes(graph: Graph) -> dict[str, Change]:
    """Per law: when it stopped being in force, and the acts amending it with their start."""
    from beleidsgraaf.query import run_query

    found: dict[str, Change] = {}
    for r in run_query(_CHANGES, graph):
        until, amendments = found.setdefault(str(r.law), ([], []))
        if r.until is not None:
            until.append(r.until.toPython())
        if r.amendingLabel is not None and r["from"] is not None:
            amendments.append((str(r.amendingLabel), r["from"].toPython()))
    return found


def _flags(change: Change, year: int | None, today: dt.date | None = None) -> list[str]:
    """Why a dependency may be out of date: the law ended, or was amended since the document.

    >>> _flags(([dt.date(2024, 1, 1)], []), 2022, dt.date(2026, 1, 1))
    ['no longer in force since 2024-01-01']
    >>> _flags(([], [("Wet X", dt.date(2026, 1, 1))]), 2026)
    ['amended by Wet X (in force 2026-01-01) since the document']
    """
    today = today or dt.date.today()
    flags = [f"no longer in force since {d.isoformat()}" for d in sorted(set(change[0]))
             if d <= today]
    for label, start in sorted(set(change[1]), key=lambda a: (a[1], a[0])):
        if year is not None and start.year >= year:
            flags.append(f"amended by {label} (in force {start.isoformat()}) since the document")
    return flags


def render(rows: list[LawRow], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(list(LawRow.__dataclass_fields__))
        writer.writerows([list(asdict(r).values()) for r in rows])
        return buffer.getvalue()
    if fmt == "html":
        return html_page(rows)
    names = ["document", "activity", "law", "how", "line", "evidence", "note"]
    data = [[r.document, f"{r.activity_code} {r.activity}".strip(), r.law,
             r.how + (f" (via {r.via})" if r.via else ""), str(r.line), r.quote, r.flags]
            for r in rows]
    return table(names, data, width=40)


def html_page(rows: list[LawRow]) -> str:
    """Self-contained activities × laws matrix; evidence in each cell's tooltip."""
    laws = sorted({r.law for r in rows})
    activities = sorted({(r.document, r.activity_code, r.activity) for r in rows})
    cells: dict[tuple[tuple[str, str, str], str], list[LawRow]] = {}
    for r in rows:
        cells.setdefault(((r.document, r.activity_code, r.activity), r.law), []).append(r)
    e = html.escape
    head = "".join(f"<th><span>{e(law)}</span></th>" for law in laws)
    body = []
    for activity in activities:
        tds = []
        for law in laws:
            found = cells.get((activity, law), [])
            if not found:
                tds.append("<td></td>")
                continue
            mark = "●" if any(r.how == "explicit" for r in found) else "○"
            flags = sorted({r.flags for r in found if r.flags})
            mark += " ⚠" if flags else ""
            tip = "\n".join([f"line {r.line}: {r.quote}" for r in found] + flags)
            tds.append(f'<td class="hit" title="{e(tip)}">{mark}</td>')
        label = f"{activity[1]} {activity[2]}".strip()
        body.append(f"<tr><th class='row' title='{e(activity[0])}'>{e(label)}</th>"
                    f"{''.join(tds)}</tr>")
    return _PAGE.format(rows=len(rows), activities=len(activities), laws=len(laws),
                        head=head, body="\n".join(body))


_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>beleidsgraaf — activiteiten en wetten</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }}
table {{ border-collapse: collapse; font-size: 13px; }}
th, td {{ border: 1px solid #ddd; padding: 3px 6px; }}
thead th {{ height: 150px; vertical-align: bottom; }}
thead th span {{ writing-mode: vertical-rl; transform: rotate(180deg); }}
th.row {{ text-align: left; font-weight: normal; max-width: 42rem; }}
td.hit {{ text-align: center; color: #1f5fa8; cursor: help; }}
</style></head><body>
<h1>Which activities depend on which laws</h1>
<p>{rows} evidence rows, {activities} activities, {laws} laws. ● named explicitly,
○ implied by a statutory task, ⚠ the law has ended or was amended since the document.
Hover a cell for the sentence and its line.</p>
<table><thead><tr><th></th>{head}</tr></thead><tbody>
{body}
</tbody></table></body></html>
"""
