"""The law-dependency report: which activities depend on which laws, and where it says so.

Rows come from the graph by SPARQL: an activity's own explicit or implied law
links, plus those of the sections under it (``via`` names the section).
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Graph, Literal

from beleidsgraaf.query import load_graph, table

_QUERY = """
SELECT ?document ?municipality ?activity ?code ?label ?how ?law ?lawLabel ?bwb ?quote ?line ?via
WHERE {
  ?activity a bg:Activity ; rdfs:label ?label ; bg:inDocument ?doc .
  ?doc bg:sourceFile ?document .
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


@dataclass(frozen=True)
class LawRow:
    document: str
    municipality: str
    activity_code: str
    activity: str
    law: str
    bwb_id: str
    how: str
    via: str
    line: int
    quote: str


def law_report(graph: Graph | Path, municipality: str | None = None) -> list[LawRow]:
    """Every (activity, law) dependency with its evidence, sorted by document and line."""
    from beleidsgraaf.query import run_query

    if isinstance(graph, Path):
        graph = load_graph(graph)
    params = {"wanted": municipality} if municipality else {}
    result = run_query(_QUERY, graph, params)
    rows = {
        LawRow(str(r.document), str(r.municipality or ""), str(r.code or ""), str(r.label),
               str(r.lawLabel), str(r.bwb or ""), str(r.how), str(r.via or ""),
               int(r.line.toPython()) if isinstance(r.line, Literal) else 0, str(r.quote))
        for r in result
    }
    return sorted(rows, key=lambda r: (r.document, r.line, r.activity, r.law, r.how))


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
    names = ["document", "activity", "law", "how", "line", "evidence"]
    data = [[r.document, f"{r.activity_code} {r.activity}".strip(), r.law,
             r.how + (f" (via {r.via})" if r.via else ""), str(r.line), r.quote] for r in rows]
    return table(names, data, width=48)


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
            tip = "\n".join(f"line {r.line}: {r.quote}" for r in found)
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
○ implied by a statutory task. Hover a cell for the sentence and its line.</p>
<table><thead><tr><th></th>{head}</tr></thead><tbody>
{body}
</tbody></table></body></html>
"""
