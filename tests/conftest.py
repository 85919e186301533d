"""Shared fixtures: the bundled corpus, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsgraaf.model import Document, Element, Kind, Line, SourceText
from beleidsgraaf.structure import Structure, recognise

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
ND2024 = "neder-betuwe_2024_programmabegroting-programma-5.txt"
ND2026 = "neder-betuwe_2026_programmabegroting-programma-5.txt"
NG2022 = "nieuwegein_2022_programmabegroting-vekob.txt"
NG2026 = "nieuwegein_2026_programmaplan-vekob.txt"
WIJCHEN = "wijchen_2025_informatienota-robuust-sociaal-team.txt"


def source_of(text: str, name: str = "fixture.txt") -> SourceText:
    from beleidsgraaf.read.text import split_lines

    return SourceText(Path(name), split_lines(text), "utf-8", "0" * 64)


def structure_of(text: str) -> Structure:
    """Recognise a small fixture document given as a string."""
    return recognise(source_of(text))


def by_label(elements: list[Element], start: str) -> Element:
    found = [e for e in elements if e.label.startswith(start)]
    assert len(found) == 1, f"{len(found)} elements start with {start!r}"
    return found[0]


def kinds(elements: list[Element], kind: Kind) -> list[Element]:
    return [e for e in elements if e.kind is kind]


def element_lines(element: Element) -> set[int]:
    return {line.number for line in element.lines}


@pytest.fixture(scope="session")
def built():
    """The whole bundled corpus built once (documents by file name)."""
    from beleidsgraaf.pipeline import build

    result = build([CORPUS])
    return {d.meta.source_file: d for d in result.documents}


@pytest.fixture(scope="session")
def corpus_graph(built, tmp_path_factory):
    """The corpus written by the real build command into a temporary folder."""
    from beleidsgraaf.build import run_build

    out = tmp_path_factory.mktemp("graph")
    run_build([CORPUS], out, maps=False)
    return out


def line_of(document: Document, number: int) -> Line:
    return document.source.lines[number - 1]
