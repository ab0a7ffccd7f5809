"""Breach printouts: ICO pack fields, decision record, trends summary and the three letters."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader

from schooldp.documents import LetterData, breach_decision_record, breach_ico_report, breach_trends
from schooldp.documents.breach_pdf import BreachDocument, IcoReportLine
from schooldp.documents.registry import letter_type
from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    BreachNature,
    Cause,
    Conclusion,
    DataCategory,
    Recipients,
    assess,
    decide,
)
from schooldp.flows.breach_triage import ContainmentAction, TriageData
from tests.conftest import sample_profile

AWARE = datetime(2026, 5, 14, 15, 30, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _doc(**kw) -> BreachDocument:
    facts = BreachFacts(
        data_categories={
            DataCategory.BASIC_IDENTIFIERS,
            DataCategory.CONTACT_DETAILS,
            DataCategory.ASSESSMENT,
        },
        affected_groups={AffectedGroup.PUPILS, AffectedGroup.PARENTS_CARERS},
        approx_people=240,
        approx_records=240,
        confidentiality_lost=True,
        malicious=True,
        recipients=Recipients.UNKNOWN,
        cause=Cause.DEVICE_LOST_OR_STOLEN,
    )
    t = TriageData(
        title="Laptop stolen from car",
        reported_by="Year 6 teacher",
        aware_at=AWARE,
        occurred_at=AWARE - timedelta(hours=3),
        how_found="The teacher reported the theft the same evening.",
        what_happened="An unencrypted school laptop was stolen from a car.",
        natures=frozenset({BreachNature.STOLEN}),
        conclusion=Conclusion.BREACH,
        facts=facts,
        likely_consequences="Families' contact details could be misused for scams.",
        decision=decide(assess(facts)),
        containment_actions=(
            ContainmentAction(
                "Remote wipe requested", "IT provider", date(2026, 5, 14), "device.remote_wipe"
            ),
            ContainmentAction("Encrypt every staff laptop", "IT provider"),
        ),
        individuals_told_on=date(2026, 5, 16),
        individuals_told_how="Letter",
    )
    base = dict(
        school=sample_profile(),
        reference="BR-2026-004",
        triage=t,
        due_at=AWARE + timedelta(hours=72),
        prepared_at=AWARE + timedelta(hours=20),
        prepared_by="Priya Raman",
        ico_reports=(IcoReportLine("Initial report", AWARE + timedelta(hours=20), "IC-998877-X1Y2"),),
    )
    base.update(kw)
    return BreachDocument(**base)


def test_ico_pack_answers_every_form_question() -> None:
    doc = _doc()
    text = _text(breach_ico_report.render(doc))
    for expected in (
        "0303 123 1113",
        "Initial report",
        "IC-998877-X1Y2",
        "Oakfield Primary School",
        "Z1234567",
        "Priya Raman",
        "dpo@oakfield.example.sch.uk",
        "About 240",
        "Pupils (children: vulnerable people)",
        "Was it a cyber incident?",
        "Families' contact details could be misused",
        "We locked the device and signed it out of school accounts.",  # past tense, not the checklist
        "Encrypt every staff laptop",
        "Yes, on Sat 16 May 2026",
        "within 72 hours",
        "BR-2026-004",
    ):
        assert expected in text.replace("\n", " ") or expected in text, expected


def test_late_report_gives_the_reason_and_follow_up_is_marked() -> None:
    late = IcoReportLine(
        "Initial report",
        AWARE + timedelta(hours=80),
        "IC-1",
        "The laptop's contents were only known on Monday.",
    )
    follow = IcoReportLine(
        "Follow-up report", AWARE + timedelta(days=6), "IC-1", notes="Police recovered the laptop."
    )
    text = _text(breach_ico_report.render(_doc(ico_reports=(late, follow), follow_up=True)))
    assert "only known on Monday" in text and "Follow-up report" in text and "Police recovered" in text
    answers = dict(breach_ico_report.answers(_doc(ico_reports=(late,))))
    assert "80 hours" in dict(answers["11. Timing and reasons for any delay"])["Report to the ICO"]


def test_decision_record_explains_each_factor_and_override() -> None:
    doc = _doc()
    t = doc.triage
    d = decide(
        assess(t.facts),
        tell_individuals=False,
        individuals_reason="Police recovered it unopened within the hour.",
    )
    text = _text(
        breach_decision_record.render(replace(doc, triage=replace(t, decision=d), decided_by="Priya Raman"))
    )
    assert "Overridden" in text and "Police recovered it unopened" in text
    assert "Malicious intent" in text and "Severity SE" in text
    assert "Before mitigation" in text and "After mitigation" in text


def test_trends_summary_renders() -> None:
    doc = breach_trends.TrendsDocument(
        "Oakfield Primary School",
        date(2025, 9, 1),
        date(2026, 8, 31),
        5,
        [("Sep 2025", 1), ("Oct 2025", 0), ("Nov 2025", 4)],
        [("Email sent to the wrong person", 3)],
        [("Health and medical", 2)],
        2,
        2,
        0,
        1,
        AWARE,
        "Priya Raman",
    )
    text = _text(breach_trends.render(doc))
    assert "Email sent to the wrong person" in text and "Reported to the ICO" in text


def test_breach_letters_fill_in() -> None:
    school = sample_profile()
    common = {
        "what_happened": "A report was posted to the wrong family.",
        "data_involved": "Name and attendance.",
        "likely_consequences": "Low.",
        "measures_taken": "We collected the letter.",
        "what_you_can_do": "Nothing.",
        "when_it_happened": "This happened on Thursday 14 May 2026.",
    }
    parent = letter_type("breach_notice_parent").render(
        LetterData(
            school,
            "Mrs Zoë Nguyễn",
            ("4 Church Street", "LE65 2AB"),
            date(2026, 5, 16),
            "BR-2026-004",
            private=True,
            fields={**common, "child_name": "Amelia"},
        )
    )
    text = _text(parent)
    assert "Amelia" in text and "posted to the wrong family" in text and "0303 123 1113" in text
    deletion = letter_type("breach_deletion_request").render(
        LetterData(
            school,
            "Mr A Recipient",
            ("1 Road",),
            date(2026, 5, 16),
            "BR-2026-004",
            fields={"what_was_sent": "an email", "sent_on": date(2026, 5, 14), "reply_by": date(2026, 5, 20)},
        )
    )
    assert "20 May 2026" in _text(deletion) and "Signed" in _text(deletion)
    # The confirmation slip sits at the foot of the one page, after a cut line.
    assert len(PdfReader(io.BytesIO(deletion)).pages) == 1 and "cut here" in _text(deletion)
    staff = letter_type("breach_notice_staff").render(
        LetterData(school, "Sam Teacher", (), date(2026, 5, 16), "BR-1", fields=common)
    )
    assert "about you" in _text(staff)
