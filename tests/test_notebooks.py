"""The notebooks in notebooks/: stored without outputs, and they run top to bottom.

Running them needs the ``notebooks`` extra (``pip install -e '.[notebooks]'``, which
``.ci/run`` installs); without it those tests are skipped with the reason. Each notebook
asserts facts about its own results, so a broken pipeline fails the notebook.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
EXPECTED = ("01-quickstart.ipynb", "02-partner-network.ipynb", "03-change-over-time.ipynb")
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell
EXTRA = ("nbformat", "nbclient", "ipykernel", "matplotlib")
WATCHED = ("graph", "notebooks", "corpus")


def _ids(path: Path) -> str:
    return path.name


def test_the_notebooks_of_the_readme_exist():
    assert set(EXPECTED) <= {path.name for path in NOTEBOOKS}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"notebooks/{name}" in readme, f"README does not link notebooks/{name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_stored_without_outputs(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code, f"{path.name} has no code cells"
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs", []) == [], f"{path.name}: cell {index} has outputs"
        assert cell.get("execution_count") is None, (
            f"{path.name}: cell {index} has an execution count"
        )
    assert any("assert " in "".join(cell["source"]) for cell in code), (
        f"{path.name} asserts nothing about its results"
    )


def _snapshot(root: Path) -> dict[str, int]:
    """What a notebook could leave behind in the checkout: the files under graph/, notebooks/
    and corpus/, and the entries at the top level (other files may change under concurrent
    work in a shared checkout)."""
    found = {f"./{entry.name}": 0 for entry in root.iterdir()}
    for name in WATCHED:
        for path in sorted((root / name).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[str(path.relative_to(root))] = path.stat().st_mtime_ns
    return found


@pytest.fixture
def this_python_kernel(tmp_path, monkeypatch):
    """The kernel ``python3`` run by this interpreter (the one with beleidsgraaf installed),
    whatever other ``python3`` kernel a user folder may hold: JUPYTER_PATH comes first."""
    folder = tmp_path / "jupyter" / "kernels" / "python3"
    folder.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3",
        "language": "python",
    }
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_runs_top_to_bottom(path: Path, this_python_kernel):
    for module in EXTRA:
        pytest.importorskip(
            module,
            reason=f"the notebooks extra is not installed ({module} "
            "missing): pip install -e '.[notebooks]'",
        )
    import nbclient
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    before = _snapshot(ROOT)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(FOLDER)}},
    )
    client.execute()
    after = _snapshot(ROOT)
    changed = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    assert not changed, f"{path.name} changed files in the checkout: {changed}"
