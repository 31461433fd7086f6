"""The command line: the same program as the window, for scripts and terminal users."""

from roadmap_app.cli.parser import build_parser, run_command

__all__ = ["build_parser", "run_command"]
