"""Same as ``beleidsgraaf build``: ``python build_graph.py [PATH ...] [--out DIR] ...``."""

import sys

from beleidsgraaf.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
