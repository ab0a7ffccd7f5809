"""Import from the MIS: choose a file -> match unknown columns -> preview with problems -> import.

Nothing is written until Import is pressed; then the good rows go in one transaction. Reading
and importing run off the UI thread (`run_with_progress`), so a big export never freezes it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.people import ImportResult, PeopleService
from schooldp.services.people.mis_files import ColumnMapping, ParsedFile, RawTable, Severity, target_choices
from schooldp.services.school import SchoolSession
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize, scrolling
from schooldp.ui.widgets.forms import error_label, show_error, subtitle, title
from schooldp.ui.widgets.mis_guide import MisGuidePanel
from schooldp.ui.widgets.tables import list_table, setup_table
from schooldp.ui.workers import Cancelled, run_with_progress

PREVIEW_PROBLEM_ROWS = 500  # the table shows the first 500 problems; the count says how many in all


class ImportPeopleDialog(QDialog):
    def __init__(self, session: SchoolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from MIS")
        self.setAccessibleName("Import from MIS")
        fit_resize(self, 900, 620)
        self.session = session
        self.service = PeopleService(session)  # dates from the session clock
        self.path: Path | None = None
        self.table: RawTable | None = None
        self.mapping: ColumnMapping | None = None
        self.parsed: ParsedFile | None = None
        self.preview: ImportResult | None = None
        self.result: ImportResult | None = None

        layout = QVBoxLayout(self)
        self.heading = title("Import pupils and contacts")
        layout.addWidget(self.heading)
        self.error = error_label()
        layout.addWidget(self.error)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._summary_page())
        self.buttons = QDialogButtonBox()
        self.back_button = self.buttons.addButton("&Back", QDialogButtonBox.ButtonRole.ResetRole)
        self.next_button = self.buttons.addButton("&Next", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        set_role(self.import_button, "primary")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.import_button.clicked.connect(self.do_import)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._go(0)

    # ---- pages ------------------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(
            subtitle(
                "Export pupils with their contacts from SIMS, Arbor or Bromcom as CSV or Excel (.xlsx). "
                "SchoolDP recognises the usual column headings, shows you every problem before "
                "anything is saved, and only keeps the columns it needs; the rest are ignored."
            )
        )
        row = QHBoxLayout()
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.setAccessibleName("Choose the export file")
        set_role(self.choose_button, "primary")
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.choose_button)
        self.file_label = QLabel("No file chosen.")
        self.file_label.setAccessibleName("Chosen file")
        row.addWidget(self.file_label, 1)
        v.addLayout(row)
        self.guide = MisGuidePanel()
        v.addWidget(scrolling(self.guide, "What to export from your MIS"), 1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.mapping_intro = subtitle("")
        v.addWidget(self.mapping_intro)
        self.mapping_table = setup_table(
            list_table(["Heading in the file", "Import as"]), "Column headings to match"
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.mapping_table, 1)
        v.addWidget(subtitle("Your choices are remembered for this school, so the next import asks nothing."))
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.preview_summary = QLabel()
        self.preview_summary.setWordWrap(True)
        self.preview_summary.setAccessibleName("What the import will do")
        v.addWidget(self.preview_summary)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        set_role(self.notes_label, "warning")
        v.addWidget(self.notes_label)
        self.ignored_label = subtitle("")
        self.ignored_label.setAccessibleName("Columns not imported")
        v.addWidget(self.ignored_label)
        self.problems_table = setup_table(
            list_table(["Row", "UPN or name", "Problem", "Imported?"]),
            "Rows with problems",
            read_only=True,
            stretch=2,
        )
        v.addWidget(self.problems_table, 2)
        self.changes_list = QListWidget()
        self.changes_list.setAccessibleName("Changes the import will make")
        v.addWidget(QLabel("Changes:"))
        v.addWidget(self.changes_list, 1)
        self.leavers_box = QCheckBox()
        self.leavers_box.setAccessibleName("Mark pupils missing from this file as leavers")
        v.addWidget(self.leavers_box)
        self.missing_list = QListWidget()
        self.missing_list.setAccessibleName("Pupils missing from this file")
        self.missing_list.setMaximumHeight(90)
        v.addWidget(self.missing_list)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Import summary")
        v.addWidget(self.summary_label)
        self.summary_list = QListWidget()
        self.summary_list.setAccessibleName("What changed")
        v.addWidget(self.summary_list, 1)
        return page

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index in (1, 2))
        self.next_button.setVisible(index == 1)
        self.import_button.setVisible(index == 2)
        self.import_button.setEnabled(index == 2 and self.parsed is not None and bool(self.parsed.records))
        self.close_button.setText("Close" if index == 3 else "Cancel")
        if index == 2:
            self.import_button.setDefault(True)

    def _back(self) -> None:
        show_error(self.error, None)
        if self.pages.currentIndex() == 2 and self.mapping is not None and self._needs_mapping(self.mapping):
            self._go(1)
        else:
            self._go(0)

    # ---- step 1: the file -----------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the MIS export", "", "MIS exports (*.csv *.xlsx *.txt);;All files (*)"
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        show_error(self.error, None)
        self.path = path
        self.file_label.setText(path.name)
        try:
            self.table, self.mapping = self.service.open_export(path)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        if self._needs_mapping(self.mapping):
            self._fill_mapping()
            self._go(1)
        else:
            self._parse()

    @staticmethod
    def _needs_mapping(mapping: ColumnMapping) -> bool:
        return bool(mapping.unknown_columns or mapping.missing_required())

    # ---- step 2: unknown headings -----------------------------------------------------------------
    def _fill_mapping(self) -> None:
        assert self.mapping is not None and self.table is not None
        missing = self.mapping.missing_required()
        intro = "Some column headings were not recognised. Choose what each one holds, or leave it ignored."
        if missing:
            intro += " Still needed: " + ", ".join(missing) + "."
        self.mapping_intro.setText(intro)
        columns = self.mapping.unknown_columns or [i for i, t in enumerate(self.mapping.targets) if not t]
        self.mapping_columns = columns
        self.mapping_table.setRowCount(len(columns))
        choices = target_choices()
        for r, col in enumerate(columns):
            self.mapping_table.setItem(r, 0, QTableWidgetItem(self.mapping.headers[col]))
            combo = QComboBox()
            combo.setAccessibleName(f"Import '{self.mapping.headers[col]}' as")
            for key, label in choices:
                combo.addItem(label, key)
            current = self.mapping.targets[col] or ""
            combo.setCurrentIndex(max(0, combo.findData(current)))
            self.mapping_table.setCellWidget(r, 1, combo)

    def mapping_combo(self, heading: str) -> QComboBox:
        for r in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(r, 0).text() == heading:
                widget = self.mapping_table.cellWidget(r, 1)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(heading)

    def _next(self) -> None:
        assert self.mapping is not None
        mapping = self.mapping
        for r, col in enumerate(self.mapping_columns):
            combo = self.mapping_table.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            mapping = mapping.with_target(col, combo.currentData() or None)
        chosen = [t for t in mapping.targets if t]
        if len(chosen) != len(set(chosen)):
            show_error(self.error, "Two columns are set to the same thing. Choose each one only once.")
            return
        missing = mapping.missing_required()
        if missing:
            show_error(self.error, "Still needed: " + ", ".join(missing) + ".")
            return
        show_error(self.error, None)
        self.mapping = mapping
        if not self.session.read_only:
            self.service.save_mapping(mapping.remembered_answers())
        # The file is read again from the start with the chosen mapping.
        assert self.path is not None
        self.table, _ = self.service.open_export(self.path)
        self._parse()

    # ---- step 3: read everything and preview ------------------------------------------------------
    def _parse(self) -> None:
        assert self.table is not None and self.mapping is not None
        table, mapping, service = self.table, self.mapping, self.service
        name = self.path.name if self.path else ""

        def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
            estimate = max(1, table.size_hint // 200)
            parsed = service.parse_export(
                table,
                mapping,
                source_name=name,
                progress=lambda n: progress(min(n, estimate), estimate),
                is_cancelled=is_cancelled,
            )
            return parsed, service.preview_import(parsed)

        try:
            self.parsed, self.preview = run_with_progress(self, "Reading the export", work, "Reading rows…")
        except Cancelled:
            show_error(self.error, "Reading was cancelled. Nothing was imported.")
            self._go(0)
            return
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            self._go(0)
            return
        self._fill_preview()
        self._go(2)

    def _fill_preview(self) -> None:
        parsed, preview = self.parsed, self.preview
        assert parsed is not None and preview is not None
        warnings = parsed.warnings
        self.preview_summary.setText(
            f"<b>{len(parsed.records)}</b> pupils ready to import from {parsed.rows_read} rows "
            f"(headings on row {parsed.header_row}). "
            f"{len(parsed.rows_with_errors)} rows have problems and will not be imported; "
            f"{len({w.row for w in warnings})} have warnings. "
            f"Importing will add {preview.added} pupils, update {preview.updated}, leave "
            f"{preview.unchanged} unchanged, add {preview.contacts_added} contacts and update "
            f"{preview.contacts_updated}."
        )
        self.notes_label.setText("\n".join(parsed.notes))
        self.notes_label.setVisible(bool(parsed.notes))
        ignored = parsed.ignored_columns
        self.ignored_label.setText(
            "Not imported (not needed by SchoolDP): " + ", ".join(ignored)
            if ignored
            else "Every column is used."
        )
        shown = parsed.problems[:PREVIEW_PROBLEM_ROWS]
        self.problems_table.setRowCount(len(shown))
        for r, p in enumerate(shown):
            cells = (
                str(p.row),
                p.label,
                p.message,
                "No" if p.severity is Severity.ERROR else "Yes, check it",
            )
            for c, text in enumerate(cells):
                self.problems_table.setItem(r, c, QTableWidgetItem(text))
        self.problems_table.resizeColumnToContents(0)
        self.problems_table.setColumnWidth(1, 170)
        self.problems_table.setVisible(bool(shown))
        self.changes_list.clear()
        self.changes_list.addItems(list(preview.changes[:2000]))
        missing = preview.missing
        self.leavers_box.setVisible(bool(missing))
        self.missing_list.setVisible(bool(missing))
        self.leavers_box.setChecked(False)
        self.leavers_box.setText(
            f"&Mark the {len(missing)} pupils on roll but missing from this file as leavers "
            "(only if this is a full export of every pupil)"
        )
        self.missing_list.clear()
        self.missing_list.addItems([f"{p.display_name} ({p.upn}, {p.year_group.label})" for p in missing])

    # ---- step 4: import ------------------------------------------------------------------------
    def do_import(self) -> None:
        parsed, preview = self.parsed, self.preview
        if parsed is None or preview is None:
            return
        leaver_ids = (
            [p.id for p in preview.missing if p.id is not None] if self.leavers_box.isChecked() else []
        )
        service = self.service

        def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
            progress(0, 1)
            return service.apply_import(parsed, leaver_ids=leaver_ids)

        try:
            self.result = run_with_progress(self, "Importing", work, "Saving to the school file…")
        except Cancelled:
            show_error(self.error, "Cancelled. Nothing was imported.")
            return
        except SchoolDPError as exc:
            show_error(self.error, f"Nothing was imported. {exc}")
            return
        result = self.result
        skipped = ", ".join(str(r) for r in result.skipped_rows[:50])
        if len(result.skipped_rows) > 50:
            skipped += f" and {len(result.skipped_rows) - 50} more"
        text = "<b>Import finished.</b> " + result.summary()
        if skipped:
            text += f"<br>Rows not imported (fix them in the MIS and import again): {skipped}."
        self.summary_label.setText(text)
        self.summary_list.clear()
        self.summary_list.addItems(list(result.changes[:2000]) or ["Nothing changed."])
        self._go(3)
