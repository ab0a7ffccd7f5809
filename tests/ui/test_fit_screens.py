"""Every window, dialog and wizard page fits a school laptop with its buttons on screen.

Each screen size runs in its own Qt process (the simulated screen is fixed when Qt starts):
1366x768 at 100%, and 1920x1080 at 150% (1280x720 logical pixels).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, "1"), (1920, 1080, "1.5")])
def test_every_screen_fits_with_its_buttons_visible(tmp_path, width, height, scale):
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
        QT_LOGGING_RULES="qt.qpa.*=false",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")]),
    )
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    problems = json.loads(run.stdout.strip().splitlines()[-1])
    assert problems == [], "\n".join(problems)
