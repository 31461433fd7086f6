"""The floor for startup: a bare Qt process that shows one label and quits at its first paint."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class _QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    label = QLabel("Roadmap")
    window.setCentralWidget(label)
    quitter = _QuitOnFirstPaint()
    label.installEventFilter(quitter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
