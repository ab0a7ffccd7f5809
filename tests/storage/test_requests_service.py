"""Requests at the service level: dates from the deadline engine, history rows, audit, letters."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from schooldp.documents.registry import letter_type
from schooldp.domain.calendar import Closure, ClosureKind, SchoolCalendar, Term
from schooldp.domain.clock import FrozenClock
from schooldp.domain.deadlines import ClockEventKind, DeadlineStatus
from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import (
    Channel,
    DisclosureDecision,
    DisclosureOutcome,
    Exemption,
    IdDocument,
    IdDocumentType,
    Relationship,
    RequestStatus,
    RequestType,
    SearchLocation,
    SearchRecord,
    UnfoundedAction,
    UnfoundedGround,
    UnfoundedOrExcessive,
)
from schooldp.services.letters import LetterService
from schooldp.services.requests import (
    ChildDecision,
    ChildJudgement,
    NewRequest,
    Requester,
    RequestService,
    Subject,
    SubjectKind,
    load_school_calendar,
    offered_types,
    save_school_calendar,
)

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PUPIL = Subject(SubjectKind.PUPIL, "Maya Okafor", 7, date(2013, 3, 10))
PARENT = Requester(
    "Mrs Ruth Okafor", ("4 Church Street", "Ashby", "LE65 2AB"), "ruth@example.org", "", "contact", 11
)


def _service(school) -> RequestService:
    school.clock = FrozenClock(NOW)
    assert school.clock.today() == TODAY
    return RequestService(school)


def _sar(**kw) -> NewRequest:
    base = dict(
        request_type=RequestType.SUBJECT_ACCESS,
        channel=Channel.EMAIL,
        received_on=date(2026, 9, 14),
        requester=PARENT,
        relationship=Relationship.PARENT_CARER,
        subject=PUPIL,
        description="Everything the school holds about my daughter since September 2025.",
    )
    base.update(kw)
    return NewRequest(**base)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def calendar_with_half_term() -> SchoolCalendar:
    return SchoolCalendar(
        terms=(Term("Autumn term", date(2026, 9, 2), date(2026, 12, 18)),),
        closures=(Closure(date(2026, 10, 26), date(2026, 10, 30), ClosureKind.CLOSURE, "Half term"),),
    )


def test_sar_for_a_13_year_old_runs_to_closure_with_dates_history_and_audit(school) -> None:
    svc = _service(school)
    r = svc.log(
        _sar(child_decision=ChildDecision(ChildJudgement.SEEK_CONSENT, "Maya is 13 and understands."))
    )
    assert r.reference == "SAR-2026-001" and r.status is RequestStatus.RECEIVED
    assert r.due == date(2026, 10, 14)
    d = svc.detail(r.id)
    assert d.child_advice is not None and d.child_advice.pupil_age == 13
    assert d.child_advice.offer_consent_letter
    assert d.child_decision.judgement is ChildJudgement.SEEK_CONSENT

    r = svc.ask(r.id, ClockEventKind.ID_AWAITED, date(2026, 9, 15))
    assert r.status is RequestStatus.AWAITING_ID and r.due is None
    assert r.deadline.status(NOW) is DeadlineStatus.PAUSED
    event = svc.detail(r.id).open_events[0]
    r = svc.reply_received(r.id, event.id, date(2026, 9, 22))
    assert r.status is RequestStatus.IN_PROGRESS and r.due == date(2026, 10, 22)  # restarted
    svc.add_id_document(r.id, IdDocument(IdDocumentType.PASSPORT, date(2026, 9, 22), "Office"))
    svc.add_id_document(r.id, IdDocument(IdDocumentType.UTILITY_BILL, date(2026, 9, 22), "Office"))
    with pytest.raises(ValidationError, match="at most 2"):
        svc.add_id_document(r.id, IdDocument(IdDocumentType.BANK_STATEMENT, date(2026, 9, 22)))
    svc.decide_child(r.id, ChildJudgement.PUPIL_CONSENTED, "Maya signed the reply slip.", date(2026, 9, 24))

    with pytest.raises(ValidationError, match="Too late"):
        svc.extend(r.id, "Many documents", date(2026, 10, 23))
    r = svc.extend(r.id, "Over 400 emails to review for third-party data.", date(2026, 10, 1))
    assert r.status is RequestStatus.EXTENDED and r.due == date(2026, 12, 22)

    svc.add_search(r.id, SearchRecord(SearchLocation.MIS, "P. Raman", date(2026, 10, 2), 14))
    svc.add_search(r.id, SearchRecord(SearchLocation.EMAIL, "IT technician", date(2026, 10, 5), 412))
    svc.add_disclosure(r.id, DisclosureDecision("Attendance record 2025-26", DisclosureOutcome.INCLUDED))
    svc.add_disclosure(
        r.id,
        DisclosureDecision("Email from another parent", DisclosureOutcome.WITHHELD, (Exemption.THIRD_PARTY,)),
    )
    plan = svc.letter(r.id, letter_type("request_response"))
    text = _text(LetterService(school).render(plan.letter_type, svc.letter_data(plan)))
    assert "We have withheld Email from another parent" in text
    assert "another person" in text.lower()
    for heading in (
        "Why we use the data",
        "Who we share it with",
        "How long we keep it",
        "Transfers outside the UK",
    ):
        assert heading in text
    assert "0303 123 1113" in text

    r = svc.change_status(r.id, RequestStatus.RESPONDED, "Response sent by email", date(2026, 11, 10))
    assert not r.is_open and r.time_left(NOW) == "Responded 10/11/2026"
    assert r.deadline.status(NOW) is DeadlineStatus.MET
    r = svc.change_status(r.id, RequestStatus.CLOSED, "", date(2026, 11, 12))
    d = svc.detail(r.id)
    assert [h.to_status for h in d.history] == [
        RequestStatus.RECEIVED,
        RequestStatus.AWAITING_ID,
        RequestStatus.IN_PROGRESS,
        RequestStatus.EXTENDED,
        RequestStatus.RESPONDED,
        RequestStatus.CLOSED,
    ]
    assert all(h.by == "Priya Raman" for h in d.history)
    actions = [e.action for e in school.activity(entity="request")]
    for action in (
        "request.logged",
        "request.clock",
        "request.extended",
        "request.searched",
        "request.status",
    ):
        assert action in actions
    summaries = " ".join(e.summary for e in school.activity(entity="request"))
    assert "Okafor" not in summaries and "Maya" not in summaries
    timeline = [t.what for t in svc.timeline(r.id)]
    assert timeline[0] == "Request received" and "Status: Closed" in timeline


def test_educational_record_counts_school_days_across_half_term(school) -> None:
    svc = _service(school)
    req = _sar(
        request_type=RequestType.EDUCATIONAL_RECORD, channel=Channel.LETTER, received_on=date(2026, 10, 21)
    )
    r = svc.log(req)
    assert r.reference == "ER-2026-001"
    assert r.due is None and r.due_problem == "Term dates needed"
    assert r.time_left(NOW) == "Term dates needed"
    save_school_calendar(school, calendar_with_half_term())
    assert load_school_calendar(school) == calendar_with_half_term()
    r = svc.summary(r.id)
    assert r.due == date(2026, 11, 18)  # 15 school days, half term (26-30 Oct) not counted
    with pytest.raises(ValidationError, match="cannot be extended"):
        svc.extend(r.id, "Complex", date(2026, 10, 22))
    with pytest.raises(ValidationError, match="in writing"):
        svc.log(_sar(request_type=RequestType.EDUCATIONAL_RECORD, channel=Channel.PHONE))


def test_educational_record_not_offered_for_academies_or_adults(school) -> None:
    profile = school.profile()
    assert RequestType.EDUCATIONAL_RECORD in offered_types(PUPIL, date(2026, 9, 14), profile)
    adult = Subject(SubjectKind.PUPIL, "Sam Adult", 8, date(2008, 1, 1))
    assert RequestType.EDUCATIONAL_RECORD not in offered_types(adult, date(2026, 9, 14), profile)
    from dataclasses import replace

    from schooldp.domain.school import SchoolType

    academy = replace(profile, school_type=SchoolType.ACADEMY)
    assert RequestType.EDUCATIONAL_RECORD not in offered_types(PUPIL, date(2026, 9, 14), academy)
    with pytest.raises(ValidationError, match="18"):
        _service(school).log(_sar(request_type=RequestType.EDUCATIONAL_RECORD, subject=adult))


def test_intake_refuses_future_and_impossible_dates(school) -> None:
    svc = _service(school)
    with pytest.raises(ValidationError, match="in the future"):
        svc.log(_sar(received_on=date(2026, 11, 21)))
    with pytest.raises(ValidationError, match="check the year"):
        svc.log(_sar(received_on=date(1926, 11, 21)))
    with pytest.raises(ValidationError, match="before the pupil's date of birth"):
        svc.log(_sar(received_on=date(2012, 1, 1)))
    assert svc.requests() == []


def test_clarification_pauses_and_unfounded_fee_restarts(school) -> None:
    svc = _service(school)
    r = svc.log(
        _sar(
            received_on=date(2026, 5, 5),
            relationship=Relationship.SELF,
            subject=Subject(SubjectKind.STAFF, "Tom Reed", 3),
        )
    )
    r = svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=date(2026, 5, 6))
    r = svc.ask(r.id, ClockEventKind.CLARIFICATION_AWAITED, date(2026, 5, 7), "Which years?")
    assert r.status is RequestStatus.AWAITING_CLARIFICATION and r.due is None
    r = svc.reply_received(r.id, svc.detail(r.id).open_events[0].id, date(2026, 5, 12))
    assert r.due == date(2026, 6, 11)  # the ICO example: 6 days do not count
    r = svc.unfounded(
        r.id,
        UnfoundedOrExcessive(
            UnfoundedGround.MANIFESTLY_EXCESSIVE,
            UnfoundedAction.CHARGE_FEE,
            "Fourth identical request",
            True,
            2500,
        ),
        date(2026, 5, 13),
    )
    assert r.status is RequestStatus.AWAITING_FEE and r.due is None
    r = svc.reply_received(r.id, svc.detail(r.id).open_events[0].id, date(2026, 5, 20))
    assert r.due == date(2026, 6, 22)  # restarts 20 May -> 20 Jun (Sat) -> Mon 22 Jun


def test_refusal_letter_and_complaint(school) -> None:
    svc = _service(school)
    r = svc.log(_sar(received_on=date(2026, 11, 2)))
    r = svc.unfounded(
        r.id,
        UnfoundedOrExcessive(
            UnfoundedGround.MANIFESTLY_UNFOUNDED, UnfoundedAction.REFUSE, "Made only to cause disruption."
        ),
        date(2026, 11, 3),
    )
    assert r.status is RequestStatus.REFUSED
    plan = svc.letter(r.id, letter_type("request_refusal"))
    text = _text(LetterService(school).render(plan.letter_type, svc.letter_data(plan)))
    assert "Made only to cause disruption." in text and "courts" in text and "ico.org.uk" in text

    c = svc.log(
        _sar(
            request_type=RequestType.COMPLAINT,
            received_on=date(2026, 6, 5),
            description="Photo used without consent",
        )
    )
    assert c.reference == "DPC-2026-001" and c.due == date(2026, 7, 6)
    assert c.is_overdue(NOW) and c.time_left(NOW).startswith("OVERDUE")
    c = svc.acknowledge_complaint(c.id, date(2026, 6, 10))
    assert not c.is_overdue(NOW) and c.time_left(NOW).startswith("Acknowledged")
    c = svc.complaint_outcome(c.id, "The photo has been removed and staff reminded.", date(2026, 6, 20))
    assert c.status is RequestStatus.RESPONDED
    plan = svc.letter(c.id, letter_type("request_complaint_outcome"))
    assert "The photo has been removed" in _text(
        LetterService(school).render(plan.letter_type, svc.letter_data(plan))
    )


def test_register_filters_and_export(school, tmp_path) -> None:
    svc = _service(school)
    svc.log(_sar(received_on=date(2026, 9, 1)))  # overdue by now
    svc.log(
        _sar(
            received_on=date(2026, 11, 19),
            relationship=Relationship.SELF,
            subject=Subject(SubjectKind.STAFF, "Tom Reed"),
        )
    )
    assert len(svc.requests(now=NOW)) == 2
    assert [r.reference for r in svc.requests(overdue_only=True, now=NOW)] == ["SAR-2026-001"]
    assert [r.reference for r in svc.requests(search="reed", now=NOW)] == ["SAR-2026-002"]
    rows = svc.requests(now=NOW)
    out = svc.export(tmp_path / "register.csv", rows, NOW)
    lines = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert lines[0][0] == "Reference" and len(lines) == 3
    assert ["SAR-2026-001", "Yes"] == [lines[2][0], lines[2][9]]
    out = svc.export(tmp_path / "register.xlsx", rows, NOW)
    ws = load_workbook(out).active
    assert ws["A1"].value == "Reference" and ws.max_row == 3
    assert any(e.action == "request.exported" for e in school.activity())


def test_every_offered_letter_renders_from_the_request(school) -> None:
    svc = _service(school)
    letters = LetterService(school)
    from schooldp.services.requests import available_letters

    r = svc.log(_sar(child_decision=ChildDecision(ChildJudgement.SEEK_CONSENT, "13 and able to understand.")))
    svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=date(2026, 9, 15))
    svc.extend(r.id, "Many documents held in several systems.", date(2026, 9, 20))
    must_type = {"request_refusal", "request_rights_outcome"}  # the DPO writes these words
    # Letters dated within the first month: an extension notice after it is refused (Art 12(3)).
    school.clock = FrozenClock(date(2026, 9, 21))
    keys = available_letters(svc.detail(r.id))
    assert {"request_pupil_consent", "request_extension", "request_response"} <= set(keys)
    for key in keys:
        plan = svc.letter(r.id, letter_type(key))
        overrides = {"refusal_reasons": "Reasons.", "outcome": "Done."} if key in must_type else {}
        text = _text(letters.render(plan.letter_type, svc.letter_data(plan, overrides)))
        assert "SAR-2026-001" in text, key
    school.clock = FrozenClock(NOW)
    late = svc.log(_sar(received_on=date(2026, 9, 1)))  # not extended, and the month is over
    with pytest.raises(ValidationError, match="within the first month"):
        svc.letter(late.id, letter_type("request_extension"))
    ack = _text(
        letters.render(
            letter_type("request_acknowledgement"),
            svc.letter_data(svc.letter(r.id, letter_type("request_acknowledgement"))),
        )
    )
    assert "14 December 2026" in ack  # extended: three months from 14 September


def test_dashboard_feed_lists_open_requests(school) -> None:
    from schooldp.services.dashboard import attention

    svc = _service(school)
    late = svc.log(_sar(received_on=date(2026, 9, 1)))
    done = svc.log(_sar(received_on=date(2026, 9, 2)))
    svc.change_status(done.id, RequestStatus.WITHDRAWN, "Withdrawn by email", date(2026, 9, 3))
    items = [i for i in attention(school, NOW).items if i.area == "request"]
    assert [i.record_id for i in items] == [late.id]
    assert items[0].deadline.status(NOW) is DeadlineStatus.OVERDUE


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_neutralises_names_a_spreadsheet_would_run(school, tmp_path, suffix) -> None:
    formula = '=HYPERLINK("http://x","y")'
    svc = _service(school)
    svc.log(
        _sar(
            received_on=date(2026, 11, 2),
            relationship=Relationship.SELF,
            requester=Requester(formula),
            subject=Subject(SubjectKind.OTHER, formula),
        )
    )
    out = svc.export(tmp_path / f"register{suffix}", svc.requests())
    if suffix == ".csv":
        header, row = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        cells = dict(zip(header, row, strict=True))
        subject, requester = cells["Data subject"], cells["Requester"]
    else:
        ws = load_workbook(out).active
        assert ws["F1"].value == "Data subject" and ws["K1"].value == "Requester"
        assert ws["F2"].data_type == "s" and ws["K2"].data_type == "s"
        subject, requester = ws["F2"].value, ws["K2"].value
    assert subject == requester == "'" + formula


def test_each_letter_builder_works_alone_and_every_request_letter_has_one(school) -> None:
    from schooldp.documents.registry import letter_types
    from schooldp.services.requests.letters import (
        LETTER_BUILDERS,
        acknowledgement,
        pupil_consent,
        refusal,
    )

    assert set(LETTER_BUILDERS) == {t.key for t in letter_types() if t.key.startswith("request_")}
    svc = _service(school)
    r = svc.log(_sar(child_decision=ChildDecision(ChildJudgement.SEEK_CONSENT, "13 and able to understand.")))
    d = svc.detail(r.id)
    profile = school.profile()
    ack = acknowledgement(d, profile, date(2026, 9, 20))  # sent before the reply is due
    assert ack.fields["due_sentence"] == "We will reply by 14 October 2026 at the latest (" + (
        "one month from receipt, extendable by two months)."
    )
    late = acknowledgement(d, profile, TODAY)  # sent after it was due: an apology and a new date
    assert late.fields["due_sentence"].startswith("We are sorry that we have not replied")
    assert "due by 14 October 2026" in late.fields["due_sentence"]
    assert ack.addressee is None and [f.key for f in ack.editable] == ["request_summary", "next_steps"]
    consent = pupil_consent(d, profile, TODAY)
    assert consent.addressee is not None and consent.addressee.salutation == "Maya"
    assert consent.fields["reply_by"] == "27 November 2026"
    assert refusal(d, profile, TODAY).fields == {"refusal_reasons": ""}


def test_id_letter_only_with_a_reason_to_doubt_and_letters_speak_plainly(school) -> None:
    from schooldp.services.requests import available_letters
    from schooldp.services.requests.letters import id_authority, response

    svc = _service(school)
    r = svc.log(_sar())
    assert "request_id_authority" not in available_letters(svc.detail(r.id))  # a known parent
    with pytest.raises(ValidationError):
        svc.doubt_identity(r.id, " ")
    svc.doubt_identity(r.id, "The email address is not the one on our records.", date(2026, 9, 15))
    d = svc.detail(r.id)
    assert "request_id_authority" in available_letters(d)
    assert d.latest("identity_doubt").reasons.startswith("The email address")
    # A parent asking about their child: "your child", and "we enclose" (nothing withheld yet).
    parts = response(d, school.profile(), TODAY)
    assert parts.fields["subject_description"] == "your child, Maya Okafor"
    assert "we enclose a copy" in parts.fields["confirmation"]
    # A solicitor for a young child is asked for the authority of a person with parental responsibility.
    young = Subject(SubjectKind.PUPIL, "Leo Okafor", 8, date(2019, 5, 1))
    sol = svc.log(_sar(relationship=Relationship.SOLICITOR, subject=young))
    needed = id_authority(svc.detail(sol.id), school.profile(), TODAY).fields["needed"]
    assert "parental responsibility for Leo Okafor" in needed
