"""Severity (ENISA 2013: SE = DPC x EI + CB), likelihood of harm and the ICO self-assessment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schooldp.domain.breach.facts import PROMPT_RESTORE_HOURS, BreachFacts, without_mitigations
from schooldp.domain.breach.kinds import (
    AffectedGroup,
    DataCategory,
    Exfiltration,
    Recipients,
    Unintelligibility,
)
from schooldp.domain.breach.risk_factors import (
    exfiltration_reason,
    fraud_reason,
    insider_reason,
    publication_reason,
    scale_steps,
)
from schooldp.domain.labels import RankedEnum


class SeverityBand(RankedEnum):
    """ENISA severity levels, in increasing order."""

    meaning: str  # ENISA s.3: what each level means for the people affected (paraphrased)

    LOW = (1, "Low", "people are unlikely to be affected, or face minor inconvenience")
    MEDIUM = (2, "Medium", "people may face significant inconvenience they can overcome")
    HIGH = (3, "High", "people may face significant consequences, overcome with serious difficulty")
    VERY_HIGH = (4, "Very high", "people may face significant or irreversible consequences")

    def __init__(self, value: int, label: str = "", meaning: str = "") -> None:
        self.meaning = meaning


class Likelihood(RankedEnum):
    """How likely harm is, after what the school has done (ICO self-assessment question 2).

    SchoolDP's scale, worked out per kind of loss (confidentiality, integrity, availability)
    and taking the highest:
    - UNLIKELY: every kind of loss that happened is neutralised (unreadable data, trusted
      recipient who confirmed deletion, exfiltration ruled out, prompt restore from backup).
    - POSSIBLE: harm could follow; the ICO calls this a "likely" risk.
    - HIGHLY_LIKELY: published, copied out, done on purpose (by an outsider or a member of
      staff), or fraud-enabling data with people nobody can trace (`risk_factors`).
    Partial mitigations step down by one: containment (HIGHLY_LIKELY -> POSSIBLE, never lower,
    because it cannot undo what was already seen) and a restore from backup slower than
    PROMPT_RESTORE_HOURS.
    """

    phrase: str  # the word used inside a sentence

    UNLIKELY = (1, "Unlikely", "unlikely")
    POSSIBLE = (2, "Possible", "possible")
    HIGHLY_LIKELY = (3, "Highly likely", "highly likely")

    def __init__(self, value: int, label: str = "", phrase: str = "") -> None:
        self.phrase = phrase

    def lowered(self) -> Likelihood:
        return Likelihood(max(1, self.value - 1))


@dataclass(frozen=True)
class IcoSelfAssessment:
    """The ICO self-assessment's three questions, answered."""

    involves_personal_data: bool
    risk_likely: bool
    high_risk: bool


@dataclass(frozen=True)
class Assessment:
    """The result of `assess`: score, band, likelihood, recommendation and the reasons."""

    severity: float
    band: SeverityBand
    likelihood: Likelihood
    report_to_ico: bool
    tell_individuals: bool
    reasons: list[str]
    dpc: int
    ei: float
    cb: float
    ico: IcoSelfAssessment
    risk_band: SeverityBand | None = None  # the band the recommendation uses (scale weighed)

    @property
    def weighed_band(self) -> SeverityBand:
        """ENISA's band, raised where SchoolDP weighs the number of people (`risk_factors`)."""
        return self.risk_band or self.band

    @property
    def involves_personal_data(self) -> bool:
        return self.ico.involves_personal_data

    @property
    def risk_likely(self) -> bool:
        return self.ico.risk_likely

    @property
    def high_risk(self) -> bool:
        return self.ico.high_risk

    @property
    def recommendation(self) -> str:
        if self.tell_individuals:
            return "Report to the ICO within 72 hours and tell the people affected in writing."
        if self.report_to_ico:
            return "Report to the ICO within 72 hours. Telling the people affected is not required."
        return "Do not report to the ICO. Keep the record of the breach and these reasons."


def severity_band(severity: float) -> SeverityBand:
    """ENISA s.3: SE < 2 low, 2 <= SE < 3 medium, 3 <= SE < 4 high, SE >= 4 very high."""
    if severity < 2:
        return SeverityBand.LOW
    if severity < 3:
        return SeverityBand.MEDIUM
    if severity < 4:
        return SeverityBand.HIGH
    return SeverityBand.VERY_HIGH


def data_context_score(categories: Iterable[DataCategory], vulnerable: bool) -> tuple[int, DataCategory]:
    """DPC and the category that set it.

    ENISA s.2.1: score each kind of data and take the highest; raise by 1 for vulnerable people
    such as children; never above 4.
    """
    top = max(categories, key=lambda c: (c.dpc, c.value))
    score = top.dpc + (1 if vulnerable else 0)  # ENISA: vulnerable individuals raise DPC
    return min(score, 4), top


