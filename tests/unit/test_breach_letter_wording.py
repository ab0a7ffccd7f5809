"""Letters to the people affected are written for the reader (UK GDPR Art 34(2): "clear and plain
language"): their dates, their data in everyday words, past-tense actions, advice that fits."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import textstat

from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    BreachStep,
    Cause,
    DataCategory,
    Recipients,
    TriageData,
)
from schooldp.domain.breach.containment import INSTRUCTIONS, containment_checklist
from schooldp.domain.breach.plain_language import Reader
from schooldp.flows.breach_triage import ContainmentAction
from schooldp.resources import resource
from schooldp.services.breaches import BreachRecord, NoticeText, default_notice_text

D = DataCategory
HAPPENED = datetime(2026, 3, 3, 15, 30, tzinfo=UTC)
AWARE = datetime(2026, 3, 4, 8, 10, tzinfo=UTC)
FLESCH_MIN = 60


def _record(categories: set[DataCategory], groups: set[AffectedGroup], cause: Cause) -> BreachRecord:
    facts = BreachFacts(
        data_categories=frozenset(categories),
        affected_groups=frozenset(groups),
        approx_people=30,
        confidentiality_lost=True,
        recipients=Recipients.KNOWN,
        cause=cause,
    )
    actions = tuple(
        ContainmentAction(item.text, "DPO", date(2026, 3, 5), item.id)
        for item in containment_checklist(facts)
    )
    triage = TriageData(
        title="Spreadsheet sent to the wrong parent",
        occurred_at=HAPPENED,
        aware_at=AWARE,
        what_happened="A member of staff sent a spreadsheet to a parent by mistake. It should have gone to a colleague.",
        facts=facts,
        containment_actions=actions,
        prevention_actions="Autocomplete switched off; staff briefing on checking recipients.",
    )
    return BreachRecord(
        id=1,
        reference="BR-2026-001",
        status="open",
        created_at=AWARE,
        triage=triage,
        stamps={},
        history=(),
        ico_reports=(),
        affected_pupils=(),
        affected_staff=(),
    )


SEND_SPREADSHEET = _record({D.BASIC_IDENTIFIERS, D.SEND}, {AffectedGroup.PUPILS}, Cause.EMAIL_WRONG_RECIPIENT)
STAFF_PAY = _record({D.STAFF_HR_PAY, D.FINANCIAL}, {AffectedGroup.STAFF}, Cause.EMAIL_WRONG_RECIPIENT)


def letter_body(key: str, text: NoticeText) -> str:
    """The default wording with its fields filled, as the reader reads it (no letterhead)."""
    wording = resource(f"letters/{key}.txt").read_text(encoding="utf-8")
    values = {
        **text.__dict__,
        "salutation": "Mrs Khan",
        "child_name": "Amelia",
        "dpo_name": "Priya Raman",
        "dpo_email": "dpo@oakfield.example.sch.uk",
        "reference": "BR-2026-001",
    }
    body = re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), wording)
    return body.replace("**", "")


CASES = {
    "breach_notice_parent (SEND spreadsheet)": ("breach_notice_parent", SEND_SPREADSHEET, Reader.PARENT),
    "breach_notice_staff (pay and bank details)": ("breach_notice_staff", STAFF_PAY, Reader.STAFF),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_default_letters_read_easily(name: str) -> None:
    key, record, reader = CASES[name]
    body = letter_body(key, default_notice_text(record, reader))
    score = textstat.flesch_reading_ease(body)
    print(f"{name}: Flesch reading ease {score}")
    assert score >= FLESCH_MIN, (name, score)


def test_parent_letter_speaks_of_your_child_with_dates_and_plain_data() -> None:
    text = default_notice_text(SEND_SPREADSHEET, Reader.PARENT)
    assert (
        "This happened on Tuesday 3 March 2026. We found out on Wednesday 4 March 2026."
        in text.when_it_happened
    )
    assert "about 2 days after it happened" in text.when_it_happened
    assert "your child's special needs and the help they get in school" in text.data_involved
    assert "Basic identifiers" not in text.data_involved  # no register labels
    assert "the children" not in text.likely_consequences
    assert "The person who sent the email tried to recall it." in text.measures_taken


def test_staff_letter_speaks_of_you_and_gives_fraud_advice() -> None:
    text = default_notice_text(STAFF_PAY, Reader.STAFF)
    assert "your pay, contract or staff records" in text.data_involved
    assert "your child" not in " ".join(text.__dict__.values())
    assert "Action Fraud" in text.what_you_can_do and "bank" in text.what_you_can_do


def test_advice_fits_the_data() -> None:
    send = default_notice_text(SEND_SPREADSHEET, Reader.PARENT).what_you_can_do
    assert "Action Fraud" not in send  # no bank advice for a support plan


def test_only_actions_recorded_as_done_are_told_and_never_as_instructions() -> None:
    not_done = ContainmentAction("Recall", "DPO", None, "email.sender_recall")
    triage = replace(SEND_SPREADSHEET.triage, containment_actions=(not_done,))
    record = replace(SEND_SPREADSHEET, triage=triage)
    text = default_notice_text(record)
    assert "recall" not in text.measures_taken.lower()
    for reader in Reader:
        words = " ".join(default_notice_text(SEND_SPREADSHEET, reader).__dict__.values())
        for instruction in INSTRUCTIONS:
            assert instruction not in words


def test_step_numbers_are_stable() -> None:
    assert BreachStep.ICO_REPORT.number == 7
