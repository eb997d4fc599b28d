"""Writing to the user's config file: feeds appended to its `feeds:` list (`storywatch feeds import`).

The config file stays the one source of truth for what is polled, so it is edited in place with
ruamel.yaml's round trip: comments, key order, quoting and flow lists are kept, and only the new
feeds' lines are added. The result is validated as `load_settings` would before it replaces the
file (atomically: a crash leaves the old file or the new one, never half of one).
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from .config import DEFAULT_CONFIG_PATH, FeedSource, Settings, load_settings
from .errors import ConfigError

# Indentations tried, in order, for the one that writes the file back unchanged: the shipped
# config's (sequences indented under their key), then the other common ones.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


class _NullWritingRepresenter(RoundTripRepresenter):
    """Writes a null as `null` (ruamel's round trip writes nothing), for files that spell it so."""


_NullWritingRepresenter.add_representer(
    type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
NEW_FILE_HEADER = ("storywatch configuration: every key is optional (see the README's Configuration).\n"
                   "Feeds below were added by `storywatch feeds import`.")


@dataclass(frozen=True)
class FeedsAdded:
    """What an import did to the config file."""

    path: Path
    added: list[FeedSource] = field(default_factory=list)
    already: list[FeedSource] = field(default_factory=list)  # configured before, left as they are
    created: bool = False  # there was no config file: one was written with just the feeds
    reformatted: bool = False  # no writer reproduced the file (indentation, `~`): other lines changed


def config_path(given: str | Path | None) -> Path:
    """The config file `load_settings` reads: GIVEN, $STORYWATCH_CONFIG, or config/storywatch.yaml."""
    explicit = given or os.environ.get("STORYWATCH_CONFIG")
    return Path(explicit) if explicit else DEFAULT_CONFIG_PATH


def feed_identity(url: str) -> str:
    """A feed URL as compared for 'already configured': scheme and host in any case, no fragment."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}" + (
        f"?{parts.query}" if parts.query else "")


def add_feeds(given: str | Path | None, feeds: list[FeedSource]) -> FeedsAdded:
    """Append the feeds not configured yet (by URL) to the config file's `feeds:` list."""
    path = config_path(given)
    created = not path.exists()
    if created and (given or os.environ.get("STORYWATCH_CONFIG")):
        raise ConfigError(f"config file {path} does not exist")
    settings = load_settings(path if not created else None)  # an invalid file is refused, unchanged
    known = {feed_identity(f.url) for f in settings.feeds}
    added: list[FeedSource] = []
    already: list[FeedSource] = []
    for feed in feeds:
        identity = feed_identity(feed.url)
        (already if identity in known else added).append(feed)
        known.add(identity)
    if not added:
        return FeedsAdded(path, [], already, created=False)
    source = "" if created else _read(path)
    writer, reformatted = _round_trip_writer(source)
    document = _load(writer, source, path)
    if created:
        document.yaml_set_start_comment(NEW_FILE_HEADER)
    listed = document.get("feeds")
    if not isinstance(listed, CommentedSeq):
        listed = CommentedSeq(listed or [])
        document["feeds"] = listed
    listed.fa.set_block_style()
    listed.extend(_entry(feed) for feed in added)
    out = io.StringIO()
    writer.dump(document, out)
    _validate(out.getvalue(), path)
    _replace(path, out.getvalue())
    return FeedsAdded(path, added, already, created=created, reformatted=reformatted and not created)


def _entry(feed: FeedSource) -> CommentedMap:
    entry = CommentedMap(url=feed.url)
    if feed.name:
        entry["name"] = feed.name
    if feed.tags:
        tags = CommentedSeq(feed.tags)
        tags.fa.set_flow_style()
        entry["tags"] = tags
    return entry


def _writer(mapping: int, sequence: int, offset: int, null_word: bool = False) -> YAML:
    writer = YAML()  # round trip
    if null_word:
        writer.Representer = _NullWritingRepresenter
    writer.indent(mapping=mapping, sequence=sequence, offset=offset)
    writer.width = 4096  # never fold a long line the user wrote on one
    writer.preserve_quotes = True
    return writer


def _round_trip_writer(source: str) -> tuple[YAML, bool]:
    """A writer that reproduces `source` unchanged, and whether none could (then: the first)."""
    for indent, null_word in ((i, n) for n in (True, False) for i in INDENTS):
        writer = _writer(*indent, null_word=null_word)
        try:
            document = writer.load(source)
        except YAMLError:
            break
        out = io.StringIO()
        writer.dump(document, out)
        if out.getvalue() == source or not source.strip():
            return writer, False
    return _writer(*INDENTS[0], null_word=True), True


def _load(writer: YAML, source: str, path: Path) -> CommentedMap:
    try:
        document = writer.load(source) if source.strip() else None
    except YAMLError as exc:
        raise ConfigError(f"config {path} is not valid YAML: {' '.join(str(exc).split())}") from exc
    if document is None:
        return CommentedMap()
    if not isinstance(document, CommentedMap):
        raise ConfigError(f"config {path} must be a mapping of settings")
    return document


def _validate(text: str, path: Path) -> None:
    try:
        Settings.model_validate(yaml.safe_load(text) or {})
    except (yaml.YAMLError, ValidationError) as exc:  # a bug here, never the user's: say so plainly
        raise ConfigError(f"config {path}: the feeds could not be added, the file is unchanged: "
                          f"{' '.join(str(exc).split())[:300]}") from exc


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, keeping the file's permissions."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(temporary, mode)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"cannot write config {path}: {exc.strerror or exc}") from exc
