"""A year of fictional breaches for the demo school, in every state the register shows.

Closed ones reported to the ICO and not, a near miss, one reported and awaiting its review,
and one still inside the 72 hours. Driven through BreachService so every step is stamped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    DataCategory,
    Exfiltration,
    Recipients,
    ThirdParty,
    ThirdPartyDecision,
    Unintelligibility,
    assess,
    containment_checklist,
    decide,
    suggested_third_parties,
)
from schooldp.domain.deadlines import LONDON
from schooldp.flows.breach_triage import BreachTriageFlow, ContainmentAction
from schooldp.services.breaches import BreachReport, BreachService
from schooldp.services.school import SchoolSession

D = DataCategory
G = AffectedGroup


@dataclass(frozen=True)
class _Case:
    days_ago: float
    title: str
    reported_by: str
    how_found: str
    what: str
    systems: str
    natures: frozenset[BreachNature]
    facts: BreachFacts | None  # None: near miss
    mitigated: dict  # changes to facts after containment
    consequences: str
    prevention: str
    stop: BreachStep | None = None  # None: closed
    ico_ref: str = ""
    override_tell: str = ""


CASES: tuple[_Case, ...] = (
    _Case(
        330,
        "End-of-year reports posted to the wrong families",
        "School office manager",
        "Two parents phoned to say they had received another child's report.",
        "A mail-merge error put 28 Year 5 reports into envelopes for the wrong families.",
        "MIS report writer, post",
        frozenset({BreachNature.DISCLOSED}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.ASSESSMENT, D.ATTENDANCE},
            {G.PUPILS},
            approx_people=28,
            approx_records=28,
            confidentiality_lost=True,
            recipients=Recipients.KNOWN,
            cause=Cause.POST_WRONG_ADDRESS,
        ),
        {"containment_achieved": True},
        "Families may be upset that another family has read their child's attendance and progress.",
        "Reports are now checked by a second person against the address list before posting.",
        ico_ref="IC-301245-K8M2",
    ),
    _Case(
        270,
        "Parents' email sent with addresses visible (CC)",
        "Year 3 teacher",
        "A parent replied-all pointing out every address was visible.",
        "A trip reminder went to 31 parents with their email addresses in CC instead of BCC.",
        "School email",
        frozenset({BreachNature.DISCLOSED}),
        BreachFacts(
            {D.CONTACT_DETAILS},
            {G.PARENTS_CARERS},
            approx_people=31,
            approx_records=31,
            confidentiality_lost=True,
            recipients=Recipients.KNOWN,
            cause=Cause.EMAIL_CC_NOT_BCC,
        ),
        {"recipients": Recipients.TRUSTED_CONFIRMED_DELETION, "containment_achieved": True},
        "Parents' email addresses were shared with other parents of the class.",
        "Group emails to parents now go through the messaging system, never CC.",
    ),
    _Case(
        215,
        "Memory stick found in the staff room",
        "Site manager",
        "Handed in to the office.",
        "An encrypted school memory stick was found in the staff room and returned to its owner.",
        "Encrypted USB stick",
        frozenset(),
        None,
        {},
        "",
        "Reminder to staff about keeping devices with them.",
    ),
    _Case(
        180,
        "Encrypted laptop stolen from a car",
        "Deputy headteacher",
        "Reported by the deputy the morning after the theft.",
        "A school laptop was stolen from a locked car. It was fully encrypted and the password was not with it.",
        "Staff laptop",
        frozenset({BreachNature.STOLEN}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.ASSESSMENT},
            {G.PUPILS},
            approx_people=60,
            approx_records=60,
            confidentiality_lost=True,
            malicious=True,
            recipients=Recipients.UNKNOWN,
            unintelligible=Unintelligibility.ENCRYPTED_KEY_SAFE,
            cause=Cause.DEVICE_LOST_OR_STOLEN,
        ),
        {"containment_achieved": True},
        "None expected: the data cannot be read without the password.",
        "Staff reminded not to leave devices in cars; encryption confirmed on every laptop.",
    ),
    _Case(
        120,
        "SEN support plan emailed to the wrong parent",
        "SENCO",
        "The parent who received it phoned the school office.",
        "A pupil's SEN support plan was emailed to a parent with a similar name.",
        "School email",
        frozenset({BreachNature.DISCLOSED}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.SEND},
            {G.PUPILS},
            approx_people=1,
            approx_records=1,
            confidentiality_lost=True,
            recipients=Recipients.KNOWN,
            cause=Cause.EMAIL_WRONG_RECIPIENT,
        ),
        {"containment_achieved": True},
        "Distress to the family; details of the child's needs known to another family.",
        "Autocomplete switched off for external addresses; SEN documents sent password-protected.",
        ico_ref="IC-355120-P4Q9",
    ),
    _Case(
        60,
        "Phishing email gave access to a staff mailbox",
        "IT support provider",
        "The IT provider saw sign-ins from abroad.",
        "A teaching assistant entered their password on a fake login page; the mailbox was accessed for two hours.",
        "Microsoft 365 mailbox",
        frozenset({BreachNature.MADE_AVAILABLE_UNAUTHORISED}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.CONTACT_DETAILS, D.BEHAVIOUR_EXCLUSIONS},
            {G.PUPILS, G.PARENTS_CARERS},
            approx_people=45,
            approx_records=120,
            confidentiality_lost=True,
            malicious=True,
            recipients=Recipients.UNKNOWN,
            cause=Cause.CYBER_ATTACK_PHISHING,
        ),
        {"containment_achieved": True},
        "Families could receive convincing scam emails; behaviour notes may have been read.",
        "Multi-factor sign-in turned on for all staff; phishing training in the next INSET day.",
        ico_ref="IC-371882-Z2R5",
    ),
    _Case(
        21,
        "Class list left on a bus",
        "Teacher on a trip",
        "Noticed missing on return to school.",
        "A printed class list with names and emergency phone numbers was left on the coach after a trip.",
        "Paper trip list",
        frozenset({BreachNature.LOST}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.CONTACT_DETAILS},
            {G.PUPILS, G.PARENTS_CARERS},
            approx_people=30,
            approx_records=30,
            confidentiality_lost=True,
            recipients=Recipients.KNOWN,
            cause=Cause.PAPER_RECORDS_LOST,
        ),
        {
            "recipients": Recipients.TRUSTED_CONFIRMED_DELETION,
            "exfiltration": Exfiltration.RULED_OUT,
            "containment_achieved": True,
        },
        "Low: the coach company found and shredded the list the same day.",
        "Trip lists now carry first names only; phone numbers stay on the trip phone.",
    ),
    _Case(
        6,
        "Pupil premium results published on the website",
        "Governor",
        "A governor noticed the file linked from the website.",
        "A spreadsheet of pupil premium pupils' results, with names, was published with the governors' minutes.",
        "School website",
        frozenset({BreachNature.DISCLOSED}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.ASSESSMENT, D.FSM_PUPIL_PREMIUM},
            {G.PUPILS},
            approx_people=45,
            approx_records=45,
            confidentiality_lost=True,
            recipients=Recipients.PUBLIC,
            cause=Cause.PUBLICATION_IN_ERROR,
        ),
        {"containment_achieved": True},
        "Families' financial circumstances revealed publicly; risk of stigma for the children.",
        "Documents for the website are checked by the DPO before publishing.",
        stop=BreachStep.REVIEW_MEETING,
        ico_ref="IC-402315-W7T3",
    ),
    _Case(
        52 / 24,
        "Safeguarding note emailed to the wrong person",
        "Designated safeguarding lead",
        "The recipient, a parent, emailed back to say it was not meant for them.",
        "A safeguarding note about a pupil was sent to a parent instead of the social worker.",
        "School email",
        frozenset({BreachNature.DISCLOSED}),
        BreachFacts(
            {D.BASIC_IDENTIFIERS, D.SAFEGUARDING},
            {G.PUPILS},
            approx_people=1,
            approx_records=1,
            confidentiality_lost=True,
            recipients=Recipients.KNOWN,
            cause=Cause.EMAIL_WRONG_RECIPIENT,
        ),
        {},
        "",
        "",
        stop=BreachStep.CONTAINMENT,
    ),
)


def _stamp(aware: datetime, hours: float) -> datetime:
    return aware + timedelta(hours=hours)


def seed(session: SchoolSession, today: date) -> None:
    svc = BreachService(session)
    flow = BreachTriageFlow()
    head = session.profile().headteacher.name or "Headteacher"
    dpo = session.profile().dpo.name or "DPO"
    real_now = datetime.now(UTC)
    for case in CASES:
        aware = datetime.combine(today, time(15, 10), tzinfo=LONDON) - timedelta(days=case.days_ago)
        if case.days_ago < 5:
            aware = real_now - timedelta(days=case.days_ago)
        rec = svc.report_breach(
            BreachReport(
                case.title,
                case.reported_by,
                aware,
                case.how_found,
                case.what,
                occurred_at=aware - timedelta(hours=2),
                systems_involved=case.systems,
                dpo_notified_at=aware,
            ),
            now=_stamp(aware, 0.2),
        )
        d = rec.triage
        near_miss = case.facts is None
        d = replace(
            d,
            natures=case.natures,
            conclusion=Conclusion.NOT_A_BREACH if near_miss else Conclusion.BREACH,
            conclusion_reasons=(
                "The stick was encrypted and never left the building: no personal data was at risk."
                if near_miss
                else "Personal data reached or may have reached people with no right to it."
            ),
            facts=case.facts,
            headteacher_alerted_at=_stamp(aware, 1),
        )
        facts = case.facts
        hours = 0.5
        step: BreachStep | None = flow.first_page
        while step is not None:
            if case.stop is not None and step is case.stop:
                break
            hours += 3
            when = _stamp(aware, hours)
            if when > real_now:
                break
            if step is BreachStep.CONTAINMENT and facts is not None:
                d = replace(
                    d,
                    containment_actions=tuple(
                        ContainmentAction(
                            i.text, dpo if i.policy else "IT support provider", when.date(), i.id
                        )
                        for i in containment_checklist(facts)
                    )
                    or (ContainmentAction("Contained at once by the DPO", dpo, when.date()),),
                )
            if step is BreachStep.CONSEQUENCES and facts is not None:
                facts = replace(facts, **case.mitigated)
                d = replace(d, facts=facts, likely_consequences=case.consequences)
            if step is BreachStep.REPORTABILITY and facts is not None:
                a = assess(facts)
                d = replace(d, decision=decide(a))
            if step is BreachStep.ICO_REPORT:
                d = replace(
                    d,
                    ico_reported_at=_stamp(aware, hours - 1),
                    ico_reference=case.ico_ref or "IC-000000-DEMO",
                )
            if step is BreachStep.INDIVIDUALS:
                d = replace(d, individuals_told_on=when.date(), individuals_told_how="Letter")
            if step is BreachStep.THIRD_PARTIES and facts is not None:
                d = replace(
                    d,
                    third_parties=tuple(
                        ThirdPartyDecision(s.party, s.notify, s.why)
                        for s in suggested_third_parties(facts)
                        if s.party is not ThirdParty.OTHER
                    ),
                )
            if step is BreachStep.RECORD:
                d = replace(
                    d,
                    cause=facts.cause if facts else Cause.OTHER,
                    facts_and_cause=case.what,
                    effects=case.consequences or "None.",
                    prevention_actions=case.prevention,
                )
            if step is BreachStep.REVIEW_MEETING:
                when = _stamp(aware, 24 * 7)
                if when > real_now:
                    break
                d = replace(
                    d,
                    review_held_on=when.date(),
                    review_attendees=f"{dpo} (Data Protection Officer), {head} (Headteacher)",
                    review_notes="Reviewed what happened; agreed the changes above and a reminder in the staff bulletin.",
                )
            if step is BreachStep.CLOSE:
                when = _stamp(aware, 24 * 7 + 2)
                d = replace(d, closed_by=dpo, closed_at=when)
            rec = svc.complete_step(rec.id, step, d, now=when)
            step = flow.resolve_next(step, d)
