"""The trust backend's use cases: signing in to the trust's server, administration, roll-up, and
moving a school between its own file and the server."""
