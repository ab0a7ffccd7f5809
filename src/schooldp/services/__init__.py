"""Use cases: one transaction each, each writes its audit entry, each returns domain objects."""
