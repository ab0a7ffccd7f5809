"""Requests as the DPO drives them: a parent's SAR for a 13-year-old and an educational-record
request across half term, from intake to closure."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from schooldp.domain.calendar import ClosureKind
from schooldp.domain.clock import FrozenClock
from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.people import Contact, Pupil, YearGroup
from schooldp.domain.requests import (
    Channel,
    DisclosureOutcome,
    Exemption,
    IdDocumentType,
    Relationship,
    RequestStatus,
    RequestType,
    SearchLocation,
)
from schooldp.services.letters import LetterService
from schooldp.services.requests import ChildJudgement, RequestService
from tests.conftest import DPO_PASS
from tests.ui.conftest import type_text

TODAY = date(2026, 11, 20)


def _unlock(qtbot, window, school_path: Path, passphrase: str) -> None:
    window.open_path(school_path)
    assert window.stack.currentWidget() is window.unlock_page
    page = window.unlock_page
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def _people(school) -> tuple[Pupil, Pupil]:
    from schooldp.services.people import PeopleService

    people = PeopleService(school)
    maya = people.add_pupil(Pupil("A123456789012", "Maya", "Okafor", date(2013, 3, 10), YearGroup.Y8, "8K"))
    leo = people.add_pupil(Pupil("B123456789012", "Leo", "Brennan", date(2015, 5, 1), YearGroup.Y6, "6B"))
    people.add_contact(
        Contact(
            "Ruth",
            "Okafor",
            title="Mrs",
            address_lines=("4 Church Street", "Ashby"),
            postcode="LE65 2AB",
            email="ruth.okafor@example.org",
        ),
        maya.id,
        "Mother",
        True,
        True,
        1,
    )
    people.add_contact(
        Contact("Sean", "Brennan", title="Mr", address_lines=("9 Mill Row", "Ashby"), postcode="LE65 3CD"),
        leo.id,
        "Father",
        True,
        True,
        1,
    )
    return maya, leo


def _open_page(qtbot, window, school):
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Requests")
    page = window.shell.stack.currentWidget()
    from schooldp.ui.pages.requests import RequestsPage

    assert isinstance(page, RequestsPage)
    window.session.clock = FrozenClock(TODAY)
    page.service = RequestService(window.session)
    return page


def _pick(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _issue_letter(qtbot, page, key: str, monkeypatch, tmp_path, edits: dict[str, str] | None = None) -> str:
    """Prepare, preview and save a letter as the DPO would; return the text of the saved PDF."""
    assert page.choose_letter(key), key
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    fields = page.dialog
    for name, value in (edits or {}).items():
        edit = fields.edits[name]
        edit.clear()
        type_text(edit, value)
    before = page.preview
    qtbot.mouseClick(fields.ok_button, Qt.MouseButton.LeftButton)  # written on a worker
    qtbot.waitUntil(lambda: not fields.isVisible() or fields.error.isVisible(), timeout=20000)
    assert not fields.isVisible(), fields.error.text()
    qtbot.waitUntil(lambda: page.preview is not before and page.preview is not None, timeout=20000)
    preview = page.preview
    assert preview.isVisible()
    target = tmp_path / f"{key}.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF (*.pdf)"))
    )
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert preview.recorded, "saving records the letter"
    qtbot.mouseClick(preview.close_button, Qt.MouseButton.LeftButton)
    return _text(target.read_bytes())


def _label(page, name: str) -> str:
    return page.detail_labels[name].text()


def test_parent_sar_for_a_13_year_old_to_closure(qtbot, window, school, monkeypatch, tmp_path) -> None:
    from schooldp.ui.dialogs.request_actions import set_date

    maya, _leo = _people(school)
    page = _open_page(qtbot, window, school)

    # ---- intake
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    intake = page.dialog
    _pick(intake.channel, Channel.EMAIL)
    set_date(intake.received, date(2026, 12, 1))
    qtbot.keyClicks(intake.subject_search, "Okafor")
    assert intake.choose_subject("Pupil: Maya Okafor")
    _pick(intake.relationship, Relationship.PARENT_CARER)
    intake.requester_pick.setCurrentIndex(1)
    assert intake.requester_name.text() == "Ruth Okafor"
    assert "LE65 2AB" in intake.requester_address.toPlainText()
    _pick(intake.request_type, RequestType.SUBJECT_ACCESS)
    type_text(intake.description, "Everything the school holds about Maya since September 2025.")
    assert intake.child_box.isVisibleTo(intake)
    qtbot.mouseClick(intake.log_button, Qt.MouseButton.LeftButton)
    assert "in the future" in intake.error.text()  # refused clearly; nothing typed is lost
    set_date(intake.received, date(2026, 9, 14))
    assert intake.child_age.text() == "Age on the day received: 13"
    assert "express permission" in intake.child_advice.text()
    qtbot.mouseClick(intake.log_button, Qt.MouseButton.LeftButton)
    assert "judgement" in intake.error.text()
    _pick(intake.child_judgement, ChildJudgement.SEEK_CONSENT)
    type_text(intake.child_reasons, "Maya is 13 and understands her rights; ask her first.")
    qtbot.mouseClick(intake.log_button, Qt.MouseButton.LeftButton)
    assert not intake.isVisible(), intake.error.text()

    assert page.stack.currentWidget() is page.detail_view
    assert page.header.text() == "SAR-2026-001 · Subject access request"
    assert _label(page, "Due") == "Wed 14 Oct 2026"
    assert _label(page, "Status") == "Received"
    assert "aged 13" in _label(page, "Data subject")
    request_id = page.current.id

    # ---- the pupil's consent letter
    text = _issue_letter(qtbot, page, "request_pupil_consent", monkeypatch, tmp_path)
    assert "Dear Maya" in text and "Ruth Okafor (parent or carer)" in text
    assert "I do not agree" in text

    # ---- ID pause
    qtbot.mouseClick(page.ask_button, Qt.MouseButton.LeftButton)
    ask = page.dialog
    _pick(ask.kind, ClockEventKind.ID_AWAITED)
    set_date(ask.asked, date(2026, 9, 15))
    _ok(qtbot, ask)
    assert _label(page, "Status") == "Awaiting ID"
    assert _label(page, "Due") == "Paused"
    assert _label(page, "Time left") == "Paused: Waiting for proof of identity"
    text = _issue_letter(qtbot, page, "request_id_authority", monkeypatch, tmp_path)
    assert "Two forms of identification" in text and "starts again" in text

    qtbot.mouseClick(page.reply_button, Qt.MouseButton.LeftButton)
    reply = page.dialog
    set_date(reply.received, date(2026, 9, 22))
    _ok(qtbot, reply)
    assert _label(page, "Status") == "In progress"
    assert _label(page, "Due") == "Thu 22 Oct 2026"  # the month restarts on the day ID arrived
    for kind in (IdDocumentType.PASSPORT, IdDocumentType.UTILITY_BILL):
        qtbot.mouseClick(page.id_button, Qt.MouseButton.LeftButton)
        idd = page.dialog
        _pick(idd.kind, kind)
        set_date(idd.seen, date(2026, 9, 22))
        _ok(qtbot, idd)
    assert page.id_table.rowCount() == 2 and not page.id_button.isEnabled()

    qtbot.mouseClick(page.child_button, Qt.MouseButton.LeftButton)
    child = page.dialog
    _pick(child.judgement, ChildJudgement.PUPIL_CONSENTED)
    set_date(child.on, date(2026, 9, 24))
    type_text(child.reasons, "Maya returned the slip: she agrees.")
    _ok(qtbot, child)
    assert "The pupil has consented" in page.child_text.text()

    # ---- extension, with reasons, within the first month
    qtbot.mouseClick(page.extend_button, Qt.MouseButton.LeftButton)
    ext = page.dialog
    assert "Thu 22 Oct 2026" in ext.findChildren(type(page.header))[0].text()
    set_date(ext.notice_on, date(2026, 10, 23))
    type_text(ext.reasons, "Over 400 emails must be reviewed for other pupils' data.")
    qtbot.mouseClick(ext.ok_button, Qt.MouseButton.LeftButton)
    assert "Too late" in ext.error.text()
    set_date(ext.notice_on, date(2026, 10, 1))
    _ok(qtbot, ext)
    assert _label(page, "Status") == "Extended"
    assert _label(page, "Due") == "Tue 22 Dec 2026"
    text = _issue_letter(qtbot, page, "request_extension", monkeypatch, tmp_path)
    assert "22 October 2026" in text and "22 December 2026" in text
    assert "Over 400 emails" in text

    # ---- search log and disclosure schedule
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    search = page.dialog
    _pick(search.location, SearchLocation.EMAIL)
    search.items.setValue(412)
    set_date(search.on, date(2026, 10, 5))
    _ok(qtbot, search)
    for item, outcome, exemption in (
        ("Attendance record 2025-26", DisclosureOutcome.INCLUDED, None),
        (
            "Email from another parent about a playground incident",
            DisclosureOutcome.WITHHELD,
            Exemption.THIRD_PARTY,
        ),
    ):
        qtbot.mouseClick(page.disclosure_button, Qt.MouseButton.LeftButton)
        dis = page.dialog
        qtbot.keyClicks(dis.item, item)
        _pick(dis.outcome, outcome)
        if exemption is not None:
            qtbot.mouseClick(dis.ok_button, Qt.MouseButton.LeftButton)
            assert "exemption" in dis.error.text()
            dis.set_exemption(exemption)
        _ok(qtbot, dis)
    assert page.disclosure_table.rowCount() == 2
    assert "Another person's data" in page.disclosure_table.item(1, 2).text()

    # ---- response with the withheld item
    text = _issue_letter(qtbot, page, "request_response", monkeypatch, tmp_path)
    assert "We have withheld Email from another parent about a playground incident" in text
    for heading in (
        "Why we use the data",
        "The kinds of data we hold",
        "Who we share it with",
        "How long we keep it",
        "Where the data came from",
        "Automated decision-making",
        "Transfers outside the UK",
        "Your rights",
        "Complaining to the ICO",
    ):
        assert heading in text

    for status, day in (
        (RequestStatus.RESPONDED, date(2026, 11, 10)),
        (RequestStatus.CLOSED, date(2026, 11, 12)),
    ):
        qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
        st = page.dialog
        st.choose(status)
        set_date(st.on, day)
        _ok(qtbot, st)
    assert _label(page, "Status") == "Closed"
    assert _label(page, "Time left") == "Closed 12/11/2026"
    assert not page.status_button.isEnabled()

    timeline = [page.timeline_model.entry(i).what for i in range(page.timeline_model.rowCount())]
    assert timeline[0] == "Request received" and "Status: Closed" in timeline
    assert (
        timeline.index("Status: Awaiting ID")
        < timeline.index("Reply received")
        < timeline.index("Status: Extended")
    )
    assert sum(t.startswith("Letter:") for t in timeline) == 4

    # ---- audit and the letter log
    session = window.session
    actions = [e.action for e in session.activity(entity="request")]
    for action in (
        "request.logged",
        "request.clock",
        "request.id_seen",
        "request.child_decision",
        "request.extended",
        "request.searched",
        "request.disclosure",
        "request.status",
        "letter.issued",
    ):
        assert action in actions, action
    assert "Okafor" not in " ".join(e.summary for e in session.activity(limit=5000))
    issued = LetterService(session).issued(case_kind="request", case_id=request_id)
    assert len(issued) == 4 and {i.recipient_name for i in issued} == {"Ruth Okafor", "Maya Okafor"}
    history = RequestService(session).detail(request_id).history
    assert [h.to_status for h in history] == [
        RequestStatus.RECEIVED,
        RequestStatus.AWAITING_ID,
        RequestStatus.IN_PROGRESS,
        RequestStatus.EXTENDED,
        RequestStatus.RESPONDED,
        RequestStatus.CLOSED,
    ]

    # ---- the register
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0  # open requests only
    _pick(page.status_filter, "all")
    assert page.model.rowCount() == 1
    assert page.model.index(0, 6).data() == "Closed"


def test_educational_record_across_half_term_to_closure(qtbot, window, school, monkeypatch, tmp_path) -> None:
    from schooldp.ui.dialogs.request_actions import set_date

    _maya, leo = _people(school)
    page = _open_page(qtbot, window, school)
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    intake = page.dialog
    _pick(intake.channel, Channel.LETTER)
    set_date(intake.received, date(2026, 10, 21))
    qtbot.keyClicks(intake.subject_search, "Brennan")
    assert intake.choose_subject("Pupil: Leo Brennan")
    _pick(intake.relationship, Relationship.PARENT_CARER)
    intake.requester_pick.setCurrentIndex(1)
    _pick(intake.request_type, RequestType.EDUCATIONAL_RECORD)
    assert intake.calendar_note.isVisibleTo(intake) and "Term dates are needed" in intake.calendar_note.text()
    assert intake.child_age.text() == "Age on the day received: 11"
    _pick(intake.child_judgement, ChildJudgement.PROCEED)
    type_text(intake.child_reasons, "Leo is 11 and cannot yet weigh this up.")
    type_text(intake.description, "To see Leo's educational record.")
    qtbot.mouseClick(intake.log_button, Qt.MouseButton.LeftButton)
    assert not intake.isVisible(), intake.error.text()
    assert page.header.text() == "ER-2026-001 · Parent's request to see the educational record"
    assert _label(page, "Due") == "Term dates needed"
    assert not page.extend_button.isVisible()

    # Term dates with the October half term
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.calendar_warning.isVisibleTo(page)
    qtbot.mouseClick(page.terms_button, Qt.MouseButton.LeftButton)
    terms = page.dialog
    qtbot.keyClicks(terms.name, "Autumn term")
    set_date(terms.start, date(2026, 9, 2))
    set_date(terms.end, date(2026, 12, 18))
    qtbot.mouseClick(terms.add_button, Qt.MouseButton.LeftButton)
    _pick(terms.kind, ClosureKind.CLOSURE)
    qtbot.keyClicks(terms.name, "Half term")
    set_date(terms.start, date(2026, 10, 26))
    set_date(terms.end, date(2026, 10, 30))
    qtbot.mouseClick(terms.add_button, Qt.MouseButton.LeftButton)
    assert terms.table.rowCount() == 2
    qtbot.mouseClick(terms.save_button, Qt.MouseButton.LeftButton)
    assert not terms.isVisible()
    assert not page.calendar_warning.isVisibleTo(page)
    assert page.model.index(0, 4).data() == "Wed 18 Nov 2026"  # 15 school days, half term skipped
    page.table.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert _label(page, "Due") == "Wed 18 Nov 2026"
    request_id = page.current.id

    text = _issue_letter(qtbot, page, "request_acknowledgement", monkeypatch, tmp_path)
    assert "15 school days" in text and "18 November 2026" in text and "Mr Sean Brennan" not in text

    qtbot.mouseClick(page.disclosure_button, Qt.MouseButton.LeftButton)
    dis = page.dialog
    qtbot.keyClicks(dis.item, "Year 6 mock SATs marks")
    _pick(dis.outcome, DisclosureOutcome.WITHHELD)
    dis.set_exemption(Exemption.EXAM_SCRIPTS_AND_MARKS)
    _ok(qtbot, dis)
    text = _issue_letter(qtbot, page, "request_record_access", monkeypatch, tmp_path)
    assert "by 18 November 2026" in text and "Year 6 mock SATs marks" in text
    assert "free of charge" in text

    for status, day in (
        (RequestStatus.IN_PROGRESS, date(2026, 10, 22)),
        (RequestStatus.RESPONDED, date(2026, 11, 17)),
        (RequestStatus.CLOSED, date(2026, 11, 18)),
    ):
        qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
        st = page.dialog
        st.choose(status)
        set_date(st.on, day)
        _ok(qtbot, st)
    assert _label(page, "Time left") == "Closed 18/11/2026"
    session = window.session
    assert any(e.action == "calendar.saved" for e in session.activity())
    d = RequestService(session).detail(request_id)
    assert d.summary.ended_on == date(2026, 11, 17) and d.summary.due == date(2026, 11, 18)
    assert [h.to_status for h in d.history][-1] is RequestStatus.CLOSED


def test_register_marks_overdue_in_red_and_in_words_and_exports(
    qtbot, window, school, monkeypatch, tmp_path
) -> None:
    from schooldp.services.requests import NewRequest, Requester, Subject, SubjectKind
    from schooldp.ui.style import RED

    school.clock = FrozenClock(TODAY)
    svc = RequestService(school)
    for received, name in ((date(2026, 9, 1), "Tom Reed"), (date(2026, 11, 19), "Ana Silva")):
        svc.log(
            NewRequest(
                RequestType.SUBJECT_ACCESS,
                Channel.EMAIL,
                received,
                Requester(name),
                Relationship.SELF,
                Subject(SubjectKind.STAFF, name),
                "My personnel file",
            )
        )
    page = _open_page(qtbot, window, school)
    page.refresh_register()
    rows = {page.model.index(i, 0).data(): i for i in range(page.model.rowCount())}
    late = rows["SAR-2026-001"]
    assert page.model.index(late, 5).data().startswith("OVERDUE: overdue by")
    assert (
        page.model.index(late, 5).data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == RED.upper()
    )
    assert "1 OVERDUE" in page.count_label.text()
    _pick(page.status_filter, "overdue")
    assert page.model.rowCount() == 1
    qtbot.keyClicks(page.search, "silva")
    assert page.model.rowCount() == 0
    page.search.clear()
    _pick(page.status_filter, "all")
    target = tmp_path / "register.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    from openpyxl import load_workbook

    ws = load_workbook(target).active
    assert ws.max_row == 3 and ws["A1"].value == "Reference"


def test_lock_clears_the_page(qtbot, window, school) -> None:
    _people(school)
    page = _open_page(qtbot, window, school)
    page.refresh_register()
    window.lock()
    assert page.model.rowCount() == 0 and page.current is None and page.service is None


def test_term_dates_import_and_complaint(qtbot, window, school, monkeypatch, tmp_path) -> None:
    from schooldp.services.requests import load_school_calendar
    from schooldp.ui.dialogs.request_actions import set_date

    page = _open_page(qtbot, window, school)
    csv_file = tmp_path / "terms.csv"
    csv_file.write_text(
        "type,name,start,end\nterm,Autumn term,02/09/2026,18/12/2026\nclosure,Half term,26/10/2026,30/10/2026\n",
        encoding="utf-8",
    )
    qtbot.mouseClick(page.terms_button, Qt.MouseButton.LeftButton)
    terms = page.dialog
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(csv_file), "")))
    qtbot.mouseClick(terms.import_button, Qt.MouseButton.LeftButton)
    assert terms.table.rowCount() == 2
    qtbot.mouseClick(terms.save_button, Qt.MouseButton.LeftButton)
    calendar = load_school_calendar(window.session)
    assert calendar is not None and calendar.why_not_school_day(date(2026, 10, 27)) == "Half term"

    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    intake = page.dialog
    type_text(intake.subject_new, "Zoë Nguyễn")
    _pick(intake.relationship, Relationship.SELF)
    assert intake.requester_name.text() == "Zoë Nguyễn"
    _pick(intake.request_type, RequestType.COMPLAINT)
    assert RequestType.EDUCATIONAL_RECORD not in [
        intake.request_type.itemData(i) for i in range(intake.request_type.count())
    ]
    set_date(intake.received, date(2026, 11, 2))
    type_text(intake.description, "My photo was posted on the school's social media without consent.")
    qtbot.mouseClick(intake.log_button, Qt.MouseButton.LeftButton)
    assert not intake.isVisible(), intake.error.text()
    assert page.header.text().startswith("DPC-2026-001")
    assert _label(page, "Due") == "Wed 2 Dec 2026"  # 30 days from the day after receipt
    assert not page.ask_button.isVisible() and page.ack_button.isVisible()
    qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)
    ack = page.dialog
    set_date(ack.on, date(2026, 11, 4))
    _ok(qtbot, ack)
    assert _label(page, "Time left").startswith("Acknowledged")
    text = _issue_letter(qtbot, page, "request_complaint_ack", monkeypatch, tmp_path)
    assert "Dear Zoë Nguyễn" in text and "DPC-2026-001" in text
    qtbot.mouseClick(page.outcome_button, Qt.MouseButton.LeftButton)
    out = page.dialog
    set_date(out.on, date(2026, 11, 12))
    type_text(out.outcome, "The post was removed the same day and staff reminded of the consent list.")
    _ok(qtbot, out)
    assert _label(page, "Status") == "Responded"
    text = _issue_letter(qtbot, page, "request_complaint_outcome", monkeypatch, tmp_path)
    assert "The post was removed the same day" in text and "0303 123 1113" in text