def _confidentiality_cb(facts: BreachFacts) -> tuple[float, str]:
    # ENISA s.2.3 loss of confidentiality: 0 no evidence of unlawful processing / trusted
    # recipient; 0.25 a number of known recipients; 0.5 unknown number of recipients.
    if not facts.confidentiality_lost:
        return 0.0, "Loss of confidentiality: none, +0."
    if facts.recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        return 0.0, (
            "Loss of confidentiality: the data went to known, trusted people who have confirmed "
            "deletion, +0 (ENISA: no evidence of unlawful processing)."
        )
    if facts.recipients is Recipients.KNOWN:
        return 0.25, (
            "Loss of confidentiality: the data went to known people, +0.25 (ENISA: known recipients)."
        )
    who = "published" if facts.recipients is Recipients.PUBLIC else "went to unknown people"
    return 0.5, (f"Loss of confidentiality: the data {who}, +0.5 (ENISA: unknown number of recipients).")


def _recoverable_cb(lost: bool, facts: BreachFacts, what: str, hard_case: str) -> tuple[float, str]:
    # ENISA s.2.3 integrity/availability: 0 recovered without difficulty; 0.25 temporary or
    # recoverable; 0.5 cannot be recovered.
    if not lost:
        return 0.0, f"Loss of {what}: none, +0."
    if facts.promptly_restored:
        return 0.0, (
            f"Loss of {what}: restored from backup within {PROMPT_RESTORE_HOURS:g} hours, +0 "
            "(ENISA: recovered without difficulty)."
        )
    if facts.backup_restored:
        return 0.25, (
            f"Loss of {what}: restored from backup, but not within {PROMPT_RESTORE_HOURS:g} "
            "hours, +0.25 (ENISA: temporary, recoverable)."
        )
    return 0.5, f"Loss of {what}: not restored, +0.5 (ENISA: {hard_case})."


def _confidentiality_likelihood(facts: BreachFacts) -> tuple[Likelihood, str]:
    if facts.unintelligible is not Unintelligibility.NO:
        # ICO: encrypted data whose key is safe, or hashed data, is unlikely to cause harm.
        how = (
            "strongly encrypted and the key is safe"
            if facts.unintelligible is Unintelligibility.ENCRYPTED_KEY_SAFE
            else "stored only as hashes"
        )
        return Likelihood.UNLIKELY, (
            f"Seen by others: unlikely to cause harm, because the data is {how}, so nobody "
            "can read it (ICO: unintelligible data)."
        )
    if facts.recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        # ICO: a trusted recipient who has confirmed deletion lowers the likelihood.
        return Likelihood.UNLIKELY, (
            "Seen by others: unlikely to cause harm, because the people who received it are "
            "trusted and have confirmed they deleted it."
        )
    if facts.exfiltration is Exfiltration.RULED_OUT:
        # ICO: no evidence that the data was accessed lowers the likelihood.
        return Likelihood.UNLIKELY, (
            "Seen by others: unlikely to cause harm, because the investigation ruled out that "
            "anyone accessed or copied the data."
        )
    # ICO breach guidance (assessing risk): publication, copying out, a deliberate act (by an
    # outsider or a member of staff) and fraud-enabling data each make harm more likely.
    raised = [
        r
        for r in (
            publication_reason(facts),
            exfiltration_reason(facts),
            insider_reason(facts),
            "someone took or used the data on purpose" if facts.malicious else None,
            fraud_reason(facts),
        )
        if r
    ]
    if raised:
        level, why = Likelihood.HIGHLY_LIKELY, raised[0]
    else:
        level, why = Likelihood.POSSIBLE, "the data was readable by people who should not have it"
    text = f"Seen by others: harm is {level.phrase}, because {why}."
    if facts.containment_achieved and level is Likelihood.HIGHLY_LIKELY:
        # SchoolDP: containment stops further spread but cannot undo what was already seen,
        # so it lowers "highly likely" by one step and never below "possible".
        level = level.lowered()
        text += " Containment has stopped it spreading further, so this is lowered to possible."
    return level, text


def _recoverable_likelihood(facts: BreachFacts, what: str) -> tuple[Likelihood, str]:
    if facts.promptly_restored:
        # ICO: a full and prompt restore from backup lowers the likelihood of harm.
        return Likelihood.UNLIKELY, (
            f"{what}: unlikely to cause harm, because the data was fully restored from backup "
            f"within {PROMPT_RESTORE_HOURS:g} hours."
        )
    level = Likelihood.HIGHLY_LIKELY if facts.deliberate else Likelihood.POSSIBLE
    text = f"{what}: harm is {level.phrase}"
    text += ", because it was done on purpose." if facts.deliberate else "."
    if facts.backup_restored:
        # SchoolDP: a slower restore ends the harm but not what happened meanwhile: one step.
        level = level.lowered()
        text += f" It was restored from backup later, so this is lowered to {level.phrase}."
    if facts.containment_achieved and level is Likelihood.HIGHLY_LIKELY:
        level = level.lowered()
        text += " Containment has stopped it going further, so this is lowered to possible."
    return level, text


