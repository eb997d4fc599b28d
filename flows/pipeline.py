"""The stages of a monitoring pass as plain functions; monitor.py wraps them as Prefect tasks.

1. read_seed_documents: files -> Documents (the only file I/O of a pass)
2. parse_documents: Documents -> Articles, or Failures with reasons
3. analyse_articles: Articles -> claims (pure, per article);
   prepare_documents: 2, 3 and the MinHash signatures of dedup in one trip to a worker process
4. develop_stories: per article, in order: dedup, match, label, assign, store with its alerts
5. deliver_alerts: the outbox -> channels
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from storywatch.alerts import Channel
from storywatch.config import Settings
from storywatch.errors import Rejected
from storywatch.extractors import extract_claims, parse_document, split_units
from storywatch.extractors.dedup import minhash
from storywatch.extractors.mentions import may_mention
from storywatch.extractors.text import content_lines
from storywatch.records import Article, ArticleRef, Claim, Development, Document, Failure, Figure
from storywatch.storage import PlannedClaim, Store, story_id_for
from storywatch.stories import choose_story, claim_terms, headline_for, judge_claim

SEED_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json"}
MAX_SEED_BYTES = 5_000_000
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Analysed:
    article: Article
    claims: list[Claim]


@dataclass
class Developed:
    developments: list[Development]
    ingested: int = 0
    duplicates: int = 0
    alert_keys: list[str] | None = None


def read_seed_documents(folders: list[Path]) -> tuple[list[Document], list[Failure]]:
    """Every seed file in the folders, sorted by name; unreadable ones become failures."""
    paths, failures = [], []
    for folder in folders:
        if not folder.is_dir():
            failures.append(Failure(source=str(folder), reason="seed folder does not exist"))
            continue
        paths.extend(sorted(p for p in folder.iterdir() if p.is_file()))
    documents, more_failures = read_seed_files(paths)
    return documents, failures + more_failures


def read_seed_files(paths: list[Path]) -> tuple[list[Document], list[Failure]]:
    """Read seed files, refusing unsupported types and oversized files with a reason."""
    documents, failures = [], []
    for path in paths:
        kind = SEED_SUFFIXES.get(path.suffix.lower())
        if kind is None:
            if not path.name.startswith("."):
                failures.append(Failure(source=str(path), reason=f"unsupported file type "
                                        f"{path.suffix or '(none)'}; use .txt, .html or .json"))
            continue
        try:
            size = path.stat().st_size
            if size > MAX_SEED_BYTES:
                failures.append(Failure(source=str(path), reason=f"too large: {size:,} bytes "
                                        f"(limit {MAX_SEED_BYTES:,})"))
                continue
            content = path.read_bytes()
        except OSError as exc:
            failures.append(Failure(source=str(path), reason=f"cannot read: {exc.strerror}"))
            continue
        documents.append(Document(source=str(path), name=path.name, kind=kind, content=content))
    return documents, failures


def parse_documents(documents: list[Document]) -> tuple[list[Article], list[Failure]]:
    articles, failures = [], []
    for parsed in on_all_cores(_parse_document, documents):
        (articles if isinstance(parsed, Article) else failures).append(parsed)
    return articles, failures


def _parse_document(document: Document) -> Article | Failure:
    try:
        if document.url is None:
            return parse_document(document)
        from .ingest import parse_fetched  # a fetched page or a feed entry's summary

        return parse_fetched(document)
    except Rejected as exc:
        return Failure(source=document.source, reason=str(exc))


def analyse_articles(articles: list[Article], settings: Settings) -> list[Analysed]:
    figures = settings.figures()
    work = [(a.text, figures, settings.aspects) for a in articles]
    return [Analysed(a, claims) for a, claims in zip(articles, on_all_cores(_claims_of, work), strict=True)]


def _claims_of(work) -> list[Claim]:
    return claims_about(*work)


def claims_about(text: str, figures: list[Figure], aspects: dict[str, list[str]] | None) -> list[Claim]:
    """The article's claims about the figures. Every claim rests on a mention of a figure by name,
    alias or role (a pronoun refers back to one), so a text with none of them has no claims, and
    most pages of most feeds skip the whole claims stage."""
    if not may_mention(text, figures):
        return []
    return extract_claims(text, figures, aspects)[1]


@dataclass
class Prepared:
    """A batch of documents after a pass's CPU-bound work, done in one trip to a worker process per
    document: its article, the article's MinHash signature and its claims; the documents that
    failed; and the CPU seconds each step took, summed over the batch."""
    articles: list[Article]
    signatures: list[list[int]]
    claims: list[list[Claim]]
    failures: list[Failure]
    cpu_seconds: dict[str, float]

    def analysed(self, kept: list[Article]) -> list[Analysed]:
        """The kept articles (a subset of these, as dedup returns them) with their claims."""
        claims = {id(a): c for a, c in zip(self.articles, self.claims, strict=True)}
        return [Analysed(article, claims[id(article)]) for article in kept]


def prepare_documents(documents: list[Document], settings: Settings) -> Prepared:
    """parse_documents, the MinHash signatures of dedup and analyse_articles in one step: a
    document goes to a worker once, and only its article, signature and claims come back."""
    figures = settings.figures()
    prepared = Prepared([], [], [], [], {})
    for outcome, signature, claims, seconds in on_all_cores(
            _prepare, [(d, figures, settings.aspects) for d in documents]):
        if isinstance(outcome, Failure):
            prepared.failures.append(outcome)
        else:
            prepared.articles.append(outcome)
            prepared.signatures.append(signature)
            prepared.claims.append(claims)
        for step, spent in seconds.items():
            prepared.cpu_seconds[step] = prepared.cpu_seconds.get(step, 0.0) + spent
    return prepared


def _prepare(work) -> tuple[Article | Failure, list[int] | None, list[Claim] | None, dict[str, float]]:
    document, figures, aspects = work
    started = time.process_time()
    outcome = _parse_document(document)
    parsed = time.process_time()
    seconds = {"extraction": parsed - started}
    if isinstance(outcome, Failure):
        return outcome, None, None, seconds
    signature = minhash(outcome.text)
    signed = time.process_time()
    claims = claims_about(outcome.text, figures, aspects)
    seconds.update(signature=signed - parsed, claims=time.process_time() - signed)
    return outcome, signature, claims, seconds


PARALLEL_MIN = 16  # fewer items are not worth the round trip to the workers
_pool: ProcessPoolExecutor | None = None


def on_all_cores(work: Callable[[T], R], items: list[T]) -> list[R]:
    """work(item) for each item, in order, on a process per core when there are enough items.

    Extraction is CPU-bound Python (trafilatura, the claim finder): threads would share one core.
    The pool is started once per process (spawn: the caller has threads) and kept for later passes."""
    global _pool
    cores = os.cpu_count() or 1
    if cores < 2 or len(items) < PARALLEL_MIN:
        return [work(item) for item in items]
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("spawn"))
    try:
        return list(_pool.map(work, items, chunksize=max(1, min(8, len(items) // (4 * cores)))))
    except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh next time
        _pool = None
        return [work(item) for item in items]


def develop_stories(
    analysed: list[Analysed], store: Store, settings: Settings, pass_id: str, now: datetime,
    channels: list[str],
) -> Developed:
    """Judge each article against everything stored before it, and store it with its alerts."""
    result = Developed([], alert_keys=[])
    fingerprints: set[str] = set()
    figures = settings.figures()
    since = now - timedelta(days=settings.stories.window_days)
    recorded: set[str] = set()  # keys stored by this batch: a later text of one is its next version
    waiting: dict[str, tuple[Article, int]] = {}  # articles without claims, stored together

    def store_waiting() -> None:  # before the next write or read of what they change, so in order
        batch = list(waiting.values())
        for (article, _), stored in zip(batch, store.record_articles_without_claims(batch, pass_id, now),
                                        strict=True):
            if stored:
                result.ingested += 1
                recorded.add(article.key)
            else:
                result.duplicates += 1  # another writer stored the same text first
        waiting.clear()

    for item, seen in zip(analysed, store.seen_many([i.article for i in analysed]), strict=True):
        article = item.article
        if article.key in waiting:
            store_waiting()
        if article.key in recorded:
            seen = store.seen(article)
        if seen.state == "duplicate" or article.content_hash in fingerprints:
            result.duplicates += 1
            continue
        fingerprints.add(article.content_hash)
        claims = item.claims
        if seen.state == "version":
            claims = _changed_claims(claims, seen.previous_text or "")
        planned = _plan(article, claims, figures, store, since)
        if not planned:
            waiting[article.key] = (article, seen.version)
            continue
        store_waiting()
        title = article.title or planned[0].development.claim.text[:90]
        headline = headline_for({p.development.figure for p in planned}, [], title)
        if not store.record_article(article, seen.version, planned, pass_id, now, channels, headline):
            result.duplicates += 1  # another writer stored the same text first
            continue
        result.ingested += 1
        recorded.add(article.key)
        result.developments.extend(p.development for p in planned)
    store_waiting()
    return result


def _plan(article: Article, claims: list[Claim], figures, store: Store, since) -> list[PlannedClaim]:
    ref = ArticleRef(key=article.key, url=article.url, title=article.title, outlet=article.outlet,
                     published=article.published)
    judged = []
    for claim in claims:
        terms = claim_terms(claim, figures)
        judgement = judge_claim(claim, terms, store.candidates(claim.figure, terms, since))
        judged.append((claim, terms, judgement))
    planned = []
    for figure in dict.fromkeys(c.figure for c, _, _ in judged):
        mine = [(c, t, j) for c, t, j in judged if c.figure == figure]
        existing = choose_story(j.before.story_id for _, _, j in mine if j.before)
        story_id = existing or story_id_for(figure, article)
        for claim, terms, judgement in mine:
            development = Development(
                story_id=story_id, figure=figure, label=judgement.label, claim=claim, article=ref,
                before=judgement.before, changed=judgement.changed,
            )
            planned.append(PlannedClaim(development, terms, new_story=existing is None))
    return planned


def _changed_claims(claims: list[Claim], previous_text: str) -> list[Claim]:
    """For a new version of an article, only claims on sentences that were not there before."""
    before = set(content_lines("\n".join(
        previous_text[u.start:u.end] for u in split_units(previous_text))))
    return [c for c in claims if " ".join(c.text.split()).lower() not in before
            and not any(" ".join(c.text.split()).lower() in line for line in before)]


def deliver_alerts(store: Store, channels: dict[str, Channel], now: datetime, max_attempts: int,
                   policies: dict | None = None) -> list[tuple[str, str, str | None]]:
    """Send every due delivery in the outbox; returns (alert key, channel, error) per attempt.

    Policy, digests, claiming and outcomes live in flows/delivery.py."""
    from .delivery import deliver_due

    return [(a.alert_key, a.channel, a.error)
            for a in deliver_due(store, channels, policies or {}, now, max_attempts)]
