"""Turn classified lines into a hierarchy of elements (one pass, a small stack).

The assembler knows four levels (programme → ambition → goal → activity) and
sections that hang under any of them. Which level a line opens is decided by
its shape: a keyword ("Thema", "Doel 1:"), a numbering depth relative to the
programme, a column of a goal/activity table, or a list introduced by words
such as "speerpunten" or "Wat gaan we daarvoor doen?". A summary part followed
by a narrative part that repeats codes or titles re-opens the same elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from beleidsgraaf.model import Element, Kind, Line
from beleidsgraaf.structure.lines import (
    Classified,
    Shape,
    classify,
    heading_like,
    role_of,
    starts_lowercase,
    strip_new_mark,
)
from beleidsgraaf.structure.timing import parse_timing

LEVELS = (Kind.PROGRAMME, Kind.AMBITION, Kind.GOAL, Kind.ACTIVITY)
_SLUG = {Kind.PROGRAMME: "programma", Kind.AMBITION: "ambitie", Kind.GOAL: "doel",
         Kind.ACTIVITY: "activiteit", Kind.SECTION: "sectie"}
_KEYWORD_KIND = {"thema": Kind.AMBITION, "ambitie": Kind.AMBITION, "beleidsveld": Kind.AMBITION,
                 "hoofddoel": Kind.AMBITION, "kerndoel": Kind.AMBITION,
                 "speerpunt": Kind.GOAL, "doel": Kind.GOAL, "doelstelling": Kind.GOAL,
                 "subdoel": Kind.GOAL, "operationeel doel": Kind.GOAL, "prioriteit": Kind.GOAL,
                 "activiteit": Kind.ACTIVITY, "actie": Kind.ACTIVITY, "maatregel": Kind.ACTIVITY}
_STRUCTURAL = re.compile(
    r"^(?:ontwikkelingen|activiteiten|wat mag het kosten|financi[eë]n|financi[eë]le|"
    r"beleidsindicatoren|"
    r"verbonden partijen|beleidskaders?|risico|relatie met|kernboodschap|eerdere besluiten|"
    r"toelichting|gevolgen|communicatie|uitvoering|vervolgstappen|geheimhouding|besluit|inleiding|"
    r"samenvatting|bijlage|aanleiding|argumenten|beoogd effect|kanttekeningen|planning|"
    r"bedragen x|overzicht)\b", re.I)
_TIMING_FIELD = re.compile(r"\b(?:Planning|Wanneer|Termijn|Gereed|Looptijd|Periode)\s*:\s*"
                           r"([^.;:()]{2,40}?)\s*(?:[.;)]|$)", re.I)
# A list item that only points elsewhere is a cross-reference of the element above it.
_REFERENCE_ONLY = re.compile(r"(?:zie(?:\s+ook)?|(?:wij|we)\s+verwijzen\s+(?:u\s+)?naar)\s",
                             re.I)
_ROLE_KIND = {"ambition": Kind.AMBITION, "goal": Kind.GOAL, "activity": Kind.ACTIVITY}
_QUESTION_TITLE = re.compile(r"^(?:Wat|Wie|Hoe|Wanneer|Waarom|Welke|Waar)\b[^?]{0,90}\?$", re.I)
_EXPLANATION = re.compile(r"^(?:toelichting|argumenten|maatregelen|onderdelen)\b", re.I)


@dataclass
class _Frame:
    section: Element
    has_body: bool = False


@dataclass
class Assembler:
    """Single-use: ``Assembler(lines, memo=..., base=...).run()`` → elements, noise lines."""

    lines: list[Line]
    base_depth: int = 1
    memo: bool = False
    wrapped: bool = False
    elements: list[Element] = field(default_factory=list)
    noise: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.levels: dict[Kind, Element | None] = dict.fromkeys(LEVELS)
        self.sections: list[_Frame] = []
        self.columns: list[str] = []
        self.list_role: str | None = None
        self.mode: str | None = None
        self.last_activity: Element | None = None
        self.pending: list[Line] = []
        self.by_key: dict[str, Element] = {}
        self.by_code: dict[str, Element] = {}
        self.titles: dict[str, Element] = {}
        self.counters: dict[str, int] = {}
        self.previous: Classified | None = None
        self.in_explanation = False
        self.heading_line = False
        self.prev_heading = False
        self.heading_role: str | None = None

    # ---------------------------------------------------------------- driver
    def run(self, shapes: list[Classified] | None = None) -> list[Element]:
        """Assemble the lines; ``shapes``, if given, are the lines already classified
        (:func:`classify`, one fresh object per line: they are marked here)."""
        if shapes is None:
            shapes = [classify(line.text) for line in self.lines]
        shapes = [_with_reader_heading(c, line) for c, line in zip(shapes, self.lines, strict=True)]
        pairs = zip(shapes, shapes[1:], strict=False)
        self.blank_after = {id(a): b.shape is Shape.BLANK for a, b in pairs}
        following = _next_contents(shapes)
        for i, (line, shape) in enumerate(zip(self.lines, shapes, strict=True)):
            was_heading = self.prev_heading = self.heading_line
            self.heading_line = False
            self._dispatch(line, shape, following[i])
            if shape.shape is not Shape.BLANK:
                self.previous = shape
            else:
                self.heading_line = was_heading
        for line in self.pending:
            if self.elements:
                self.elements[0].attach(line)
        self._adopt_orphans()
        return self.elements

    def _adopt_orphans(self) -> None:
        """Sections met before any programme/ambition belong to the first one."""
        top = next((e for e in self.elements if e.kind in LEVELS and e.parent is None), None)
        for element in self.elements:
            if top is not None and element.parent is None and element.kind is Kind.SECTION:
                element.parent = top.key

    def _dispatch(self, line: Line, c: Classified, following: Classified | None) -> None:
        handler = getattr(self, f"_on_{c.shape.name.lower()}")
        handler(line, c, following)

    # -------------------------------------------------------------- handlers
    def _on_blank(self, line: Line, c: Classified, following: Classified | None) -> None:
        if self.list_role and following and following.shape is not Shape.LIST_ITEM:
            self.list_role = None

    def _on_noise(self, line: Line, c: Classified, following: Classified | None) -> None:
        self.noise.add(line.number)

    def _on_separator(self, line: Line, c: Classified, following: Classified | None) -> None:
        self._attach(line)

    def _on_programme(self, line: Line, c: Classified, following: Classified | None) -> None:
        self._open_level(Kind.PROGRAMME, line, c.title or c.text, code=c.code)

    def _on_keyword(self, line: Line, c: Classified, following: Classified | None) -> None:
        kind = _KEYWORD_KIND.get(c.keyword, Kind.GOAL)
        element = self._open_level(kind, line, c.title, code=c.code,
                                   slug=c.keyword.replace(" ", "-"))
        if not c.title:
            element.properties["_await_title"] = "1"

    def _on_code(self, line: Line, c: Classified, following: Classified | None) -> None:
        if c.title and (_QUESTION_TITLE.match(c.title) or _STRUCTURAL.match(c.title)):
            inner = classify(c.title)
            self._dispatch(line, inner if inner.shape is Shape.QUESTION else
                           Classified(Shape.TEXT, c.title, marked_heading=True), following)
            return
        depth = c.code.count(".") + 1
        existing = self.by_code.get(c.code)
        if existing is not None:
            self._reopen(existing, line)
            return
        index = depth - self.base_depth
        if index >= len(LEVELS):
            self._open_section(line, c.text, under=self._innermost_level())
            return
        kind = LEVELS[max(index, 0)]
        title = c.title
        element = self._open_level(kind, line, title, code=c.printed or c.code, key=c.code)
        self.by_code[c.code] = element
        if not title:
            element.properties["_await_title"] = "1"

    def _on_question(self, line: Line, c: Classified, following: Classified | None) -> None:
        role = role_of(c.text)
        self.heading_role = None
        if role in ("goal", "activity"):
            self.mode = role
            self.columns = []
        if following is not None and following.shape in (Shape.TEXT, Shape.FIELD,
                                                         Shape.LIST_ITEM):
            self._open_section(line, c.text, under=self._container(), structural=True)
            self.heading_role = role if role in ("goal", "activity") else None
        else:
            self._attach(line)

    def _on_row(self, line: Line, c: Classified, following: Classified | None) -> None:
        roles = [role_of(cell) for cell in c.cells]
        if c.code is None and _header_row(c.cells, roles, repeat=bool(self.columns)):
            self.columns = [r or "other" for r in roles]
            if "activity" in self.columns:
                self.mode = "activity"
            self._attach(line)
            return
        if c.code is not None:
            self._list_element(line, " ".join(c.cells), c.code, self.mode or "activity")
            return
        if len(c.cells) == 1 and self._is_repeat_title(c.cells[0]):
            self._attach(line)
            return
        if self.columns and ("goal" in self.columns or len(c.cells) > 1) and \
                not _numeric_row(c.cells):
            self._table_row(line, c.cells)
            return
        self._attach(line)

    def _on_list_item(self, line: Line, c: Classified, following: Classified | None) -> None:
        role = self.list_role or self.mode
        if _REFERENCE_ONLY.match(c.title):  # "2. Zie ook verschillenanalyse baten."
            self._attach(line)
        elif role in ("ambition", "goal", "activity") and not self._inside_own_kind(role):
            self._list_element(line, c.title, c.code, role, from_list=True)
        else:
            self._attach(line)

    def _inside_own_kind(self, role: str) -> bool:
        """A list inside an element's own text is detail, not a list of new siblings."""
        kind = _ROLE_KIND[role]
        current = self.levels.get(kind)
        listed = getattr(self, "_current_list", None)
        return current is not None and current is self._innermost_level() and \
            not self.sections and current is not listed

    def _on_timing(self, line: Line, c: Classified, following: Classified | None) -> None:
        target = self.last_activity
        if target is not None and target.timing is None:
            _set_timing(target, c.text)
            target.attach(line)
        else:
            self._attach(line)

    def _on_field(self, line: Line, c: Classified, following: Classified | None) -> None:
        if c.keyword == "onderwerp" and self.memo and self.levels[Kind.AMBITION] is None:
            self._open_level(Kind.AMBITION, line, c.title, slug="onderwerp")
            return
        self._attach(line)

    def _on_decision(self, line: Line, c: Classified, following: Classified | None) -> None:
        section = self._open_section(line, c.title, under=self._container_of_sections())
        section.properties["decisionDate"] = c.code or ""
        if m := re.search(r"\(([A-Z]{1,4}/\d{2}/\d+|\d{4}[-/]\d+)\)", c.title):
            section.properties["caseNumber"] = m.group(1)
        self.sections.pop()

    def _on_amount(self, line: Line, c: Classified, following: Classified | None) -> None:
        self._attach(line)
        holder = self.sections[-1].section if self.sections else self._innermost_level()
        if holder is not None:
            holder.properties[f"amount:{c.keyword}"] = c.title.replace(" ", "")

    def _on_text(self, line: Line, c: Classified, following: Classified | None) -> None:
        text = c.text
        awaiting = self._awaiting_title()
        if awaiting is not None:
            awaiting.label = _join_title(awaiting.label, text)
            awaiting.attach(line.as_heading())
            if following is None or following.shape is not Shape.TEXT or not self._continues(line):
                awaiting.properties.pop("_await_title", None)
            return
        if _UNIT.match(text):
            section = self._open_section(line, text.strip("()"), under=self._container(),
                                         structural=True)
            section.properties["unit"] = _unit(text)
            return
        match = self._match_title(text)
        if match is not None:
            self._reopen(match, line)
            return
        if self._is_heading(c, following):
            self._heading(line, text)
            return
        self._body(line, text)

    # --------------------------------------------------------------- actions
    def _heading(self, line: Line, text: str) -> None:
        field = _TIMING_FIELD.fullmatch(text.strip())
        if field and parse_timing(field.group(1)):  # "Planning: Q3 2026" is a field, not a title
            self._body(line, text)
            return
        self.heading_line = True
        if _STRUCTURAL.match(text):
            self.in_explanation = bool(_EXPLANATION.match(text))
            self.heading_role = self.mode = None
            self.columns = []
            self._open_section(line, text, under=self._container(), structural=True)
            return
        if self.heading_role is not None and not self.memo:
            kind = Kind.GOAL if self.heading_role == "goal" else Kind.ACTIVITY
            self._open_level(kind, line, text)
            return
        if self.memo and self.in_explanation:
            parent = self.levels[Kind.AMBITION] or self.levels[Kind.PROGRAMME]
            element = self._new(Kind.ACTIVITY, line, text, parent=parent)
            self.levels[Kind.ACTIVITY] = element
            self.last_activity = element
            self.sections = []
            return
        under = self._innermost_level()
        if self.sections and not self.sections[-1].has_body:
            under = self.sections[-1].section
        elif self.sections:
            under = self.sections[-1].section.parent and self.by_key.get(
                self.sections[-1].section.parent) or under
        self._open_section(line, text, under=under)

    def _body(self, line: Line, text: str) -> None:
        if self.list_role is None and text.rstrip().endswith(":"):
            self.list_role = role_of(text)
        self._timing_in_text(text)
        if self.sections:
            self.sections[-1].has_body = True
        self._attach(line)

    def _timing_in_text(self, text: str) -> None:
        """"Planning: in Q3 2026." in an activity's own text is its timing."""
        current = self._current()
        listed = getattr(self, "_current_list", None)
        if listed is not None and listed.kind is Kind.ACTIVITY and self.previous is not None \
                and self.previous.shape in (Shape.ROW, Shape.LIST_ITEM):
            activity = listed  # the line under a list item
        elif current is not None and current.kind is Kind.ACTIVITY:
            activity = current
        elif self.sections:
            return
        else:
            activity = self.levels[Kind.ACTIVITY]
        if activity is None or activity.timing:
            return
        for match in _TIMING_FIELD.finditer(text):
            if parse_timing(match.group(1)):
                _set_timing(activity, match.group(1))
                return

    def _table_row(self, line: Line, cells: list[str]) -> None:
        roles = [r for r in self.columns if r != "other"] or ["activity"]
        if len(cells) > len(roles):
            cells = cells[: len(roles) - 1] + [" ".join(cells[len(roles) - 1:])]
        if len(cells) < len(roles):
            roles = roles[len(roles) - len(cells):]
            if parse_timing(cells[-1]) is None and "timing" in roles:
                roles = [r for r in self.columns if r not in ("other", "timing")][-len(cells):]
        values = dict(zip(roles, cells, strict=False))
        if "ambition" in values:
            columns, mode = self.columns, self.mode
            self._open_level(Kind.AMBITION, line, values["ambition"])
            self.columns, self.mode = columns, mode
        if "goal" in values:
            self._open_level(Kind.GOAL, line, values["goal"])
        if "activity" in values:
            title, new = strip_new_mark(values["activity"])
            element = self._open_level(Kind.ACTIVITY, line, title)
            if new:
                element.properties["new"] = "true"
            if "timing" in values and parse_timing(values["timing"]):
                _set_timing(element, values["timing"])
        self._attach(line)

    def _list_element(self, line: Line, text: str, number: str, role: str,
                      from_list: bool = False) -> None:
        kind = _ROLE_KIND[role]
        parent = self._parent_for(kind)
        text = text.rstrip(";,. ") if from_list and len(text) <= 200 else text
        label, description = _title_and_description(text)
        element = self._new(kind, line, label, parent=parent, printed=number)
        if description != label:
            element.properties["description"] = description
        if kind is Kind.ACTIVITY:
            self.last_activity = element
        element.properties["_list"] = "1" if from_list else ""
        self._current_list = element

    def _open_level(self, kind: Kind, line: Line, title: str, *, code: str | None = None,
                    key: str | None = None, slug: str | None = None) -> Element:
        parent = self._parent_for(kind)
        element = self._new(kind, line, title, parent=parent, printed=code, key=key, slug=slug)
        self.levels[kind] = element
        for deeper in LEVELS[LEVELS.index(kind) + 1:]:
            self.levels[deeper] = None
        self.sections = []
        self.list_role = None
        self.in_explanation = False
        if kind in (Kind.PROGRAMME, Kind.AMBITION):
            self.mode = self.heading_role = None
            self.columns = []
        if kind is Kind.ACTIVITY:
            self.last_activity = element
        if self.pending:
            for pending in self.pending:
                element.attach(pending)
            self.pending = []
        return element

    def _open_section(self, line: Line, title: str, *, under: Element | None,
                      structural: bool = False) -> Element:
        element = self._new(Kind.SECTION, line, title, parent=under)
        if structural or not self.sections or under is not self.sections[-1].section:
            under_key = under.key if under else None
            self.sections = [f for f in self.sections if f.section.key != under_key
                             and _is_ancestor(self.by_key, f.section, under)]
        self.sections.append(_Frame(element))
        if self.pending:
            for pending in self.pending:
                element.attach(pending)
            self.pending = []
        return element

    def _reopen(self, element: Element, line: Line) -> None:
        self.heading_line = True
        element.attach(line.as_heading())
        index = LEVELS.index(element.kind) if element.kind in LEVELS else None
        if index is not None:
            self.levels[element.kind] = element
            for deeper in LEVELS[index + 1:]:
                self.levels[deeper] = None
            parent = self.by_key.get(element.parent or "")
            while parent is not None and parent.kind in LEVELS:
                self.levels[parent.kind] = parent
                parent = self.by_key.get(parent.parent or "")
        self.sections = []
        self.list_role = None
        if element.kind is Kind.ACTIVITY:
            self.last_activity = element

    def _attach(self, line: Line) -> None:
        target = self._current()
        if target is None:
            self.pending.append(line)
        else:
            target.attach(line)

    # --------------------------------------------------------------- lookups
    def _new(self, kind: Kind, line: Line, title: str, *, parent: Element | None,
             printed: str | None = None, key: str | None = None, slug: str | None = None
             ) -> Element:
        label = " ".join(title.split()) or _SLUG[kind]
        parent_key = parent.key if parent else None
        if key is None or key in self.by_key:
            key = self._local_key(kind, parent_key, printed, slug)
        element = Element(key=key, kind=kind, label=label, line=line.number, code=printed,
                          parent=parent_key, lines=[line.as_heading()])
        self.elements.append(element)
        self.by_key[key] = element
        if printed and "." in printed:
            self.by_code[printed] = element
        if kind in (Kind.GOAL, Kind.ACTIVITY):
            self.titles.setdefault(_norm(label), element)
            self.titles.setdefault(_norm(_REMARK.sub("", label)), element)
        return element

    def _local_key(self, kind: Kind, parent_key: str | None, printed: str | None,
                   slug: str | None) -> str:
        prefix = f"{parent_key}/" if parent_key else ""
        stem = slug or _SLUG[kind]
        if printed:
            candidate = f"{prefix}{stem}-{printed}"
            if candidate not in self.by_key:
                return candidate
        counter_key = f"{prefix}{stem}"
        while True:
            self.counters[counter_key] = self.counters.get(counter_key, 0) + 1
            candidate = f"{counter_key}-{self.counters[counter_key]}"
            if candidate not in self.by_key:
                return candidate

    def _parent_for(self, kind: Kind) -> Element | None:
        index = LEVELS.index(kind)
        for above in reversed(LEVELS[:index]):
            if self.levels[above] is not None:
                return self.levels[above]
        return None

    def _innermost_level(self) -> Element | None:
        for kind in reversed(LEVELS):
            if self.levels[kind] is not None:
                return self.levels[kind]
        return None

    def _container(self) -> Element | None:
        return self.levels[Kind.AMBITION] or self.levels[Kind.PROGRAMME] or self._innermost_level()

    def _container_of_sections(self) -> Element | None:
        return self.sections[-1].section if self.sections else self._container()

    def _current(self) -> Element | None:
        listed = getattr(self, "_current_list", None)
        in_list = listed is not None and (self.list_role or listed.properties.get("_list") == "")
        if in_list and self.previous is not None and \
                self.previous.shape in (Shape.ROW, Shape.LIST_ITEM):
            return listed
        if self.sections:
            return self.sections[-1].section
        return self._innermost_level()

    def _awaiting_title(self) -> Element | None:
        current = self._innermost_level()
        if current is not None and current.properties.get("_await_title"):
            return current
        return None

    def _blank_after(self, c: Classified) -> bool:
        return bool(self.blank_after.get(id(c)))

    def _continues(self, line: Line) -> bool:
        return not line.text.rstrip().endswith((".", "?", "!"))

    def _is_repeat_title(self, text: str) -> bool:
        current = self._innermost_level()
        return current is not None and _norm(text).endswith(_norm(current.label))

    def _match_title(self, text: str) -> Element | None:
        if len(text) > 300 or not self.titles:
            return None
        key = _norm(text)
        if key in self.titles:
            return self.titles[key]
        if not heading_like(text.rstrip(".")) and len(text) <= 100:
            return None
        for title, element in self.titles.items():
            if min(len(key), len(title)) >= 40 and (key.startswith(title) or title.startswith(key)):
                return element
            if 2.0 * min(len(key), len(title)) / (len(key) + len(title)) < 0.9:
                continue  # difflib's real_quick_ratio, without building a matcher
            matcher = SequenceMatcher(None, key, title, autojunk=False)
            if matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9:  # an upper bound first
                return element
        return None

    def _is_heading(self, c: Classified, following: Classified | None) -> bool:
        if c.marked_heading:
            return True
        if not heading_like(c.text):
            return False
        if self.previous is not None and self.previous.shape is Shape.TEXT and \
                not self.prev_heading and \
                not self.previous.text.rstrip().endswith((".", "?", "!", ":")) and \
                not heading_like(self.previous.text):
            return False
        if following is None:
            return False
        if _STRUCTURAL.match(c.text):
            return True
        if self.wrapped and len(c.text.split()) > 6 and not self._blank_after(c):
            return False
        if following.shape is Shape.TEXT:
            return not starts_lowercase(following.text)
        return following.shape in (Shape.AMOUNT, Shape.LIST_ITEM, Shape.ROW)


