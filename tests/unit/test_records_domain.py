"""Record of processing rules: what the law requires of an entry, a processor and a notice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from schooldp.domain.errors import ValidationError
from schooldp.domain.records import (
    AgreementKind,
    Art28Particulars,
    CriminalCondition,
    DataSubject,
    LawfulBasis,
    NoticeAudience,
    NoticeStatus,
    Organisation,
    OrgRole,
    ProcessingActivity,
    Retention,
    Schedule1Condition,
    SpecialCondition,
    activities_for,
    rights_for,
)

SEND = ProcessingActivity(
    "send",
    "SEND",
    "Meet special educational needs",
    (DataSubject.PUPILS, DataSubject.PARENTS),
    ("Support plans",),
    LawfulBasis.LEGAL_OBLIGATION,
    special_categories=("Health",),
    special_condition=SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST,
    schedule1_condition=Schedule1Condition.SUPPORT_FOR_DISABILITY,
)


def test_recognised_legitimate_interests_is_article_6_1_ea() -> None:
    basis = LawfulBasis.RECOGNISED_LEGITIMATE_INTERESTS
    assert basis.article == "UK GDPR Art 6(1)(ea) and Annex 1"
    assert basis.is_legitimate_interests and "safeguarding" in basis.plain


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"special_condition": None, "schedule1_condition": None}, "special_condition"),
        ({"schedule1_condition": None}, "schedule1_condition"),
        ({"criminal_data": True}, "criminal_condition"),
        ({"transfers": "USA"}, "transfer_safeguards"),
        ({"subjects": ()}, "subjects"),
        ({"purpose": " "}, "purpose"),
    ],
)
def test_an_entry_the_law_would_not_accept_is_refused(change, field) -> None:  # type: ignore[no-untyped-def]
    SEND.validate()
    with pytest.raises(ValidationError) as err:
        replace(SEND, **change).validate()
    assert err.value.field == field


def test_explicit_consent_needs_no_schedule_1_condition_and_criminal_data_needs_one() -> None:
    replace(SEND, special_condition=SpecialCondition.EXPLICIT_CONSENT, schedule1_condition=None).validate()
    replace(SEND, criminal_data=True, criminal_condition=CriminalCondition.SAFEGUARDING).validate()
    assert SpecialCondition.HEALTH_OR_SOCIAL_CARE.needs_schedule_1
    assert CriminalCondition.CONSENT.article == "DPA 2018 Sch 1 Part 3 para 29"


def test_gaps_and_retention_text() -> None:
    assert "retention period" in SEND.gaps()
    done = replace(
        SEND,
        retention=Retention("Date of birth", "25 years"),
        security="x",
        owner_role="SENCO",
        systems=("MIS",),
    )
    assert done.gaps() == () and done.retention.text == "Date of birth + 25 years"


def test_processor_gaps_name_the_missing_art_28_particulars() -> None:
    org = Organisation("App Ltd", OrgRole.PROCESSOR)
    gaps = org.gaps()
    assert "Return or destruction of the data at the end" in gaps and "a written contract (Art 28(3))" in gaps
    complete = replace(
        org,
        agreement=AgreementKind.CONTRACT,
        review_date=date(2027, 9, 1),
        particulars=Art28Particulars("a", "b", "c", "d", "e", "f"),
        due_diligence="Checked",
    )
    assert complete.gaps() == ()
    assert complete.review_due(date(2027, 7, 10)) and not complete.review_due(date(2027, 6, 1))
    with pytest.raises(ValidationError):
        replace(complete, agreement_date=date(2027, 10, 1)).validate()


def test_notices_take_the_activities_about_their_people() -> None:
    payroll = replace(SEND, key="payroll", subjects=(DataSubject.STAFF,))
    governors = replace(SEND, key="gov", subjects=(DataSubject.GOVERNORS,), active=False)
    acts = [SEND, payroll, governors]
    assert activities_for(NoticeAudience.PUPILS_PARENTS, acts) == [SEND]
    assert activities_for(NoticeAudience.STAFF, acts) == [payroll]
    assert activities_for(NoticeAudience.GOVERNORS_VOLUNTEERS, acts) == []
    assert NoticeAudience.touched_by((DataSubject.PUPILS, DataSubject.STAFF)) == {
        NoticeAudience.PUPILS_PARENTS,
        NoticeAudience.STAFF,
    }
    assert any("educational record" in r for r in rights_for(NoticeAudience.PUPILS_PARENTS))
    assert not any("educational record" in r for r in rights_for(NoticeAudience.STAFF))


def test_notice_status() -> None:
    a = NoticeAudience.STAFF
    assert NoticeStatus(a, None, 0).out_of_date
    assert not NoticeStatus(a, 4, 4).out_of_date
    assert NoticeStatus(a, 4, 6).out_of_date
