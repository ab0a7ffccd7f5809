"""Term dates and INSET/closure days: the school days an educational-record request counts.

Typed in here or imported from the local authority's CSV or .ics file; stored in the vault.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.calendar import Closure, ClosureKind, SchoolCalendar, Term, format_uk_date
from schooldp.domain.errors import SchoolDPError
from schooldp.services.requests import import_calendar_file, load_school_calendar, save_school_calendar
from schooldp.services.school import SchoolSession
from schooldp.ui.dialogs.request_actions import date_edit, date_of
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, button_row, error_label, show_error, subtitle

_TERM = "term"


class TermDatesDialog(QDialog):
    def __init__(self, session: SchoolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Term dates")
        fit_resize(self, 720, 560)
        self.calendar = load_school_calendar(session) or SchoolCalendar(nation=session.profile().nation)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "A parent's request to see the educational record must be met within 15 school days. "
                "School days are weekdays in term that are not bank holidays, INSET days or closures "
                "(such as half term). Add the terms and closures, or import your local authority's file."
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Type", "Name", "From", "To"])
        self.table.setAccessibleName("Terms and closures")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)

        add = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem("Term", _TERM)
        for k in ClosureKind:
            self.kind.addItem(k.label, k)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Autumn term, Half term, INSET day…")
        today = session.clock.today()
        self.start = date_edit(today)
        self.end = date_edit(today)
        self.add_button = QPushButton("&Add")
        for w, name in (
            (self.kind, "Type"),
            (self.name, "Name"),
            (self.start, "From"),
            (self.end, "To"),
        ):
            w.setAccessibleName(name)
            add.addWidget(w)
        add.addWidget(self.add_button)
        layout.addLayout(add)
        self.remove_button = QPushButton("&Remove selected")
        self.import_button = QPushButton("&Import CSV or .ics…")
        layout.addLayout(button_row(left=(self.remove_button, self.import_button)))
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        set_role(self.save_button, "primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_file)
        self._fill()
        _ = add_field  # the add row is laid out across, labelled by accessible names

    def _fill(self) -> None:
        rows: list[tuple[str, str, date, date]] = [
            ("Term", t.name, t.start, t.end) for t in self.calendar.terms
        ]
        rows += [(c.kind.label, c.name, c.start, c.end) for c in self.calendar.closures]
        rows.sort(key=lambda r: (r[2], r[0] != "Term"))
        self.table.setRowCount(len(rows))
        for i, (kind, name, start, end) in enumerate(rows):
            for j, text in enumerate((kind, name, format_uk_date(start), format_uk_date(end))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def add_row(self) -> None:
        kind = self.kind.currentData()
        try:
            start, end = date_of(self.start), date_of(self.end)
            name = self.name.text().strip()
            if kind == _TERM:
                self.calendar = self.calendar.with_term(Term(name or "Term", start, end))
            else:
                self.calendar = self.calendar.with_closure(Closure(start, end, kind, name))
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        show_error(self.error, None)
        self.name.clear()
        self._fill()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            return
        doomed = {
            (self.table.item(r, 0).text(), self.table.item(r, 1).text(), self.table.item(r, 2).text())
            for r in rows
        }
        terms = [t for t in self.calendar.terms if ("Term", t.name, format_uk_date(t.start)) not in doomed]
        closures = [
            c for c in self.calendar.closures if (c.kind.label, c.name, format_uk_date(c.start)) not in doomed
        ]
        self.calendar = SchoolCalendar(tuple(terms), tuple(closures), self.calendar.nation)
        self._fill()

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import term dates", "", "Term dates (*.csv *.ics);;All files (*)"
        )
        if not path:
            return
        try:
            result = import_calendar_file(path, self.calendar.nation)
        except SchoolDPError as exc:
            show_error(self.error, f"The file could not be imported:\n{exc}")
            return
        self.calendar = result.calendar
        note = "\n".join(result.warnings[:5])
        show_error(self.error, f"Imported. Left out:\n{note}" if note else None)
        self._fill()

    def accept(self) -> None:
        try:
            save_school_calendar(self.session, self.calendar)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        super().accept()
