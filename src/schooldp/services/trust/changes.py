"""Other people's changes to the open school on the trust's server, as they happen.

``watch(session, on_change)`` listens on the server (storage/server/notify.py) and calls
``on_change(entity, entity_id)`` for each change another person makes to this school, on the
listener's own thread: the interface moves it to its own thread before touching anything.
Changes made through this session are left out. A school file has nothing to listen to.
"""

from __future__ import annotations

from collections.abc import Callable

from schooldp.services.school import SchoolSession
from schooldp.storage.server.notify import ChangeListener, ChangeNotice
from schooldp.storage.server.vault import ServerVault


def watch(session: SchoolSession, on_change: Callable[[str, str], None]) -> ChangeListener | None:
    """Start listening for this school's changes by others; None for a file or a locked school."""
    vault = session.vault
    if not isinstance(vault, ServerVault) or vault.url is None:
        return None
    code = vault.code

    def heard(notice: ChangeNotice) -> None:
        if notice.code == code:
            on_change(notice.entity, notice.entity_id)

    return ChangeListener(vault.url, heard, ignore_pids=vault.backend_pids).start()
