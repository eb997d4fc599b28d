"""One validated settings object: embedded defaults, with the user's YAML on top.

Paths are relative to the working directory (the project), so `storywatch run` in a checkout
keeps its database, outbox and Prefect home in ./data/. Secrets never live here: they come from
the environment or Prefect blocks.
"""

from __future__ import annotations

import os
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError
from .records import AlertKind, Figure, Pronouns

DEFAULT_CONFIG_PATH = Path("config/storywatch.yaml")
DATA_DIR = Path("data")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WatchedFigure(Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []
    roles: list[str] = []
    pronouns: Pronouns | None = None  # he, she or they; unset: learned from each article

    def figure(self) -> Figure:
        return Figure(name=self.name, aliases=tuple(self.aliases), roles=tuple(self.roles),
                      pronouns=self.pronouns)


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
    host_budget_seconds: float | None = Field(
        None, gt=0, description="Seconds one host's requests may run in a pass; unset: 4 x timeout.")

    @property
    def host_budget(self) -> float:
        """No host holds a pass longer: four whole requests' time unless the config says otherwise."""
        return self.host_budget_seconds or 4 * self.timeout


class Storage(Strict):
    url: str = f"sqlite:///{DATA_DIR / 'storywatch.db'}"


class StoriesPolicy(Strict):
    window_days: float = Field(30, gt=0, description="A story stays open this long after its last claim "
                               "(a claim's time: its article's published time, else when first seen).")


class QuietHours(Strict):
    """Alerts due in this local time range are held back until it ends, then sent; never dropped."""

    start: time = Field(description="e.g. 22:00")
    end: time = Field(description="e.g. 07:00; before start means the range crosses midnight")
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class RateLimit(Strict):
    """At most `messages` per `per_minutes` on a channel; the rest wait for the next free slot."""

    messages: int = Field(ge=1)
    per_minutes: float = Field(60, gt=0)


class ChannelPolicy(Strict):
    """Routing and timing of one channel. Empty lists mean: all."""

    figures: list[str] = []
    kinds: list[AlertKind] = []
    min_sources: int = Field(1, ge=1, description="independent sources (outlets) the story needs")
    mode: Literal["immediate", "hourly", "daily"] = "immediate"  # hourly/daily: one digest per window
    digest_at: time = time(8, 0)  # daily digests close at this local time
    timezone: str = "UTC"  # of digest windows
    rate_limit: RateLimit | None = None
    quiet_hours: QuietHours | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return QuietHours._known_zone(value)


class ChannelBase(ChannelPolicy):
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,100}$")


class EmailChannelConfig(ChannelBase):
    """SMTP. The password comes from `password_env` or a Prefect Secret block, never this file."""

    type: Literal["email"]
    host: str
    port: int = Field(587, ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    password_block: str | None = None  # name of a Prefect Secret block
    sender: str = Field(alias="from")
    to: list[str] = Field(min_length=1)
    timeout_seconds: float = Field(30, gt=0)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class WebhookChannelConfig(ChannelBase):
    """HTTP POST; signed per Standard Webhooks when `secret_env` (or `secret_block`) is set."""

    type: Literal["webhook"]
    url: str = Field(pattern=r"^https?://")
    headers: dict[str, str] = {}
    secret_env: str | None = None
    secret_block: str | None = None
    format: Literal["json", "slack", "discord", "teams"] = "json"
    timeout_seconds: float = Field(10, gt=0)


class AppriseChannelConfig(ChannelBase):
    """Any Apprise URL; `url_env` keeps a URL that holds a token out of this file."""

    type: Literal["apprise"]
    url: str | None = None
    url_env: str | None = None

    @model_validator(mode="after")
    def _one_url(self) -> AppriseChannelConfig:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("set exactly one of url and url_env")
        return self


ChannelConfig = Annotated[EmailChannelConfig | WebhookChannelConfig | AppriseChannelConfig,
                          Field(discriminator="type")]
BUILTIN_CHANNELS = ("console", "outbox")


class Alerts(Strict):
    console: bool = True
    outbox_dir: Path = DATA_DIR / "outbox"
    max_attempts: int = Field(8, ge=1)
    channels: list[ChannelConfig] = []

    @field_validator("channels")
    @classmethod
    def _unique_channel_names(cls, value: list) -> list:
        names = [c.name for c in value]
        if len(set(names)) != len(names) or set(names) & set(BUILTIN_CHANNELS):
            raise ValueError("each channel name must appear once and not be console or outbox")
        return value


class Schedule(Strict):
    """When `storywatch serve` runs a flow: a cron expression in a time zone, or an interval."""

    cron: str | None = None  # five fields, e.g. "*/15 * * * *"
    timezone: str = "UTC"  # IANA name; cron times are read in it (daylight saving included)
    interval: float | None = Field(None, gt=0, description="Seconds between runs.")

    @model_validator(mode="after")
    def _cron_or_interval(self) -> Schedule:
        if (self.cron is None) == (self.interval is None):
            raise ValueError("give either cron or interval")
        if self.cron is not None and len(self.cron.split()) != 5:
            raise ValueError(f"cron {self.cron!r} must have five fields (minute hour day month weekday)")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        return self


class AtomFeed(Strict):
    """The alerts as an Atom feed over HTTP, served by `storywatch serve` for any feed reader."""

    enabled: bool = True
    host: str = "127.0.0.1"  # 0.0.0.0 to let readers on other machines subscribe
    port: int = Field(4201, ge=0, le=65535, description="0: any free port (printed at start).")
    entries: int = Field(50, ge=1, le=1000, description="Newest alerts in a feed.")


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
    schedule: Schedule = Schedule(interval=900)  # `storywatch serve`: when `monitor` runs
    digest_schedule: Schedule = Schedule(cron="0 8 * * *")  # `storywatch serve`: the `digest` flow
    atom_feed: AtomFeed = AtomFeed()  # `storywatch serve`: /alerts.atom, /figures/<name>.atom

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
