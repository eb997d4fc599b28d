"""Render an alert as plain text and HTML. Article text is escaped in HTML."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("alerts", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_text(alert: dict) -> str:
    """Plain text: the story, then one block per development."""
    heading = "NEW STORY" if alert["kind"] == "new_story" else "STORY DEVELOPED"
    lines = [f"{heading}: {alert['headline']}",
             f"Sources carrying the story: {alert['source_count']}", ""]
    for item in alert["items"]:
        lines.append(f"[{item['label']}] {item['text']}")
        said = item["status"] + (f", per {item['source']}" if item.get("source") else "")
        said += f" ({item['outlet']})" if item.get("outlet") else ""
        lines.append(f"    {said}")
        if item.get("url"):
            lines.append(f"    {item['url']}")
        lines.extend(f"    changed {change}" for change in item.get("changed", ()))
        if item.get("before") and item["label"] in ("update", "contradict"):
            lines.append(f"    before: {item['before']}")
        lines.append("")
    return "\n".join(lines)


def render_html(alert: dict) -> str:
    return _environment().get_template("alert.html.j2").render(alert=alert)


def subject_line(alert: dict) -> str:
    prefix = "New story" if alert["kind"] == "new_story" else "Story developed"
    return f"{prefix}: {alert['headline']}"[:200]
