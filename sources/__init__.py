"""Sources: the only package that talks to the network (feeds and article pages over HTTP)."""

from .feeds import FeedEntry, ParsedFeed, newest_entries, parse_feed
from .http import Fetched, Fetcher, FetchFailed
from .urls import canonical_url

__all__ = ["FeedEntry", "FetchFailed", "Fetched", "Fetcher", "ParsedFeed", "canonical_url", "newest_entries",
           "parse_feed"]
