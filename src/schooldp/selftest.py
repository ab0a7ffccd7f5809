"""`schooldp --self-test`: prove an installation works, headless, leaving nothing behind.

Creates a school file in a temporary folder, writes, closes, reopens with the passphrase and the
recovery key, checks the audit chain and that no plain text is in the file, makes and reads a
backup, renders a PDF with the bundled fonts, then removes it all. Prints one line per check.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

# A school name in every script the bundled fonts print, and the fonts it must embed.
EVERY_SCRIPT = "Self test Łukasz Zoë محمد সুমাইয়া ਗੁਰਪ੍ਰੀਤ ગુજરાતી हिन्दी தமிழ் 王芳"
SCRIPT_FONTS = (
    "NotoSans-Regular",
    "NotoNaskhArabic-Regular",
    "NotoSansBengali-Regular",
    "NotoSansGurmukhi-Regular",
    "NotoSansGujarati-Regular",
    "NotoSansDevanagari-Regular",
    "NotoSansTamil-Regular",
    "NotoSansCJKsc-Regular",
)


def _chart_pdf() -> str:
    """A document with a bar chart (ReportLab's graphics, standard fonts for the axes)."""
    from datetime import date, datetime

    from schooldp.documents import breach_trends
    from schooldp.domain.clock import LONDON

    months = [("Sep 2025", 1), ("Oct 2025", 0), ("Nov 2025", 4)]
    doc = breach_trends.TrendsDocument(
        "Self test school", date(2025, 9, 1), date(2026, 8, 31), 5, months,
        [("Email sent to the wrong person", 3)], [("Health and medical", 2)], 2, 2, 0, 1,
        datetime(2026, 9, 1, 9, 0, tzinfo=LONDON), "Self Test",
    )  # fmt: skip
    pdf = breach_trends.render(doc)
    assert pdf.startswith(b"%PDF") and b"/Helvetica" in pdf, "chart PDF not rendered"
    return f"rendered a PDF with a chart ({len(pdf) // 1024} KB)"


def _postgres_driver() -> str:
    """The trust server's driver loads with its own libpq (no server needed to check that)."""
    import psycopg

    impl = psycopg.pq.__impl__
    assert impl in ("binary", "c"), f"psycopg has no compiled libpq (only '{impl}')"
    return f"PostgreSQL driver loads (libpq {psycopg.pq.version()}, {impl})"


def run_self_test() -> int:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="schooldp-selftest-"))
    steps: list[str] = []

    def ok(step: str) -> None:
        steps.append(step)
        print(f"ok   {step}", flush=True)

    try:
        from schooldp.demo import demo_profile
        from schooldp.documents.emergency_sheet import EmergencySheetData, render
        from schooldp.domain.accounts import Role
        from schooldp.domain.clock import SYSTEM_CLOCK
        from schooldp.services.school import NewSchool, create_school, open_school, open_with_recovery_key
        from schooldp.storage import backup as backups

        passphrase = "self test passphrase 1"
        path = folder / "Self test.sdp"
        session, recovery = create_school(NewSchool(path, demo_profile(), "Self Test", Role.DPO, passphrase))
        ok("created an encrypted school file")
        session.update_profile(replace(session.profile(), phone="01632 960999"))
        session.close(backup=False)
        ok("wrote and closed it")
        raw = path.read_bytes()
        if b"Brookfield" in raw or b"01632 960999" in raw:
            raise AssertionError("plain text found in the school file")
        ok("no plain text in the file")
        session = open_school(path, passphrase)
        assert session.profile().phone == "01632 960999", "reopened file lost a change"
        assert session.verify_activity().ok, "audit chain broken"
        ok("reopened with the passphrase; audit chain intact")
        info = session.backup_now(folder / "backups")
        session.close(backup=False)
        backups.extract(info.path, folder / "restored")
        ok("made and unpacked a backup")
        session = open_with_recovery_key(path, recovery)
        session.close(backup=False)
        ok("reopened with the recovery key")
        pdf = render(EmergencySheetData(EVERY_SCRIPT, str(path), SYSTEM_CLOCK.today(), recovery))
        assert pdf.startswith(b"%PDF") and len(pdf) > 1000, "PDF not rendered"
        missing = [font for font in SCRIPT_FONTS if f"+{font}".encode() not in pdf]
        assert not missing, f"PDF printed without the fonts {', '.join(missing)}"
        ok(f"rendered a PDF in every bundled script and font ({len(pdf) // 1024} KB)")
        ok(_chart_pdf())
        from schooldp.ui.selftest import check_qt

        check_qt(pdf, folder)
        ok("Qt widgets, PDF preview and charts load")
        ok(_postgres_driver())
    except Exception as exc:  # noqa: BLE001 - the self-test reports every failure the same way
        print(f"FAIL {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        print("FAIL temporary folder not removed", file=sys.stderr)
        return 1
    ok("removed everything")
    print(f"SchoolDP self-test passed ({len(steps)} checks, {time.perf_counter() - started:.1f} s)")
    return 0
