"""DPIAs page as the DPO uses it: screen and complete a DPIA for biometric catering with two
risks and their measures, the DPO's advice and the headteacher's approval; its PDF shows each
risk with its residual level."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from schooldp.domain.clock import FrozenClock
from schooldp.services.dpia import DpiaService, DpiaStage
from schooldp.services.records import RecordsService
from tests.records_checks import pdf_text
from tests.ui.conftest import type_text, unlock_in_window

RISKS = (
    (
        "Templates used without consent or after a pupil objects",
        "Possible",
        "Severe",
        "Consent checked before enrolment",
        "Low",
    ),
    (
        "Supplier breach exposes biometric templates",
        "Remote",
        "Severe",
        "Templates encrypted; contract terms",
        "Medium",
    ),
)


def _unlock(qtbot, window, school) -> None:
    school.clock = FrozenClock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    RecordsService(school).adopt_starter()
    unlock_in_window(qtbot, window, school)


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    type_text(edit, text)


def _choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _screen(qtbot, d) -> None:
    _type(qtbot, d.title_edit, "Biometric cashless catering")
    _choose(d.activity, "Catering and cashless payments (with biometrics)")
    qtbot.mouseClick(d.questions["biometric"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.questions["childrens_data"], Qt.MouseButton.LeftButton)
    assert d.outcome.text().startswith("A DPIA is required")


def _describe(qtbot, d) -> None:
    d.tabs.setCurrentIndex(1)
    for edit, text in (
        (d.need, "Fingerprint templates of children: biometric data"),
        (d.nature, "Templates matched at the till"),
        (d.scope, "Pupils who take school meals"),
        (d.context, "Protection of Freedoms Act 2012"),
        (d.purposes, "Faster lunch queues"),
    ):
        _type(qtbot, edit, text)
    d.tabs.setCurrentIndex(2)
    _type(qtbot, d.consultation, "Parents, school council, supplier, DPO")
    qtbot.mouseClick(d.pupils_parents, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.dpo_consulted, Qt.MouseButton.LeftButton)
    d.tabs.setCurrentIndex(3)
    for edit in d.necessity.values():
        _type(qtbot, edit, "Answered")


def _risks(qtbot, d) -> None:
    d.tabs.setCurrentIndex(4)
    for text, likelihood, severity, measures, residual in RISKS:
        _type(qtbot, d.risk_text, text)
        _choose(d.likelihood, likelihood)
        _choose(d.severity, severity)
        _type(qtbot, d.measures, measures)
        _choose(d.effect, "Reduced")
        _choose(d.residual, residual)
        qtbot.mouseClick(d.approved, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(d.add_risk_button, Qt.MouseButton.LeftButton)
    assert d.risks.rowCount() == 2
    assert d.risks.cell(0, d.risks.Columns.LEVEL) == "High"


def _sign_off(qtbot, d) -> None:
    d.tabs.setCurrentIndex(5)
    _type(qtbot, d.measures_by, "Gareth Llewellyn, Headteacher")
    _type(qtbot, d.residual_by, "Gareth Llewellyn, Headteacher")
    _type(qtbot, d.dpo_advice, "Proceed, offering a card to every pupil who does not take part")
    _choose(d.followed, "Yes, the advice was followed")
    _type(qtbot, d.review, "01/11/2027")
    assert d.sign_off_state.text() == "Ready for the headteacher's approval."
    _type(qtbot, d.head_by, "Gareth Llewellyn")
    _type(qtbot, d.head_on, "02/11/2026")


def test_screen_and_complete_a_biometric_catering_dpia(qtbot, window, school, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a[2])))
    _unlock(qtbot, window, school)
    window.resize(1366, 768)
    window.shell.go("DPIAs")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "DPIAs"
    done: list[bool] = []

    def fill() -> None:
        d = QApplication.activeModalWidget()
        try:
            assert d is not None and d.width() <= 1366 and d.height() <= 768
            _screen(qtbot, d)
            _describe(qtbot, d)
            _risks(qtbot, d)
            _sign_off(qtbot, d)
            save = d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
            assert not d.isVisible(), d.error.text()
            done.append(True)
        finally:
            if d is not None and d.isVisible():
                d.reject()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert done == [True]
    assert page.model.rowCount() == 1
    assert page.model.cell(0, page.model.Columns.STAGE) == "Signed off"
    assert page.model.cell(0, page.model.Columns.RESIDUAL) == "Medium"
    assert (
        page.model.cell(0, page.model.Columns.ACTIVITY) == "Catering and cashless payments (with biometrics)"
    )
    assert page.versions.rowCount() == 1

    target = tmp_path / "dpia.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)  # made on a worker, then saved
    qtbot.waitUntil(target.exists, timeout=20000)
    text = pdf_text(target.read_bytes())
    for description, _l, _s, measures, residual in RISKS:
        assert f"{description} {measures} Reduced {residual} Yes" in text
    assert "Gareth Llewellyn on 2 November 2026" in text and "Proceed, offering a card" in text

    dpia = DpiaService(window.session).assessments()[0]
    assert dpia.stage(window.session.clock.today()) is DpiaStage.SIGNED_OFF
    assert not dpia.prior_consultation_needed
