"""A loopback Discord for tests: REST and gateway, strict like the real one.

Start it with `FakeDiscord().start()`, point the bot at `api_base` and `gateway_url`, then
drive it with `slash(...)` and `click(...)` and assert on the returned FakeInteraction.
"""

from .payloads import ADMINISTRATOR, ALL_PERMISSIONS, EVERYDAY_PERMISSIONS, FakeUser
from .server import FakeDiscord
from .state import FakeInteraction

__all__ = ["ADMINISTRATOR", "ALL_PERMISSIONS", "EVERYDAY_PERMISSIONS", "FakeDiscord",
           "FakeInteraction", "FakeUser"]
