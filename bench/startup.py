"""Time to the unlock window, and time to unlock, each against a baseline measured in the same run.

    python -m bench.startup [--runs N]

Baselines: a bare PySide6 window (process start to first paint) and a plain SQLite open + query.
Reported as ratios; never asserted in tests. The key slot is calibrated on this computer as the
program does (set SCHOOLDP_KDF to fix its cost). Unlock is timed again once the activity log is
LONG_LOG entries longer, with the full walk that follows it in the background: opening checks
the log only from its newest anchor, so it should not grow with the log.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1180, 760); w.show()
def shown():
    print("SCHOOLDP_SHOWN", flush=True); app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


LONG_LOG = 20_000
PASSPHRASE = "bench passphrase 1"


def _grow_log(path: Path, passphrase: str, entries: int) -> None:
    """Add ``entries`` chained activity entries in one statement (the services write one at a
    time), then anchor the log at its new head as closing the file does."""
    from sqlalchemy import insert

    from schooldp.services.school import open_school
    from schooldp.storage import audit
    from schooldp.storage.models import AuditRow, Meta

    session = open_school(path, passphrase)
    with session.vault.write() as db:
        head, count = db.get(Meta, "audit_head"), db.get(Meta, "audit_count")
        assert head is not None and count is not None
        prev, rows = head.value, []
        at = session.clock.now().isoformat(timespec="microseconds")
        for n in range(entries):
            digest = audit._digest(prev, at, session.account.id, "bench.entry", "school", str(n), "Bench")
            rows.append(
                {
                    "at": at,
                    "account_id": session.account.id,
                    "action": "bench.entry",
                    "entity": "school",
                    "entity_id": str(n),
                    "summary": "Bench",
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            prev = digest
        db.execute(insert(AuditRow), rows)
        db.merge(Meta(key="audit_head", value=prev))
        db.merge(Meta(key="audit_count", value=str(int(count.value) + entries)))
    session.vault.record_anchor(now=True)
    session.close(backup=False)


def _unlock_times(path: Path, passphrase: str, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Unlock (KDF, open, log check, first read) in wall and CPU time (on a shared machine the
    wall time also counts waiting for the processor), and the full walk that follows it."""
    from schooldp.services.school import check_log_in_full, open_school

    unlocks, cpu, walks = [], [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        s = open_school(path, passphrase)
        s.profile()
        unlocks.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        t = time.perf_counter()
        assert check_log_in_full(s).ok
        walks.append(time.perf_counter() - t)
        s.close(backup=False)
    return unlocks, cpu, walks


def _launch(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if "SCHOOLDP_SHOWN" not in out.stdout:
        raise RuntimeError(f"{cmd} did not show a window: {out.stderr[-800:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", nargs="*", help="command that starts SchoolDP (default: python -m schooldp)")
    args = parser.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="schooldp-bench-"))
    env = dict(
        os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), SCHOOLDP_HOME=str(home)
    )

    from schooldp.demo import demo_profile
    from schooldp.domain.accounts import Role
    from schooldp.services.school import NewSchool, create_school
    from schooldp.storage.vault import key_file_path

    path = home / "Bench.sdp"
    session, _ = create_school(NewSchool(path, demo_profile(), "Bench", Role.DPO, PASSPHRASE))
    session.close(backup=False)

    app_cmd = args.app or [sys.executable, "-m", "schooldp"]
    bare, ours = [], []
    for _ in range(args.runs):
        bare.append(_launch([sys.executable, "-c", BARE_WINDOW], env))
        ours.append(_launch([*app_cmd, str(path)], dict(env, SCHOOLDP_EXIT_WHEN_SHOWN="1")))

    plain = home / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("create table t(a)")
    conn.commit()
    conn.close()
    sqlite_times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        conn = sqlite3.connect(plain)
        conn.execute("select count(*) from sqlite_master").fetchall()
        conn.close()
        sqlite_times.append(time.perf_counter() - t)
    unlock_times, unlock_cpu, walk_times = _unlock_times(path, PASSPHRASE, args.runs)
    _grow_log(path, PASSPHRASE, LONG_LOG)
    long_unlock, long_cpu, long_walk = _unlock_times(path, PASSPHRASE, args.runs)

    def row(name: str, ours_s: list[float], base_s: list[float]) -> str:
        o, b = statistics.median(ours_s), statistics.median(base_s)
        return f"{name:<28} {o * 1000:9.1f} ms   baseline {b * 1000:9.2f} ms   ratio {o / b:8.1f}x"

    print(f"SchoolDP startup benchmark ({args.runs} runs, medians)")
    print(row("launch -> unlock window", ours, bare))
    print(row("unlock (KDF + open + read)", unlock_times, sqlite_times))
    print(row("  its CPU time", unlock_cpu, sqlite_times))
    print(row(f"  same, log {LONG_LOG:,} longer", long_unlock, unlock_times))
    print(row("  its CPU time", long_cpu, unlock_cpu))
    print(row("full log walk (background)", walk_times, sqlite_times))
    print(row(f"  same, log {LONG_LOG:,} longer", long_walk, walk_times))
    kdf = json.loads(key_file_path(path).read_text())["slots"][0]["kdf"]
    print(
        f"key slot Argon2id: {kdf['memory_kib'] // 1024} MiB, {kdf['iterations']} passes, {kdf['lanes']} lanes"
    )
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"launch_to_unlock_ratio={ratio:.2f} unlock_ms={statistics.median(unlock_times) * 1000:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
