"""Settings and store for a pass, from its parameters. Imports no Prefect, so the CLI can fail fast."""

from __future__ import annotations

from pathlib import Path

from storywatch.config import Settings, Sources, Storage, load_settings
from storywatch.storage import Store


def resolve_pass(config: str | None, seeds: list[str] | None,
                 db_url: str | None) -> tuple[Settings, Store]:
    """The settings with the command line on top, and the store opened (migrated)."""
    settings = load_settings(config)
    if seeds:
        settings = settings.model_copy(update={"sources": Sources(seeds=[Path(s) for s in seeds])})
    if db_url:
        settings = settings.model_copy(update={"storage": Storage(url=db_url)})
    return settings, Store.open(settings.storage.url)
