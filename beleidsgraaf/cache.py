"""Incremental builds: per-document results kept by content hash.

Reading, recognising and extracting a document (:func:`beleidsgraaf.pipeline.process`) is
by far the most expensive part of a build, and it depends only on

* the bytes of the file,
* its name and its row in ``manifest.csv`` (municipality, year and type can come from
  either), and
* the code and reference data that do the work.

:class:`DocumentCache` keeps the :class:`~beleidsgraaf.model.Document` that ``process``
returned — before the corpus-level link stage, which needs all documents and is always
run again — as a pickle named by the SHA-256 of those three things. The last one is
:func:`version_stamp`: a hash of every Python module of the package and every file of the
bundled reference data, so any change to the code or the data starts afresh. An unchanged
document is then loaded instead of re-extracted; a changed one gets a new key.

The cache lives in ``<out>/.cache/`` (``beleidsgraaf build --cache DIR`` elsewhere,
``--no-cache`` not at all). Entries are written to a temporary name and renamed, so an
interrupted build never leaves a half-written entry; an entry that cannot be read is
treated as missing. :meth:`DocumentCache.prune` removes the entries the last build did not
use. Only point ``--cache`` at a folder you trust: entries are pickles.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path

from beleidsgraaf.model import Document

PACKAGE = Path(__file__).resolve().parent
FORMAT = 1  # bump when the layout of the cache itself changes
SUFFIX = ".pickle"


@cache
def version_stamp() -> str:
    """Hash of the code and reference data that produce a document's result."""
    digest = hashlib.sha256(f"beleidsgraaf-cache {FORMAT} {sys.version_info[:2]} "
                            f"{pickle.HIGHEST_PROTOCOL}".encode())
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and (p.suffix == ".py" or "data" in p.relative_to(PACKAGE).parts))
    for path in files:
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class DocumentCache:
    """Per-document results under ``folder``, keyed by content, name, manifest and version."""

    def __init__(self, folder: Path, stamp: str | None = None):
        self.folder = Path(folder)
        self.stamp = stamp or version_stamp()
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, manifest_row: dict[str, str] | None) -> str | None:
        """The entry name for ``path`` as it is now; ``None`` if it cannot be read."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        row = json.dumps(manifest_row or {}, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(f"{self.stamp}\0{path.name}\0{row}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str | None, path: Path) -> Document | None:
        """The cached document for ``key`` (its source path set to ``path``), or ``None``."""
        if key is None:
            return None
        entry = self._path(key)
        try:
            with entry.open("rb") as stream:
                document = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            self.misses += 1
            return None
        if not isinstance(document, Document):
            self.misses += 1
            return None
        document.source.path = path
        self.used.add(key)
        self.hits += 1
        return document

    def put(self, key: str | None, document: Document | bytes) -> None:
        """Store ``document`` (or its pickle) under ``key``; a failure to write is ignored."""
        if key is None:
            return
        data = document if isinstance(document, bytes) else dumps(document)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self._path(key))
        except OSError:
            return
        self.used.add(key)

    def prune(self) -> int:
        """Remove entries not used since this cache object was made; the number removed."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for entry in self.folder.iterdir():
            stale = entry.suffix == SUFFIX and entry.stem not in self.used
            if stale or (entry.name.startswith(".") and entry.suffix == ".tmp"):
                entry.unlink(missing_ok=True)
                removed += 1
        return removed


def dumps(document: Document) -> bytes:
    return pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Document:
    return pickle.loads(data)
