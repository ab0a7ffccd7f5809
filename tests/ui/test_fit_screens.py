"""Every window, dialog and wizard page fits a school laptop with its buttons on screen.

Each screen size runs in its own Qt process (the simulated screen is fixed when Qt starts):
1366x768 at 100%, and 1920x1080 at 150% (1280x720 logical pixels).
"""

from __future__ import annotations

import pytest

from tests.ui.screen_runner import problems_on_screen


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, "1"), (1920, 1080, "1.5")])
def test_every_screen_fits_with_its_buttons_visible(tmp_path, width, height, scale):
    problems = problems_on_screen("tests.ui.fit_check", tmp_path, width, height, scale)
    assert problems == [], "\n".join(problems)
