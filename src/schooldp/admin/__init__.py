"""``schooldp-admin``: the trust IT staff's command for the trust's PostgreSQL server."""
