"""A read-only view of an Oxigraph store that the map builders can use as an rdflib graph."""

from __future__ import annotations

from collections.abc import Callable


class StoreView:
    """Stands in for an rdflib ``Graph`` where only ``query`` is used (the map builders, which
    read rows by position: a SELECT answers with a list of tuples, remembered, since the store
    does not change); any other attribute is taken from the rdflib ``Graph`` that
    ``fallback`` makes, on first use. ``union``: the store holds named graphs (loaded from
    TriG), and the queries ask about their union."""

    read_only = True  # the map builders may keep what they derive from it

    def __init__(self, store: object, fallback: Callable[[], object], *, union: bool = False):
        self._store = store
        self._union = union  # the store holds named graphs (TriG): query their union
        self._fallback = fallback
        self._graph: object | None = None
        self._terms = _Terms()
        self._answers: dict[tuple, object] = {}  # query and bindings → result

    def query(self, text: str, initBindings: dict | None = None,  # noqa: N803 (rdflib's name)
              **kwargs: object) -> object:
        import pyoxigraph

        from beleidsgraaf.errors import QueryError
        from beleidsgraaf.store import as_result, execute

        if kwargs:  # options only rdflib knows (initNs, …)
            return self.__getattr__("query")(text, initBindings=initBindings, **kwargs)
        key = (text, tuple(sorted((initBindings or {}).items())))
        if key in self._answers:  # the store does not change: the maps ask some things twice
            return self._answers[key]
        answer = execute(self._store, text, initBindings,  # type: ignore[arg-type]
                         union=self._union)
        if not isinstance(answer, pyoxigraph.QuerySolutions):  # ASK, CONSTRUCT: not in maps
            return as_result(answer)
        # as beleidsgraaf.store.query, but each distinct term is converted only once, and
        # rows are plain tuples: the map builders only unpack them by position
        convert = self._terms.__getitem__
        try:
            rows = [tuple(map(convert, solution)) for solution in answer]
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from None
        self._answers[key] = rows
        return rows

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._graph is None:
            self._graph = self._fallback()
        return getattr(self._graph, name)


class _Terms(dict):
    """Oxigraph term → rdflib term, each made once (a look-up of a known term runs no
    Python code)."""

    def __init__(self) -> None:
        super().__init__({None: None})  # an unbound variable

    def __missing__(self, term: object) -> object:
        from beleidsgraaf.store import to_rdflib

        found = self[term] = to_rdflib(term)
        return found
