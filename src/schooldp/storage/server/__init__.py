"""The trust backend: the same models and migrations on the trust's own PostgreSQL server.

Each school's rows live in its own schema (``school_<code>``) holding exactly the tables of a
school file, so a school moves in and out with its ids, letters and activity chain unchanged.
The server enforces who reads and writes what: per-school roles, schema grants and row-level
security on every table (see ``docs/TRUST.md``). Nothing here is needed by the school file.
"""
