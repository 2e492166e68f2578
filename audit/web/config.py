"""The server's settings, fixed when `serve` starts: one typed value the routes read."""
from __future__ import annotations

from dataclasses import dataclass, field

from audit.options import AuditOptions

MB = 1024 * 1024
ARTICLE_MAX = 5 * MB  # an article's bytes: a paste, an upload or a fetched page
BODY_MAX = 7 * MB  # a whole request: the article, base64 in the download forms (4/3), and the other fields
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class WebConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    options: AuditOptions = field(default_factory=AuditOptions)  # serve's --rules and --config, for every request
    allow_private_urls: bool = False  # fetch URLs on this machine or its private network
    also_allowed: frozenset[str] = frozenset()  # addresses fetched even when private (tests name 127.0.0.1 here)
    fetch_timeout: float = 10.0
    article_max: int = ARTICLE_MAX
    body_max: int = BODY_MAX

    @property
    def loopback_only(self) -> bool:
        return self.host in LOOPBACK_HOSTS