def _with_reader_heading(c: Classified, line: Line) -> Classified:
    """A reader that saw a heading (HTML <h2>, Word "Kop 2", larger PDF type) says so."""
    if line.heading and c.shape is Shape.TEXT:
        c.marked_heading = True
    return c


def _next_contents(shapes: list[Classified]) -> list[Classified | None]:
    """For each line, the next line that is neither blank nor noise (one backward pass)."""
    following: list[Classified | None] = [None] * len(shapes)
    ahead: Classified | None = None
    for i in range(len(shapes) - 1, -1, -1):
        following[i] = ahead
        if shapes[i].shape not in (Shape.BLANK, Shape.NOISE):
            ahead = shapes[i]
    return following


def _is_ancestor(by_key: dict[str, Element], section: Element, node: Element | None) -> bool:
    while node is not None:
        if node.key == section.key:
            return True
        node = by_key.get(node.parent or "")
    return False


def _header_cell(cell: str, role: str | None) -> bool:
    return (cell.endswith("?") and len(cell) <= 80) or (role is not None and len(cell) <= 40)


def _header_row(cells: list[str], roles: list[str | None], *, repeat: bool = False) -> bool:
    """Column headings: each names a role (or is a short label), at least two name one.

    Inside a table whose columns are known only question-style headings count, so a
    data row such as "Doel A | Actie 1 | continu" is never taken for a header.
    """
    if repeat:
        return all(cell.endswith("?") for cell in cells)
    if any(parse_timing(cell) or re.search(r"\d", cell) for cell in cells):
        return False
    named = [_header_cell(cell, role) for cell, role in zip(cells, roles, strict=True)]
    short = all(n or len(cell) <= 30 for n, cell in zip(named, cells, strict=True))
    return all(named) or (short and sum(named) >= 2)


