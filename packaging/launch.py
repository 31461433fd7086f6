"""The standalone build's entry point: the same program as `roadmap-app`."""

import sys

from roadmap_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
