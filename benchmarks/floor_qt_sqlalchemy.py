"""The floor for startup on our stack: the bare Qt process, plus importing SQLAlchemy's ORM."""

from __future__ import annotations

import sys

import sqlalchemy.orm  # noqa: F401  (the import is what is measured)
from floor_qt import main

if __name__ == "__main__":
    sys.exit(main())
