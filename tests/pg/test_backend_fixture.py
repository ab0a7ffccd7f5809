"""The ``backend`` fixture really gives a school on the server for the server half."""

from __future__ import annotations

import pytest

from schooldp.domain.accounts import Role

pytestmark = pytest.mark.both_backends


def test_the_school_fixture_follows_the_backend(school, backend):
    assert school.on_server == (backend == "server")
    assert school.account.display_name == "Priya Raman" and school.account.role is Role.DPO
    assert school.profile().name == "Oakfield Primary School"
    assert school.verify_activity().ok
    if backend == "server":
        assert school.vault.engine.dialect.name == "postgresql"
        assert [e.action for e in school.activity()][-2:] == ["account.added", "school.created"]
