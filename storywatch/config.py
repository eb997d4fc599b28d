"""One validated settings object: embedded defaults, with the user's YAML on top.

Paths are relative to the working directory (the project), so `storywatch run` in a checkout
keeps its database, outbox and Prefect home in ./data/. Secrets never live here: they come from
the environment or Prefect blocks.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .records import Figure

DEFAULT_CONFIG_PATH = Path("config/storywatch.yaml")
DATA_DIR = Path("data")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WatchedFigure(Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []
    roles: list[str] = []

    def figure(self) -> Figure:
        return Figure(name=self.name, aliases=tuple(self.aliases), roles=tuple(self.roles))


class Sources(Strict):
    seeds: list[Path] = [Path("seeds")]
    feeds: bool = False  # poll the configured feeds in every pass (or `storywatch run --feeds`)


class FeedSource(Strict):
    """One RSS/Atom feed to poll."""

    url: str = Field(pattern=r"^https?://", description="http(s) URL of the feed")
    name: str | None = None  # used as the outlet when a page names none
    tags: list[str] = []


class Fetch(Strict):
    """How storywatch fetches feeds and pages: limits, politeness and the private-address guard."""

    user_agent: str = "storywatch/0.1 (news monitoring; +https://github.com/storywatch/storywatch)"
    timeout: float = Field(15.0, gt=0, description="Seconds for a whole request, connect to last byte.")
    max_bytes: int = Field(5_000_000, gt=0, description="Largest body accepted, after decompression.")
    max_redirects: int = Field(5, ge=0)
    per_host_concurrency: int = Field(2, ge=1)
    max_parallel: int = Field(8, ge=1, description="Requests in flight across all hosts.")
    allow_hosts: list[str] = []  # hosts, addresses or networks that may be fetched though private
    allow_private: bool = False  # allow every private, loopback and link-local address
    pages: bool = True  # fetch each new entry's page; false: use the feed's own summaries
    max_entries_per_feed: int = Field(50, ge=1)
    retry_base_seconds: float = Field(300, gt=0, description="First backoff after a failure; doubles.")
    retry_max_seconds: float = Field(21_600, gt=0)


class Storage(Strict):
    url: str = f"sqlite:///{DATA_DIR / 'storywatch.db'}"


class StoriesPolicy(Strict):
    window_days: float = Field(14, gt=0, description="A story stays open this long after its last claim.")


class Alerts(Strict):
    console: bool = True
    outbox_dir: Path = DATA_DIR / "outbox"
    max_attempts: int = Field(8, ge=1)


DEFAULT_WATCHLIST = [
    WatchedFigure(
        name="Sergei Lavrov",
        aliases=["Lavrov", "Sergei Viktorovich Lavrov", "Сергей Лавров"],
        roles=["Russia's foreign minister", "Russian foreign minister", "Kremlin foreign minister",
               "the foreign minister", "the veteran foreign minister", "the diplomat",
               "the minister", "the senior minister", "a senior Russian minister"],
    )
]


class Settings(Strict):
    watchlist: list[WatchedFigure] = Field(default_factory=lambda: list(DEFAULT_WATCHLIST))
    sources: Sources = Sources()
    feeds: list[FeedSource] = []
    fetch: Fetch = Fetch()
    storage: Storage = Storage()
    stories: StoriesPolicy = StoriesPolicy()
    alerts: Alerts = Alerts()
    aspects: dict[str, list[str]] | None = None  # None: the default taxonomy in extractors/lexicon.py

    @field_validator("watchlist")
    @classmethod
    def _unique_names(cls, value: list[WatchedFigure]) -> list[WatchedFigure]:
        names = [f.name for f in value]
        if len(set(names)) != len(names):
            raise ValueError("each watchlist name must appear once")
        return value

    def figures(self) -> list[Figure]:
        return [f.figure() for f in self.watchlist]


def load_settings(path: str | Path | None = None) -> Settings:
    """Settings from PATH, $STORYWATCH_CONFIG, or config/storywatch.yaml; defaults when none exist."""
    explicit = path or os.environ.get("STORYWATCH_CONFIG")
    config_path = Path(explicit) if explicit else DEFAULT_CONFIG_PATH
    if not config_path.exists():
        if explicit:
            raise ConfigError(f"config file {config_path} does not exist")
        data: dict = {}
    else:
        try:
            data = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config {config_path}: {exc}") from exc
        except yaml.YAMLError as exc:
            reason = " ".join(str(exc).split())
            raise ConfigError(f"config {config_path} is not valid YAML: {reason}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"config {config_path} must be a mapping of settings")
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"config {config_path}: {where}: {first['msg']}") from exc
    db_url = os.environ.get("STORYWATCH_DB_URL")
    if db_url:
        settings = settings.model_copy(update={"storage": Storage(url=db_url)})
    return settings
