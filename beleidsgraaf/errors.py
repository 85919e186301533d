"""Domain exceptions. Library code raises these; only the CLI prints and exits."""

from __future__ import annotations


class BeleidsgraafError(Exception):
    """Base class: something the user can act on."""


class DocumentError(BeleidsgraafError):
    """A source document cannot be turned into a graph.

    Carries the file name, an optional line number and a hint on what to do.
    """

    def __init__(self, file: str, reason: str, *, line: int | None = None, hint: str = ""):
        self.file = file
        self.reason = reason
        self.line = line
        self.hint = hint
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {reason}" + (f" ({hint})" if hint else ""))


class UnreadableDocument(DocumentError):
    """The file is empty, binary, undecodable, too large or cannot be opened."""


class ReferenceDataError(BeleidsgraafError):
    """A bundled reference data file (law register, gazetteer, …) is malformed."""


class ManifestError(BeleidsgraafError):
    """A ``manifest.csv`` is malformed."""


class QueryError(BeleidsgraafError):
    """A SPARQL query cannot be found, parsed or bound."""


class GraphNotFound(BeleidsgraafError):
    """The graph file a command needs does not exist yet."""


class OutputError(BeleidsgraafError):
    """An output file of the build cannot be written."""
