"""The build pipeline: read → recognise → extract → link, one document at a time.

Extraction components declare what they read and write (as spaCy components
do), so the order is explicit and a new extractor is one more entry in
:data:`COMPONENTS`. A failing document is recorded and skipped; the others are
still built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from beleidsgraaf.errors import DocumentError
from beleidsgraaf.extract.laws import find_agreement_links, find_law_links
from beleidsgraaf.extract.organisations import find_organisations
from beleidsgraaf.extract.references import find_references
from beleidsgraaf.link import link_continuations, resolve_references
from beleidsgraaf.model import Document, Link
from beleidsgraaf.read import discover, read_document
from beleidsgraaf.reference.laws import LawRegister, load_register
from beleidsgraaf.reference.municipalities import load_municipalities
from beleidsgraaf.reference.organisations import Gazetteer, load_gazetteer
from beleidsgraaf.structure import recognise
from beleidsgraaf.structure.meta import detect_meta, read_manifest


@dataclass
class Context:
    """Reference data shared by all documents of a build (loaded once)."""

    @cached_property
    def laws(self) -> LawRegister:
        return load_register()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer()


@dataclass(frozen=True)
class Component:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Document, Context], None]


def _laws(document: Document, context: Context) -> None:
    for element in document.elements:
        document.links.extend(find_law_links(element, context.laws, document.meta.year))
        document.links.extend(find_agreement_links(element, context.laws, document.meta.year))


def _organisations(document: Document, context: Context) -> None:
    region = _region_hint(document)
    for element in document.elements:
        links, found = find_organisations(element, context.gazetteer, document.meta.municipality,
                                          region, known=document.organisations)
        document.links.extend(links)
        document.organisations.update(found)


def _references(document: Document, context: Context) -> None:
    for element in document.elements:
        if found := find_references(element):
            document.references[element.key] = found


def _region_hint(document: Document) -> str | None:
    if document.meta.cbs_code is None:
        return None
    municipality = load_municipalities().by_code(document.meta.cbs_code)
    return municipality.province if municipality else None


COMPONENTS: tuple[Component, ...] = (
    Component("laws", ("elements", "meta.year"), ("links:mentionsLaw", "links:impliesLaw"), _laws),
    Component("organisations", ("elements", "meta.municipality"),
              ("links:involves", "organisations"), _organisations),
    Component("references", ("elements",), ("references",), _references),
)


def process(path: Path, manifest: dict[str, dict[str, str]], context: Context) -> Document:
    """Read, recognise and extract one document (no corpus-level links yet)."""
    source = read_document(path)
    meta = detect_meta(source, manifest)
    structure = recognise(source)
    document = Document(source=source, meta=meta, layout=structure.layout,
                        elements=structure.elements, noise=structure.noise)
    for component in COMPONENTS:
        component.run(document, context)
    _warn(document)
    return document


def _warn(document: Document) -> None:
    meta = document.meta
    for field_name in ("municipality", "year", "doc_type"):
        if getattr(meta, field_name) is None:
            document.warnings.append(f"{field_name} not detected; add it to manifest.csv")
    if not document.elements:
        document.warnings.append("no structure recognised")


@dataclass(frozen=True)
class Failure:
    file: str
    reason: str
    line: int | None = None


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def links(self) -> Iterator[tuple[Document, Link]]:
        for document in self.documents:
            for link in document.links:
                yield document, link


def build(paths: list[Path], *, progress: Callable[[int, int, str], None] | None = None,
          context: Context | None = None) -> BuildResult:
    """Build every document under ``paths``; failures are collected, not raised."""
    context = context or Context()
    files = discover(paths)
    manifests = _manifests(files)
    result = BuildResult()
    for number, path in enumerate(files, start=1):
        if progress:
            progress(number, len(files), path.name)
        try:
            result.documents.append(process(path, manifests.get(path.parent, {}), context))
        except DocumentError as exc:
            result.failures.append(Failure(exc.file, exc.reason, exc.line))
    resolve_references(result.documents)
    link_continuations(result.documents)
    return result


def _manifests(files: list[Path]) -> dict[Path, dict[str, dict[str, str]]]:
    return {folder: read_manifest(folder) for folder in {f.parent for f in files}}
