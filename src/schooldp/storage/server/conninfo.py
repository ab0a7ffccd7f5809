"""The ``.sdpconn`` connection file: where the trust's server is, never a password.

The trust's IT staff hand it out with the CA certificate it names. Each person signs in with
their own database account; the password is typed at sign-in and kept nowhere.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from schooldp.domain.errors import ValidationError

CONNECTION_SUFFIX = ".sdpconn"
SSL_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,29}$")


def check_school_code(code: str) -> str:
    """A school's short code names its schema and roles: lower case letters, digits, '_'."""
    if not _CODE.match(code):
        raise ValidationError(
            f"'{code}' cannot be a school code. Use up to 30 lower-case letters, digits or '_', "
            "starting with a letter (for example 'oakfield')."
        )
    return code


def school_schema(code: str) -> str:
    """The schema that holds one school's tables."""
    return f"school_{check_school_code(code)}"


@dataclass(frozen=True)
class ConnectionFile:
    """Where the trust's database is and how to check it is really the trust's server."""

    host: str
    database: str
    port: int = 5432
    sslmode: str = "verify-full"
    sslrootcert: str = ""  # the trust's CA certificate; relative paths are beside the file
    label: str = ""  # shown on the start page, e.g. "Alsager MAT"

    def __post_init__(self) -> None:
        if self.sslmode not in SSL_MODES:
            raise ValidationError(f"The connection file asks for an unknown TLS mode '{self.sslmode}'.")
        if not self.host or not self.database:
            raise ValidationError("The connection file must name the server (host) and the database.")

    def url(self, user: str, password: str | None, base: Path | None = None) -> URL:
        query: dict[str, str] = {"sslmode": self.sslmode, "application_name": "SchoolDP"}
        if self.sslrootcert:
            cert = Path(self.sslrootcert)
            if not cert.is_absolute() and base is not None:
                cert = base / cert
            query["sslrootcert"] = str(cert)
        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query=query,
        )

    def to_json(self) -> str:
        return json.dumps({"schooldp_connection": 1, **asdict(self)}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> ConnectionFile:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError("This is not a SchoolDP connection file.") from exc
        if not isinstance(data, dict) or data.pop("schooldp_connection", None) != 1:
            raise ValidationError("This is not a SchoolDP connection file.")
        if "password" in data:
            raise ValidationError(
                "This connection file holds a password. Ask the trust's IT staff for one without: "
                "each person signs in with their own password."
            )
        known = {f for f in cls.__dataclass_fields__}
        try:
            return cls(**{k: v for k, v in data.items() if k in known})
        except TypeError as exc:
            raise ValidationError("The connection file is incomplete.") from exc

    @classmethod
    def load(cls, path: Path) -> ConnectionFile:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def save(self, path: Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")
