"""Several people at once on one school file: a save made from an out-of-date read is refused
with the other person's name, never kept over their change; a save from the current read works."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from schooldp.domain.accounts import Role
from schooldp.domain.clock import FrozenClock
from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.errors import ConflictError
from schooldp.domain.requests import RequestStatus
from schooldp.services.requests import NewRequest, RequestService
from schooldp.services.school import SchoolSession
from tests.conftest import HEAD_PASS, sample_request

# 10:42 in London on a November day is 10:42 UTC.
NOW = datetime(2026, 11, 20, 10, 42, tzinfo=UTC)


def _request() -> NewRequest:
    return sample_request()


@pytest.fixture
def two_people(school):
    """The DPO (Priya Raman) and the headteacher, each with their own session on the one file."""
    school.clock = FrozenClock(NOW)
    head_account = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS, HEAD_PASS)
    head = SchoolSession(school.vault, head_account, FrozenClock(NOW + timedelta(minutes=3)))
    return school, head


def test_a_save_from_an_old_read_names_who_changed_what_and_keeps_their_change(two_people):
    dpo, head = two_people
    mine, theirs = RequestService(head), RequestService(dpo)
    logged = theirs.log(_request())
    read_by_head = mine.summary(logged.id)  # the headteacher opens the request...
    theirs.ask(logged.id, ClockEventKind.ID_AWAITED, expected_version=theirs.summary(logged.id).row_version)

    with pytest.raises(ConflictError) as caught:  # ...and saves after the DPO's change
        mine.change_status(
            logged.id, RequestStatus.IN_PROGRESS, "Started", expected_version=read_by_head.row_version
        )
    message = str(caught.value)
    assert message.startswith("Priya Raman changed this request's deadline details at 10:42")
    assert message.endswith("while you were editing. Reload to see their change, then make yours again.")
    assert caught.value.who == ("Priya Raman",)
    now = theirs.summary(logged.id)
    assert now.status is RequestStatus.AWAITING_ID  # the DPO's change stands
    assert [e.action for e in dpo.activity(entity="request")].count("request.status") == 0

    reloaded = mine.summary(logged.id)  # Reload: the save from the fresh read goes through
    event_id = mine.detail(logged.id).open_events[0].id
    saved = mine.reply_received(logged.id, event_id, expected_version=reloaded.row_version)
    assert saved.status is RequestStatus.IN_PROGRESS
    assert saved.row_version == reloaded.row_version + 1


def test_each_saved_change_moves_the_version_on_once(two_people):
    dpo, _head = two_people
    service = RequestService(dpo)
    logged = service.log(_request())
    assert logged.row_version == 1
    first = service.change_status(logged.id, RequestStatus.IN_PROGRESS, expected_version=1)
    assert first.row_version == 2
    second = service.extend(logged.id, "Many records to search across two sites.", expected_version=2)
    assert second.row_version == 3
    with pytest.raises(ConflictError):
        service.change_status(logged.id, RequestStatus.RESPONDED, expected_version=2)
    assert service.summary(logged.id).status is RequestStatus.EXTENDED


def test_without_an_expected_version_a_save_still_counts_for_everyone_else(two_people):
    dpo, head = two_people
    logged = RequestService(dpo).log(_request())
    read = RequestService(head).summary(logged.id)
    RequestService(dpo).change_status(logged.id, RequestStatus.IN_PROGRESS)  # the demo's way: no check
    with pytest.raises(ConflictError, match="Priya Raman changed this request's status at 10:42"):
        RequestService(head).change_status(
            logged.id, RequestStatus.WITHDRAWN, "Withdrawn by phone", expected_version=read.row_version
        )


def test_several_changes_since_the_read_are_named_newest_last(two_people):
    dpo, head = two_people
    service = RequestService(dpo)
    logged = service.log(_request())
    read = RequestService(head).summary(logged.id)
    service.change_status(logged.id, RequestStatus.IN_PROGRESS)
    service.extend(logged.id, "Many records to search across two sites.")
    with pytest.raises(ConflictError) as caught:
        RequestService(head).change_status(
            logged.id, RequestStatus.RESPONDED, expected_version=read.row_version
        )
    assert str(caught.value).startswith(
        "Priya Raman changed this request's status at 10:42 and Priya Raman extended this request's "
        "time limit at 10:42 while you were editing. Reload to see their changes"
    )


def test_a_breach_step_saved_from_an_old_read_is_refused_and_names_the_step(two_people):
    from dataclasses import replace

    from schooldp.domain.breach import BreachStep
    from schooldp.services.breaches import BreachReport, BreachService

    dpo, head = two_people
    aware = NOW - timedelta(hours=1)
    made = BreachService(dpo).report_breach(
        BreachReport(
            title="SEN plan emailed to the wrong parent",
            reported_by="Class teacher, Year 4",
            aware_at=aware,
            occurred_at=aware - timedelta(hours=2),
            how_found="The parent who received it phoned the office.",
            what_happened="A SEN support plan was emailed to the wrong parent.",
            systems_involved="School email",
        )
    )
    open_in_wizard = BreachService(head).breach(made.id)
    BreachService(dpo).complete_step(
        made.id,
        BreachStep.DPO_NOTIFIED,
        replace(made.triage, dpo_notified_at=aware),
        expected_version=made.row_version,
    )
    with pytest.raises(ConflictError) as caught:
        BreachService(head).complete_step(
            made.id,
            BreachStep.DPO_NOTIFIED,
            replace(open_in_wizard.triage, dpo_notified_at=aware + timedelta(minutes=20)),
            expected_version=open_in_wizard.row_version,
        )
    assert str(caught.value).startswith("Priya Raman saved step 1 (DPO notified) of this breach at 10:42")
    kept = BreachService(head).breach(made.id)
    assert kept.triage.dpo_notified_at == aware  # the DPO's answer stands
    assert kept.row_version == made.row_version + 1


def test_people_and_records_edits_from_an_old_read_are_refused(two_people):
    from dataclasses import replace

    from schooldp.domain.people import Pupil, YearGroup, upn_check_letter
    from schooldp.services.people import PeopleService
    from schooldp.services.records import RecordsService

    dpo, head = two_people
    body = "820123450011"
    pupil = PeopleService(dpo).add_pupil(
        Pupil(upn_check_letter(body) + body, "Maya", "Okafor", date(2017, 5, 2), YearGroup("Y4"))
    )
    PeopleService(dpo).update_pupil(replace(pupil, reg_group="4B"))
    with pytest.raises(ConflictError, match="Priya Raman changed this pupil's record at 10:42"):
        PeopleService(head).update_pupil(replace(pupil, preferred_first_name="May"))
    assert PeopleService(head).pupil(pupil.id).reg_group == "4B"

    RecordsService(dpo).adopt_starter()
    activity = RecordsService(head).activities()[0]
    RecordsService(dpo).update_activity(replace(activity, security="Encrypted laptops; MFA on email."))
    with pytest.raises(ConflictError, match="Priya Raman changed this processing activity at 10:42"):
        RecordsService(head).update_activity(replace(activity, owner_role="Office manager"))


def test_policy_documents_and_consent_purposes_refuse_a_save_from_an_old_read(two_people):
    from dataclasses import replace

    from schooldp.services.consent import ConsentService
    from schooldp.services.policies import PoliciesService

    dpo, head = two_people
    document = PoliciesService(head).documents()[0]
    PoliciesService(dpo).save_document(replace(document, notes="Reviewed with governors."))
    with pytest.raises(ConflictError, match="Priya Raman changed this policy at 10:42"):
        PoliciesService(head).save_document(replace(document, version="2.1"))
    assert PoliciesService(head).documents()[0].notes == "Reviewed with governors."

    purpose = ConsentService(head).purposes()[0]
    saved = ConsentService(dpo).update_purpose(replace(purpose, description="Photos on the school website."))
    assert saved.row_version == purpose.row_version + 1
    with pytest.raises(ConflictError, match="Priya Raman changed this consent purpose at 10:42"):
        ConsentService(head).update_purpose(replace(purpose, description="Photos in the newsletter."))


def test_the_school_profile_saved_from_an_old_read_is_refused(two_people):
    from dataclasses import replace

    dpo, head = two_people
    read = head.profile()
    dpo.update_profile(replace(dpo.profile(), phone="01530 111111"))
    with pytest.raises(ConflictError, match="^Priya Raman changed the school profile at 10:42"):
        head.update_profile(replace(read, email="office@oakfield.example.sch.uk"))
    assert head.profile().phone == "01530 111111"
    head.update_profile(replace(head.profile(), email="office@oakfield.example.sch.uk"))  # after Reload
