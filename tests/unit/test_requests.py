"""Requests: status moves, the child rule, ID limit, exemptions, unfounded/excessive, checklist."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import (
    ALLOWED_TRANSITIONS,
    REFUSAL_LETTER_MUST_SAY,
    RESPONSE_CHECKLIST,
    Channel,
    ChildPresumption,
    ClockEffect,
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
    add_id_document,
    can_transition,
    child_rule,
    educational_record_applies,
    educational_record_problem,
    next_statuses,
    transition,
    validate_id_documents,
)
from schooldp.domain.school import Nation, SchoolType

R = RequestStatus

# --- types and enums --------------------------------------------------------------------------


def test_every_request_type_has_label_and_legal_basis() -> None:
    for kind in RequestType:
        assert kind.label and kind.legal_basis and kind.time_limit
    assert "Article 15" in RequestType.SUBJECT_ACCESS.legal_basis
    assert "regulation 5" in RequestType.EDUCATIONAL_RECORD.legal_basis
    assert "Data (Use and Access) Act 2025" in RequestType.COMPLAINT.legal_basis
    assert "15 school days" in RequestType.EDUCATIONAL_RECORD.time_limit
    assert "30 days" in RequestType.COMPLAINT.time_limit
    assert len(RequestType) == 11


def test_channels_and_relationships_have_labels() -> None:
    assert {c.label for c in Channel} >= {"Letter", "Email", "Phone", "In person"}
    assert Channel.VIA_STAFF.label == "Via a member of staff"
    assert Channel.EMAIL.is_written and not Channel.PHONE.is_written
    assert Relationship.SOLICITOR.needs_authority
    assert not Relationship.PARENT_CARER.needs_authority


def test_statuses_have_labels_and_clock_effects() -> None:
    assert all(s.label for s in RequestStatus)
    assert R.AWAITING_ID.clock is ClockEffect.RESTARTS_ON_RECEIPT
    assert R.AWAITING_FEE.clock is ClockEffect.RESTARTS_ON_RECEIPT
    assert R.AWAITING_CLARIFICATION.clock is ClockEffect.PAUSED
    assert R.EXTENDED.is_open and R.IN_PROGRESS.is_open
    assert not any(s.is_open for s in (R.RESPONDED, R.REFUSED, R.WITHDRAWN, R.CLOSED))


# --- transitions ------------------------------------------------------------------------------

HAPPY_PATH = [
    R.RECEIVED,
    R.AWAITING_ID,
    R.IN_PROGRESS,
    R.AWAITING_CLARIFICATION,
    R.IN_PROGRESS,
    R.EXTENDED,
    R.RESPONDED,
    R.CLOSED,
]


def test_the_full_path_is_allowed() -> None:
    for current, target in zip(HAPPY_PATH, HAPPY_PATH[1:], strict=False):
        change = transition(current, target, reason="Complex: five years of emails")
        assert (change.from_status, change.to_status) == (current, target)


@pytest.mark.parametrize(
    "current,target",
    [
        (R.RECEIVED, R.AWAITING_AUTHORITY),
        (R.RECEIVED, R.AWAITING_FEE),
        (R.RECEIVED, R.IN_PROGRESS),
        (R.RECEIVED, R.WITHDRAWN),
        (R.AWAITING_ID, R.AWAITING_AUTHORITY),
        (R.AWAITING_AUTHORITY, R.IN_PROGRESS),
        (R.AWAITING_FEE, R.IN_PROGRESS),
        (R.IN_PROGRESS, R.RESPONDED),
        (R.EXTENDED, R.WITHDRAWN),
        (R.REFUSED, R.CLOSED),
        (R.WITHDRAWN, R.CLOSED),
    ],
)
def test_legal_moves(current: RequestStatus, target: RequestStatus) -> None:
    assert can_transition(current, target)
    assert transition(current, target).to_status is target


@pytest.mark.parametrize(
    "current,target",
    [
        (R.RECEIVED, R.RESPONDED),
        (R.RECEIVED, R.EXTENDED),
        (R.RECEIVED, R.CLOSED),
        (R.AWAITING_ID, R.EXTENDED),
        (R.EXTENDED, R.IN_PROGRESS),
        (R.EXTENDED, R.EXTENDED),
        (R.RESPONDED, R.IN_PROGRESS),
        (R.CLOSED, R.IN_PROGRESS),
        (R.CLOSED, R.RECEIVED),
        (R.WITHDRAWN, R.RESPONDED),
    ],
)
def test_illegal_moves_raise_with_a_clear_message(current: RequestStatus, target: RequestStatus) -> None:
    if current is not target:
        assert not can_transition(current, target)
    with pytest.raises(ValidationError) as err:
        transition(current, target, reason="x")
    assert current.label in str(err.value)
    assert err.value.field == "status"


def test_illegal_move_lists_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as err:
        transition(R.RESPONDED, R.IN_PROGRESS)
    assert "It can move to: Closed." in str(err.value)
    with pytest.raises(ValidationError) as err:
        transition(R.CLOSED, R.RECEIVED)
    assert "closed" in str(err.value)


def test_extension_needs_reasons() -> None:
    with pytest.raises(ValidationError) as err:
        transition(R.IN_PROGRESS, R.EXTENDED, reason="  ")
    assert err.value.field == "reason"
    change = transition(
        R.IN_PROGRESS,
        R.EXTENDED,
        reason=" Numerous requests ",
        request_type=RequestType.SUBJECT_ACCESS,
    )
    assert change.reason == "Numerous requests"


@pytest.mark.parametrize("kind", [RequestType.EDUCATIONAL_RECORD, RequestType.COMPLAINT])
def test_some_request_types_cannot_be_extended(kind: RequestType) -> None:
    assert not kind.may_be_extended
    with pytest.raises(ValidationError) as err:
        transition(R.IN_PROGRESS, R.EXTENDED, reason="busy", request_type=kind)
    assert "cannot be extended" in str(err.value)


def test_refusal_needs_reasons() -> None:
    with pytest.raises(ValidationError) as err:
        transition(R.RECEIVED, R.REFUSED)
    assert err.value.field == "reason"
    assert transition(R.RECEIVED, R.REFUSED, reason="Repeats last month's request").to_status is (R.REFUSED)


def test_next_statuses() -> None:
    assert next_statuses(R.CLOSED) == ()
    assert next_statuses(R.RESPONDED) == (R.CLOSED,)
    assert R.EXTENDED in next_statuses(R.IN_PROGRESS)


def test_every_status_can_reach_closed() -> None:
    for start in RequestStatus:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in ALLOWED_TRANSITIONS[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert R.CLOSED in seen


@given(st.sampled_from(list(RequestStatus)), st.sampled_from(list(RequestStatus)))
def test_transition_agrees_with_can_transition(current: RequestStatus, target: RequestStatus) -> None:
    try:
        transition(current, target, reason="because")
    except ValidationError:
        assert not can_transition(current, target)
    else:
        assert can_transition(current, target)


# --- children ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "age,presumption,needs_consent",
    [
        (11, ChildPresumption.PARENT_MAY_USUALLY_PROCEED, False),
        (12, ChildPresumption.PUPIL_CONSENT_USUALLY_NEEDED, True),
        (13, ChildPresumption.PUPIL_CONSENT_USUALLY_NEEDED, True),
    ],
)
@pytest.mark.parametrize("nation", [Nation.ENGLAND, Nation.SCOTLAND])
def test_parent_request_child_rule(
    age: int, presumption: ChildPresumption, needs_consent: bool, nation: Nation
) -> None:
    advice = child_rule(age, nation, Relationship.PARENT_CARER)
    assert advice.presumption is presumption
    assert advice.pupil_consent_usually_needed is needs_consent
    assert advice.offer_consent_letter is needs_consent
    assert "case by case" in advice.advice
    assert "belongs to that child" in advice.advice
    assert "Policy section 9.2" in advice.sources


def test_scotland_presumes_12_and_over_competent() -> None:
    scot_12 = child_rule(12, Nation.SCOTLAND, Relationship.PARENT_CARER)
    assert scot_12.presumed_competent
    assert "s.208" in scot_12.advice
    assert "Data Protection Act 2018 s.208" in scot_12.sources
    assert not child_rule(11, Nation.SCOTLAND, Relationship.PARENT_CARER).presumed_competent
    eng_13 = child_rule(13, Nation.ENGLAND, Relationship.PARENT_CARER)
    assert not eng_13.presumed_competent
    assert "s.208" not in eng_13.advice


def test_adult_pupil_needs_consent() -> None:
    advice = child_rule(18, Nation.ENGLAND, Relationship.PARENT_CARER)
    assert advice.presumption is ChildPresumption.PUPIL_CONSENT_NEEDED
    assert advice.pupil_consent_usually_needed


def test_pupils_own_request() -> None:
    advice = child_rule(13, Nation.WALES, Relationship.SELF)
    assert advice.presumption is ChildPresumption.PUPIL_OWN_REQUEST
    assert not advice.offer_consent_letter
    assert "own information" in advice.advice


@pytest.mark.parametrize("relationship", [Relationship.SOLICITOR, Relationship.OTHER_AUTHORISED])
def test_third_parties_need_authority(relationship: Relationship) -> None:
    older = child_rule(14, Nation.ENGLAND, relationship)
    assert older.presumption is ChildPresumption.AUTHORITY_NEEDED
    assert "written authority" in older.advice and "from the pupil" in older.advice
    younger = child_rule(8, Nation.ENGLAND, relationship)
    assert "parental responsibility" in younger.advice


def test_negative_age_rejected() -> None:
    with pytest.raises(ValidationError):
        child_rule(-1, Nation.ENGLAND, Relationship.PARENT_CARER)


# --- educational record -----------------------------------------------------------------------


def test_educational_record_applies_to_maintained_english_schools_under_18() -> None:
    assert educational_record_applies(SchoolType.MAINTAINED, Nation.ENGLAND, 17)
    assert not educational_record_applies(SchoolType.MAINTAINED, Nation.ENGLAND, 18)
    assert not educational_record_applies(SchoolType.ACADEMY, Nation.ENGLAND, 10)
    assert not educational_record_applies(SchoolType.MAINTAINED, Nation.WALES, 10)
    problem = educational_record_problem(SchoolType.ACADEMY, Nation.ENGLAND, 10)
    assert problem is not None and "subject access" in problem
    adult = educational_record_problem(SchoolType.MAINTAINED, Nation.ENGLAND, 18)
    assert adult is not None and "18" in adult


# --- exemptions and disclosure ----------------------------------------------------------------


def test_exemptions_have_labels_and_sources() -> None:
    assert len(Exemption) == 9
    for exemption in Exemption:
        assert exemption.label and exemption.source
        assert "DPA 2018" in exemption.source
    assert "para 19" in Exemption.LEGAL_PRIVILEGE.source


def test_withheld_needs_an_exemption() -> None:
    with pytest.raises(ValidationError) as err:
        DisclosureDecision("Email from Mrs A", DisclosureOutcome.WITHHELD)
    assert "withheld" in str(err.value) and err.value.field == "exemptions"
    with pytest.raises(ValidationError):
        DisclosureDecision("Report", DisclosureOutcome.REDACTED)
    decision = DisclosureDecision(
        "Safeguarding note 12/01",
        DisclosureOutcome.WITHHELD,
        (Exemption.SERIOUS_HARM, Exemption.THIRD_PARTY),
        location=SearchLocation.SAFEGUARDING,
    )
    assert decision.exemptions[0] is Exemption.SERIOUS_HARM


def test_included_items_rely_on_no_exemption() -> None:
    assert DisclosureDecision("Attendance record", DisclosureOutcome.INCLUDED)
    with pytest.raises(ValidationError):
        DisclosureDecision("X", DisclosureOutcome.INCLUDED, (Exemption.CRIME,))
    with pytest.raises(ValidationError):
        DisclosureDecision(" ", DisclosureOutcome.INCLUDED)
    with pytest.raises(ValidationError):
        DisclosureDecision("X", DisclosureOutcome.WITHHELD, (Exemption.CRIME, Exemption.CRIME))


# --- identity ---------------------------------------------------------------------------------


def test_at_most_two_forms_of_id() -> None:
    passport = IdDocument(IdDocumentType.PASSPORT, date(2026, 2, 2), seen_by="Office")
    bill = IdDocument(IdDocumentType.UTILITY_BILL, date(2026, 2, 2))
    docs = add_id_document(add_id_document((), passport), bill)
    assert docs == (passport, bill)
    with pytest.raises(ValidationError) as err:
        add_id_document(docs, IdDocument(IdDocumentType.DRIVING_LICENCE, date(2026, 2, 3)))
    assert "at most 2" in str(err.value)
    with pytest.raises(ValidationError):
        validate_id_documents([passport, bill, bill])
    validate_id_documents([passport])


def test_id_document_holds_no_copy() -> None:
    fields = set(IdDocument.__dataclass_fields__)
    assert fields == {"document_type", "date_seen", "seen_by", "description"}
    with pytest.raises(ValidationError):
        IdDocument(IdDocumentType.OTHER, date(2026, 2, 2))


# --- search log -------------------------------------------------------------------------------


def test_search_records() -> None:
    assert {s.label for s in SearchLocation} >= {"Email", "CCTV", "Paper files"}
    record = SearchRecord(SearchLocation.MIS, "DPO", date(2026, 2, 3), items_found=4)
    assert record.items_found == 4
    with pytest.raises(ValidationError):
        SearchRecord(SearchLocation.OTHER, "DPO", date(2026, 2, 3))
    with pytest.raises(ValidationError):
        SearchRecord(SearchLocation.EMAIL, " ", date(2026, 2, 3))
    with pytest.raises(ValidationError):
        SearchRecord(SearchLocation.EMAIL, "DPO", date(2026, 2, 3), items_found=-1)


# --- unfounded or excessive -------------------------------------------------------------------


def test_unfounded_or_excessive_needs_reasons() -> None:
    with pytest.raises(ValidationError) as err:
        UnfoundedOrExcessive(UnfoundedGround.MANIFESTLY_EXCESSIVE, UnfoundedAction.REFUSE, reasons=" ")
    assert err.value.field == "reasons"
    refusal = UnfoundedOrExcessive(
        UnfoundedGround.MANIFESTLY_EXCESSIVE,
        UnfoundedAction.REFUSE,
        reasons="Third identical request this term",
        repetitive=True,
    )
    assert refusal.resulting_status is R.REFUSED


def test_fee_needs_an_amount() -> None:
    with pytest.raises(ValidationError):
        UnfoundedOrExcessive(
            UnfoundedGround.MANIFESTLY_EXCESSIVE, UnfoundedAction.CHARGE_FEE, reasons="Copies"
        )
    with pytest.raises(ValidationError):
        UnfoundedOrExcessive(UnfoundedGround.MANIFESTLY_UNFOUNDED, UnfoundedAction.REFUSE, "x", fee_pence=100)
    fee = UnfoundedOrExcessive(
        UnfoundedGround.MANIFESTLY_EXCESSIVE, UnfoundedAction.CHARGE_FEE, "Copies", fee_pence=1000
    )
    assert fee.resulting_status is R.AWAITING_FEE
    assert can_transition(R.IN_PROGRESS, fee.resulting_status)


def test_refusal_letter_contents() -> None:
    text = " ".join(REFUSAL_LETTER_MUST_SAY)
    assert "reasons" in text and "ICO" in text and "courts" in text


# --- response checklist -----------------------------------------------------------------------


def test_response_checklist_covers_policy_9_1() -> None:
    keys = [item.key for item in RESPONSE_CHECKLIST]
    for needed in (
        "purposes",
        "categories",
        "recipients",
        "retention",
        "rights",
        "ico_complaint",
        "source",
        "automated_decisions",
        "transfers",
    ):
        assert needed in keys
    assert len(keys) == len(set(keys))
    assert all(item.label and item.source.startswith("Art 15") for item in RESPONSE_CHECKLIST)


# --------------------------------------------------------------------------- rules moved from the service


def test_complaint_clock_wording_follows_s164a() -> None:
    from schooldp.domain.requests import complaint_clock_text

    assert complaint_clock_text(None) == "Acknowledge within 30 days (DPA 2018 s.164A)."
    assert complaint_clock_text(date(2026, 11, 4)) == "Acknowledged 04/11/2026; outcome without undue delay."


def test_child_judgements_and_subject_kinds_have_labels() -> None:
    from schooldp.domain.requests import ChildJudgement, SubjectKind

    assert all(j.label for j in ChildJudgement) and all(k.label for k in SubjectKind)


def test_educational_record_request_must_be_a_parents_written_request_about_a_pupil() -> None:
    from dataclasses import replace

    from schooldp.domain.requests import (
        Subject,
        SubjectKind,
        check_educational_record_request,
        child_advice,
        educational_record_blocker,
    )
    from tests.conftest import sample_profile

    profile = replace(sample_profile(), nation=Nation.ENGLAND, school_type=SchoolType.MAINTAINED)
    pupil = Subject(SubjectKind.PUPIL, "Leo Brennan", 2, date(2015, 5, 1))
    received = date(2026, 10, 21)
    check_educational_record_request(pupil, received, Relationship.PARENT_CARER, Channel.LETTER, profile)
    with pytest.raises(ValidationError, match="belongs to parents"):
        check_educational_record_request(pupil, received, Relationship.SELF, Channel.LETTER, profile)
    with pytest.raises(ValidationError, match="in writing"):
        check_educational_record_request(pupil, received, Relationship.PARENT_CARER, Channel.PHONE, profile)
    staff = Subject(SubjectKind.STAFF, "Tom Reed", 3)
    assert "choose the pupil" in (educational_record_blocker(staff, received, profile) or "")
    assert child_advice(staff, received, Relationship.PARENT_CARER, profile) is None
    advice = child_advice(pupil, received, Relationship.PARENT_CARER, profile)
    assert advice is not None and advice.pupil_age == 11