def _data_context_reasons(facts: BreachFacts) -> tuple[int, list[str]]:
    """DPC with its reasons (ENISA s.2.1), after the list of data involved."""
    names = ", ".join(sorted(c.label for c in facts.data_categories))
    reasons = [f"Data involved: {names}."]
    dpc, top = data_context_score(facts.data_categories, facts.vulnerable)
    reasons.append(
        f"Data context (DPC) starts at {top.dpc} ({top.enisa_class.label}) because of "
        f"'{top.label}': {top.dpc_reason}."
    )
    if facts.vulnerable:
        who = (
            "pupils (children)"
            if AffectedGroup.PUPILS in facts.affected_groups
            else "children or vulnerable people"
        )
        if top.dpc < 4:
            reasons.append(
                f"The people affected include {who}: data context raised by 1 to {dpc} "
                "(ENISA: vulnerable individuals)."
            )
        else:
            reasons.append(f"The people affected include {who}: data context is already at the maximum of 4.")
    return dpc, reasons


def _circumstances(facts: BreachFacts) -> tuple[float, list[str]]:
    """CB, the circumstances of the breach, with one reason per part (ENISA s.2.3)."""
    c_score, c_text = _confidentiality_cb(facts)
    i_score, i_text = _recoverable_cb(
        facts.integrity_lost, facts, "integrity (data changed)", "altered and cannot be recovered"
    )
    a_score, a_text = _recoverable_cb(facts.availability_lost, facts, "availability", "cannot be recovered")
    # ENISA s.2.3: malicious intent adds 0.5; a member of staff misusing data on purpose is one.
    m_score = 0.5 if facts.deliberate else 0.0
    if facts.deliberate_insider:
        m_text = "Malicious intent: a member of staff took or used the data on purpose, +0.5 (ENISA)."
    elif facts.malicious:
        m_text = "Malicious intent (for example theft or hacking), +0.5 (ENISA)."
    else:
        m_text = "Accidental, not malicious, +0."
    return c_score + i_score + a_score + m_score, [c_text, i_text, a_text, m_text]


def _numbers_reason(facts: BreachFacts) -> list[str]:
    if facts.approx_people is None and facts.approx_records is None:
        return []
    people = "not known" if facts.approx_people is None else f"about {facts.approx_people}"
    records = "not known" if facts.approx_records is None else f"about {facts.approx_records}"
    return [
        f"Number of people: {people}; number of records: {records}. ENISA keeps numbers "
        "outside the score; the ICO report needs them."
    ]


def _likelihood(facts: BreachFacts) -> tuple[Likelihood, list[str]]:
    """The highest likelihood of harm over what was lost, with one reason per loss (ICO)."""
    routes: list[tuple[Likelihood, str]] = []
    if facts.confidentiality_lost:
        routes.append(_confidentiality_likelihood(facts))
    if facts.integrity_lost:
        routes.append(_recoverable_likelihood(facts, "Data changed"))
    if facts.availability_lost:
        routes.append(_recoverable_likelihood(facts, "Data unavailable"))
    likelihood = max((level for level, _ in routes), key=lambda lv: lv.value)
    reasons = [text for _, text in routes]
    reasons.append(f"Overall likelihood of harm: {likelihood.phrase} (the highest of the above).")
    return likelihood, reasons


def _self_assessment(facts: BreachFacts, band: SeverityBand, likelihood: Likelihood) -> IcoSelfAssessment:
    """ICO self-assessment: Q1 living people's personal data; Q2 likely risk; Q3 high risk."""
    involves = facts.about_living_people
    risk_likely = involves and likelihood is not Likelihood.UNLIKELY and band is not SeverityBand.LOW
    high_risk = risk_likely and (
        band is SeverityBand.VERY_HIGH
        or (band is SeverityBand.HIGH and likelihood is Likelihood.HIGHLY_LIKELY)
    )
    return IcoSelfAssessment(involves_personal_data=involves, risk_likely=risk_likely, high_risk=high_risk)


