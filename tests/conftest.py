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


BACKENDS = ("file", "server")


def sample_request(received_on=None):
    """A parent's subject access request about her daughter (the same in every test that edits one)."""
    from datetime import date

    from schooldp.domain.requests import Channel, Relationship, RequestType, Subject, SubjectKind
    from schooldp.services.requests import NewRequest, Requester

    return NewRequest(
        request_type=RequestType.SUBJECT_ACCESS,
        channel=Channel.EMAIL,
        received_on=received_on or date(2026, 11, 2),
        requester=Requester("Mrs Ruth Okafor", ("4 Church Street", "Ashby"), "ruth@example.org"),
        relationship=Relationship.PARENT_CARER,
        subject=Subject(SubjectKind.PUPIL, "Maya Okafor", None, date(2013, 3, 10)),
        description="Everything the school holds about my daughter.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: run each test using `school` on a school file and on the trust's server"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_backends`` that use ``school`` run once per backend."""
    if metafunc.definition.get_closest_marker("both_backends") and "school" in metafunc.fixturenames:
        if "backend" not in metafunc.fixturenames:
            metafunc.fixturenames.append("backend")
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request):
    """The storage backend under test: a school file, or a school on the trust's server.

    A module opts in with ``pytestmark = pytest.mark.both_backends``; its ``school`` is then,
    on the server, a freshly emptied school opened by a DPO's own login.
    """
    return getattr(request, "param", "file")


@pytest.fixture
def school(request, tmp_path):
    """A freshly created school file, open as the DPO; closed (without backup) afterwards."""
    if "backend" in request.fixturenames and request.getfixturevalue("backend") == "server":
        session = request.getfixturevalue("server_school").open()
        yield session
        if session.vault.is_open:
            session.close()
        return
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


@pytest.fixture
def trust(pg_server, pg_db):
    """A trust database set up by the admin service, with no schools yet (tests/pg/provision.py)."""
    from tests.pg.provision import TestTrust

    t = TestTrust(pg_db)
    yield t
    t.dispose(pg_server)


class ServerSchool:
    """One school on the test server for this test process, emptied and seeded for each test."""

    def __init__(self, trust) -> None:
        from schooldp.domain.accounts import Role

        self.trust = trust
        trust.add_school("oakfield", sample_profile())
        self.login = trust.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)

    def open(self):
        from schooldp.domain.accounts import Role
        from schooldp.services.trust.signin import open_on_server
        from tests.pg.provision import PASSWORD

        self.trust.empty("oakfield")
        self.trust.seed("oakfield", sample_profile(), self.login, "Priya Raman", Role.DPO)
        session = open_on_server(self.trust.connection_file, self.login, PASSWORD, "oakfield")
        session.recovery_key = None
        return session


@pytest.fixture(scope="session")
def server_school(pg_server):
    """The server side of the ``backend`` fixture: a database and school shared by one process."""
    from tests.pg import cluster
    from tests.pg.provision import TestTrust

    trust = TestTrust(cluster.new_database(pg_server))
    try:
        yield ServerSchool(trust)
    finally:
        trust.dispose(pg_server)
