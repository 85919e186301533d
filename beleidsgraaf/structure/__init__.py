"""Structure stage: :class:`SourceText` lines → elements (programme … activity, sections).

:func:`recognise` first looks at the document's shape as a whole (which
layout, how deep the numbering goes, whether it is a council memo), then lets
the :class:`~beleidsgraaf.structure.assemble.Assembler` walk the lines once;
an activity without a timing of its own takes one printed in its own sentence ("Vanaf
2026 …", "… (2025 e.v.)"); last, timings stated once for a document or section ("…,
tenzij anders vermeld") go to the goals and activities still without one
(:mod:`beleidsgraaf.structure.defaults`).
"""

from __future__ import annotations

from dataclasses import dataclass

from beleidsgraaf.model import Element, Kind, SourceText
from beleidsgraaf.structure.assemble import Assembler
from beleidsgraaf.structure.defaults import apply_default_timings
from beleidsgraaf.structure.layout import DocumentShape, survey
from beleidsgraaf.structure.lines import classify
from beleidsgraaf.structure.timing import timing_in_sentence


@dataclass
class Structure:
    layout: str
    elements: list[Element]
    noise: set[int]


def recognise(source: SourceText) -> Structure:
    """Recognise the element hierarchy of one document."""
    shapes = [classify(line.text) for line in source.lines]  # read by both passes
    shape: DocumentShape = survey(source.lines, shapes)
    assembler = Assembler(source.lines, base_depth=shape.base_depth, memo=shape.memo,
                          wrapped=shape.wrapped)
    elements = assembler.run(shapes)
    _timings_in_sentences(elements)
    apply_default_timings(elements)
    for element in elements:
        element.properties = {k: v for k, v in element.properties.items() if not k.startswith("_")}
    return Structure(layout=shape.layout, elements=elements, noise=assembler.noise)


def _timings_in_sentences(elements: list[Element]) -> None:
    for element in elements:
        if element.kind is not Kind.ACTIVITY or element.timing:
            continue
        if found := timing_in_sentence(element.label):  # the title sentence only
            element.timing = found
