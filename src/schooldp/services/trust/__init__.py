"""The trust backend's use cases: signing in to the trust's server, administration, roll-up."""
