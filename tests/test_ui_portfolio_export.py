"""File → Export portfolio…: a preview of what employers read, saved as PDF, HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.ui.dialogs.portfolio_export_dialog import PortfolioExportDialog
from tests.ui_helpers import WindowOpener


def test_the_file_menu_previews_and_saves_the_portfolio(data_dir: Path, qtbot: QtBot, tmp_path: Path) -> None:
    _paths, services = open_services(data_dir)
    ada = services.profiles.create("Ada").id
    services.experience.add(ada, "ML intern", kind="internship", summary="Churn model", skill_ids=["skill.sql"])
    services.progress.set_state(ada, "skill.sql", "done")
    services.close()
    with WindowOpener(data_dir, qtbot) as opener:
        window = opener()
        assert "Export portfolio…" in [
            a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()
        ]
        window.export_portfolio_action.trigger()
        dialog = window.findChild(PortfolioExportDialog)
        assert dialog is not None
        preview = dialog.preview.toPlainText()
        assert "ML intern" in preview and "SQL: ML intern (experience)" in preview
        for index, suffix in enumerate(("pdf", "html", "md")):
            dialog.format_box.setCurrentIndex(index)
            out = tmp_path / f"portfolio.{suffix}"
            assert dialog.save_to(out)
            assert out.stat().st_size > 0
        assert (tmp_path / "portfolio.pdf").read_bytes().startswith(b"%PDF")
        assert not dialog.save_to(tmp_path / "missing" / "portfolio.md")
        assert "not saved" in dialog.error.text()
        dialog.reject()
