"""An alert as a person reads it, worked out once for every medium (text, HTML, chat, JSON).

The view leads with the news: a one-line summary of what developed, then the items grouped as New,
Updated and Contradicted, each with its evidence quoted once, who says it in plain words, and its
article (outlet, title, published time, link); an update or contradiction also shows the claim it
changes, with that claim's article, and what changed in words. The sources carrying the story are
named. Everything here is pure: the renderers only lay it out and escape it for their medium.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from storywatch.records import STATUS_WORDS, Alert, AlertItem, Polarity, Status

SECTIONS: tuple[tuple[str, str], ...] = (
    ("new", "New"), ("update", "Updated"), ("contradict", "Contradicted"))
NO_OUTLET = "outlet not named"
# Double quotation marks only: evidence that ends in a single-quoted phrase (‘preserve the Nazi
# regime’.) nests inside a double pair, as typesetters do.
_OPENING_QUOTES = "“\"«„"
_CLOSING_QUOTES = "”\"»“"
# Words that open a source described, not named ("A former official", "Multiple sources"): shown
# in lower case after "per", as a reader writes them mid-sentence.
_DESCRIBING_WORDS = frozenset("a an multiple several some many other unnamed anonymous two three".split())


@dataclass(frozen=True)
class ArticleView:
    """Where a claim was read: the outlet (or that none is named), title, date and link."""

    outlet: str
    title: str | None
    when: str | None  # "5 Nov 2025, 09:00 UTC", "first seen 4 Dec 2026, 02:45 UTC", or None
    url: str | None  # only an http(s) link; anything else is not offered as a link

    @property
    def line(self) -> str:
        """"The Example Times · “Title” · 5 Nov 2025, 09:00 UTC": the article in one line."""
        parts = [self.outlet] + ([f"“{self.title}”"] if self.title else [])
        parts += [self.when] if self.when else []
        return " · ".join(parts)


@dataclass(frozen=True)
class ClaimView:
    """One claim: the evidence quoted once, who says it, and its article."""

    evidence: str
    says: str  # "on the record, per Dmitry Peskov"
    article: ArticleView


@dataclass(frozen=True)
class ItemView:
    label: str  # new | update | contradict
    figure: str
    now: ClaimView
    before: ClaimView | None  # the claim it updates or contradicts
    changes: tuple[str, ...]  # what changed, in words
    item: AlertItem


@dataclass(frozen=True)
class SectionView:
    label: str
    title: str  # New | Updated | Contradicted
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class AlertView:
    heading: str  # New story | Story developed
    headline: str
    summary: str
    sections: tuple[SectionView, ...]  # only the non-empty ones, in the order of SECTIONS
    sources: tuple[str, ...]
    alert: Alert


def alert_view(alert: Alert) -> AlertView:
    """The alert as a person reads it."""
    items = [item_view(item) for item in alert.items]
    sections = tuple(SectionView(label, title, tuple(i for i in items if i.label == label))
                     for label, title in SECTIONS)
    return AlertView(
        heading="New story" if alert.kind == "new_story" else "Story developed",
        headline=alert.headline,
        summary=summary_line(alert),
        sections=tuple(s for s in sections if s.items),
        sources=tuple(source_name(s) for s in alert.sources),
        alert=alert,
    )


def item_view(item: AlertItem) -> ItemView:
    now = ClaimView(evidence=quote_once(item.text), says=who_says(item.status, item.source),
                    article=ArticleView(outlet=outlet_name(item.outlet, item.article_key), title=item.title,
                                        when=when(item.published), url=web_link(item.url)))
    earlier = item.earlier
    before = None
    if earlier is not None:
        before = ClaimView(evidence=quote_once(earlier.text), says=who_says(earlier.status, earlier.source),
                           article=ArticleView(outlet=outlet_name(earlier.outlet, earlier.article_key),
                                               title=earlier.title,
                                               when=when(earlier.published, earlier.first_seen),
                                               url=web_link(earlier.url)))
    elif item.before and item.label in ("update", "contradict"):  # an alert written before `earlier`
        before = ClaimView(evidence=quote_once(item.before), says="",
                           article=ArticleView(NO_OUTLET, None, None, None))
    changes = describe_changes(item) if item.label in ("update", "contradict") else ()
    return ItemView(label=item.label, figure=item.figure, now=now, before=before, changes=changes, item=item)


def quote_once(text: str) -> str:
    """The evidence in quotation marks, unless it already opens or closes with its own: a quotation
    is shown as it stands, never wrapped in a second pair (`““We are counting…””`)."""
    text = text.strip()
    if not text:
        return "“”"
    if text[0] in _OPENING_QUOTES or text.rstrip(".,;:!?…")[-1:] in _CLOSING_QUOTES:
        return text
    return f"“{text}”"


def who_says(status: Status, source: str | None) -> str:
    """Who says it, in words a reader understands: "on the record, per Dmitry Peskov", "reported,
    per media reports", "the outlet's own reporting"."""
    per = f", per {_source_words(source)}" if source else ""
    if status == "asserted":
        return "the outlet's own reporting" + (f", citing {_source_words(source)}" if source else "")
    if status == "speculative":
        return f"speculation{per}" if source else "speculation by the outlet"
    if status == "reported" and not source:
        return "reported, source not named"
    return STATUS_WORDS[status] + per


def _source_words(source: str | None) -> str:
    source = " ".join((source or "").split())
    words = source.split(" ")
    described = words[0].casefold() in _DESCRIBING_WORDS and all(w[:1].islower() for w in words[1:])
    if len(words) > 1 and described:
        return source[:1].lower() + source[1:]
    return source


