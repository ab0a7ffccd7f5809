"""Shared test setup: offscreen Qt before any Qt import, and a private SCHOOLDP_HOME."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# New key slots at OWASP's minimum Argon2id cost rather than calibrated to half a second each
# (tests/storage/test_kdf_calibration.py covers the calibration); subprocesses inherit it.
os.environ.setdefault("SCHOOLDP_KDF", "memory_kib=19456,iterations=2,lanes=1")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# A shared 2-core machine runs these in parallel: timing is not what property tests check.
settings.register_profile("schooldp", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("schooldp")


@pytest.fixture(autouse=True)
def schooldp_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data, backup, log and config folders."""
    home = tmp_path_factory.mktemp("schooldp-home")
    monkeypatch.setenv("SCHOOLDP_HOME", str(home))
    return home


DPO_PASS = "Kestrel-lantern-42"
HEAD_PASS = "Orchard gate 2026"


def sample_profile():
    from schooldp.domain.school import ContactPerson, Nation, SchoolProfile, SchoolType

    return SchoolProfile(
        name="Oakfield Primary School",
        address_lines=("12 Mill Lane", "Ashby"),
        postcode="LE65 1AB",
        phone="01530 000000",
        email="office@oakfield.example.sch.uk",
        urn="123456",
        nation=Nation.ENGLAND,
        school_type=SchoolType.MAINTAINED,
        ico_registration="Z1234567",
        dpo=ContactPerson(
            "Priya Raman", "dpo@oakfield.example.sch.uk", "01530 000001", "Data Protection Officer"
        ),
        headteacher=ContactPerson("Gareth Llewellyn", "head@oakfield.example.sch.uk", "", "Headteacher"),
    )


@pytest.fixture
def school(tmp_path):
    """A freshly created school file, open as the DPO; closed (without backup) afterwards."""
    from schooldp.domain.accounts import Role
    from schooldp.services.school import NewSchool, create_school

    session, recovery = create_school(
        NewSchool(tmp_path / "Oakfield.sdp", sample_profile(), "Priya Raman", Role.DPO, DPO_PASS)
    )
    session.recovery_key = recovery
    yield session
    if session.vault.is_open or session.vault._lock is not None:
        session.close(backup=False)


# ---- the trust backend: a real PostgreSQL server (tests/pg/cluster.py) -----------------------
@pytest.fixture(scope="session")
def pg_server():
    """A superuser URL on a throw-away PostgreSQL cluster (from .ci/run, or started here)."""
    from tests.pg import cluster

    url = cluster.server_from_env()
    if url is not None:
        cluster.wait_for(url)
        yield url
        return
    if cluster.find_bin("initdb") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have PostgreSQL for the trust-backend tests (see .ci/run)")
        pytest.skip("PostgreSQL is not installed on this machine")
    own = cluster.Cluster()
    try:
        yield own.start()
    finally:
        own.stop()


@pytest.fixture
def pg_db(pg_server):
    """A fresh database on the test server, as a superuser URL; dropped afterwards."""
    from tests.pg import cluster

    db = cluster.new_database(pg_server)
    yield db
    cluster.drop_database(pg_server, db)
