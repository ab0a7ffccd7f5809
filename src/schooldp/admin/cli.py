"""``schooldp-admin``: set up and look after the trust's PostgreSQL server (see docs/TRUST.md).

The server is named by ``--url`` or by libpq's own PG* environment variables (PGHOST, PGPORT,
PGDATABASE, PGUSER, PGSSLMODE, PGSSLROOTCERT...); the administrator's password comes from
PGPASSWORD, a .pgpass file, or ``--ask-password``. People's passwords are typed at a prompt
(never shown) or read from ``--password-file``; never on the command line, where other users of
the machine and the shell's history could see them.

Exit codes: 0 done, 1 ``check`` found problems, 2 the command line is wrong, 3 SchoolDP refused
(the message says why), 4 the server could not be reached or reported an error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from schooldp.admin import moving as moving_cli
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.school import Nation, SchoolProfile, SchoolType
from schooldp.services.trust import admin
from schooldp.storage.server.conninfo import CONNECTION_SUFFIX, ConnectionFile

OK, PROBLEMS, USAGE, REFUSED, SERVER = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="schooldp-admin",
        allow_abbrev=False,
        description="Set up and look after SchoolDP on the trust's PostgreSQL server (see docs/TRUST.md).",
    )
    p.add_argument(
        "--url",
        help="the trust's database, e.g. postgresql://postgres@db.trust.example/alsager_mat "
        "(default: the PG* environment variables). Leave the password out of it.",
    )
    p.add_argument("--ask-password", action="store_true", help="ask for the administrator's password")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("init", help="create SchoolDP's roles and list of schools (safe to run again)")
    school = sub.add_parser("add-school", help="add a school: its tables, roles and access rules")
    school.add_argument("code", help="short code: lower-case letters, digits or '_' (e.g. oakfield)")
    school.add_argument("name", help="the school's name as it appears on letters")
    school.add_argument("--nation", required=True, choices=[n.value for n in Nation])
    school.add_argument("--type", required=True, dest="school_type", choices=[t.value for t in SchoolType])
    school.add_argument("--urn", default="")
    school.add_argument("--dpo-name", default="")
    school.add_argument("--head-name", default="")
    user = sub.add_parser("add-user", help="add a person with their own login and password")
    user.add_argument("login", help="their database login, e.g. priya.raman")
    user.add_argument("name", help="their name as SchoolDP shows it, e.g. 'Priya Raman'")
    _role_options(user, with_role=True)
    user.add_argument("--password-file", type=Path, help="read the password from the first line of this file")
    grant = sub.add_parser("grant", help="give a person a role in a school, or the trust DPO role")
    grant.add_argument("login")
    _role_options(grant, with_role=True)
    revoke = sub.add_parser("revoke", help="take away a person's role in a school, or the trust DPO role")
    revoke.add_argument("login")
    _role_options(revoke, with_role=False)
    pw = sub.add_parser("set-password", help="give a person a new password")
    pw.add_argument("login")
    pw.add_argument("--password-file", type=Path, help="read the password from the first line of this file")
    sub.add_parser("migrate", help="upgrade every school's tables after installing a new SchoolDP")
    sub.add_parser("check", help="check the access rules and every school's activity log")
    conn = sub.add_parser("connection-file", help="write the .sdpconn file you hand to the schools")
    conn.add_argument("path", type=Path, help=f"where to write it (ends in {CONNECTION_SUFFIX})")
    conn.add_argument("--host", required=True, help="the server's name as on its certificate")
    conn.add_argument("--database", required=True)
    conn.add_argument("--port", type=int, default=5432)
    conn.add_argument(
        "--ca", default="", help="the trust's CA certificate file name, kept beside the .sdpconn"
    )
    conn.add_argument("--label", default="", help="shown on the start page, e.g. 'Alsager MAT'")
    moving_cli.add_commands(sub)
    for command in sub.choices.values():
        command.allow_abbrev = False  # so "--password" is never taken for "--password-file"
    return p


def _role_options(p: argparse.ArgumentParser, *, with_role: bool) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--school", help="the school's code")
    which.add_argument("--trust", action="store_true", help="the trust DPO role (every school)")
    if with_role:
        p.add_argument("--role", choices=["dpo", "headteacher", "viewer"], help="their role in --school")


def _url(args: argparse.Namespace) -> URL:
    url = make_url(args.url) if args.url else URL.create("postgresql+psycopg")
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if args.ask_password:
        url = url.set(password=getpass.getpass("Password of the PostgreSQL administrator: "))
    return url


def _new_password(args: argparse.Namespace, login: str) -> str:
    if args.password_file is not None:
        try:
            lines: list[str] = Path(args.password_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ValidationError(f"Could not read the password file: {exc.strerror or exc}.") from None
        if not lines or not lines[0]:
            raise ValidationError("The password file is empty: put the password on its first line.")
        return lines[0]
    if not sys.stdin.isatty():
        raise ValidationError("Type the password at a prompt, or give it in a file with --password-file.")
    from schooldp.domain.accounts import check_passphrase

    first = getpass.getpass(f"New password for {login}: ")
    check_passphrase(first)  # say so before asking for it again
    if getpass.getpass("Type it again: ") != first:
        raise ValidationError("The two passwords are not the same. Nothing was changed.")
    return first


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "connection-file":
        return _connection_file(args)
    url = _url(args)
    if command in moving_cli.COMMANDS:
        return moving_cli.run(args, url)
    if command == "init":
        database = admin.init(url)
        print(f"SchoolDP is set up in database '{database}'. Next: schooldp-admin add-school.")
    elif command == "add-school":
        profile = SchoolProfile(
            name=args.name,
            nation=Nation(args.nation),
            school_type=SchoolType(args.school_type),
            urn=args.urn,
        )
        profile = _with_contacts(profile, args.dpo_name, args.head_name)
        admin.add_school(url, args.code, profile)
        print(f"Added {args.name} ({args.code}). Next: schooldp-admin add-user ... --school {args.code}.")
    elif command == "add-user":
        _need_role(args)
        password = _new_password(args, args.login)
        admin.add_user(
            url, args.login, args.name, password, school=args.school, role=args.role, trust=args.trust
        )
        print(f"Added {args.login}: {_where(args)}.")
    elif command == "grant":
        _need_role(args)
        admin.grant(url, args.login, school=args.school, role=args.role, trust=args.trust)
        print(f"{args.login} now has {_where(args)}.")
    elif command == "revoke":
        admin.revoke(url, args.login, school=args.school, trust=args.trust)
        where = "the trust DPO role" if args.trust else f"school {args.school}"
        print(f"{args.login} no longer has access through {where}.")
    elif command == "set-password":
        admin.set_password(url, args.login, _new_password(args, args.login))
        print(f"{args.login} has a new password.")
    elif command == "migrate":
        codes = admin.migrate(url)
        print(
            f"Upgraded {len(codes)} school(s) and applied the access rules again: {', '.join(codes) or 'none'}."
        )
    else:
        return _check(url)
    return OK


def _check(url: URL) -> int:
    problems = admin.check(url)
    if not problems:
        print("No problems found: access rules and every school's activity log check out.")
        return OK
    print(f"{len(problems)} problem(s) found:")
    for problem in problems:
        print(f"- {problem}")
    return PROBLEMS


def _with_contacts(profile: SchoolProfile, dpo: str, head: str) -> SchoolProfile:
    from dataclasses import replace

    return replace(
        profile,
        dpo=replace(profile.dpo, name=dpo.strip()),
        headteacher=replace(profile.headteacher, name=head.strip()),
    )


def _need_role(args: argparse.Namespace) -> None:
    if args.school and not args.role:
        raise ValidationError("Say which role they have in the school: --role dpo, headteacher or viewer.")
    if args.trust and args.role:
        raise ValidationError("--role is for a school; the trust DPO role is a DPO in every school.")


def _where(args: argparse.Namespace) -> str:
    return "the trust DPO role (every school)" if args.trust else f"{args.role} in school {args.school}"


def _connection_file(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.suffix != CONNECTION_SUFFIX:
        path = path.with_name(path.name + CONNECTION_SUFFIX)
    ConnectionFile(
        host=args.host, database=args.database, port=args.port, sslrootcert=args.ca, label=args.label
    ).save(path)
    print(f"Wrote {path}. Hand it to the schools with the CA certificate{' ' + args.ca if args.ca else ''}.")
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except admin.ServerUnavailable as exc:
        print(f"schooldp-admin: {exc}", file=sys.stderr)
        return SERVER
    except SchoolDPError as exc:
        print(f"schooldp-admin: {exc}", file=sys.stderr)
        return REFUSED
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        print(f"schooldp-admin: the server reported an error; nothing was changed. {detail}", file=sys.stderr)
        return SERVER
    except KeyboardInterrupt:
        print("schooldp-admin: stopped; nothing was changed.", file=sys.stderr)
        return REFUSED


if __name__ == "__main__":
    raise SystemExit(main())
