"""Turn a raw document (seed file or fetched page) into an Article: decode, front matter, main text."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import yaml

from storywatch.errors import Rejected
from storywatch.records import Article, Document

from .text import content_fingerprint, html_to_text, normalise_text

MAX_DOCUMENT_BYTES = 5_000_000
MIN_TEXT_CHARS = 40
FRONT_MATTER_KEYS = {"title", "url", "source", "published"}


def parse_document(document: Document) -> Article:
    """Decode and extract one document; raises Rejected with a reason a person can act on."""
    raw = document.content
    if not raw.strip():
        raise Rejected("empty file")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise Rejected(f"too large: {len(raw):,} bytes (limit {MAX_DOCUMENT_BYTES:,})")
    if b"\x00" in raw[:8192]:
        raise Rejected("binary content, not text")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Rejected(f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
    meta, body = split_front_matter(decoded)
    if document.kind == "json":
        meta, body = _from_json(body, meta)
        text = normalise_text(body)
    elif document.kind == "html":
        extracted = html_to_text(body)
        meta = {**extracted.metadata, **meta}
        text = extracted.text
    else:
        text = normalise_text(body)
    if len(text) < MIN_TEXT_CHARS:
        raise Rejected(f"no article text (only {len(text)} characters)")
    if meta.get("title") is None and document.kind == "txt":
        meta["title"] = _first_line_title(text)
    url = _str_or_none(meta.get("url"))
    return Article(
        key=url or f"seed:{document.name}",
        url=url,
        title=_str_or_none(meta.get("title")),
        outlet=_str_or_none(meta.get("source")),
        published=_parse_time(meta.get("published")),
        text=text,
        content_hash=content_fingerprint(text),
        origin=document.source,
    )


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split optional YAML front matter between two `---` lines from the body."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            header = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            break
    else:
        raise Rejected("front matter opened with '---' but never closed")
    try:
        meta = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as exc:
        raise Rejected(f"front matter is not valid YAML: {_one_line(exc)}") from exc
    if not isinstance(meta, dict):
        raise Rejected("front matter must be 'key: value' lines")
    unknown = set(meta) - FRONT_MATTER_KEYS
    if unknown:
        raise Rejected(
            f"unknown front matter key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"use {', '.join(sorted(FRONT_MATTER_KEYS))}"
        )
    if "published" in meta and meta["published"] is not None:
        if _parse_time(meta["published"]) is None:
            raise Rejected(f"front matter 'published' is not a date: {meta['published']!r}")
    return meta, body


def _from_json(body: str, meta: dict) -> tuple[dict, str]:
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise Rejected(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise Rejected("JSON seed must be an object with a 'text' string")
    merged = {k: data[k] for k in FRONT_MATTER_KEYS if k in data}
    return {**merged, **meta}, data["text"]


def _first_line_title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if 0 < len(first.split()) <= 20 and first[-1:] not in ".,;:":
        return first
    return None


def _parse_time(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if hasattr(value, "isoformat"):  # a date from YAML
        return datetime.fromisoformat(value.isoformat())
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _str_or_none(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def document_id(document: Document) -> str:
    """A short stable id of the raw bytes, for logs."""
    return hashlib.sha256(document.content).hexdigest()[:12]
