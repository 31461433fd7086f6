"""Entry point: `roadmap-app` and `python -m roadmap_app`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line, or open the window when no command is given. Returns the exit code.

    Called with no arguments it is the program itself (`roadmap-app`), and the start runs
    without the cyclic garbage collector until it is over (see `roadmap_app.startup`).
    """
    if argv is None:
        from roadmap_app.startup import pause_collector

        pause_collector()
    from roadmap_app.cli.parser import parse, run_command

    args = parse(sys.argv[1:] if argv is None else argv)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from roadmap_app import desktop

        return desktop.run("install" if args.install_desktop_entry else "uninstall")
    if args.command is None:
        from roadmap_app.ui.app import run_window

        return run_window(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