def _verdict_reasons(
    facts: BreachFacts, band: SeverityBand, likelihood: Likelihood, ico: IcoSelfAssessment
) -> list[str]:
    if not ico.involves_personal_data:
        verdict = (
            "The data is not about living people, so it is not a personal data breach under "
            "UK GDPR: no report, but keep the record (ICO)."
        )
    elif likelihood is Likelihood.UNLIKELY:
        verdict = (
            "A risk to people is unlikely after what the school has done: no report to the ICO, "
            "but keep the record and these reasons (ICO self-assessment)."
        )
    elif band is SeverityBand.LOW:
        verdict = (
            "Severity is low, so a risk to people's rights is unlikely: no report to the ICO, "
            "but keep the record and these reasons (ICO self-assessment; ENISA: low)."
        )
    elif ico.high_risk:
        verdict = (
            "The risk to people is high: report to the ICO within 72 hours and tell the people "
            "affected in writing (ICO self-assessment; Policy App 1)."
        )
    else:
        verdict = (
            "A risk to people is likely but not high: report to the ICO within 72 hours; "
            "telling the people affected is not required (ICO self-assessment)."
        )
    reasons = [verdict]
    if ico.high_risk and DataCategory.SAFEGUARDING in facts.data_categories:
        # Policy App 1: safeguarding information compromised -> the designated safeguarding lead.
        reasons.append(
            "Safeguarding data: before writing to families, check with the designated "
            "safeguarding lead that telling them will not put a child at risk."
        )
    return reasons


def assess(facts: BreachFacts) -> Assessment:
    """Score a breach with ENISA's method and recommend what the ICO self-assessment implies.

    Severity does not depend on mitigations except where ENISA's own scale does (recipients,
    recovery); mitigations act on the likelihood. Recommendation (ICO self-assessment):
    - no living people's personal data, or likelihood UNLIKELY, or severity LOW -> no report;
    - otherwise -> report to the ICO;
    - and VERY_HIGH severity, or HIGH severity with HIGHLY_LIKELY harm -> also tell people.
    """
    dpc, reasons = _data_context_reasons(facts)
    ei = facts.identifiability.factor
    reasons.append(
        f"Ease of identification (EI) {ei:g}: {facts.identifiability.label} (ENISA: 0.25, 0.5, 0.75 or 1)."
    )
    cb, cb_reasons = _circumstances(facts)
    reasons += cb_reasons
    severity = round(dpc * ei + cb, 2)  # ENISA: SE = DPC x EI + CB
    enisa_band = severity_band(severity)
    reasons.append(
        f"Severity SE = {dpc} x {ei:g} + {cb:g} = {severity:g}: {enisa_band.label.lower()} "
        f"({enisa_band.meaning}). ENISA bands: under 2 low, under 3 medium, under 4 high, "
        "4 or more very high."
    )
    reasons += _numbers_reason(facts)
    steps, scale_text = scale_steps(facts, enisa_band.value)
    band = SeverityBand(enisa_band.value + steps)  # the band the recommendation weighs
    if scale_text:
        reasons.append(f"{scale_text} Severity band used: {band.label.lower()} ({band.meaning}).")
    likelihood, likelihood_reasons = _likelihood(facts)
    reasons += likelihood_reasons
    ico = _self_assessment(facts, band, likelihood)
    reasons += _verdict_reasons(facts, band, likelihood, ico)
    return Assessment(
        severity=severity,
        band=enisa_band,
        likelihood=likelihood,
        report_to_ico=ico.risk_likely,
        tell_individuals=ico.high_risk,
        reasons=reasons,
        dpc=dpc,
        ei=ei,
        cb=cb,
        ico=ico,
        risk_band=band,
    )


@dataclass(frozen=True)
class BeforeAndAfter:
    """Consequences before and after the school's mitigation (Policy App 1, step 5)."""

    before: Assessment
    after: Assessment

    @property
    def severity_reduction(self) -> float:
        return round(self.before.severity - self.after.severity, 2)

    @property
    def likelihood_lowered(self) -> bool:
        return self.after.likelihood.value < self.before.likelihood.value

    @property
    def summary(self) -> list[str]:
        b, a = self.before, self.after
        return [
            f"Before mitigation: severity {b.severity:g} ({b.band.label.lower()}), harm "
            f"{b.likelihood.phrase}. {b.recommendation}",
            f"After mitigation: severity {a.severity:g} ({a.band.label.lower()}), harm "
            f"{a.likelihood.phrase}. {a.recommendation}",
        ]


def assess_before_and_after(
    facts_before: BreachFacts, facts_after: BreachFacts | None = None
) -> BeforeAndAfter:
    """Assess a breach before and after mitigation.

    With one argument, `facts_before` is the current picture and "before" is derived from it
    with `without_mitigations`; with two, both are taken as given.
    """
    if facts_after is None:
        facts_after = facts_before
        facts_before = without_mitigations(facts_before)
    return BeforeAndAfter(before=assess(facts_before), after=assess(facts_after))
