"""The labelled-enum base: stored values, labels and extra member words behave like plain enums."""

from __future__ import annotations

import copy
import pickle

from schooldp.domain.accounts import Role
from schooldp.domain.breach.assessment import Likelihood, SeverityBand
from schooldp.domain.breach.kinds import DataCategory, EnisaClass
from schooldp.domain.requests.status import ClockEffect, RequestStatus


def test_value_lookup_and_label() -> None:
    assert Role("dpo") is Role.DPO
    assert Role.DPO.value == "dpo"
    assert Role.DPO.label == "Data Protection Officer"
    assert [r.value for r in Role] == ["dpo", "headteacher", "viewer"]


def test_extra_words_are_named_on_the_member() -> None:
    assert RequestStatus("awaiting_clarification").clock is ClockEffect.PAUSED
    assert DataCategory.HEALTH.enisa_class is EnisaClass.SENSITIVE
    assert DataCategory.HEALTH.dpc == 4


def test_ranked_values_are_numbers_in_order() -> None:
    assert [b.value for b in SeverityBand] == [1, 2, 3, 4]
    assert SeverityBand(3).label == "High"
    assert Likelihood.HIGHLY_LIKELY.lowered() is Likelihood.POSSIBLE


def test_members_survive_pickle_and_copy() -> None:
    assert pickle.loads(pickle.dumps(RequestStatus.EXTENDED)) is RequestStatus.EXTENDED
    assert copy.deepcopy(DataCategory.SEND) is DataCategory.SEND
