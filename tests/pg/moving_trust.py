"""A trust database for the moving tests, set up by the real admin service and taken down with
every role it made (roles belong to the whole server, so they are dropped by the trust's prefix)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import URL

from schooldp.services.trust import admin
from tests.pg import cluster
from tests.pg import trust as trusts


@contextmanager
def initialised(server: URL) -> Iterator[URL]:
    """A fresh database after ``schooldp-admin init``, as a superuser URL."""
    url = cluster.new_database(server)
    try:
        admin.init(url)
        yield url
    finally:
        trusts.tear_down(server, trusts.Trust(url))


def login(url: URL | str, who: str) -> str:
    """A login of this trust's own, named with its prefix so tear-down drops it."""
    from sqlalchemy import make_url

    return f"{make_url(url).database}_{who}"
