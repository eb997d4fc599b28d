"""A batch of documents -> articles, their near-duplicate signatures and their claims: the CPU-bound
work of a pass, done in one trip to a worker process per document (workers.py)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from storywatch.config import Settings
from storywatch.errors import Rejected
from storywatch.extractors import extract_claims, may_mention, parse_document, parse_page, parse_summary
from storywatch.records import Article, Claim, Document, Failure, Figure
from storywatch.signatures import minhash
from storywatch.sources import canonical_url

from .workers import on_all_cores


@dataclass
class Prepared:
    """A batch of documents after a pass's CPU-bound work: each article with its MinHash signature
    and its claims; the documents that failed; and the CPU seconds each step took, summed over
    the batch."""
    articles: list[Article]
    signatures: list[list[int]]
    claims: list[list[Claim]]
    failures: list[Failure]
    cpu_seconds: dict[str, float]


def prepare_documents(documents: Iterable[Document], settings: Settings,
                      count: int | None = None) -> Prepared:
    """Parse each document, sign it and find its claims; a document goes to a worker once, and
    only its article, signature and claims come back. `documents` may come one by one (a batch's
    pages as they are fetched), at most `count` of them: each goes to the workers as it comes."""
    figures = settings.figures()
    prepared = Prepared([], [], [], [], {})
    if count is None:
        documents = list(documents)
        count = len(documents)
    for outcome, signature, claims, seconds in on_all_cores(
            _prepare, ((d, figures, settings.aspects) for d in documents), count):
        if isinstance(outcome, Failure):
            prepared.failures.append(outcome)
        else:
            assert signature is not None and claims is not None
            prepared.articles.append(outcome)
            prepared.signatures.append(signature)
            prepared.claims.append(claims)
        for step, spent in seconds.items():
            prepared.cpu_seconds[step] = prepared.cpu_seconds.get(step, 0.0) + spent
    return prepared


def _prepare(work) -> tuple[Article | Failure, list[int] | None, list[Claim] | None, dict[str, float]]:
    document, figures, aspects = work
    started = time.process_time()
    outcome = parse(document)
    parsed = time.process_time()
    seconds = {"extraction": parsed - started}
    if isinstance(outcome, Failure):
        return outcome, None, None, seconds
    signature = minhash(outcome.text)
    signed = time.process_time()
    claims = claims_about(outcome.text, figures, aspects)
    seconds.update(signature=signed - parsed, claims=time.process_time() - signed)
    return outcome, signature, claims, seconds


def parse(document: Document) -> Article | Failure:
    """A seed file, a fetched page or a feed entry's summary -> its Article, or why not."""
    try:
        if document.url is None:
            return parse_document(document)
        if document.hints.get("from") == "summary":
            article = parse_summary(document)
        else:
            article = parse_page(document)
    except Rejected as exc:
        return Failure(source=document.source, reason=str(exc))
    return article.model_copy(update={"key": canonical_url(article.key)})


def claims_about(text: str, figures: list[Figure], aspects: dict[str, list[str]] | None) -> list[Claim]:
    """The article's claims about the figures. Every claim rests on a mention of a figure by name,
    alias or role (a pronoun refers back to one), so a text with none of them has no claims, and
    most pages of most feeds skip the whole claims stage."""
    if not may_mention(text, figures):
        return []
    # only the claims are kept: the confidence model's choice of the analysis's attributions (a
    # tenth of the claims stage's time) would be thrown away, so it is not made
    return extract_claims(text, figures, aspects, confidence=None)[1]
