"""The trust backend: signing in to the trust's server, administration and the roll-up across schools."""
