from __future__ import annotations

import pytest

from schooldp.domain.errors import ValidationError
from schooldp.domain.school import (
    ContactPerson,
    Nation,
    SchoolProfile,
    SchoolType,
    educational_record_right_applies,
)


def _profile(**kw):
    base = dict(
        name="Oakfield Primary School",
        dpo=ContactPerson("Sam Patel", role="Data Protection Officer"),
        headteacher=ContactPerson("Ruth Evans", role="Headteacher"),
    )
    base.update(kw)
    return SchoolProfile(**base)


def test_valid_profile_passes() -> None:
    _profile(urn="123456", ico_registration="Z1234567", email="office@oakfield.sch.uk").validate()


@pytest.mark.parametrize(
    "kw,field",
    [
        ({"name": " "}, "name"),
        ({"urn": "12AB"}, "urn"),
        ({"ico_registration": "1234"}, "ico_registration"),
        ({"email": "office at school"}, "email"),
        ({"dpo": ContactPerson("")}, "dpo"),
    ],
)
def test_invalid_profile_names_the_field(kw, field) -> None:
    with pytest.raises(ValidationError) as err:
        _profile(**kw).validate()
    assert err.value.field == field


def test_educational_record_right_only_for_maintained_schools_in_england() -> None:
    assert educational_record_right_applies(SchoolType.MAINTAINED, Nation.ENGLAND)
    assert not educational_record_right_applies(SchoolType.ACADEMY, Nation.ENGLAND)
    assert not educational_record_right_applies(SchoolType.MAINTAINED, Nation.WALES)
