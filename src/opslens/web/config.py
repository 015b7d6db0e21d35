"""What a running server is told: where the store is, where it listens, who may write."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from opslens.errors import ConfigError
from opslens.settings import Options

MAX_BODY = 2 * 1024 * 1024  # a news article is a few dozen KiB; an analysis request never needs more


@dataclass(frozen=True)
class ServeConfig:
    store_url: str = "sqlite:///opslens.db"
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # bearer token for the write endpoints (always required when set)
    allow_private: bool = False  # POST /api/analyze may fetch URLs on private/loopback addresses
    max_body: int = MAX_BODY  # largest request body accepted, in bytes
    options: Options | None = None  # analysis settings (model, alert rules, fetch limits); None: the defaults

    def settings(self) -> Options:
        """The analysis settings with this server's store and URL rule."""
        base = self.options or Options()
        return base.model_copy(update={"db": self.store_url, "allow_private": self.allow_private})


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the server reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def check_config(config: ServeConfig) -> None:
    """Refuse a server anyone on the network could write to without a token."""
    if config.token is not None and not config.token.strip():
        raise ConfigError("the API token is empty: give a real secret (--token or OPSLENS_TOKEN)")
    if not config.token and not is_loopback(config.host):
        raise ConfigError(
            f"binding {config.host} makes the API reachable from other machines: give a token for its "
            "write endpoints (--token or OPSLENS_TOKEN), or bind 127.0.0.1"
        )
    if config.max_body < 1:
        raise ConfigError(f"the request body cap must be at least one byte, not {config.max_body}")
