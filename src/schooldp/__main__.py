"""Entry point: parse arguments -> logging -> context -> ui.run()  (`python -m schooldp`)."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="schooldp",
        description="SchoolDP: breaches, rights requests and consents for a UK school, offline.",
    )
    parser.add_argument("path", nargs="?", type=Path, help="a school file (.sdp) to open")
    parser.add_argument("--demo", action="store_true", help="open a throw-away demo school")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (vault, PDF) and exit 0 if all is well",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    # Start-up makes many objects and frees few: the cycle collector waits until the first
    # window is painted (ui.app turns it back on), saving it several passes over them.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from schooldp import __version__
    from schooldp.logs import setup_logging

    if args.version:
        print(f"SchoolDP {__version__}")
        return 0
    setup_logging()
    from schooldp.services.housekeeping import clean_up_after_crash

    clean_up_after_crash()
    if args.self_test:
        from schooldp.selftest import run_self_test

        gc.enable()
        return run_self_test()
    from schooldp.ui.app import run

    return run(path=args.path, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
