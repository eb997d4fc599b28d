"""The records that flow between stages, defined once.

sources -> extractors -> stories -> storage -> alerts: every stage takes and returns these plain
pydantic values, so each can be tested alone. This module imports no stage.
The words follow ``docs/claims.md``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["subject", "speaker"]
Polarity = Literal["affirmed", "negated"]
Status = Literal["asserted", "reported", "speculative", "confirmed", "denied"]
Label = Literal["new", "repeat", "update", "contradict", "background"]
AlertKind = Literal["new_story", "story_developed"]
DeliveryState = Literal["pending", "sent", "failed", "dead", "skipped"]  # skipped: not routed to it
# Why an open delivery's next attempt is where it is: a process's claim (its lease), the receiver's
# Retry-After, backoff after a failure, or the channel's policy (quiet hours, digest, rate limit).
Waiting = Literal["lease", "retry_after", "backoff", "hold"]
Pronouns = Literal["he", "she", "they"]
Span = tuple[int, int]
# A status as people read it (claims.md): to a journalist "confirmed" means verified, so a claim on
# the record from an official or the figure is shown as "on the record", not "confirmed".
STATUS_WORDS: dict[str, str] = {
    "asserted": "asserted by the outlet", "reported": "reported", "speculative": "speculative",
    "confirmed": "on the record", "denied": "denied on the record",
}


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Figure(Record):
    """A person on the watchlist."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    pronouns: Pronouns | None = None  # None: learned from each article, never assumed


class Document(Record):
    """Raw input as read from a source, before extraction: a seed file or a fetched page."""

    source: str  # where it came from: a path or a URL, for messages
    name: str  # file name or URL, used to derive a stable key
    kind: Literal["txt", "html", "json"]
    content: bytes
    url: str | None = None  # a fetched page: its final URL (after redirects)
    hints: dict[str, str] = Field(default_factory=dict)  # what the feed said: title, outlet, published


class Article(Record):
    """One article's stored text and metadata."""

    key: str  # canonical URL, or seed:<file name> for a seed without a url
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    text: str
    content_hash: str  # of the normalised text: copies that differ in whitespace/markup collide
    origin: str  # the source it was read from
    byline: str | None = None
    from_summary: bool = False  # the page could not be fetched: the text is the feed's summary


class Attribution(Record):
    """Who says something: source, cue and content, each with its span in the article text."""

    source: str
    cue: str
    content: str
    source_span: Span
    cue_span: Span
    content_span: Span
    quote: str | None = None  # the direct quotation, when the content is quoted


class Mention(Record):
    figure: str
    text: str
    span: Span
    kind: Literal["name", "alias", "role", "possessive", "reference"]


class Claim(Record):
    """One proposition in one article about a figure, or said by a figure."""

    figure: str
    role: Role
    text: str
    span: Span
    aspect: str
    polarity: Polarity
    status: Status
    attribution: Attribution | None = None
    background: bool = False


class ArticleRef(Record):
    key: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None


class StoredClaim(Record):
    """A claim as the store holds it: the claim plus where and when it was seen."""

    id: int
    story_id: str
    claim: Claim
    article: ArticleRef
    first_seen: datetime


class Candidate(Record):
    """A stored claim that a new claim may say the same as, with its content terms."""

    stored: StoredClaim
    terms: frozenset[str]


class Development(Record):
    """What one claim of an article adds to a story."""

    story_id: str
    figure: str
    label: Label
    claim: Claim
    article: ArticleRef
    before: StoredClaim | None = None  # the earlier claim it repeats, updates or contradicts
    changed: tuple[str, ...] = ()  # what changed, e.g. "status: reported -> confirmed"


class EarlierClaim(Record):
    """The stored claim an update or contradiction is judged against, as an alert shows it beside
    the new one: its evidence, who said it, and its article."""

    text: str
    status: Status
    polarity: Polarity
    source: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    first_seen: datetime | None = None  # when storywatch first saw it: the date shown without `published`
    article_key: str | None = None  # names the article when it names no outlet (a seed file, a URL)


