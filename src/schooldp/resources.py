"""Find bundled files, from a source checkout or from a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder holding `resources/` content: the bundle dir when frozen, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(name: str) -> Path:
    """Path to a bundled resource, e.g. ``resource("fonts/DejaVuSans.ttf")``.

    Raises FileNotFoundError naming the resource, so a broken build fails loudly.
    """
    path = resource_root() / name
    if not path.exists():
        raise FileNotFoundError(f"SchoolDP resource missing: {name} (looked in {resource_root()})")
    return path
