"""The Qt half of `schooldp --self-test`: the packaged Qt parts load and work."""

from __future__ import annotations

from pathlib import Path


def check_qt(pdf: bytes, folder: Path) -> None:
    """The packaged Qt parts the program needs: widgets, the PDF viewer, charts, the main window."""
    from PySide6.QtCharts import QChart, QChartView
    from PySide6.QtCore import QSize

    from schooldp.ui.app import make_app
    from schooldp.ui.main_window import MainWindow
    from schooldp.ui.printing import load_pdf

    app = make_app()
    doc, _buf = load_pdf(pdf)
    assert doc.pageCount() == 1, "the PDF viewer could not read the sheet"
    assert not doc.render(0, QSize(200, 280)).isNull(), "the PDF viewer could not draw the sheet"
    QChartView(QChart())
    from schooldp.config import Preferences

    window = MainWindow(Preferences(folder / "preferences.json"))  # leaves the user's own untouched
    pages = list(window.shell.pages)  # built on first visit in use: build each one here
    assert len(pages) == len(window.shell.names), "a page could not be built"
    window.close()
    app.processEvents()
