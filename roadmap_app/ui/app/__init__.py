"""Starting the window: the Qt application, one window per data folder, opening the data."""

from roadmap_app.ui.app.run import run_window

__all__ = ["run_window"]
