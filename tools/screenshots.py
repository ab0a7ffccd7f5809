"""Take screenshots of every SchoolDP screen offscreen, for looking at (not for tests).

python tools/screenshots.py [OUT_DIR]     (default: ./shots, which git ignores)

Runs itself twice: on a 1366x768 laptop screen and on a 1920x1080 screen at 150% scaling
(QT_SCALE_FACTOR=1.5, 1280x720 logical pixels), into OUT_DIR/1366x768 and OUT_DIR/1920x1080-150.
Every page of the main window, every dialog and every wizard page listed in tests/ui/screens.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = {"1366x768": (1366, 768, "1"), "1920x1080-150": (1920, 1080, "1.5")}


def _screen_config(width: int, height: int) -> str:
    config = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}
    path = Path(tempfile.mkdtemp(prefix="schooldp-screen-")) / "screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return str(path)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    if os.environ.get("SCHOOLDP_SHOTS_ONE"):
        return take(out)
    for name, (width, height, scale) in SCREENS.items():
        env = dict(os.environ)
        env.update(
            SCHOOLDP_SHOTS_ONE="1",
            QT_QPA_PLATFORM=f"offscreen:configfile={_screen_config(width, height)}",
            QT_SCALE_FACTOR=scale,
            SCHOOLDP_HOME=tempfile.mkdtemp(prefix="schooldp-shots-"),
        )
        code = subprocess.call([sys.executable, __file__, str(out / name)], env=env)
        if code:
            return code
    return 0


def take(out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication, QWizard
    from tests.ui import screens

    from schooldp.config import Preferences
    from schooldp.demo import create_demo_school
    from schooldp.ui.app import make_app
    from schooldp.ui.main_window import MainWindow

    app = make_app()
    screen = app.primaryScreen().availableGeometry()
    print(f"screen {screen.width()}x{screen.height()} logical px")

    def snap(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(3):
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        size = widget.frameGeometry()
        print(f"{name}: {size.width()}x{size.height()}")

    window = MainWindow(Preferences(Path(os.environ["SCHOOLDP_HOME"]) / "prefs.json"))
    window.show()
    snap(window, "start")
    session, folder = create_demo_school(Path(tempfile.mkdtemp(prefix="shots-demo-")))
    path = session.vault.path
    session.close(backup=False)
    window.open_path(path)
    window.unlock_page.passphrase.setText("wrong passphrase 1")
    window.unlock_page.try_unlock()
    snap(window, "unlock-wrong")
    window.unlock_page.passphrase.setText("demo school 2026")
    window.unlock_page.try_unlock()
    for name in screens.PAGES:
        window.shell.go(name)
        snap(window, f"page-{name.lower()}")
    for index, tab in ((1, "accounts"), (2, "backups")):
        window.shell.settings.tabs.setCurrentIndex(index)
        snap(window, f"page-settings-{tab}")
    for name, factory in screens.dialogs(window):
        dialog = factory()
        dialog.show()
        snap(dialog, f"dialog-{name}")
        screens.dismiss(dialog)
    for name, factory in screens.wizards(window):
        wizard = factory()
        assert isinstance(wizard, QWizard)
        wizard.show()
        for page_id in screens.wizard_pages(wizard):
            snap(wizard, f"{name}-{page_id:02d}")
        screens.dismiss(wizard)
    window.lock()
    snap(window, "locked")
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
