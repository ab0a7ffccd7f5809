"""Write a DPIA step by step, as the ICO's template does: screening first, then the need, the
processing, consultation, necessity and proportionality, risks with their measures, sign-off.
One tab per step (Ctrl+Tab moves on); fits a 1366x768 screen; every field has a keyboard label."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.dpia import (
    NECESSITY_QUESTIONS,
    SCREENING_QUESTIONS,
    Dpia,
    DpiaService,
    Effect,
    Likelihood,
    Necessity,
    Risk,
    RiskLevel,
    Severity,
    SignOff,
    risk_level,
    screen,
)
from schooldp.ui.conflicts import ReopenOnReload
from schooldp.ui.dialogs.record_fields import date_edit, date_of, enum_combo, text_edit, text_of
from schooldp.ui.models.dpia_tables import RisksModel
from schooldp.ui.widgets.forms import add_field, error_label, line, show_error, subtitle
from schooldp.ui.widgets.tables import register_view

__all__ = ["DpiaDialog"]

_FOLLOWED = (
    ("Not recorded yet", None),
    ("Yes, the advice was followed", True),
    ("No, the advice was not followed", False),
)


def _scrolled(body: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(body)
    column.addStretch(1)
    scroll.setWidget(holder)
    return scroll


class DpiaDialog(ReopenOnReload, QDialog):
    def __init__(self, service: DpiaService, dpia: Dpia | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.original = dpia
        self.saved: Dpia | None = None
        d = dpia or Dpia("")
        self.setWindowTitle(f"DPIA {d.reference}: {d.title}" if d.reference else "New DPIA")
        self.resize(1000, 660)
        outer = QVBoxLayout(self)
        self.error = error_label()
        outer.addWidget(self.error)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("DPIA steps")
        self.tabs.addTab(self._screening_tab(d), "&1 Screening")
        self.tabs.addTab(self._processing_tab(d), "&2 Need and processing")
        self.tabs.addTab(self._consultation_tab(d), "&3 Consultation")
        self.tabs.addTab(self._necessity_tab(d), "&4 Necessity")
        self.tabs.addTab(self._risks_tab(d), "&5 Risks and measures")
        self.tabs.addTab(self._sign_off_tab(d), "&6 Sign-off")
        outer.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._update_screening()
        self._update_level()
        self._update_sign_off()

    # ---- step 0: screening ----------------------------------------------------------------------
    def _screening_tab(self, d: Dpia) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        self.title_edit = line("The project or system, e.g. Biometric cashless catering", d.title)
        add_field(form, "&Title:", self.title_edit)
        self.activity = QComboBox()
        self.activity.addItem("Not linked yet", "")
        for a in self.service.activities():
            self.activity.addItem(a.name, a.key)
        self.activity.setCurrentIndex(max(self.activity.findData(d.activity_key), 0))
        add_field(form, "Processing &activity:", self.activity, "Processing activity in the record")
        form.addRow(
            subtitle("Do we need a DPIA? Tick each that applies (ICO list of likely high-risk processing).")
        )
        self.questions: dict[str, QCheckBox] = {}
        for q in SCREENING_QUESTIONS:
            box = QCheckBox(q.text)
            box.setToolTip(q.source)
            box.setAccessibleDescription(q.source)
            box.setChecked(q.key in d.screening)
            box.toggled.connect(self._update_screening)
            self.questions[q.key] = box
            form.addRow(box)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Screening outcome")
        form.addRow(self.outcome)
        self.screening_note = text_edit(d.screening_note, 2)
        add_field(form, "Screening &note:", self.screening_note, "Screening note (why, if not needed)")
        return _scrolled(body)

    def _update_screening(self) -> None:
        result = screen(k for k, box in self.questions.items() if box.isChecked())
        self.outcome.setText(result.text)

    # ---- steps 1-4 ------------------------------------------------------------------------------
    def _processing_tab(self, d: Dpia) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        self.need = text_edit(d.need, 3)
        add_field(form, "&Need:", self.need, "Why a DPIA is needed (step 1)")
        self.nature = text_edit(d.nature, 3)
        add_field(form, "Na&ture:", self.nature, "Nature of the processing")
        self.scope = text_edit(d.scope, 3)
        add_field(form, "Sc&ope:", self.scope, "Scope of the processing")
        self.context = text_edit(d.context, 3)
        add_field(form, "Conte&xt:", self.context, "Context of the processing")
        self.purposes = text_edit(d.purposes, 3)
        add_field(form, "&Purposes:", self.purposes, "Purposes of the processing")
        return _scrolled(body)

    def _consultation_tab(self, d: Dpia) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        form.addRow(
            subtitle("Who was consulted: staff, pupils or parents where appropriate, processors, the DPO.")
        )
        self.consultation = text_edit(d.consultation, 5)
        add_field(form, "&Consulted:", self.consultation, "Who was consulted, and how")
        self.pupils_parents = QCheckBox("&Pupils or parents were consulted")
        self.pupils_parents.setChecked(d.pupils_parents_consulted)
        form.addRow(self.pupils_parents)
        self.dpo_consulted = QCheckBox("The &DPO was consulted (policy section 14)")
        self.dpo_consulted.setChecked(d.dpo_consulted)
        form.addRow(self.dpo_consulted)
        return _scrolled(body)

    def _necessity_tab(self, d: Dpia) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.necessity: dict[str, QPlainTextEdit] = {}
        for key, question in NECESSITY_QUESTIONS:
            edit = text_edit(d.necessity.answer(key), 2)
            add_field(form, question, edit)
            self.necessity[key] = edit
        return _scrolled(body)

    # ---- steps 5-6: risks -----------------------------------------------------------------------
    def _risks_tab(self, d: Dpia) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        form = QFormLayout()
        self.risk_text = line("A risk to the people concerned, e.g. templates used without consent")
        add_field(form, "&Risk:", self.risk_text)
        row = QHBoxLayout()
        self.likelihood = enum_combo(Likelihood, Likelihood.POSSIBLE, lambda x: x.label)
        self.severity = enum_combo(Severity, Severity.SIGNIFICANT, lambda x: x.label)
        self.level = QLabel()
        self.level.setAccessibleName("Overall risk")
        for label, widget in (("&Likelihood:", self.likelihood), ("Se&verity:", self.severity)):
            lbl = QLabel(label)
            lbl.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            row.addWidget(lbl)
            row.addWidget(widget)
        row.addWidget(self.level, 1)
        form.addRow(row)
        self.likelihood.currentIndexChanged.connect(self._update_level)
        self.severity.currentIndexChanged.connect(self._update_level)
        self.measures = line("What reduces or removes the risk")
        add_field(form, "&Measures:", self.measures)
        row2 = QHBoxLayout()
        self.effect = enum_combo(Effect, None, lambda x: x.label, "Effect not set")
        self.residual = enum_combo(RiskLevel, None, lambda x: x.label, "Not assessed yet")
        for label, widget in (("E&ffect:", self.effect), ("Resi&dual risk:", self.residual)):
            lbl = QLabel(label)
            lbl.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            row2.addWidget(lbl)
            row2.addWidget(widget)
        self.approved = QCheckBox("Measure appro&ved")
        row2.addWidget(self.approved)
        form.addRow(row2)
        v.addLayout(form)
        self.add_risk_button = QPushButton("&Add risk")
        self.update_risk_button = QPushButton("&Update the selected risk")
        self.remove_risk_button = QPushButton("Remove the selected ris&k")
        self.add_risk_button.clicked.connect(self.add_risk)
        self.update_risk_button.clicked.connect(self.update_risk)
        self.remove_risk_button.clicked.connect(self.remove_risk)
        buttons = QHBoxLayout()
        for b in (self.add_risk_button, self.update_risk_button, self.remove_risk_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.risks = RisksModel(self)
        self.risks.set_rows(d.risks)
        self.risk_table = register_view(self.risks, "Risks and measures", stretch=RisksModel.Columns.MEASURES)
        self.risk_table.setColumnWidth(RisksModel.Columns.RISK, 260)
        self.risk_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._load_risk(cur.row())
        )
        v.addWidget(self.risk_table, 1)
        return tab

    def _update_level(self) -> None:
        level = risk_level(self.likelihood.currentData(), self.severity.currentData())
        self.level.setText(f"Overall risk: <b>{level.label}</b>")

    def _risk_from_form(self) -> Risk | None:
        text = self.risk_text.text().strip()
        if not text:
            show_error(self.error, "Describe the risk first.")
            return None
        return Risk(
            text,
            self.likelihood.currentData(),
            self.severity.currentData(),
            self.measures.text().strip(),
            self.effect.currentData(),
            self.residual.currentData(),
            self.approved.isChecked(),
        )

    def _load_risk(self, row: int) -> None:
        if not 0 <= row < self.risks.rowCount():
            return
        r = self.risks.row_at(row)
        self.risk_text.setText(r.description)
        self.likelihood.setCurrentIndex(self.likelihood.findData(r.likelihood))
        self.severity.setCurrentIndex(self.severity.findData(r.severity))
        self.measures.setText(r.measures)
        self.effect.setCurrentIndex(max(self.effect.findData(r.effect), 0) if r.effect else 0)
        self.residual.setCurrentIndex(max(self.residual.findData(r.residual), 0) if r.residual else 0)
        self.approved.setChecked(r.approved)

    def _clear_risk_form(self) -> None:
        self.risk_text.clear()
        self.measures.clear()
        self.effect.setCurrentIndex(0)
        self.residual.setCurrentIndex(0)
        self.approved.setChecked(False)
        self.risk_text.setFocus()

    def add_risk(self) -> None:
        risk = self._risk_from_form()
        if risk is not None:
            self.risks.set_rows([*self.risks.rows, risk])
            show_error(self.error, None)
            self._clear_risk_form()
            self._update_sign_off()

    def update_risk(self) -> None:
        row = self.risk_table.currentIndex().row()
        risk = self._risk_from_form()
        if risk is not None and row >= 0:
            self.risks.replace_row(row, risk)
            self._update_sign_off()

    def remove_risk(self) -> None:
        row = self.risk_table.currentIndex().row()
        if row >= 0:
            rows = self.risks.rows
            del rows[row]
            self.risks.set_rows(rows)
            self._update_sign_off()

    # ---- step 7: sign-off -----------------------------------------------------------------------
    def _sign_off_tab(self, d: Dpia) -> QWidget:
        s = d.sign_off
        body = QWidget()
        form = QFormLayout(body)
        self.measures_by = line("Name and role", s.measures_approved_by)
        add_field(form, "&Measures approved by:", self.measures_by)
        self.residual_by = line("Name and role", s.residual_approved_by)
        add_field(form, "&Residual risks approved by:", self.residual_by)
        self.dpo_advice = text_edit(s.dpo_advice, 3)
        add_field(form, "&DPO advice:", self.dpo_advice)
        self.followed = QComboBox()
        for text, value in _FOLLOWED:
            self.followed.addItem(text, value)
        self.followed.setCurrentIndex([v for _, v in _FOLLOWED].index(s.advice_followed))
        add_field(form, "Advice &followed:", self.followed, "DPO advice followed")
        self.reason = line("If the advice was not followed, why", s.advice_reason)
        add_field(form, "&Why not:", self.reason, "Why the DPO's advice was not followed")
        self.review = date_edit(s.review_on)
        add_field(form, "Re&view by:", self.review, "Review date")
        self.head_by = line("The headteacher's name", s.head_approved_by)
        add_field(form, "Approved by the &headteacher:", self.head_by, "Headteacher's name")
        self.head_on = date_edit(s.head_approved_on)
        add_field(form, "Appr&oved on:", self.head_on, "Date of the headteacher's approval")
        self.sign_off_state = QLabel()
        self.sign_off_state.setWordWrap(True)
        self.sign_off_state.setAccessibleName("What sign-off still needs")
        form.addRow(self.sign_off_state)
        self.dpo_advice.textChanged.connect(self._update_sign_off)
        for edit in (self.review, self.reason):
            edit.textChanged.connect(self._update_sign_off)
        self.followed.currentIndexChanged.connect(self._update_sign_off)
        self.tabs.currentChanged.connect(lambda _i: self._update_sign_off())
        return _scrolled(body)

    def _update_sign_off(self) -> None:
        if not hasattr(self, "sign_off_state"):
            return
        try:
            d = self.collect()
        except SchoolDPError as exc:
            self.sign_off_state.setText(str(exc))
            return
        problems = replace(d, sign_off=replace(d.sign_off, head_approved_by="", head_approved_on=None))
        missing = problems.sign_off_problems()
        text = (
            "Ready for the headteacher's approval."
            if not missing
            else "Before the headteacher approves, " + "; ".join(missing) + "."
        )
        if d.prior_consultation_needed:
            text += (
                " A high residual risk remains: the school must consult the ICO before starting "
                "(UK GDPR Article 36)."
            )
        self.sign_off_state.setText(text)

    # ---- saving ---------------------------------------------------------------------------------
    def collect(self) -> Dpia:
        base = self.original or Dpia("")
        return replace(
            base,
            title=self.title_edit.text().strip(),
            activity_key=str(self.activity.currentData() or ""),
            screening=frozenset(k for k, box in self.questions.items() if box.isChecked()),
            screening_note=text_of(self.screening_note),
            need=text_of(self.need),
            nature=text_of(self.nature),
            scope=text_of(self.scope),
            context=text_of(self.context),
            purposes=text_of(self.purposes),
            consultation=text_of(self.consultation),
            pupils_parents_consulted=self.pupils_parents.isChecked(),
            dpo_consulted=self.dpo_consulted.isChecked(),
            necessity=Necessity(**{k: text_of(e) for k, e in self.necessity.items()}),
            risks=tuple(self.risks.rows),
            sign_off=SignOff(
                measures_approved_by=self.measures_by.text().strip(),
                residual_approved_by=self.residual_by.text().strip(),
                dpo_advice=text_of(self.dpo_advice),
                advice_followed=self.followed.currentData(),
                advice_reason=self.reason.text().strip(),
                head_approved_by=self.head_by.text().strip(),
                head_approved_on=date_of(self.head_on, "approval date"),
                review_on=date_of(self.review, "review date"),
            ),
        )

    def save(self) -> None:
        def write() -> object:
            d = self.collect()
            return self.service.save(d) if d.id is not None else self.service.create(d)

        self.save_or_explain(self.error, write)
