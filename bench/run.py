"""Run every benchmark: `python -m bench.run [names...]`. Each prints ratios against a baseline
measured in the same run; nothing here is a pass/fail test."""

from __future__ import annotations

import importlib
import sys
import time

ALL = ["startup", "letters", "people", "consent", "responsiveness", "scale", "trust"]


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or ALL
    for name in names:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            print(f"== {name}: not present")
            continue
        print(f"== {name}")
        started = time.perf_counter()
        code = module.main([])
        print(f"   ({time.perf_counter() - started:.1f} s, exit {code})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