def _numeric_row(cells: list[str]) -> bool:
    """Financial rows: every cell after the first is an amount, year or marker."""
    rest = cells[1:]
    return bool(rest) and all(re.fullmatch(r"[-+€\s\d.,%NV()]*", c) for c in rest) and \
        not any(parse_timing(c) for c in rest)


def _set_timing(element: Element, printed: str) -> None:
    element.timing = " ".join(printed.split())


_UNIT = re.compile(r"^\(?\s*(?:alle\s+)?bedragen\s*(?:x|in)\s*€?\s*(1[.,]000(?:[.,]000)?|"
                   r"duizend|miljoen|mln)", re.I)


def _unit(text: str) -> str:
    """Multiplier for amounts announced as "(bedragen x €1.000)"."""
    m = _UNIT.match(text)
    token = m.group(1).lower() if m else "1"
    return "1000000" if token in ("miljoen", "mln") or token.count("000") == 2 else (
        "1000" if "000" in token or token == "duizend" else "1")


_REMARK = re.compile(r"\s*\((?:zie|vgl|nieuw|relatie)\b[^)]*\)?\s*$", re.I)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _join_title(label: str, text: str) -> str:
    return text if label in _SLUG.values() else f"{label} {text}"


def _title_and_description(text: str) -> tuple[str, str]:
    """Long list cells: the first sentence is the title, the whole cell the description."""
    text = " ".join(text.split())
    if len(text) <= 200:
        return text, text
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
    return (first if len(first) <= 300 else first[:297].rstrip() + "…"), text
