"""Render an alert as plain text, HTML and chat markup, all from one view (view.py), so every
medium shows the same structure: heading, summary, sources named, then New / Updated /
Contradicted items. Article text is escaped for each medium: HTML by the template's autoescape,
chat by `Markup.escape` (webhook.py holds the chat escapes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from storywatch.records import STATUS_WORDS, Alert

from .view import AlertView, ArticleView, ClaimView, ItemView, alert_view, describe_changes, most_telling


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("storywatch.alerts", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["status_words"] = STATUS_WORDS
    environment.globals["alert_view"] = alert_view
    return environment


@dataclass(frozen=True)
class Markup:
    """How a medium writes what the layout needs: article text escaped, a strong word, a link
    (its URL already known to be http(s)), and the end of a line."""

    escape: Callable[[str], str]
    strong: Callable[[str], str]
    link: Callable[[str, str], str]  # (url, escaped label) -> markup
    newline: str = "\n"


PLAIN = Markup(escape=lambda s: s, strong=str.upper, link=lambda url, label: f"{label}\n{url}")


def render_lines(alert: Alert, markup: Markup = PLAIN) -> list[str]:
    """The alert's lines in a medium's markup: the same structure in every medium."""
    view = alert_view(alert)
    e = markup.escape
    lines = [f"{view.heading.upper()}: {e(view.headline)}", e(view.summary)]
    if view.sources:
        lines.append(f"Sources carrying the story ({len(view.sources)}): {e(', '.join(view.sources))}")
    else:
        lines.append(f"Sources carrying the story: {alert.source_count}")
    for section in view.sections:
        lines += ["", markup.strong(f"{section.title} ({len(section.items)})")]
        for item in section.items:
            lines += [""] + _item_lines(item, markup)
    return lines


def _item_lines(item: ItemView, markup: Markup) -> list[str]:
    e = markup.escape
    if item.before is None:
        return [f"• {e(item.now.evidence)}"] + _claim_lines(item.now, markup, "  ")
    lines = [f"• What changed: {e('; '.join(item.changes) or item.label)}"]
    lines += [f"  Before: {e(item.before.evidence)}"] + _claim_lines(item.before, markup, " " * 10)
    lines += [f"  Now:    {e(item.now.evidence)}"] + _claim_lines(item.now, markup, " " * 10)
    return lines


def _claim_lines(claim: ClaimView, markup: Markup, indent: str) -> list[str]:
    lines = [indent + markup.escape(claim.says)] if claim.says else []
    return lines + [indent + line for line in _article(claim.article, markup).split("\n")]


def _article(article: ArticleView, markup: Markup) -> str:
    e = markup.escape
    if article.url is None:
        return e(article.line)
    if markup is PLAIN:
        return f"{article.line}\n{article.url}"
    label = e(f"“{article.title}”" if article.title else "the article")
    parts = [e(article.outlet), markup.link(article.url, label)] + ([e(article.when)] if article.when else [])
    return " · ".join(parts)


def render_text(alert: Alert) -> str:
    """Plain text: the heading, the summary, the sources, then the items by kind."""
    return "\n".join(render_lines(alert)) + "\n"


def render_html(alert: Alert, document: bool = False) -> str:
    """The alert as an HTML fragment, or a whole document (for email) when `document`."""
    name = "email.html.j2" if document else "alert.html.j2"
    return _environment().get_template(name).render(alerts=[alert], alert=alert,
                                                    subject=subject_line(alert), window=None)


def render_digest_text(alerts: list[Alert], window: tuple[datetime, datetime]) -> str:
    start, end = window
    stories = len({a.story_id for a in alerts})
    head = f"DIGEST {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}: {stories} stories developed"
    return "\n".join([head, "=" * len(head), ""] + [render_text(a) for a in alerts])


def render_digest_html(alerts: list[Alert], window: tuple[datetime, datetime]) -> str:
    start, end = window
    subject = f"Digest {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"
    return _environment().get_template("email.html.j2").render(alerts=alerts, subject=subject,
                                                               window=window)


def subject_line(alert: Alert) -> str:
    """A subject a person would open: the figure, then what changed."""
    figures = ", ".join(alert.figures) or alert.headline.split(":", 1)[0]
    items = alert.items
    title = alert.headline.split(": ", 1)[-1]
    if alert.kind == "new_story":
        what = f"new story: {title}"
    else:
        first = most_telling(items)
        if first:
            words = describe_changes(first)
            change = words[0].split(" (was ", 1)[0] if words else first.label
            what = f"{'contradicted' if first.label == 'contradict' else 'updated'}: {change}"
        else:
            what = f"{len(items)} new {'claim' if len(items) == 1 else 'claims'}: {title}"
    return " ".join(f"{figures}: {what}".split())[:200]


__all__ = ["AlertView", "Markup", "render_digest_html", "render_digest_text", "render_html", "render_lines",
           "render_text", "subject_line"]
