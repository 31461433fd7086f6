"""How long the learner's text may be: declared once, used by the services and the export format."""

MAX_NAME = 60
"""A profile name."""
MAX_TITLE = 200
"""A project's title."""
MAX_ID = 200
"""An id from a roadmap file (a task, a skill, an idea, a career step)."""
MAX_SHORT = 2_000
"""A one-line value: a link, a key."""
MAX_TEXT = 1_000_000
"""A note or a summary."""
