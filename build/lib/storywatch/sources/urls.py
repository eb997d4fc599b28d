"""Canonical URLs: one key per article, whatever tracking, AMP or mobile variant a feed links to."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say who sent the reader, never which article it is.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ocid", "smid", "smtyp",
    "taid", "sr_share", "spm", "ito", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
    "ns_fee", "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    "share", "partner", "outputtype", "amp", "s_cid", "src", "via", "__twitter_impression", "guccounter",
    "guce_referrer", "guce_referrer_sig", "rss", "feed", "xtor", "mbid", "cid", "tpcc",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "mkt_", "trk_")
MOBILE_HOST = re.compile(r"^(?:www\.|m\.|mobile\.|amp\.|wap\.)+")
AMP_PATH = re.compile(r"(?:/amp/?$|\.amp(?=\.html?$|$)|^/amp(?=/))", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The article's key: lower-case scheme and host without www/m/amp, no default port, no
    fragment, no tracking parameters, sorted query, no AMP path, no trailing slash.

    https://m.example.com/news/story/amp/?utm_source=x#top  ->  https://example.com/news/story
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "http"
    if scheme == "http" and parts.hostname and parts.port in (None, 80):
        scheme = "https"  # the same article is served on both; https is what outlets link now
    host = MOBILE_HOST.sub("", (parts.hostname or "").lower().rstrip("."))
    port = parts.port
    if port and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    elif ":" in host:
        host = f"[{host}]"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = AMP_PATH.sub("", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _tracking(k)]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """The host:port that politeness limits apply to."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or DEFAULT_PORTS.get(parts.scheme, 0)}"
