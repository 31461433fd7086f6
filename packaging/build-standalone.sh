#!/usr/bin/env bash
# A standalone Roadmap for people without Python: a folder with the program, Qt and the
# roadmap in it, made with PyInstaller from a clean venv. Run from the repository:
#
#     bash packaging/build-standalone.sh            # -> dist/roadmap-app/roadmap-app
#
# The build venv and PyInstaller's work files go in build/; nothing else is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=build/standalone-venv
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check . "pyinstaller>=6.10"
site=$("$venv/bin/python" -I -c 'import roadmap_app, pathlib; print(pathlib.Path(roadmap_app.__file__).parent)')

# The roadmap, icons and desktop entry, and the migration scripts Alembic reads as files.
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --name roadmap-app --onedir --windowed \
    --workpath build/pyinstaller --distpath dist --specpath build \
    --icon "$PWD/resources/icons/roadmap-app-256.png" \
    --add-data "$site/resources:roadmap_app/resources" \
    --add-data "$site/storage/migrations:roadmap_app/storage/migrations" \
    --collect-submodules roadmap_app \
    --hidden-import sqlalchemy.dialects.sqlite \
    --exclude-module tkinter \
    packaging/launch.py

# A smoke test: the window opens on a fresh data folder, paints and quits.
smoke=$(mktemp -d)
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} dist/roadmap-app/roadmap-app --data-dir "$smoke" --exit-after-startup
dist/roadmap-app/roadmap-app --data-dir "$smoke" status >/dev/null
rm -rf "$smoke"
echo "built dist/roadmap-app ($(du -sh dist/roadmap-app | cut -f1)); start it with dist/roadmap-app/roadmap-app"
