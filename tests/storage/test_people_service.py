"""PeopleService: the API breaches, requests and consent code against."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Contact, Pupil, Staff, YearGroup, upn_check_letter
from schooldp.services.people import GroupKind, PeopleService, PupilContact, PupilGroup

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

TODAY = date(2026, 3, 2)


def upn(n: int) -> str:
    body = f"82012345{n:03d}1"
    return upn_check_letter(body) + body


def pupil(n: int, first: str, last: str, year: str = "Y3", reg: str = "3B", **kw) -> Pupil:
    return Pupil(upn(n), first, last, date(2017, 5, n % 28 + 1), YearGroup(year), reg, **kw)


@pytest.fixture
def svc(school):
    school.clock = FrozenClock(TODAY)
    return PeopleService(school)


def test_add_and_read_pupils_and_contacts(svc: PeopleService, school) -> None:
    zoe = svc.add_pupil(pupil(1, "Zoë", "Ó Súilleabháin", preferred_first_name="Zo"))
    wang = svc.add_pupil(pupil(2, "芳", "王", year="Y4", reg="4A"))
    sib = svc.add_pupil(pupil(3, "Łukasz", "Ó Súilleabháin", year="Y5", reg="5C"))
    assert zoe.id and wang.id and sib.id
    assert svc.pupil(zoe.id).legal_first_name == "Zoë"
    assert svc.pupil_by_upn(upn(2)).id == wang.id

    mum = Contact(
        "Áine", "Ó Súilleabháin", title="Mrs", address_lines=("4 Elm Road", "Ashby"), postcode="le65 1aa"
    )
    c1 = svc.add_contact(mum, zoe.id, "Mother", True, True, 1)
    c2 = svc.add_contact(mum, sib.id, "Mother", True, True, 1)
    assert c1.id == c2.id, "siblings share one contact"
    svc.add_contact(
        Contact("Seán", "Ó Súilleabháin", email="sean@example.org"), zoe.id, "Father", False, False, 2
    )

    contacts = svc.contacts_for(zoe.id)
    assert [type(c) for c in contacts] == [PupilContact, PupilContact]
    assert contacts[0].relationship == "Mother" and contacts[0].parental_responsibility
    assert contacts[0].contact.postcode == "LE65 1AA"
    assert contacts[1].priority == 2 and not contacts[1].lives_with_pupil
    assert svc.contact(c1.id).display_name == "Áine Ó Súilleabháin"
    assert {p.id for p in svc.pupils_of_contact(c1.id)} == {zoe.id, sib.id}

    # Search: accent- and case-insensitive, any script, by UPN, year and reg group.
    assert [p.id for p in svc.pupils(search="zoe")] == [zoe.id]
    assert [p.id for p in svc.pupils(search="lukasz o suil")] == [sib.id]
    assert [p.id for p in svc.pupils(search="王")] == [wang.id]
    assert [p.id for p in svc.pupils(search=upn(2).lower())] == [wang.id]
    assert {p.id for p in svc.pupils(search="3b")} == {zoe.id}
    assert [p.id for p in svc.pupils(search="100%")] == []
    assert [p.id for p in svc.pupils(year_group="Y4")] == [wang.id]
    assert [p.id for p in svc.pupils(reg_group="5C")] == [sib.id]
    # Sorted by legal surname: "Ó Súilleabháin" (o...) before "王".
    assert [p.id for p in svc.pupils(ids=[wang.id, zoe.id])] == [zoe.id, wang.id]
    assert svc.pupils(ids=[]) == []
    assert svc.year_groups() == ["Y3", "Y4", "Y5"]
    assert svc.reg_groups() == ["3B", "4A", "5C"]


def test_duplicate_upn_refused_and_leavers(svc: PeopleService) -> None:
    a = svc.add_pupil(pupil(1, "Ada", "Lovelace"))
    with pytest.raises(ValidationError):
        svc.add_pupil(pupil(1, "Other", "Child"))
    b = svc.add_pupil(pupil(2, "Ben", "Okoro", leaving_date=date(2026, 4, 1)))  # planned: still on roll
    assert {p.id for p in svc.pupils()} == {a.id, b.id}
    assert svc.mark_leavers([a.id], date(2026, 2, 1)) == 1
    assert [p.id for p in svc.pupils()] == [b.id]
    assert {p.id for p in svc.pupils(include_leavers=True)} == {a.id, b.id}
    assert svc.pupil(a.id).is_leaver


def test_staff(svc: PeopleService) -> None:
    s = svc.add_staff(Staff("Mrs Nguyễn Thị Lan", "Year 3 teacher", "lan@school.example"))
    svc.add_staff(Staff("Mr Αλέξανδρος Papadopoulos", "Caretaker"))
    assert [x.id for x in svc.staff("nguyen")] == [s.id]
    assert len(svc.staff()) == 2
    svc.staff_left(s.id)
    assert len(svc.staff()) == 1


def test_groups(svc: PeopleService) -> None:
    a = svc.add_pupil(pupil(1, "Ada", "Lovelace", "Y3", "3B"))
    b = svc.add_pupil(pupil(2, "Ben", "Okoro", "Y4", "4A"))
    c = svc.add_pupil(pupil(3, "Cy", "Patel", "Y4", "4B"))
    trip = svc.save_custom_group("Trip to Kew", [a.id, c.id, 99999])
    assert trip.pupil_ids == tuple(sorted((a.id, c.id)))
    kinds = [g.kind for g in svc.groups()]
    assert kinds.count(GroupKind.YEAR) == 2 and kinds.count(GroupKind.REG) == 3 and GroupKind.CUSTOM in kinds
    assert {p.id for p in svc.pupils_in_group(PupilGroup.all_pupils())} == {a.id, b.id, c.id}
    assert {p.id for p in svc.pupils_in_group(PupilGroup.year("Y4"))} == {b.id, c.id}
    assert {p.id for p in svc.pupils_in_group(PupilGroup.reg("3B"))} == {a.id}
    assert {p.id for p in svc.pupils_in_group(PupilGroup.custom(trip.id))} == {a.id, c.id}
    assert PupilGroup.year("Y4").label == "Year 4"
    with pytest.raises(ValidationError):
        svc.save_custom_group("Trip to Kew", [b.id])
    svc.save_custom_group("Trip to Kew", [b.id], group_id=trip.id)
    assert {p.id for p in svc.pupils_in_group(PupilGroup.custom(trip.id))} == {b.id}


def test_mapping_remembered(svc: PeopleService) -> None:
    svc.save_mapping({"pupil id number": "upn", "shoe size": ""})
    assert svc.saved_mapping() == {"pupil id number": "upn", "shoe size": ""}


def test_audit_has_no_names(svc: PeopleService, school) -> None:
    p = svc.add_pupil(pupil(1, "Zoë", "Şahin"))
    svc.add_contact(Contact("Ayşe", "Şahin", postcode="LE1 1AA"), p.id, "Mother", True)
    text = " ".join(e.summary for e in school.activity())
    assert "Şahin" not in text and "Zoë" not in text


def test_on_roll_follows_the_session_clock(svc: PeopleService, school) -> None:
    leaving = svc.add_pupil(pupil(9, "Ola", "Nowak", leaving_date=TODAY + timedelta(days=1)))
    assert leaving.id in {p.id for p in svc.pupils()} and svc.pupil_count() == 1
    school.clock.advance(timedelta(days=1))
    assert svc.pupils() == [] and svc.pupil_count() == 0
    assert svc.pupils(include_leavers=True)[0].id == leaving.id
