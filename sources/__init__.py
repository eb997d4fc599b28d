"""Sources: the only package that talks to the network (feeds and article pages over HTTP)."""

from .feeds import FeedEntry, ParsedFeed, newest_entries, parse_feed
from .http import Fetched, Fetcher, FetchFailed
from .opml import ListedFeed, SkippedOutline, parse_opml
from .urls import canonical_url

__all__ = ["FeedEntry", "FetchFailed", "Fetched", "Fetcher", "ListedFeed", "ParsedFeed", "SkippedOutline",
           "canonical_url", "newest_entries", "parse_feed", "parse_opml"]
