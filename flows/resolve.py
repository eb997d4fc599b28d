"""Settings and store for a pass, from its parameters. Imports no Prefect, so the CLI can fail fast."""

from __future__ import annotations

from pathlib import Path

from storywatch.config import DATA_DIR, Settings, Sources, Storage, load_settings
from storywatch.storage import Store


def resolve_pass(config: str | None, seeds: list[str] | None,
                 db_url: str | None, reading: bool = False) -> tuple[Settings, Store]:
    """The settings with the command line on top, and the store opened (migrated).

    Only the project's data folder is made for a database; a command that only reads (`reading`) needs the
    database to be there already, and says so instead of answering from an empty one."""
    settings = load_settings(config)
    if seeds:
        settings = settings.model_copy(update={"sources": Sources(seeds=[Path(s) for s in seeds])})
    if db_url:
        settings = settings.model_copy(update={"storage": Storage(url=db_url)})
    url = settings.storage.url
    return settings, Store.open(url, make_folder=_in_the_data_folder(url), must_exist=reading)


def _in_the_data_folder(url: str) -> bool:
    """Whether a SQLite URL's file lies in the project's data folder, which storywatch makes."""
    return url.startswith("sqlite:///") \
        and Path(url.removeprefix("sqlite:///")).parent.resolve() == DATA_DIR.resolve()
