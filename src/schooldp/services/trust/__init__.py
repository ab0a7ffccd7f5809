"""The trust backend's use cases: signing in, administration, and moving a school in and out."""
