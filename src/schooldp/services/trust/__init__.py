"""The trust's own PostgreSQL server: signing in, the schools a person may open, administration,
the roll-up across schools and moving a school between a file and the server.

Each module here is one use case; nothing in the single-school (file) path imports them, and
the database driver is imported only when a connection is made.
"""
