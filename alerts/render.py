"""Render an alert as plain text and HTML. Article text is escaped in HTML."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from storywatch.records import STATUS_WORDS, Alert


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
    return environment


def render_text(alert: Alert) -> str:
    """Plain text: the story, then one block per development."""
    heading = "NEW STORY" if alert.kind == "new_story" else "STORY DEVELOPED"
    lines = [f"{heading}: {alert.headline}",
             f"Sources carrying the story: {alert.source_count}", ""]
    for item in alert.items:
        lines.append(f"[{item.label}] {item.text}")
        said = STATUS_WORDS[item.status] + (f", per {item.source}" if item.source else "")
        said += f" ({item.outlet})" if item.outlet else ""
        lines.append(f"    {said}")
        if item.url:
            lines.append(f"    {item.url}")
        lines.extend(f"    changed {change}" for change in item.changed)
        if item.before and item.label in ("update", "contradict"):
            lines.append(f"    before: {item.before}")
        lines.append("")
    return "\n".join(lines)


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
        turned = [i for i in items if i.label in ("update", "contradict")]
        if turned:
            first = turned[0]
            change = first.changed[0] if first.changed else first.label
            by = f" per {first.source}" if first.source else ""
            what = f"{'contradicted' if first.label == 'contradict' else 'updated'}{by} ({change})"
        else:
            what = f"{len(items)} new {'claim' if len(items) == 1 else 'claims'}: {title}"
    return " ".join(f"{figures}: {what}".split())[:200]
