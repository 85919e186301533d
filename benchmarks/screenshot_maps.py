"""Screenshots of the three maps of the bundled corpus for the documentation (docs/maps/*.png).

Run by hand after changing how the maps look; needs Debian's chromium and chromium-driver and
the selenium package (dev dependency)::

    python benchmarks/screenshot_maps.py            # builds corpus/ into a temporary folder
    python benchmarks/screenshot_maps.py --graph-dir graph --out docs/maps

The browser runs headless and offline (see beleidsgraaf.visualise.browser). PNGs above
--max-kb are reduced to a 256-colour palette (Pillow), which keeps them sharp.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from beleidsgraaf.visualise.browser import MapBrowser, missing_reason  # noqa: E402
from beleidsgraaf.visualise.maps import MAP_KINDS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph-dir", type=Path,
                        help="a build's output folder with maps/ (default: build corpus/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "maps")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--max-kb", type=int, default=300)
    args = parser.parse_args(argv)
    if reason := missing_reason():
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.graph_dir
        if folder is None:
            from beleidsgraaf.build import run_build

            folder = Path(scratch) / "graph"
            run_build([ROOT / "corpus"], folder, maps=True)
        with MapBrowser(Path(scratch) / "profile", args.width, args.height) as browser:
            for kind in MAP_KINDS:
                seconds = browser.open(folder / "maps" / f"{kind}.html")
                state = browser.state()
                assert not browser.outside_requests() and not browser.alerts()
                shot = browser.screenshot(args.out / f"{kind}.png")
                _shrink(shot, args.max_kb)
                print(f"{shot}: {state.node_count} nodes, {state.edge_count} edges, "
                      f"settled in {seconds:.1f} s, {shot.stat().st_size // 1024} KB")
    return 0


def _shrink(path: Path, max_kb: int) -> None:
    if path.stat().st_size <= max_kb * 1024:
        return
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


if __name__ == "__main__":
    raise SystemExit(main())