def when(published: datetime | None, first_seen: datetime | None = None) -> str | None:
    """A date a reader takes in at a glance, in UTC: the article's published time, else when
    storywatch first saw the claim, said as such."""
    if published is not None:
        return _utc(published)
    if first_seen is not None:
        return f"first seen {_utc(first_seen)}"
    return None


def _utc(moment: datetime) -> str:
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def web_link(url: str | None) -> str | None:
    """An http(s) URL, or None: a `javascript:` or `file:` value is never offered as a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def outlet_name(outlet: str | None, article_key: str | None) -> str:
    """The outlet of a claim's article; without one, the article by its seed file or host."""
    if outlet:
        return outlet
    return source_name(article_key) if article_key else NO_OUTLET


def source_name(source: str) -> str:
    """A source carrying the story, by name: its outlet; an article that names none is shown by
    its seed file or its address's host."""
    if source.startswith("seed:"):
        return f"{source.removeprefix('seed:')} (seed file, {NO_OUTLET})"
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", source)
    if match:
        return f"{match.group(1)} ({NO_OUTLET})"
    return source


def describe_changes(item: AlertItem) -> tuple[str, ...]:
    """What an update or contradiction changed, in words: "now on the record, per Dmitry Peskov
    (was the outlet's own reporting)", "more specific: names “Wednesday”"."""
    earlier = item.earlier
    words = []
    for change in item.changed:
        kind, _, detail = change.partition(": ")
        if kind == "status":
            was = who_says(earlier.status, earlier.source) if earlier else detail.split(" -> ")[0]
            words.append(f"now {who_says(item.status, item.source)} (was {was})")
        elif kind == "polarity":
            words.append(_opposite(earlier.polarity if earlier else None, item.polarity))
        elif kind == "detail":
            terms = [t.strip() for t in detail.split(",") if t.strip()]
            words.append("more specific: names " + _and(_phrases(item.text, terms)))
        else:
            words.append(change)
    return tuple(words)


def _opposite(before: Polarity | None, after: Polarity) -> str:
    if after == "negated":
        return "says the opposite: that it is not so, where the earlier claim said it is"
    return "says the opposite: that it is so, where the earlier claim said it is not"


def _phrases(text: str, terms: list[str]) -> list[str]:
    """The words of `text` that the detail terms stand for, neighbours joined into one phrase
    ("March", "8" -> "March 8"), as the article writes them."""
    wanted = {t.casefold() for t in terms}
    found: list[str] = []
    run: list[str] = []
    for word in re.finditer(r"[\w’'-]+", text):
        token = word.group(0)
        if token.casefold() in wanted or token.casefold().rstrip("s") in wanted:
            run.append(token)
            continue
        if run:
            found.append(" ".join(run))
            run = []
    if run:
        found.append(" ".join(run))
    phrases = list(dict.fromkeys(found))
    seen = {w.casefold() for p in phrases for w in p.split()}
    phrases += [t for t in terms if t.casefold() not in seen]  # a term the text writes otherwise
    return [f"“{p}”" for p in phrases]


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(alert: Alert) -> str:
    """What developed, in one line: the figure, how many claims of each kind from which outlets,
    and the most telling change ("one is now on the record, per Dmitry Peskov")."""
    who = ", ".join(alert.figures) or alert.headline.split(":", 1)[0]
    items = alert.items
    counts = {label: sum(1 for i in items if i.label == label) for label, _ in SECTIONS}
    where = _from_where(items)
    if alert.kind == "new_story":
        on_record = sum(1 for i in items if i.status in ("confirmed", "denied"))
        line = f"{who}: new story, {_count(len(items), 'claim', 'claims')} from {where}"
        if on_record:
            line += f", {on_record} of them on the record"
        return line + "."
    parts = [_count(counts["contradict"], "contradiction", "contradictions") if counts["contradict"] else "",
             _count(counts["update"], "update", "updates") if counts["update"] else "",
             _count(counts["new"], "new claim", "new claims") if counts["new"] else ""]
    line = f"{who}: {_and([p for p in parts if p])} from {where}"
    first = most_telling(items)
    change = describe_changes(first) if first else ()
    if change:
        line += f"; {'one' if len(items) > 1 else 'it'} {_lead(change[0])}"
    return line + "."


def most_telling(items: Sequence[AlertItem]) -> AlertItem | None:
    """The change a reader most needs to hear first: a contradiction, then a change of who says it
    (now on the record, now denied), then a more specific detail."""
    turned = [i for i in items if i.label in ("update", "contradict")]
    if not turned:
        return None
    return min(turned, key=lambda i: (i.label != "contradict",
                                      not any(c.startswith("status:") for c in i.changed)))


def _from_where(items: Sequence[AlertItem]) -> str:
    """The outlets the items come from, named; articles that name none, counted as such."""
    named = list(dict.fromkeys(i.outlet for i in items if i.outlet))
    unnamed = len({i.article_key or i.url or i.title for i in items if not i.outlet})
    parts = named[:3] + ([f"{len(named) - 3} more outlets"] if len(named) > 3 else [])
    if unnamed:
        parts.append("an article naming no outlet" if unnamed == 1
                     else f"{unnamed} articles naming no outlet")
    return _and(parts)


def _lead(change: str) -> str:
    """A change as the end of the summary: "is now on the record, per …", "is more specific: …"."""
    if change.startswith("now "):
        return "is " + change.split(" (was ", 1)[0]
    if change.startswith("more specific"):
        return "is " + change
    return change
