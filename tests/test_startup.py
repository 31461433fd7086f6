"""The garbage collector waits during the program's start and resumes once it is over."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import gc
from roadmap_app import startup
startup.settle()
assert gc.isenabled(), "settle before a pause changes nothing"
startup.pause_collector()
assert not gc.isenabled(), "the start runs without cyclic collection"
startup.settle()
assert gc.isenabled(), "collection resumes after the start"
assert gc.get_freeze_count() > 0, "what the start made is left out of later scans"
gc.disable()
startup.settle()
assert not gc.isenabled(), "a collector the program turned off itself stays off"
print("ok")
"""


def test_the_collector_pauses_for_the_start_and_resumes_after_it() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_main_called_by_a_caller_leaves_the_collector_alone(tmp_path) -> None:
    script = (
        "import gc, sys\n"
        "from roadmap_app.__main__ import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, 'status'])\n"
        "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
        "print(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0"


def test_the_program_collects_again_while_its_command_runs(tmp_path) -> None:
    script = (
        "import gc, sys\n"
        "import roadmap_app.cli.commands as c\n"
        "seen = []\n"
        "real = c.Context.profile.fget\n"
        "c.Context.profile = property(lambda self: (seen.append(gc.isenabled()), real(self))[1])\n"
        "from roadmap_app.__main__ import main\n"
        f"sys.argv = ['roadmap-app', '--data-dir', {str(tmp_path)!r}, 'status']\n"
        "code = main()\n"
        "assert seen and all(seen), seen\n"
        "assert gc.get_freeze_count() > 0\n"
        "print(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0"