class AlertItem(Record):
    label: Label
    figure: str
    text: str
    status: Status
    polarity: Polarity
    source: str | None
    quote: str | None
    outlet: str | None
    url: str | None
    title: str | None
    changed: tuple[str, ...] = ()
    before: str | None = None  # the earlier claim's text (kept for readers of version 1 payloads)
    published: datetime | None = None  # the article's
    earlier: EarlierClaim | None = None  # the earlier claim in full, for an update or contradiction
    article_key: str | None = None  # names the article when it names no outlet (a seed file, a URL)


class Alert(Record):
    """What a person is told when a story develops: one per story per monitoring pass."""

    story_id: str
    kind: AlertKind
    figures: tuple[str, ...]
    headline: str
    items: tuple[AlertItem, ...]
    source_count: int
    key: str  # idempotency key: one alert per story per pass
    sources: tuple[str, ...] = ()  # the outlets carrying the story (an article's key when it names none)


class Story(Record):
    """The articles and claims about one development concerning one or more figures."""

    id: str
    figures: tuple[str, ...]
    headline: str
    created_pass: str  # the pass whose article started it: its alert is a new_story
    first_seen: datetime
    last_claim_at: datetime


class StoryState(Record):
    """What the store holds of a story before an article develops it: the story, the alert this
    pass already wrote for it (a later article of the pass adds to it), and the outlets carrying it."""

    story: Story
    alert: Alert | None = None
    outlets: frozenset[str] = frozenset()


class Delivery(Record):
    channel: str
    state: DeliveryState
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None
    note: str | None = None  # why it waits (quiet hours, digest, rate limit) or was skipped
    waiting_on: Waiting | None = None  # None: due at next_attempt_at, or closed (sent, dead, skipped)
    claimed_by: str | None = None  # with waiting_on "lease": the process holding it ("host pid 123")


class Failure(Record):
    """An input that was rejected, with the reason a person can act on."""

    source: str
    reason: str


class StorySummary(Record):
    id: str
    figures: tuple[str, ...]
    headline: str
    first_seen: datetime
    last_claim_at: datetime
    claims: int
    articles: int
    sources: int


class PlannedClaim(Record):
    """A claim with the story it develops and the content terms later claims are matched on."""

    development: Development
    terms: frozenset[str]


class ArticleDevelopment(Record):
    """Everything one article changes, as the stories decided it; storage writes it in one
    transaction: the stories it starts, its claims, and the alerts they cause."""

    new_stories: tuple[Story, ...] = ()
    claims: tuple[PlannedClaim, ...] = ()
    alerts: tuple[Alert, ...] = ()
    at: datetime | None = None  # the claims' time: a story they develop was last claimed then
    profiles: dict[str, dict[str, int]] = {}  # per figure: what the article is about (profiles.py)
    # per story it develops or starts: its headline chosen again with this article (stories/headline.py),
    # and the number of the rule that chose it
    headlines: dict[str, str] = {}
    headline_rule: int = 0


class StoryProfile(Record):
    """What a story holds, for deciding whether an article develops it: the sum of its first
    articles' profiles (storywatch.profiles.STORY_ARTICLES) and its last claim's time."""

    story_id: str
    terms: dict[str, int]
    last_claim_at: datetime


class StoredAlert(Record):
    """An alert as the outbox holds it: when it was written and its delivery state per channel."""

    alert: Alert
    created_at: datetime
    deliveries: tuple[Delivery, ...] = ()


class PassReport(Record):
    """What one monitoring pass did; the JSON output of ``storywatch run --json``."""

    pass_id: str
    ingested: int = 0
    duplicates: int = 0
    failed: tuple[Failure, ...] = ()
    developments: tuple[Development, ...] = ()
    alerts: tuple[StoredAlert, ...] = ()


class TimelineClaim(Record):
    """A claim as a story's timeline shows it: its label, and what it repeats, updates or contradicts."""

    id: int
    label: Label
    claim: Claim
    changed: tuple[str, ...] = ()
    before: str | None = None  # the earlier claim's text


class TimelineArticle(Record):
    """One article of a story's timeline and what it added to the story."""

    article: ArticleRef
    first_seen: datetime  # when storywatch stored it
    claims: tuple[TimelineClaim, ...] = ()


class StoryTimeline(Record):
    """A story article by article, in the order they developed it, with the alerts sent for it."""

    story: Story
    articles: tuple[TimelineArticle, ...] = ()
    alerts: tuple[StoredAlert, ...] = ()
    sources: tuple[str, ...] = ()  # the outlets carrying it, with linked syndicated copies
