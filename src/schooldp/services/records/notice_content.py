"""Privacy notice wording composed from the record: plain language, the seed notices' structure
(what we collect, why, lawful bases, sharing, transfers, how long, rights, complaints, the DPO).

UK GDPR Art 13(1)-(2) and 14(1)-(2) list what a notice must say; each section below covers one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from schooldp.documents.privacy_notice import NoticeBlock, NoticeDocument, NoticeSection
from schooldp.domain.records import (
    ICO_CONCERNS_URL,
    ICO_PHONE,
    LawfulBasis,
    NoticeAudience,
    Organisation,
    OrgRole,
    ProcessingActivity,
    activities_for,
    rights_for,
)
from schooldp.domain.school import SchoolProfile

__all__ = ["build_notice"]

DFE_DATA_URL = "https://www.gov.uk/education/data-collection-and-censuses-for-schools"


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v.strip() and v.strip().casefold() not in {k.casefold() for k in seen}:
            seen[v.strip()] = None
    return tuple(seen)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _p(text: str) -> NoticeBlock:
    return NoticeBlock("p", text=text)


def _collect(acts: Sequence[ProcessingActivity]) -> NoticeSection:
    ordinary = _unique(c for a in acts for c in a.data_categories)
    special = _unique(c for a in acts for c in a.special_categories)
    blocks = [
        _p("The kinds of information we collect, hold and share include:"),
        NoticeBlock("ul", items=ordinary),
    ]
    if special:
        blocks += [
            NoticeBlock("h3", text="More sensitive information"),
            _p("Some information needs extra protection in law (special category data). We use:"),
            NoticeBlock("ul", items=special),
        ]
    if any(a.criminal_data for a in acts):
        blocks.append(
            _p("Where the law requires it, we also hold information about criminal records or offences.")
        )
    return NoticeSection("The information we collect", tuple(blocks))


def _why(acts: Sequence[ProcessingActivity]) -> NoticeSection:
    items = tuple(f"{a.name}: {a.purpose.strip()}" for a in acts)
    return NoticeSection(
        "Why we use it", (_p("We use this information for these purposes:"), NoticeBlock("ul", items=items))
    )


def _bases(acts: Sequence[ProcessingActivity], pupils: bool) -> NoticeSection:
    pairs: list[tuple[str, str]] = []
    for basis in LawfulBasis:
        using = [a for a in acts if a.lawful_basis is basis]
        if not using:
            continue
        laws = _unique(a.legal_reference for a in using if basis is not LawfulBasis.CONSENT)
        plain = (
            basis.plain if pupils else basis.plain.replace(" (or a parent or carer for a younger pupil)", "")
        )
        text = f"We rely on this because {plain}. It covers: {', '.join(a.name for a in using)}."
        if laws:
            text += f" The law involved: {'; '.join(laws)}."
        pairs.append((f"{basis.label} ({basis.article})", text))
    blocks = [
        _p(
            "We only use personal information when the law allows us to. For each purpose we rely on one of these:"
        ),
        NoticeBlock("dl", pairs=tuple(pairs)),
    ]
    conditions = _unique(
        f"{a.special_condition.label} ({a.special_condition.article})"
        + (
            f" with {a.schedule1_condition.article} ({a.schedule1_condition.label.lower()})"
            if a.schedule1_condition
            else ""
        )
        for a in acts
        if a.special_condition is not None
    )
    if conditions:
        blocks += [
            _p("For more sensitive information we also meet one of these conditions:"),
            NoticeBlock("ul", items=conditions),
        ]
    return NoticeSection("Our lawful bases", tuple(blocks))


def _sharing(acts: Sequence[ProcessingActivity], orgs: Sequence[Organisation]) -> NoticeSection:
    by_name = {o.name.casefold(): o for o in orgs}
    pairs: list[tuple[str, str]] = []
    for recipient in _unique(r for a in acts for r in a.recipients):
        uses = [a.name for a in acts if recipient in a.recipients]
        org = by_name.get(recipient.casefold())
        how = (
            " They act only on our instructions, under a contract."
            if org is not None and org.role is OrgRole.PROCESSOR
            else ""
        )
        pairs.append((recipient, f"For: {', '.join(uses)}.{how}"))
    blocks = [
        _p("We do not share information without consent unless the law allows us to. We share it with:"),
        NoticeBlock("dl", pairs=tuple(pairs)),
    ]
    if any("537A" in a.legal_reference for a in acts):
        blocks.append(
            _p(
                "We send the Department for Education the information the law requires in the school census. "
                f"To find out more, go to {DFE_DATA_URL}"
            )
        )
    if any("507B" in a.legal_reference for a in acts):
        blocks += [
            NoticeBlock("h3", text="Pupils aged 13 and over"),
            _p(
                "From age 13 we pass information to the local authority or youth support services, who have "
                "responsibilities for 13 to 19 year olds (Education Act 1996 s507B). A parent can ask that only "
                "the pupil's name, address and date of birth is passed on; this right passes to the pupil at 16."
            ),
        ]
    return NoticeSection("Who we share it with and why", tuple(blocks))


def _transfers(acts: Sequence[ProcessingActivity], orgs: Sequence[Organisation]) -> NoticeSection:
    items = _unique(
        [
            f"{a.name}: {a.transfers.strip()} ({a.transfer_safeguards.strip()})"
            for a in acts
            if a.transfers_abroad
        ]
        + [
            f"{o.name}: {o.transfers.strip()} ({o.transfer_safeguards.strip()})"
            for o in orgs
            if o.transfers.strip()
        ]
    )
    if not items:
        return NoticeSection(
            "Transfers outside the UK", (_p("We do not send this information outside the UK."),)
        )
    return NoticeSection(
        "Transfers outside the UK",
        (
            _p("We send information outside the UK only with the protection UK law requires:"),
            NoticeBlock("ul", items=items),
        ),
    )


def _keeping(acts: Sequence[ProcessingActivity]) -> NoticeSection:
    pairs = tuple((a.name, a.retention.text) for a in acts if a.retention.is_set)
    blocks = [_p("We keep information only as long as we need it, then delete or destroy it securely.")]
    if pairs:
        blocks.append(NoticeBlock("dl", pairs=pairs))
    rest = [a.name for a in acts if not a.retention.is_set]
    if rest:
        lead = "For everything else" if pairs else "We keep it"
        blocks.append(
            _p(
                f"{lead} in line with our records retention schedule, which you can ask us for ({', '.join(rest)})."
            )
        )
    return NoticeSection("How long we keep it", tuple(blocks))


def _sources(acts: Sequence[ProcessingActivity]) -> NoticeSection:
    sources = _unique(_capital(part.strip()) for a in acts for part in a.source.split(";"))
    return NoticeSection(
        "Where the information comes from",
        (
            _p("Most of it comes from you. Some comes from others:"),
            NoticeBlock("ul", items=sources),
            _p(
                "Most of the information we ask for is required by law. Where giving it is your choice, we say so "
                "when we ask, and what happens if you do not."
            ),
        ),
    )


def _rights(audience: NoticeAudience, school: SchoolProfile) -> tuple[NoticeSection, ...]:
    dpo = school.dpo
    contact = ", ".join(x for x in (dpo.name, dpo.email, dpo.phone) if x)
    return (
        NoticeSection(
            "Your rights",
            (
                _p("You have the right to:"),
                NoticeBlock("ul", items=rights_for(audience)),
                _p(f"To use any of these rights, contact our Data Protection Officer: {contact}."),
            ),
        ),
        NoticeSection(
            "How to complain",
            (
                _p(
                    "If you are unhappy with how we use your information, please tell us first, so we can put it right."
                ),
                _p(
                    f"You can also complain to the Information Commissioner's Office: {ICO_CONCERNS_URL} or call "
                    f"{ICO_PHONE}."
                ),
            ),
        ),
        NoticeSection(
            "Contact us",
            (
                _p(
                    f"{school.name} is the controller of this information"
                    + (f" (ICO registration {school.ico_registration})." if school.ico_registration else ".")
                ),
                _p(f"Our Data Protection Officer is {contact}."),
            ),
        ),
    )


def build_notice(
    audience: NoticeAudience,
    school: SchoolProfile,
    activities: Sequence[ProcessingActivity],
    organisations: Sequence[Organisation],
    issued_on: date,
) -> NoticeDocument:
    acts = activities_for(audience, activities)
    named = {r.casefold() for a in acts for r in a.recipients}
    orgs = [o for o in organisations if o.active and o.name.casefold() in named]
    intro = (
        f"This notice explains how {school.name} collects, uses and shares information about {audience.reader}, "
        "why we do so, and your rights. It is written from our record of processing."
    )
    sections = (
        _collect(acts),
        _why(acts),
        _bases(acts, audience is NoticeAudience.PUPILS_PARENTS),
        _sharing(acts, orgs),
        _transfers(acts, orgs),
        _keeping(acts),
        _sources(acts),
        *_rights(audience, school),
    )
    links = (
        ("Make a complaint to the ICO", ICO_CONCERNS_URL),
        ("School census guidance on GOV.UK", DFE_DATA_URL),
    )
    return NoticeDocument(school, audience.title, intro, sections, issued_on, links)
