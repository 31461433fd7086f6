"""``storage.tables``, imported the first time one of its names is read.

A service module that names the ORM classes only in its writes imports this in their place
(``tables.ProjectRow``): a command that only reads, through ``storage.plain``, then never
pays for the 24 declarative classes. Type checkers see ``storage.tables`` itself:

    if TYPE_CHECKING:
        from roadmap_app.storage import tables
    else:
        from roadmap_app.storage import lazy_tables as tables
"""

from __future__ import annotations

from roadmap_app.storage.lazy import forwarding

__getattr__ = forwarding("roadmap_app.storage.tables", globals())
