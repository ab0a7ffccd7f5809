"""Where SchoolDP keeps things, and typed non-secret preferences.

Nothing about people is ever stored here: preferences hold window geometry, the idle-lock
timeout and recently opened file paths only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

from schooldp import APP_AUTHOR, APP_NAME

T = TypeVar("T")


def home() -> Path | None:
    value = os.environ.get("SCHOOLDP_HOME")
    return Path(value) if value else None


def _folder(under_home: str, default: Callable[[], str | Path]) -> Path:
    """`SCHOOLDP_HOME/<under_home>` when set, else the platform's folder; made if missing."""
    base = home()
    path = base / under_home if base else Path(default())
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Default folder for school files (SCHOOLDP_HOME overrides all)."""
    return _folder("data", lambda: platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def backup_dir() -> Path:
    return _folder("backups", lambda: Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "Backups")


def log_dir() -> Path:
    return _folder("logs", lambda: platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return _folder("config", lambda: platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


class ConfigVar(Generic[T]):
    """A typed preference with a default (Electrum's ConfigVar idea)."""

    def __init__(self, key: str, default: T, convert: Callable[[Any], T]) -> None:
        self.key = key
        self.default = default
        self.convert = convert

    def __get__(self, obj: Preferences | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        raw = obj._values.get(self.key, self.default)
        try:
            return self.convert(raw)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: Preferences, value: T) -> None:
        obj._values[self.key] = value
        obj.save()


def _str_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _str_dict(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


class Preferences:
    """Non-secret preferences in a small JSON file, written atomically."""

    idle_lock_minutes = ConfigVar("idle_lock_minutes", 5, int)
    recent_files: ConfigVar[list[str]] = ConfigVar("recent_files", [], _str_list)
    window_geometry = ConfigVar("window_geometry", "", str)
    window_geometries: ConfigVar[dict[str, str]] = ConfigVar("window_geometries", {}, _str_dict)
    """The main window's saved geometry per screen ("name WxH"), so a laptop and its dock differ."""
    last_connection_file = ConfigVar("last_connection_file", "", str)
    """The trust server's connection file (.sdpconn) last used on this computer."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "preferences.json"
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = loaded
        except (OSError, ValueError):
            self._values = {}

    def save(self) -> None:
        from schooldp.storage.atomic import atomic_write_bytes

        atomic_write_bytes(self.path, json.dumps(self._values, indent=2).encode("utf-8"))

    def add_recent(self, path: Path, limit: int = 8) -> None:
        items = [p for p in self.recent_files if p != str(path)]
        self.recent_files = [str(path), *items][:limit]
