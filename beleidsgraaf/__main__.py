"""``python -m beleidsgraaf …`` is the ``beleidsgraaf`` command."""

import sys

from beleidsgraaf.cli import main

if __name__ == "__main__":
    sys.exit(main())
