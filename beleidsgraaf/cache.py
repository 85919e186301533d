"""Incremental builds: per-document results kept by content hash.

Reading, recognising and extracting a document (:func:`beleidsgraaf.pipeline.process`) is
by far the most expensive part of a build, and it depends only on

* the bytes of the file,
* its name and its row in ``manifest.csv`` (municipality, year and type can come from
  either), and
* the code and reference data that do that work.

:class:`DocumentCache` keeps the :class:`~beleidsgraaf.model.Document` that ``process``
returned — before the corpus-level link stage, which needs all documents and is always
run again — as a pickle named by the SHA-256 of those three things. The last one is
:func:`version_stamp`: a hash of the modules the per-document stage imports and of the
bundled reference data, so a change to either starts afresh. An unchanged document is then
loaded instead of re-extracted; a changed one gets a new key.

The cache lives in ``<out>/.cache/`` (``beleidsgraaf build --cache DIR`` elsewhere,
``--no-cache`` not at all). Entries are written to a temporary name and renamed, so an
interrupted build never leaves a half-written entry; an entry that cannot be read is
treated as missing. :meth:`DocumentCache.prune` removes the entries the last build did not
use. Only point ``--cache`` at a folder you trust: entries are pickles.
"""

from __future__ import annotations

import ast
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


# What produces a cached result: the per-document stage and everything it imports.
# ``link`` runs after the cache (on all documents, every build), so it does not count.
ROOTS = ("beleidsgraaf.pipeline",)
AFTER_THE_CACHE = frozenset({"beleidsgraaf.link"})


@cache
def version_stamp() -> str:
    """Hash of the code and reference data that produce a document's result.

    The code is every module of the package that the per-document stage imports, directly
    or not (found by reading the ``import`` statements, including those inside functions);
    the data is every other file in the sub-packages those modules live in
    (``reference/data/*.csv``). Changing the output stage, the reasoner or the maps keeps
    the cache; changing a reader, a structure rule, an extractor or a reference list starts
    afresh.
    """
    digest = hashlib.sha256(f"beleidsgraaf-cache {FORMAT} {sys.version_info[:2]} "
                            f"{pickle.HIGHEST_PROTOCOL}".encode())
    for path in sorted(_sources()):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _sources() -> set[Path]:
    modules = _imported(ROOTS)
    files: set[Path] = set()
    for name in modules:
        path = _module_file(name)
        if path is None:
            continue
        files.add(path)
        if path.parent != PACKAGE:  # a sub-package: its data files too
            files.update(p for p in path.parent.rglob("*") if p.is_file()
                         and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts)
    return files


def _imported(roots: tuple[str, ...]) -> set[str]:
    """The package's modules that ``roots`` import, transitively."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name in AFTER_THE_CACHE:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen.add(name)
        parent = name.rpartition(".")[0]
        if parent.startswith("beleidsgraaf."):
            todo.append(parent)  # importing a.b.c runs a/b/__init__.py
        package = name if path.name == "__init__.py" else parent
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith("beleidsgraaf")]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 \
                        else package
                    base = f"{anchor}.{base}" if base else anchor
                if base.startswith("beleidsgraaf"):
                    todo.append(base)
                    todo += [f"{base}.{a.name}" for a in node.names]  # submodules, if any
    return seen


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "beleidsgraaf":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


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
