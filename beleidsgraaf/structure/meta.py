"""Who wrote a document, for which year, and what kind of document it is.

Values come from ``manifest.csv`` first, then from the text, then from the
file name (researchers save downloads as ``leudal_2026_begroting.html``);
:attr:`DocumentMeta.sources` records which.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from beleidsgraaf.errors import ManifestError
from beleidsgraaf.model import DocumentMeta, SourceText
from beleidsgraaf.reference.municipalities import load_municipalities

DOC_TYPES = (  # (pattern, type) — first match in the text or file name wins
    (r"programmabegroting|begroting", "programmabegroting"),
    (r"programmaplan", "programmaplan"),
    (r"jaarstukken|jaarverslag|jaarrekening", "jaarstukken"),
    (r"voorjaarsnota|voorjaarsrapportage", "voorjaarsnota"),
    (r"najaarsnota|najaarsrapportage", "najaarsnota"),
    (r"kadernota|perspectiefnota", "kadernota"),
    (r"raadsinformatiebrief|informatienota|raadsmededeling", "informatienota"),
    (r"raadsvoorstel|collegevoorstel", "raadsvoorstel"),
    (r"beleidskader|beleidsplan|beleidsnota|visie", "beleidskader"),
    (r"verordening|regeling|besluit", "regeling"),
)
_TEXT_TYPE = re.compile(r"\b(?:met )?(?:deze|dit|de)\s+(programmabegroting|begroting|programmaplan|"
                        r"jaarstukken|jaarverslag|voorjaarsnota|najaarsnota|kadernota|"
                        r"informatienota|raadsinformatiebrief|raadsvoorstel|beleidskader)\b", re.I)
_HEAD_TYPE = re.compile(r"^\s*(Programmabegroting|Begroting|Programmaplan|Jaarstukken|Jaarverslag|"
                        r"Voorjaarsnota|Najaarsnota|Kadernota|Informatienota|Raadsinformatiebrief|"
                        r"Raadsvoorstel|Beleidskader)\b", re.I | re.M)
_YEAR_CUES = re.compile(
    r"\b(?:Activiteiten|Programmabegroting|Begroting|Jaarstukken|Jaarverslag|Programmaplan|"
    r"Voorjaarsnota|Najaarsnota|Ontwikkelingen voor)\s+((?:19|20)\d{2})\b", re.I)
_DATE_CUE = re.compile(r"^\s*(?:Collegedatum|Datum|Raadsvergadering)\s*:\s*.*?((?:19|20)\d{2})\b",
                       re.I | re.M)
_FILE_YEAR = re.compile(r"(?:^|[_\-. ])((?:19|20)\d{2})(?=$|[_\-. ])")


def detect_meta(source: SourceText, manifest: dict[str, dict[str, str]] | None = None
                ) -> DocumentMeta:
    """Detect municipality, CBS code, year and type; the manifest overrides."""
    meta = DocumentMeta(source_file=source.name)
    text = "\n".join(line.text for line in source.lines)
    stem = source.path.stem
    _municipality(meta, text, stem)
    _year(meta, text, stem)
    _doc_type(meta, text, stem)
    if manifest and source.name in manifest:
        _apply_manifest(meta, manifest[source.name])
    return meta


def _municipality(meta: DocumentMeta, text: str, stem: str) -> None:
    register = load_municipalities()
    mentions = Counter({m: n for m, n in register.find_in_text(text)})
    from_name = register.from_filename(stem)
    best = mentions.most_common(1)[0] if mentions else None
    if best and (best[1] >= 2 or from_name is None or from_name == best[0]):
        chosen, source = best[0], "text"
    elif from_name is not None:
        chosen, source = from_name, "filename"
    else:
        return
    meta.municipality, meta.cbs_code = chosen.name, chosen.cbs_code
    meta.sources["municipality"] = source


def _year(meta: DocumentMeta, text: str, stem: str) -> None:
    cues = Counter(int(y) for y in _YEAR_CUES.findall(text))
    if m := _DATE_CUE.search(text):
        cues[int(m.group(1))] += 2
    if cues:
        meta.year, meta.sources["year"] = cues.most_common(1)[0][0], "text"
    elif m := _FILE_YEAR.search(stem):
        meta.year, meta.sources["year"] = int(m.group(1)), "filename"


def _doc_type(meta: DocumentMeta, text: str, stem: str) -> None:
    head = "\n".join(text.splitlines()[:15])
    for found, source in ((_HEAD_TYPE.search(head), "text"), (_TEXT_TYPE.search(text), "text")):
        if found:
            meta.doc_type, meta.sources["doc_type"] = _type_of(found.group(1)), source
            return
    name = stem.lower()
    for pattern, doc_type in DOC_TYPES:
        if re.search(pattern, name):
            meta.doc_type, meta.sources["doc_type"] = doc_type, "filename"
            return


def _type_of(word: str) -> str:
    return next((t for p, t in DOC_TYPES if re.fullmatch(p, word.lower()) or
                 re.search(p, word.lower())), word.lower())


def _apply_manifest(meta: DocumentMeta, row: dict[str, str]) -> None:
    register = load_municipalities()
    if name := (row.get("municipality") or "").strip():
        found = register.resolve(name)
        meta.municipality = found.name if found else name
        meta.cbs_code = found.cbs_code if found else None
        meta.sources["municipality"] = "manifest"
    if year := (row.get("year") or "").strip():
        meta.year, meta.sources["year"] = int(year), "manifest"
    if doc_type := (row.get("doc_type") or "").strip():
        meta.doc_type, meta.sources["doc_type"] = doc_type, "manifest"


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """``manifest.csv`` of a folder as ``{file name: row}``; empty when there is none."""
    path = folder / "manifest.csv"
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(f"{path}: cannot be read ({exc})") from exc
    if rows and "file" not in rows[0]:
        raise ManifestError(f"{path}: header must be file,municipality,year,doc_type")
    for number, row in enumerate(rows, start=2):
        year = (row.get("year") or "").strip()
        if year and not year.isdigit():
            raise ManifestError(f"{path}:{number}: year '{year}' is not a number")
    return {row["file"].strip(): row for row in rows if (row.get("file") or "").strip()}
