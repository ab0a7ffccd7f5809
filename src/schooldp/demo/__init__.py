"""The demo school: fictional people and a year of records, read from `resources/demo/`.

It sits between the UI and the services: it builds the school only through the public
services, so a demo record is made exactly as a real one would be.
"""

from __future__ import annotations

from schooldp.demo.school import create_demo_school, demo_profile

__all__ = ["create_demo_school", "demo_profile"]
