"""The desktop window (PySide6). Reaches the learner's data only through `Services`."""
