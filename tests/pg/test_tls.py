"""TLS verify-full against a real server: the trust's certificate lets SchoolDP in, any other
certificate (or a server answering under another name) is refused before a password is sent."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from schooldp.services.trust.signin import SignInError, list_schools
from schooldp.storage.server.conninfo import ConnectionFile
from tests.pg import cluster

pytestmark = pytest.mark.slow  # starts a cluster of its own, with TLS


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _ca(folder: Path, name: str) -> None:
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2", "-subj", f"/CN={name}",
        cwd=folder,
    )  # fmt: skip


def _server_cert(folder: Path, ca: str, names: str) -> None:
    _openssl(
        "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=SchoolDP test server",
        cwd=folder,
    )  # fmt: skip
    (folder / "san.ext").write_text(f"subjectAltName={names}\n")
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext",
        cwd=folder,
    )  # fmt: skip


@pytest.fixture
def tls_server(tmp_path):
    if cluster.find_bin("initdb") is None or shutil.which("openssl") is None:
        pytest.skip("PostgreSQL or openssl is not installed on this machine")
    own = cluster.Cluster()
    url = own.start()
    try:
        _ca(tmp_path, "trust-ca")
        _ca(tmp_path, "other-ca")
        _server_cert(tmp_path, "trust-ca", "DNS:localhost")
        for name in ("server.crt", "server.key"):
            target = own.dir / name
            shutil.copy(tmp_path / name, target)
            target.chmod(0o600)
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                shutil.chown(target, "postgres")
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f"ALTER SYSTEM SET ssl_cert_file = '{own.dir / 'server.crt'}'"))
            c.execute(text(f"ALTER SYSTEM SET ssl_key_file = '{own.dir / 'server.key'}'"))
            c.execute(text("ALTER SYSTEM SET ssl = on"))
            c.execute(text("SELECT pg_reload_conf()"))
        admin.dispose()
        yield url, tmp_path
    finally:
        own.stop()


def test_verify_full_lets_in_the_trusts_server_and_refuses_any_other(tls_server):
    url, certs = tls_server

    def conn(host: str, ca: str) -> ConnectionFile:
        return ConnectionFile(host=host, port=url.port or 5432, database="postgres", sslrootcert=f"{ca}.pem")

    # The trust's certificate: the connection is made (this server has no SchoolDP schools yet).
    with pytest.raises(SignInError, match="has not been set up for SchoolDP"):
        list_schools(conn("localhost", "trust-ca"), cluster.SUPERUSER, cluster.SUPERUSER_PASSWORD, certs)
    # Another authority's certificate, or the server under a name its certificate does not carry.
    for wrong in (conn("localhost", "other-ca"), conn("127.0.0.1", "trust-ca")):
        with pytest.raises(SignInError, match="could not check that this is really the trust's server"):
            list_schools(wrong, cluster.SUPERUSER, cluster.SUPERUSER_PASSWORD, certs)
