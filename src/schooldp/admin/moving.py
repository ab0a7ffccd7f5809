"""``schooldp-admin import-file`` and ``export-school``: a school moving in or out of the trust.

``import-file`` copies a school file into the server (the school's DPO types the file's
passphrase at the prompt; it is not kept). ``export-school`` writes a server school to a new
school file with one DPO account, for a school leaving the trust; its recovery key is printed
once, to be handed to the DPO on paper.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.engine import URL

from schooldp.domain.accounts import Role
from schooldp.domain.errors import ValidationError
from schooldp.services.school import open_school
from schooldp.services.trust import moving
from schooldp.storage.server.conninfo import check_school_code

COMMANDS = ("import-file", "export-school")


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser("import-file", help="move a school file into the server as a new school")
    imp.add_argument("path", type=Path, help="the school file (.sdp), with its key file beside it")
    imp.add_argument("code", help="the school's code on the server (e.g. oakfield)")
    imp.add_argument("--passphrase-file", type=Path, help="read the file's passphrase from this file")
    exp = sub.add_parser("export-school", help="write a school to a new school file (a school leaving)")
    exp.add_argument("code", help="the school's code on the server")
    exp.add_argument("path", type=Path, help="the new school file to write (.sdp); must not exist")
    exp.add_argument("--dpo-name", required=True, help="the name of the DPO who will open the new file")
    exp.add_argument("--passphrase-file", type=Path, help="read the new file's passphrase from this file")
    exp.add_argument("--sheet", type=Path, help="also save the new file's emergency sheet (PDF) here")


def run(args: argparse.Namespace, url: URL) -> int:
    if args.command == "import-file":
        return _import_file(args, url)
    return _export_school(args, url)


def _import_file(args: argparse.Namespace, url: URL) -> int:
    check_school_code(args.code)
    if not Path(args.path).is_file():
        raise ValidationError(f"There is no school file at {args.path}.")
    passphrase = _passphrase(args, "Passphrase of the school file (its DPO types it): ", confirm=False)
    session = open_school(Path(args.path), passphrase)
    try:
        if session.account.role is not Role.DPO:
            raise ValidationError("Use the passphrase of the school file's Data Protection Officer.")
        done = moving.move_to_server(session, url, args.code, where=f"database {url.database}")
    finally:
        session.close(backup=False)
    print(
        f"Moved the school file into the server as '{done.code}': {done.rows:,} records, activity log "
        f"checked ({done.activity_entries:,} entries). Next: schooldp-admin add-user ... --school {done.code}."
    )
    return 0


def _export_school(args: argparse.Namespace, url: URL) -> int:
    check_school_code(args.code)
    passphrase = _passphrase(args, "Passphrase for the new file: ", confirm=True)
    done = moving.export_to_file(url, Path(args.path), args.dpo_name, passphrase, code=args.code)
    if args.sheet is not None:
        Path(args.sheet).write_bytes(moving.emergency_sheet(done, done.school_name))
    print(
        f"Wrote {done.path}: {done.rows:,} records, activity log checked ({done.activity_entries:,} entries)."
    )
    print("Its recovery key (shown only now; give it to the DPO on paper and keep it locked away):")
    print(f"    {done.recovery_key}")
    return 0


def _passphrase(args: argparse.Namespace, prompt: str, *, confirm: bool) -> str:
    if args.passphrase_file is not None:
        try:
            lines = Path(args.passphrase_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ValidationError(f"Could not read the passphrase file: {exc.strerror or exc}.") from None
        if not lines or not lines[0]:
            raise ValidationError("The passphrase file is empty: put the passphrase on its first line.")
        return lines[0]
    if not sys.stdin.isatty():
        raise ValidationError("Type the passphrase at a prompt, or give it in a file with --passphrase-file.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise ValidationError("The two passphrases are not the same. Nothing was changed.")
    return first
