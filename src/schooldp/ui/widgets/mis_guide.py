"""The import dialog's guide: for SIMS, Arbor or Bromcom, the report to run, the columns it
needs and a sample file to compare with (or to try the import on)."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldp.resources import resource
from schooldp.services.people.mis_files import CONTACT_COLUMNS, GUIDES, PUPIL_COLUMNS, MisGuide
from schooldp.ui.printing import ask_save_path
from schooldp.ui.widgets.forms import buddy


def _bullets(items: tuple[str, ...]) -> str:
    return "<ul style='margin-top:2px'>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def guide_html(guide: MisGuide) -> str:
    """The guide in words: report, steps, the file's shape and the two lists of columns."""
    steps = (
        "<ol style='margin-top:2px'>" + "".join(f"<li>{html.escape(s)}</li>" for s in guide.steps) + "</ol>"
    )
    return (
        f"<b>Run:</b> {html.escape(guide.report)}{steps}"
        f"<b>The file:</b> {html.escape(guide.layout)}. CSV or Excel (.xlsx); other columns are ignored."
        "<table width='100%'><tr>"
        f"<td valign='top'><b>Pupil columns</b>{_bullets(PUPIL_COLUMNS)}</td>"
        f"<td valign='top'><b>Contact columns</b>{_bullets(CONTACT_COLUMNS)}</td>"
        "</tr></table>"
    )


class MisGuidePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.mis = QComboBox()
        for guide in GUIDES:
            self.mis.addItem(guide.name, guide)
        self.sample_button = QPushButton("Save a &sample file…")
        self.sample_button.setAccessibleName("Save a sample export file for this MIS")
        row.addWidget(buddy("Your &MIS:", self.mis))
        row.addWidget(self.mis)
        row.addStretch()
        row.addWidget(self.sample_button)
        v.addLayout(row)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName("What to export from your MIS")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.text)
        v.addStretch()
        self.mis.currentIndexChanged.connect(self._show)
        self.sample_button.clicked.connect(self.save_sample)
        self._show()

    @property
    def guide(self) -> MisGuide:
        guide = self.mis.currentData()
        assert isinstance(guide, MisGuide)
        return guide

    def _show(self) -> None:
        self.text.setText(guide_html(self.guide))

    def save_sample(self) -> Path | None:
        """Copy the bundled sample (fictional pupils) to where the user chooses."""
        source = resource(self.guide.sample)
        target = ask_save_path(self, "Save a sample file", str(Path.home() / source.name), "CSV (*.csv)")
        if target is None:
            return None
        shutil.copyfile(source, target)
        return target
